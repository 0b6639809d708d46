"""install / uninstall / patched / info on real TensorFlow: idempotence, threads, exact restore, rollback."""
import sys
import threading

import numpy as np
import pytest

import xavier_compat as xc
from _helpers import run_code, run_initialized
from xavier_compat import _backend, patching

tf = _backend.tf()
TF1 = _backend.is_tf1()
KERAS3 = _backend.keras_flavour() == _backend.KERAS3
_ABSENT = object()
# attributes install() may touch, per target
_WATCHED = ("contrib", "layers", "get_variable", "variable_scope", "AUTO_REUSE") + tuple(
    new for new, _ in patching._TF1_INITIALIZERS)


def _targets():
    found = [tf, tf.compat.v1]
    if TF1:
        found.append(tf.initializers)  # TF2's is a Keras lazy loader whose __dict__ fills on first use
    return found


def snapshot():
    """Keys of the targets' own __dict__s, their __all__ lists, identities of watched names, sys.modules."""
    state = []
    for obj in _targets():
        own = patching._own_dict(obj)
        names = own.get("__all__")
        state.append((sorted(own), sorted(names) if isinstance(names, list) else None,
                      [(n, id(own.get(n, _ABSENT))) for n in _WATCHED]))
        if "_tfmw_attr_map" in own:  # TF 1.15 wrapper's lookup cache: must not keep what install() added
            state.append(sorted(n for n in own["_tfmw_attr_map"] if n in _WATCHED))
    return state, sorted(sys.modules)


def differences(before, after):
    """Readable differences between two snapshots (empty when identical)."""
    found = []
    for i, (x, y) in enumerate(zip(before[0], after[0])):
        if x != y:
            for part_x, part_y in zip(x, y) if isinstance(x, tuple) else [(x, y)]:
                if part_x != part_y:
                    found.append((i, sorted(set(map(str, part_x or ())) ^ set(map(str, part_y or ())))))
    found.extend(("sys.modules", n) for n in sorted(set(before[1]) ^ set(after[1])))
    return found


@pytest.fixture(autouse=True)
def clean():
    xc.uninstall()
    xc.install()
    xc.uninstall()  # warm-up: modules imported by install() are imported once, before any snapshot
    yield
    xc.uninstall()


def test_install_is_idempotent_and_uninstall_once_restores():
    before = snapshot()
    xc.install()
    once = snapshot()
    assert once != before
    applied = list(patching._applied)
    xc.install()
    assert snapshot() == once and patching._applied == applied
    xc.uninstall()
    assert not differences(before, snapshot())
    xc.uninstall()  # uninstalling when not installed is a no-op
    assert not differences(before, snapshot())


def test_exact_restore_of_attributes_and_sys_modules():
    before = snapshot()
    modules_before = set(sys.modules)
    xc.install()
    if TF1:
        assert tf.initializers.GlorotUniform is tf.keras.initializers.glorot_uniform
    else:
        added = {"tensorflow.contrib", "tensorflow.contrib.layers", "tensorflow.contrib.slim"}
        assert added <= set(sys.modules)
        assert tf.contrib is tf.compat.v1.contrib is sys.modules["tensorflow.contrib"]
    xc.uninstall()
    assert not differences(before, snapshot())
    assert set(sys.modules) == modules_before
    if TF1:
        assert not hasattr(tf.initializers, "GlorotUniform")
    else:
        assert not hasattr(tf, "contrib") and not hasattr(tf.compat.v1, "contrib")
        assert not hasattr(tf, "layers") and not hasattr(tf, "get_variable")
        with pytest.raises(ImportError):
            exec("import tensorflow.contrib.layers", {})


def test_concurrent_installs_apply_each_patch_once():
    before = snapshot()
    barrier = threading.Barrier(8)
    errors = []

    def worker():
        try:
            barrier.wait()
            xc.install()
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    places = [(e.patch.target, e.patch.attr) for e in patching._applied]
    assert len(places) == len(set(places)) > 0
    assert xc.info()["installed"]
    xc.uninstall()
    assert not differences(before, snapshot())


def test_concurrent_patched_blocks_keep_patches_until_the_last_closes():
    before = snapshot()
    inside, release = threading.Barrier(5), threading.Event()
    seen = []

    def worker():
        with xc.patched():
            inside.wait()
            release.wait(30)
            seen.append(xc.info()["installed"])

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    inside.wait()
    assert xc.info()["installed"]
    release.set()
    for t in threads:
        t.join()
    assert seen == [True] * 4
    assert not differences(before, snapshot())


def test_patched_restores_when_the_body_raises():
    before = snapshot()
    with pytest.raises(ZeroDivisionError):
        with xc.patched():
            assert xc.info()["installed"]
            _ = 1 / 0
    assert not differences(before, snapshot()) and not xc.info()["installed"]


def test_patched_nested_and_already_installed():
    before = snapshot()
    with xc.patched():
        installed = snapshot()
        with xc.patched():
            assert snapshot() == installed
        assert snapshot() == installed  # the inner block installed nothing, so it undoes nothing
    assert not differences(before, snapshot())

    xc.install()
    installed = snapshot()
    with xc.patched():
        pass
    assert snapshot() == installed  # installed before the block: the block leaves it installed
    xc.uninstall()
    assert not differences(before, snapshot())

    with xc.patched():
        xc.install()  # an explicit install inside a block keeps the patches after it
    assert snapshot() == installed
    xc.uninstall()

    with xc.patched():
        xc.uninstall()  # an explicit uninstall inside a block: the exit has nothing left to undo
        assert not differences(before, snapshot())
    assert not differences(before, snapshot())


def _failing_patches():
    when = "tf1" if TF1 else "tf2"
    return [patching.Patch("tf", "_xc_probe_ok", "xavier_compat._backend:KERAS3", when),
            patching.Patch("tf", "_xc_probe_bad", "xavier_compat._no_such_module:thing", when)]


def test_failure_half_way_rolls_everything_back():
    before = snapshot()
    with pytest.raises(ImportError, match="_no_such_module"):
        patching._install(extra=_failing_patches())
    assert not differences(before, snapshot())
    assert not hasattr(tf, "_xc_probe_ok")
    assert not xc.info()["installed"] and patching._applied == [] and patching._saved == {}
    xc.install()  # and a normal install still works afterwards
    assert xc.info()["installed"]


def test_saved_originals_keep_the_real_original_and_absence():
    xc.install()
    if KERAS3:
        assert patching._saved["tf.compat.v1"]["layers"].__class__.__name__ == "KerasLazyLoader"
    for target, saved in patching._saved.items():
        for attr, original in saved.items():
            if target != "tf.compat.v1" or attr != "layers":
                assert original is patching._MISSING, (target, attr)
    assert repr(patching._MISSING) == "<missing>"


def test_info_reports_versions_and_patches():
    data = xc.info()
    assert set(data) >= {"tensorflow", "keras", "eager", "installed", "patches", "tf_keras_available"}
    assert data["tensorflow"] == tf.__version__ and data["keras"] == _backend.keras_flavour()
    assert data["installed"] is False and isinstance(data["eager"], bool)
    would = data["patches"]
    xc.install()
    data = xc.info()
    assert data["installed"] is True and data["patches"] == would
    if TF1:
        assert would == ["tf.initializers." + new for new, _ in patching._TF1_INITIALIZERS]
    else:
        assert {"tf.contrib", "tf.compat.v1.contrib", "tf.layers", "tf.get_variable",
                "sys.modules['tensorflow.contrib.slim']"} <= set(would)
        assert ("tf.compat.v1.layers" in would) == KERAS3


@pytest.mark.skipif(TF1, reason="TF 1.15 has tf.contrib itself; install() adds no contrib modules there")
def test_import_forms_work_while_installed():
    from xavier_compat import initializers

    with xc.patched():
        ns = {}
        exec("import tensorflow.contrib.layers\n"
             "from tensorflow.contrib.layers import xavier_initializer\n"
             "from tensorflow.contrib import layers\n"
             "import tensorflow.contrib.slim as slim\n"
             "import tensorflow.contrib.rnn\n"
             "import tensorflow.contrib as tf_contrib\n"
             "import tensorflow.compat.v1 as v1\n", ns)
        assert ns["xavier_initializer"] is initializers.xavier_initializer
        assert ns["layers"] is ns["tensorflow"].contrib.layers is sys.modules["tensorflow.contrib.layers"]
        assert ns["slim"] is sys.modules["tensorflow.contrib.slim"] is tf.contrib.slim
        assert ns["tf_contrib"] is tf.contrib is ns["v1"].contrib
        assert ns["v1"].contrib.layers.xavier_initializer_conv2d is initializers.xavier_initializer_conv2d


@pytest.mark.skipif(TF1, reason="TF 1.15 has these names itself")
def test_tf1_names_build_a_graph_with_the_contrib_initializer():

    with xc.patched(), tf.Graph().as_default():
        with tf.variable_scope("s", reuse=tf.AUTO_REUSE):
            w = tf.get_variable("w", [30, 20], initializer=tf.contrib.layers.xavier_initializer(seed=3))
        with tf.variable_scope("s", reuse=tf.AUTO_REUSE):
            again = tf.get_variable("w", [30, 20])
        assert again is w and w.name == "s/w:0"
        assert tf.get_variable is xc.get_variable and tf.variable_scope is xc.variable_scope
        assert tf.AUTO_REUSE is tf.compat.v1.AUTO_REUSE
        value = run_initialized(w)
    limit = np.sqrt(6.0 / 50)
    assert np.abs(value).max() <= limit * 1.000001 and np.abs(value).max() > 0.9 * limit


@pytest.mark.skipif(not TF1, reason="TF 1.15 only: the real tf.contrib and the added TF2 initializer names")
def test_tf115_keeps_real_contrib_and_adds_tf2_initializer_names():
    own = patching._own_dict(tf)
    contrib_before = own.get("contrib", _ABSENT)
    with xc.patched():
        assert own.get("contrib", _ABSENT) is contrib_before
        assert tf.contrib.layers.xavier_initializer.__module__.startswith("tensorflow")
        with tf.Graph().as_default():
            init = tf.initializers.GlorotUniform()
            a = tf.Variable(init(shape=(300, 100)))
            b = tf.get_variable("b", shape=[300, 100], initializer=tf.initializers.GlorotUniform(seed=1))
            he = tf.initializers.HeNormal(seed=2)(shape=(50, 10))
            with tf.Session() as sess:
                sess.run(tf.global_variables_initializer())
                a, b, he = sess.run([a, b, he])
    limit = np.sqrt(6.0 / 400)
    assert np.abs(a).max() <= limit * 1.000001 and np.abs(b).max() <= limit * 1.000001
    assert np.abs(he).max() <= 2 * np.sqrt(2.0 / 50) / 0.87962566103423978 * 1.000001
    assert not hasattr(tf.initializers, "GlorotUniform")


def test_libraries_imported_after_install_still_work():
    out = run_code("""
        import importlib.util, sys
        import numpy as np
        import xavier_compat as xc
        xc.install()
        import tensorflow as tf
        from xavier_compat import _backend
        assert "tf_slim" not in sys.modules  # install() stays lazy
        assert "tf_keras" not in sys.modules or _backend.keras_flavour() != _backend.KERAS3
        if not tf.__version__.startswith("1."):
            import tensorflow.compat.v1 as tf1  # TF 2.21 would load a second, unpatched copy of v1
            assert tf1 is tf.compat.v1 and tf1.contrib is tf.contrib
        done = []
        if importlib.util.find_spec("tf_slim"):
            import tf_slim as slim
            with tf.Graph().as_default():
                x = tf.compat.v1.placeholder(tf.float32, [None, 6])
                y = slim.fully_connected(x, 3, weights_initializer=tf.contrib.layers.xavier_initializer())
                with tf.compat.v1.Session() as s:
                    s.run(tf.compat.v1.global_variables_initializer())
                    assert s.run(y, {x: np.ones([2, 6], np.float32)}).shape == (2, 3)
            done.append("tf_slim")
        if importlib.util.find_spec("tf_keras"):
            import tf_keras
            m = tf_keras.Sequential([tf_keras.layers.Dense(2, input_shape=(4,))])
            m.compile("sgd", "mse")
            m.fit(np.ones([8, 4]), np.ones([8, 2]), verbose=0, epochs=1)
            done.append("tf_keras")
        if importlib.util.find_spec("keras"):
            import keras
            m = keras.Sequential([keras.Input((4,)), keras.layers.Dense(2)])
            m.compile(optimizer="sgd", loss="mse")
            m.fit(np.ones([8, 4]), np.ones([8, 2]), verbose=0, epochs=1)
            done.append("keras")
        m = tf.keras.Sequential([tf.keras.layers.Dense(2, input_shape=(4,))])
        m.compile(optimizer="sgd", loss="mse")
        m.fit(np.ones([8, 4]), np.ones([8, 2]), verbose=0, epochs=1)
        done.append("tf.keras")
        print("DONE", " ".join(done))
    """, timeout=240)
    done = out.split("DONE", 1)[1].split()
    assert "tf.keras" in done
    if not TF1:
        assert {"tf_slim", "keras"} <= set(done)
    if KERAS3:
        assert "tf_keras" in done


@pytest.mark.skipif(TF1, reason="TF 1.15 keeps its own tf.get_variable")
def test_eager_get_variable_shares_as_tf1_did():
    with xc.patched():
        assert tf.executing_eagerly()
        with tf.variable_scope("eager_share", reuse=tf.AUTO_REUSE):
            a = tf.get_variable("v", [3, 2], initializer=tf.contrib.layers.xavier_initializer())
        with tf.variable_scope("eager_share", reuse=True):
            b = tf.get_variable("v", [3, 2])
        assert a is b

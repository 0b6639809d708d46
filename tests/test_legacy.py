"""The runner's TF1 world: mode detection (pure), who receives the v1 module, the v1 module itself."""
import builtins
import os
import sys
import sysconfig
import textwrap

import pytest

from _helpers import run_runner
from xavier_compat import _backend, _detect, legacy

V1_NAMES = {"get_variable", "variable_scope", "AUTO_REUSE", "placeholder", "Session", "random_uniform",
            "layers"}


def _mode(tmp_path, text, name="main.py", **files):
    for other, body in files.items():
        target = tmp_path / other
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(textwrap.dedent(body))
    script = tmp_path / name
    script.write_text(textwrap.dedent(text))
    return _detect.decide(_detect.scan_program(str(script)), V1_NAMES)[0]


# --- detection (pure: no TensorFlow) -------------------------------------------------------------------
@pytest.mark.parametrize("text, mode", [
    ("import tensorflow as tf\nwith tf.Session() as s: pass\n", _detect.TF1_GRAPH),
    ("import tensorflow as tf\nx = tf.placeholder(tf.float32)\n", _detect.TF1_GRAPH),
    ("import tensorflow as tf\nsess = tf.InteractiveSession()\n", _detect.TF1_GRAPH),
    ("import tensorflow as tf\ntf.train.MonitoredTrainingSession()\n", _detect.TF1_GRAPH),
    ("import tensorflow as tf\ns = tf.compat.v1.Session()\n", _detect.TF1_GRAPH),
    ("import tensorflow.compat.v1 as tf\ntf.disable_v2_behavior()\n", _detect.TF1_GRAPH),
    ("from tensorflow.compat import v1\nv1.placeholder('float')\n", _detect.TF1_GRAPH),
    ("from tensorflow import placeholder as ph\n", _detect.TF1_GRAPH),
    ("def f():\n    import tensorflow as T\n    return T.Session()\n", _detect.TF1_GRAPH),
    ("import tensorflow as tf\nw = tf.get_variable('w', [2])\n", _detect.TF1_EAGER),
    ("import tensorflow.compat.v1 as tf\nw = tf.get_variable('w', [2])\n", _detect.TF1_EAGER),
    ("import tensorflow as tf\ny = tf.nn.dropout(tf.ones([2]), keep_prob=0.9)\n", _detect.TF1_EAGER),
    ("import tensorflow as tf\ntf.enable_eager_execution()\n", _detect.TF1_EAGER),
    # explicit compat.v1 names on a TF2 `tf` keep plain `tf` TF2
    ("import tensorflow as tf\nw = tf.compat.v1.get_variable('w', [2])\n", _detect.TF2),
    # contrib alone: TF2 has no contrib to clash with, install() adds it
    ("import tensorflow as tf\ni = tf.contrib.layers.xavier_initializer()\n", _detect.TF2),
    ("import tensorflow as tf\nm = tf.keras.Sequential()\n", _detect.TF2),
    ("import requests\ns = requests.Session()\n", _detect.TF2),
    # code that already handles both worlds
    ("import tensorflow as tf\nif tf.executing_eagerly():\n    pass\nelse:\n    s = tf.compat.v1.Session()\n",
     _detect.TF2),
    ("import tensorflow as tf\nif tf.__version__ < '2':\n    s = tf.Session()\n", _detect.TF2),
])
def test_decide_from_script(tmp_path, text, mode):
    assert _mode(tmp_path, text) == mode


def test_local_module_next_to_script_counts(tmp_path):
    util = "import tensorflow as tf\ndef make():\n    return tf.placeholder(tf.float32)\n"
    text = "import tf_util\nx = tf_util.make()\n"
    assert _mode(tmp_path, text, **{"tf_util.py": util}) == _detect.TF1_GRAPH
    assert _mode(tmp_path, "from models import net\n", **{"models/net.py": util,
                                                            "models/__init__.py": ""}) == _detect.TF1_GRAPH


def test_local_module_in_a_sys_path_literal_directory_counts(tmp_path):
    text = """\
        import os, sys
        BASE_DIR = os.path.dirname(os.path.abspath(__file__))
        sys.path.append(os.path.join(BASE_DIR, 'utils'))
        import tf_util
        """
    util = "import tensorflow as tf\nS = tf.Session\n"
    assert _mode(tmp_path, text, **{"utils/tf_util.py": util}) == _detect.TF1_GRAPH


def test_local_modules_are_read_one_level_deep(tmp_path):
    deep = "import tensorflow as tf\nS = tf.Session\n"
    assert _mode(tmp_path, "import a\n", **{"a.py": "import b\n", "b.py": deep}) == _detect.TF2


def test_facts_separate_local_and_third_party_imports(tmp_path):
    (tmp_path / "helper.py").write_text("import numpy\nimport json\n")
    (tmp_path / "main.py").write_text("import helper, os\nfrom collections import OrderedDict\n")
    facts = _detect.scan_program(str(tmp_path / "main.py"))
    assert facts.imported_tops == {"numpy", "json", "os", "collections"}
    assert not facts.imports_tensorflow and not facts.syntax_error


def test_forced_modes_and_bad_values(tmp_path):
    (tmp_path / "m.py").write_text("import tensorflow as tf\nS = tf.Session\n")
    facts = _detect.scan_program(str(tmp_path / "m.py"))
    assert _detect.decide(facts, forced="tf2")[0] == _detect.TF2
    assert _detect.decide(_detect.Facts(), forced="tf1")[0] == _detect.TF1_GRAPH
    with pytest.raises(ValueError, match="forced='tf3'.*'tf1', 'tf2'"):
        _detect.decide(facts, forced="tf3")
    with pytest.raises(ValueError, match="forced='graph'"):
        legacy.LegacyWorld(str(tmp_path / "m.py"), forced="graph")


def test_syntax_error_sets_nothing_up(tmp_path):
    (tmp_path / "bad.py").write_text("import tensorflow as tf\ndef f(:\n")
    world = legacy.LegacyWorld(str(tmp_path / "bad.py"))
    world.enter()
    world.exit()
    assert world.facts.syntax_error and world.mode is None


def test_stdlib_only_program_needs_no_tensorflow(tmp_path):
    (tmp_path / "m.py").write_text("import os, json\nfrom collections import deque\n")
    assert not legacy.LegacyWorld(str(tmp_path / "m.py")).needs_tensorflow()
    (tmp_path / "n.py").write_text("import numpy\n")
    assert legacy.LegacyWorld(str(tmp_path / "n.py")).needs_tensorflow()


# --- who is user code --------------------------------------------------------------------------------
def test_user_code_is_outside_stdlib_site_packages_and_this_package(tmp_path):
    is_user = legacy._UserCode()
    purelib = sysconfig.get_paths()["purelib"]
    assert is_user({"__file__": str(tmp_path / "train.py")})
    assert is_user({"__name__": "__main__"})
    assert not is_user({"__name__": "somelib"}) and not is_user(None)
    assert not is_user({"__file__": os.path.join(purelib, "tf_keras", "layers.py")})
    assert not is_user({"__file__": os.__file__})
    assert not is_user({"__file__": legacy.__file__})
    assert not is_user({"__file__": "/opt/lib/python3/dist-packages/keras/x.py"})


# --- the v1 module and the import redirect (TF2; real TensorFlow, v2 behaviour untouched) -------------
needs_tf2 = pytest.mark.skipif(_backend.is_tf1(),
                               reason="TF 1.x is TF1 already: the runner serves no v1 module")


@needs_tf2
def test_static_guess_names_are_tf1_only_names():
    tf = _backend.tf()
    assert legacy.STATIC_V1_GUESS <= set(dir(tf.compat.v1)) - set(dir(tf.compat.v2))


@needs_tf2
def test_v1_module_serves_v1_names_and_falls_back_to_tf2_names():
    tf = _backend.tf()
    v1 = legacy.V1Module(tf, {"get_variable": "override"})
    assert v1.__name__ == "tensorflow" and "TF1 API" in repr(v1)
    assert v1.nn.dropout is tf.compat.v1.nn.dropout
    assert v1.random_uniform is tf.compat.v1.random_uniform
    assert v1.get_variable == "override"
    assert v1.compat.v1 is v1 and v1.compat.v2 is tf.compat.v2
    assert "autodiff" not in dir(tf.compat.v1) and v1.autodiff is tf.autodiff  # a name TF1 never had
    assert "placeholder" in v1.__all__ and "placeholder" in dir(v1)
    with pytest.raises(AttributeError, match="no attribute 'no_such_name'"):
        v1.no_such_name  # noqa: B018


@needs_tf2
def test_import_redirect_gives_user_code_the_v1_module_and_libraries_the_real_one(tmp_path):
    tf = _backend.tf()
    v1 = legacy.V1Module(tf)
    redirect = legacy.ImportRedirect(v1)
    code = compile(textwrap.dedent("""\
        import tensorflow as tf
        import tensorflow
        import tensorflow.compat.v1 as tf1
        from tensorflow.compat import v1 as tf1b
        from tensorflow import nn
        from tensorflow.python.framework import ops
        """), "user.py", "exec")
    user = {"__name__": "user", "__file__": str(tmp_path / "user.py")}
    library = {"__name__": "lib", "__file__": os.path.join(sysconfig.get_paths()["purelib"], "lib.py")}
    original = builtins.__import__
    redirect.install()
    try:
        exec(code, user)
        exec(code, library)
    finally:
        redirect.uninstall()
    assert builtins.__import__ is original
    assert user["tf"] is v1 and user["tensorflow"] is v1 and user["tf1"] is v1 and user["tf1b"] is v1
    assert user["nn"] is tf.compat.v1.nn
    assert library["tf"] is tf and library["tensorflow"] is tf and library["nn"] is tf.nn
    assert user["ops"] is library["ops"] is sys.modules["tensorflow.python.framework.ops"]
    assert sys.modules["tensorflow"] is tf


# --- end to end, in a fresh interpreter --------------------------------------------------------------
@needs_tf2
def test_graph_run_gives_v1_to_script_and_local_module_real_tf_to_libraries(tmp_path):
    (tmp_path / "helper.py").write_text(textwrap.dedent("""\
        import tensorflow as tf

        def fail():
            raise RuntimeError("from helper")
        DROPOUT = tf.nn.dropout
        """))
    script = tmp_path / "main.py"
    script.write_text(textwrap.dedent("""\
        import sys
        import tensorflow as tf
        import helper
        from xavier_compat import _backend
        real = sys.modules["tensorflow"]
        assert tf is not real and helper.tf is tf and _backend.tf() is real
        assert helper.DROPOUT is real.compat.v1.nn.dropout and not hasattr(real, "placeholder")
        assert not tf.executing_eagerly()
        x = tf.placeholder(tf.float32, [None, 3])
        assert x.shape[1].value == 3
        print("OK")
        helper.fail()
        """))
    proc = run_runner(script, "-v", cwd=tmp_path)
    assert proc.stdout.splitlines() == ["OK"], proc.stderr
    assert proc.returncode == 1
    assert "mode tf1-graph" in proc.stderr
    tail = proc.stderr[proc.stderr.index("Traceback (most recent call last):"):].splitlines()
    files = [line.split('"')[1] for line in tail if line.startswith('  File "')]
    assert files == [str(script), str(tmp_path / "helper.py")]
    assert tail[-1] == "RuntimeError: from helper"


def test_tf1_graph_mode_turns_off_the_remapper_only_where_it_crashes(tmp_path):
    script = tmp_path / "graph_options.py"
    script.write_text(textwrap.dedent("""\
        import tensorflow as tf
        x = tf.placeholder(tf.float32, [None, 2])
        print("REMAPPING", tf.config.optimizer.get_experimental_options().get("remapping"))
        """))
    proc = run_runner(script, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    expected = "False" if (not _backend.is_tf1() and _backend.remapper_breaks_tf1_graphs()) else "None"
    assert "REMAPPING %s" % expected in proc.stdout.splitlines()

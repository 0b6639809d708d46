"""TF 1.15's internal contrib paths (tensorflow.contrib.framework.python.ops ...): import forms, identities,
laziness, exact removal, helpful errors.  install() is process-global, so the TF2 checks run in a fresh
interpreter (one per env) whose findings the tests below read."""
import importlib
import importlib.util
import json

import pytest

from _helpers import run_code
from xavier_compat import _backend, contrib, patching
from xavier_compat.contrib import _internal_paths as paths

TF1 = _backend.is_tf1()
HAS_SLIM = importlib.util.find_spec("tf_slim") is not None
ALL_PATHS = sorted(set(paths.MEMBERS) | set(paths.PROXIES))

# The legacy import forms measured on real code (SSD-Tensorflow, GAN code), and the names they bind.
SCRIPT = r'''
import json, sys
import xavier_compat as xc
from xavier_compat import contrib
from xavier_compat.contrib import _internal_paths as paths
out = {}
before = set(sys.modules)
xc.install()
added = set(sys.modules) - before
heavy = ("tf_slim", "xavier_compat.contrib.", "xavier_compat.init")
out["lazy"] = sorted(m for m in added if m.startswith(heavy))
out["entries"] = sorted(m for m in paths.MODULE_NAMES if m in sys.modules)
import tensorflow as tf
from tensorflow.contrib.framework.python.ops import add_arg_scope, arg_scope
from tensorflow.contrib.layers.python.layers import initializers, regularizers
import tensorflow.contrib.layers.python.layers.initializers as init_module
import tensorflow.contrib.layers.python.layers.layers as layers_module
from tensorflow.contrib.metrics.python.ops import set_ops
import tensorflow.contrib.metrics.python.ops.set_ops as set_ops2
from tensorflow.python.ops import sets
from xavier_compat import initializers as xi
from xavier_compat.contrib import arg_scope as xas, layers_impl, regularizers as xr
out["same"] = {
    "add_arg_scope": add_arg_scope is tf.contrib.framework.add_arg_scope is xas.add_arg_scope,
    "arg_scope": arg_scope is tf.contrib.framework.arg_scope is xas.arg_scope,
    "initializers": initializers is init_module and all(
        getattr(init_module, n) is getattr(xi, n) for n in ("xavier_initializer", "xavier_initializer_conv2d",
                                                            "variance_scaling_initializer")),
    "layers": layers_module.conv2d is layers_impl.conv2d and layers_module.convolution2d is layers_impl.conv2d
              and layers_module.batch_norm is layers_impl.batch_norm,
    "regularizers": regularizers.l2_regularizer is xr.l2_regularizer is tf.contrib.layers.l2_regularizer,
    "set_ops": set_ops.set_size is sets.set_size and set_ops2 is set_ops,
    "packages": sorted(n for n in paths.MODULE_NAMES if getattr(sys.modules[n], "__path__", None) == []),
}
if %(slim)r:
    import tf_slim
    from tensorflow.contrib.framework.python.ops import variables
    from tensorflow.contrib.layers.python.layers import utils
    import tensorflow.contrib.framework.python.ops.variables as variables2
    slim = tf.contrib.slim
    out["same"]["variables"] = variables.model_variable is tf_slim.model_variable and variables2 is variables
    out["same"]["utils"] = utils.collect_named_outputs is tf_slim.layers.utils.collect_named_outputs
    out["same"]["slim"] = slim.add_arg_scope is add_arg_scope and slim.arg_scope is arg_scope

    @add_arg_scope  # SSD-Tensorflow's custom_layers.pad2d pattern, then slim.arg_scope over it
    def pad2d(x, pad=(1, 1), mode="CONSTANT"):
        return (x, pad, mode)

    with slim.arg_scope([pad2d, slim.conv2d], mode="REFLECT"):
        with tf.contrib.framework.arg_scope([pad2d], pad=(2, 2)):
            out["scoped"] = list(pad2d("x")[1:])
    out["unscoped"] = list(pad2d("x")[1:])
    with tf.Graph().as_default():
        v = variables.model_variable("w", shape=[2, 3], initializer=init_module.xavier_initializer())
        out["model_variable"] = [v.name, v in tf.compat.v1.get_collection("model_variables")]
errors = {}
try:
    tf.contrib.layers.python
except AttributeError as exc:
    errors["public_attr"] = str(exc)
try:
    sys.modules["tensorflow.contrib.layers.python.layers"].embed_sequence
except AttributeError as exc:
    errors["attr"] = [type(exc).__name__, str(exc)]
try:
    import tensorflow.contrib.framework.python.ops.no_such_module  # noqa: F401
except ImportError as exc:
    errors["import"] = [type(exc).__name__, str(exc)]
try:
    from tensorflow.contrib.layers.python.layers import no_such_member  # noqa: F401
except ImportError as exc:
    errors["from"] = [type(exc).__name__, str(exc)]
try:
    tf.contrib.metrics.streaming_auc
except AttributeError as exc:
    errors["metrics"] = str(exc)
out["errors"] = errors
xc.uninstall()
out["after"] = sorted(m for m in paths.MODULE_NAMES if m in sys.modules)
gone = []
for stmt in ("from tensorflow.contrib.framework.python.ops import add_arg_scope",
             "import tensorflow.contrib.layers.python.layers.initializers",
             "from tensorflow.contrib.metrics.python.ops import set_ops"):
    try:
        exec(stmt, {})
    except ImportError:
        gone.append(stmt)
out["gone"] = gone
print("RESULT " + json.dumps(out))
'''


@pytest.fixture(scope="module")
def run():
    """Findings of SCRIPT in a fresh interpreter of this env."""
    out = run_code(SCRIPT % {"slim": HAS_SLIM})
    line = [x for x in out.splitlines() if x.startswith("RESULT ")][-1]
    return json.loads(line[len("RESULT "):])


needs_tf2 = pytest.mark.skipif(TF1, reason="TF 1.15 keeps its real tf.contrib (nothing is installed)")
needs_slim = pytest.mark.skipif(not HAS_SLIM, reason="tf-slim is not installed (xavier-compat[legacy])")


# -- tables (no TensorFlow state) -----------------------------------------------------------------
def test_every_internal_path_is_a_tf2_sys_modules_patch_parents_first():
    entries = [p.attr for p in patching.PATCHES if p.target == "sys.modules" and p.attr in ALL_PATHS]
    assert entries == list(paths.MODULE_NAMES) and sorted(entries) == ALL_PATHS
    for i, name in enumerate(entries):
        parent = name.rpartition(".")[0]
        assert parent in paths.PUBLIC_PARENTS or entries.index(parent) < i, name
    assert all(p.when == "tf2" for p in patching.PATCHES if p.attr in ALL_PATHS)


def test_facade_modules_for_internal_paths():
    ops = contrib.module("tensorflow.contrib.framework.python.ops")
    assert ops is contrib.module("tensorflow.contrib.framework.python.ops")  # one object per path
    assert ops.__path__ == [] and contrib.module("tensorflow.contrib.layers.python").__path__ == []
    leaf = contrib.module("tensorflow.contrib.layers.python.layers.initializers")
    assert not hasattr(leaf, "__path__")
    assert set(dir(leaf)) >= {"xavier_initializer", "xavier_initializer_conv2d",
                              "variance_scaling_initializer"}
    utils = contrib.module("tensorflow.contrib.layers.python.layers.utils")
    assert "lazy proxy of tf_slim.layers.utils" in repr(utils)
    assert paths.PACKAGES == {n for n in paths.MODULE_NAMES if any(o.startswith(n + ".") for o in ALL_PATHS)}


def test_unprovided_internal_member_gets_the_helpful_message():
    layers = contrib.module("tensorflow.contrib.layers.python.layers")
    with pytest.raises(contrib.ContribMemberUnavailable) as info:
        _ = layers.embed_sequence
    message = str(info.value)
    assert message.startswith("tf.contrib.layers.python.layers.embed_sequence is not provided by ")
    assert "tf.keras.layers.Embedding" in message  # the public name's replacement
    with pytest.raises(contrib.ContribMemberUnavailable, match="metrics.*tf.keras.metrics"):
        _ = contrib.module("tensorflow.contrib.metrics").streaming_auc
    assert not hasattr(contrib.TF_CONTRIB, "metrics")  # only the path to set_ops is served


@pytest.mark.skipif(not TF1, reason="needs TF 1.15's real tf.contrib as the reference")
def test_every_internal_member_exists_at_the_same_path_in_tf115():
    absent = []
    for name, members in paths.MEMBERS.items():
        real = importlib.import_module(name)
        absent.extend("%s.%s" % (name, m) for m in members if not hasattr(real, m))
    for name in paths.PROXIES:
        importlib.import_module(name)
    assert not absent, absent
    from tensorflow.contrib.framework.python.ops import add_arg_scope

    assert add_arg_scope is _backend.tf().contrib.framework.add_arg_scope  # TF 1.15: one shared object too


# -- installed on TF2 (fresh interpreter) ---------------------------------------------------------
@needs_tf2
def test_install_adds_every_entry_and_imports_nothing_heavy(run):
    assert run["entries"] == list(paths.MODULE_NAMES)
    assert run["lazy"] == []  # no tf-slim, no contrib implementation module imported by install()
    assert run["same"]["packages"] == sorted(paths.PACKAGES)


@needs_tf2
@pytest.mark.parametrize("what", ["add_arg_scope", "arg_scope", "initializers", "layers", "regularizers",
                                  "set_ops"])
def test_internal_imports_serve_the_shared_objects(run, what):
    assert run["same"][what] is True


@needs_tf2
@needs_slim
def test_tf_slim_served_paths_and_one_arg_scope_stack(run):
    assert run["same"]["variables"] and run["same"]["utils"] and run["same"]["slim"]
    assert run["scoped"] == [[2, 2], "REFLECT"]  # slim's and contrib.framework's arg_scope both reach it
    assert run["unscoped"] == [[1, 1], "CONSTANT"]
    assert run["model_variable"] == ["w:0", True]


@needs_tf2
def test_helpful_errors_when_installed(run):
    errors = run["errors"]
    assert "tf.contrib.layers.python is not provided" in errors["public_attr"]  # as in TF 1.15: no attribute
    assert errors["attr"][0] == "ContribMemberUnavailable"
    assert "tf.keras.layers.Embedding" in errors["attr"][1]
    assert errors["import"] == ["ModuleNotFoundError",
                                "No module named 'tensorflow.contrib.framework.python.ops.no_such_module'"]
    assert errors["from"][0] == "ImportError" and "no_such_member" in errors["from"][1]
    assert "tf.keras.metrics" in errors["metrics"]


@needs_tf2
def test_uninstall_removes_every_entry(run):
    assert run["after"] == []
    assert len(run["gone"]) == 3

"""The tf.contrib façade: provided members, dir(), hasattr(), and the helpful AttributeError text."""
import importlib
import importlib.util

import pytest

from xavier_compat import _backend, contrib
from xavier_compat.contrib import _unsupported

TF1 = _backend.is_tf1()
LAYERS = contrib.TF_CONTRIB_LAYERS

UNPROVIDED = [  # (façade module, member, words the TF2 replacement must contain)
    (contrib.TF_CONTRIB, "learn", "tf.estimator"),
    (contrib.TF_CONTRIB, "seq2seq", "tensorflow-addons"),
    (contrib.TF_CONTRIB, "bayesflow", "tensorflow_probability"),
    (contrib.TF_CONTRIB_DISTRIBUTIONS, "MixtureSameFamily", "tensorflow_probability.distributions"),
    (contrib.TF_CONTRIB, "opt", "tf.keras.optimizers"),
    (contrib.TF_CONTRIB, "metrics", "tf.keras.metrics"),
    (contrib.TF_CONTRIB, "data", "tf.data"),
    (contrib.TF_CONTRIB, "image", "tf.image"),
    (contrib.TF_CONTRIB, "crf", "tensorflow-addons"),
    (contrib.TF_CONTRIB, "tpu", "tf.distribute.TPUStrategy"),
    (LAYERS, "embed_sequence", "tf.keras.layers.Embedding"),
    (LAYERS, "optimize_loss", "tf.keras.optimizers"),
    (LAYERS, "real_valued_column", "tf.feature_column"),
    (contrib.TF_CONTRIB_FRAMEWORK, "nest", "tf.nest"),
    (contrib.TF_CONTRIB_RNN, "static_rnn", "tf.compat.v1.nn.static_rnn"),
]


@pytest.mark.parametrize("facade, member, replacement", UNPROVIDED,
                         ids=["%s.%s" % (f.__name__, m) for f, m, _ in UNPROVIDED])
def test_unprovided_member_raises_helpful_attribute_error(facade, member, replacement):
    assert not hasattr(facade, member)
    with pytest.raises(AttributeError) as info:
        getattr(facade, member)
    message = str(info.value)
    path = (facade.__name__ + "." + member)[len("tensorflow."):]
    assert message.startswith("tf.%s is not provided by xavier_compat" % path), message
    assert "provides only the contrib initializer family" in message
    assert "TF2 replacement: " in message and replacement in message
    assert isinstance(info.value, contrib.ContribMemberUnavailable)


def test_member_without_known_replacement_points_at_the_sunset_notes():
    with pytest.raises(AttributeError, match=r"tf\.contrib\.layers\.no_such_thing is not provided.*sunset"):
        _ = LAYERS.no_such_thing


def test_dir_lists_exactly_the_provided_members():
    assert set(dir(contrib.TF_CONTRIB)) >= {"layers", "framework", "rnn", "slim"}
    names = set(dir(LAYERS))
    assert {"xavier_initializer", "xavier_initializer_conv2d", "variance_scaling_initializer",
            "l1_regularizer", "l2_regularizer", "l1_l2_regularizer", "flatten", "batch_norm"} <= names
    assert "embed_sequence" not in names and "learn" not in dir(contrib.TF_CONTRIB)
    assert set(dir(contrib.TF_CONTRIB_FRAMEWORK)) >= {"arg_scope", "get_or_create_global_step"}
    assert set(dir(contrib.TF_CONTRIB_RNN)) >= {"BasicLSTMCell", "LSTMStateTuple", "MultiRNNCell"}


def test_submodules_are_single_objects_and_dunders_answer_plainly():
    assert contrib.TF_CONTRIB.layers is LAYERS is contrib.module("tensorflow.contrib.layers")
    assert contrib.TF_CONTRIB.slim is contrib.TF_CONTRIB_SLIM
    for name in ("__path__", "__file__", "__wrapped__"):
        with pytest.raises(AttributeError) as info:
            getattr(LAYERS, name)
        assert not isinstance(info.value, contrib.ContribMemberUnavailable)
    assert "façade" in repr(LAYERS) and "lazy proxy" in repr(contrib.TF_CONTRIB_SLIM)


def test_initializer_members_are_the_package_initializers():
    from xavier_compat import initializers

    assert LAYERS.xavier_initializer is initializers.xavier_initializer
    assert LAYERS.xavier_initializer_conv2d is initializers.xavier_initializer_conv2d
    assert LAYERS.variance_scaling_initializer is initializers.variance_scaling_initializer


@pytest.mark.parametrize("name", sorted(n for n, members in contrib.MEMBERS.items()))
def test_every_provided_member_resolves(name):
    facade = contrib.module(name)
    missing = []
    for member in contrib.MEMBERS[name]:
        try:
            getattr(facade, member)
        except AttributeError as exc:
            missing.append("%s: %s" % (member, exc))
    assert not missing, missing


def test_a_member_whose_implementation_fails_to_load_says_why(monkeypatch):
    monkeypatch.setitem(contrib.MEMBERS["tensorflow.contrib.layers"], "batch_norm_x",
                        "xavier_compat._no_such_module:batch_norm")
    monkeypatch.setitem(_unsupported.REPLACEMENTS, "layers.batch_norm_x",
                        "tf.keras.layers.BatchNormalization")
    fresh = contrib.ContribModule("tensorflow.contrib.layers")
    with pytest.raises(AttributeError) as info:
        _ = fresh.batch_norm_x
    message = str(info.value)
    assert "xavier_compat._no_such_module" in message and "ModuleNotFoundError" in message
    assert "tf.keras.layers.BatchNormalization" in message
    assert isinstance(info.value.__cause__, ImportError)


def test_replacement_lookup_rules():
    assert _unsupported.replacement("learn") == _unsupported.REPLACEMENTS["learn"]
    assert _unsupported.replacement("learn.Estimator") == _unsupported.REPLACEMENTS["learn"]
    assert _unsupported.replacement("layers.sparse_column_with_keys") == "tf.feature_column"
    assert "Cell" in _unsupported.replacement("rnn.SRUCell")
    assert _unsupported.replacement("layers.no_such_thing") is None


@pytest.mark.skipif(not TF1, reason="needs TF 1.15's real tf.contrib as the reference")
def test_every_provided_name_exists_in_tf115_contrib():
    tf = _backend.tf()
    absent = ["%s.%s" % (name, member) for name, members in contrib.MEMBERS.items() for member in members
              if not hasattr(_real(tf, name), member)]
    assert not absent, absent


@pytest.mark.skipif(not TF1, reason="needs TF 1.15's real tf.contrib as the reference")
def test_replacement_table_names_real_tf115_contrib_members():
    tf = _backend.tf()
    older = {"gan", "boosted_trees"}  # left contrib before 1.15; legacy code from 1.13/1.14 still names them
    unknown = []
    for key in _unsupported.REPLACEMENTS:
        parent, _, member = key.rpartition(".")
        owner = _real(tf, "tensorflow.contrib" + ("." + parent if parent else ""))
        if key not in older and not hasattr(owner, member):
            unknown.append(key)
    assert not unknown, unknown


def _real(tf, name):
    value = tf
    for part in name.split(".")[1:]:
        value = getattr(value, part)
    return value


@pytest.mark.skipif(TF1 or not importlib.util.find_spec("tf_slim"),
                    reason="tf.contrib.slim is served from the tf-slim package on TF2")
def test_slim_proxy_serves_the_slim_module_lazily():
    slim = contrib.TF_CONTRIB_SLIM
    assert {"conv2d", "fully_connected", "arg_scope", "max_pool2d"} <= set(dir(slim))
    served = importlib.import_module("xavier_compat.contrib.slim")
    assert slim.fully_connected is served.fully_connected and slim.arg_scope is served.arg_scope
    assert not hasattr(slim, "no_such_slim_member")

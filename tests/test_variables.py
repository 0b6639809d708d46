"""TF1 variable sharing: the same tests run in graph mode on every line (on TF 1.15 against TF1 itself,
through xavier_compat's delegation) and in eager mode on TF2 (against the package's eager store)."""
import math
import os

import numpy as np
import pytest
from scipy import stats

import xavier_compat as xc
from _helpers import P_MIN, ks_pvalue, run_initialized
from xavier_compat import _backend
from xavier_compat import variables as xv

tf = _backend.tf()
TF1 = _backend.is_tf1()
KERAS3 = not TF1 and _backend.keras_flavour() == _backend.KERAS3
needs_track_tf1_style_variables = pytest.mark.skipif(
    TF1 or KERAS3, reason="tf.compat.v1.keras.utils.track_tf1_style_variables exists only with Keras 2 / "
                          "tf-keras (not on TF 1.x, not on Keras 3)")

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


class Mode:
    """Graph mode: a fresh graph + session.  Eager: the package store, reset around the test."""

    def __init__(self, graph):
        self.graph = graph

    def run(self, value):
        if not self.graph:
            return tf.nest.map_structure(lambda t: t.numpy(), value)
        return run_initialized(value)


@pytest.fixture(params=["graph"] if TF1 else ["graph", "eager"])
def mode(request):
    if request.param == "graph":
        with tf.Graph().as_default():
            yield Mode(graph=True)
    else:
        xc.reset_variable_store()
        yield Mode(graph=False)
        xc.reset_variable_store()


def regularize(w):
    return 0.5 * tf.reduce_sum(w * w)


# ---- the bug this module fixes ------------------------------------------------------------------------

@pytest.mark.skipif(TF1, reason="TF 1.x has no eager-by-default bug to measure")
def test_tf2_native_reuse_makes_a_new_variable_but_ours_shares():
    v1 = tf.compat.v1
    with v1.variable_scope("bug"):
        a = v1.get_variable("w", [2])
    with v1.variable_scope("bug", reuse=True):
        b = v1.get_variable("w", [2])
    assert a is not b and a.name == b.name == "bug/w:0"  # TF2's tf.compat.v1: silently a NEW variable
    xc.reset_variable_store()
    with xc.variable_scope("bug"):
        c = xc.get_variable("w", [2])
    with xc.variable_scope("bug", reuse=True):
        assert xc.get_variable("w", [2]) is c
    xc.reset_variable_store()


# ---- sharing rules --------------------------------------------------------------------------------------

def test_reuse_true_returns_the_same_object(mode):
    with xc.variable_scope("s"):
        a = xc.get_variable("w", [3, 2])
    with xc.variable_scope("s", reuse=True):
        b = xc.get_variable("w", [3, 2])
        c = xc.get_variable("w")  # shape may be omitted when reusing
    assert a is b is c
    assert a.name == "s/w:0"


def test_reuse_true_on_a_missing_name_raises_tf1_message(mode):
    with xc.variable_scope("s", reuse=True):
        with pytest.raises(ValueError, match=r"^Variable s/missing does not exist, or was not created with "
                                             r"tf.get_variable\(\). Did you mean to set "
                                             r"reuse=tf.AUTO_REUSE in VarScope\?"):
            xc.get_variable("missing", [1])


def test_creating_twice_without_reuse_raises_tf1_message(mode):
    with xc.variable_scope("s"):
        xc.get_variable("w", [1])
    for reuse in (None, False):
        with xc.variable_scope("s", reuse=reuse):
            with pytest.raises(ValueError, match=r"^Variable s/w already exists, disallowed. Did you mean to "
                                                 r"set reuse=True or reuse=tf.AUTO_REUSE in VarScope\?"):
                xc.get_variable("w", [1])


def test_auto_reuse_creates_once_then_returns_it(mode):
    assert xc.AUTO_REUSE is tf.compat.v1.AUTO_REUSE
    made = []
    for _ in range(3):
        with xc.variable_scope("auto", reuse=xc.AUTO_REUSE):
            made.append(xc.get_variable("w", [2, 2]))
    assert made[0] is made[1] is made[2]
    assert made[0].name == "auto/w:0"


def test_nesting_names_and_reuse_inheritance(mode):
    with xc.variable_scope("a"):
        with xc.variable_scope("b"):
            w = xc.get_variable("w", [1])
        with xc.variable_scope("b/c"):
            u = xc.get_variable("u", [1])
    assert (w.name, u.name) == ("a/b/w:0", "a/b/c/u:0")
    with xc.variable_scope("a", reuse=True) as outer:
        assert outer.reuse is True
        with xc.variable_scope("b", reuse=False) as inner:  # False cannot switch reuse off in a sub-scope
            assert inner.reuse is True
            assert xc.get_variable("w", [1]) is w
    assert xv.get_variable_scope().name == ""


def test_reentering_a_scope_object(mode):
    with xc.variable_scope("tower") as sc:
        w = xc.get_variable("w", [2])
    with xc.variable_scope("elsewhere"):
        with xc.variable_scope(sc, reuse=True) as again:  # jumps to 'tower', not 'elsewhere/tower'
            assert again.name == "tower"
            assert xc.get_variable("w", [2]) is w
        with xc.variable_scope(sc, reuse=xc.AUTO_REUSE):
            assert xc.get_variable("v", [2]).name == "tower/v:0"


def test_reuse_variables_on_the_current_scope(mode):
    with xc.variable_scope("gan"):
        w = xc.get_variable("w", [2])
        xv.get_variable_scope().reuse_variables()
        assert xc.get_variable("w", [2]) is w


def test_default_name_is_made_unique(mode):
    names = []
    for _ in range(2):
        with xc.variable_scope(None, default_name="block"):
            names.append(xc.get_variable("w", [1]).name)
    assert names == ["block/w:0", "block_1/w:0"]


def test_name_scope_does_not_prefix_get_variable(mode):
    with tf.name_scope("ns"):
        with xc.variable_scope("vs"):
            w = xc.get_variable("w", [1])
    assert w.name == "vs/w:0"


def test_shape_and_dtype_mismatch_on_reuse(mode):
    with xc.variable_scope("m"):
        xc.get_variable("w", [2, 3])
    with xc.variable_scope("m", reuse=True):
        with pytest.raises(ValueError, match=r"Trying to share variable m/w, but specified shape \(3, 2\)"):
            xc.get_variable("w", [3, 2])
        with pytest.raises(ValueError, match=r"Trying to share variable m/w, but specified dtype int32"):
            xc.get_variable("w", [2, 3], dtype=tf.int32)


def test_reuse_argument_is_checked():
    with pytest.raises(ValueError, match="reuse"):
        with xc.variable_scope("bad", reuse="yes"):
            pass


# ---- defaults from the scope ---------------------------------------------------------------------------

def test_default_initializer_is_glorot_uniform_for_floats(mode):
    tf.compat.v1.set_random_seed(1234) if mode.graph else tf.random.set_seed(1234)
    with xc.variable_scope("d"):
        w = xc.get_variable("w", [100, 150])
        n = xc.get_variable("n", [4], dtype=tf.int32)
        b = xc.get_variable("b", [3], dtype=tf.bool)
    w_val, n_val, b_val = mode.run([w, n, b])
    limit = math.sqrt(6.0 / (100 + 150))
    assert np.abs(w_val).max() <= limit
    assert ks_pvalue(w_val, stats.uniform(-limit, 2 * limit)) > P_MIN
    assert n_val.tolist() == [0, 0, 0, 0] and b_val.tolist() == [False] * 3


def test_scope_initializer_dtype_regularizer_defaults(mode):
    with xc.variable_scope("net", initializer=tf.compat.v1.constant_initializer(3.0), dtype=tf.float64):
        a = xc.get_variable("a", [2])
        b = xc.get_variable("b", [2], initializer=tf.compat.v1.zeros_initializer())  # explicit wins
        with xc.variable_scope("inner"):
            c = xc.get_variable("c", [2])  # inherited by sub-scopes
    assert a.dtype.base_dtype == tf.float64 and c.dtype.base_dtype == tf.float64
    a_val, b_val, c_val = mode.run([a, b, c])
    assert a_val.tolist() == [3.0, 3.0] and b_val.tolist() == [0.0, 0.0] and c_val.tolist() == [3.0, 3.0]


def test_initializer_as_value_class_and_package_xavier(mode):
    with xc.variable_scope("v"):
        const = xc.get_variable("const", initializer=tf.constant([1.0, 2.0]))
        cls = xc.get_variable("cls", [2], initializer=tf.compat.v1.ones_initializer)
        xav = xc.get_variable("xav", [30, 20], initializer=xc.xavier_initializer(seed=7))
        with pytest.raises(ValueError, match="If initializer is a constant, do not specify shape."):
            xc.get_variable("bad", [2], initializer=tf.constant([1.0, 2.0]))
    const_val, cls_val, xav_val = mode.run([const, cls, xav])
    assert const_val.tolist() == [1.0, 2.0] and cls_val.tolist() == [1.0, 1.0]
    assert xav.shape.as_list() == [30, 20] and np.abs(xav_val).max() <= math.sqrt(6.0 / 50)


def test_regularizer_losses_are_collected(mode):
    with xc.variable_scope("r", regularizer=regularize):
        w = xc.get_variable("w", initializer=tf.constant([1.0, 2.0]))
        xc.get_variable("plain", [1], regularizer=lambda _: None)  # None losses are not collected
    with xc.variable_scope("q"):
        xc.get_variable("u", initializer=tf.constant([3.0]), regularizer=regularize)
    with xc.variable_scope("r", reuse=True):
        xc.get_variable("w")  # reuse adds no second loss
    losses = xc.get_regularization_losses()
    assert len(losses) == 2
    assert sorted(mode.run(losses)) == [2.5, 4.5]
    assert mode.run(xc.get_regularization_losses("r/")) == [2.5]
    if not mode.graph:  # eager: computed from the live variable
        w.assign([0.0, 1.0])
        assert mode.run(xc.get_regularization_losses("r/")) == [0.5]


def test_custom_getter_wraps_creation(mode):
    seen = []

    def scope_getter(getter, name, *args, **kwargs):
        seen.append(("scope", name))
        return getter(name, *args, **kwargs)

    def call_getter(getter, name, *args, **kwargs):
        seen.append(("call", name))
        kwargs["trainable"] = False
        return getter(name, *args, **kwargs)

    def inner_getter(getter, name, *args, **kwargs):
        seen.append(("inner", name))
        return getter(name, *args, **kwargs)

    with xc.variable_scope("cg", custom_getter=scope_getter):
        v = xc.get_variable("v", [1], custom_getter=call_getter)  # replaces the scope's getter
        assert seen == [("call", "cg/v")]
        with xc.variable_scope("in", custom_getter=inner_getter):  # nested scope getters compose
            xc.get_variable("u", [1])
        assert seen[1:] == [("inner", "cg/in/u"), ("scope", "cg/in/u")]
    assert v.trainable is False


# ---- partitioned variables -----------------------------------------------------------------------------

def test_partitioned_variable_in_graph_mode_has_tf1_shards():
    xavier = tf.contrib.layers.xavier_initializer if TF1 else xc.xavier_initializer
    with tf.Graph().as_default():
        with xc.variable_scope("p", partitioner=tf.compat.v1.fixed_size_partitioner(3)):
            pv = xc.get_variable("w", [9, 4], initializer=xavier(seed=3))
        shards = list(pv)
        assert [s.name for s in shards] == ["p/w/part_0:0", "p/w/part_1:0", "p/w/part_2:0"]
        assert [s.shape.as_list() for s in shards] == [[3, 4]] * 3
        values = run_initialized(shards)
    shard_limit, full_limit = math.sqrt(6.0 / (3 + 4)), math.sqrt(6.0 / (9 + 4))
    for value in values:  # contrib saw each shard's own shape: limit sqrt(6/(3+4)), not sqrt(6/(9+4))
        assert np.abs(value).max() <= shard_limit
    assert max(np.abs(v).max() for v in values) > full_limit


@pytest.mark.skipif(TF1, reason="eager partitioning only matters on TF2")
def test_partitioner_raises_when_eager():
    xc.reset_variable_store()
    with xc.variable_scope("p", partitioner=tf.compat.v1.fixed_size_partitioner(3)):
        with pytest.raises(ValueError, match=r"p/w: partitioner=.* is not supported when executing eagerly"):
            xc.get_variable("w", [9, 4])


# ---- eager extras ---------------------------------------------------------------------------------------

@pytest.mark.skipif(TF1, reason="the eager store exists on TF2 only")
def test_reset_variable_store_forgets_eager_variables():
    xc.reset_variable_store()
    with xc.variable_scope("nb"):
        first = xc.get_variable("w", [1])
    xc.reset_variable_store()
    with xc.variable_scope("nb"):  # no "already exists": a re-run notebook cell works
        second = xc.get_variable("w", [1])
    assert second is not first and second.name == "nb/w:0"
    xc.reset_variable_store()


@pytest.mark.skipif(TF1, reason="tf.function is TF2")
def test_variables_made_while_tracing_are_shared_with_eager_code():
    xc.reset_variable_store()

    @tf.function
    def forward(x):
        with xc.variable_scope("fn", reuse=xc.AUTO_REUSE):
            return x * xc.get_variable("k", [2], initializer=tf.compat.v1.ones_initializer())

    assert forward(tf.constant([2.0, 3.0])).numpy().tolist() == [2.0, 3.0]
    with xc.variable_scope("fn", reuse=True):
        k = xc.get_variable("k", [2])
    k.assign([10.0, 10.0])
    assert forward(tf.constant([2.0, 3.0])).numpy().tolist() == [20.0, 30.0]
    xc.reset_variable_store()


# ---- Keras interplay ------------------------------------------------------------------------------------

def _tf1_dense(x, units, name):
    with xc.variable_scope(name):
        kernel = xc.get_variable("kernel", [int(x.shape[-1]), units],
                                 initializer=xc.xavier_initializer(seed=1), regularizer=regularize)
        bias = xc.get_variable("bias", [units], initializer=tf.compat.v1.zeros_initializer())
    return tf.matmul(x, kernel) + bias


def _tracked_layer_class():
    class TwoDense(tf.keras.layers.Layer):
        @xv.track_tf1_style_variables
        def call(self, inputs):
            return _tf1_dense(_tf1_dense(inputs, 4, "one"), 2, "two")

    return TwoDense


@pytest.mark.skipif(TF1, reason="TF 1.x graphs track get_variable variables themselves")
def test_tracked_layer_owns_its_tf1_variables(tmp_path):
    layer = _tracked_layer_class()()
    x = tf.ones([1, 3])
    first = layer(x)
    second = layer(x)  # the second call reuses the layer's variables
    np.testing.assert_allclose(first.numpy(), second.numpy())
    names = sorted(v.name for v in layer.trainable_weights)
    assert names == ["one/bias:0", "one/kernel:0", "two/bias:0", "two/kernel:0"]
    assert len(layer.losses) == 2
    other = _tracked_layer_class()()
    other(x)
    assert not {id(v) for v in other.trainable_weights} & {id(v) for v in layer.trainable_weights}

    path = tf.train.Checkpoint(layer=layer).write(os.path.join(str(tmp_path), "ckpt"))
    saved = layer(x).numpy()
    for v in layer.trainable_weights:
        v.assign(tf.zeros_like(v))
    tf.train.Checkpoint(layer=layer).read(path).assert_consumed()
    np.testing.assert_allclose(layer(x).numpy(), saved)


@pytest.mark.skipif(TF1, reason="TF 1.x graphs track get_variable variables themselves")
def test_tracked_layer_trains_with_gradient_tape():
    layer = _tracked_layer_class()()
    x = tf.ones([2, 3])
    layer(x)
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(layer(x) ** 2) + tf.add_n(layer.losses)
    grads = tape.gradient(loss, layer.trainable_weights)
    assert all(g is not None for g in grads)
    before = [v.numpy().copy() for v in layer.trainable_weights]
    tf.keras.optimizers.SGD(0.1).apply_gradients(zip(grads, layer.trainable_weights))
    assert any(not np.allclose(b, v.numpy()) for b, v in zip(before, layer.trainable_weights))


@needs_track_tf1_style_variables
def test_native_keras_decorator_still_works_for_tf_compat_v1():
    class Native(tf.keras.layers.Layer):
        @tf.compat.v1.keras.utils.track_tf1_style_variables
        def call(self, inputs):
            with tf.compat.v1.variable_scope("n"):
                w = tf.compat.v1.get_variable("w", [3, 1])
            return tf.matmul(inputs, w)

    layer = Native()
    layer(tf.ones([1, 3]))
    layer(tf.ones([1, 3]))
    assert [v.name for v in layer.trainable_weights] == ["n/w:0"]


@needs_track_tf1_style_variables
def test_native_keras_decorator_also_tracks_package_get_variable():
    class Mixed(tf.keras.layers.Layer):
        @tf.compat.v1.keras.utils.track_tf1_style_variables
        def call(self, inputs):
            return _tf1_dense(inputs, 2, "mixed")

    layer = Mixed()
    first = layer(tf.ones([1, 3]))
    np.testing.assert_allclose(layer(tf.ones([1, 3])).numpy(), first.numpy())  # reused, not re-drawn
    assert sorted(v.name for v in layer.trainable_weights) == ["mixed/bias:0", "mixed/kernel:0"]
    assert len(layer.losses) == 1


"""xavier_compat.initializers: TF 1.15 bit-exactness, exact distributions, call conventions, errors."""
import importlib.util
import json
import math
import os

import numpy as np
import pytest
import scipy.stats

import xavier_compat as xc
from _helpers import P_MIN, draw, run_initialized
from xavier_compat import _backend
from xavier_compat import initializers as xi
from xavier_compat._warn import LegacyAPIWarning

tf = _backend.tf()
v1 = tf.compat.v1
TF1 = _backend.is_tf1()
on_tf2 = pytest.mark.skipif(TF1, reason="TF2 only (eager by default)")
on_tf1 = pytest.mark.skipif(not TF1, reason="needs TF 1.15's real tf.contrib")

_REC_PATH = os.path.join(os.path.dirname(__file__), "reference", "record_tf115_initializers.py")
_spec = importlib.util.spec_from_file_location("record_tf115_initializers", _REC_PATH)
rec = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(rec)
with open(rec.JSON_PATH) as _f:
    REFERENCE = json.load(_f)["cases"]

FACTORIES = {
    "xavier_initializer": xc.xavier_initializer,
    "xavier_initializer_conv2d": xc.xavier_initializer_conv2d,
    "variance_scaling_initializer": xc.variance_scaling_initializer,
    "xavier_init": xc.xavier_init,
    "dtype": tf.as_dtype,
}


pytestmark = pytest.mark.usefixtures("quiet_legacy_warnings")


def _ids(cases):
    return [c["id"] for c in cases]


# --------------------------------------------------------------------------------------------------
# same seeds, same weights


def test_reference_covers_the_issue():
    assert len(REFERENCE) >= 60
    assert not [c for c in REFERENCE if "error" in c]
    kinds = {(c["api"], c["via"], c["dtype"], c["graph_seed"] is None, len(c["shape"])) for c in REFERENCE}
    assert {k[1] for k in kinds} == {"get_variable", "variable", "partitioned"}
    assert {k[2] for k in kinds} == {"float16", "bfloat16", "float32", "float64"}
    assert {k[4] for k in kinds} == {0, 1, 2, 4}


@pytest.mark.parametrize("case", REFERENCE, ids=_ids(REFERENCE))
def test_graph_mode_bit_identical_to_tf115(case):
    got = rec.summarize(rec.build_and_run(tf, FACTORIES, case))
    assert got["first"] == case["first"]
    assert (got["out_shape"], got["out_dtype"]) == (case["out_shape"], case["out_dtype"])
    assert got["sha256"] == case["sha256"]


EAGER_CASES = [c for c in REFERENCE if "seed" in c["params"] and c["via"] != "partitioned"]


@on_tf2
@pytest.mark.parametrize("case", EAGER_CASES, ids=_ids(EAGER_CASES))
def test_eager_first_draw_bit_identical_to_tf115(case):
    init = rec.make_initializer(FACTORIES, case)
    tf.random.set_seed(case["graph_seed"])  # also clears the kernel cache: the next draw is a first draw
    if case["via"] == "get_variable":
        value = v1.get_variable("w", case["shape"], dtype=tf.as_dtype(case["dtype"]), initializer=init)
    else:
        value = tf.Variable(init(case["shape"]))
    got = rec.summarize(value.numpy())
    assert got["first"] == case["first"]
    assert got["sha256"] == case["sha256"]


LIVE_CASES = REFERENCE[::4]


@on_tf1
@pytest.mark.parametrize("case", LIVE_CASES, ids=_ids(LIVE_CASES))
def test_same_values_as_live_tf_contrib(case):
    ours = rec.build_and_run(tf, FACTORIES, case)
    theirs = rec.build_and_run(tf, rec.contrib_factories(tf), case)
    assert ours.tobytes() == theirs.tobytes()


def test_seed_snippet_s09_first_values():
    first = [-0.011521313339471817, 0.018560338765382767, -0.019844556227326393,
             -0.00018787942826747894, 0.014813069254159927, -0.0209059938788414]
    with v1.Graph().as_default():
        w = run_initialized(v1.get_variable("W1", [25, 12288], initializer=xc.xavier_initializer(seed=1)))
    assert np.abs(w).max() <= np.sqrt(6.0 / (25 + 12288)) * 1.000001
    np.testing.assert_array_equal(w.ravel()[:6], np.array(first, np.float32))


# --------------------------------------------------------------------------------------------------
# exact distributions


def _draw(init, shape, dtype):
    return np.asarray(draw(init, shape, dtype)).astype(np.float64)


# (factory call, kind, scale parameter, shape); kind 'uniform' -> limit, 'trunc' -> stddev
_N = 20000
DISTRIBUTIONS = [
    ("xavier_uniform", lambda d: xc.xavier_initializer(seed=3, dtype=d), "uniform",
     math.sqrt(6.0 / (100 + 200)), (100, 200)),
    ("xavier_normal", lambda d: xc.xavier_initializer(False, seed=4, dtype=d), "trunc",
     math.sqrt(1.3 * 2.0 / (100 + 200)), (100, 200)),
    ("xavier_conv2d_uniform", lambda d: xc.xavier_initializer_conv2d(seed=5, dtype=d), "uniform",
     math.sqrt(6.0 / (9 * 40 + 9 * 60)), (3, 3, 40, 60)),
    ("xavier_uniform_gain4", lambda d: xc.xavier_initializer(seed=6, dtype=d, gain=4.0), "uniform",
     4.0 * math.sqrt(6.0 / (100 + 200)), (100, 200)),
    ("xavier_normal_gain2", lambda d: xc.xavier_initializer(False, seed=6, dtype=d, gain=2.0), "trunc",
     2.0 * math.sqrt(2.6 / (100 + 200)), (100, 200)),
    ("vs_default_msra", lambda d: xc.variance_scaling_initializer(seed=7, dtype=d), "trunc",
     math.sqrt(1.3 * 2.0 / 100), (100, 200)),
    ("vs_fan_out_uniform", lambda d: xc.variance_scaling_initializer(1.5, "FAN_OUT", True, 8, d), "uniform",
     math.sqrt(3.0 * 1.5 / 200), (100, 200)),
    ("vs_fan_avg_normal_conv", lambda d: xc.variance_scaling_initializer(0.5, "FAN_AVG", False, 9, d),
     "trunc", math.sqrt(1.3 * 0.5 / ((9 * 40 + 9 * 60) / 2.0)), (3, 3, 40, 60)),
    ("xavier_init_uniform", lambda d: xc.xavier_init(784, 256, seed=10, dtype=d), "uniform",
     math.sqrt(6.0 / (784 + 256)), (100, 200)),
    ("xavier_init_normal", lambda d: xc.xavier_init(784, 256, False, seed=11, dtype=d), "trunc",
     math.sqrt(3.0 / (784 + 256)), (100, 200)),
]
DTYPES = ["float16", "bfloat16", "float32", "float64"]


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("name,make,kind,param,shape", DISTRIBUTIONS, ids=[d[0] for d in DISTRIBUTIONS])
def test_exact_bounds_and_kolmogorov_smirnov(name, make, kind, param, shape, dtype):
    w = _draw(make(dtype), shape, tf.as_dtype(dtype)).ravel()
    assert w.size == int(np.prod(shape)) >= _N
    bound = param if kind == "uniform" else 2.0 * param
    # only the rounding of the bound itself to the dtype is allowed (one ulp of the dtype)
    ulp = {"float16": 2.0 ** -10, "bfloat16": 2.0 ** -7, "float32": 2.0 ** -23, "float64": 2.0 ** -52}[dtype]
    assert np.abs(w).max() <= bound * (1.0 + ulp)
    assert np.abs(w).max() > 0.95 * bound  # the whole range is used
    if kind == "uniform":
        dist = scipy.stats.uniform(loc=-param, scale=2.0 * param)
    else:
        dist = scipy.stats.truncnorm(-2.0, 2.0, scale=param)
    sample = w[:_N]
    # fixed seeds: deterministic; p > P_MIN (1e-3) with 20000 draws, while a 1.3-vs-0.88 stddev mix-up fails
    result = scipy.stats.kstest(sample, dist.cdf)
    if dtype in ("float32", "float64"):
        assert result.pvalue > P_MIN
    else:
        # float16/bfloat16 values sit on a coarse grid (bfloat16's uniform has 128 levels): the ECDF may
        # differ from the exact CDF by up to the CDF's rise over one grid step, on top of sampling noise
        grid = np.unique(sample)
        allowance = np.max(np.diff(dist.cdf(grid)))
        assert result.statistic <= scipy.stats.kstwo.ppf(1 - P_MIN, sample.size) + allowance


def test_truncated_normal_uses_contribs_1_3_not_keras_constant():
    # the two stddevs differ by only 0.3%, beyond what a KS test of a few samples sees: check the
    # parameter itself, and that the draw is exactly truncated_normal(0, sqrt(1.3 * factor / n))
    init = xc.xavier_initializer(False, seed=12, dtype="float64")
    graph = v1.Graph()
    with graph.as_default():
        ours = init([30, 50])
        theirs = tf.random.truncated_normal([30, 50], 0.0, math.sqrt(1.3 / 40.0), tf.float64, seed=12)
        with v1.Session(graph=graph) as sess:
            ours, theirs = sess.run([ours, theirs])
    assert ours.tobytes() == theirs.tobytes()
    assert xi.CONTRIB_TRUNC_FACTOR == 1.3 and xi.KERAS_TRUNC_STDDEV == 0.87962566103423978
    assert init.get_config()["scale"] == pytest.approx(1.3 * 0.87962566103423978 ** 2, rel=1e-15)


def test_fans_come_from_each_call_shape_but_xavier_init_ignores_shape():
    small = _draw(xc.xavier_initializer(seed=1), (2, 2), tf.float32)
    assert np.abs(small).max() <= math.sqrt(6.0 / 4.0) * (1 + 2 ** -23)
    assert np.abs(small).max() > math.sqrt(6.0 / 1000.0)
    w = _draw(xc.xavier_init(500, 500, seed=1), (2, 2), tf.float32)
    assert np.abs(w).max() <= math.sqrt(6.0 / 1000.0) * (1 + 2 ** -23)


# --------------------------------------------------------------------------------------------------
# call conventions, shapes, dtypes


SHAPE_KINDS = [
    ("list", [4, 5]), ("tuple", (4, 5)), ("tensorshape", tf.TensorShape([4, 5])),
    ("numpy", np.array([4, 5], dtype=np.int64)), ("numpy32", np.array([4, 5], dtype=np.int32)),
]


@pytest.mark.parametrize("kind,shape", SHAPE_KINDS, ids=[k[0] for k in SHAPE_KINDS])
def test_shape_kinds_give_identical_values(kind, shape):
    reference = _draw(xc.xavier_initializer(seed=21), [4, 5], tf.float32)
    got = _draw(xc.xavier_initializer(seed=21), shape, tf.float32)
    assert got.shape == (4, 5)
    np.testing.assert_array_equal(got, reference)


@pytest.mark.parametrize("dtype", DTYPES + [np.float32, np.dtype("float64")])
def test_dtype_forms_and_default(dtype):
    init = xc.variance_scaling_initializer(seed=1, dtype=dtype)
    out = init([3, 2], partition_info=None)
    assert out.dtype == tf.as_dtype(dtype)
    assert out.dtype == tf.as_dtype(xc.xavier_initializer(dtype=dtype)([2]).dtype)
    assert init([3], dtype="float64").dtype == tf.float64  # the call's dtype wins (TF1 and Keras)


@pytest.mark.parametrize("shape", [(0,), (0, 3), (3, 0), (3, 3, 0, 8)])
def test_zero_size_shape_gives_an_empty_tensor(shape):
    for init in (xc.xavier_initializer(), xc.variance_scaling_initializer(mode="FAN_OUT", uniform=True),
                 xc.xavier_init(3, 4, uniform=False)):
        out = init(shape, dtype=tf.float16)
        assert tuple(out.shape) == shape and out.dtype == tf.float16


@on_tf2
def test_tf_variable_and_get_variable_eager():
    init = xc.xavier_initializer(seed=31)
    var = tf.Variable(init([6, 4]))
    assert var.shape == (6, 4) and np.abs(var.numpy()).max() <= math.sqrt(0.6)
    got = v1.get_variable("eager_w", [6, 4], initializer=xc.xavier_initializer(uniform=False, seed=32))
    assert got.shape == (6, 4) and np.abs(got.numpy()).max() <= 2 * math.sqrt(0.26) * 1.000001


def test_get_variable_graph_mode_with_partitioner_counts_fans_per_shard():
    with v1.Graph().as_default():
        init = xc.variance_scaling_initializer(1.0, "FAN_IN", True)
        var = v1.get_variable("w", [1000, 2], initializer=init, partitioner=v1.fixed_size_partitioner(4))
        value = run_initialized(var.as_tensor())
    # each shard is (250, 2): limit sqrt(3/250), not sqrt(3/1000)
    assert np.abs(value).max() <= math.sqrt(3.0 / 250) * (1 + 2 ** -23)
    assert np.abs(value).max() > math.sqrt(3.0 / 1000)


def _keras_kernels(layers):
    if TF1:
        with v1.Graph().as_default():
            for layer, shape in layers:
                layer.build(shape)
            return run_initialized([layer.kernel for layer, _ in layers])
    for layer, shape in layers:
        layer.build(shape)
    return [np.asarray(layer.kernel) for layer, _ in layers]


def test_keras_layers_take_them_as_kernel_initializer():
    dense = tf.keras.layers.Dense(30, kernel_initializer=xc.xavier_initializer(seed=41))
    conv = tf.keras.layers.Conv2D(8, 3, kernel_initializer=xc.xavier_initializer_conv2d(False, seed=42))
    vs = tf.keras.layers.Dense(7, kernel_initializer=xc.variance_scaling_initializer(seed=43))
    pt = tf.keras.layers.Dense(5, kernel_initializer=xc.xavier_init(20, 30))
    d, c, v, p = _keras_kernels([(dense, (None, 20)), (conv, (None, 9, 9, 4)), (vs, (None, 12)),
                                 (pt, (None, 20))])
    assert d.shape == (20, 30) and np.abs(d).max() <= math.sqrt(6.0 / 50) * (1 + 2 ** -23)
    assert c.shape == (3, 3, 4, 8) and np.abs(c).max() <= 2 * math.sqrt(2.6 / (36 + 72)) * (1 + 2 ** -23)
    assert np.abs(v).max() <= 2 * math.sqrt(2.6 / 12) * (1 + 2 ** -23)
    assert np.abs(p).max() <= math.sqrt(6.0 / 50) * (1 + 2 ** -23)


@on_tf2
def test_keras_dense_kernel_is_tf115s_first_draw():
    case = [c for c in REFERENCE if c["id"].startswith("xavier_initializer-seed=1-uniform=True-float32-5x3-")
            and c["via"] == "get_variable" and c["graph_seed"] is None][0]
    tf.random.set_seed(None)
    dense = tf.keras.layers.Dense(3, kernel_initializer=xc.xavier_initializer(seed=1))
    dense.build((None, 5))
    assert rec.summarize(np.asarray(dense.kernel))["sha256"] == case["sha256"]


def test_objects_are_keras_initializers():
    for init in (xc.xavier_initializer(), xc.variance_scaling_initializer(), xc.xavier_init(2, 3)):
        assert isinstance(init, tf.keras.initializers.Initializer)
        assert isinstance(init, xi.InitializerBase)
        assert issubclass(type(init), xi.keras_native(xi.ContribVarianceScaling if not isinstance(
            init, xi.PrettyTensorXavier) else type(init).__mro__[1]))


# --------------------------------------------------------------------------------------------------
# bad input


@pytest.mark.parametrize("mode", ["fan_in", "FAN", None, 1])
def test_unknown_mode_is_a_type_error_like_contrib(mode):
    with pytest.raises(TypeError, match="FAN_IN, FAN_OUT, FAN_AVG"):
        xc.variance_scaling_initializer(mode=mode)


@pytest.mark.parametrize("call", [
    lambda: xc.variance_scaling_initializer(factor=-1.0),
    lambda: xc.variance_scaling_initializer(factor=float("nan")),
    lambda: xc.xavier_initializer(gain=-0.5),
    lambda: xc.xavier_initializer_conv2d(gain=-1),
    lambda: xc.xavier_init(0, 10),
    lambda: xc.xavier_init(10, -3),
    lambda: xc.xavier_init(10, 10, gain=-1),
])
def test_negative_factor_gain_or_fans_are_value_errors(call):
    with pytest.raises(ValueError):
        call()


@pytest.mark.parametrize("seed", [True, 1.5, "1", [1]])
def test_seed_must_be_an_integer(seed):
    for factory in (xc.xavier_initializer, xc.variance_scaling_initializer):
        with pytest.raises(TypeError, match="seed"):
            factory(seed=seed)
    with pytest.raises(TypeError, match="seed"):
        xc.xavier_init(3, 3, seed=seed)


@pytest.mark.parametrize("dtype", [tf.int32, "int64", np.int8, tf.bool, tf.string])
def test_non_float_dtype_is_tf1s_type_error(dtype):
    message = "^Cannot create initializer for non-floating point type.$"
    with pytest.raises(TypeError, match=message):
        xc.xavier_initializer(dtype=dtype)
    with pytest.raises(TypeError, match=message):
        xc.variance_scaling_initializer(dtype=dtype)
    with pytest.raises(TypeError, match=message):
        xc.xavier_initializer()([2, 2], dtype=dtype)


@pytest.mark.parametrize("shape,error", [
    ([3, None], ValueError), ([3, -1], ValueError), (tf.TensorShape(None), ValueError),
    ([2.5, 3], TypeError), ("ab", TypeError), (None, ValueError),
])
def test_bad_shapes(shape, error):
    with pytest.raises(error):
        xc.xavier_initializer()(shape)


# --------------------------------------------------------------------------------------------------
# legacy warnings point at the caller's line


@pytest.mark.parametrize("call,expect", [
    (lambda: xc.xavier_initializer(seed=5), "tf.keras.initializers.GlorotUniform(seed=5)"),
    (lambda: xc.xavier_initializer_conv2d(), "tf.keras.initializers.GlorotUniform(seed=None)"),
    (lambda: xc.xavier_initializer(False, seed=2),
     "VarianceScaling(scale=%r, mode='fan_avg', distribution='truncated_normal', seed=2)"
     % (1.3 * 0.87962566103423978 ** 2,)),
    (lambda: xc.variance_scaling_initializer(uniform=True), "tf.keras.initializers.HeUniform(seed=None)"),
    (lambda: xc.variance_scaling_initializer(1.0, "FAN_IN", True), "LecunUniform(seed=None)"),
    (lambda: xc.xavier_init(1, 5), "RandomUniform(minval=-1.0, maxval=1.0, seed=None)"),
    (lambda: xc.xavier_init(1, 2, False), "TruncatedNormal(mean=0.0, stddev=1.0, seed=None)"),
])
def test_legacy_warning_names_the_replacement_and_the_callers_line(call, expect):
    with pytest.warns(LegacyAPIWarning) as record:
        call()
    assert len(record) == 1
    assert expect in str(record[0].message)
    assert record[0].filename == __file__
    assert record[0].lineno != 0


def test_legacy_warning_lineno_is_the_calling_line():
    with pytest.warns(LegacyAPIWarning) as record:
        line = _lineno() + 1
        xc.variance_scaling_initializer()
    assert (record[0].filename, record[0].lineno) == (__file__, line)


def _lineno():
    import inspect

    return inspect.currentframe().f_back.f_lineno

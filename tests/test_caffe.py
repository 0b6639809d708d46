"""Caffe fillers: formulas of filler.hpp (exact bounds, Kolmogorov-Smirnov with fixed seeds), layouts,
bilinear upsampling, prototxt reading, bad input."""
import math
import os

import numpy as np
import pytest
from scipy import stats

import xavier_compat as xc
from _helpers import P_MIN, draw, ks_pvalue
from xavier_compat import _backend, caffe
from xavier_compat.caffe import bilinear_kernel, caffe_filler, caffe_fillers_from_prototxt
from xavier_compat.fans import compute_fans

tf = _backend.tf()
DATA = os.path.join(os.path.dirname(__file__), "data")


def read(name):
    with open(os.path.join(DATA, name)) as handle:
        return handle.read()


# ---------------------------------------------------------------------------------------------- fillers
def test_public_names():
    assert xc.caffe_filler is caffe_filler
    assert xc.caffe_fillers_from_prototxt is caffe_fillers_from_prototxt


def test_is_a_keras_initializer():
    init = caffe_filler("xavier")
    assert isinstance(init, tf.keras.initializers.Initializer)
    assert isinstance(init, caffe.CaffeFiller)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_constant(dtype):
    values = draw(caffe_filler("constant", value=0.25), (3, 4, 5), dtype)
    assert values.dtype == np.dtype(dtype) and values.shape == (3, 4, 5)
    assert np.all(values == 0.25)


def test_constant_default_is_zero():
    assert np.all(draw(caffe_filler("constant"), (7,)) == 0)


def test_uniform_bounds_and_ks():
    values = draw(caffe_filler("uniform", min=-2.0, max=3.0, seed=11), (50, 100)).ravel()
    assert values.min() >= -2.0 and values.max() <= 3.0
    assert values.min() < -1.99 and values.max() > 2.99
    assert ks_pvalue(values, stats.uniform(-2.0, 5.0)) > P_MIN
    assert ks_pvalue(values, stats.uniform(-2.0, 5.5)) < P_MIN  # the test can fail


def test_uniform_defaults_are_0_1():
    values = draw(caffe_filler("uniform", seed=2), (4000,))
    assert values.min() >= 0 and values.max() <= 1
    assert ks_pvalue(values, stats.uniform()) > P_MIN


def test_gaussian_ks():
    values = draw(caffe_filler("gaussian", mean=1.5, std=0.3, seed=5), (64, 80)).ravel()
    assert ks_pvalue(values, stats.norm(1.5, 0.3)) > P_MIN
    assert ks_pvalue(values, stats.norm(1.5, 0.33)) < P_MIN


@pytest.mark.parametrize("layout, shape", [("tf", (200, 100)), ("caffe", (100, 200)),
                                           ("tf", (2, 2, 50, 100))])
def test_gaussian_sparse_keeps_sparse_over_num_outputs(layout, shape):
    # Caffe: Bernoulli(sparse / num_outputs) mask, num_outputs = the blob's axis 0 (TF: the last axis)
    values = draw(caffe_filler("gaussian", std=2.0, sparse=25, layout=layout, seed=7), shape).ravel()
    count, p = values.size, 25 / 100.0
    kept = int(np.count_nonzero(values))
    assert abs(kept - count * p) < 5 * math.sqrt(count * p * (1 - p))
    assert ks_pvalue(values[values != 0], stats.norm(0, 2.0)) > P_MIN


def test_gaussian_sparse_zero_and_full():
    assert not np.any(draw(caffe_filler("gaussian", sparse=0, seed=1), (30, 20)))
    assert np.all(draw(caffe_filler("gaussian", sparse=20, seed=1), (30, 20)) != 0)


def test_gaussian_sparse_above_num_outputs_fails_on_call():
    init = caffe_filler("gaussian", sparse=21)
    with pytest.raises(ValueError, match="sparse=21 exceeds the 20 outputs"):
        draw(init, (30, 20))


@pytest.mark.parametrize("layout, shape, axes", [("tf", (3, 3, 4, 8), (0, 1, 2)),
                                                 ("caffe", (8, 4, 3, 3), (1, 2, 3)),
                                                 ("tf", (30, 10), (0,)), ("caffe", (10, 30), (1,))])
def test_positive_unitball_each_output_sums_to_one(layout, shape, axes):
    values = draw(caffe_filler("positive_unitball", layout=layout, seed=3), shape)
    assert values.min() > 0 and values.max() <= 1
    np.testing.assert_allclose(values.sum(axis=axes), 1.0, rtol=1e-5)


XAVIER_CASES = [  # tf shape, variance_norm, n as Caffe counts it
    ((5, 5, 16, 32), "FAN_IN", 400.0),
    ((5, 5, 16, 32), "FAN_OUT", 800.0),
    ((5, 5, 16, 32), "AVERAGE", 600.0),
    ((300, 40), "FAN_IN", 300.0),
    ((300, 40), "FAN_OUT", 40.0),
    ((300, 40), "AVERAGE", 170.0),
]


@pytest.mark.parametrize("shape, norm, n", XAVIER_CASES)
def test_xavier_bounds_and_ks(shape, norm, n):
    limit = math.sqrt(3.0 / n)
    values = draw(caffe_filler("xavier", variance_norm=norm, seed=13), shape).ravel()
    assert np.abs(values).max() <= limit * (1 + 1e-6)
    assert np.abs(values).max() > 0.99 * limit
    assert ks_pvalue(values, stats.uniform(-limit, 2 * limit)) > P_MIN
    assert ks_pvalue(values, stats.uniform(-1.1 * limit, 2.2 * limit)) < P_MIN


def test_xavier_is_not_glorot():
    # Glorot would use limit sqrt(6 / (fan_in + fan_out)) = sqrt(6/340); Caffe's default is sqrt(3/300)
    values = draw(caffe_filler("xavier", seed=1), (300, 40))
    assert np.abs(values).max() <= math.sqrt(3.0 / 300) < math.sqrt(6.0 / 340) * 0.8


@pytest.mark.parametrize("shape, norm, n", XAVIER_CASES)
def test_msra_untruncated_normal_ks(shape, norm, n):
    std = math.sqrt(2.0 / n)
    values = draw(caffe_filler("msra", variance_norm=norm, seed=17), shape).ravel()
    assert ks_pvalue(values, stats.norm(0, std)) > P_MIN
    assert ks_pvalue(values, stats.norm(0, 1.1 * std)) < P_MIN
    assert np.abs(values).max() > 2.5 * std  # not truncated at 2 sigma


def test_one_dimensional_blob_counts_like_caffe():
    # Caffe: fan_in = count / num = 1, fan_out = count / channels = count (channels() of 1-D is 1)
    assert np.abs(draw(caffe_filler("xavier", seed=1), (1000,))).max() > 0.99 * math.sqrt(3.0)
    fan_out = draw(caffe_filler("xavier", variance_norm="FAN_OUT", seed=1), (1000,))
    assert np.abs(fan_out).max() <= math.sqrt(3.0 / 1000) * (1 + 1e-6)


@pytest.mark.parametrize("kind", ["xavier", "msra", "gaussian", "uniform", "positive_unitball"])
def test_float16_and_float64(kind):
    for dtype in ("float16", "float64"):
        values = draw(caffe_filler(kind, seed=1), (8, 6), dtype)
        assert values.dtype == np.dtype(dtype) and np.all(np.isfinite(values))


def test_zero_size_shape_gives_empty_tensor():
    assert draw(caffe_filler("xavier"), (0, 5)).shape == (0, 5)


def test_same_seed_same_values():
    a = draw(caffe_filler("msra", seed=4), (20, 30))
    b = draw(caffe_filler("msra", seed=4), (20, 30))
    c = draw(caffe_filler("msra", seed=5), (20, 30))
    assert np.array_equal(a, b) and not np.array_equal(a, c)


# ---------------------------------------------------------------------------------------------- layouts
@pytest.mark.parametrize("kind", ["xavier", "msra"])
@pytest.mark.parametrize("norm", ["FAN_IN", "FAN_OUT", "AVERAGE"])
@pytest.mark.parametrize("tf_shape, caffe_shape", [((5, 5, 3, 8), (8, 3, 5, 5)), ((30, 10), (10, 30))])
def test_tf_and_caffe_layouts_give_the_same_scale(kind, norm, tf_shape, caffe_shape):
    # same seed, same element count: the same random stream, so equal scales give identical numbers
    tf_values = draw(caffe_filler(kind, variance_norm=norm, layout="tf", seed=21), tf_shape)
    caffe_values = draw(caffe_filler(kind, variance_norm=norm, layout="caffe", seed=21), caffe_shape)
    np.testing.assert_array_equal(tf_values.ravel(), caffe_values.ravel())
    if norm != "AVERAGE":  # reading a Caffe shape with the TF layout swaps in and out: another scale
        wrong = draw(caffe_filler(kind, variance_norm=norm, layout="tf", seed=21), caffe_shape)
        assert not np.allclose(wrong.ravel(), caffe_values.ravel())


def test_caffe_fans_helper():
    assert compute_fans(caffe.caffe_shape((5, 5, 3, 8), "tf"), layout="caffe") == (75.0, 200.0)
    assert compute_fans((8, 3, 5, 5), layout="caffe") == (75.0, 200.0)
    assert compute_fans((10,), layout="caffe") == (1.0, 10.0)
    assert caffe.caffe_shape((3, 7), "caffe") == (3, 7)


# ---------------------------------------------------------------------------------------------- bilinear
def test_bilinear_kernel_values():
    np.testing.assert_allclose(bilinear_kernel(4)[0], [0.0625, 0.1875, 0.1875, 0.0625])
    np.testing.assert_allclose(bilinear_kernel(4)[1], [0.1875, 0.5625, 0.5625, 0.1875])
    np.testing.assert_allclose(bilinear_kernel(5)[2], np.array([1, 2, 3, 2, 1]) / 3.0)
    for size in (4, 5, 8, 9):
        kernel = bilinear_kernel(size)
        np.testing.assert_allclose(kernel, kernel.T)


@pytest.mark.parametrize("factor", [2, 3, 4])
def test_bilinear_conv2d_transpose_upsamples_a_ramp_exactly(factor):
    k = 2 * factor - factor % 2  # Caffe's recipe: kernel_size = 2f - f % 2, stride = f
    rows, cols = 6, 7
    coefs = [(1.0, 0.5, 3.0), (-2.0, 0.25, -1.0), (0.0, -1.5, 0.5)]  # a different plane per channel
    hh, ww = np.meshgrid(np.arange(rows), np.arange(cols), indexing="ij")
    x = np.stack([a * hh + b * ww + c for a, b, c in coefs], -1)[None].astype(np.float32)
    out_shape = [1, (rows - 1) * factor + k, (cols - 1) * factor + k, len(coefs)]
    with tf.Graph().as_default():
        kernel = caffe_filler("bilinear")((k, k, len(coefs), len(coefs)))
        up = tf.nn.conv2d_transpose(tf.constant(x), kernel, out_shape, strides=[1, factor, factor, 1],
                                    padding="VALID")
        with tf.compat.v1.Session() as sess:
            y = sess.run(up)[0]
    margin = k - factor  # outputs that receive every tap of the interpolation triangle
    oh, ow = np.meshgrid(np.arange(out_shape[1]), np.arange(out_shape[2]), indexing="ij")
    center = (k - 1) / 2.0
    inner = (slice(margin, out_shape[1] - margin), slice(margin, out_shape[2] - margin))
    for channel, (a, b, c) in enumerate(coefs):
        expected = a * (oh - center) / factor + b * (ow - center) / factor + c
        np.testing.assert_allclose(y[..., channel][inner], expected[inner], atol=1e-4)
        second = np.diff(y[..., channel][inner], n=2, axis=0)  # exactly linear: no curvature
        assert np.abs(second).max() < 1e-4


def test_bilinear_layouts():
    caffe_blob = draw(caffe_filler("bilinear", layout="caffe"), (3, 2, 4, 4))
    for o in range(3):
        for i in range(2):
            np.testing.assert_allclose(caffe_blob[o, i], bilinear_kernel(4), rtol=1e-6)
    diagonal = draw(caffe_filler("bilinear"), (4, 4, 3, 3))
    np.testing.assert_allclose(diagonal[:, :, 1, 1], bilinear_kernel(4), rtol=1e-6)
    assert not diagonal[:, :, 0, 1].any() and not diagonal[:, :, 2, 0].any()
    depthwise = draw(caffe_filler("bilinear"), (4, 4, 3, 1))
    np.testing.assert_allclose(depthwise[:, :, 2, 0], bilinear_kernel(4), rtol=1e-6)


@pytest.mark.parametrize("shape, message", [((4, 4, 2, 3), "channel diagonal"), ((4, 3, 2, 2), "square"),
                                            ((4, 4, 2), "4-D"), ((4, 4), "4-D")])
def test_bilinear_bad_shapes(shape, message):
    with pytest.raises(ValueError, match=message):
        draw(caffe_filler("bilinear"), shape)


# ---------------------------------------------------------------------------------------------- Keras
def test_keras_layers_take_the_fillers():
    conv = tf.keras.layers.Conv2D(6, 5, kernel_initializer=caffe_filler("xavier", seed=1),
                                  bias_initializer=caffe_filler("constant", value=0.5))
    conv.build((None, 12, 12, 3))
    kernel = np.asarray(conv.kernel.numpy() if tf.executing_eagerly() else
                        tf.compat.v1.keras.backend.get_session().run(conv.kernel))
    assert kernel.shape == (5, 5, 3, 6) and np.abs(kernel).max() <= math.sqrt(3.0 / 75)


@pytest.mark.parametrize("kind", sorted(caffe.FILLERS))
def test_config_round_trip(kind):
    init = caffe_filler(kind, variance_norm="AVERAGE", layout="caffe", seed=3, dtype="float64")
    config = init.get_config()
    again = type(init).from_config(config)
    assert again.get_config() == config and config["type"] == kind and config["layout"] == "caffe"


# ---------------------------------------------------------------------------------------------- bad input
@pytest.mark.parametrize("kind", ["Xavier", "glorot", "", "unitball"])
def test_unknown_filler_type(kind):
    with pytest.raises(ValueError) as err:
        caffe_filler(kind)
    assert repr(kind) in str(err.value) and "positive_unitball" in str(err.value) and "msra" in str(err.value)


@pytest.mark.parametrize("kind", [None, 3, ["xavier"]])
def test_non_string_filler_type(kind):
    with pytest.raises(ValueError, match="filler type"):
        caffe_filler(kind)


@pytest.mark.parametrize("norm", ["FAN_AVG", "fan_in", "", None, 0])
def test_unknown_variance_norm(norm):
    with pytest.raises(ValueError) as err:
        caffe_filler("xavier", variance_norm=norm)
    assert "variance_norm" in str(err.value) and "'AVERAGE'" in str(err.value)


@pytest.mark.parametrize("std", [0, -1.0, float("nan")])
def test_gaussian_non_positive_std(std):
    with pytest.raises(ValueError, match="std must be positive"):
        caffe_filler("gaussian", std=std)


def test_std_is_only_checked_where_used():
    caffe_filler("xavier", std=0)  # a prototxt may carry an unused std; Caffe ignores it too


def test_uniform_min_above_max():
    with pytest.raises(ValueError, match=r"min must be <= max.*min=2.*max=1"):
        caffe_filler("uniform", min=2, max=1)
    caffe_filler("uniform", min=1, max=1)


@pytest.mark.parametrize("layout", ["TF", "nchw", None, ""])
def test_bad_layout(layout):
    with pytest.raises(ValueError, match="layout must be one of 'tf', 'caffe'"):
        caffe_filler("xavier", layout=layout)


@pytest.mark.parametrize("name", ["std", "mean", "min", "max", "value"])
@pytest.mark.parametrize("bad", ["1", True, None])
def test_non_numbers(name, bad):
    with pytest.raises(TypeError, match=name + " must be a number"):
        caffe_filler("constant", **{name: bad})


@pytest.mark.parametrize("sparse, error", [(1.5, TypeError), (True, TypeError), ("3", TypeError),
                                           (-2, ValueError)])
def test_bad_sparse(sparse, error):
    with pytest.raises(error, match="sparse"):
        caffe_filler("gaussian", sparse=sparse)


@pytest.mark.parametrize("kind", ["constant", "uniform", "xavier", "msra", "bilinear", "positive_unitball"])
def test_sparse_only_for_gaussian(kind):
    with pytest.raises(ValueError, match="only supported by the 'gaussian' filler"):
        caffe_filler(kind, sparse=3)


def test_bad_seed_and_dtype():
    with pytest.raises(TypeError, match="seed"):
        caffe_filler("xavier", seed="1")
    with pytest.raises(TypeError, match="non-floating"):
        caffe_filler("xavier", dtype="int32")


def test_keyword_only():
    with pytest.raises(TypeError):
        caffe_filler("gaussian", "FAN_IN")


# ---------------------------------------------------------------------------------------------- prototxt
def test_prototxt_new_syntax_lenet():
    fillers = caffe_fillers_from_prototxt(read("lenet_train_test.prototxt"))
    assert list(fillers) == ["conv1", "conv2", "ip1", "ip2"]  # data, pooling, relu, loss layers skipped
    conv1, conv2, ip1, ip2 = (fillers[name] for name in fillers)
    assert conv1["weight"].get_config()["type"] == "xavier"
    assert conv1["weight"].variance_norm == "FAN_IN" and conv1["bias"].type == "constant"
    assert conv1["bias"].value == 0.0
    assert (conv2["weight"].type, conv2["weight"].variance_norm) == ("msra", "FAN_OUT")
    assert conv2["bias"].value == 0.1  # the float32 from the file, read back as the number written
    assert (ip1["weight"].type, ip1["weight"].std, ip1["weight"].sparse) == ("gaussian", 0.01, 15)
    assert (ip1["bias"].type, ip1["bias"].min, ip1["bias"].max) == ("uniform", -0.5, 0.5)
    assert ip2["bias"] is None and ip2["weight"].variance_norm == "AVERAGE"
    assert all(f.layout == "tf" and f.seed is None for layer in fillers.values() for f in layer.values() if f)


def test_prototxt_fillers_draw_caffe_scales_on_keras_shapes():
    fillers = caffe_fillers_from_prototxt(read("lenet_train_test.prototxt"), seed=1)
    conv2 = draw(fillers["conv2"]["weight"], (5, 5, 20, 50))  # msra FAN_OUT: n = 50 * 25
    assert ks_pvalue(conv2, stats.norm(0, math.sqrt(2.0 / 1250))) > P_MIN
    ip1 = draw(fillers["ip1"]["weight"], (800, 500))  # sparse 15 of 500 outputs
    assert abs(np.count_nonzero(ip1) / ip1.size - 0.03) < 0.002
    assert np.all(draw(fillers["conv2"]["bias"], (50,)) == np.float32(0.1))


def test_prototxt_seed_per_layer():
    fillers = caffe_fillers_from_prototxt(read("lenet_train_test.prototxt"), seed=10)
    seeds = [(layer["weight"].seed, layer["bias"] and layer["bias"].seed) for layer in fillers.values()]
    assert seeds == [(10, 11), (12, 13), (14, 15), (16, None)]


def test_prototxt_old_layers_syntax():
    fillers = caffe_fillers_from_prototxt(read("v1_layers.prototxt"))
    assert list(fillers) == ["conv1", "upscore", "fc"]
    assert (fillers["conv1"]["weight"].type, fillers["conv1"]["weight"].std) == ("gaussian", 0.0001)
    assert fillers["upscore"]["weight"].type == "bilinear" and fillers["upscore"]["bias"] is None
    assert fillers["fc"]["weight"].type == "positive_unitball" and fillers["fc"]["bias"].type == "constant"
    # the Deconvolution's Keras kernel (k, k, out, in) gets Caffe's per-channel upsampler on its diagonal
    kernel = draw(fillers["upscore"]["weight"], (4, 4, 32, 32))
    np.testing.assert_allclose(kernel[:, :, 5, 5], bilinear_kernel(4), rtol=1e-6)


def test_prototxt_deconvolution_and_transposed_inner_product():
    text = """
    layer { name: "up" type: "Deconvolution" bottom: "x" top: "up"
            convolution_param { num_output: 8 kernel_size: 4 stride: 2
                                weight_filler { type: "xavier" } } }
    layer { name: "ipt" type: "InnerProduct" bottom: "up" top: "ipt"
            inner_product_param { num_output: 10 transpose: true weight_filler { type: "msra" } } }
    """
    fillers = caffe_fillers_from_prototxt(text)
    # Deconvolution blob (in=16, out=8, 4, 4): Caffe's fan_in = 8 * 16; Keras kernel (4, 4, 8, 16)
    deconv = draw(fillers["up"]["weight"], (4, 4, 8, 16))
    assert np.abs(deconv).max() <= math.sqrt(3.0 / 128) * (1 + 1e-6)
    assert np.abs(deconv).max() > 0.95 * math.sqrt(3.0 / 128)
    # transpose: true stores (in, out) = Keras' (in, out): Caffe's fan_in = count / in = out = 10
    assert fillers["ipt"]["weight"].layout == "caffe" and fillers["ipt"]["bias"].layout == "tf"
    ipt = draw(fillers["ipt"]["weight"], (300, 10))
    assert ks_pvalue(ipt, stats.norm(0, math.sqrt(2.0 / 10))) > P_MIN


def test_prototxt_missing_fillers_default_to_constant_zero():
    fillers = caffe_fillers_from_prototxt('layer { name: "c" type: "Convolution" }')
    assert fillers["c"]["weight"].get_config() == caffe_filler("constant").get_config()
    assert fillers["c"]["bias"].type == "constant"


def test_prototxt_layout_caffe_and_bytes():
    fillers = caffe_fillers_from_prototxt(read("lenet_train_test.prototxt").encode("utf-8"), layout="caffe")
    assert fillers["conv1"]["weight"].layout == "caffe"


def test_prototxt_empty():
    assert caffe_fillers_from_prototxt("") == {}
    assert caffe_fillers_from_prototxt("# only a comment\nname: 'x'\n") == {}


@pytest.mark.parametrize("text, line", [
    ('name: "n"\nlayer {\n  name: "c"\n  type: "Convolution"\n', 4),  # unclosed block
    ('layer {\n  name: "c"\n  type: "Convolution"\n  convolution_param { num_output: -3 }\n}\n', 4),
    ('layer {\n  name "c"\n}\n', 2),
    ('layers {\n  name: "c"\n  type: CONV\n}\n', 3),  # not a V1 layer type
    ('layer {\n  name: "c"\n  type: "InnerProduct"\n  inner_product_param {\n'
     '    weight_filler { type: "xavier" variance_norm: FAN_AVG }\n  }\n}\n', 5),
    ('layer { name: "a" }\n}\n', 2),
])
def test_malformed_prototxt_names_the_line(text, line):
    with pytest.raises(ValueError) as err:
        caffe_fillers_from_prototxt(text)
    assert "malformed prototxt at line %d," % line in str(err.value)


def test_malformed_prototxt_quotes_the_line():
    expected = r"at line 3, column 16: .*SIDEWAYS.*line 3 reads: 'variance_norm: SIDEWAYS } } }'"
    with pytest.raises(ValueError, match=expected):
        caffe_fillers_from_prototxt('layer { name: "c" type: "Convolution" convolution_param {\n'
                                    'weight_filler {\nvariance_norm: SIDEWAYS } } }')


def test_prototxt_bad_filler_names_the_layer():
    text = 'layer { name: "c" type: "Convolution" convolution_param { weight_filler { type: "glorot" } } }'
    with pytest.raises(ValueError, match=r"layer 'c', weight_filler: Unknown Caffe filler type 'glorot'"):
        caffe_fillers_from_prototxt(text)
    text = ('layer { name: "i" type: "InnerProduct" '
            'inner_product_param { bias_filler { type: "gaussian" std: 0 } } }')
    with pytest.raises(ValueError, match=r"layer 'i', bias_filler: std must be positive"):
        caffe_fillers_from_prototxt(text)


@pytest.mark.parametrize("text, message", [
    ('layer { name: "a" type: "InnerProduct" }\nlayers { name: "b" type: INNER_PRODUCT }', "mixes"),
    ('layers { layer { name: "conv1" type: "conv" } }', "V0 format"),
    ('layer { name: "a" type: "Convolution" }\nlayer { name: "a" type: "InnerProduct" }', "named 'a'"),
    ('layer { type: "Convolution" }', "no name"),
])
def test_prototxt_structural_errors(text, message):
    with pytest.raises(ValueError, match=message):
        caffe_fillers_from_prototxt(text)


def test_prototxt_bad_arguments():
    with pytest.raises(TypeError, match="str"):
        caffe_fillers_from_prototxt(None)
    with pytest.raises(ValueError, match="layout"):
        caffe_fillers_from_prototxt("", layout="nchw")
    with pytest.raises(TypeError, match="seed"):
        caffe_fillers_from_prototxt("", seed=1.5)


def test_prototxt_parser_is_protobuf_with_the_real_field_numbers():
    from xavier_compat import _prototxt

    filler = _prototxt.message_class("FillerParameter")
    assert filler.DESCRIPTOR.fields_by_name["variance_norm"].number == 8
    layer = _prototxt.message_class("LayerParameter")
    assert layer.DESCRIPTOR.fields_by_name["convolution_param"].number == 106
    assert filler().std == 1.0 and filler().sparse == -1 and filler().type == "constant"


@pytest.mark.skipif(_backend.is_tf1(), reason="Keras model files with custom initializers: checked on TF2")
def test_saved_keras_model_reloads_with_custom_objects(tmp_path):
    init = caffe_filler("positive_unitball", seed=1)
    model = tf.keras.Sequential([tf.keras.Input(shape=(4,)),
                                 tf.keras.layers.Dense(3, kernel_initializer=init)])
    path = str(tmp_path / ("model.keras" if _backend.keras_flavour() == _backend.KERAS3 else "model.h5"))
    model.save(path)
    again = tf.keras.models.load_model(path, custom_objects={"CaffeFiller": caffe.CaffeFiller})
    reloaded = again.layers[-1].kernel_initializer
    assert isinstance(reloaded, caffe.CaffeFiller) and reloaded.get_config() == init.get_config()
    np.testing.assert_array_equal(again.get_weights()[0], model.get_weights()[0])

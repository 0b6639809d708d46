"""Pure fan maths: no TensorFlow needed."""
import numpy as np
import pytest

from xavier_compat import fans


@pytest.mark.parametrize(
    "shape, expected",
    [
        ((), (1.0, 1.0)),
        ((7,), (7.0, 7.0)),
        ((784, 256), (784.0, 256.0)),
        ((5, 3, 16), (15.0, 80.0)),
        ((3, 3, 64, 128), (576.0, 1152.0)),
        ((2, 3, 3, 4, 8), (72.0, 144.0)),
    ],
)
def test_tf_layout_matches_contrib(shape, expected):
    assert fans.compute_fans(shape) == expected


def test_caffe_layout_reads_out_in_first():
    assert fans.compute_fans((128, 64, 3, 3), layout="caffe") == (576.0, 1152.0)
    assert fans.compute_fans((10, 500), layout="caffe") == (500.0, 10.0)


def test_shapes_of_every_kind_normalize():
    class Dim:  # what TF1's Dimension looks like
        def __init__(self, value):
            self.value = value

    assert fans.normalize_shape([2, 3]) == (2, 3)
    assert fans.normalize_shape(np.array([2, 3])) == (2, 3)
    assert fans.normalize_shape((Dim(2), Dim(3))) == (2, 3)
    assert fans.normalize_shape(4) == (4,)


@pytest.mark.parametrize("bad, error", [([2, None], ValueError), ([2, -1], ValueError),
                                        ([2.5], TypeError), ("ab", TypeError), (None, ValueError)])
def test_bad_shapes_raise_typed_errors(bad, error):
    with pytest.raises(error):
        fans.normalize_shape(bad)


def test_unknown_layout_and_mode_are_named():
    with pytest.raises(ValueError, match="layout"):
        fans.compute_fans((2, 2), layout="oihw")
    with pytest.raises(TypeError, match="FAN_SIDEWAYS"):
        fans.fan_for_mode(1.0, 2.0, "FAN_SIDEWAYS")


def test_fan_for_mode():
    assert fans.fan_for_mode(4.0, 8.0, "FAN_IN") == 4.0
    assert fans.fan_for_mode(4.0, 8.0, "FAN_OUT") == 8.0
    assert fans.fan_for_mode(4.0, 8.0, "FAN_AVG") == 6.0

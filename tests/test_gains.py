"""calculate_gain: PyTorch's table, hard-coded here (torch is not in the test envs)."""
import importlib.util
import math

import pytest

from _helpers import run_code
from xavier_compat import gains
from xavier_compat.gains import NONLINEARITIES, calculate_gain

EXPECTED = {
    "linear": 1.0,
    "conv1d": 1.0,
    "conv2d": 1.0,
    "conv3d": 1.0,
    "conv_transpose1d": 1.0,
    "conv_transpose2d": 1.0,
    "conv_transpose3d": 1.0,
    "sigmoid": 1.0,
    "tanh": 5.0 / 3.0,
    "relu": 1.4142135623730951,
    "leaky_relu": math.sqrt(2.0 / (1.0 + 0.01 ** 2)),
    "selu": 0.75,
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_table(name):
    assert calculate_gain(name) == pytest.approx(EXPECTED[name], rel=1e-15)


def test_known_names_are_exactly_the_table():
    assert set(NONLINEARITIES) == set(EXPECTED)


@pytest.mark.parametrize("slope, gain", [(0.2, math.sqrt(2 / 1.04)), (0, math.sqrt(2)), (1, 1.0),
                                         (-0.5, math.sqrt(2 / 1.25)), (3, math.sqrt(0.2))])
def test_leaky_relu_slope(slope, gain):
    assert calculate_gain("leaky_relu", slope) == pytest.approx(gain, rel=1e-15)


def test_leaky_relu_default_slope_is_001():
    assert calculate_gain("leaky_relu") == calculate_gain("leaky_relu", 0.01)
    assert calculate_gain("leaky_relu", None) == pytest.approx(1.4141428569978354, rel=1e-15)


def test_param_ignored_for_other_nonlinearities():
    assert calculate_gain("relu", 0.3) == calculate_gain("relu")
    assert calculate_gain("tanh", "anything") == 5.0 / 3.0


@pytest.mark.parametrize("name", ["Relu", "gelu", "", "softmax", "conv4d"])
def test_unknown_nonlinearity_names_it_and_lists_known(name):
    with pytest.raises(ValueError) as err:
        calculate_gain(name)
    assert repr(name) in str(err.value)
    assert "leaky_relu" in str(err.value) and "conv_transpose3d" in str(err.value)


@pytest.mark.parametrize("name", [None, 3, ["relu"]])
def test_non_string_nonlinearity(name):
    with pytest.raises(ValueError, match="nonlinearity"):
        calculate_gain(name)


@pytest.mark.parametrize("param", [True, False, "0.2", [0.2], object()])
def test_leaky_relu_bad_slope(param):
    with pytest.raises(ValueError) as err:
        calculate_gain("leaky_relu", param)
    assert "negative_slope" in str(err.value) and repr(param) in str(err.value)


def test_numpy_slope_accepted():
    np = pytest.importorskip("numpy")
    assert calculate_gain("leaky_relu", np.float32(0.5)) == pytest.approx(math.sqrt(2 / 1.25), rel=1e-7)


def test_gains_module_imports_no_tensorflow():
    code = ("import sys, xavier_compat.gains as g; g.calculate_gain('relu'); "
            "print('tensorflow' in sys.modules)")
    assert run_code(code).strip() == "False"


def test_public_name():
    import xavier_compat

    assert xavier_compat.calculate_gain is gains.calculate_gain


@pytest.mark.skipif(importlib.util.find_spec("torch") is None, reason="torch is not installed")
def test_against_torch():  # pragma: no cover - torch is not in the tox envs
    import torch

    for name in NONLINEARITIES:
        assert calculate_gain(name) == pytest.approx(torch.nn.init.calculate_gain(name))
    for slope in (0.0, 0.2, 1.5):
        assert calculate_gain("leaky_relu", slope) == pytest.approx(
            torch.nn.init.calculate_gain("leaky_relu", slope))

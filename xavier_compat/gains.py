"""Recommended gains per nonlinearity: the table of ``torch.nn.init.calculate_gain``, with no TensorFlow.

A gain multiplies the Xavier/Glorot limit or standard deviation (``xavier_initializer(gain=...)``) so
that the activations keep their variance through the nonlinearity.

================= ====================================================
nonlinearity      gain
================= ====================================================
linear, conv1d,   1
conv2d, conv3d,
conv_transpose1d,
conv_transpose2d,
conv_transpose3d
sigmoid           1
tanh              5/3
relu              sqrt(2)
leaky_relu        sqrt(2 / (1 + negative_slope**2)), slope 0.01 by default
selu              3/4
================= ====================================================

>>> calculate_gain("leaky_relu", 0.2)
1.3867504905630728
"""
import math
import numbers

__all__ = ["calculate_gain", "NONLINEARITIES"]

#: Gains that take no parameter (PyTorch's values).  tanh's 5/3 and selu's 3/4 are PyTorch's choices:
#: 5/3 keeps tanh's activations at unit variance for unit-variance inputs in practice; 3/4 makes SELU
#: networks initialised with Xavier behave like SELU's own (LeCun-normal) recipe.
_FIXED_GAINS = {
    "linear": 1.0,
    "conv1d": 1.0,
    "conv2d": 1.0,
    "conv3d": 1.0,
    "conv_transpose1d": 1.0,
    "conv_transpose2d": 1.0,
    "conv_transpose3d": 1.0,
    "sigmoid": 1.0,
    "tanh": 5.0 / 3,
    "relu": math.sqrt(2.0),
    "selu": 3.0 / 4,
}
_DEFAULT_LEAKY_SLOPE = 0.01  # torch.nn.LeakyReLU's default negative_slope

#: Every nonlinearity :func:`calculate_gain` knows, in the order of PyTorch's table.
NONLINEARITIES = ("linear", "conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d",
                  "conv_transpose3d", "sigmoid", "tanh", "relu", "leaky_relu", "selu")


def _leaky_relu_gain(param) -> float:
    if param is None:
        slope = _DEFAULT_LEAKY_SLOPE
    elif isinstance(param, bool) or not isinstance(param, numbers.Real):
        raise ValueError("negative_slope (param) of leaky_relu must be a number, got %r (%s)"
                         % (param, type(param).__name__))
    else:
        slope = float(param)
    return math.sqrt(2.0 / (1 + slope ** 2))


def calculate_gain(nonlinearity: str, param=None) -> float:
    """Return the recommended gain for ``nonlinearity``, exactly as ``torch.nn.init.calculate_gain``.

    Table: linear and every conv / conv_transpose -> 1, sigmoid -> 1, tanh -> 5/3, relu -> sqrt(2),
    leaky_relu -> sqrt(2 / (1 + slope**2)) with ``param`` the negative slope (0.01 when None),
    selu -> 3/4.  ``param`` is ignored for every other nonlinearity, as in PyTorch.

    >>> init = xavier_initializer(gain=calculate_gain("tanh"))  # doctest: +SKIP
    """
    if not isinstance(nonlinearity, str):
        raise ValueError("nonlinearity must be a name, one of %s; got %r"
                         % (", ".join(NONLINEARITIES), nonlinearity))
    if nonlinearity == "leaky_relu":
        return _leaky_relu_gain(param)
    try:
        return _FIXED_GAINS[nonlinearity]
    except KeyError:
        raise ValueError("Unsupported nonlinearity %r; known: %s"
                         % (nonlinearity, ", ".join(NONLINEARITIES))) from None

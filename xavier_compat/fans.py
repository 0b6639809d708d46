"""Fan-in / fan-out maths and shape validation, with no TensorFlow import.

Two layouts are understood:

* ``'tf'``: TensorFlow's kernels, ``(..., in, out)``: dense ``(in, out)``, conv ``(kh, kw, in, out)``.
  ``fan_in = shape[-2] * receptive``, ``fan_out = shape[-1] * receptive`` with
  ``receptive = prod(shape[:-2])``; a 1-D shape counts its length as both; a scalar counts 1.
  This is exactly what ``tf.contrib.layers.variance_scaling_initializer`` did in TF 1.15.
* ``'caffe'``: Caffe's blobs, ``(out, in, ...)``: ``fan_in = count / shape[0]``,
  ``fan_out = count / shape[1]`` (Caffe's ``filler.hpp``).
"""
import functools
import numbers
import operator
from typing import Iterable, Sequence, Tuple

LAYOUTS = ("tf", "caffe")
MODES = ("FAN_IN", "FAN_OUT", "FAN_AVG")


def _prod(values) -> int:
    """Product of ints (``math.prod`` needs Python 3.8; TF 1.15 runs on 3.7)."""
    return functools.reduce(operator.mul, values, 1)


def normalize_shape(shape) -> Tuple[int, ...]:
    """Return ``shape`` as a tuple of non-negative Python ints.

    Accepts lists, tuples, numpy arrays, ``tf.TensorShape`` (anything iterable whose items are ints or
    have an int ``.value``) and a single int.  Raises ``ValueError`` for unknown (``None``) or negative
    dimensions and ``TypeError`` for anything that is not a whole number.
    """
    if shape is None:
        raise ValueError("shape must be known to create an initial value, got None")
    if hasattr(shape, "as_list"):  # tf.TensorShape; .as_list() raises for unknown rank
        dims = getattr(shape, "dims", None)
        if dims is None:
            raise ValueError("shape must have a known rank to create an initial value, got %r" % (shape,))
        shape = [getattr(d, "value", d) for d in dims]
    elif isinstance(shape, numbers.Integral):
        shape = [shape]
    elif not isinstance(shape, Iterable):
        raise TypeError("shape must be a list, tuple, TensorShape or array of ints, got %r" % (shape,))
    out = []
    for dim in shape:
        dim = getattr(dim, "value", dim)  # TF1 Dimension
        if dim is None:
            raise ValueError("shape %r has an unknown (None) dimension; an initializer needs every "
                             "dimension" % (list(shape),))
        if isinstance(dim, bool) or not isinstance(dim, numbers.Integral):
            if isinstance(dim, numbers.Real) and float(dim).is_integer():
                dim = int(dim)
            else:
                raise TypeError("shape dimensions must be ints, got %r in %r" % (dim, list(shape)))
        dim = int(dim)
        if dim < 0:
            raise ValueError("shape %r has a negative dimension %d" % (list(shape), dim))
        out.append(dim)
    return tuple(out)


def compute_fans(shape: Sequence[int], layout: str = "tf") -> Tuple[float, float]:
    """Return ``(fan_in, fan_out)`` of a weight of ``shape`` as floats.

    >>> compute_fans((3, 3, 64, 128))
    (576.0, 1152.0)
    >>> compute_fans((128, 64, 3, 3), layout="caffe")
    (576.0, 1152.0)
    """
    shape = normalize_shape(shape)
    if layout == "tf":
        if not shape:
            return 1.0, 1.0
        fan_in = float(shape[-2]) if len(shape) > 1 else float(shape[-1])
        fan_out = float(shape[-1])
        receptive = float(_prod(shape[:-2])) if len(shape) > 2 else 1.0
        return fan_in * receptive, fan_out * receptive
    if layout == "caffe":
        if not shape:
            return 1.0, 1.0
        count = float(_prod(shape))
        # Blob::num() and Blob::channels(): a 1-D blob has 1 channel, so its fan_out is the whole count
        num, channels = shape[0], (shape[1] if len(shape) > 1 else 1)
        fan_in = count / num if num else 0.0
        fan_out = count / channels if channels else 0.0
        return fan_in, fan_out
    raise ValueError("layout must be one of %s, got %r" % (", ".join(map(repr, LAYOUTS)), layout))


def fan_for_mode(fan_in: float, fan_out: float, mode: str) -> float:
    """The ``n`` of variance scaling: fan_in, fan_out or their mean, by contrib's ``mode`` name."""
    if mode == "FAN_IN":
        return fan_in
    if mode == "FAN_OUT":
        return fan_out
    if mode == "FAN_AVG":
        return (fan_in + fan_out) / 2.0
    raise TypeError("Unknown mode %r [FAN_IN, FAN_OUT, FAN_AVG]" % (mode,))


def num_elements(shape: Sequence[int]) -> int:
    """Number of elements of a (normalized) shape; 1 for a scalar."""
    return _prod(normalize_shape(shape))

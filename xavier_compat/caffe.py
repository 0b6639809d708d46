"""Caffe's weight fillers (``filler.hpp``) as TensorFlow initializers, and read from a prototxt.

Porting a Caffe net means keeping Caffe's initial scales.  Caffe's ``xavier`` is *not* Keras'
GlorotUniform: it is uniform ``±sqrt(3 / n)`` with ``n = fan_in`` by default, and Caffe counts fans on
its own blob layout, ``(out, in, kh, kw)`` / ``(out, in)``: ``fan_in = count / shape[0]``,
``fan_out = count / shape[1]`` (a 1-D blob: ``fan_in = 1``, ``fan_out = count``).

Usage::

    import xavier_compat as xc
    conv = tf.keras.layers.Conv2D(20, 5, kernel_initializer=xc.caffe_filler("xavier"),
                                  bias_initializer=xc.caffe_filler("constant"))
    fillers = xc.caffe_fillers_from_prototxt(open("lenet.prototxt").read())
    dense = tf.keras.layers.Dense(500, kernel_initializer=fillers["ip1"]["weight"])

Layouts: ``layout='tf'`` (default) reads TensorFlow kernels ``(..., in, out)`` and counts as Caffe
would on the matching blob: TF's last axis is Caffe's axis 0, TF's second-to-last is Caffe's axis 1.
``layout='caffe'`` reads Caffe blob shapes as given.  The same rule covers transposed convolutions:
``tf.nn.conv2d_transpose`` / Keras ``Conv2DTranspose`` kernels are ``(kh, kw, out, in)``, which maps
to ``(in, out, kh, kw)``: exactly Caffe's Deconvolution blob ``(in, out / group, kh, kw)``, so a
Deconvolution filler needs nothing special.

Saving: a Keras model using these fillers saves them as ``CaffeFiller`` configs; reload it with
``load_model(path, custom_objects={'CaffeFiller': xavier_compat.caffe.CaffeFiller})``.

Limitations: Caffe draws from its own Mersenne-Twister stream; these fillers draw from TensorFlow's,
so seeds reproduce TensorFlow runs, not Caffe's numbers.  ``uniform`` is TF's half-open ``[min, max)``.
"""
import math
import numbers
from typing import Any, Dict, Tuple

import numpy as np

from . import _backend, _prototxt
from .fans import compute_fans
from .initializers import InitializerBase, check_seed

__all__ = ["CaffeFiller", "caffe_filler", "caffe_fillers_from_prototxt", "bilinear_kernel",
           "FILLERS", "VARIANCE_NORMS", "LAYOUTS"]

LAYOUTS = ("tf", "caffe")
VARIANCE_NORMS = ("FAN_IN", "FAN_OUT", "AVERAGE")  # caffe.proto's FillerParameter.VarianceNorm

#: Caffe's filler kinds (filler.hpp's GetFiller order) -> the FillerParameter fields each one reads.
FILLERS = {
    "constant": ("value",),
    "gaussian": ("mean", "std", "sparse"),
    "positive_unitball": (),
    "uniform": ("min", "max"),
    "xavier": ("variance_norm",),
    "msra": ("variance_norm",),
    "bilinear": (),
}


# ---------------------------------------------------------------------------------------------- shapes
def caffe_shape(shape: Tuple[int, ...], layout: str) -> Tuple[int, ...]:
    """The Caffe blob shape matching ``shape``: TF ``(kh, kw, in, out)`` -> ``(out, in, kh, kw)``."""
    if layout == "tf" and len(shape) >= 2:
        return (shape[-1], shape[-2]) + tuple(shape[:-2])
    return tuple(shape)


def _output_axis(shape: Tuple[int, ...], layout: str) -> int:
    """The axis of ``shape`` that is Caffe's axis 0 (``num``: the outputs of a weight blob)."""
    return len(shape) - 1 if layout == "tf" and len(shape) >= 2 else 0


def bilinear_kernel(size: int) -> np.ndarray:
    """Caffe's ``(size, size)`` bilinear interpolation kernel (BilinearFiller).

    ``f = ceil(size / 2)``, ``c = (2f - 1 - f % 2) / (2f)``, ``w[y, x] = (1 - |x/f - c|)(1 - |y/f - c|)``.
    With ``size = 2·factor - factor % 2`` and stride ``factor`` a transposed convolution with it
    interpolates linearly.

    >>> bilinear_kernel(4)[0]
    array([0.0625, 0.1875, 0.1875, 0.0625])
    """
    f = int(math.ceil(size / 2.0))
    c = (2 * f - 1 - f % 2) / (2.0 * f)
    w = 1.0 - np.abs(np.arange(size) / float(f) - c)
    return np.outer(w, w)


# ---------------------------------------------------------------------------------------------- samplers
# Each takes (filler, shape, dtype) and returns a tensor; the base class already handled dtype, the
# shape's validity and zero-size shapes.
def _constant(filler, shape, dtype):
    tf = _backend.tf()
    return tf.fill(shape, tf.cast(filler.value, dtype))


def _uniform(filler, shape, dtype):
    return _backend.tf().random.uniform(shape, filler.min, filler.max, dtype=dtype, seed=filler.seed)


def _gaussian(filler, shape, dtype):
    tf = _backend.tf()
    weights = tf.random.normal(shape, filler.mean, filler.std, dtype=dtype, seed=filler.seed)
    if filler.sparse < 0:
        return weights
    # Caffe keeps each weight with probability sparse / num_outputs (num_outputs = blob axis 0) through
    # a Bernoulli mask; it needs a weight blob (>= 1 axis) and a probability <= 1.
    if not shape:
        raise ValueError("gaussian filler with sparse=%d needs a weight of at least 1 dimension, got "
                         "shape ()" % filler.sparse)
    num_outputs = shape[_output_axis(shape, filler.layout)]
    probability = float(filler.sparse) / num_outputs
    if probability > 1:
        raise ValueError("gaussian filler: sparse=%d exceeds the %d outputs of shape %r (layout=%r); Caffe "
                         "requires sparse <= num_outputs"
                         % (filler.sparse, num_outputs, shape, filler.layout))
    mask_seed = None if filler.seed is None else filler.seed + 1  # a separate stream for the mask
    keep = tf.random.uniform(shape, 0, 1, dtype=dtype, seed=mask_seed) < probability
    return weights * tf.cast(keep, dtype)


def _positive_unitball(filler, shape, dtype):
    tf = _backend.tf()
    values = tf.random.uniform(shape, 0, 1, dtype=dtype, seed=filler.seed)
    out_axis = _output_axis(shape, filler.layout)
    axes = [axis for axis in range(len(shape)) if axis != out_axis]
    return values / tf.reduce_sum(values, axis=axes, keepdims=True)  # each output's weights sum to 1


def _fan(filler, shape) -> float:
    fan_in, fan_out = compute_fans(caffe_shape(shape, filler.layout), layout="caffe")
    if filler.variance_norm == "FAN_OUT":
        return fan_out
    if filler.variance_norm == "AVERAGE":
        return (fan_in + fan_out) / 2.0
    return fan_in


def _xavier(filler, shape, dtype):
    scale = math.sqrt(3.0 / _fan(filler, shape))  # uniform on ±scale has variance 1/n
    return _backend.tf().random.uniform(shape, -scale, scale, dtype=dtype, seed=filler.seed)


def _msra(filler, shape, dtype):
    std = math.sqrt(2.0 / _fan(filler, shape))  # He et al. 2015; Caffe does not truncate
    return _backend.tf().random.normal(shape, 0.0, std, dtype=dtype, seed=filler.seed)


def _bilinear(filler, shape, dtype):
    if len(shape) != 4:
        raise ValueError("bilinear filler needs a 4-D kernel, got shape %r" % (shape,))
    layout = filler.layout
    kh, kw = (shape[2], shape[3]) if layout == "caffe" else (shape[0], shape[1])
    if kh != kw:
        raise ValueError("bilinear filler needs a square kernel, got %dx%d in shape %r" % (kh, kw, shape))
    kernel = bilinear_kernel(kw)
    if layout == "caffe":  # Caffe fills every (out, in) slice; it pairs the filler with group = channels
        values = np.broadcast_to(kernel, shape)
    elif shape[2] == shape[3]:  # TF has no group: one interpolator per channel, on the channel diagonal
        values = np.zeros(shape)
        for channel in range(shape[2]):
            values[:, :, channel, channel] = kernel
    elif 1 in shape[2:]:  # one input or one output channel (e.g. a depthwise kernel): every slice
        values = np.broadcast_to(kernel[:, :, None, None], shape)
    else:
        raise ValueError("bilinear filler with layout='tf' puts the kernel on the channel diagonal and "
                         "needs equal channel dims (or one of them 1), got shape %r" % (shape,))
    tf = _backend.tf()
    return tf.cast(tf.constant(np.ascontiguousarray(values, dtype=np.float64)), dtype)


_SAMPLERS = {
    "constant": _constant,
    "gaussian": _gaussian,
    "positive_unitball": _positive_unitball,
    "uniform": _uniform,
    "xavier": _xavier,
    "msra": _msra,
    "bilinear": _bilinear,
}
assert set(_SAMPLERS) == set(FILLERS)


# ---------------------------------------------------------------------------------------------- checks
def _number(name: str, value) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError("%s must be a number, got %r (%s)" % (name, value, type(value).__name__))
    return float(value)


def _check_kind(kind) -> str:
    if not isinstance(kind, str) or kind not in FILLERS:
        raise ValueError("Unknown Caffe filler type %r; known: %s" % (kind, ", ".join(FILLERS)))
    return kind


def _check_choice(name: str, value, allowed) -> str:
    if not isinstance(value, str) or value not in allowed:
        raise ValueError("%s must be one of %s, got %r" % (name, ", ".join(map(repr, allowed)), value))
    return value


def _check_sparse(sparse, kind: str) -> int:
    if isinstance(sparse, bool) or not isinstance(sparse, numbers.Integral):
        raise TypeError("sparse must be an integer (-1 = dense), got %r (%s)"
                        % (sparse, type(sparse).__name__))
    sparse = int(sparse)
    if sparse < -1:
        raise ValueError("sparse must be >= -1 (-1 = dense), got %d" % sparse)
    if sparse != -1 and "sparse" not in FILLERS[kind]:
        raise ValueError("sparse=%d: sparsity is only supported by the 'gaussian' filler, not %r"
                         % (sparse, kind))
    return sparse


# ---------------------------------------------------------------------------------------------- filler
class CaffeFiller(InitializerBase):
    """One Caffe ``FillerParameter`` as an initializer (TF1 call convention and native Keras).

    Parameters are FillerParameter's, with its defaults; each filler reads only its own (see
    :data:`FILLERS`), and only those are range-checked: ``std > 0`` for gaussian, ``min <= max`` for
    uniform, as Caffe checks them.  ``layout`` says how to read the shapes it is called with.
    """

    def __init__(self, type="constant", variance_norm="FAN_IN", std=1.0, mean=0.0, min=0.0, max=1.0,
                 value=0.0, sparse=-1, layout="tf", seed=None, dtype="float32"):
        super().__init__(dtype)
        self.type = _check_kind(type)
        self.variance_norm = _check_choice("variance_norm", variance_norm, VARIANCE_NORMS)
        self.std, self.mean = _number("std", std), _number("mean", mean)
        self.min, self.max = _number("min", min), _number("max", max)
        self.value = _number("value", value)
        self.sparse = _check_sparse(sparse, self.type)
        self.layout = _check_choice("layout", layout, LAYOUTS)
        self.seed = check_seed(seed)
        if self.type == "gaussian" and not self.std > 0:
            raise ValueError("std must be positive for the gaussian filler, got %r" % (std,))
        if self.type == "uniform" and self.min > self.max:
            raise ValueError("min must be <= max for the uniform filler, got min=%r > max=%r" % (min, max))

    def _sample(self, shape, dtype):
        return _SAMPLERS[self.type](self, shape, dtype)

    def get_config(self) -> Dict[str, Any]:
        return {"type": self.type, "variance_norm": self.variance_norm, "std": self.std, "mean": self.mean,
                "min": self.min, "max": self.max, "value": self.value, "sparse": self.sparse,
                "layout": self.layout, "seed": self.seed, "dtype": self.dtype}


def caffe_filler(type, *, variance_norm="FAN_IN", std=1.0, mean=0.0, min=0.0, max=1.0, value=0.0,
                 sparse=-1, layout="tf", seed=None, dtype="float32"):
    """Return Caffe's filler ``type`` as an initializer, with FillerParameter's arguments and defaults.

    ====================  =======================================================================
    constant              ``value``
    uniform               U(min, max)
    gaussian              N(mean, std²); with ``sparse >= 0`` each weight is kept with probability
                          ``sparse / num_outputs`` (num_outputs: Caffe's axis 0), else zeroed
    positive_unitball     U(0, 1), then each output's weights divided by their sum (sum to 1)
    xavier                U(-sqrt(3/n), sqrt(3/n)), n = fan_in | fan_out | (fan_in+fan_out)/2
    msra                  N(0, 2/n) untruncated, n as for xavier
    bilinear              interpolation kernel for an upsampling transposed convolution
    ====================  =======================================================================

    Fans are Caffe's (see the module docstring); ``variance_norm`` is ``'FAN_IN'``, ``'FAN_OUT'`` or
    ``'AVERAGE'``.  ``bilinear`` needs a square 4-D kernel: with ``layout='tf'`` it is put on the channel
    diagonal of a ``(k, k, C, C)`` kernel, so ``tf.nn.conv2d_transpose(x, w, strides=f)`` with
    ``k = 2f - f % 2`` upsamples every channel by ``f``; with ``layout='caffe'`` every slice is filled, as
    Caffe does for its ``group = C`` blob ``(C, 1, k, k)``.

    TF2: ``tf.keras.layers.Conv2D(20, 5, kernel_initializer=caffe_filler('xavier'))``;
    TF1: ``tf.get_variable('w', [5, 5, 1, 20], initializer=caffe_filler('msra', seed=1))``.
    """
    return CaffeFiller(type, variance_norm=variance_norm, std=std, mean=mean, min=min, max=max,
                       value=value, sparse=sparse, layout=layout, seed=seed, dtype=dtype)


# ---------------------------------------------------------------------------------------------- prototxt
def _filler_from_param(param, layer: str, blob: str, layout: str, seed, dtype) -> CaffeFiller:
    """A :class:`CaffeFiller` from one parsed FillerParameter; errors name the layer and blob."""
    try:
        return caffe_filler(layout=layout, seed=seed, dtype=dtype, **_prototxt.filler_kwargs(param))
    except (TypeError, ValueError) as err:
        raise type(err)("layer %r, %s_filler: %s" % (layer, blob, err)) from err


def caffe_fillers_from_prototxt(text, *, layout="tf", seed=None, dtype="float32"):
    """Return ``{layer_name: {'weight': init, 'bias': init}}`` for a Caffe net definition's text.

    Covers Convolution, Deconvolution and InnerProduct layers, in the new ``layer { type: "Convolution" }``
    and the old ``layers { type: CONVOLUTION }`` syntax; other layers are ignored.  Fillers come from
    ``weight_filler`` / ``bias_filler`` in ``convolution_param`` / ``inner_product_param``; a missing one
    is Caffe's default, ``constant`` 0.  ``'bias'`` is ``None`` when the layer says ``bias_term: false``.

    ``layout`` is how the initializers will read shapes (``'tf'``: Keras ``Conv2D``, ``Conv2DTranspose``
    and ``Dense`` kernels).  Deconvolution needs no special case (Keras' ``(kh, kw, out, in)`` maps to
    Caffe's ``(in, out, kh, kw)`` blob, see the module docstring).  An InnerProduct with ``transpose:
    true`` stores its blob as ``(in, out)``, so its weight filler reads a TF ``(in, out)`` kernel with
    Caffe's layout, giving Caffe's fans.  With ``seed``, the i-th weight layer's fillers get seeds
    ``seed + 2i`` (weight) and ``seed + 2i + 1`` (bias).

    A malformed prototxt raises ``ValueError`` naming the line; duplicate or empty names of weight
    layers raise ``ValueError`` too.

    >>> fillers = caffe_fillers_from_prototxt(open("lenet.prototxt").read())  # doctest: +SKIP
    >>> tf.keras.layers.Conv2D(20, 5, kernel_initializer=fillers["conv1"]["weight"])  # doctest: +SKIP
    """
    _check_choice("layout", layout, LAYOUTS)
    seed = check_seed(seed)
    net = _prototxt.parse_net(text)
    fillers = {}  # type: Dict[str, Dict[str, Any]]
    for index, (name, kind, params) in enumerate(_prototxt.weight_layers(net)):
        if not name:
            raise ValueError("the %s layer #%d has no name" % (kind, index + 1))
        if name in fillers:
            raise ValueError("two weight layers are named %r; names must be unique" % (name,))
        weight_seed = None if seed is None else seed + 2 * index
        transposed = kind == "InnerProduct" and params.transpose
        weight = _filler_from_param(params.weight_filler, name, "weight",
                                    "caffe" if transposed else layout, weight_seed, dtype)
        bias = None
        if params.bias_term:
            bias = _filler_from_param(params.bias_filler, name, "bias", layout,
                                      None if seed is None else weight_seed + 1, dtype)
        fillers[name] = {"weight": weight, "bias": bias}
    return fillers

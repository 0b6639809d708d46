"""The ``tf.contrib.layers`` layer functions legacy code uses, with TF 1.15's defaults and variable names.

Written on ``tf.compat.v1`` ops only (no Keras layers), so they build the same graph on TF 1.15, 2.15
and 2.21 (Keras 3 or not); in graph mode they create the variables, collections and update ops TF 1.15
did, and they also run eagerly.  All are ``@add_arg_scope`` functions::

    with arg_scope([conv2d, fully_connected], normalizer_fn=batch_norm,
                   normalizer_params={"is_training": is_training}):
        net = conv2d(images, 32, [3, 3], scope="conv1")       # conv1/weights, conv1/BatchNorm/beta ...
        net = max_pool2d(net, [2, 2])                         # stride 2, VALID
        net = fully_connected(flatten(net), 10, activation_fn=None, scope="logits")
        net = dropout(net, keep_prob=0.5, is_training=is_training)   # keep_prob, not rate

TF 1.15 facts kept (each checked against TF 1.15 by tests/test_companions*.py):
- weights default to ``xavier_initializer()`` (uniform, FAN_AVG), biases to zeros, activation to relu;
  a ``normalizer_fn`` replaces the biases;
- ``batch_norm``: decay 0.999, center, no scale, epsilon 1e-3, updates in ``UPDATE_OPS``; with the fused
  kernel (default for rank 2 and 4) the moving variance is fed the *unbiased* batch variance
  (n / (n - 1)), without it the biased one, exactly as TF 1.15 behaved;
- ``layer_norm`` normalizes over axes ``begin_norm_axis..`` with epsilon 1e-12, ``instance_norm`` over
  the spatial axes with epsilon 1e-6.
Not provided: ``batch_norm(renorm=True)``, ``adjustment=``, ``zero_debias_moving_mean=True`` (rare;
they raise NotImplementedError naming the argument).
"""
import functools

from .._backend import tf as _tf
from ._batch_norm import batch_norm
from ._layer_utils import collect_named_outputs as _collect_named_outputs
from ._layer_utils import collections_for as _collections_for
from ._layer_utils import model_variable as _model_variable
from ._layer_utils import norm_params as _norm_params
from ._layer_utils import smart_cond as _smart_cond
from .arg_scope import add_arg_scope

__all__ = ["flatten", "fully_connected", "batch_norm", "layer_norm", "instance_norm", "dropout", "conv2d",
           "convolution2d", "max_pool2d", "avg_pool2d"]

_UPDATE_OPS = "update_ops"  # tf.GraphKeys.UPDATE_OPS
_NHWC, _NCHW = "NHWC", "NCHW"
_PADDINGS = ("SAME", "VALID")
_FUSED_MIN_EPSILON = 1.001e-5  # cuDNN's floor, applied by TF's fused_batch_norm wrapper


class _Xavier:
    """Default ``weights_initializer``: ``xavier_initializer()`` (uniform, FAN_AVG), made on first use."""

    def __repr__(self):
        return "xavier_initializer()"


_XAVIER = _Xavier()


def _weights_initializer(init):
    if init is not _XAVIER:
        return init
    try:  # the object xavier_initializer() returns, without its legacy warning (the caller chose a layer)
        from ..initializers import ContribVarianceScaling
    except ImportError:  # pragma: no cover - the same uniform +-sqrt(6 / (in + out)) in TF's own words
        return _tf().compat.v1.glorot_uniform_initializer()
    return ContribVarianceScaling(1.0, "FAN_AVG", True)


def _relu(features, name=None):
    return _tf().nn.relu(features, name=name)


def _pair(value, n, arg):
    if isinstance(value, int):
        return [value] * n
    value = list(value)
    if len(value) != n:
        raise ValueError(f"{arg} must be an int or a list of {n} ints; got {value!r}.")
    return [int(v) for v in value]


def _padding(padding):
    text = str(padding).upper()
    if text not in _PADDINGS:
        raise ValueError(f"padding must be one of {list(_PADDINGS)}; got {padding!r}.")
    return text


def _check_format(data_format, allowed=(_NHWC, _NCHW)):
    if data_format not in allowed:
        raise ValueError(f"data_format has to be one of {list(allowed)}; got {data_format!r}.")


@add_arg_scope
def flatten(inputs, outputs_collections=None, scope=None):
    """``[batch, d1, d2, ...] -> [batch, d1 * d2 * ...]``, as ``tf.contrib.layers.flatten``."""
    tf = _tf()
    with tf.compat.v1.name_scope(scope, "Flatten", [inputs]) as sc:
        inputs = tf.convert_to_tensor(inputs)
        shape = inputs.get_shape()
        if shape.ndims is None:
            raise ValueError(f"Inputs {inputs.name} has undefined rank.")
        with tf.compat.v1.name_scope("flatten"):  # TF 1.15 ran a Keras Flatten layer named flatten here
            outputs = _flatten(tf, inputs, shape)
        return _collect_named_outputs(outputs_collections, sc, outputs)


def _flatten(tf, inputs, shape):
    if shape.ndims == 1:
        outputs = tf.expand_dims(inputs, 1)
    else:
        dims = shape.as_list()
        batch = dims[0] if dims[0] is not None else tf.shape(inputs)[0]
        outputs = tf.reshape(inputs, tf.stack([batch, -1]) if tf.is_tensor(batch) else [batch, -1])
        rest = dims[1:]
        flat = None if any(d is None for d in rest) else functools.reduce(lambda a, b: a * b, rest, 1)
        outputs.set_shape([dims[0], flat])
    return outputs


@add_arg_scope
def fully_connected(inputs, num_outputs, activation_fn=_relu, normalizer_fn=None, normalizer_params=None,
                    weights_initializer=_XAVIER, weights_regularizer=None, biases_initializer="zeros",
                    biases_regularizer=None, reuse=None, variables_collections=None, outputs_collections=None,
                    trainable=True, scope=None):
    """``activation_fn(normalizer_fn(x @ weights) or x @ weights + biases)``, as contrib's fully_connected.

    Variables ``<scope>/weights`` ``[in, num_outputs]`` and ``<scope>/biases`` (default scope
    ``fully_connected``); rank > 2 inputs are contracted on their last axis, as TF 1.15 did.
    Example: ``logits = fully_connected(net, 10, activation_fn=None, scope="logits")``.
    """
    if isinstance(num_outputs, bool) or not isinstance(num_outputs, int):
        raise ValueError(f"num_outputs type should be one of [int], got {type(num_outputs)}.")
    tf = _tf()
    v1 = tf.compat.v1
    with v1.variable_scope(scope, "fully_connected", [inputs], reuse=reuse) as sc:
        inputs = tf.convert_to_tensor(inputs)
        dtype = inputs.dtype.base_dtype
        rank = inputs.get_shape().ndims
        in_dim = inputs.get_shape().as_list()[-1] if rank else None
        if in_dim is None:
            raise ValueError("The last dimension of the inputs to fully_connected should be defined; "
                             f"got {inputs.get_shape()}.")
        weights = _model_variable("weights", [in_dim, num_outputs], dtype,
                                  _weights_initializer(weights_initializer),
                                  _collections_for(variables_collections, "weights"), trainable,
                                  weights_regularizer, "kernel")
        if rank > 2:
            outputs = tf.tensordot(inputs, weights, [[rank - 1], [0]])
            outputs.set_shape(inputs.get_shape()[:-1].concatenate([num_outputs]))
        else:
            outputs = tf.matmul(inputs, weights)
        outputs = _bias_and_activation(outputs, num_outputs, dtype, activation_fn, normalizer_fn,
                                       normalizer_params, biases_initializer, biases_regularizer,
                                       variables_collections, trainable, None)
        return _collect_named_outputs(outputs_collections, sc.name, outputs)


def _bias_and_activation(outputs, channels, dtype, activation_fn, normalizer_fn, normalizer_params,
                         biases_initializer, biases_regularizer, variables_collections, trainable,
                         data_format):
    tf = _tf()
    if biases_initializer == "zeros":
        biases_initializer = tf.compat.v1.zeros_initializer()
    if not normalizer_fn and biases_initializer is not None:
        biases = _model_variable("biases", [channels], dtype, biases_initializer,
                                 _collections_for(variables_collections, "biases"), trainable,
                                 biases_regularizer, "bias")
        outputs = tf.nn.bias_add(outputs, biases, data_format=data_format)
    if normalizer_fn is not None:
        outputs = normalizer_fn(outputs, **(normalizer_params or {}))
    if activation_fn is not None:
        outputs = activation_fn(outputs)
    return outputs


@add_arg_scope
def convolution2d(inputs, num_outputs, kernel_size, stride=1, padding="SAME", data_format=None, rate=1,
                  activation_fn=_relu, normalizer_fn=None, normalizer_params=None,
                  weights_initializer=_XAVIER,
                  weights_regularizer=None, biases_initializer="zeros", biases_regularizer=None, reuse=None,
                  variables_collections=None, outputs_collections=None, trainable=True, scope=None):
    """2-D convolution + biases (or ``normalizer_fn``) + relu, as ``tf.contrib.layers.conv2d``.

    Variables ``<scope>/weights`` ``[kh, kw, in, num_outputs]`` and ``<scope>/biases`` (default scope
    ``Conv``); ``padding='SAME'``, stride 1, xavier weights.
    Example: ``net = conv2d(images, 64, [3, 3], scope="conv1")``.
    """
    _check_format(data_format, (None, _NHWC, _NCHW))
    tf = _tf()
    v1 = tf.compat.v1
    with v1.variable_scope(scope, "Conv", [inputs], reuse=reuse) as sc:
        inputs = tf.convert_to_tensor(inputs)
        dtype = inputs.dtype.base_dtype
        if inputs.get_shape().ndims != 4:
            raise ValueError(f"Convolution expects input with rank 4, got {inputs.get_shape().ndims}")
        channels_first = bool(data_format and data_format.startswith("NC"))
        in_channels = inputs.get_shape().as_list()[1 if channels_first else -1]
        if in_channels is None:
            raise ValueError("The channel dimension of the inputs should be defined; "
                             f"got {inputs.get_shape()}.")
        kernel = _pair(kernel_size, 2, "kernel_size")
        strides, rates = _pair(stride, 2, "stride"), _pair(rate, 2, "rate")
        if any(s != 1 for s in strides) and any(r != 1 for r in rates):
            raise ValueError("stride > 1 is not supported in conjunction with rate > 1; "
                             f"got stride={stride!r}, "
                             f"rate={rate!r}.")
        weights = _model_variable("weights", kernel + [in_channels, num_outputs], dtype,
                                  _weights_initializer(weights_initializer),
                                  _collections_for(variables_collections, "weights"), trainable,
                                  weights_regularizer, "kernel")
        fmt = _NCHW if channels_first else _NHWC
        outputs = v1.nn.convolution(inputs, weights, padding=_padding(padding), strides=strides,
                                    dilation_rate=rates, data_format=fmt)
        outputs = _bias_and_activation(outputs, num_outputs, dtype, activation_fn, normalizer_fn,
                                       normalizer_params, biases_initializer, biases_regularizer,
                                       variables_collections, trainable, fmt)
        return _collect_named_outputs(outputs_collections, sc.name, outputs)


conv2d = convolution2d


def _pool(kind, inputs, kernel_size, stride, padding, data_format, outputs_collections, scope):
    _check_format(data_format)
    tf = _tf()
    with tf.compat.v1.name_scope(scope, kind, [inputs]) as sc:
        inputs = tf.convert_to_tensor(inputs)
        k, s = _pair(kernel_size, 2, "kernel_size"), _pair(stride, 2, "stride")
        if data_format == _NCHW:
            ksize, strides = [1, 1] + k, [1, 1] + s
        else:
            ksize, strides = [1] + k + [1], [1] + s + [1]
        op = tf.compat.v1.nn.max_pool if kind == "MaxPool2D" else tf.compat.v1.nn.avg_pool
        outputs = op(inputs, ksize=ksize, strides=strides, padding=_padding(padding), data_format=data_format)
        return _collect_named_outputs(outputs_collections, sc, outputs)


@add_arg_scope
def max_pool2d(inputs, kernel_size, stride=2, padding="VALID", data_format=_NHWC, outputs_collections=None,
               scope=None):
    """2-D max pooling, stride 2 and VALID by default, as ``tf.contrib.layers.max_pool2d``."""
    return _pool("MaxPool2D", inputs, kernel_size, stride, padding, data_format, outputs_collections, scope)


@add_arg_scope
def avg_pool2d(inputs, kernel_size, stride=2, padding="VALID", data_format=_NHWC, outputs_collections=None,
               scope=None):
    """2-D average pooling, stride 2 and VALID by default, as ``tf.contrib.layers.avg_pool2d``."""
    return _pool("AvgPool2D", inputs, kernel_size, stride, padding, data_format, outputs_collections, scope)


@add_arg_scope
def dropout(inputs, keep_prob=0.5, noise_shape=None, is_training=True, outputs_collections=None, scope=None,
            seed=None):
    """Keep each unit with probability ``keep_prob`` (scaled by ``1/keep_prob``); identity when not training.

    TF1 meaning: ``dropout(x, 0.9)`` keeps 90% of the units (TF2's ``tf.nn.dropout(x, 0.9)`` keeps 10%).
    Example: ``net = dropout(net, keep_prob=0.8, is_training=is_training)``.
    """
    tf = _tf()
    with tf.compat.v1.variable_scope(scope, "Dropout", [inputs]) as sc:
        inputs = tf.convert_to_tensor(inputs)

        def dropped():
            return tf.compat.v1.nn.dropout(inputs, noise_shape=noise_shape, seed=seed, rate=1 - keep_prob)

        outputs = _smart_cond(is_training, dropped, lambda: tf.identity(inputs))
        return _collect_named_outputs(outputs_collections, sc.name, outputs)


@add_arg_scope
def layer_norm(inputs, center=True, scale=True, activation_fn=None, reuse=None, variables_collections=None,
               outputs_collections=None, trainable=True, begin_norm_axis=1, begin_params_axis=-1, scope=None):
    """Layer normalization over axes ``begin_norm_axis..``; beta/gamma over ``begin_params_axis..``.

    ``y = (x - mean) / sqrt(var + 1e-12) * gamma + beta`` (epsilon 1e-3 for float16), as contrib.
    Example: ``h = layer_norm(h, scope="ln")``.
    """
    tf = _tf()
    with tf.compat.v1.variable_scope(scope, "LayerNorm", [inputs], reuse=reuse) as sc:
        inputs = tf.convert_to_tensor(inputs)
        shape = inputs.get_shape()
        rank = shape.ndims
        if rank is None:
            raise ValueError(f"Inputs {inputs.name} has undefined rank.")
        dtype = inputs.dtype.base_dtype
        if begin_norm_axis < 0:
            begin_norm_axis = rank + begin_norm_axis
        if begin_params_axis >= rank or begin_norm_axis >= rank:
            raise ValueError(f"begin_params_axis ({begin_params_axis}) "
                             f"and begin_norm_axis ({begin_norm_axis}) must be < rank(inputs) ({rank})")
        params_shape = shape[begin_params_axis:]
        if not params_shape.is_fully_defined():
            raise ValueError(f"Inputs {inputs.name}: shape(inputs)[{begin_params_axis}:] "
                             f"is not fully defined: {shape}")
        beta, gamma = _norm_params(center, scale, params_shape, dtype, None, variables_collections, trainable)
        mean, variance = tf.compat.v1.nn.moments(inputs, list(range(begin_norm_axis, rank)), keep_dims=True)
        epsilon = 1e-3 if dtype == tf.float16 else 1e-12
        outputs = tf.nn.batch_normalization(inputs, mean, variance, beta, gamma, epsilon)
        outputs.set_shape(shape)
        if activation_fn is not None:
            outputs = activation_fn(outputs)
        return _collect_named_outputs(outputs_collections, sc.name, outputs)


@add_arg_scope
def instance_norm(inputs, center=True, scale=True, epsilon=1e-6, activation_fn=None, param_initializers=None,
                  reuse=None, variables_collections=None, outputs_collections=None, trainable=True,
                  data_format=_NHWC, scope=None):
    """Instance normalization: per example and channel over the spatial axes, as contrib (epsilon 1e-6).

    Example: ``net = instance_norm(net, activation_fn=tf.nn.relu)``.
    """
    tf = _tf()
    inputs = tf.convert_to_tensor(inputs)
    shape = inputs.get_shape()
    rank = shape.ndims
    if rank is None:
        raise ValueError(f"Inputs {inputs.name} has undefined rank.")
    _check_format(data_format)
    with tf.compat.v1.variable_scope(scope, "InstanceNorm", [inputs], reuse=reuse) as sc:
        channel_axis = 1 if data_format == _NCHW else rank - 1
        broadcast = [1, shape.as_list()[1]] + [1] * (rank - 2) if data_format == _NCHW else None
        axes = [a for a in range(1, rank) if a != channel_axis]
        params_shape = shape[channel_axis:channel_axis + 1]
        if not params_shape.is_fully_defined():
            raise ValueError(f"Inputs {inputs.name} has undefined channels dimension {params_shape}.")
        beta, gamma = _norm_params(center, scale, params_shape, inputs.dtype.base_dtype, param_initializers,
                                   variables_collections, trainable)
        if broadcast:
            beta = None if beta is None else tf.reshape(beta, broadcast)
            gamma = None if gamma is None else tf.reshape(gamma, broadcast)
        mean, variance = tf.compat.v1.nn.moments(inputs, axes, keep_dims=True)
        outputs = tf.nn.batch_normalization(inputs, mean, variance, beta, gamma, epsilon, name="instancenorm")
        if activation_fn is not None:
            outputs = activation_fn(outputs)
        return _collect_named_outputs(outputs_collections, sc.name, outputs)

"""``tf.contrib.layers.batch_norm`` with TF 1.15's defaults, on tf.compat.v1 ops (no Keras layer).

tf-slim 1.1.0's batch_norm cannot serve TF >= 2.15 (it imports Keras-2 internals that are gone), so
this is the one the contrib façade and the slim bridge use.  Behaviour of TF 1.15:

- variables ``<scope>/beta`` (center=True), ``gamma`` (scale=False by default), ``moving_mean`` (zeros)
  and ``moving_variance`` (ones), default scope ``BatchNorm``, all in MODEL_VARIABLES;
- training: normalize with the batch moments; update ``m <- m - (m - batch_stat) * (1 - decay)`` with
  decay 0.999; the update ops go to ``UPDATE_OPS`` (run them with the train op) or, with
  ``updates_collections=None``, run in place before the output;
- ``fused`` (None means True) uses the fused kernel for rank-2 and rank-4 inputs: its batch variance,
  which also feeds the moving variance, is the *unbiased* one, ``var * n / (n - 1)``; the non-fused
  path (``fused=False``, other ranks, ``batch_weights``) feeds the biased ``var``;
- inference (``is_training=False``): normalize with the moving statistics, no update ops.

Example (TF1 style)::

    net = batch_norm(conv, is_training=is_training, scale=True)
    with tf.control_dependencies(tf.compat.v1.get_collection(tf.compat.v1.GraphKeys.UPDATE_OPS)):
        train_op = optimizer.minimize(loss)
"""
from .._backend import tf as _tf
from ._layer_utils import (
    collect_named_outputs,
    collections_for,
    graph_mode,
    model_variable,
    norm_params,
    smart_cond,
    static_bool,
)
from .arg_scope import add_arg_scope

_UPDATE_OPS = "update_ops"  # tf.GraphKeys.UPDATE_OPS
_NHWC, _NCHW = "NHWC", "NCHW"


def _assign_moving_average(variable, value, decay):
    """``variable -= (variable - value) * (1 - decay)``, TF 1.15's moving_averages formula."""
    tf = _tf()
    v1 = tf.compat.v1
    with v1.name_scope(None, "AssignMovingAvg", [variable, value]) as name:
        base = variable.dtype.base_dtype
        one_minus = tf.cast(tf.convert_to_tensor(1.0 - decay, name="decay"), base)
        return v1.assign_sub(variable, (variable - tf.cast(value, base)) * one_minus, name=name)


def _unsupported(**options):
    for arg, (value, default) in sorted(options.items()):
        if value != default:
            raise NotImplementedError(f"xavier_compat's batch_norm does not implement {arg}={value!r} "
                                      f"(only {default!r}); on TF2 use "
                                      "tf.keras.layers.BatchNormalization for it.")


@add_arg_scope
def batch_norm(inputs, decay=0.999, center=True, scale=False, epsilon=0.001, activation_fn=None,
               param_initializers=None, param_regularizers=None, updates_collections=_UPDATE_OPS,
               is_training=True, reuse=None, variables_collections=None, outputs_collections=None,
               trainable=True, batch_weights=None, fused=None, data_format=_NHWC,
               zero_debias_moving_mean=False,
               scope=None, renorm=False, renorm_clipping=None, renorm_decay=0.99, adjustment=None):
    """Batch normalization (Ioffe & Szegedy 2015) as ``tf.contrib.layers.batch_norm`` in TF 1.15.

    ``y = gamma * (x - mean) / sqrt(var + epsilon) + beta`` over all axes but the channel axis.
    Example: ``net = conv2d(x, 64, 3, normalizer_fn=batch_norm, normalizer_params={"is_training": t})``.
    """
    _unsupported(renorm=(renorm, False), zero_debias_moving_mean=(zero_debias_moving_mean, False),
                 adjustment=(adjustment, None), renorm_clipping=(renorm_clipping, None))
    if data_format not in (_NHWC, _NCHW):
        raise ValueError(f"data_format has to be either NCHW or NHWC; got {data_format!r}.")
    tf = _tf()
    v1 = tf.compat.v1
    inputs = tf.convert_to_tensor(inputs)
    shape = inputs.get_shape()
    rank = shape.ndims
    if rank is None:
        raise ValueError(f"Inputs {inputs.name} has undefined rank.")
    use_fused = fused in (None, True) and rank in (2, 4) and batch_weights is None
    with v1.variable_scope(scope, "BatchNorm", [inputs], reuse=reuse) as sc:
        channel_axis = 1 if data_format == _NCHW else rank - 1
        params_shape = shape[channel_axis:channel_axis + 1]
        if not params_shape.is_fully_defined():
            raise ValueError(f"Inputs {inputs.name} has undefined channels dimension {params_shape}.")
        dtype = inputs.dtype.base_dtype
        param_dtype = tf.float32 if dtype in (tf.float16, tf.bfloat16) else dtype
        # TF 1.15 ran the default configuration through a Keras layer, which makes gamma before beta
        keras_path = updates_collections == _UPDATE_OPS and batch_weights is None
        beta, gamma = norm_params(center, scale, params_shape, param_dtype, param_initializers,
                                  variables_collections, trainable, param_regularizers,
                                  gamma_first=keras_path)
        inits = param_initializers or {}
        with v1.variable_scope(v1.get_variable_scope()) as local_scope:
            local_scope.set_partitioner(None)
            moving_mean = model_variable("moving_mean", params_shape, param_dtype,
                                         inits.get("moving_mean", v1.zeros_initializer()),
                                         collections_for(variables_collections, "moving_mean"), False)
            moving_variance = model_variable("moving_variance", params_shape, param_dtype,
                                             inits.get("moving_variance", v1.ones_initializer()),
                                             collections_for(variables_collections, "moving_variance"), False)
        if use_fused:
            outputs, mean, variance = _fused(inputs, beta, gamma, moving_mean, moving_variance, params_shape,
                                             epsilon, is_training, data_format)
        else:
            outputs, mean, variance = _plain(inputs, beta, gamma, moving_mean, moving_variance, epsilon,
                                             is_training, data_format, batch_weights, channel_axis)
        training = static_bool(is_training)
        if training is None or training:
            def updates():
                return (_assign_moving_average(moving_mean, mean, decay),
                        _assign_moving_average(moving_variance, variance, decay))

            def no_updates():
                return tf.identity(moving_mean), tf.identity(moving_variance)

            if updates_collections is None or not graph_mode():
                def forced():
                    with tf.control_dependencies(updates()):
                        return tf.identity(outputs)

                outputs = smart_cond(is_training, forced, lambda: outputs)
            else:
                update_mean, update_variance = smart_cond(is_training, updates, no_updates)
                v1.add_to_collections(updates_collections, update_mean)
                v1.add_to_collections(updates_collections, update_variance)
        if activation_fn is not None:
            outputs = activation_fn(outputs)
        return collect_named_outputs(outputs_collections, sc.name, outputs)


def _fused(inputs, beta, gamma, moving_mean, moving_variance, params_shape, epsilon, is_training,
           data_format):
    """The fused kernel (rank 2 is run as ``[N, 1, 1, C]``); its training variance is the unbiased one."""
    tf = _tf()
    v1 = tf.compat.v1
    x = inputs
    rank = inputs.get_shape().ndims
    channels = params_shape.as_list()[0]
    if rank == 2:
        x = tf.reshape(inputs, [-1, channels, 1, 1] if data_format == _NCHW else [-1, 1, 1, channels])
    offset = beta if beta is not None else tf.constant(0.0, tf.float32, shape=[channels])
    scale = gamma if gamma is not None else tf.constant(1.0, tf.float32, shape=[channels])

    def training():
        return v1.nn.fused_batch_norm(x, scale, offset, epsilon=epsilon, data_format=data_format)

    def inference():
        return v1.nn.fused_batch_norm(x, scale, offset, mean=moving_mean, variance=moving_variance,
                                      epsilon=epsilon, is_training=False, data_format=data_format)

    outputs, mean, variance = smart_cond(is_training, training, inference)
    outputs.set_shape(x.get_shape())
    if rank == 2:
        outputs = tf.reshape(outputs, tf.shape(inputs))
        outputs.set_shape(inputs.get_shape())
    return outputs, mean, variance


def _plain(inputs, beta, gamma, moving_mean, moving_variance, epsilon, is_training, data_format,
           batch_weights, channel_axis):
    """nn.moments / nn.weighted_moments + nn.batch_normalization (biased batch variance)."""
    tf = _tf()
    v1 = tf.compat.v1
    rank = inputs.get_shape().ndims
    axes = [a for a in range(rank) if a != channel_axis]
    broadcast = None
    if data_format == _NCHW:
        broadcast = [1, inputs.get_shape().as_list()[1]] + [1] * (rank - 2)

    def batch_moments():
        if batch_weights is None:
            mean, variance = v1.nn.moments(inputs, axes, keep_dims=broadcast is not None)
        else:
            weights = tf.reshape(tf.convert_to_tensor(batch_weights), [-1] + [1] * (rank - 1))
            mean, variance = v1.nn.weighted_moments(inputs, axes, weights, keep_dims=broadcast is not None)
        if broadcast is not None:
            mean, variance = tf.reshape(mean, [-1]), tf.reshape(variance, [-1])
        return mean, variance

    training = static_bool(is_training)
    if training is None:
        mean, variance = batch_moments()
        use_mean, use_variance = tf.cond(is_training, lambda: (tf.identity(mean), tf.identity(variance)),
                                         lambda: (tf.identity(moving_mean), tf.identity(moving_variance)))
    elif training:
        mean, variance = use_mean, use_variance = batch_moments()
    else:
        mean = variance = None
        use_mean, use_variance = moving_mean, moving_variance
    if broadcast is not None:
        use_mean, use_variance = tf.reshape(use_mean, broadcast), tf.reshape(use_variance, broadcast)
        beta = None if beta is None else tf.reshape(beta, broadcast)
        gamma = None if gamma is None else tf.reshape(gamma, broadcast)
    outputs = tf.nn.batch_normalization(inputs, use_mean, use_variance, beta, gamma, epsilon)
    outputs.set_shape(inputs.get_shape())
    return outputs, mean, variance

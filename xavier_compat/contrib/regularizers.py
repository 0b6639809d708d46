"""``tf.contrib.layers`` regularizers, as TF 1.15 defined them, on every TensorFlow line.

Each factory returns a plain function ``reg(weights) -> scalar Tensor`` (or ``None``), which is what
``tf.compat.v1.get_variable(regularizer=...)`` calls.  Keras regularizers passed there fail on
TF >= 2.16 graph mode ("Invalid dtype: float32_ref"); these do not, in graph and in eager mode::

    reg = l2_regularizer(5e-4)                    # 5e-4 * sum(w ** 2) / 2  (tf.nn.l2_loss)
    w = tf.compat.v1.get_variable("w", [3, 4], regularizer=reg)
    loss += tf.add_n(tf.compat.v1.get_collection(tf.compat.v1.GraphKeys.REGULARIZATION_LOSSES))

Scale checks are contrib's: an integer scale is a ValueError (``1`` is not ``1.0``), a negative one is
a ValueError, ``0.0`` logs "Scale of 0 disables regularizer." and returns a function returning None.
Tensor scales are accepted unchecked, as in TF 1.15.
"""
import numbers

from .._backend import tf as _tf

__all__ = ["l1_regularizer", "l2_regularizer", "l1_l2_regularizer", "sum_regularizer",
           "apply_regularization"]


def _check_scale(scale, arg):
    """contrib's validation; returns True when the scale disables the regularizer (0.0)."""
    if isinstance(scale, numbers.Integral):  # bool too, as in TF 1.15
        raise ValueError(f"{arg} cannot be an integer: {scale} (use a float such as {int(scale)}.0)")
    if isinstance(scale, numbers.Real):
        if scale < 0.0:
            raise ValueError(f"Setting a {arg} less than 0 on a regularizer: {scale:g} "
                             "(allowed: a float >= 0.0)")
        if scale == 0.0:
            _tf().compat.v1.logging.info("Scale of 0 disables regularizer.")
            return True
    return False


def _disabled(_):
    return None


def l1_regularizer(scale, scope=None):
    """L1 penalty ``scale * sum(|w|)``, as ``tf.contrib.layers.l1_regularizer``.

    Example: ``get_variable("w", [3, 4], regularizer=l1_regularizer(1e-4))``.
    """
    if _check_scale(scale, "scale"):
        return _disabled

    def l1(weights, name=None):
        tf = _tf()
        with tf.compat.v1.name_scope(scope, "l1_regularizer", [weights]) as name:
            my_scale = tf.convert_to_tensor(scale, dtype=weights.dtype.base_dtype, name="scale")
            return tf.multiply(my_scale, tf.reduce_sum(tf.abs(weights)), name=name)

    return l1


def l2_regularizer(scale, scope=None):
    """L2 penalty ``scale * sum(w ** 2) / 2`` (``tf.nn.l2_loss``), as ``tf.contrib.layers.l2_regularizer``.

    Example: ``get_variable("w", [3, 4], regularizer=l2_regularizer(5e-4))``.
    """
    if _check_scale(scale, "scale"):
        return _disabled

    def l2(weights):
        tf = _tf()
        with tf.compat.v1.name_scope(scope, "l2_regularizer", [weights]) as name:
            my_scale = tf.convert_to_tensor(scale, dtype=weights.dtype.base_dtype, name="scale")
            return tf.multiply(my_scale, tf.nn.l2_loss(weights), name=name)

    return l2


def l1_l2_regularizer(scale_l1=1.0, scale_l2=1.0, scope=None):
    """``scale_l1 * sum(|w|) + scale_l2 * sum(w ** 2) / 2``, as ``tf.contrib.layers.l1_l2_regularizer``.

    A zero scale drops its term (the other one is returned alone, named ``scope``).
    Example: ``l1_l2_regularizer(1e-5, 1e-4)(w)``.
    """
    if isinstance(scale_l1, numbers.Integral):
        raise ValueError(f"scale_l1 cannot be an integer: {scale_l1} (use a float)")
    if isinstance(scale_l2, numbers.Integral):
        raise ValueError(f"scale_l2 cannot be an integer: {scale_l2} (use a float)")
    scope = scope or "l1_l2_regularizer"
    if isinstance(scale_l1, numbers.Real) and scale_l1 == 0.0:
        return l2_regularizer(scale_l2, scope)
    if isinstance(scale_l2, numbers.Real) and scale_l2 == 0.0:
        return l1_regularizer(scale_l1, scope)
    return sum_regularizer([l1_regularizer(scale_l1), l2_regularizer(scale_l2)], scope=scope)


def sum_regularizer(regularizer_list, scope=None):
    """The sum of several regularizers (``None`` entries skipped); None when none is left.

    Example: ``sum_regularizer([l1_regularizer(0.1), l2_regularizer(0.2)])(w)``.
    """
    regularizer_list = [reg for reg in regularizer_list if reg is not None]
    if not regularizer_list:
        return None

    def sum_reg(weights):
        tf = _tf()
        with tf.compat.v1.name_scope(scope, "sum_regularizer", [weights]) as name:
            tensors = [t for t in (reg(weights) for reg in regularizer_list) if t is not None]
            return tf.add_n(tensors, name=name) if tensors else None

    return sum_reg


def apply_regularization(regularizer, weights_list=None):
    """Sum of ``regularizer(w)`` over ``weights_list`` (default: the ``WEIGHTS`` collection).

    The sum is also added to ``REGULARIZATION_LOSSES``, as in TF 1.15; raises ValueError when there are
    no weights or a penalty is not a scalar.
    Example: ``penalty = apply_regularization(l2_regularizer(1e-4), [w1, w2])``.
    """
    tf = _tf()
    v1 = tf.compat.v1
    if not weights_list:
        weights_list = v1.get_collection(v1.GraphKeys.WEIGHTS)
    if not weights_list:
        raise ValueError("No weights to regularize: weights_list is empty and so is the "
                         "GraphKeys.WEIGHTS collection.")
    with v1.name_scope("get_regularization_penalty", values=weights_list) as scope:
        penalties = [regularizer(w) for w in weights_list]
        penalties = [p if p is not None else tf.constant(0.0) for p in penalties]
        for p in penalties:
            if p.get_shape().ndims != 0:
                raise ValueError("regularizer must return a scalar Tensor instead of a Tensor with rank "
                                 f"{p.get_shape().ndims}.")
        summed_penalty = tf.add_n(penalties, name=scope)
        if not tf.executing_eagerly():
            v1.add_to_collection(v1.GraphKeys.REGULARIZATION_LOSSES, summed_penalty)
        return summed_penalty

"""Helpers shared by the contrib layer functions: TF 1.15's model variables, collections, smart_cond."""
from .._backend import tf as _tf


def graph_mode():
    return not _tf().executing_eagerly()


def collections_for(variables_collections, name):
    """contrib's utils.get_variable_collections: a dict maps per variable, a list applies to all."""
    if isinstance(variables_collections, dict):
        value = variables_collections.get(name, None)
    else:
        value = variables_collections
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def model_variable(name, shape, dtype, initializer, collections=None, trainable=True, regularizer=None,
                    regularizer_name=None):
    """``get_variable`` into GLOBAL + MODEL_VARIABLES (+ ``collections``).

    The regularizer loss is named as TF 1.15's tf.layers named it (``<scope>/kernel/Regularizer/...``).
    """
    tf = _tf()
    v1 = tf.compat.v1
    keys = v1.GraphKeys
    cols = list(collections or []) + [keys.GLOBAL_VARIABLES, keys.MODEL_VARIABLES]
    graph = graph_mode()
    before = set(id(v) for v in v1.get_collection(keys.GLOBAL_VARIABLES)) if graph else set()
    var = v1.get_variable(name, shape=shape, dtype=dtype, initializer=initializer, trainable=trainable,
                          collections=cols)
    if regularizer is not None and id(var) not in before:
        scope_name = var.op.name.rsplit("/", 1)[0] + "/" if graph else ""
        with v1.name_scope(scope_name + (regularizer_name or name) + "/Regularizer/"):
            loss = regularizer(var)
        if loss is not None and graph:
            v1.add_to_collection(keys.REGULARIZATION_LOSSES, loss)
    return var


def collect_named_outputs(collections, alias, outputs):
    """contrib's utils.collect_named_outputs: alias the tensor and add it to ``collections``."""
    if collections:
        alias = alias[:-1] if alias.endswith("/") else alias
        aliases = getattr(outputs, "aliases", None)
        if aliases is None:
            outputs.aliases = [alias]
        else:
            aliases.append(alias)
        _tf().compat.v1.add_to_collections(collections, outputs)
    return outputs


def static_bool(pred):
    """contrib's utils.constant_value: a Python bool, or None for a non-constant tensor."""
    if isinstance(pred, bool):
        return pred
    if isinstance(pred, int) and pred in (0, 1):
        return bool(pred)
    tf = _tf()
    if isinstance(pred, tf.Variable):
        return None
    if tf.is_tensor(pred):
        value = tf.get_static_value(pred)
        return None if value is None else bool(value)
    raise TypeError(f"is_training must be a Python bool or a boolean Tensor; got {pred!r}.")


def smart_cond(pred, true_fn, false_fn):
    value = static_bool(pred)
    if value is None:
        return _tf().cond(pred, true_fn, false_fn)
    return true_fn() if value else false_fn()


def norm_params(center, scale, shape, dtype, param_initializers, variables_collections, trainable,
                param_regularizers=None, gamma_first=False):
    """beta (zeros) and gamma (ones) model variables, or None when not requested.

    ``gamma_first``: create gamma before beta, the order of TF 1.15's Keras-layer batch_norm path.
    """
    v1 = _tf().compat.v1
    inits, regs = param_initializers or {}, param_regularizers or {}
    made = {}
    order = (("beta", center, v1.zeros_initializer()), ("gamma", scale, v1.ones_initializer()))
    for name, wanted, default in order[::-1 if gamma_first else 1]:
        if wanted:
            made[name] = model_variable(name, shape, dtype, inits.get(name, default),
                                        collections_for(variables_collections, name), trainable,
                                        regs.get(name))
    return made.get("beta"), made.get("gamma")

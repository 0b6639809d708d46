"""The ``tf.contrib.framework`` members legacy code uses, as in TF 1.15.

``arg_scope`` / ``add_arg_scope`` are the one implementation in :mod:`.arg_scope`;
``get_or_create_global_step`` and ``get_variables`` work on the default graph::

    step = get_or_create_global_step()                      # int64 scalar 'global_step:0'
    conv_vars = get_variables("conv1")                      # GLOBAL_VARIABLES under conv1
    weights = get_variables(suffix="weights")               # any scope, name ending in weights
"""
from .._backend import tf as _tf
from .arg_scope import (
    add_arg_scope,
    arg_scope,
    arg_scope_func_key,
    arg_scoped_arguments,
    current_arg_scope,
    has_arg_scope,
)

__all__ = ["arg_scope", "add_arg_scope", "current_arg_scope", "has_arg_scope", "arg_scoped_arguments",
           "arg_scope_func_key", "get_or_create_global_step", "get_global_step", "get_variables",
           "get_model_variables", "get_trainable_variables", "get_variables_by_name"]

_GLOBAL = "variables"  # tf.GraphKeys.GLOBAL_VARIABLES, spelled as a constant so the signature needs no TF


def get_or_create_global_step(graph=None):
    """The graph's global step (created as an int64 scalar 0 when missing), as in TF 1.15."""
    return _tf().compat.v1.train.get_or_create_global_step(graph)


def get_global_step(graph=None):
    """The graph's global step, or None when it has none."""
    return _tf().compat.v1.train.get_global_step(graph)


def get_variables(scope=None, suffix=None, collection=_GLOBAL):
    """Variables of ``collection`` whose names match ``scope`` (a prefix regex) and end in ``suffix``.

    ``scope`` may be a ``VariableScope`` or a string; ``suffix="weights"`` matches ``.../weights:0``.
    Example: ``get_variables("fully_connected", suffix="biases")``.
    """
    v1 = _tf().compat.v1
    if isinstance(scope, v1.VariableScope):
        scope = scope.name
    if suffix is not None:
        if ":" not in suffix:
            suffix += ":"
        scope = (scope or "") + ".*" + suffix
    return v1.get_collection(collection, scope)


def get_model_variables(scope=None, suffix=None):
    """``get_variables`` over ``GraphKeys.MODEL_VARIABLES``."""
    return get_variables(scope, suffix, _tf().compat.v1.GraphKeys.MODEL_VARIABLES)


def get_trainable_variables(scope=None, suffix=None):
    """``get_variables`` over ``GraphKeys.TRAINABLE_VARIABLES``."""
    return get_variables(scope, suffix, _tf().compat.v1.GraphKeys.TRAINABLE_VARIABLES)


def get_variables_by_name(given_name, scope=None):
    """Variables whose short name (after the last ``/``, before ``:``) is ``given_name``."""
    suffix = "/" + given_name + ":|^" + given_name + ":"
    return get_variables(scope=scope, suffix=suffix)

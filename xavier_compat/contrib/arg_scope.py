"""``tf.contrib.framework.arg_scope`` / ``add_arg_scope``, with TF 1.15's semantics (no TensorFlow needed).

An ``arg_scope`` sets default keyword arguments for the listed functions; explicit arguments win,
inner scopes override outer ones, and a scope dict yielded by ``with arg_scope(...) as sc`` can be
re-entered with ``arg_scope(sc)``::

    with arg_scope([conv2d, fully_connected], weights_regularizer=l2_regularizer(1e-4)):
        with arg_scope([conv2d], padding="VALID") as sc:
            net = conv2d(images, 32, [3, 3])          # VALID + the regularizer
    with arg_scope(sc):
        net = conv2d(net, 64, [3, 3])                 # same defaults again

As in TF 1.15 there is ONE stack: ``tf.contrib.slim.arg_scope`` is this very function.  When the
slim bridge serves tf-slim's layers, it calls :func:`share_state_with` so that tf-slim's own
``arg_scope`` and this one read and write the same stack and registry (a scope set by either applies
to functions decorated by either).
"""
import contextlib
import functools

__all__ = ["arg_scope", "add_arg_scope", "current_arg_scope", "has_arg_scope", "arg_scoped_arguments",
           "arg_scope_func_key"]

_ARGSTACK = [{}]  # stack of {function key: {kwarg: default}}
_DECORATED_OPS = {}  # function key -> names of its keyword arguments


def _get_arg_stack():
    if not _ARGSTACK:
        _ARGSTACK.append({})
    return _ARGSTACK


def current_arg_scope():
    """The innermost scope: a dict ``{function key: {kwarg: default}}``."""
    return _get_arg_stack()[-1]


def arg_scope_func_key(op):
    """The key a function is registered under (TF 1.15: ``str(function)`` of the undecorated one)."""
    return getattr(op, "_key_op", str(op))


def _kwarg_names(func):
    n_defaults = len(func.__defaults__) if func.__defaults__ else 0
    return func.__code__.co_varnames[func.__code__.co_argcount - n_defaults:func.__code__.co_argcount]


@contextlib.contextmanager
def arg_scope(list_ops_or_scope, **kwargs):
    """Set default keyword arguments ``kwargs`` for every function in ``list_ops_or_scope``.

    ``list_ops_or_scope`` is a list/tuple of ``@add_arg_scope`` functions, or a scope dict to re-enter
    (then ``kwargs`` must be empty).  Yields the new scope dict.
    Example: ``with arg_scope([conv2d], padding="VALID"): net = conv2d(x, 8, 3)``.
    """
    if isinstance(list_ops_or_scope, dict):
        if kwargs:
            raise ValueError("When attempting to re-use a scope by supplying a dictionary, kwargs must be "
                             f"empty; got {sorted(kwargs)}.")
        current_scope = list_ops_or_scope.copy()
    else:
        if not isinstance(list_ops_or_scope, (list, tuple)):
            raise TypeError("list_ops_or_scope must either be a list/tuple or reused scope (i.e. dict); got "
                            f"{list_ops_or_scope!r}.")
        current_scope = current_arg_scope().copy()
        for op in list_ops_or_scope:
            if not has_arg_scope(op):
                raise ValueError(f"{_name_op(op)} is not decorated with @add_arg_scope")
            key = arg_scope_func_key(op)
            merged = current_scope[key].copy() if key in current_scope else {}
            merged.update(kwargs)
            current_scope[key] = merged
    stack = _get_arg_stack()
    stack.append(current_scope)
    try:
        yield current_scope
    finally:
        stack.pop()


def _name_op(op):
    return (getattr(op, "__module__", None), getattr(op, "__name__", repr(op)))


def add_arg_scope(func):
    """Decorate ``func`` so that ``arg_scope`` can set defaults for its keyword arguments.

    Example: ``@add_arg_scope\\ndef my_layer(x, units=3, activation=None): ...``.
    """
    key = arg_scope_func_key(func)

    @functools.wraps(func)
    def func_with_args(*args, **kwargs):
        scope = current_arg_scope()
        if key in scope:
            current_args = scope[key].copy()
            current_args.update(kwargs)
            kwargs = current_args
        return func(*args, **kwargs)

    _DECORATED_OPS[key] = _kwarg_names(func)
    func_with_args._key_op = key
    return func_with_args


def has_arg_scope(func):
    """True when ``func`` was decorated with :func:`add_arg_scope` (here or in shared tf-slim)."""
    return arg_scope_func_key(func) in _DECORATED_OPS


def arg_scoped_arguments(func):
    """The keyword argument names ``arg_scope`` can set for ``func``."""
    assert has_arg_scope(func), f"{_name_op(func)} is not decorated with @add_arg_scope"
    return _DECORATED_OPS[arg_scope_func_key(func)]


def share_state_with(module):
    """Make this module and another arg_scope implementation (tf-slim's) use one stack and registry.

    ``module`` must keep its state in module globals ``_ARGSTACK`` (list) and ``_DECORATED_OPS``
    (dict), as tf-slim's ``tf_slim.ops.arg_scope`` does.  Registrations from both sides are kept;
    this module adopts the other's objects, so nothing in the other module is reassigned.  Must be
    called outside any ``arg_scope`` block; calling it again is a no-op.
    """
    global _ARGSTACK, _DECORATED_OPS
    other_stack, other_ops = module._ARGSTACK, module._DECORATED_OPS
    if other_stack is _ARGSTACK and other_ops is _DECORATED_OPS:
        return
    if len(_ARGSTACK) > 1 or len(other_stack) > 1:
        raise RuntimeError("arg_scope state can only be shared outside any arg_scope block")
    other_ops.update(_DECORATED_OPS)
    _ARGSTACK, _DECORATED_OPS = other_stack, other_ops

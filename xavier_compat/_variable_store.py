"""The eager half of :mod:`xavier_compat.variables`: TF1 variable scopes and a variable store.

TF2's ``tf.compat.v1.variable_scope`` forces ``reuse=AUTO_REUSE`` when running eagerly and its default
store does not keep eager variables, so ``get_variable`` under ``reuse=True`` silently makes a *new*
variable.  This module keeps TF1's rules in plain Python: a thread-local stack of :class:`VariableScope`
objects (name, reuse, default initializer / regularizer / dtype / constraint / custom getter) and a
:class:`VariableStore` (full name -> variable, plus the regularizers to apply).  Variables are created
with ``tf.Variable`` (inside ``tf.init_scope()`` when called while tracing a ``tf.function``), so a
``tf.distribute`` strategy scope makes them mirrored.

Nothing here runs in graph mode: :mod:`xavier_compat.variables` hands graph mode to TensorFlow itself.
"""
import contextlib
import inspect
import re
import threading
from typing import Any, Optional

from . import _backend

_NOT_FOUND = ("Variable %s does not exist, or was not created with tf.get_variable(). "
              "Did you mean to set reuse=tf.AUTO_REUSE in VarScope?")
_EXISTS = ("Variable %s already exists, disallowed. "
           "Did you mean to set reuse=True or reuse=tf.AUTO_REUSE in VarScope?")
_CONSTANT_WITH_SHAPE = "If initializer is a constant, do not specify shape."
_BAD_INITIALIZER = ("The initializer passed is not valid. It should be a callable with no arguments and "
                    "the shape should not be provided or an instance of `tf.keras.initializers.*' and "
                    "`shape` should be fully defined.")

_TF: Any = None  # the tensorflow module, bound by _tf() on first use (keeps the hot path cheap)


def _tf() -> Any:
    global _TF
    if _TF is None:
        _TF = _backend.tf()
    return _TF


class VariableScope:
    """An eager stand-in for TF1's ``tf.compat.v1.VariableScope`` (what ``with variable_scope(...) as s``
    yields): name, reuse flag and the defaults handed to ``get_variable`` inside the scope."""

    def __init__(self, reuse, name="", initializer=None, regularizer=None, caching_device=None,
                 partitioner=None, custom_getter=None, name_scope="", dtype=None, use_resource=None,
                 constraint=None):
        self._reuse = reuse
        self._name = name
        self._initializer = initializer
        self._regularizer = regularizer
        self._caching_device = caching_device
        self._partitioner = partitioner
        self._custom_getter = custom_getter
        self._name_scope = name_scope
        self._dtype = dtype
        self._use_resource = use_resource
        self._constraint = constraint

    name = property(lambda self: self._name)
    original_name_scope = property(lambda self: self._name_scope)
    reuse = property(lambda self: self._reuse)
    initializer = property(lambda self: self._initializer)
    regularizer = property(lambda self: self._regularizer)
    caching_device = property(lambda self: self._caching_device)
    partitioner = property(lambda self: self._partitioner)
    custom_getter = property(lambda self: self._custom_getter)
    constraint = property(lambda self: self._constraint)
    use_resource = property(lambda self: True)  # eager variables are always resource variables

    @property
    def dtype(self):
        return self._dtype if self._dtype is not None else _tf().float32

    def reuse_variables(self):
        """Turn reuse on for this scope (TF1: ``tf.get_variable_scope().reuse_variables()``)."""
        self._reuse = True

    def set_initializer(self, initializer):
        self._initializer = initializer

    def set_regularizer(self, regularizer):
        self._regularizer = regularizer

    def set_dtype(self, dtype):
        self._dtype = dtype

    def set_partitioner(self, partitioner):
        self._partitioner = partitioner

    def set_caching_device(self, caching_device):
        self._caching_device = caching_device

    def set_use_resource(self, use_resource):
        pass  # always resource variables eagerly, as in TF2

    def set_custom_getter(self, custom_getter):
        self._custom_getter = custom_getter

    def get_variable(self, name, *args, **kwargs):
        """``get_variable`` as if this scope were the current one (TF1's ``VariableScope.get_variable``)."""
        return get_variable(self, name, *args, **kwargs)

    def __repr__(self):
        return f"<xavier_compat VariableScope {self._name!r} reuse={self._reuse!r}>"


class VariableStore:
    """Full variable name -> variable, and the regularizers to run on them (TF1's ``_VariableStore``)."""

    auto_reuse = False  # True: an existing name is returned even when reuse is False (layer stores)

    def __init__(self):
        self.vars = {}  # type: Dict[str, Any]
        self.regularizers = []  # type: List[Tuple[str, Any, Any]]
        self.scope_counts = {}  # type: Dict[str, int]

    def clear(self):
        self.vars.clear()
        del self.regularizers[:]
        self.scope_counts.clear()

    def losses(self, scope=None):
        """Current regularization losses, recomputed from the live variables (``re.match`` on names)."""
        out = []
        for name, var, regularizer in self.regularizers:
            if scope is None or re.match(scope, name):
                loss = regularizer(var)
                if loss is not None:
                    out.append(loss)
        return out


DEFAULT_STORE = VariableStore()


class _Local(threading.local):
    def __init__(self):
        self.scope = VariableScope(False)
        self.store = DEFAULT_STORE


_LOCAL = _Local()


def current_scope() -> VariableScope:
    return _LOCAL.scope


def current_store() -> VariableStore:
    return _LOCAL.store


@contextlib.contextmanager
def using_store(store: VariableStore):
    """Make ``store`` the one eager ``get_variable`` reads and fills, in this thread."""
    old, _LOCAL.store = _LOCAL.store, store
    try:
        yield store
    finally:
        _LOCAL.store = old


def reset(store: Optional[VariableStore] = None) -> None:
    (store or DEFAULT_STORE).clear()
    _LOCAL.scope = VariableScope(False)


def _wrap_custom_getter(custom_getter, old_getter):
    """TF1's composition: the newer getter runs first and gets the older one (bound to ``getter``)."""
    if old_getter is None:
        return custom_getter

    def wrapped(getter, *args, **kwargs):
        return custom_getter(lambda *a, **k: old_getter(getter, *a, **k), *args, **kwargs)

    return wrapped


class scope_context:  # noqa: N801 (used like TF1's class-named context manager)
    """The context manager behind eager ``variable_scope(...)``; ``__enter__`` returns the scope."""

    def __init__(self, name_or_scope, default_name=None, initializer=None, regularizer=None,
                 caching_device=None, partitioner=None, custom_getter=None, reuse=None, dtype=None,
                 constraint=None, auxiliary_name_scope=True):
        if default_name is None and name_or_scope is None:
            raise TypeError("If default_name is None then name_or_scope is required")
        if reuse is False:
            reuse = None  # TF1: False means "inherit", like None
        if not (reuse is True or reuse is None or reuse is _tf().compat.v1.AUTO_REUSE):
            raise ValueError("The reuse parameter must be True or False or None or tf.AUTO_REUSE, "
                             f"got reuse={reuse!r}")
        if not isinstance(auxiliary_name_scope, bool):
            raise TypeError("The auxiliary_name_scope must be `True` or `False`, "
                            f"while get {auxiliary_name_scope}")
        if name_or_scope is not None and not isinstance(name_or_scope, (str, VariableScope)) \
                and not _is_native_scope(name_or_scope):
            raise TypeError("VariableScope: name_or_scope must be a string or VariableScope, "
                            f"got {name_or_scope!r}")
        if name_or_scope is None and reuse:
            raise ValueError("reuse=True cannot be used without a name_or_scope")
        self._name_or_scope = name_or_scope
        self._default_name = default_name
        self._settings = (initializer, regularizer, caching_device, partitioner, custom_getter, dtype,
                          constraint)
        self._reuse = reuse
        self._aux = auxiliary_name_scope
        self._old = None  # type: Optional[VariableScope]
        self._name_scope = None  # type: Any

    def __enter__(self):
        old = _LOCAL.scope
        counts = _LOCAL.store.scope_counts
        target = self._name_or_scope
        ns_arg = target if isinstance(target, str) else None
        if target is None:  # default_name, made unique in the current scope
            prefix = old.name + "/" + self._default_name if old.name else self._default_name
            unique, idx = prefix, 0
            while counts.get(unique, 0) > 0:
                idx += 1
                unique = f"{prefix}_{idx}"
            target = unique.rsplit("/", 1)[-1]
            ns_arg = self._default_name
        if isinstance(target, str):
            new_name = old.name + "/" + target if old.name else target
            base = old
            reuse = self._reuse or old.reuse  # reuse is inherited by sub-scopes
        else:  # re-entering a scope object: jump to its name, keep its settings
            new_name = target.name
            base = target
            reuse = self._reuse or target.reuse
            ns_arg = new_name.split("/")[-1]  # TF1 opens a name scope named after the last component
        name_scope = ""
        if self._aux and ns_arg:
            self._name_scope = _tf().name_scope(ns_arg)
            name_scope = self._name_scope.__enter__() or ""
        if base is target:
            name_scope = target.original_name_scope  # a re-entered scope keeps its original name scope
        initializer, regularizer, caching_device, partitioner, custom_getter, dtype, constraint = \
            self._settings
        scope = VariableScope(
            reuse, name=new_name,
            initializer=base.initializer if initializer is None else initializer,
            regularizer=base.regularizer if regularizer is None else regularizer,
            caching_device=base.caching_device if caching_device is None else caching_device,
            partitioner=base.partitioner if partitioner is None else partitioner,
            custom_getter=(base.custom_getter if custom_getter is None
                           else _wrap_custom_getter(custom_getter, base.custom_getter)),
            name_scope=name_scope,
            dtype=getattr(base, "_dtype", base.dtype) if dtype is None else dtype,
            constraint=constraint if constraint is not None else getattr(base, "constraint", None))
        counts[new_name] = counts.get(new_name, 0) + 1
        self._old = old
        self._scope = scope
        _LOCAL.scope = scope
        return scope

    def __exit__(self, *exc):
        try:
            if _LOCAL.scope is not self._scope:
                raise RuntimeError("Improper nesting of variable_scope.")
            if isinstance(self._name_or_scope, str) or self._name_or_scope is None:
                counts = _LOCAL.store.scope_counts
                prefix = self._scope.name + "/"
                for key in [k for k in counts if k.startswith(prefix)]:
                    counts[key] = 0  # TF1: sub-scope counters restart when the parent closes
            _LOCAL.scope = self._old
        finally:
            if self._name_scope is not None:
                self._name_scope.__exit__(*exc)
                self._name_scope = None
        return False


def _is_native_scope(obj) -> bool:
    return type(obj).__name__ == "VariableScope" and hasattr(obj, "original_name_scope")


# ---- get_variable -----------------------------------------------------------------------------------

_ACCEPTS_PARTITION_INFO = {}  # type: Dict[Any, bool]


def _accepts_partition_info(initializer) -> bool:
    """Does ``initializer`` take TF1's ``partition_info`` keyword?  Cached per code object / class."""
    key = getattr(initializer, "__code__", None) or type(initializer)
    known = _ACCEPTS_PARTITION_INFO.get(key)
    if known is None:
        try:
            params = inspect.signature(initializer).parameters
        except (TypeError, ValueError):
            params = {}
        known = "partition_info" in params  # as TF2's own store: an explicit parameter only
        _ACCEPTS_PARTITION_INFO[key] = known
    return known


def _no_required_args(fn) -> bool:
    try:
        params = inspect.signature(fn).parameters.values()
    except (TypeError, ValueError):
        return False
    return all(p.default is not p.empty or p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD) for p in params)


_NATIVE_STORE_GETTER: list = []


def _active_native_store():
    """TensorFlow's current variable store if it keeps eager variables (Keras 2's tracking decorator, an
    ``EagerVariableStore``), else None; so that decorator also tracks this package's ``get_variable``."""
    if not _NATIVE_STORE_GETTER:
        try:
            from tensorflow.python.ops import variable_scope as native_vs

            _NATIVE_STORE_GETTER.extend([native_vs._get_default_variable_store,
                                         lambda: native_vs.ops.name_scope(None, skip_on_eager=False)])
        except (ImportError, AttributeError):
            _NATIVE_STORE_GETTER.extend([lambda: None, None])
    native = _NATIVE_STORE_GETTER[0]()
    return native if getattr(native, "_store_eager_variables", False) else None


def _default_initializer(name, dtype):
    tf = _tf()
    if dtype.is_floating:
        return tf.compat.v1.glorot_uniform_initializer()
    if dtype.is_integer or dtype.is_unsigned or dtype.is_bool or dtype == tf.string:
        return tf.compat.v1.zeros_initializer()
    raise ValueError(f"An initializer for variable {name} of {dtype.base_dtype} is required")


def get_variable(scope, name, shape=None, dtype=None, initializer=None, regularizer=None,
                 trainable=None, collections=None, caching_device=None, partitioner=None,
                 validate_shape=True, use_resource=None, custom_getter=None, constraint=None,
                 synchronization=None, aggregation=None):
    """TF1's ``VariableScope.get_variable`` against the eager store (``scope`` None: the current one)."""
    if scope is None:
        scope = _LOCAL.scope
    tf = _tf()
    full_name = scope.name + "/" + name if scope.name else name
    if regularizer is None:
        regularizer = scope.regularizer
    if partitioner is None:
        partitioner = scope.partitioner
    if custom_getter is None:  # TF1: a getter given to the call replaces the scope's
        custom_getter = scope.custom_getter
    if dtype is not None and initializer is not None and not callable(initializer):
        init_dtype = tf.convert_to_tensor(initializer).dtype.base_dtype
        if init_dtype != tf.as_dtype(dtype):
            raise ValueError(f"Initializer type '{init_dtype}' and explicit dtype '{dtype}' "
                             "don't match.")
    if initializer is None:
        initializer = scope.initializer
    if constraint is None:
        constraint = scope.constraint
    if dtype is None:
        dtype = scope.dtype
    kwargs = dict(shape=shape, dtype=dtype, initializer=initializer, regularizer=regularizer,
                  reuse=scope.reuse, trainable=trainable, collections=collections,
                  caching_device=caching_device, partitioner=partitioner, validate_shape=validate_shape,
                  use_resource=use_resource, constraint=constraint, synchronization=synchronization,
                  aggregation=aggregation)
    if custom_getter is not None:
        return custom_getter(_true_getter, full_name, **kwargs)
    return _true_getter(full_name, **kwargs)


def _true_getter(name, shape=None, dtype=None, initializer=None, regularizer=None, reuse=None,
                 trainable=None, collections=None, caching_device=None, partitioner=None,
                 validate_shape=True, use_resource=None, constraint=None, synchronization=None,
                 aggregation=None):
    """Find or create ``name`` in the current store, with TF1's checks and error messages."""
    tf = _tf()
    if partitioner is not None and not (isinstance(shape, (list, tuple)) and not shape):
        raise ValueError(
            f"Variable {name}: partitioner={partitioner!r} is not supported when executing eagerly "
            "(TF2 has no eager "
            "PartitionedVariable). Build the model in graph mode (with tf.Graph().as_default(): ...), "
            "where xavier_compat delegates to TensorFlow's partitioned variables, or pass "
            "partitioner=None.")
    from_value = initializer is not None and not callable(initializer)
    if shape is not None and from_value:
        raise ValueError(_CONSTANT_WITH_SHAPE)
    dtype = tf.as_dtype(dtype)
    store = _LOCAL.store
    if store is DEFAULT_STORE:
        native = _active_native_store()
        if native is not None:  # inside tf.compat.v1.keras.utils.track_tf1_style_variables: its store
            with _NATIVE_STORE_GETTER[1]():  # as TF1: variable names ignore enclosing name scopes
                return native.get_variable(
                    name, shape=shape, dtype=dtype, initializer=initializer, regularizer=regularizer,
                    reuse=reuse, trainable=trainable, collections=collections, caching_device=caching_device,
                    validate_shape=validate_shape, use_resource=use_resource, constraint=constraint,
                    synchronization=synchronization or tf.VariableSynchronization.AUTO,
                    aggregation=aggregation or tf.compat.v1.VariableAggregation.NONE)
    found = store.vars.get(name)
    if found is not None:
        if reuse is False and not store.auto_reuse:
            raise ValueError(_EXISTS % name)
        shape = tf.TensorShape(shape)
        if not shape.is_compatible_with(found.shape):
            raise ValueError(f"Trying to share variable {name}, but specified shape {shape} "
                             f"and found shape {found.shape}.")
        if not dtype.is_compatible_with(found.dtype):
            raise ValueError(f"Trying to share variable {name}, but specified dtype {dtype.name} "
                             f"and found dtype {found.dtype.name}.")
        return found
    if reuse is True:
        raise ValueError(_NOT_FOUND % name)
    if initializer is None:
        initializer = _default_initializer(name, dtype)
    if from_value:
        initial_value, var_dtype = initializer, None
    else:
        if isinstance(initializer, type):
            initializer = initializer()
        shape = tf.TensorShape(shape)
        var_dtype = dtype.base_dtype
        if shape.is_fully_defined():
            dims = shape.as_list()
            init = initializer
            if _accepts_partition_info(init):
                def initial_value():
                    return init(dims, dtype=var_dtype, partition_info=None)
            else:
                def initial_value():
                    return init(dims, dtype=var_dtype)
        elif _no_required_args(initializer):
            initial_value, var_dtype = initializer, None
        else:
            raise ValueError(_BAD_INITIALIZER)
    kwargs = {}
    if synchronization is not None:
        kwargs["synchronization"] = synchronization
    if aggregation is not None:
        kwargs["aggregation"] = aggregation
    if trainable is None:
        trainable = synchronization != tf.VariableSynchronization.ON_READ
    # The trailing "/" makes the name absolute: TF1's get_variable ignores enclosing name scopes.
    if tf.executing_eagerly():
        if callable(initial_value) and var_dtype is not None and not tf.distribute.has_strategy():
            initial_value = initial_value()  # eager, no strategy: a tensor skips tf.Variable's fn wrapping
        var = tf.Variable(initial_value, name=name + "/", trainable=trainable, dtype=var_dtype,
                          validate_shape=validate_shape, constraint=constraint, **kwargs)
    else:  # tracing a tf.function: lift the creation out, as TF's own stores do
        with tf.init_scope():
            var = tf.Variable(initial_value, name=name + "/", trainable=trainable, dtype=var_dtype,
                              validate_shape=validate_shape, constraint=constraint, **kwargs)
    store.vars[name] = var
    if regularizer:
        store.regularizers.append((name, var, regularizer))
    return var

"""TF1 variable sharing (``get_variable`` / ``variable_scope``) behaving as TF 1.15, in graph AND eager mode.

Usage::

    import xavier_compat as xc
    with xc.variable_scope("tower"):
        w = xc.get_variable("w", [784, 10], initializer=xc.xavier_initializer())
    with xc.variable_scope("tower", reuse=True):
        assert xc.get_variable("w", [784, 10]) is w          # TF2's tf.compat.v1 makes a NEW one here
    with xc.variable_scope("tower", reuse=xc.AUTO_REUSE):
        xc.get_variable("w", [784, 10])                      # created once, then returned

How it works:

* **Graph mode** (TF 1.x always; TF2 under ``tf.Graph().as_default()`` or ``disable_eager_execution``):
  TensorFlow's own ``tf.compat.v1.get_variable`` / ``variable_scope`` run, unchanged.  Collections,
  ``REGULARIZATION_LOSSES``, partitioners, ``PartitionedVariable`` shards (``w/part_0:0`` ...) are TF's.
* **Eager mode** (and while tracing a ``tf.function``): a variable store of this package keeps TF1's
  rules: ``reuse=True`` returns the very same object, a missing name raises ``ValueError("Variable x
  does not exist, or was not created with tf.get_variable()...")``, ``reuse=False`` on an existing name
  raises ``ValueError("Variable x already exists, disallowed...")``, names are ``scope/name:0``, scope
  defaults (initializer, regularizer, dtype, constraint, custom getter) apply, the TF1 default
  initializer is glorot uniform for floats and zeros for integers / bools.  Variables are plain
  ``tf.Variable`` objects, so under ``tf.distribute.MirroredStrategy().scope()`` they are mirrored.

Eager extras:

* :func:`get_regularization_losses` returns the current regularization losses (recomputed from the
  live variables, so they follow training); in graph mode it reads the ``REGULARIZATION_LOSSES``
  collection as TF1 did.
* :func:`reset_variable_store` forgets every eager variable and scope counter: call it between tests
  or when re-running a notebook cell that builds a model (TF1 code would have used a fresh graph).
* :func:`track_tf1_style_variables` decorates a Keras layer / ``tf.Module`` method so the variables its
  TF1-style code creates belong to the layer (``trainable_weights``, checkpoints, ``losses``).

Limitations: ``partitioner=`` raises ``ValueError`` when executing eagerly (TF2 has no eager partitioned
variables); ``collections=`` and ``caching_device=`` are ignored eagerly; the eager store is separate
from TF's, so mix ``xavier_compat.variable_scope`` with ``xavier_compat.get_variable`` (``install()``
wires ``tf.variable_scope`` / ``tf.get_variable`` to them), not with ``tf.compat.v1.variable_scope``.
"""
import functools
from typing import Any, List, Optional

from . import _backend
from . import _variable_store as _store

# AUTO_REUSE is served by the module __getattr__ below (TF's own enum member, resolved lazily).
__all__ = ["get_variable", "variable_scope", "get_variable_scope", "reset_variable_store",
           "get_regularization_losses", "track_tf1_style_variables"]

_IMPL_MARK = "_xavier_compat_variables"
_GRAPH_STATE: List[Any] = []  # [tf module, tf1?, native variable_scope module-like] once resolved


def _graph_state():
    if not _GRAPH_STATE:
        tf = _backend.tf()
        _GRAPH_STATE.extend([tf, _backend.is_tf1(), _Native(tf)])
    return _GRAPH_STATE


class _Native:
    """TensorFlow's own TF1 functions, even after ``install()`` replaced the public ``tf.*`` names."""

    def __init__(self, tf):
        v1 = tf.compat.v1
        private = None
        for attr in ("get_variable", "variable_scope", "get_variable_scope"):
            fn = getattr(v1, attr)
            if getattr(fn, _IMPL_MARK, False):  # patched to ours: fetch TF's from its home module
                if private is None:
                    from tensorflow.python.ops import variable_scope as private
                fn = getattr(private, attr)
            setattr(self, attr, fn)


def _eager() -> bool:
    """True when the eager store applies: TF2 executing eagerly, or tracing a tf.function."""
    tf, tf1, _ = _GRAPH_STATE or _graph_state()
    if tf1:
        return False
    if tf.executing_eagerly():
        return True
    return bool(getattr(tf.compat.v1.get_default_graph(), "building_function", False))


def __getattr__(name: str) -> Any:
    if name == "AUTO_REUSE":  # TF's own enum member, resolved on first use
        return _backend.tf().compat.v1.AUTO_REUSE
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _mark(fn):
    """Tag a public function as ours (see _Native) and as not for AutoGraph to convert (plain Python)."""
    setattr(fn, _IMPL_MARK, True)
    fn.autograph_info__ = frozenset()  # what tf.autograph.experimental.do_not_convert sets
    return fn


@_mark
def get_variable(name, shape=None, dtype=None, initializer=None, regularizer=None, trainable=None,
                 collections=None, caching_device=None, partitioner=None, validate_shape=True,
                 use_resource=None, custom_getter=None, constraint=None, synchronization=None,
                 aggregation=None):
    """Get an existing variable of the current scope or create a new one (``tf.compat.v1.get_variable``).

    Full name: ``<scope name>/<name>``; shares per the scope's ``reuse`` (True: must exist, same object;
    None/False: must not exist; ``AUTO_REUSE``: create once).  ``initializer`` may be a TF1 / Keras
    initializer (called as ``init(shape, dtype=dtype[, partition_info=None])``), a class, or a value
    (then no ``shape``).  ``synchronization`` / ``aggregation`` None mean TF's defaults.

    >>> with variable_scope("s"):
    ...     w = get_variable("w", [3, 2])        # glorot uniform, named 's/w:0'
    """
    if not _eager():
        kwargs = {}
        if synchronization is not None:
            kwargs["synchronization"] = synchronization
        if aggregation is not None:
            kwargs["aggregation"] = aggregation
        return _GRAPH_STATE[2].get_variable(
            name, shape=shape, dtype=dtype, initializer=initializer, regularizer=regularizer,
            trainable=trainable, collections=collections, caching_device=caching_device,
            partitioner=partitioner, validate_shape=validate_shape, use_resource=use_resource,
            custom_getter=custom_getter, constraint=constraint, **kwargs)
    return _store.get_variable(None, name, shape, dtype, initializer, regularizer, trainable, collections,
                               caching_device, partitioner, validate_shape, use_resource, custom_getter,
                               constraint, synchronization, aggregation)


@_mark
def variable_scope(name_or_scope, default_name=None, values=None, initializer=None, regularizer=None,
                   caching_device=None, partitioner=None, custom_getter=None, reuse=None, dtype=None,
                   use_resource=None, constraint=None, auxiliary_name_scope=True):
    """Context manager opening a TF1 variable scope (``tf.compat.v1.variable_scope``); yields the scope.

    ``reuse``: True (reuse here and in sub-scopes), None/False (inherit), ``AUTO_REUSE``.  A scope object
    (``with variable_scope("a") as sc`` ... ``variable_scope(sc, reuse=True)``) re-enters that scope.
    ``initializer`` / ``regularizer`` / ``dtype`` / ``constraint`` / ``custom_getter`` become defaults.

    >>> with variable_scope("net", initializer=tf.zeros_initializer()) as sc:
    ...     b = get_variable("b", [10])           # 'net/b:0', zeros
    """
    if not _eager():
        if isinstance(name_or_scope, _store.VariableScope):
            name_or_scope = name_or_scope.name  # an eager scope object used in a graph
        return _GRAPH_STATE[2].variable_scope(
            name_or_scope, default_name=default_name, values=values, initializer=initializer,
            regularizer=regularizer, caching_device=caching_device, partitioner=partitioner,
            custom_getter=custom_getter, reuse=reuse, dtype=dtype, use_resource=use_resource,
            constraint=constraint, auxiliary_name_scope=auxiliary_name_scope)
    return _store.scope_context(name_or_scope, default_name=default_name, initializer=initializer,
                                regularizer=regularizer, caching_device=caching_device,
                                partitioner=partitioner, custom_getter=custom_getter, reuse=reuse,
                                dtype=dtype, constraint=constraint,
                                auxiliary_name_scope=auxiliary_name_scope)


@_mark
def get_variable_scope():
    """The current variable scope (``tf.compat.v1.get_variable_scope``); eager: this package's scope."""
    if not _eager():
        return _GRAPH_STATE[2].get_variable_scope()
    return _store.current_scope()


@_mark
def reset_variable_store() -> None:
    """Forget every variable and scope counter of the eager store (tests, notebooks).

    Variables already handed out stay alive and usable; the next ``get_variable`` of the same name
    creates a new one.  Graph mode keeps its store in the graph: use a new ``tf.Graph`` there, as TF1.
    """
    _store.reset()


@_mark
def get_regularization_losses(scope: Optional[str] = None) -> list:
    """Regularization losses of variables made by ``get_variable(..., regularizer=...)``.

    Graph mode: the ``REGULARIZATION_LOSSES`` collection, filtered by ``re.match(scope, name)``, exactly
    ``tf.compat.v1.losses.get_regularization_losses(scope)``.  Eager: ``regularizer(variable)`` evaluated
    now for each such variable whose name matches, so the values follow the variables' current values.

    >>> total = tf.add_n(get_regularization_losses())      # add to the data loss
    """
    if not _eager():
        tf = _GRAPH_STATE[0]
        return tf.compat.v1.get_collection(tf.compat.v1.GraphKeys.REGULARIZATION_LOSSES, scope)
    return _store.current_store().losses(scope)


def track_tf1_style_variables(method):
    """Decorate a Keras layer / ``tf.Module`` method so TF1-style variables it makes belong to the object.

    Like ``tf.compat.v1.keras.utils.track_tf1_style_variables`` (Keras 2 / tf-keras only), for this
    package's ``get_variable`` and on every Keras (Keras 3 included): each object gets its own store, so
    two layers do not share and calling a layer again reuses its variables (as TF's decorator does), the
    variables appear in ``trainable_weights`` / ``variables`` and in ``tf.train.Checkpoint``s, and
    regularizers show up in ``layer.losses``.  TF 1.x: ``method`` is returned unchanged.

    >>> class Dense(tf.keras.layers.Layer):
    ...     @track_tf1_style_variables
    ...     def call(self, x):
    ...         with variable_scope("dense"):
    ...             return tf.matmul(x, get_variable("kernel", [x.shape[-1], 4]))
    """
    tf, tf1, _ = _graph_state()
    if tf1:
        return method

    def wrapper(self, *args, **kwargs):
        store = getattr(self, _TRACKED_STORE_ATTR, None)
        if store is None:
            if not isinstance(self, tf.__internal__.tracking.AutoTrackable):  # tf.Module, any Keras Layer
                raise ValueError("track_tf1_style_variables decorates methods of a tf.Module, Keras Layer "
                                 f"or Model; the method got self={self!r}")
            store = _module_store_class()()
            setattr(self, _TRACKED_STORE_ATTR, store)
        n_vars, n_regs = len(store.vars), len(store.regularizers)
        with _store.using_store(store):
            out = method(self, *args, **kwargs)
        _register_with_keras(self, store, n_vars, n_regs)
        return out

    return tf.__internal__.decorator.make_decorator(target=method, decorator_func=wrapper)


_TRACKED_STORE_ATTR = "_xavier_compat_tf1_store"


@functools.lru_cache(maxsize=None)
def _module_store_class():
    """A VariableStore that is also a ``tf.Module``: Keras 2 layers and checkpoints track its variables."""
    tf = _backend.tf()

    class ModuleVariableStore(tf.Module, _store.VariableStore):
        auto_reuse = True  # a layer's second call reuses its variables

        def __init__(self):
            tf.Module.__init__(self, name="tf1_variable_store")
            self._setattr_tracking = False  # regularizer callables and counters are not state
            self.regularizers = []
            self.scope_counts = {}
            self._setattr_tracking = True
            self.vars = {}

    return ModuleVariableStore


def _register_with_keras(layer, store, n_vars: int, n_regs: int) -> None:
    """Expose new variables / regularizers through the Keras layer API (no-op for a plain tf.Module)."""
    keras3 = _backend.keras_flavour() == _backend.KERAS3
    if keras3:
        tracker = getattr(layer, "_tracker", None)
        if tracker is None or not hasattr(layer, "_track_variable") or len(store.vars) == n_vars:
            return
        regularizers = {id(var): reg for _name, var, reg in store.regularizers[n_regs:]}
        # Keras 3 lists only variables registered with the layer; its tracker locks after build.  Its
        # ``layer.losses`` calls ``variable.regularizer(variable)`` for each trainable weight.
        locked = tracker.locked
        tracker.unlock()
        try:
            for var in list(store.vars.values())[n_vars:]:
                if getattr(var, "regularizer", None) is None:
                    var.regularizer = regularizers.get(id(var))
                layer._track_variable(var)
        finally:
            if locked:
                tracker.lock()
    elif hasattr(layer, "add_loss"):
        for _name, var, regularizer in store.regularizers[n_regs:]:
            layer.add_loss(functools.partial(regularizer, var))  # Keras 2: a callable loss, kept

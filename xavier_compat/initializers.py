"""contrib and prettytensor initializers, faithful to TF 1.15, native Keras initializers on TF2.

TF1 and TF2 alike::

    import xavier_compat as xc
    W = tf.compat.v1.get_variable("W", [25, 12288], initializer=xc.xavier_initializer(seed=1))
    layer = tf.keras.layers.Dense(64, kernel_initializer=xc.xavier_initializer(uniform=False, seed=1))

Maths (TF 1.15 ``tf.contrib.layers``): fans from the shape (:func:`xavier_compat.fans.compute_fans`),
``n`` = fan_in, fan_out or their mean by ``mode``; uniform on ``[-limit, limit]`` with
``limit = gain * sqrt(3 * factor / n)``; otherwise a normal truncated at 2 stddev with
``stddev = gain * sqrt(1.3 * factor / n)``.  ``xavier_initializer`` is ``factor=1, mode='FAN_AVG'``.
prettytensor's ``xavier_init(n_inputs, n_outputs)``: uniform ``+-sqrt(6 / (in + out))`` or truncated
normal ``stddev = sqrt(3 / (in + out))``, whatever the shape.

Same seeds, same weights: each draw is the one random op contrib called (``random_uniform(shape, -limit,
limit, dtype, seed=seed)`` or ``truncated_normal(shape, 0.0, stddev, dtype, seed=seed)``) with no other
op created first, so TF2 graph mode reproduces TF 1.15 bit for bit, even when only a graph-level seed
is set (TF1 then derives the op seed from the graph's op count); eager mode matches for the first draw.

Contract shared by every initializer of the package (the Caffe fillers build on it too):

* :class:`InitializerBase` is a pure-Python base.  ``__init__(dtype='float32')`` checks and stores the
  factory's dtype (``self.dtype``, a canonical name such as ``'float32'``).  ``__call__(shape,
  dtype=None, partition_info=None, **kwargs)`` accepts TF1's and Keras' calling conventions and shapes as
  list / tuple / ``tf.TensorShape`` / numpy array; it resolves ``dtype`` (``None`` -> the factory's
  dtype; a ``tf.DType``, numpy dtype or name), raises ``TypeError('Cannot create initializer for
  non-floating point type.')`` for other dtypes, normalizes the shape with
  :func:`xavier_compat.fans.normalize_shape`, returns ``tf.zeros`` for a zero-size shape and otherwise
  ``self._sample(shape_tuple, tf_dtype)``, which subclasses implement with one TensorFlow random op.
  ``get_config()`` / ``from_config(config)`` round-trip (default: ``{'dtype': ...}`` / ``cls(**config)``).
* Instantiating a subclass yields an instance of :func:`keras_native` ``(cls)``: a subclass of ``cls``
  *and* of the installed Keras' ``Initializer`` base (TF1 ``tf.keras``, Keras 2, Keras 3 or tf-keras),
  created once per class and Keras flavour.  So ``isinstance(init, tf.keras.initializers.Initializer)``
  holds and Keras layers accept the object as ``kernel_initializer``.
* Optional: a subclass whose distribution equals a built-in Keras initializer sets the class attribute
  ``keras_class_name`` (e.g. ``'VarianceScaling'``) and makes ``get_config()`` return that Keras class's
  constructor arguments (:func:`keras_config` adds what the flavour needs); ``from_config`` must accept
  them.  Keras then saves the built-in class name (see below).

Serialization choice: a saved model must reload where xavier_compat cannot be imported, so the saved
config has to name a Keras built-in.  Every contrib/prettytensor distribution *is* a Keras built-in
distribution with other parameters (contrib uniform = ``VarianceScaling(scale=factor*gain**2,
distribution='uniform')``; contrib normal = ``VarianceScaling(scale=1.3*factor*gain**2*0.8796...**2,
distribution='truncated_normal')``; prettytensor = ``RandomUniform`` / ``TruncatedNormal``), so
``get_config()`` returns those parameters, and the Keras-native class is entered in the table Keras
itself reads to name its public classes (Keras 3: ``api_export``'s object-to-name map; Keras 2 and
tf-keras: the ``_keras_api_names`` attribute in the class's own ``__dict__``, plus the legacy h5 name
table), keyed by *our* class only.  Nothing of Keras' own classes changes and our objects keep their
real type (no ``__class__`` tricks, which would also make Keras clone them into plain Keras
initializers).  Reloading yields Keras' own class: same distribution, Keras' random stream.  On TF 1.15
the config round-trips through ``from_config`` but a saved model names our class.
"""
import math
import numbers
from typing import Any, Dict, Tuple

from . import _backend, _warn
from .fans import compute_fans, fan_for_mode, normalize_shape

_NON_FLOAT = "Cannot create initializer for non-floating point type."

__all__ = [
    "xavier_initializer", "xavier_initializer_conv2d", "variance_scaling_initializer", "xavier_init",
    "ContribVarianceScaling", "PrettyTensorXavier", "InitializerBase", "keras_native", "resolve_dtype",
]


def resolve_dtype(dtype) -> Any:
    """Return ``dtype`` (tf.DType, numpy dtype, or a name like ``'float32'``) as a floating ``tf.DType``.

    Raises ``TypeError('Cannot create initializer for non-floating point type.')`` for any other type.
    """
    tf = _backend.tf()
    try:
        tf_dtype = tf.as_dtype(dtype)
    except TypeError:
        raise TypeError("%s dtype=%r is not a TensorFlow dtype; use one of float16, bfloat16, float32, "
                        "float64" % (_NON_FLOAT, dtype)) from None
    if not tf_dtype.is_floating:
        raise TypeError(_NON_FLOAT)
    return tf_dtype


def check_seed(seed) -> Any:
    """Return ``seed`` if it is ``None`` or an integer; raise ``TypeError`` otherwise (bool included)."""
    if seed is None:
        return None
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
        raise TypeError("seed must be None or an integer, got %r (%s)" % (seed, type(seed).__name__))
    return int(seed)


_NATIVE_CACHE = {}  # type: Dict[Tuple[type, str], type]
_NATIVE_MARK = "_xavier_compat_native"


def keras_native(cls: type) -> type:
    """Return the subclass of ``cls`` that also derives from the installed Keras ``Initializer`` base.

    Cached per (class, Keras flavour).  ``cls(...)`` already returns such an instance, so calling this
    is only needed for ``issubclass`` checks.
    """
    if cls.__dict__.get(_NATIVE_MARK):
        return cls
    flavour = _backend.keras_flavour()
    key = (cls, flavour)
    native = _NATIVE_CACHE.get(key)
    if native is None:
        keras_base = _backend.keras().initializers.Initializer
        native = type(cls.__name__, (cls, keras_base), {
            _NATIVE_MARK: True,
            "__module__": cls.__module__,
            "__qualname__": cls.__qualname__,
            "__doc__": cls.__doc__,
        })
        if getattr(cls, "keras_class_name", None):
            _serialize_as(native, cls.keras_class_name, flavour)
        _NATIVE_CACHE[key] = native
    return native


def _serialize_as(native: type, keras_name: str, flavour: str) -> None:
    """Enter ``native`` in the table Keras reads to name its built-ins, under ``keras_name``'s name."""
    import importlib

    if flavour not in (_backend.KERAS3, _backend.KERAS2, _backend.TF_KERAS):
        return  # TF1's tf.keras names classes by __name__: nothing to declare
    keras_cls = getattr(_backend.keras().initializers, keras_name)
    if flavour == _backend.KERAS3:
        api_export = importlib.import_module("keras.src.api_export")
        public = api_export.get_name_from_symbol(keras_cls)
        if public:
            api_export.REGISTERED_OBJS_TO_NAMES[native] = public
    elif flavour in (_backend.KERAS2, _backend.TF_KERAS):
        for attr in ("_keras_api_names", "_keras_api_names_v1"):
            if attr in keras_cls.__dict__:
                setattr(native, attr, keras_cls.__dict__[attr])
        root = keras_cls.__module__.split(".")[0]  # 'keras' (Keras 2) or 'tf_keras'
        try:
            registration = importlib.import_module(root + ".src.saving.object_registration")
        except ImportError:
            return
        registration._GLOBAL_CUSTOM_NAMES[native] = keras_name  # the legacy (h5) serializer's table


def keras_config(config: Dict[str, Any], dtype: str) -> Dict[str, Any]:
    """``config`` of a built-in Keras initializer, plus ``dtype`` where the flavour's class takes it (TF1)."""
    if _backend.keras_flavour() == _backend.TF1_KERAS:
        config = dict(config, dtype=dtype)
    return config


def _rebuild(cls: type, state: Dict[str, Any]):
    """Unpickle: an instance of ``cls``'s Keras-native class with ``state`` (exact, no config round trip)."""
    obj = object.__new__(keras_native(cls))
    obj.__dict__.update(state)
    return obj


#: Constants a TF1 random op creates before asking for its seed: shape, and minval/maxval or mean/stddev.
_CONSTS_BEFORE_SEED = 3


def tf1_op_seed(seed):
    """The op seed TF1 would have used: ``seed``, or, in a graph with only a graph-level seed, TF1's.

    TF1 derived a missing op seed from the graph's op count when the random op asked for it (its three
    constants already created); TF2 graphs count seeded ops instead (0, 1, ...).  Passing TF1's number
    explicitly gives TF1's ``(graph_seed, op_seed)`` pair in both.  Eager code and ``tf.function``
    graphs keep TF2's own rule.
    """
    if seed is not None:
        return seed
    tf = _backend.tf()
    if tf.executing_eagerly():
        return None
    graph = tf.compat.v1.get_default_graph()
    if graph.seed is None or getattr(graph, "building_function", False):
        return None
    return len(graph.get_operations()) + _CONSTS_BEFORE_SEED


class InitializerBase:
    """Base of every xavier_compat initializer: TF1 and Keras call conventions, dtype/shape checks.

    Subclasses implement ``_sample(shape, dtype)`` (a tuple of ints, a floating ``tf.DType``) with TF
    random ops, and ``get_config()`` returning their constructor's keyword arguments.
    """

    def __new__(cls, *args, **kwargs):
        return object.__new__(keras_native(cls))

    def __init__(self, dtype="float32"):
        self.dtype = resolve_dtype(dtype).name

    def __call__(self, shape, dtype=None, partition_info=None, **kwargs):
        """Return a tensor of ``shape``; ``partition_info`` is accepted and ignored, as contrib did."""
        tf_dtype = resolve_dtype(getattr(self, "dtype", "float32") if dtype is None else dtype)
        shape = normalize_shape(shape)
        tf = _backend.tf()
        for dim in shape:
            if dim == 0:
                return tf.zeros(shape, dtype=tf_dtype)
        return self._sample(shape, tf_dtype)

    def _sample(self, shape: Tuple[int, ...], dtype) -> Any:
        raise NotImplementedError("%s must implement _sample(shape, dtype)" % type(self).__name__)

    def get_config(self) -> Dict[str, Any]:
        """The constructor's keyword arguments, JSON-serializable."""
        return {"dtype": self.dtype}

    @classmethod
    def from_config(cls, config: Dict[str, Any]):
        """Rebuild an initializer from :meth:`get_config`'s output."""
        return cls(**config)

    def __reduce__(self):
        base = type(self)
        while base.__dict__.get(_NATIVE_MARK):
            base = base.__bases__[0]
        return _rebuild, (base, dict(self.__dict__))

    def __repr__(self) -> str:
        args = ", ".join("%s=%r" % item for item in sorted(self.get_config().items()))
        return "%s(%s)" % (type(self).__name__, args)


# ---------------------------------------------------------------------------------------------------
# contrib's variance scaling

#: contrib's truncated-normal factor: TF 1.15 contrib ``variance_scaling_initializer`` draws with
#: ``stddev = sqrt(1.3 * factor / n)`` (1.3 ~ 1 / 0.8796**2 compensates, roughly, the variance lost by
#: cutting at 2 stddev).
CONTRIB_TRUNC_FACTOR = 1.3
#: Keras' exact compensation: the stddev of a standard normal truncated to [-2, 2].  Keras
#: ``VarianceScaling(distribution='truncated_normal')`` uses ``stddev = sqrt(scale / n) / 0.8796...``
#: (Keras' ``initializers`` module and TF's ``init_ops``); not the same as contrib's 1.3.
KERAS_TRUNC_STDDEV = 0.87962566103423978
_MODE_TO_KERAS = {"FAN_IN": "fan_in", "FAN_OUT": "fan_out", "FAN_AVG": "fan_avg"}
_KERAS_TO_MODE = dict((v, k) for k, v in _MODE_TO_KERAS.items())


def _check_nonnegative(name: str, value) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError("%s must be a non-negative number, got %r" % (name, value))
    if not value >= 0:  # also rejects NaN
        raise ValueError("%s must be a non-negative number, got %r" % (name, value))
    return float(value)


class ContribVarianceScaling(InitializerBase):
    """``tf.contrib.layers.variance_scaling_initializer`` as an object, bit-exact with TF 1.15.

    ``limit = gain * sqrt(3 * factor / n)`` (uniform) or ``stddev = gain * sqrt(1.3 * factor / n)``
    (normal cut at 2 stddev), ``n`` = fan_in / fan_out / their mean by ``mode``.
    ``get_config()`` gives the equal Keras ``VarianceScaling`` arguments, so saved models need only Keras.

    >>> init = ContribVarianceScaling(factor=1.0, mode='FAN_AVG', uniform=True, seed=1)  # xavier
    """

    keras_class_name = "VarianceScaling"

    def __init__(self, factor=2.0, mode="FAN_IN", uniform=False, seed=None, dtype="float32", gain=1.0):
        super().__init__(dtype)
        if mode not in _MODE_TO_KERAS:
            raise TypeError("Unknown mode %r [FAN_IN, FAN_OUT, FAN_AVG]" % (mode,))
        self.factor = _check_nonnegative("factor", factor)
        self.gain = _check_nonnegative("gain", gain)
        self.mode = mode
        self.uniform = bool(uniform)
        self.seed = check_seed(seed)
        self._keras_scale = None  # the exact scale given to from_config(), returned unchanged

    def _sample(self, shape, dtype):
        tf = _backend.tf()
        fan_in, fan_out = compute_fans(shape)
        n = fan_for_mode(fan_in, fan_out, self.mode)
        # Same expressions, same op, same arguments as contrib: no op is created before the random op.
        seed = tf1_op_seed(self.seed)
        if self.uniform:
            limit = math.sqrt(3.0 * self.factor / n)
            if self.gain != 1.0:
                limit *= self.gain
            return tf.random.uniform(shape, -limit, limit, dtype, seed=seed)
        stddev = math.sqrt(CONTRIB_TRUNC_FACTOR * self.factor / n)
        if self.gain != 1.0:
            stddev *= self.gain
        return tf.random.truncated_normal(shape, 0.0, stddev, dtype, seed=seed)

    def keras_scale(self) -> float:
        """The ``scale`` of the Keras ``VarianceScaling`` that draws from the same distribution."""
        if self._keras_scale is not None:
            return self._keras_scale
        scale = self.factor * self.gain ** 2
        if not self.uniform:
            scale *= CONTRIB_TRUNC_FACTOR * KERAS_TRUNC_STDDEV ** 2
        return scale

    def get_config(self) -> Dict[str, Any]:
        """Keras ``VarianceScaling`` arguments with the same distribution (contrib's are recoverable)."""
        return keras_config({
            "scale": self.keras_scale(),
            "mode": _MODE_TO_KERAS[self.mode],
            "distribution": "uniform" if self.uniform else "truncated_normal",
            "seed": self.seed,
        }, self.dtype)

    @classmethod
    def from_config(cls, config: Dict[str, Any]):
        """Accept Keras ``VarianceScaling`` arguments (as :meth:`get_config` gives) or contrib's own."""
        config = dict(config)
        if "scale" not in config:
            return cls(**config)
        scale = _check_nonnegative("scale", config.pop("scale"))
        mode = config.pop("mode", "fan_in")
        distribution = config.pop("distribution", "truncated_normal")
        if mode not in _KERAS_TO_MODE:
            raise ValueError("mode must be one of 'fan_in', 'fan_out', 'fan_avg', got %r" % (mode,))
        if distribution not in ("uniform", "truncated_normal", "normal"):
            raise ValueError("distribution must be 'uniform' or 'truncated_normal' (contrib has no "
                             "untruncated normal), got %r" % (distribution,))
        uniform = distribution == "uniform"
        factor = scale if uniform else scale / (CONTRIB_TRUNC_FACTOR * KERAS_TRUNC_STDDEV ** 2)
        obj = cls(factor=factor, mode=_KERAS_TO_MODE[mode], uniform=uniform, **config)
        obj._keras_scale = scale
        return obj

    def keras_equivalent(self) -> str:
        """Source text of the TF2-native Keras initializer with this exact distribution."""
        mode = _MODE_TO_KERAS[self.mode]
        if self.uniform and self.factor * self.gain ** 2 == 1.0 and self.mode != "FAN_OUT":
            name = "GlorotUniform" if self.mode == "FAN_AVG" else "LecunUniform"
            return "tf.keras.initializers.%s(seed=%r)" % (name, self.seed)
        if self.uniform and self.factor * self.gain ** 2 == 2.0 and self.mode == "FAN_IN":
            return "tf.keras.initializers.HeUniform(seed=%r)" % (self.seed,)
        return ("tf.keras.initializers.VarianceScaling(scale=%r, mode=%r, distribution=%r, seed=%r)"
                % (self.keras_scale(), mode, "uniform" if self.uniform else "truncated_normal", self.seed))


# ---------------------------------------------------------------------------------------------------
# prettytensor's xavier_init


class PrettyTensorXavier(InitializerBase):
    """prettytensor's ``xavier_init(n_inputs, n_outputs, uniform)``: fans fixed by the arguments.

    Uniform on ``+-gain * sqrt(6 / (n_inputs + n_outputs))`` (prettytensor returned
    ``tf.random_uniform_initializer``) or truncated normal with ``stddev = gain * sqrt(3 / (n_inputs +
    n_outputs))`` (``tf.truncated_normal_initializer``), for any shape.  Serialized as Keras'
    ``RandomUniform`` / ``TruncatedNormal``.
    """

    def __new__(cls, n_inputs=1, n_outputs=1, uniform=True, *args, **kwargs):
        if cls is PrettyTensorXavier:  # one class per Keras twin, so each serializes under its name
            cls = _PrettyTensorXavierUniform if uniform else _PrettyTensorXavierNormal
        return super().__new__(cls)

    def __init__(self, n_inputs, n_outputs, uniform=True, seed=None, dtype="float32", gain=1.0):
        super().__init__(dtype)
        for name, value in (("n_inputs", n_inputs), ("n_outputs", n_outputs)):
            if isinstance(value, bool) or not isinstance(value, numbers.Real):
                raise TypeError("%s must be a positive number, got %r" % (name, value))
            if not value > 0:
                raise ValueError("%s must be positive, got %r" % (name, value))
        self.n_inputs = n_inputs
        self.n_outputs = n_outputs
        self.uniform = bool(uniform)
        self.gain = _check_nonnegative("gain", gain)
        self.seed = check_seed(seed)

    @property
    def limit(self) -> float:
        """Uniform bound ``gain * sqrt(6 / (n_inputs + n_outputs))``."""
        limit = math.sqrt(6.0 / (self.n_inputs + self.n_outputs))
        return limit * self.gain if self.gain != 1.0 else limit

    @property
    def stddev(self) -> float:
        """Truncated-normal stddev ``gain * sqrt(3 / (n_inputs + n_outputs))``."""
        stddev = math.sqrt(3.0 / (self.n_inputs + self.n_outputs))
        return stddev * self.gain if self.gain != 1.0 else stddev

    def _sample(self, shape, dtype):
        tf = _backend.tf()
        seed = tf1_op_seed(self.seed)
        if self.uniform:
            return tf.random.uniform(shape, -self.limit, self.limit, dtype, seed=seed)
        return tf.random.truncated_normal(shape, 0.0, self.stddev, dtype, seed=seed)

    def get_config(self) -> Dict[str, Any]:
        """Keras ``RandomUniform`` or ``TruncatedNormal`` arguments with the same distribution."""
        if self.uniform:
            config = {"minval": -self.limit, "maxval": self.limit, "seed": self.seed}
        else:
            config = {"mean": 0.0, "stddev": self.stddev, "seed": self.seed}
        return keras_config(config, self.dtype)

    @classmethod
    def from_config(cls, config: Dict[str, Any]):
        """Accept Keras ``RandomUniform`` / ``TruncatedNormal`` arguments or this class's own."""
        config = dict(config)
        if "maxval" in config or "stddev" in config:
            uniform = "maxval" in config
            half = float(config.pop("maxval")) if uniform else float(config.pop("stddev"))
            if uniform and float(config.pop("minval", -half)) != -half:
                raise ValueError("RandomUniform config must be symmetric for xavier_init, got %r" % (config,))
            if not uniform and float(config.pop("mean", 0.0)) != 0.0:
                raise ValueError("TruncatedNormal config must have mean 0 for xavier_init")
            # n_inputs + n_outputs that gives this bound: limit**2 = 6/total, stddev**2 = 3/total
            total = (6.0 if uniform else 3.0) / (half * half)
            return cls(total / 2.0, total / 2.0, uniform=uniform, **config)
        return cls(**config)

    def keras_equivalent(self) -> str:
        """Source text of the TF2-native Keras initializer with this exact distribution."""
        if self.uniform:
            return "tf.keras.initializers.RandomUniform(minval=%r, maxval=%r, seed=%r)" % (
                -self.limit, self.limit, self.seed)
        return "tf.keras.initializers.TruncatedNormal(mean=0.0, stddev=%r, seed=%r)" % (
            self.stddev, self.seed)


class _PrettyTensorXavierUniform(PrettyTensorXavier):
    __doc__ = PrettyTensorXavier.__doc__
    keras_class_name = "RandomUniform"


class _PrettyTensorXavierNormal(PrettyTensorXavier):
    __doc__ = PrettyTensorXavier.__doc__
    keras_class_name = "TruncatedNormal"


# ---------------------------------------------------------------------------------------------------
# the public factories (contrib's and prettytensor's signatures)


def variance_scaling_initializer(factor=2.0, mode="FAN_IN", uniform=False, seed=None, dtype="float32"):
    """``tf.contrib.layers.variance_scaling_initializer``: TF 1.15's signature, maths and random stream.

    ``n`` = fan_in / fan_out / (fan_in + fan_out) / 2 by ``mode``; uniform ``+-sqrt(3 * factor / n)``
    or truncated normal ``stddev = sqrt(1.3 * factor / n)``.  Default: He et al. 2015 ("MSRA").

    >>> init = variance_scaling_initializer(factor=2.0, mode='FAN_IN', uniform=False, seed=1)
    """
    init = ContribVarianceScaling(factor, mode, uniform, seed, dtype)
    _warn.warn_legacy("tf.contrib.layers.variance_scaling_initializer", init.keras_equivalent(), stacklevel=2)
    return init


def xavier_initializer(uniform=True, seed=None, dtype="float32", *, gain=1.0):
    """``tf.contrib.layers.xavier_initializer`` (Glorot & Bengio 2010), bit-exact with TF 1.15.

    Uniform ``+-gain * sqrt(6 / (fan_in + fan_out))`` or truncated normal
    ``stddev = gain * sqrt(2.6 / (fan_in + fan_out))`` (contrib's 1.3 factor).

    >>> W = tf.compat.v1.get_variable("W", [25, 12288], initializer=xavier_initializer(seed=1))
    """
    init = ContribVarianceScaling(1.0, "FAN_AVG", uniform, seed, dtype, gain=gain)
    _warn.warn_legacy("tf.contrib.layers.xavier_initializer", init.keras_equivalent(), stacklevel=2)
    return init


def xavier_initializer_conv2d(uniform=True, seed=None, dtype="float32", *, gain=1.0):
    """``tf.contrib.layers.xavier_initializer_conv2d``: contrib's alias of :func:`xavier_initializer`.

    >>> conv_init = xavier_initializer_conv2d(seed=1)    # fans count the 3x3 receptive field
    """
    init = ContribVarianceScaling(1.0, "FAN_AVG", uniform, seed, dtype, gain=gain)
    _warn.warn_legacy("tf.contrib.layers.xavier_initializer_conv2d", init.keras_equivalent(), stacklevel=2)
    return init


def xavier_init(n_inputs, n_outputs, uniform=True, *, gain=1.0, seed=None, dtype="float32"):
    """prettytensor's ``layers.xavier_init``: uniform ``+-sqrt(6/(in+out))``, else stddev sqrt(3/(in+out)).

    prettytensor had no ``seed``/``dtype`` arguments (its draws follow the graph seed); they are extras.

    >>> init = xavier_init(784, 256)      # same bound for every shape it is called with
    """
    init = PrettyTensorXavier(n_inputs, n_outputs, uniform, seed=seed, dtype=dtype, gain=gain)
    _warn.warn_legacy("prettytensor.layers.xavier_init", init.keras_equivalent(), stacklevel=2)
    return init

"""contrib and prettytensor initializers, faithful to TF 1.15, native Keras initializers on TF2.

Contract shared by every initializer of the package (the Caffe fillers build on it too):

* :class:`InitializerBase` is a pure-Python base.  ``__init__(dtype='float32')`` checks and stores the
  factory's dtype (``self.dtype``, a canonical name such as ``'float32'``).  ``__call__(shape,
  dtype=None, partition_info=None, **kwargs)`` accepts TF1's and Keras' calling conventions and shapes as
  list / tuple / ``tf.TensorShape`` / numpy array; it resolves ``dtype`` (``None`` -> the factory's
  dtype; a ``tf.DType``, numpy dtype or name), raises ``TypeError('Cannot create initializer for
  non-floating point type.')`` for other dtypes, normalizes the shape with
  :func:`xavier_compat.fans.normalize_shape`, returns ``tf.zeros`` for a zero-size shape and otherwise
  ``self._sample(shape_tuple, tf_dtype)``, which subclasses implement with one TensorFlow random op.
  ``get_config()`` returns the constructor's keyword arguments; ``from_config(config)`` is
  ``cls(**config)``.
* Instantiating a subclass yields an instance of :func:`keras_native` ``(cls)``: a subclass of ``cls``
  *and* of the installed Keras' ``Initializer`` base (TF1 ``tf.keras``, Keras 2, Keras 3 or tf-keras),
  created once per class and Keras flavour.  So ``isinstance(init, tf.keras.initializers.Initializer)``
  holds and Keras layers accept the object as ``kernel_initializer``.
"""
import numbers
from typing import Any, Dict, Tuple

from . import _backend
from .fans import normalize_shape

_NON_FLOAT = "Cannot create initializer for non-floating point type."

__all__ = ["InitializerBase", "keras_native", "resolve_dtype"]


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
        _NATIVE_CACHE[key] = native
    return native


class InitializerBase(object):
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
        tf_dtype = resolve_dtype(self.dtype if dtype is None else dtype)
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
        return base.from_config, (self.get_config(),)

    def __repr__(self) -> str:
        args = ", ".join("%s=%r" % item for item in sorted(self.get_config().items()))
        return "%s(%s)" % (type(self).__name__, args)

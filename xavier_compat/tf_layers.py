"""``tf.layers`` on every TensorFlow: TF1's layer functions and classes that take ``kernel_initializer=``.

Where ``install()`` gets the module it puts at ``tf.layers`` (see :func:`layers_module`):

* TF 1.x: ``tf.layers`` exists and is left alone.
* TF 2.0-2.15, and TF >= 2.16 run with ``TF_USE_LEGACY_KERAS=1``: ``tf.compat.v1.layers`` itself
  (Keras 2 / tf-keras legacy layers, served by TensorFlow).
* TF >= 2.16 with Keras 3 (the default): TensorFlow's ``tf.compat.v1.layers`` raises "not available
  with Keras 3", so ``tf.layers`` (and ``tf.compat.v1.layers``) become a lazy module that serves
  tf-keras' legacy layers (``tf_keras.api._v1.keras.__internal__.legacy.layers``), imported on the
  first attribute access.  ``tf.keras`` stays Keras 3: ``TF_USE_LEGACY_KERAS`` is never touched, so
  Keras-3-native code in the same process is unaffected.
* No tf-keras installed: any member access raises :class:`LegacyLayersUnavailable` (an
  AttributeError, so ``hasattr(tf.layers, "dense")`` is False) saying what to install.

Example (graph mode, any TF)::

    x = tf.compat.v1.placeholder(tf.float32, [None, 8])
    y = tf.layers.dense(x, 4, kernel_initializer=tf.contrib.layers.xavier_initializer())
"""
import threading
import types
from typing import Any, List, Optional

from . import _backend

#: tf-keras' TF1 layers: what tf.compat.v1.layers routes to under TF_USE_LEGACY_KERAS=1.
TF_KERAS_LEGACY_LAYERS = "tf_keras.api._v1.keras.__internal__.legacy.layers"


class LegacyLayersUnavailable(AttributeError):
    """tf.layers was used on Keras 3 without tf-keras installed (the message says what to install)."""


def install_hint() -> str:
    """The pip command that makes tf.layers available on this TensorFlow."""
    return _backend.tf_keras_install_hint()


class LegacyLayersModule(types.ModuleType):
    """``tf.layers`` served from tf-keras on Keras 3; members resolve on first access and are cached."""

    def __init__(self, name: str = "tensorflow.layers") -> None:
        super().__init__(name, "TF1's tf.layers, served by xavier_compat from tf-keras (%s)."
                         % TF_KERAS_LEGACY_LAYERS)

    @staticmethod
    def _xc_target() -> Any:
        return _backend.import_tf_keras(TF_KERAS_LEGACY_LAYERS, "tf.layers", LegacyLayersUnavailable)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # import machinery and inspect probe dunders: plain answer
            raise AttributeError("module %r has no attribute %r" % (self.__name__, name))
        value = getattr(self._xc_target(), name)
        self.__dict__[name] = value  # cache: later lookups skip this hook
        return value

    def __dir__(self) -> List[str]:
        try:
            return sorted(n for n in dir(self._xc_target()) if not n.startswith("_"))
        except LegacyLayersUnavailable:
            return ["__doc__", "__name__"]

    def __repr__(self) -> str:
        return "<module %r (xavier_compat: tf-keras legacy layers)>" % (self.__name__,)


_lock = threading.Lock()
_proxy: Optional[LegacyLayersModule] = None


def legacy_layers_proxy() -> LegacyLayersModule:
    """The one lazy tf-keras-backed module (created on first call; tf-keras is imported on first use)."""
    global _proxy
    with _lock:
        if _proxy is None:
            _proxy = LegacyLayersModule()
        return _proxy


def layers_module() -> Any:
    """The module that serves ``tf.layers`` here: TensorFlow's own where it works, else the tf-keras proxy.

    >>> layers_module().dense  # doctest: +SKIP
    <function dense at ...>
    """
    if _backend.keras_flavour() == _backend.KERAS3:
        return legacy_layers_proxy()
    return _backend.tf().compat.v1.layers

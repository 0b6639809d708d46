"""The one place that knows which TensorFlow and Keras are installed.

Every other module asks this one (``is_tf1()``, ``keras_flavour()``, ...) instead of reading
``tf.__version__`` itself.  TensorFlow is imported lazily, on the first question that needs it, so
``import xavier_compat`` stays cheap and patching can happen before user code imports TensorFlow.
"""
import functools
import os
import sys
from typing import Any

from packaging.version import InvalidVersion, Version

#: Keras flavours, as returned by :func:`keras_flavour`.
TF1_KERAS = "tf1"  # TF 1.x's built-in tf.keras
KERAS2 = "keras2"  # TF 2.0-2.15: tf.keras is Keras 2
KERAS3 = "keras3"  # TF >= 2.16: tf.keras is Keras 3
TF_KERAS = "tf-keras"  # TF >= 2.16 with TF_USE_LEGACY_KERAS=1: tf.keras is the tf-keras package

#: Python 3.7 (TF 1.15's Python) parses literals as ast.Num/Str/NameConstant, without end positions.
PY37_AST = sys.version_info < (3, 8)

#: First TensorFlow whose tf.keras is Keras 3 (unless TF_USE_LEGACY_KERAS is set).
_KERAS3_SINCE = Version("2.16.0rc0")
_REMAPPER_BUG_FROM, _REMAPPER_BUG_UNTIL = Version("2.15.0rc0"), Version("2.16.0rc0")
_LEGACY_KERAS_VALUES = ("1", "true", "True")  # what TensorFlow's own lazy loader accepts


def parse_version(text: str) -> Version:
    """Parse a TensorFlow/Keras version string (``'1.15.0'``, ``'2.16.0rc0'``, ``'2.23.0-dev20261026'``).

    Local suffixes such as Keras 2.2's ``'2.2.4-tf'`` are tolerated by dropping them.
    """
    try:
        return Version(text)
    except InvalidVersion:
        head = text.split("-", 1)[0]
        try:
            return Version(head)
        except InvalidVersion:
            raise ValueError("Cannot parse version string %r" % (text,)) from None


@functools.lru_cache(maxsize=None)
def tf() -> Any:
    """The ``tensorflow`` module, imported on first use."""
    import tensorflow

    return tensorflow


@functools.lru_cache(maxsize=None)
def tf_version() -> Version:
    """The installed TensorFlow's version (parsed once: it cannot change within a process)."""
    return parse_version(tf().__version__)


def is_tf1() -> bool:
    """True on TensorFlow 1.x."""
    return tf_version().major == 1


def is_tf2() -> bool:
    """True on TensorFlow 2.x (or later)."""
    return tf_version().major >= 2


def remapper_breaks_tf1_graphs() -> bool:
    """True on TF 2.15, whose grappler remapper aborts on some TF1 inference graphs.

    Seen on Kyubyong/transformer's TF1 graph: ``libprotobuf FATAL ... map.h ... key not found: value``,
    with plain ``tf.compat.v1`` too; TF 1.15 and 2.21 run the same graph.
    """
    return _REMAPPER_BUG_FROM <= tf_version() < _REMAPPER_BUG_UNTIL


def legacy_keras_requested() -> bool:
    """True when ``TF_USE_LEGACY_KERAS`` asks TensorFlow >= 2.16 to serve tf-keras as ``tf.keras``."""
    return os.environ.get("TF_USE_LEGACY_KERAS") in _LEGACY_KERAS_VALUES


def keras3_by_default() -> bool:
    """True on TensorFlow releases whose ``tf.keras`` is Keras 3 unless legacy Keras is requested."""
    return tf_version() >= _KERAS3_SINCE


def keras_flavour() -> str:
    """Which Keras ``tf.keras`` is here: one of TF1_KERAS, KERAS2, KERAS3, TF_KERAS."""
    if is_tf1():
        return TF1_KERAS
    if not keras3_by_default():
        return KERAS2
    return TF_KERAS if legacy_keras_requested() else KERAS3


def keras() -> Any:
    """The Keras module ``tf.keras`` resolves to (imported on first use)."""
    return tf().keras


def tf_keras_available() -> bool:
    """True when Google's Keras 2 package ``tf_keras`` can be imported."""
    import importlib.util

    return importlib.util.find_spec("tf_keras") is not None


def executing_eagerly() -> bool:
    """True when TensorFlow runs ops eagerly right now (always False on TF 1.x unless enabled)."""
    return bool(tf().executing_eagerly())


def describe() -> dict:
    """Versions and modes as plain data (used by ``info()`` and ``xavier-compat info``)."""
    return {
        "tensorflow": tf().__version__,
        "tf_major": tf_version().major,
        "keras": keras_flavour(),
        "eager": executing_eagerly(),
        "tf_keras_available": tf_keras_available(),
    }


def tf_keras_install_hint() -> str:
    """The pip command that brings tf-keras (Keras 2) for this TensorFlow."""
    version = tf_version()
    return ('pip install "xavier-compat[legacy]"  (or: pip install "tf-keras~=%d.%d.0", matching '
            'TensorFlow %s)' % (version.major, version.minor, version))


def import_tf_keras(path: str, what: str, error: type = ImportError) -> Any:
    """Import ``path`` from tf-keras, or raise ``error`` saying that ``what`` needs it and how to install it.

    On TF >= 2.16 with Keras 3, TF1's layers and RNN cells exist only in Google's tf-keras package.
    """
    import importlib

    try:
        return importlib.import_module(path)
    except ImportError as exc:
        raise error("%s needs Google's Keras 2 package tf-keras on TensorFlow %s, whose tf.keras is Keras 3, "
                    "and it could not be imported (%s: %s). Install it with: %s"
                    % (what, tf_version(), type(exc).__name__, exc, tf_keras_install_hint())) from exc

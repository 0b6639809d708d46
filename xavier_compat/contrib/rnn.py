"""``tf.contrib.rnn`` cells legacy code uses, served by ``tf.compat.v1.nn.rnn_cell``.

TF 1.15 and TF 2.0-2.15 have the cells in ``tf.compat.v1.nn.rnn_cell``; on TF >= 2.16 they live in
Keras 2 only, so with Keras 3 as ``tf.keras`` they come from Google's tf-keras package (the same
classes TF_USE_LEGACY_KERAS=1 would give).  Without tf-keras there, using a cell raises ImportError
naming the extra to install::

    cell = rnn.MultiRNNCell([rnn.BasicLSTMCell(64) for _ in range(2)])
    outputs, state = tf.compat.v1.nn.dynamic_rnn(cell, inputs, dtype=tf.float32)
"""
from typing import Any, List

from .. import _backend

_CELLS = ("BasicLSTMCell", "LSTMCell", "GRUCell", "BasicRNNCell", "MultiRNNCell", "DropoutWrapper",
          "LSTMStateTuple", "RNNCell", "ResidualWrapper", "DeviceWrapper")
__all__ = ["cells_module"]

_TF_KERAS_CELLS = "tf_keras.api._v1.keras.__internal__.legacy.rnn_cell"


def cells_module() -> Any:
    """The module holding TF1's RNN cells on this TensorFlow."""
    if _backend.keras_flavour() != _backend.KERAS3:
        return _backend.tf().compat.v1.nn.rnn_cell
    return _backend.import_tf_keras(_TF_KERAS_CELLS, "tf.contrib.rnn cells")


def __getattr__(name: str) -> Any:
    if name not in _CELLS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(cells_module(), name)
    globals()[name] = value
    return value


def __dir__() -> List[str]:
    return sorted(set(globals()) | set(_CELLS))

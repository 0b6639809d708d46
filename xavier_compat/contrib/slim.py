"""``tf.contrib.slim`` on TensorFlow 2: the tf-slim package, with xavier_compat's pieces where it breaks.

The contrib façade serves ``tf.contrib.slim`` / ``import tensorflow.contrib.slim as slim`` from this
module (TF 1.15 keeps its real ``tf.contrib.slim``).  Every public tf-slim name is here, except:

- ``batch_norm``: tf-slim 1.1.0's imports Keras-2 internals that TF >= 2.15 no longer has, so
  ``slim.batch_norm`` is xavier_compat's TF-1.15-faithful one (``contrib.layers_impl.batch_norm``);
- ``arg_scope`` & co. are ``xavier_compat.contrib.arg_scope``, which shares ONE stack and registry with
  tf-slim's (as TF 1.15 had one): ``slim.arg_scope([slim.conv2d, slim.batch_norm], ...)`` reaches
  tf-slim's conv2d and our batch_norm alike, and so does ``tf.contrib.framework.arg_scope``.

Works with TF 2.15 and with TF >= 2.16 (tf-slim's layers run on TF's internal Keras-2 layers there,
in graph mode; whether ``tf.keras`` is Keras 3 does not matter).  Limitations: ``slim.layers`` and
``slim.nets`` are tf-slim's own modules, so ``slim.layers.batch_norm`` is still tf-slim's broken one.

Example::

    slim = tf.contrib.slim                      # after xavier_compat.install(), or via the runner
    with slim.arg_scope([slim.conv2d], normalizer_fn=slim.batch_norm,
                        weights_regularizer=slim.l2_regularizer(5e-4)):
        net = slim.conv2d(images, 64, [3, 3], scope="conv1")
        net = slim.max_pool2d(net, [2, 2], scope="pool1")
"""
try:
    import tf_slim as _tf_slim
    from tf_slim.ops import arg_scope as _tf_slim_arg_scope
except ImportError as _exc:  # pragma: no cover - depends on the environment
    raise ImportError(
        "tf.contrib.slim on TensorFlow 2 is served by the tf-slim package, which is not installed "
        f"({_exc}). Install it with: pip install \"xavier-compat[legacy]\""
    ) from _exc

from . import arg_scope as _arg_scope
from .layers_impl import batch_norm as _batch_norm

_arg_scope.share_state_with(_tf_slim_arg_scope)

#: Names where tf-slim's object is replaced, with the reason (kept as data for tests and docs).
SUBSTITUTED = {
    "batch_norm": "tf-slim 1.1.0's batch_norm needs Keras-2 internals missing from TF >= 2.15",
    "arg_scope": "one arg_scope stack shared with tf.contrib.framework, as in TF 1.15",
    "add_arg_scope": "one arg_scope registry shared with tf.contrib.framework, as in TF 1.15",
    "current_arg_scope": "shared arg_scope stack",
    "has_arg_scope": "shared arg_scope registry",
    "arg_scoped_arguments": "shared arg_scope registry",
}

globals().update((name, getattr(_tf_slim, name)) for name in dir(_tf_slim) if not name.startswith("_"))
batch_norm = _batch_norm
arg_scope = _arg_scope.arg_scope
add_arg_scope = _arg_scope.add_arg_scope
current_arg_scope = _arg_scope.current_arg_scope
has_arg_scope = _arg_scope.has_arg_scope
arg_scoped_arguments = _arg_scope.arg_scoped_arguments

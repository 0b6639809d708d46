"""tf.layers on every TF: TensorFlow's own where it works, tf-keras' legacy layers on Keras 3."""
import os

import pytest

from _helpers import run_code
from xavier_compat import _backend, tf_layers

tf = _backend.tf()
TF1 = _backend.is_tf1()
KERAS3 = _backend.keras_flavour() == _backend.KERAS3
NAMES = ("dense", "Dense", "conv1d", "conv2d", "conv3d", "Conv1D", "Conv2D", "Conv3D", "conv2d_transpose",
         "Conv2DTranspose", "separable_conv2d", "flatten", "Flatten", "max_pooling1d", "max_pooling2d",
         "max_pooling3d", "average_pooling1d", "average_pooling2d", "average_pooling3d", "MaxPooling2D",
         "dropout", "Dropout", "batch_normalization", "BatchNormalization", "Layer", "InputSpec")


def test_layers_module_is_tensorflows_own_unless_keras3():
    served = tf_layers.layers_module()
    if KERAS3:
        assert isinstance(served, tf_layers.LegacyLayersModule)
        assert served is tf_layers.layers_module()  # one proxy per process
    else:
        assert served is tf.compat.v1.layers


@pytest.mark.skipif(KERAS3 and not _backend.tf_keras_available(), reason="tf-keras is not installed")
def test_all_tf1_layer_names_are_served():
    served = tf_layers.layers_module()
    missing = [n for n in NAMES if not hasattr(served, n)]
    assert not missing, missing
    if KERAS3:
        assert set(NAMES) <= set(dir(served))
        assert served.dense.__module__.startswith("tf_keras.")


def test_install_hint_names_the_extra_and_the_matching_tf_keras():
    version = _backend.tf_version()
    hint = tf_layers.install_hint()
    assert 'pip install "xavier-compat[legacy]"' in hint
    assert "tf-keras~=%d.%d.0" % (version.major, version.minor) in hint


GRAPH_PROGRAM = """
    import numpy as np
    import tensorflow as tf
    import xavier_compat as xc
    tf.compat.v1.disable_eager_execution()
    xc.install()
    init = tf.contrib.layers.xavier_initializer
    x = tf.compat.v1.placeholder(tf.float32, [None, 16, 16, 3])
    net = tf.layers.conv2d(x, 8, 3, padding="same", kernel_initializer=init(seed=1), name="conv")
    net = tf.layers.max_pooling2d(net, 2, 2)
    net = tf.layers.conv2d_transpose(net, 4, 3, strides=2, padding="same", kernel_initializer=init(seed=2))
    net = tf.layers.batch_normalization(net, training=True)
    net = tf.layers.dropout(tf.layers.flatten(net), 0.1, training=True)
    logits = tf.layers.Dense(5, kernel_initializer=init(seed=3), name="fc")(net)
    out = tf.compat.v1.layers.dense(logits, 2, kernel_initializer=init(uniform=False, seed=4), name="head")
    with tf.compat.v1.Session() as sess:
        sess.run(tf.compat.v1.global_variables_initializer())
        y = sess.run(out, {x: np.ones([2, 16, 16, 3], np.float32)})
        kernels = {v.name: sess.run(v) for v in tf.compat.v1.trainable_variables() if "kernel" in v.name}
    assert y.shape == (2, 2), y.shape
    assert sorted(kernels) == ["conv/kernel:0", "conv2d_transpose/kernel:0", "fc/kernel:0", "head/kernel:0"]
    for name, k in kernels.items():
        rf = int(np.prod(k.shape[:-2])) if k.ndim > 2 else 1
        fan_in, fan_out = k.shape[-2] * rf, k.shape[-1] * rf
        limit = np.sqrt(6.0 / (fan_in + fan_out))
        bound = 2 * np.sqrt(1.3 * 2.0 / (fan_in + fan_out)) if name.startswith("head") else limit
        assert np.abs(k).max() <= bound * 1.000001, (name, np.abs(k).max(), bound)
    print("KERAS", tf.keras.layers.Dense.__module__.split(".")[0])
"""


def test_graph_mode_layers_with_xavier_kernels_build_and_run():
    out = run_code(GRAPH_PROGRAM, timeout=240)
    keras_root = out.split("KERAS", 1)[1].split()[0]
    if KERAS3:
        assert keras_root == "keras"  # tf.keras stays Keras 3 while tf.layers comes from tf-keras
    assert "TF_USE_LEGACY_KERAS" not in os.environ or not KERAS3


@pytest.mark.skipif(not KERAS3, reason="only Keras 3 needs tf-keras for tf.layers")
def test_without_tf_keras_the_error_says_what_to_install():
    out = run_code("""
        import sys
        sys.modules["tf_keras"] = None  # as if tf-keras were not installed
        import tensorflow as tf
        import xavier_compat as xc
        from xavier_compat.tf_layers import LegacyLayersUnavailable
        xc.install()
        assert not hasattr(tf.layers, "dense")
        try:
            tf.compat.v1.layers.conv2d
        except LegacyLayersUnavailable as exc:
            print("MESSAGE", exc)
        assert xc.info()["tf_layers"].startswith("unavailable: pip install")
    """, timeout=240)
    message = out.split("MESSAGE", 1)[1]
    version = _backend.tf_version()
    assert 'pip install "xavier-compat[legacy]"' in message and "tf-keras" in message
    assert "tf-keras~=%d.%d.0" % (version.major, version.minor) in message


@pytest.mark.skipif(not KERAS3, reason="only Keras 3 needs tf-keras for tf.contrib.rnn cells")
def test_rnn_cells_without_tf_keras_say_what_to_install():
    out = run_code("""
        import sys
        sys.modules["tf_keras"] = None  # as if tf-keras were not installed
        import xavier_compat as xc
        import tensorflow as tf
        xc.install()
        try:
            tf.contrib.rnn.BasicLSTMCell
        except AttributeError as exc:  # the façade turns the ImportError into a helpful AttributeError
            print("MESSAGE", exc)
    """, timeout=240)
    message = out.split("MESSAGE", 1)[1]
    version = _backend.tf_version()
    assert "tf.contrib.rnn cells needs Google's Keras 2 package tf-keras" in message
    assert "tf-keras~=%d.%d.0" % (version.major, version.minor) in message

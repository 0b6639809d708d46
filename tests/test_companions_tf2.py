"""Companions where TF 1.15 has no twin to record: the slim bridge on tf-slim, and eager mode on TF2."""
import importlib.util

import numpy as np
import pytest

from xavier_compat import _backend

needs_tf2 = pytest.mark.skipif(_backend.is_tf1(), reason="TF 1.15 keeps its real tf.contrib; eager is TF2")
needs_tf_slim = pytest.mark.skipif(importlib.util.find_spec("tf_slim") is None,
                                   reason="tf-slim is not installed here (the 'legacy' extra)")


@needs_tf_slim
def test_slim_serves_tf_slim_with_our_batch_norm_and_one_arg_scope_stack():
    tf = _backend.tf()
    v1 = tf.compat.v1
    from xavier_compat.contrib import framework, layers_impl, slim

    assert slim.batch_norm is layers_impl.batch_norm
    assert slim.arg_scope is framework.arg_scope
    assert slim.conv2d.__module__.startswith("tf_slim")  # tf-slim's own where it works
    with tf.Graph().as_default():
        x = v1.placeholder(tf.float32, [4, 6, 6, 3])
        is_training = v1.placeholder(tf.bool, [])
        bn_params = {"is_training": is_training, "scale": True}
        with slim.arg_scope([slim.conv2d, slim.fully_connected], normalizer_fn=slim.batch_norm,
                            normalizer_params=bn_params, weights_regularizer=slim.l2_regularizer(1e-3)):
            with framework.arg_scope([layers_impl.batch_norm], decay=0.5):  # contrib's scope reaches slim's
                net = slim.conv2d(x, 4, [3, 3], scope="conv1")
                net = slim.max_pool2d(net, [2, 2], scope="pool1")
                net = slim.dropout(slim.flatten(net), 0.5, is_training=is_training)
                logits = slim.fully_connected(net, 2, activation_fn=None, scope="logits")
        names = [v.name for v in v1.global_variables()]
        assert names[:5] == ["conv1/weights:0", "conv1/BatchNorm/gamma:0", "conv1/BatchNorm/beta:0",
                             "conv1/BatchNorm/moving_mean:0", "conv1/BatchNorm/moving_variance:0"]
        updates = v1.get_collection(v1.GraphKeys.UPDATE_OPS)
        assert len(updates) == 4 and len(v1.get_collection(v1.GraphKeys.REGULARIZATION_LOSSES)) == 2
        moving = [v for v in v1.global_variables() if v.name == "conv1/BatchNorm/moving_mean:0"][0]
        with v1.Session() as sess:
            sess.run(v1.global_variables_initializer())
            batch = np.random.RandomState(0).standard_normal([4, 6, 6, 3]).astype(np.float32)
            out = sess.run([logits] + updates, {x: batch, is_training: True})[0]
            assert out.shape == (4, 2)
            after_one = sess.run(moving)
            sess.run(updates, {x: batch, is_training: True})
            after_two = sess.run(moving)
        # decay 0.5 came through the contrib arg_scope: m1 = 0.5 * mu, m2 = 0.75 * mu
        np.testing.assert_allclose(after_two, 1.5 * after_one, rtol=1e-5, atol=1e-6)


@needs_tf2
def test_regularizers_work_eagerly():
    tf = _backend.tf()
    from xavier_compat.contrib import regularizers

    w = tf.constant([[1.0, -2.0], [3.0, -4.0]])
    assert float(regularizers.l2_regularizer(0.5)(w)) == pytest.approx(0.5 * 30.0 / 2)
    assert float(regularizers.l1_l2_regularizer(0.1, 0.2)(w)) == pytest.approx(0.1 * 10 + 0.2 * 15)
    assert float(regularizers.apply_regularization(regularizers.l1_regularizer(1.0), [w, w])) == 20.0


@needs_tf2
def test_layers_run_eagerly_with_tf1_meaning():
    tf = _backend.tf()
    from xavier_compat.contrib import layers_impl as layers

    x = tf.constant(np.random.RandomState(1).standard_normal([8, 5, 5, 3]).astype(np.float32) * 3 + 2)
    y = layers.batch_norm(x)
    np.testing.assert_allclose(np.mean(y.numpy(), axis=(0, 1, 2)), 0.0, atol=1e-4)
    kept = layers.dropout(tf.ones([200, 100]), keep_prob=0.9).numpy()
    assert 0.88 < np.mean(kept != 0) < 0.92  # keep_prob, not TF2's rate (that would keep ~10%)
    assert layers.conv2d(x, 4, 3).shape == (8, 5, 5, 4)
    assert layers.fully_connected(layers.flatten(x), 7).shape == (8, 7)
    assert layers.max_pool2d(x, 2).shape == (8, 2, 2, 3)
    assert layers.layer_norm(x).shape == x.shape and layers.instance_norm(x).shape == x.shape

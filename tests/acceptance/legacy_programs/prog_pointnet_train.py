# pointnet-style training script: model in a sibling module, helpers in tf_util, weight decay collections
# runs-on: tf1 tf2
import os
import sys

import numpy as np
import tensorflow as tf

BASE_DIR = os.path.dirname(os.path.abspath(__file__))
sys.path.append(BASE_DIR)
import pointnet_cls as MODEL  # noqa: E402

BATCH_SIZE, NUM_POINT, NUM_CLASSES = 8, 32, 4

with tf.Graph().as_default():
    tf.set_random_seed(0)
    pointclouds_pl, labels_pl = MODEL.placeholder_inputs(BATCH_SIZE, NUM_POINT)
    is_training_pl = tf.placeholder(tf.bool, shape=())
    pred = MODEL.get_model(pointclouds_pl, is_training_pl, NUM_CLASSES)
    loss = MODEL.get_loss(pred, labels_pl)
    correct = tf.equal(tf.argmax(pred, 1), tf.to_int64(labels_pl))
    accuracy = tf.reduce_sum(tf.cast(correct, tf.float32)) / float(BATCH_SIZE)
    optimizer = tf.train.AdamOptimizer(0.01)
    train_op = optimizer.minimize(loss)
    saver = tf.train.Saver()
    decay_losses = [t for t in tf.get_collection('losses') if 'weight_loss' in t.name]

    config = tf.ConfigProto()
    config.allow_soft_placement = True
    with tf.Session(config=config) as sess:
        sess.run(tf.global_variables_initializer())
        kernel = sess.run([v for v in tf.global_variables() if v.name == 'conv1/weights:0'][0])
        rng = np.random.RandomState(0)
        centers = rng.randn(NUM_CLASSES, 3) * 2.0
        labels = np.arange(BATCH_SIZE) % NUM_CLASSES
        data = centers[labels][:, None, :] + 0.3 * rng.randn(BATCH_SIZE, NUM_POINT, 3)
        feed = {pointclouds_pl: data, labels_pl: labels, is_training_pl: True}
        losses = [sess.run([train_op, loss], feed_dict=feed)[1] for _ in range(30)]
        feed[is_training_pl] = False
        acc = sess.run(accuracy, feed_dict=feed)

assert len(decay_losses) == 4, [t.name for t in decay_losses]
assert np.all(np.isfinite(losses)) and losses[-1] < losses[0], losses
limit = np.sqrt(6.0 / (3 * 1 + 3 * 32))  # contrib fans of a [1, 3, 1, 32] kernel
assert kernel.shape == (1, 3, 1, 32) and np.abs(kernel).max() <= limit * 1.000001
print("OK", losses[0], losses[-1], acc)

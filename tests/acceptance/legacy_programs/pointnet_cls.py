"""A small pointnet-like classifier built from tf_util (a sibling module, as in the original layout)."""
import os
import sys

import tensorflow as tf

BASE_DIR = os.path.dirname(os.path.abspath(__file__))
sys.path.append(BASE_DIR)
import tf_util  # noqa: E402


def placeholder_inputs(batch_size, num_point):
    pointclouds_pl = tf.placeholder(tf.float32, shape=(batch_size, num_point, 3))
    labels_pl = tf.placeholder(tf.int32, shape=(batch_size,))
    return pointclouds_pl, labels_pl


def get_model(point_cloud, is_training, num_classes=4):
    batch_size = point_cloud.get_shape()[0].value
    num_point = point_cloud.get_shape()[1].value
    net = tf.expand_dims(point_cloud, -1)
    net = tf_util.conv2d(net, 32, [1, 3], padding='VALID', scope='conv1', weight_decay=1e-4)
    net = tf_util.conv2d(net, 64, [1, 1], padding='VALID', scope='conv2', weight_decay=1e-4)
    net = tf_util.max_pool2d(net, [num_point, 1], padding='VALID', scope='maxpool')
    net = tf.reshape(net, [batch_size, -1])
    net = tf_util.fully_connected(net, 32, scope='fc1', weight_decay=1e-4)
    net = tf_util.dropout(net, is_training, scope='dp1', keep_prob=0.7)
    return tf_util.fully_connected(net, num_classes, activation_fn=None, scope='fc2', weight_decay=1e-4)


def get_loss(pred, label):
    loss = tf.nn.sparse_softmax_cross_entropy_with_logits(logits=pred, labels=label)
    classify_loss = tf.reduce_mean(loss)
    tf.summary.scalar('classify loss', classify_loss)
    tf.add_to_collection('losses', classify_loss)
    return tf.add_n(tf.get_collection('losses'), name='total_loss')

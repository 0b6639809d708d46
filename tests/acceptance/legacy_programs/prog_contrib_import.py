# Imports contrib by module path (from-import and import-as), regularized linear regression.
# runs-on: tf1 tf2
import numpy as np
import tensorflow as tf
import tensorflow.contrib.layers as contrib_layers
from tensorflow.contrib.layers import l2_regularizer, xavier_initializer

x = tf.placeholder(tf.float32, [None, 5])
y = tf.placeholder(tf.float32, [None, 1])
with tf.variable_scope('linear'):
    w = tf.get_variable('w', [5, 1], initializer=xavier_initializer(seed=7),
                        regularizer=l2_regularizer(1e-3))
    b = tf.get_variable('b', [1], initializer=tf.zeros_initializer())
pred = tf.matmul(x, w) + b
mse = tf.reduce_mean(tf.square(pred - y))
reg = tf.losses.get_regularization_loss()
loss = mse + reg
train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)

rng = np.random.RandomState(3)
xs = rng.randn(64, 5).astype(np.float32)
ys = xs.dot(np.array([[1.0], [-2.0], [0.5], [0.0], [3.0]], np.float32)) + 0.25
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    w0 = sess.run(w)
    losses = [sess.run([train, loss], {x: xs, y: ys})[1] for _ in range(50)]
    reg_value = sess.run(reg)

assert contrib_layers.xavier_initializer is xavier_initializer
assert len(tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES)) == 1
assert np.abs(w0).max() <= np.sqrt(6.0 / (5 + 1)) * 1.000001
assert reg_value > 0 and losses[-1] < 0.1 * losses[0], (losses[0], losses[-1])
print("OK", losses[0], losses[-1])

# TF1 code without sessions: get_variable + variable_scope reuse, dropout(keep_prob), eager where available.
# runs-on: tf1 tf2
import numpy as np
import tensorflow as tf


def dense(x, units, scope, reuse=None):
    with tf.variable_scope(scope, reuse=reuse):
        w = tf.get_variable('w', [x.get_shape()[-1].value, units],
                            initializer=tf.contrib.layers.xavier_initializer(seed=11))
        b = tf.get_variable('b', [units], initializer=tf.zeros_initializer())
    return tf.matmul(x, w) + b, w


x = tf.ones([4, 10])
y1, w1 = dense(x, 5, 'shared')
y2, w2 = dense(x, 5, 'shared', reuse=True)
with tf.variable_scope('auto', reuse=tf.AUTO_REUSE):
    a1 = tf.get_variable('v', [3], initializer=tf.zeros_initializer())
with tf.variable_scope('auto', reuse=tf.AUTO_REUSE):
    a2 = tf.get_variable('v', [3])
drop = tf.nn.dropout(tf.ones([200, 100]), 0.9, seed=5)

if tf.executing_eagerly():
    out1, out2, d, wv = y1.numpy(), y2.numpy(), drop.numpy(), w1.numpy()
else:
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        out1, out2, d, wv = sess.run([y1, y2, drop, w1])

assert w1 is w2 and a1 is a2 and w1.name == 'shared/w:0', (w1.name, w2.name)
np.testing.assert_array_equal(out1, out2)
assert np.abs(wv).max() <= np.sqrt(6.0 / 15) * 1.000001
assert abs(np.count_nonzero(d) / float(d.size) - 0.9) < 0.02
print("OK", w1.name, tf.executing_eagerly())

# Look-alikes that are NOT Xavier (scanner fixture).
import tensorflow as tf

# The founding Q&A's "TensorFlow 2" answer:
W1 = tf.get_variable("W1", [25, 12288], initializer=tf.random_normal_initializer(seed=1))

n_prev, n = 300, 100
W = tf.Variable(tf.truncated_normal((n_prev, n), stddev=0.1))


def weight_variable(shape):
    initial = tf.truncated_normal(shape, stddev=0.1)
    return tf.Variable(initial)


def bias_variable(shape):
    return tf.Variable(tf.constant(0.1, shape=shape))


noise = tf.random_normal([8, 3])  # data, not a weight: not flagged

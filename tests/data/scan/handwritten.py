# Hand-written Xavier formulas (scanner fixture).
import math

import numpy as np
import tensorflow as tf


def sigmoid_layer(fan_in, fan_out):
    low = -4 * np.sqrt(6.0 / (fan_in + fan_out))
    high = 4 * np.sqrt(6.0 / (fan_in + fan_out))
    return tf.Variable(tf.random.uniform((fan_in, fan_out), minval=low, maxval=high, seed=5))


def numpy_glorot(n_in, n_out):
    limit = math.sqrt(6) / math.sqrt(n_in + n_out)
    return np.random.uniform(-limit, limit, size=(n_in, n_out))


def glorot_normal_paper(n_in, n_out):
    return np.random.randn(n_in, n_out) * np.sqrt(2.0 / (n_in + n_out))


def he_uniform(fan_in, shape):
    bound = (6.0 / fan_in) ** 0.5
    return tf.random_uniform(shape, -bound, bound)

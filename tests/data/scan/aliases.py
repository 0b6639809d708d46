# Every way legacy code reaches a contrib initializer (scanner fixture: parsed, never run).
import tensorflow.compat.v1 as tf
import tensorflow.contrib.slim as slim
from tensorflow.contrib import layers
from tensorflow.contrib.layers import xavier_initializer as xi
from tensorflow.contrib.layers import variance_scaling_initializer

import tensorflow as tf_full
import tensorflow.contrib as tf_contrib

w1 = tf.get_variable("w1", [3, 4], initializer=xi(seed=7))
w2 = tf.get_variable("w2", [3, 4], initializer=layers.xavier_initializer(uniform=False, seed=3))
w3 = tf.get_variable("w3", [3, 3, 8, 16], initializer=layers.xavier_initializer_conv2d())
w4 = tf.get_variable("w4", [3, 4], initializer=variance_scaling_initializer(factor=1.0, mode="FAN_AVG",
                                                                            uniform=True))
w5 = tf.get_variable("w5", [3, 4], initializer=variance_scaling_initializer())
net = slim.conv2d(None, 32, [3, 3], weights_initializer=slim.xavier_initializer())
w6 = tf_full.Variable(tf_contrib.layers.xavier_initializer()([5, 5]))
contrib_layers = tf_full.contrib.layers
w7 = tf.get_variable("w7", [2, 2], initializer=contrib_layers.variance_scaling_initializer(2.0, "FAN_OUT", False))
print(tf.AUTO_REUSE)

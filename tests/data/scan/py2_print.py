# Python 2 (scanner fixture): does not parse under Python 3
import tensorflow as tf
w = tf.get_variable("w", [2, 2], initializer=tf.contrib.layers.xavier_initializer())
print w

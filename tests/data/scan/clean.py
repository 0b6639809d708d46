# TF2-native code: nothing legacy here (scanner fixture).
import tensorflow as tf

init = tf.keras.initializers.GlorotUniform(seed=1)
var = tf.Variable(init(shape=(3, 4)))
layer = tf.keras.layers.Dense(10, kernel_initializer="glorot_uniform")

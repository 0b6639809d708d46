# tf.contrib members beyond the initializers (scanner fixture).
import tensorflow as tf
from tensorflow.contrib import seq2seq
from tensorflow.contrib.layers import l2_regularizer

reg = l2_regularizer(0.001)
h = tf.contrib.layers.batch_norm(None, is_training=True)
h = tf.contrib.layers.batch_norm(h, is_training=True)
cell = tf.contrib.rnn.BasicLSTMCell(64)
outputs = tf.contrib.rnn.static_rnn(cell, [])
dist = tf.contrib.distributions.Normal(0.0, 1.0)
opt = tf.contrib.opt.AdamWOptimizer(1e-4, learning_rate=1e-3)
decoder = seq2seq.BasicDecoder(cell, None, None)
mnist = tf.contrib.learn.datasets.load_dataset("mnist")

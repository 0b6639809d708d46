# TF1 meaning of names whose signature changed in TF2: tf.nn.dropout(x, 0.9) keeps 90 % (keep_prob),
# reduce_sum(keep_dims=...), Dimension.value.
# runs-on: tf1 tf2
import numpy as np
import tensorflow as tf

x = tf.ones([1000, 100])
kept = tf.nn.dropout(x, 0.9, seed=5)
half = tf.nn.dropout(x, keep_prob=0.5, seed=6)
row_sums = tf.reduce_sum(x, axis=1, keep_dims=True)
with tf.Session() as sess:
    k, h, s = sess.run([kept, half, row_sums])

frac = np.count_nonzero(k) / float(k.size)
assert abs(frac - 0.9) < 0.01, frac  # TF2's rate=0.9 would keep 10 %
np.testing.assert_allclose(k[k != 0], 1 / 0.9, rtol=1e-6)
assert abs(np.count_nonzero(h) / float(h.size) - 0.5) < 0.01
assert s.shape == (1000, 1) and x.shape[1].value == 100
print("OK", frac)

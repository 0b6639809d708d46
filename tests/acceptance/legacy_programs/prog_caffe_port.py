# A Caffe model ported by hand: weights dict with xavier_initializer_conv2d, raw tf.nn ops, SGD momentum.
# runs-on: tf1 tf2
import numpy as np
import tensorflow as tf

NUM_CLASSES = 3


def make_weights():
    xavier_conv = tf.contrib.layers.xavier_initializer_conv2d()
    xavier = tf.contrib.layers.xavier_initializer()
    return {
        'conv1': tf.get_variable('conv1_w', [5, 5, 1, 8], initializer=xavier_conv),
        'conv2': tf.get_variable('conv2_w', [3, 3, 8, 16], initializer=xavier_conv),
        'fc3': tf.get_variable('fc3_w', [4 * 4 * 16, 32], initializer=xavier),
        'out': tf.get_variable('out_w', [32, NUM_CLASSES], initializer=xavier),
    }, {
        'conv1': tf.get_variable('conv1_b', [8], initializer=tf.constant_initializer(0.0)),
        'conv2': tf.get_variable('conv2_b', [16], initializer=tf.constant_initializer(0.0)),
        'fc3': tf.get_variable('fc3_b', [32], initializer=tf.constant_initializer(0.1)),
        'out': tf.get_variable('out_b', [NUM_CLASSES], initializer=tf.constant_initializer(0.0)),
    }


def conv_relu_pool(x, w, b):
    x = tf.nn.conv2d(x, w, strides=[1, 1, 1, 1], padding='SAME')
    x = tf.nn.relu(tf.nn.bias_add(x, b))
    x = tf.nn.lrn(x, depth_radius=2, bias=1.0, alpha=1e-4, beta=0.75)
    return tf.nn.max_pool(x, ksize=[1, 2, 2, 1], strides=[1, 2, 2, 1], padding='SAME')


x = tf.placeholder(tf.float32, [None, 16, 16, 1])
y = tf.placeholder(tf.int64, [None])
weights, biases = make_weights()
net = conv_relu_pool(x, weights['conv1'], biases['conv1'])
net = conv_relu_pool(net, weights['conv2'], biases['conv2'])
net = tf.reshape(net, [-1, weights['fc3'].get_shape().as_list()[0]])
net = tf.nn.relu(tf.matmul(net, weights['fc3']) + biases['fc3'])
logits = tf.matmul(net, weights['out']) + biases['out']
loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=logits))
train = tf.train.MomentumOptimizer(0.05, 0.9).minimize(loss)

rng = np.random.RandomState(2)
labels = np.arange(12) % NUM_CLASSES
images = rng.rand(12, 16, 16, 1).astype(np.float32) * 0.1
for i, c in enumerate(labels):
    images[i, 4 * c:4 * c + 4, :, 0] += 1.0  # a horizontal band per class
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    k1, k2 = sess.run([weights['conv1'], weights['conv2']])
    losses = [sess.run([train, loss], {x: images, y: labels})[1] for _ in range(25)]

for k in (k1, k2):
    rf = k.shape[0] * k.shape[1]
    limit = np.sqrt(6.0 / (rf * k.shape[2] + rf * k.shape[3]))
    assert np.abs(k).max() <= limit * 1.000001 and np.abs(k).max() > 0.9 * limit, (k.shape, limit)
assert np.all(np.isfinite(losses)) and losses[-1] < 0.5 * losses[0], losses
print("OK", losses[0], losses[-1])

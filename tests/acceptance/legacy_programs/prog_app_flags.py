# tf.app.flags + tf.app.run() entry point, as in many TF1 training scripts (text CNNs, seq2seq, GANs).
# runs-on: tf1 tf2
import numpy as np
import tensorflow as tf

flags = tf.app.flags
flags.DEFINE_integer("num_steps", 20, "training steps")
flags.DEFINE_float("learning_rate", 0.5, "SGD learning rate")
flags.DEFINE_float("dropout_keep_prob", 0.8, "keep probability of the hidden layer")
FLAGS = flags.FLAGS


def build(input_x, input_y, keep_prob):
    with tf.name_scope("hidden"):
        W = tf.get_variable("W_h", shape=[20, 16], initializer=tf.contrib.layers.xavier_initializer())
        b = tf.Variable(tf.constant(0.1, shape=[16]), name="b")
        h = tf.nn.relu(tf.nn.xw_plus_b(input_x, W, b))
        h_drop = tf.nn.dropout(h, keep_prob)
    with tf.name_scope("output"):
        W2 = tf.get_variable("W_o", shape=[16, 2], initializer=tf.contrib.layers.xavier_initializer())
        scores = tf.nn.xw_plus_b(h_drop, W2, tf.Variable(tf.zeros([2])), name="scores")
    losses = tf.nn.softmax_cross_entropy_with_logits(logits=scores, labels=input_y)
    return tf.reduce_mean(losses)


def main(argv):
    assert argv[0].endswith("prog_app_flags.py"), argv
    input_x = tf.placeholder(tf.float32, [None, 20], name="input_x")
    input_y = tf.placeholder(tf.float32, [None, 2], name="input_y")
    keep_prob = tf.placeholder(tf.float32, name="dropout_keep_prob")
    loss = build(input_x, input_y, keep_prob)
    global_step = tf.Variable(0, name="global_step", trainable=False)
    train_op = tf.train.GradientDescentOptimizer(FLAGS.learning_rate).minimize(loss, global_step=global_step)
    rng = np.random.RandomState(5)
    xs = rng.randn(32, 20).astype(np.float32)
    ys = np.eye(2, dtype=np.float32)[(xs[:, 0] > 0).astype(int)]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        first = sess.run(loss, {input_x: xs, input_y: ys, keep_prob: 1.0})
        for _ in range(FLAGS.num_steps):
            sess.run(train_op, {input_x: xs, input_y: ys, keep_prob: FLAGS.dropout_keep_prob})
        last, step = sess.run([loss, global_step], {input_x: xs, input_y: ys, keep_prob: 1.0})
    assert step == FLAGS.num_steps and np.isfinite(last) and last < first, (first, last, step)
    print("OK", first, last)


if __name__ == "__main__":
    tf.app.run()

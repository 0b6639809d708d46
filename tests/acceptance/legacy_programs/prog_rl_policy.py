# RL policy network: tf.layers.dense under variable_scope, built twice with reuse=True (shared weights),
# REINFORCE on a 4-armed bandit.
# runs-on: tf1 tf2
import numpy as np
import tensorflow as tf

OBS_DIM, N_ACTIONS, HIDDEN = 6, 4, 32


def mlp_policy(obs, reuse=False):
    with tf.variable_scope('pi', reuse=reuse):
        h = tf.layers.dense(obs, HIDDEN, activation=tf.nn.tanh,
                            kernel_initializer=tf.contrib.layers.xavier_initializer(), name='fc0')
        logits = tf.layers.dense(h, N_ACTIONS, activation=None,
                                 kernel_initializer=tf.contrib.layers.xavier_initializer(), name='logits')
    return logits


obs_ph = tf.placeholder(tf.float32, [None, OBS_DIM], name='obs')
next_obs_ph = tf.placeholder(tf.float32, [None, OBS_DIM], name='next_obs')
act_ph = tf.placeholder(tf.int32, [None], name='act')
adv_ph = tf.placeholder(tf.float32, [None], name='adv')

logits = mlp_policy(obs_ph)
next_logits = mlp_policy(next_obs_ph, reuse=True)  # the target copy shares every weight
probs = tf.nn.softmax(logits)
logp = tf.reduce_sum(tf.one_hot(act_ph, N_ACTIONS) * tf.nn.log_softmax(logits), axis=1)
pi_loss = -tf.reduce_mean(logp * adv_ph)
train_pi = tf.train.AdamOptimizer(learning_rate=0.05).minimize(pi_loss)
pi_vars = tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES, scope='pi')

rng = np.random.RandomState(1)
payout = np.array([0.0, 0.2, 1.0, 0.1])
obs = np.ones([64, OBS_DIM], np.float32)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    same = sess.run([logits, next_logits], {obs_ph: obs[:2], next_obs_ph: obs[:2]})
    p_start = sess.run(probs, {obs_ph: obs[:1]})[0]
    for _ in range(40):
        p = sess.run(probs, {obs_ph: obs})
        acts = np.array([rng.choice(N_ACTIONS, p=row / row.sum()) for row in p])
        rewards = payout[acts]
        sess.run(train_pi, {obs_ph: obs, act_ph: acts, adv_ph: rewards - rewards.mean()})
    p_end = sess.run(probs, {obs_ph: obs[:1]})[0]

assert sorted(v.name for v in pi_vars) == ['pi/fc0/bias:0', 'pi/fc0/kernel:0',
                                           'pi/logits/bias:0', 'pi/logits/kernel:0'], pi_vars
np.testing.assert_array_equal(same[0], same[1])
assert p_end[2] > p_start[2] and p_end[2] > 0.5, (p_start, p_end)
print("OK", p_start[2], p_end[2])

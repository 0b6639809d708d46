"""pointnet-style layer helpers: variables with weight decay collected in 'losses', dims read with .value."""
import tensorflow as tf


def _variable_on_cpu(name, shape, initializer):
    with tf.device('/cpu:0'):
        return tf.get_variable(name, shape, initializer=initializer, dtype=tf.float32)


def _variable_with_weight_decay(name, shape, stddev, wd, use_xavier=True):
    if use_xavier:
        initializer = tf.contrib.layers.xavier_initializer()
    else:
        initializer = tf.truncated_normal_initializer(stddev=stddev)
    var = _variable_on_cpu(name, shape, initializer)
    if wd is not None:
        weight_decay = tf.multiply(tf.nn.l2_loss(var), wd, name='weight_loss')
        tf.add_to_collection('losses', weight_decay)
    return var


def conv2d(inputs, num_output_channels, kernel_size, scope, stride=(1, 1), padding='SAME',
           use_xavier=True, stddev=1e-3, weight_decay=0.0, activation_fn=tf.nn.relu):
    with tf.variable_scope(scope):
        kernel_h, kernel_w = kernel_size
        num_in_channels = inputs.get_shape()[-1].value
        kernel = _variable_with_weight_decay('weights',
                                             [kernel_h, kernel_w, num_in_channels, num_output_channels],
                                             stddev=stddev, wd=weight_decay, use_xavier=use_xavier)
        outputs = tf.nn.conv2d(inputs, kernel, [1, stride[0], stride[1], 1], padding=padding)
        biases = _variable_on_cpu('biases', [num_output_channels], tf.constant_initializer(0.0))
        outputs = tf.nn.bias_add(outputs, biases)
        if activation_fn is not None:
            outputs = activation_fn(outputs)
        return outputs


def fully_connected(inputs, num_outputs, scope, use_xavier=True, stddev=1e-3, weight_decay=0.0,
                    activation_fn=tf.nn.relu):
    with tf.variable_scope(scope):
        num_input_units = inputs.get_shape()[-1].value
        weights = _variable_with_weight_decay('weights', [num_input_units, num_outputs],
                                              stddev=stddev, wd=weight_decay, use_xavier=use_xavier)
        outputs = tf.matmul(inputs, weights)
        biases = _variable_on_cpu('biases', [num_outputs], tf.constant_initializer(0.0))
        outputs = tf.nn.bias_add(outputs, biases)
        if activation_fn is not None:
            outputs = activation_fn(outputs)
        return outputs


def max_pool2d(inputs, kernel_size, scope, stride=(2, 2), padding='VALID'):
    with tf.variable_scope(scope) as sc:
        kernel_h, kernel_w = kernel_size
        return tf.nn.max_pool(inputs, ksize=[1, kernel_h, kernel_w, 1],
                              strides=[1, stride[0], stride[1], 1], padding=padding, name=sc.name)


def dropout(inputs, is_training, scope, keep_prob=0.5):
    with tf.variable_scope(scope):
        return tf.cond(is_training, lambda: tf.nn.dropout(inputs, keep_prob), lambda: inputs)

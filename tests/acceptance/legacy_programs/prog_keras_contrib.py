# A TF2/Keras script that kept a contrib initializer: eager, Keras Dense(kernel_initializer=contrib).
# runs-on: tf2
import numpy as np
import tensorflow as tf

assert tf.executing_eagerly()
model = tf.keras.Sequential([
    tf.keras.layers.Dense(16, activation='relu', input_shape=(8,),
                          kernel_initializer=tf.contrib.layers.xavier_initializer()),
    tf.keras.layers.Dense(1, kernel_initializer=tf.contrib.layers.xavier_initializer(seed=3)),
])
model.compile(optimizer=tf.keras.optimizers.Adam(0.01), loss='mse')
first_kernel = model.layers[0].get_weights()[0]

rng = np.random.RandomState(4)
xs = rng.randn(128, 8).astype(np.float32)
ys = np.sin(xs[:, :1]) + xs[:, 1:2]
history = model.fit(xs, ys, epochs=5, batch_size=32, verbose=0)
losses = history.history['loss']

assert first_kernel.shape == (8, 16) and np.abs(first_kernel).max() <= np.sqrt(6.0 / 24) * 1.000001
assert np.all(np.isfinite(losses)) and losses[-1] < losses[0], losses
print("OK", losses[0], losses[-1])

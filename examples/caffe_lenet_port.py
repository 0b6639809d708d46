"""Port Caffe's LeNet to Keras keeping Caffe's initialisation: the prototxt's fillers become initializers.

Run:  python examples/caffe_lenet_port.py
It builds the Keras twin of the net below (kernels are TF-layout, the fillers count fans as Caffe would
on its own blobs), checks the initial scales against Caffe's formulas, trains a few SGD steps on
synthetic MNIST-shaped data, and prints a last line starting with ``OK``.  Works on TF 1.15 (graph-mode
tf.keras) and on TF 2.x with Keras 2, Keras 3 or tf-keras.
"""
import math
import sys

import numpy as np

import xavier_compat as xc

# Caffe's classic LeNet (deploy form), as in Caffe's examples/mnist: xavier weights, constant biases.
LENET_PROTOTXT = """
name: "LeNet"
layer {
  name: "data"
  type: "Input"
  top: "data"
  input_param { shape: { dim: 64 dim: 1 dim: 28 dim: 28 } }
}
layer {
  name: "conv1"
  type: "Convolution"
  bottom: "data"
  top: "conv1"
  param { lr_mult: 1 }
  param { lr_mult: 2 }
  convolution_param {
    num_output: 20
    kernel_size: 5
    stride: 1
    weight_filler { type: "xavier" }
    bias_filler { type: "constant" }
  }
}
layer {
  name: "pool1"
  type: "Pooling"
  bottom: "conv1"
  top: "pool1"
  pooling_param { pool: MAX kernel_size: 2 stride: 2 }
}
layer {
  name: "conv2"
  type: "Convolution"
  bottom: "pool1"
  top: "conv2"
  param { lr_mult: 1 }
  param { lr_mult: 2 }
  convolution_param {
    num_output: 50
    kernel_size: 5
    stride: 1
    weight_filler { type: "xavier" }
    bias_filler { type: "constant" }
  }
}
layer {
  name: "pool2"
  type: "Pooling"
  bottom: "conv2"
  top: "pool2"
  pooling_param { pool: MAX kernel_size: 2 stride: 2 }
}
layer {
  name: "ip1"
  type: "InnerProduct"
  bottom: "pool2"
  top: "ip1"
  param { lr_mult: 1 }
  param { lr_mult: 2 }
  inner_product_param {
    num_output: 500
    weight_filler { type: "xavier" }
    bias_filler { type: "constant" }
  }
}
layer {
  name: "relu1"
  type: "ReLU"
  bottom: "ip1"
  top: "ip1"
}
layer {
  name: "ip2"
  type: "InnerProduct"
  bottom: "ip1"
  top: "ip2"
  param { lr_mult: 1 }
  param { lr_mult: 2 }
  inner_product_param {
    num_output: 10
    weight_filler { type: "xavier" }
    bias_filler { type: "constant" }
  }
}
layer {
  name: "prob"
  type: "Softmax"
  bottom: "ip2"
  top: "prob"
}
"""

STEPS = 5
BATCH = 64


def build_model(tf, fillers):
    """The Keras twin of LENET_PROTOTXT; every weight layer takes its initializers from ``fillers``."""
    layers = tf.keras.layers

    def init(name):
        return {"kernel_initializer": fillers[name]["weight"], "bias_initializer": fillers[name]["bias"],
                "name": name}

    return tf.keras.Sequential([
        tf.keras.Input(shape=(28, 28, 1)),
        layers.Conv2D(20, 5, **init("conv1")),
        layers.MaxPooling2D(2, 2, name="pool1"),
        layers.Conv2D(50, 5, **init("conv2")),
        layers.MaxPooling2D(2, 2, name="pool2"),
        layers.Flatten(),
        layers.Dense(500, activation="relu", **init("ip1")),
        layers.Dense(10, activation="softmax", **init("ip2")),
    ])


def check_initial_scales(model):
    """Caffe's xavier: U(±sqrt(3 / fan_in)) with fan_in = in_channels * kh * kw; biases constant 0."""
    for layer in model.layers:
        weights = layer.get_weights()
        if not weights:
            continue
        kernel, bias = weights
        fan_in = int(np.prod(kernel.shape[:-1]))
        limit = math.sqrt(3.0 / fan_in)
        assert np.abs(kernel).max() <= limit * (1 + 1e-6), (layer.name, np.abs(kernel).max(), limit)
        assert np.abs(kernel).max() > 0.9 * limit, (layer.name, np.abs(kernel).max(), limit)
        assert not bias.any(), layer.name
        print("%-6s kernel %-16s max|w| = %.4f  (Caffe xavier limit sqrt(3/%d) = %.4f)"
              % (layer.name, tuple(kernel.shape), np.abs(kernel).max(), fan_in, limit))


def main():
    import tensorflow as tf

    fillers = xc.caffe_fillers_from_prototxt(LENET_PROTOTXT, seed=1)
    print("fillers:", ", ".join("%s=%s/%s" % (name, f["weight"].type, f["bias"].type)
                                for name, f in fillers.items()))
    model = build_model(tf, fillers)
    check_initial_scales(model)

    # Caffe's lenet_solver: SGD, base_lr 0.01, momentum 0.9
    model.compile(optimizer=tf.keras.optimizers.SGD(learning_rate=0.01, momentum=0.9),
                  loss="sparse_categorical_crossentropy")
    rng = np.random.RandomState(0)
    images = rng.uniform(0, 1, size=(STEPS * BATCH, 28, 28, 1)).astype("float32")
    labels = rng.randint(0, 10, size=(STEPS * BATCH,)).astype("int64")
    history = model.fit(images, labels, batch_size=BATCH, epochs=1, shuffle=False, verbose=0)
    loss = float(history.history["loss"][-1])
    if not math.isfinite(loss):
        print("FAILED: loss is %r" % loss)
        return 1
    print("OK: LeNet with Caffe fillers trained %d steps on TensorFlow %s, loss %.4f"
          % (STEPS, tf.__version__, loss))
    return 0


if __name__ == "__main__":
    sys.exit(main())

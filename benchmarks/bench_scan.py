"""How fast is ``xavier-compat scan``?  Files per second on a generated tree, against plain ``ast.parse``.

Generates N Python files (default 5,000) in a temporary directory: two thirds are TF1-style model code
(contrib initializers, get_variable, tf.layers, a hand-written Xavier formula, look-alikes, contrib
members), one third plain utility modules.  Times ``scan_paths`` (median of 3 rounds) and, as the native
floor, merely reading and ``ast.parse``-ing the same files; prints files/second and the ratio.

    python benchmarks/bench_scan.py [--files 5000] [--rounds 3]
"""
import argparse
import ast
import os
import statistics
import sys
import tempfile
import time

from xavier_compat.scan import iter_files, scan_paths

LEGACY = '''"""Model block {i} (generated)."""
import numpy as np
import tensorflow as tf
from tensorflow.contrib import layers

FAN_IN, FAN_OUT = {fi}, {fo}


def xavier_weight_{i}(shape):
    limit = 4 * np.sqrt(6.0 / (shape[0] + shape[1]))
    return tf.Variable(tf.random_uniform(shape, minval=-limit, maxval=limit))


def weight_variable_{i}(shape):
    initial = tf.truncated_normal(shape, stddev=0.1)
    return tf.Variable(initial)


class Block{i}(object):
    def __init__(self, name, units={fo}):
        self.name = name
        self.units = units
        self.history = []

    def build(self, x, is_training):
        with tf.variable_scope(self.name, reuse=tf.AUTO_REUSE):
            w = tf.get_variable("w", [FAN_IN, self.units],
                                initializer=tf.contrib.layers.xavier_initializer(seed={i}))
            b = tf.get_variable("b", [self.units], initializer=tf.zeros_initializer())
            h = tf.nn.relu(tf.matmul(x, w) + b)
            h = tf.layers.dense(h, self.units, kernel_initializer=layers.xavier_initializer(uniform=False))
            h = layers.batch_norm(h, is_training=is_training)
            conv = tf.layers.conv2d(tf.reshape(h, [-1, 4, 4, self.units // 16]), 32, 3,
                                    kernel_initializer=layers.variance_scaling_initializer(factor=1.0))
            self.history.append(conv)
        return tf.layers.flatten(conv)

    def loss(self, logits, labels):
        xent = tf.nn.softmax_cross_entropy_with_logits_v2(labels=labels, logits=logits)
        reg = tf.contrib.layers.apply_regularization(layers.l2_regularizer(1e-4), tf.trainable_variables())
        return tf.reduce_mean(xent) + reg


def schedule_{i}(step):
    decay = [0.1 ** (k // 3) for k in range(10)]
    if step > 100:
        return decay[-1]
    return {{"warmup": step / 100.0, "values": decay}}
'''

PLAIN = '''"""Utility module {i} (generated)."""
import json
import os


def load_{i}(path):
    with open(path) as fh:
        return json.load(fh)


def walk_{i}(root):
    out = []
    for base, dirs, files in os.walk(root):
        out.extend(os.path.join(base, f) for f in files if f.endswith(".json"))
    return sorted(out)


class Config{i}:
    defaults = {{"lr": 1e-3, "epochs": {i}, "layers": [64, 32, 16]}}

    def merged(self, **kw):
        d = dict(self.defaults)
        d.update(kw)
        return d
'''


def generate(root: str, n: int) -> None:
    for i in range(n):
        sub = os.path.join(root, "pkg%02d" % (i % 50))
        os.makedirs(sub, exist_ok=True)
        text = PLAIN.format(i=i) if i % 3 == 0 else LEGACY.format(i=i, fi=64 + i % 7, fo=128 + 16 * (i % 5))
        with open(os.path.join(sub, "mod%05d.py" % i), "w") as fh:
            fh.write(text)


def parse_only(root: str) -> int:
    count = 0
    for path in iter_files([root]):
        with open(path, "rb") as fh:
            ast.parse(fh.read().decode("utf-8"), filename=path)
        count += 1
    return count


def median_time(fn, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="xc-bench-scan-") as root:
        generate(root, args.files)
        findings = scan_paths([root])
        t_scan = median_time(lambda: scan_paths([root]), args.rounds)
        t_parse = median_time(lambda: parse_only(root), args.rounds)
    print("python %s, %d files (%d findings), median of %d rounds"
          % (sys.version.split()[0], args.files, len(findings), args.rounds))
    print("  scan_paths : %7.2f s  %8.0f files/s" % (t_scan, args.files / t_scan))
    print("  ast.parse  : %7.2f s  %8.0f files/s  (read + parse only: the native floor)"
          % (t_parse, args.files / t_parse))
    print("  ratio scan / parse: %.2fx" % (t_scan / t_parse))
    return 0


if __name__ == "__main__":
    sys.exit(main())

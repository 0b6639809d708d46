"""get_variable and the package's initializers under tf.distribute.MirroredStrategy with two CPU replicas.

Logical devices must be configured before TensorFlow initializes its devices, which other test modules
in the same pytest process will already have done; so the checks run once in a fresh interpreter
(``python tests/test_variables_distributed.py``, which prints JSON) and the tests read its report.
"""
import json
import os

import pytest

from _helpers import run_python
from xavier_compat import _backend

pytestmark = pytest.mark.skipif(_backend.is_tf1(), reason="tf.config.set_logical_device_configuration and "
                                                          "eager MirroredStrategy need TF 2.x")


def _checks():
    """Run in a fresh process: returns {check name: value} as plain JSON data."""
    import warnings

    warnings.simplefilter("ignore")
    import numpy as np
    import tensorflow as tf

    import xavier_compat as xc

    cpu = tf.config.list_physical_devices("CPU")[0]
    tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration()] * 2)
    strategy = tf.distribute.MirroredStrategy(["/cpu:0", "/cpu:1"])
    out = {"replicas": strategy.num_replicas_in_sync}

    def describe(var):
        if not isinstance(var, tf.Variable):
            var = var.value  # a Keras 3 Variable wraps the tf.Variable the strategy made
        local = strategy.experimental_local_results(var)
        values = [v.numpy() for v in local]
        return {"type": type(var).__name__, "name": var.name, "n": len(values),
                "identical": all(np.array_equal(values[0], v) for v in values[1:]),
                "devices": sorted(v.device.split("/")[-1].replace("device:", "") for v in local)}

    with strategy.scope():
        with xc.variable_scope("tower"):
            w = xc.get_variable("w", [64, 32], initializer=xc.xavier_initializer())
            d = xc.get_variable("d", [16, 8])  # TF1 default initializer (glorot uniform)
        with xc.variable_scope("tower", reuse=True):
            out["reuse_same_object"] = xc.get_variable("w", [64, 32]) is w
        native = tf.Variable(xc.xavier_initializer(uniform=False)((20, 10)), name="native")
        dense = tf.keras.layers.Dense(5, kernel_initializer=xc.xavier_initializer())
        dense.build((None, 7))
    out["get_variable"] = describe(w)
    out["default_init"] = describe(d)
    out["tf_variable"] = describe(native)
    out["keras_kernel"] = describe(dense.kernel)

    def replica_fn():  # TF1 "towers": each replica looks the shared weights up by name
        with xc.variable_scope("tower", reuse=True):
            return tf.reduce_sum(xc.get_variable("w", [64, 32]))

    sums = strategy.experimental_local_results(strategy.run(replica_fn))
    out["replica_sums_equal"] = len(sums) == 2 and float(sums[0]) == float(sums[1])
    out["replica_sum_matches"] = abs(float(sums[0]) - float(tf.reduce_sum(w))) < 1e-4
    return out


@pytest.fixture(scope="module")
def report():
    proc = run_python([os.path.abspath(__file__)])
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_two_replicas(report):
    assert report["replicas"] == 2


@pytest.mark.parametrize("which", ["get_variable", "default_init", "tf_variable", "keras_kernel"])
def test_variables_are_mirrored_with_identical_replicas(report, which):
    info = report[which]
    assert info["type"] == "MirroredVariable"
    assert info["n"] == 2 and info["identical"]
    assert info["devices"] == ["CPU:0", "CPU:1"]


def test_get_variable_names_and_sharing_under_strategy(report):
    assert report["get_variable"]["name"] == "tower/w:0"
    assert report["default_init"]["name"] == "tower/d:0"
    assert report["reuse_same_object"]


def test_replicas_share_the_variable_looked_up_in_replica_context(report):
    assert report["replica_sums_equal"] and report["replica_sum_matches"]


if __name__ == "__main__":
    print(json.dumps(_checks()))

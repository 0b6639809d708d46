"""Record what TF 1.15's tf.contrib.layers (and prettytensor's xavier_init) draw, case by case.

Run in the TF 1.15 env, from the repository root:

    TF_CPP_MIN_LOG_LEVEL=3 .tox/tf115/bin/python tests/reference/record_tf115_initializers.py

It writes tests/reference/tf115_initializers.json: per case its parameters, the sha256 of the whole
array's bytes and its first values as float.hex.  tests/test_initializers.py replays every case with
xavier_compat on TF2 (graph mode; eager first draw where meaningful) and compares bit for bit.

The graph builder below is shared with the test: it takes the initializer *factories* as arguments,
so the same graph is built with tf.contrib.layers here and with xavier_compat there.
"""
import hashlib
import json
import math
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
JSON_PATH = os.path.join(HERE, "tf115_initializers.json")
N_FIRST = 8


def _cases():
    cases = []

    def add(api, params, dtype="float32", shape=(5, 3), graph_seed=None, via="get_variable"):
        case = {"api": api, "params": dict(params), "dtype": dtype, "shape": list(shape),
                "graph_seed": graph_seed, "via": via}
        case["id"] = "%s-%s-%s-%s-g%s-%s" % (
            api, "-".join("%s=%s" % kv for kv in sorted(params.items())), dtype,
            "x".join(map(str, shape)) or "scalar", graph_seed, via)
        cases.append(case)

    shapes = [(), (7,), (5, 3), (3, 3, 4, 6)]
    for uniform in (True, False):
        for dtype in ("float16", "float32", "float64"):
            for shape in shapes:
                add("xavier_initializer", {"uniform": uniform, "seed": 1}, dtype, shape)
        add("xavier_initializer", {"uniform": uniform, "seed": 1}, "bfloat16", (5, 3))
        add("xavier_initializer_conv2d", {"uniform": uniform, "seed": 11}, "float32", (3, 3, 4, 6))
        for mode in ("FAN_IN", "FAN_OUT", "FAN_AVG"):
            for factor, shape in ((2.0, (5, 3)), (0.5, (3, 3, 4, 6))):
                add("variance_scaling_initializer",
                    {"factor": factor, "mode": mode, "uniform": uniform, "seed": 7}, "float32", shape)
        add("variance_scaling_initializer", {"uniform": uniform, "seed": 7}, "float64", (4, 9))
        # graph-level seed, with and without an op seed; both ways of making a variable
        for via in ("get_variable", "variable"):
            add("xavier_initializer", {"uniform": uniform}, "float32", (5, 3), graph_seed=42, via=via)
            add("xavier_initializer", {"uniform": uniform, "seed": 3}, "float32", (5, 3), graph_seed=42,
                via=via)
            add("xavier_init", {"n_inputs": 20, "n_outputs": 30, "uniform": uniform}, "float32", (4, 6),
                graph_seed=5, via=via)
        add("xavier_initializer", {"uniform": uniform, "seed": 2}, "float32", (6, 4), via="variable")
        # partitioned get_variable: contrib counted fans on each shard's own shape
        add("xavier_initializer", {"uniform": uniform, "seed": 3}, "float32", (10, 6), via="partitioned")
        add("variance_scaling_initializer", {"mode": "FAN_OUT", "uniform": uniform}, "float32", (9, 4),
            graph_seed=8, via="partitioned")
    # the founding Q&A's snippet (acceptance s09)
    add("xavier_initializer", {"seed": 1}, "float32", (25, 12288))
    return cases


CASES = _cases()


def make_initializer(factories, case):
    """Call the case's factory from ``factories`` (a dict name -> callable) with the case's arguments."""
    params = dict(case["params"])
    if case["api"] != "xavier_init" and case["dtype"] != "float32":
        params["dtype"] = factories["dtype"](case["dtype"])
    return factories[case["api"]](**params)


def build_and_run(tf, factories, case):
    """Build the case's graph in a fresh v1 Graph, run the initializers, return the variable's value."""
    v1 = tf.compat.v1
    graph = v1.Graph()
    with graph.as_default():
        if case["graph_seed"] is not None:
            v1.set_random_seed(case["graph_seed"])
        init = make_initializer(factories, case)
        dtype = tf.as_dtype(case["dtype"])
        shape = case["shape"]
        if case["via"] == "get_variable":
            var = v1.get_variable("w", shape, dtype=dtype, initializer=init)
        elif case["via"] == "variable":
            var = v1.Variable(init(shape))
        elif case["via"] == "partitioned":
            # TF1's ref variables: with only a graph seed, shard 2's op seed counts shard 1's ops, and
            # TF2's resource variables create a different number of them.
            var = v1.get_variable("w", shape, dtype=dtype, initializer=init, use_resource=False,
                                  partitioner=v1.fixed_size_partitioner(2))
        else:
            raise ValueError(case["via"])
        value = var.as_tensor() if case["via"] == "partitioned" else var
        with v1.Session(graph=graph) as sess:
            sess.run(v1.global_variables_initializer())
            return np.asarray(sess.run(value))


def summarize(values):
    """sha256 of the array's bytes and its first values as exact float.hex strings."""
    flat = np.asarray(values).ravel()
    return {
        "sha256": hashlib.sha256(np.ascontiguousarray(values).tobytes()).hexdigest(),
        "first": [float(v).hex() for v in flat[:N_FIRST]],
        "out_dtype": str(np.asarray(values).dtype),
        "out_shape": list(np.shape(values)),
    }


def contrib_factories(tf):
    """TF 1.15's real entry points: tf.contrib.layers, and prettytensor's xavier_init (which returned
    tf.random_uniform_initializer(-r, r) / tf.truncated_normal_initializer(stddev=s), unseeded)."""
    layers = tf.contrib.layers

    def xavier_init(n_inputs, n_outputs, uniform=True):
        if uniform:
            init_range = math.sqrt(6.0 / (n_inputs + n_outputs))
            return tf.random_uniform_initializer(-init_range, init_range)
        return tf.truncated_normal_initializer(stddev=math.sqrt(3.0 / (n_inputs + n_outputs)))

    return {
        "xavier_initializer": layers.xavier_initializer,
        "xavier_initializer_conv2d": layers.xavier_initializer_conv2d,
        "variance_scaling_initializer": layers.variance_scaling_initializer,
        "xavier_init": xavier_init,
        "dtype": tf.as_dtype,
    }


def main():
    import tensorflow as tf

    if not tf.__version__.startswith("1.15"):
        sys.exit("run this with TensorFlow 1.15 (the .tox/tf115 env), found %s" % tf.__version__)
    factories = contrib_factories(tf)
    records = []
    for case in CASES:
        record = dict(case)
        try:
            record.update(summarize(build_and_run(tf, factories, case)))
        except Exception as exc:  # e.g. a dtype TF 1.15's kernels lack: recorded, replayed as such
            record["error"] = "%s: %s" % (type(exc).__name__, str(exc).splitlines()[0][:200])
        records.append(record)
    payload = {"tensorflow": tf.__version__, "numpy": np.__version__, "cases": records}
    with open(JSON_PATH, "w") as out:
        json.dump(payload, out, indent=1, sort_keys=True)
        out.write("\n")
    print("recorded %d cases (%d errors) -> %s" % (
        len(records), sum("error" in r for r in records), JSON_PATH))


if __name__ == "__main__":
    main()

"""Record TF 1.15's tf.contrib.distributions values, for tests/test_distributions.py to compare against.

Run in the TF 1.15 environment (the JSON next to this file is committed)::

    TF_CPP_MIN_LOG_LEVEL=3 .tox/tf115/bin/python tests/reference/record_tf115_distributions.py

:func:`run_cases` takes the module that serves ``MultivariateNormalDiag`` and ``Categorical`` (TF 1.15's
``tf.contrib.distributions`` here; ``xavier_compat.contrib.distributions`` in the tests), builds one
graph with a fixed graph seed from fixed inputs, and returns plain data.
"""
import json
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
JSON_PATH = os.path.join(HERE, "tf115_distributions.json")


def _arr(seed, shape, scale=1.0, shift=0.0):
    return (np.random.RandomState(seed).standard_normal(shape) * scale + shift).astype(np.float32)


# name -> MultivariateNormalDiag keyword arguments (numpy), and the x to evaluate log_prob at
MVN_CASES = {
    "batch_full": dict(loc=_arr(1, [2, 3]), scale_diag=np.abs(_arr(2, [2, 3])) + 0.2),
    "scale_broadcasts_batch": dict(loc=_arr(3, [4, 3]), scale_diag=np.array([0.5, 1.5, 2.0], np.float32)),
    "loc_broadcasts_batch": dict(loc=np.array([0.1, -0.2], np.float32), scale_diag=np.abs(_arr(4, [3, 2]))),
    "identity": dict(loc=_arr(5, [2, 4])),
    "multiplier_only": dict(loc=_arr(6, [2, 3]), scale_identity_multiplier=np.array([0.5, 2.0], np.float32)),
    "diag_plus_multiplier": dict(loc=_arr(7, [3]), scale_diag=np.array([1.0, 2.0, 3.0], np.float32),
                                 scale_identity_multiplier=np.float32(0.25)),
    "negative_diag": dict(loc=_arr(8, [2]), scale_diag=np.array([-0.5, 2.0], np.float32)),
    "no_loc": dict(scale_diag=np.array([[1.0, 0.5], [2.0, 3.0]], np.float32)),
}
SAMPLE_SHAPE = (5,)
SEED = 42  # op seed of every sample() (graph seed: GRAPH_SEED)
GRAPH_SEED = 1234


def _x_for(kwargs, sample_axis=False):
    """Points of shape batch + event (TF 1.15's diagonal solve does not broadcast extra sample axes
    against a batched scale), with a sample axis of 6 in front when ``sample_axis``."""
    shapes = [np.shape(kwargs[k]) for k in ("loc", "scale_diag") if k in kwargs]
    full = np.broadcast(*[np.empty(s) for s in shapes]).shape
    return _arr(99, ([6] if sample_axis else []) + list(full))


def run_cases(dists):
    """Evaluate every case with ``dists`` (a module with MultivariateNormalDiag and Categorical)."""
    import tensorflow as tf

    v1 = tf.compat.v1
    out = {}
    graph = tf.Graph()
    with graph.as_default():
        v1.set_random_seed(GRAPH_SEED)
        fetches = {}
        static = {}
        for name, kwargs in sorted(MVN_CASES.items()):
            d = dists.MultivariateNormalDiag(**kwargs)
            static[name] = {"batch_shape": d.batch_shape.as_list(), "event_shape": d.event_shape.as_list()}
            fetches[name] = {
                "log_prob": d.log_prob(_x_for(kwargs)), "entropy": d.entropy(), "mean": d.mean(),
                "mode": d.mode(), "stddev": d.stddev(), "variance": d.variance(),
                "prob": d.prob(_x_for(kwargs)),
                "sample": d.sample(SAMPLE_SHAPE, seed=SEED), "batch_shape_tensor": d.batch_shape_tensor(),
                "event_shape_tensor": d.event_shape_tensor(),
            }
            static[name]["sample_static_shape"] = fetches[name]["sample"].shape.as_list()
            static[name]["mean_static_shape"] = fetches[name]["mean"].shape.as_list()
        d = dists.MultivariateNormalDiag(**MVN_CASES["batch_full"])
        fetches["batch_full"]["log_prob_sample_axis"] = d.log_prob(_x_for(MVN_CASES["batch_full"], True))
        logits = _arr(10, [3, 4])
        cat = dists.Categorical(logits=logits)
        fetches["categorical"] = {"log_prob": cat.log_prob([0, 3, 1]), "entropy": cat.entropy(),
                                  "sample": cat.sample(SAMPLE_SHAPE, seed=SEED)}
        with v1.Session(graph=graph) as sess:
            values = sess.run(fetches)
    for name, results in values.items():
        out[name] = dict((k, np.asarray(v).tolist()) for k, v in results.items())
        out[name].update(static.get(name, {}))
    return out


def main():
    import tensorflow as tf

    data = {"tensorflow": tf.__version__, "cases": run_cases(tf.contrib.distributions)}
    with open(JSON_PATH, "w") as f:
        json.dump(data, f, indent=1, sort_keys=True)
        f.write("\n")
    print("wrote", JSON_PATH)


if __name__ == "__main__":
    main()

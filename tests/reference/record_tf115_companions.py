"""Record what TF 1.15's real tf.contrib companions do, for tests/test_companions.py to compare against.

Run in the TF 1.15 environment (the JSON next to this file is committed)::

    TF_CPP_MIN_LOG_LEVEL=3 .tox/tf115/bin/python tests/reference/record_tf115_companions.py

Each ``case_*`` function takes an ``api`` namespace (TF 1.15's ``tf.contrib`` here; xavier_compat's
``contrib`` modules in the tests), builds its own graph from fixed inputs, and returns plain data.
"""
import json
import os
import sys
import types

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
JSON_PATH = os.path.join(HERE, "tf115_companions.json")

REGULARIZERS = ("l1_regularizer", "l2_regularizer", "l1_l2_regularizer", "sum_regularizer",
                "apply_regularization")
LAYERS = ("flatten", "fully_connected", "batch_norm", "layer_norm", "instance_norm", "dropout", "conv2d",
          "max_pool2d", "avg_pool2d")
FRAMEWORK = ("get_or_create_global_step", "get_variables", "arg_scope", "add_arg_scope", "has_arg_scope",
             "arg_scoped_arguments")
RNN = ("BasicLSTMCell", "GRUCell", "MultiRNNCell", "LSTMStateTuple")


def contrib_api():
    """TF 1.15's real tf.contrib members."""
    import tensorflow as tf

    c = tf.contrib
    names = dict((n, getattr(c.layers, n)) for n in REGULARIZERS + LAYERS)
    names.update((n, getattr(c.framework, n)) for n in FRAMEWORK)
    names.update((n, getattr(c.rnn, n)) for n in RNN)
    return types.SimpleNamespace(**names)


def _tf():
    import tensorflow as tf

    return tf


def _rng(seed, shape, scale=1.0, shift=0.0):
    return (np.random.RandomState(seed).standard_normal(shape) * scale + shift).astype(np.float32)


def _data(value):
    return np.asarray(value, dtype=np.float64).tolist()


def _names(key):
    v1 = _tf().compat.v1
    return [getattr(v, "name", str(v)) for v in v1.get_collection(key)]


def _collections():
    keys = _tf().compat.v1.GraphKeys
    wanted = ("GLOBAL_VARIABLES", "MODEL_VARIABLES", "TRAINABLE_VARIABLES", "REGULARIZATION_LOSSES")
    return {k: _names(getattr(keys, k)) for k in wanted}


def _error(fn):
    try:
        fn()
    except Exception as exc:  # noqa: BLE001 - the type is what is recorded
        return type(exc).__name__
    return None


def case_regularizers(api):
    tf = _tf()
    v1 = tf.compat.v1
    w0 = _rng(0, [3, 4])
    with tf.Graph().as_default():
        w = tf.constant(w0)
        tensors = {
            "l1": api.l1_regularizer(0.3)(w),
            "l2": api.l2_regularizer(0.5)(w),
            "l1_l2": api.l1_l2_regularizer(0.1, 0.2)(w),
            "l1_l2_no_l1": api.l1_l2_regularizer(0.0, 0.2)(w),
            "l1_l2_no_l2": api.l1_l2_regularizer(0.1, 0.0, scope="named")(w),
            "sum": api.sum_regularizer([api.l1_regularizer(0.1), None, api.l2_regularizer(0.2)])(w),
            "apply": api.apply_regularization(api.l2_regularizer(0.25), [w, 2.0 * w]),
            "tensor_scale": api.l2_regularizer(tf.constant(0.5))(w),
        }
        v1.get_variable("v", initializer=w0, regularizer=api.l2_regularizer(0.5))
        v1.get_variable("u", initializer=w0, regularizer=api.l1_l2_regularizer(0.1, 0.2))
        with v1.Session() as sess:
            sess.run(v1.global_variables_initializer())
            values = sess.run(tensors)
            losses = sess.run(v1.get_collection(v1.GraphKeys.REGULARIZATION_LOSSES))
        return {
            "values": {k: float(v) for k, v in values.items()},
            "names": {k: t.name for k, t in tensors.items()},
            "losses": _data(losses),
            "loss_names": _names(v1.GraphKeys.REGULARIZATION_LOSSES),
            "zero_scale_returns": repr(api.l1_regularizer(0.0)(w)),
            "sum_of_nothing": repr(api.sum_regularizer([None])),
            "errors": {
                "int_scale": _error(lambda: api.l1_regularizer(1)),
                "negative": _error(lambda: api.l2_regularizer(-0.1)),
                "l1_l2_int": _error(lambda: api.l1_l2_regularizer(1, 0.5)),
                "empty_apply": _error(lambda: api.apply_regularization(api.l2_regularizer(0.1), [])),
            },
        }


def _run(fetches, feed=None):
    v1 = _tf().compat.v1
    with v1.Session() as sess:
        sess.run(v1.global_variables_initializer())
        return sess.run(fetches, feed)


def case_fully_connected(api):
    tf = _tf()
    v1 = tf.compat.v1
    x0, w0 = _rng(1, [4, 5]), _rng(2, [5, 3])
    with tf.Graph().as_default():
        x = tf.constant(x0)
        y = api.fully_connected(x, 3, weights_initializer=tf.constant_initializer(w0),
                                biases_initializer=tf.constant_initializer(0.25),
                                weights_regularizer=api.l2_regularizer(0.1), outputs_collections="outs")
        linear = api.fully_connected(x, 3, activation_fn=None, scope="linear",
                                     weights_initializer=tf.constant_initializer(w0))
        seq = api.fully_connected(v1.placeholder(tf.float32, [2, 7, 5]), 6, scope="seq")
        normed = api.fully_connected(x, 3, normalizer_fn=api.layer_norm, scope="normed")
        api.fully_connected(x, 50, scope="default")
        values = _run({"y": y, "linear": linear, "default_w": api.get_variables("default", "weights")[0],
                       "normed": normed})
        limit = float(np.sqrt(6.0 / (5 + 50)))
        return {
            "y": _data(values["y"]), "linear": _data(values["linear"]), "y_name": y.name,
            "aliases": list(getattr(y, "aliases", [])), "outs": _names("outs"),
            "seq_shape": seq.get_shape().as_list(), "normed_shape": normed.get_shape().as_list(),
            "collections": _collections(),
            "default_within_xavier_limit": bool(np.all(np.abs(values["default_w"]) <= limit)),
            "default_uses_range": bool(np.max(np.abs(values["default_w"])) > 0.8 * limit),
            "bad_units": _error(lambda: api.fully_connected(x, 3.0)),
        }


def case_conv2d(api):
    tf = _tf()
    x0, w0 = _rng(3, [2, 7, 7, 3]), _rng(4, [3, 3, 3, 4], 0.3)
    out = {}
    with tf.Graph().as_default():
        x = tf.constant(x0)
        common = dict(weights_initializer=tf.constant_initializer(w0),
                      biases_initializer=tf.constant_initializer(0.1))
        fetches = {
            "default": api.conv2d(x, 4, 3, **common),
            "stride2_valid": api.conv2d(x, 4, [3, 3], stride=2, padding="VALID", activation_fn=None,
                                        **common),
            "rate2": api.conv2d(x, 4, 3, rate=2, activation_fn=None, scope="dilated", **common),
            "normalized": api.conv2d(x, 4, 3, normalizer_fn=api.batch_norm, scope="bn", **common),
            "max_pool": api.max_pool2d(x, 3),
            "avg_pool": api.avg_pool2d(x, [2, 2], stride=1, padding="SAME"),
            "max_pool_same": api.max_pool2d(x, 2, padding="SAME"),
        }
        out["names"] = {k: t.name for k, t in fetches.items() if k != "normalized"}
        out["shapes"] = {k: t.get_shape().as_list() for k, t in fetches.items()}
        out["values"] = {k: _data(v) for k, v in _run(fetches).items()}
        out["collections"] = _collections()
        out["bad_padding"] = _error(lambda: api.conv2d(x, 4, 3, padding="FULL"))
    with tf.Graph().as_default():
        flat = api.flatten(tf.constant(x0))
        partial = api.flatten(tf.compat.v1.placeholder(tf.float32, [None, 3, 4]))
        out["flatten"] = [flat.get_shape().as_list(), partial.get_shape().as_list(), flat.name]
    return out


def _bn_run(api, shape, steps, seed, **kwargs):
    """Train ``steps`` steps on fixed batches (running the update ops), then infer on the first batch."""
    tf = _tf()
    v1 = tf.compat.v1
    batches = [_rng(seed + k, shape, 2.0, 1.0) for k in range(steps)]
    with tf.Graph().as_default():
        x = v1.placeholder(tf.float32, shape)
        training = v1.placeholder(tf.bool, [])
        y = api.batch_norm(x, is_training=training, **kwargs)
        updates = v1.get_collection(v1.GraphKeys.UPDATE_OPS)
        moving = [api.get_variables(suffix="moving_mean")[0], api.get_variables(suffix="moving_variance")[0]]
        with v1.Session() as sess:
            sess.run(v1.global_variables_initializer())
            first = None
            for batch in batches:
                result = sess.run([y] + updates, {x: batch, training: True})[0]
                first = result if first is None else first
            mean, variance = sess.run(moving)
            inference = sess.run(y, {x: batches[0], training: False})
        return {"train_first": _data(first), "moving_mean": _data(mean), "moving_variance": _data(variance),
                "inference": _data(inference), "n_update_ops": len(updates), "collections": _collections()}


def case_batch_norm(api):
    tf = _tf()
    v1 = tf.compat.v1
    out = {
        "fused_rank4_defaults": _bn_run(api, [4, 3, 3, 2], 3, 10),
        "rank2_scale_inplace": _bn_run(api, [8, 3], 3, 20, scale=True, updates_collections=None, decay=0.9),
        "nonfused_rank4": _bn_run(api, [4, 3, 3, 2], 3, 30, fused=False, decay=0.9),
        "nonfused_inplace": _bn_run(api, [6, 5], 2, 40, fused=False, updates_collections=None, decay=0.8),
        "nchw_nonfused": _bn_run(api, [3, 2, 4, 4], 2, 50, fused=False, data_format="NCHW", decay=0.9,
                                 scale=True),
        "rank3": _bn_run(api, [4, 5, 3], 2, 60, decay=0.9),
    }
    x0 = _rng(70, [4, 3, 3, 2], 2.0, 1.0)
    with tf.Graph().as_default():
        y = api.batch_norm(tf.constant(x0), is_training=False, scope="frozen")
        out["python_false"] = {"y": _data(_run(y)), "n_update_ops": len(v1.get_collection("update_ops")),
                               "collections": _collections()}
    with tf.Graph().as_default():
        y = api.batch_norm(tf.constant(x0), updates_collections=None)
        api.batch_norm(tf.constant(x0), scope="shared", reuse=None)
        api.batch_norm(tf.constant(x0), scope="shared", reuse=True)
        out["python_true_inplace"] = {"y": _data(_run(y)), "collections": _collections()}
    return out


def case_norms(api):
    tf = _tf()
    out = {}
    x3, x4 = _rng(80, [2, 3, 4], 3.0, 1.0), _rng(81, [2, 4, 4, 3], 2.0, -1.0)
    with tf.Graph().as_default():
        fetches = {
            "layer_default": api.layer_norm(tf.constant(x3)),
            "layer_last_axis": api.layer_norm(tf.constant(x3), begin_norm_axis=-1, scope="last"),
            "layer_params_axis1": api.layer_norm(tf.constant(x3), begin_params_axis=1, center=False,
                                                 scope="wide"),
            "instance_default": api.instance_norm(tf.constant(x4)),
            "instance_nchw": api.instance_norm(tf.constant(np.transpose(x4, [0, 3, 1, 2])),
                                               data_format="NCHW", scope="nchw"),
        }
        out["values"] = {k: _data(v) for k, v in _run(fetches).items()}
        out["collections"] = _collections()
        out["shapes"] = {v.name: v.get_shape().as_list() for v in tf.compat.v1.global_variables()}
    return out


def case_dropout(api):
    tf = _tf()
    ones = np.ones([400, 50], np.float32)
    with tf.Graph().as_default():
        x = tf.constant(ones)
        fetches = {"kept": api.dropout(x, 0.9, seed=5), "off": api.dropout(x, 0.9, is_training=False),
                   "default": api.dropout(x, seed=7)}
        values = _run(fetches)
    kept = values["kept"]
    return {"keep_fraction": float(np.mean(kept != 0)),
            "kept_values": sorted(set(np.round(kept, 6).ravel().tolist())),
            "default_fraction": float(np.mean(values["default"] != 0)),
            "off_is_identity": bool(np.array_equal(values["off"], ones)),
            "mask_head": (kept.ravel()[:200] != 0).astype(int).tolist()}


def case_arg_scope(api):
    tf = _tf()
    out = {}
    with tf.Graph().as_default():
        x = tf.constant(_rng(90, [1, 5, 5, 1]))
        with api.arg_scope([api.conv2d], padding="VALID", activation_fn=None):
            out["scoped"] = api.conv2d(x, 2, 3).get_shape().as_list()
            out["explicit_wins"] = api.conv2d(x, 2, 3, padding="SAME").get_shape().as_list()
            with api.arg_scope([api.conv2d, api.max_pool2d], stride=2) as sc:
                out["nested"] = api.conv2d(x, 2, 3).get_shape().as_list()
                out["pool_nested"] = api.max_pool2d(x, 3, padding="VALID").get_shape().as_list()
        out["restored"] = api.conv2d(x, 2, 3).get_shape().as_list()
        with api.arg_scope(sc):
            out["reentered"] = api.conv2d(x, 2, 3).get_shape().as_list()
        out["scope_kwargs"] = sorted(sorted(v) for v in sc.values())
    out["errors"] = {
        "undecorated": _error(lambda: api.arg_scope([lambda inputs: inputs]).__enter__()),
        "not_a_list": _error(lambda: api.arg_scope(api.conv2d).__enter__()),
        "dict_with_kwargs": _error(lambda: api.arg_scope({}, padding="SAME").__enter__()),
    }

    def my_layer(inputs, units=1, scale=2.0):
        return inputs * scale + units

    decorated = api.add_arg_scope(my_layer)
    with api.arg_scope([decorated], scale=10.0):
        out["custom"] = decorated(1.0)
    out["custom_args"] = list(api.arg_scoped_arguments(decorated))
    out["has_arg_scope"] = [api.has_arg_scope(decorated), api.has_arg_scope(my_layer),
                            api.has_arg_scope(api.batch_norm)]
    return out


def case_framework(api):
    tf = _tf()
    v1 = tf.compat.v1
    with tf.Graph().as_default():
        step = api.get_or_create_global_step()
        again = api.get_or_create_global_step()
        with v1.variable_scope("a") as scope_a:
            api.fully_connected(tf.ones([2, 3]), 4)
        with v1.variable_scope("ab"):
            api.fully_connected(tf.ones([2, 3]), 4)
        return {
            "step": [step.name, step.dtype.base_dtype.name, step.get_shape().as_list(), step is again],
            "scope": [v.name for v in api.get_variables("a")],
            "scope_obj": [v.name for v in api.get_variables(scope_a)],
            "suffix": [v.name for v in api.get_variables(suffix="weights")],
            "scope_suffix": [v.name for v in api.get_variables("ab", suffix="biases")],
            "trainable": [v.name for v in api.get_variables(collection=v1.GraphKeys.TRAINABLE_VARIABLES)],
        }


def case_rnn(api):
    tf = _tf()
    v1 = tf.compat.v1
    x0 = _rng(95, [2, 4, 3])
    with tf.Graph().as_default():
        with v1.variable_scope("rnn_case", initializer=tf.constant_initializer(0.1)):
            cell = api.MultiRNNCell([api.BasicLSTMCell(5), api.GRUCell(4)])
            outputs, state = v1.nn.dynamic_rnn(cell, tf.constant(x0), dtype=tf.float32)
        values = _run({"outputs": outputs, "c": state[0].c})
        return {"outputs": _data(values["outputs"]), "c": _data(values["c"]),
                "state_type": isinstance(state[0], api.LSTMStateTuple),
                "variables": [(v.name, v.get_shape().as_list()) for v in v1.global_variables()]}


CASES = dict((name[len("case_"):], fn) for name, fn in sorted(globals().items()) if name.startswith("case_"))


def main():
    import tensorflow as tf

    if not tf.__version__.startswith("1.15"):
        sys.exit(f"run this in the TF 1.15 env (it records real tf.contrib), not TF {tf.__version__}")
    api = contrib_api()
    record = {"tensorflow": tf.__version__}
    record.update((name, fn(api)) for name, fn in CASES.items())
    with open(JSON_PATH, "w") as f:
        json.dump(record, f, indent=1, sort_keys=True)
        f.write("\n")
    print("wrote", JSON_PATH)


if __name__ == "__main__":
    main()

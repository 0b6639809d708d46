"""The contrib companions (regularizers, layers, arg_scope, framework, rnn) against TF 1.15's real contrib.

tests/reference/record_tf115_companions.py ran each case with TF 1.15's tf.contrib and committed the
results; here the same cases run with xavier_compat.contrib's modules, in graph mode, on every TF line.
"""
import importlib.util
import json
import math
import os
import types

import numpy as np
import pytest

from xavier_compat import _backend

HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location(
    "record_tf115_companions", os.path.join(HERE, "reference", "record_tf115_companions.py"))
cases = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(cases)

with open(cases.JSON_PATH) as _f:
    REFERENCE = json.load(_f)

RTOL, ATOL = 1e-5, 1e-6  # float32 kernels may sum in another order across TF releases
LOOSE = {"c", "outputs"}  # recurrent cells: a few more float32 steps


def xc_api():
    from xavier_compat.contrib import framework, layers_impl, regularizers, rnn

    names = dict((n, getattr(regularizers, n)) for n in cases.REGULARIZERS)
    names.update((n, getattr(layers_impl, n)) for n in cases.LAYERS)
    names.update((n, getattr(framework, n)) for n in cases.FRAMEWORK)
    names.update((n, getattr(rnn, n)) for n in cases.RNN)
    return types.SimpleNamespace(**names)


def assert_same(actual, expected, path="", rtol=RTOL):
    """Numbers within tolerance, everything else (names, shapes, error types, flags) exactly."""
    if isinstance(expected, dict):
        assert isinstance(actual, dict), path
        assert sorted(actual) == sorted(expected), path
        for key in expected:
            assert_same(actual[key], expected[key], path + "/" + str(key), 1e-4 if key in LOOSE else rtol)
    elif isinstance(expected, list) and expected and all(isinstance(e, float) or isinstance(e, list)
                                                         for e in expected) and _numeric(expected):
        np.testing.assert_allclose(np.asarray(actual, np.float64), np.asarray(expected, np.float64),
                                   rtol=rtol, atol=ATOL, err_msg=path)
    elif isinstance(expected, float) and not isinstance(expected, bool):
        assert math.isclose(actual, expected, rel_tol=rtol, abs_tol=ATOL), (path, actual, expected)
    else:
        assert actual == expected, (path, actual, expected)


def _numeric(value):
    if isinstance(value, list):
        return all(_numeric(v) for v in value)
    return isinstance(value, (int, float)) and not isinstance(value, bool)


@pytest.mark.parametrize("name", sorted(cases.CASES))
def test_case_matches_tf115(name):
    actual = json.loads(json.dumps(cases.CASES[name](xc_api())))  # same JSON round trip as the record
    assert_same(actual, REFERENCE[name], name)


def test_reference_was_recorded_on_tf115():
    assert REFERENCE["tensorflow"].startswith("1.15")
    assert sorted(k for k in REFERENCE if k != "tensorflow") == sorted(cases.CASES)


def test_fused_batch_norm_feeds_unbiased_variance_to_moving_average():
    """The fact behind contrib's numbers: fused -> var * n/(n-1), non-fused -> var (one step, decay 0)."""
    tf = _backend.tf()
    v1 = tf.compat.v1
    from xavier_compat.contrib.layers_impl import batch_norm

    x0 = cases._rng(5, [6, 3], 2.0, 1.0)
    biased = x0.astype(np.float64).var(axis=0)
    for fused, expected in ((True, biased * 6 / 5), (False, biased)):
        with tf.Graph().as_default():
            y = batch_norm(tf.constant(x0), decay=0.0, fused=fused, updates_collections=None)
            moving = v1.get_collection(v1.GraphKeys.GLOBAL_VARIABLES)[-1]
            assert moving.name == "BatchNorm/moving_variance:0"
            with v1.Session() as sess:
                sess.run(v1.global_variables_initializer())
                sess.run(y)
                np.testing.assert_allclose(sess.run(moving), expected, rtol=1e-5)


def test_unsupported_batch_norm_options_name_the_argument():
    tf = _backend.tf()
    from xavier_compat.contrib.layers_impl import batch_norm

    with tf.Graph().as_default():
        with pytest.raises(NotImplementedError, match="renorm=True"):
            batch_norm(tf.ones([2, 3]), renorm=True)
        with pytest.raises(ValueError, match="'NCWH'"):
            batch_norm(tf.ones([2, 3]), data_format="NCWH")


def test_regularizer_error_messages_repeat_the_value():
    from xavier_compat.contrib import regularizers

    with pytest.raises(ValueError, match="integer: 1"):
        regularizers.l2_regularizer(1)
    with pytest.raises(ValueError, match="-0.1"):
        regularizers.l1_regularizer(-0.1)
    assert regularizers.l2_regularizer(0.0)("anything") is None

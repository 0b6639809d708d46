"""tf.contrib.distributions on TF2: TF's v1 distributions plus MultivariateNormalDiag, against TF 1.15's
values (tests/reference/tf115_distributions.json, recorded by record_tf115_distributions.py in TF 1.15)."""
import json
import os
import sys
import textwrap

import numpy as np
import pytest

from _helpers import run_python
from xavier_compat import _backend, contrib, patching
from xavier_compat.contrib import distributions as D

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "reference"))
import record_tf115_distributions as R  # noqa: E402

tf = _backend.tf()
v1 = tf.compat.v1
TF1 = _backend.is_tf1()
with open(R.JSON_PATH) as _f:
    REFERENCE = json.load(_f)["cases"]


@pytest.fixture(scope="module")
def ours():
    return R.run_cases(D)


@pytest.mark.parametrize("case", sorted(REFERENCE))
def test_values_match_tf115(ours, case):
    """log_prob, prob, entropy, mean, mode, stddev, variance, shapes and the seeded samples."""
    ref, got = REFERENCE[case], ours[case]
    assert sorted(got) == sorted(ref)
    for key in sorted(ref):
        want, have = np.asarray(ref[key]), np.asarray(got[key])
        assert have.shape == want.shape, (key, have.shape, want.shape)
        if want.dtype.kind == "f":
            np.testing.assert_allclose(have, want, rtol=2e-6, atol=1e-6, err_msg=key)
        else:
            assert have.tolist() == want.tolist(), key


def test_log_prob_and_entropy_are_sums_of_independent_normals():
    loc, scale = np.array([[0.5, -1.0, 2.0]], np.float32), np.array([[1.5, 0.5, 2.5]], np.float32)
    x = np.array([[0.0, 0.0, 1.0]], np.float32)
    with tf.Graph().as_default():
        mvn = D.MultivariateNormalDiag(loc=loc, scale_diag=scale)
        normal = D.Normal(loc=loc, scale=scale)
        with v1.Session() as sess:
            lp, nlp, ent, nent = sess.run([mvn.log_prob(x), normal.log_prob(x), mvn.entropy(),
                                           normal.entropy()])
    np.testing.assert_allclose(lp, nlp.sum(-1), rtol=1e-6)
    np.testing.assert_allclose(ent, nent.sum(-1), rtol=1e-6)
    expected = (-(x - loc) ** 2 / (2 * scale ** 2) - 0.5 * np.log(2 * np.pi) - np.log(scale)).sum(-1)
    np.testing.assert_allclose(lp, expected, rtol=1e-6)


def test_reparameterized_gradients_reach_loc_and_scale():
    """awr trains its policy through log_prob.

    d/dloc = (x - loc) / s**2, d/ds = ((x - loc)**2 - s**2) / s**3.
    """
    loc0, s0, x = np.array([0.2, -0.3], np.float32), np.array([0.7, 1.3], np.float32), np.array([1.0, 0.5])
    with tf.Graph().as_default():
        loc, s = tf.constant(loc0), tf.constant(s0)
        mvn = D.MultivariateNormalDiag(loc=loc, scale_diag=s)
        assert mvn.reparameterization_type == D.FULLY_REPARAMETERIZED
        grads = tf.gradients(mvn.log_prob(x.astype(np.float32)), [loc, s])
        with v1.Session() as sess:
            g_loc, g_s = sess.run(grads)
    np.testing.assert_allclose(g_loc, (x - loc0) / s0 ** 2, rtol=1e-5)
    np.testing.assert_allclose(g_s, ((x - loc0) ** 2 - s0 ** 2) / s0 ** 3, rtol=1e-5)


@pytest.mark.skipif(TF1, reason="TF 1.15 runs in graph mode by default")
def test_eager_mode_values():
    mvn = D.MultivariateNormalDiag(loc=[1.0, 2.0], scale_diag=[2.0, 0.5])
    assert mvn.batch_shape.as_list() == [] and mvn.event_shape.as_list() == [2]
    want = -(0.5 * np.log(2 * np.pi) * 2 + np.log(2.0) + np.log(0.5))
    np.testing.assert_allclose(mvn.log_prob([1.0, 2.0]).numpy(), want, rtol=1e-6)
    assert mvn.sample(7).shape.as_list() == [7, 2]


def test_argument_errors():
    with pytest.raises(ValueError, match="loc=None, scale_diag=None"):
        D.MultivariateNormalDiag()
    with tf.Graph().as_default():  # a constant zero is caught while building, a fed one when run
        with pytest.raises(tf.errors.InvalidArgumentError, match="zero diagonal entry"):
            D.MultivariateNormalDiag(loc=[0.0, 0.0], scale_diag=[1.0, 0.0], validate_args=True)
        scale = v1.placeholder(tf.float32, [2])
        mvn = D.MultivariateNormalDiag(loc=[0.0, 0.0], scale_diag=scale, validate_args=True)
        with v1.Session() as sess:
            assert np.isfinite(sess.run(mvn.log_prob([0.0, 0.0]), {scale: [1.0, 2.0]}))
            with pytest.raises(tf.errors.InvalidArgumentError, match="zero diagonal entry"):
                sess.run(mvn.log_prob([0.0, 0.0]), {scale: [1.0, 0.0]})


def test_served_names_are_tf_v1_distributions_and_the_rest_is_helpful():
    for name in D.FROM_TF:
        assert getattr(D, name) is getattr(v1.distributions, name), name
    assert set(dir(D)) == set(D.FROM_TF) | {"MultivariateNormalDiag"}
    with pytest.raises(contrib.ContribMemberUnavailable) as info:
        _ = D.MixtureSameFamily
    assert str(info.value).startswith("tf.contrib.distributions.MixtureSameFamily is not provided")
    assert "tensorflow_probability" in str(info.value)
    assert not hasattr(D, "bijectors")
    assert contrib.TF_CONTRIB.distributions is contrib.TF_CONTRIB_DISTRIBUTIONS
    assert [p.when for p in patching.PATCHES if p.attr == "tensorflow.contrib.distributions"] == ["tf2"]


@pytest.mark.skipif(TF1, reason="TF 1.15 keeps its real tf.contrib.distributions")
def test_installed_facade_serves_awr_pattern():
    """awr: a Gaussian policy (MultivariateNormalDiag) and a discrete one (Categorical) through tf.contrib."""
    code = textwrap.dedent('''
        import numpy as np
        import xavier_compat as xc
        xc.install()
        import tensorflow as tf
        import tensorflow.contrib.distributions as tfd
        from xavier_compat.contrib import distributions as D
        v1 = tf.compat.v1
        assert tfd is tf.contrib.distributions and tfd.MultivariateNormalDiag is D.MultivariateNormalDiag
        assert tfd.Categorical is v1.distributions.Categorical
        with tf.Graph().as_default():
            v1.set_random_seed(0)
            s = v1.placeholder(tf.float32, [None, 3])
            mean = v1.layers.dense(s, 2) if hasattr(v1, "layers") else s[:, :2]
            std = tf.exp(v1.get_variable("logstd", initializer=tf.zeros([2])))
            pd = tf.contrib.distributions.MultivariateNormalDiag(
                loc=mean, scale_diag=tf.broadcast_to(std, tf.shape(mean)))
            a = pd.sample()
            logp = pd.log_prob(a)
            loss = -tf.reduce_mean(logp) - 0.01 * tf.reduce_mean(pd.entropy())
            step = v1.train.GradientDescentOptimizer(0.1).minimize(loss)
            cat = tf.contrib.distributions.Categorical(logits=mean)
            with v1.Session() as sess:
                sess.run(v1.global_variables_initializer())
                out = sess.run([a, logp, step, cat.sample()], {s: np.ones((4, 3), np.float32)})
        assert out[0].shape == (4, 2) and out[1].shape == (4,) and out[3].shape == (4,)
        xc.uninstall()
        import sys
        assert "tensorflow.contrib.distributions" not in sys.modules
        print("AWR-PATTERN OK")
    ''')
    proc = run_python(["-c", code])
    assert proc.returncode == 0 and "AWR-PATTERN OK" in proc.stdout, proc.stdout + proc.stderr[-4000:]

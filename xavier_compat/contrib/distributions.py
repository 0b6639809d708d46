"""``tf.contrib.distributions`` on TensorFlow 2: TF's own v1 distributions plus ``MultivariateNormalDiag``.

The façade serves ``tf.contrib.distributions`` / ``import tensorflow.contrib.distributions as tfd`` from
this module (TF 1.15 keeps its real one).  It is loaded on first use and imports TensorFlow then.

- ``Normal``, ``Categorical``, ``Bernoulli``, ``Beta``, ``Dirichlet``, ``DirichletMultinomial``,
  ``Exponential``, ``Gamma``, ``Laplace``, ``Multinomial``, ``StudentT``, ``Uniform``, ``Distribution``,
  ``kl_divergence``, ``RegisterKL``, ``ReparameterizationType`` and the two reparameterization constants
  are ``tf.compat.v1.distributions``' objects: the code TF 1.15's contrib exported under these names.
- ``MultivariateNormalDiag`` is ours, with TF 1.15's signature and values: a ``k``-dimensional normal
  with diagonal scale ``S = diag(scale_diag + scale_identity_multiplier)`` (identity when both are
  None), i.e. ``k`` independent normals::

      log_prob(x) = sum_i [-(x_i - loc_i)**2 / (2 S_i**2) - log(2 pi) / 2 - log|S_i|]
      entropy     = sum_i [(1 + log(2 pi)) / 2 + log|S_i|]
      sample      = loc + S * z,  z ~ N(0, I)       (the same draws as TF 1.15 for the same seeds)

Example (xbpeng/awr's Gaussian policy)::

    pd = tf.contrib.distributions.MultivariateNormalDiag(loc=mean, scale_diag=std)
    a = pd.sample(); logp = pd.log_prob(a)            # logp has the batch shape: summed over actions

Limitations: every other TF 1.15 contrib distribution and bijector (``MultivariateNormalTriL``,
``Mixture``, ``bijectors`` ...) raises ContribMemberUnavailable pointing at tensorflow-probability.
"""
import math

from .. import _backend
from . import ContribMemberUnavailable, _unavailable_message

_tf = _backend.tf()
_v1 = _tf.compat.v1

#: The names served from tf.compat.v1.distributions (present there on TF 1.15, 2.15 and 2.21).
FROM_TF = ("Bernoulli", "Beta", "Categorical", "Dirichlet", "DirichletMultinomial", "Distribution",
           "Exponential", "FULLY_REPARAMETERIZED", "Gamma", "Laplace", "Multinomial", "NOT_REPARAMETERIZED",
           "Normal", "RegisterKL", "ReparameterizationType", "StudentT", "Uniform", "kl_divergence")
globals().update((_name, getattr(_v1.distributions, _name)) for _name in FROM_TF)

__all__ = list(FROM_TF) + ["MultivariateNormalDiag"]

_HALF_LOG_2PI = 0.5 * math.log(2.0 * math.pi)


def __getattr__(name):  # PEP 562: unprovided members get the façade's helpful message
    if name.startswith("__"):
        raise AttributeError("module %r has no attribute %r" % (__name__, name))
    raise ContribMemberUnavailable(_unavailable_message("tensorflow.contrib.distributions." + name))


def __dir__():
    return sorted(__all__)


class MultivariateNormalDiag(_v1.distributions.Distribution):
    """TF 1.15's ``tf.contrib.distributions.MultivariateNormalDiag``: independent normals on the last axis.

    ``loc`` (``[..., k]``) and/or ``scale_diag`` (``[..., k]``) fix the event size ``k``;
    ``scale_identity_multiplier`` (batch-shaped) is added to every diagonal entry, or is the scale
    alone.  ``log_prob``/``entropy`` sum over the event axis; ``mean``/``mode`` are ``loc`` broadcast
    to ``batch_shape + [k]``; ``stddev``/``variance`` are ``|S|``/``S**2`` in the scale's own shape.
    Example: ``MultivariateNormalDiag([0., 1.], scale_diag=[1., 2.]).log_prob([0., 0.])``.
    """

    def __init__(self, loc=None, scale_diag=None, scale_identity_multiplier=None, validate_args=False,
                 allow_nan_stats=True, name="MultivariateNormalDiag"):
        parameters = dict(locals())
        parameters.pop("self")
        parameters.pop("__class__", None)
        if loc is None and scale_diag is None:
            raise ValueError("Cannot infer `event_shape` unless `loc` or `scale_diag` is specified "
                             "(got loc=None, scale_diag=None).")
        tf = _tf
        with _v1.name_scope(name, values=[loc, scale_diag, scale_identity_multiplier]) as scope:
            first = loc if loc is not None else scale_diag
            dtype = _v1.convert_to_tensor(first).dtype.base_dtype
            loc = None if loc is None else _v1.convert_to_tensor(loc, dtype=dtype, name="loc")
            scale_diag = None if scale_diag is None else _v1.convert_to_tensor(
                scale_diag, dtype=dtype, name="scale_diag")
            multiplier = None if scale_identity_multiplier is None else _v1.convert_to_tensor(
                scale_identity_multiplier, dtype=dtype, name="scale_identity_multiplier")
            shaped = scale_diag if scale_diag is not None else loc
            self._k_static = shaped.shape[-1:]
            self._k = tf.shape(shaped)[-1:]
            diag = scale_diag  # the diagonal of S in S's own shape (None: the identity)
            if multiplier is not None:
                column = multiplier[..., tf.newaxis]
                diag = column * tf.ones(self._k, dtype) if diag is None else diag + column
            if validate_args and diag is not None:
                check = _v1.assert_none_equal(diag, tf.zeros([], dtype),
                                              message="Singular operator: scale has a zero diagonal entry")
                with _v1.control_dependencies([check]):
                    diag = tf.identity(diag)
            self._loc = loc
            self._diag = diag
        super().__init__(
            dtype=dtype, reparameterization_type=_v1.distributions.FULLY_REPARAMETERIZED,
            validate_args=validate_args, allow_nan_stats=allow_nan_stats, parameters=parameters,
            name=scope)

    @property
    def loc(self):
        """The ``loc`` tensor (None when not given)."""
        return self._loc

    @property
    def scale(self):
        """``S`` as a ``tf.linalg.LinearOperator`` (diagonal, scaled identity or identity)."""
        if self._diag is None:
            return _tf.linalg.LinearOperatorIdentity(self._k[0], dtype=self.dtype)
        return _tf.linalg.LinearOperatorDiag(self._diag)

    def _shapes(self):
        return [t for t in (self._loc, self._diag) if t is not None]

    def _batch_shape(self):
        shape = _tf.TensorShape([])
        for t in self._shapes():
            shape = _tf.broadcast_static_shape(shape, t.shape[:-1])
        return shape

    def _batch_shape_tensor(self):
        shape = _tf.constant([], _tf.int32)
        for t in self._shapes():
            shape = _tf.broadcast_dynamic_shape(shape, _tf.shape(t)[:-1])
        return shape

    def _event_shape(self):
        return _tf.TensorShape(self._k_static)

    def _event_shape_tensor(self):
        return self._k

    def _static_or_tensor(self, static, tensor):
        return static.as_list() if static.is_fully_defined() else tensor

    def _full_shape(self):
        """``batch_shape + event_shape``: a list when known statically, else a tensor."""
        return self._static_or_tensor(self.batch_shape.concatenate(self.event_shape),
                                      _tf.concat([self.batch_shape_tensor(), self._k], axis=0))

    def _log_det(self):
        """``sum log|S_i|`` (0 for the identity)."""
        if self._diag is None:
            return _tf.zeros([], self.dtype)
        return _tf.reduce_sum(_tf.math.log(_tf.abs(self._diag)), axis=-1)

    def _log_prob(self, x):
        z = x if self._loc is None else x - self._loc
        if self._diag is not None:
            z = z / self._diag
        return _tf.reduce_sum(-0.5 * _tf.square(z) - _HALF_LOG_2PI, axis=-1) - self._log_det()

    def _entropy(self):
        k = _tf.cast(self._k[0], self.dtype)
        per_batch = k * (0.5 + _HALF_LOG_2PI) + self._log_det()
        batch = self._static_or_tensor(self.batch_shape, self.batch_shape_tensor())
        return per_batch + _tf.zeros(batch, self.dtype)

    def _sample_n(self, n, seed=None):
        shape = _tf.concat([[n], self.batch_shape_tensor(), self._k], axis=0)
        sample = _v1.random_normal(shape, dtype=self.dtype, seed=seed)
        if self._diag is not None:
            sample = sample * self._diag
        return sample if self._loc is None else sample + self._loc

    def _mean(self):
        zeros = _tf.zeros(self._full_shape(), self.dtype)
        return zeros if self._loc is None else self._loc + zeros

    def _mode(self):
        return self._mean()

    def _stddev(self):
        return self._ones() if self._diag is None else _tf.abs(self._diag)

    def _variance(self):
        return self._ones() if self._diag is None else _tf.square(self._diag)

    def _ones(self):
        return _tf.ones(self._static_or_tensor(self.event_shape, self._k), self.dtype)

    def _covariance(self):
        return _tf.linalg.diag(self._variance())

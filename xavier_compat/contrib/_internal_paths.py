"""TF 1.15's internal contrib module paths that legacy code imports directly, as data (no TensorFlow).

Some legacy code skips the public ``tf.contrib`` names and imports the modules behind them::

    from tensorflow.contrib.framework.python.ops import add_arg_scope, variables    # SSD-Tensorflow
    from tensorflow.contrib.layers.python.layers import initializers, utils
    from tensorflow.contrib.metrics.python.ops import set_ops
    import tensorflow.contrib.layers.python.layers.initializers as init            # GAN code
    init.xavier_initializer(uniform=False)

:data:`MEMBERS` maps each such path to its members, in the façade's format (``"module:attribute"``
resolved on first access, or ``SUBMODULE`` for a child of this table); :data:`PROXIES` maps whole
modules to the module that serves them, loaded on first attribute access.  ``install()`` puts every
path of both tables in ``sys.modules`` (TF2 only) and ``uninstall()`` removes them; nothing is
imported until a member is used.  Modules with children get ``__path__ = []`` (:data:`PACKAGES`), so
``import a.b.c`` treats them as packages and an unprovided child fails with "No module named ...".

``add_arg_scope`` / ``arg_scope`` are THE shared arg_scope functions (the objects of
``tf.contrib.framework`` and ``tf.contrib.slim``), so ``slim.arg_scope([my_layer], ...)`` accepts
user layers decorated through the internal path.  ``variables`` and ``utils`` are tf-slim's modules
(``pip install "xavier-compat[legacy]"``); ``set_ops`` is TensorFlow's own ``tensorflow.python.ops.sets``.

Limitations: only these paths are served; other members raise the façade's ContribMemberUnavailable
(attribute form) or ImportError / ModuleNotFoundError (import forms).
"""
from typing import Dict

SUBMODULE = "<submodule>"  # the same marker as the façade's (checked there)

_ROOT = "tensorflow.contrib."
_INIT = "xavier_compat.initializers:"
_REG = "xavier_compat.contrib.regularizers:"
_LAYERS = "xavier_compat.contrib.layers_impl:"
_FRAMEWORK = "xavier_compat.contrib.framework:"

_INITIALIZERS = ("xavier_initializer", "xavier_initializer_conv2d", "variance_scaling_initializer")
_REGULARIZERS = ("l1_regularizer", "l2_regularizer", "l1_l2_regularizer", "sum_regularizer",
                 "apply_regularization")
# TF 1.15's layers/python/layers/layers.py (instance_norm lives in normalization.py there)
_LAYER_FNS = ("flatten", "fully_connected", "batch_norm", "layer_norm", "dropout", "conv2d", "max_pool2d",
              "avg_pool2d")
_FRAMEWORK_OPS = ("arg_scope", "add_arg_scope", "get_or_create_global_step", "get_variables")


def _members(prefix: str, names: tuple) -> Dict[str, str]:
    return dict((n, prefix + n) for n in names)


_LAYERS_MODULE = dict(_members(_LAYERS, _LAYER_FNS), convolution2d=_LAYERS + "conv2d")

#: Internal path -> {member: "module:attribute" | SUBMODULE}.  Every member exists under the same
#: path in TF 1.15 (checked by tests/test_contrib_internal_paths.py in the TF 1.15 env).
MEMBERS = {
    _ROOT + "framework.python": {"ops": SUBMODULE},
    _ROOT + "framework.python.ops": dict(_members(_FRAMEWORK, _FRAMEWORK_OPS), variables=SUBMODULE),
    _ROOT + "layers.python": {"layers": SUBMODULE},
    _ROOT + "layers.python.layers": dict(
        [(n, SUBMODULE) for n in ("initializers", "layers", "regularizers", "utils")]
        + list(_members(_INIT, _INITIALIZERS).items()) + list(_members(_REG, _REGULARIZERS).items())
        + list(_LAYERS_MODULE.items())),
    _ROOT + "layers.python.layers.initializers": _members(_INIT, _INITIALIZERS),
    _ROOT + "layers.python.layers.layers": _LAYERS_MODULE,
    _ROOT + "layers.python.layers.regularizers": _members(_REG, _REGULARIZERS),
    # tf.contrib.metrics itself stays unprovided: this module only leads to set_ops (and, as in TF 1.15,
    # has no `python` attribute: the import forms reach it through sys.modules)
    _ROOT + "metrics": {},
    _ROOT + "metrics.python": {"ops": SUBMODULE},
    _ROOT + "metrics.python.ops": {"set_ops": SUBMODULE},
}

#: Internal path -> the module serving all its attributes (imported on first attribute access).
PROXIES = {
    _ROOT + "framework.python.ops.variables": "tf_slim.ops.variables",
    _ROOT + "layers.python.layers.utils": "tf_slim.layers.utils",
    _ROOT + "metrics.python.ops.set_ops": "tensorflow.python.ops.sets",
}

#: The public façade modules the internal paths hang below.  As in TF 1.15 (whose contrib removed
#: undocumented attributes), ``tf.contrib.framework.python`` is no attribute: only the import forms
#: reach these paths (``import a.b.c as m`` finds them in sys.modules).
PUBLIC_PARENTS = ("tensorflow.contrib", "tensorflow.contrib.framework", "tensorflow.contrib.layers")

#: Every ``sys.modules`` entry ``install()`` adds for these paths, parents first.
MODULE_NAMES = tuple(sorted(set(MEMBERS) | set(PROXIES)))

#: Internal paths that have children: package-like (``__path__ = []``).
PACKAGES = frozenset(name.rpartition(".")[0] for name in MODULE_NAMES) & frozenset(MODULE_NAMES)


def _check() -> None:
    every = set(MEMBERS) | set(PROXIES)
    for name, members in MEMBERS.items():
        assert name.startswith(_ROOT), name
        for member, spec in members.items():
            assert (spec == SUBMODULE and name + "." + member in every) or ":" in spec, (name, member)
    for name in every:
        parent = name.rpartition(".")[0]
        assert parent in MEMBERS or parent in PUBLIC_PARENTS, name


_check()

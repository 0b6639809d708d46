"""The ``tf.contrib`` façade: module objects that ``install()`` puts where TF2 removed contrib.

Usage (``install()`` does this for you; nothing here imports TensorFlow)::

    import xavier_compat; xavier_compat.install()
    import tensorflow as tf
    tf.contrib.layers.xavier_initializer()                 # attribute access
    from tensorflow.contrib.layers import l2_regularizer   # import forms (sys.modules entries)
    import tensorflow.contrib.slim as slim                 # lazy: tf-slim loads on first use

What it provides is a table (:data:`MEMBERS`): contrib path -> ``"module:attribute"`` of the
implementation, imported on first access and cached, so a missing implementation fails only when
that member is used.  ``tensorflow.contrib.slim`` is a lazy proxy of :mod:`xavier_compat.contrib.slim`,
``tensorflow.contrib.distributions`` one of :mod:`xavier_compat.contrib.distributions`.  TF 1.15's
internal paths legacy code imports (``tensorflow.contrib.framework.python.ops`` ...) are the tables of
:mod:`._internal_paths` (import paths only, as in TF 1.15: ``tf.contrib.framework.python`` is no attribute).

Limitations: xavier_compat provides only the initializer family and the companions legacy code
passes next to it.  Any other member raises :class:`ContribMemberUnavailable` (an AttributeError, so
``hasattr()`` is False) naming the member and its TF2 replacement from :mod:`._unsupported`.
``from tensorflow.contrib.layers import embed_sequence`` still fails, but Python turns the message
into its generic "cannot import name"; ``tf.contrib.layers.embed_sequence`` shows the full text.
"""
import importlib
import types
from typing import Any, Dict, List

from . import _internal_paths
from ._unsupported import replacement

_INIT = "xavier_compat.initializers:"
_REG = "xavier_compat.contrib.regularizers:"
_LAYERS = "xavier_compat.contrib.layers_impl:"
_FRAMEWORK = "xavier_compat.contrib.framework:"
_RNN = "xavier_compat.contrib.rnn:"
_SUBMODULE = "<submodule>"  # member is the child façade module of the same name

#: What the façade provides: module name -> {member: "module:attribute" | _SUBMODULE}.
#: Every member exists under the same name in TF 1.15's tf.contrib (checked by the tests).
MEMBERS = {
    "tensorflow.contrib": {
        "distributions": _SUBMODULE,
        "framework": _SUBMODULE,
        "layers": _SUBMODULE,
        "rnn": _SUBMODULE,
        "slim": _SUBMODULE,
    },
    "tensorflow.contrib.layers": dict(
        [(n, _INIT + n) for n in ("xavier_initializer", "xavier_initializer_conv2d",
                                  "variance_scaling_initializer")]
        + [(n, _REG + n) for n in ("l1_regularizer", "l2_regularizer", "l1_l2_regularizer",
                                   "sum_regularizer", "apply_regularization")]
        + [(n, _LAYERS + n) for n in ("flatten", "fully_connected", "batch_norm", "layer_norm",
                                      "instance_norm", "dropout", "conv2d", "max_pool2d", "avg_pool2d")]
        + [("convolution2d", _LAYERS + "conv2d")]  # TF1's own alias
    ),
    "tensorflow.contrib.framework": dict(
        (n, _FRAMEWORK + n)
        for n in ("get_or_create_global_step", "get_variables", "arg_scope", "add_arg_scope")
    ),
    "tensorflow.contrib.rnn": dict(
        (n, _RNN + n)
        for n in ("BasicLSTMCell", "LSTMCell", "GRUCell", "BasicRNNCell", "MultiRNNCell",
                  "DropoutWrapper", "LSTMStateTuple")
    ),
}
#: Lazy proxies: module name -> the xavier_compat module whose attributes it serves.
PROXIES = {"tensorflow.contrib.slim": "xavier_compat.contrib.slim",
           "tensorflow.contrib.distributions": "xavier_compat.contrib.distributions"}

# TF 1.15's internal module paths (tensorflow.contrib.framework.python.ops ...), kept in their own
# tables (they are import paths, not tf.contrib attributes): see _internal_paths.
assert _internal_paths.SUBMODULE == _SUBMODULE
PROXIES.update(_internal_paths.PROXIES)


def _members_of(name: str) -> Dict[str, str]:
    return MEMBERS[name] if name in MEMBERS else _internal_paths.MEMBERS[name]


def _check_tables() -> None:
    for name, members in list(MEMBERS.items()) + list(_internal_paths.MEMBERS.items()):
        assert name == "tensorflow.contrib" or name.startswith("tensorflow.contrib."), name
        for member, spec in members.items():
            child = name + "." + member
            is_child = spec == _SUBMODULE and (child in MEMBERS or child in _internal_paths.MEMBERS
                                               or child in PROXIES)
            assert is_child or ":" in spec, child


_check_tables()


class ContribMemberUnavailable(AttributeError):
    """A ``tf.contrib`` member xavier_compat does not provide (message: the member and its TF2 twin)."""


def _unavailable_message(qualname: str, reason: str = "") -> str:
    path = qualname[len("tensorflow.contrib."):]
    text = replacement(path)
    if text:
        advice = "TF2 replacement: %s." % text
    else:
        advice = "See the contrib sunset notes (github.com/tensorflow/community, " \
                 "rfcs/20180907-contrib-sunset.md)."
    return "tf.contrib.%s is not provided by xavier_compat%s: xavier_compat provides only the contrib " \
           "initializer family (xavier_initializer, variance_scaling_initializer) and the companions " \
           "legacy code uses next to it (regularizers, batch_norm, slim, rnn cells). %s" \
           % (path, reason, advice)


def resolve(spec: str) -> Any:
    """Import ``"package.module:attr.path"`` and return the attribute (the module itself for ``"mod:"``)."""
    module_name, _, attr_path = spec.partition(":")
    value = importlib.import_module(module_name)
    for part in filter(None, attr_path.split(".")):
        value = getattr(value, part)
    return value


class ContribModule(types.ModuleType):
    """A façade module: members from :data:`MEMBERS`, resolved on first access and cached."""

    def __init__(self, name: str) -> None:
        super().__init__(name, "xavier_compat's stand-in for %s (see xavier_compat.contrib)." % name)
        self.__dict__["_xc_members"] = _members_of(name)
        if name in _internal_paths.PACKAGES:
            self.__dict__["__path__"] = []  # package-like: `import a.b.c` and "No module named" errors

    def __getattr__(self, member: str) -> Any:
        if member.startswith("__"):  # import machinery, inspect, pickle probe these: plain answer
            raise AttributeError("module %r has no attribute %r" % (self.__name__, member))
        spec = self._xc_members.get(member)
        qualname = self.__name__ + "." + member
        if spec is None:
            raise ContribMemberUnavailable(_unavailable_message(qualname))
        if spec == _SUBMODULE:
            value = module(qualname)
        else:
            try:
                value = resolve(spec)
            except (ImportError, AttributeError) as exc:
                reason = " here (its implementation %s failed to load: %s: %s)" % (
                    spec, type(exc).__name__, exc)
                raise ContribMemberUnavailable(_unavailable_message(qualname, reason)) from exc
        self.__dict__[member] = value  # cache: later lookups skip this hook
        return value

    def __dir__(self) -> List[str]:
        return sorted(set(self._xc_members) | {"__doc__", "__name__"})

    def __repr__(self) -> str:
        return "<module %r (xavier_compat contrib façade)>" % (self.__name__,)


class LazyModule(types.ModuleType):
    """A module entry that imports its target on first attribute access and serves its attributes."""

    def __init__(self, name: str, target: str) -> None:
        super().__init__(name, "xavier_compat's lazy stand-in for %s (served by %s)." % (name, target))
        self.__dict__["_xc_target"] = target

    def _xc_load(self) -> Any:
        return importlib.import_module(self._xc_target)

    def __getattr__(self, member: str) -> Any:
        if member.startswith("__"):
            raise AttributeError("module %r has no attribute %r" % (self.__name__, member))
        try:
            target = self._xc_load()
        except ImportError as exc:
            raise ContribMemberUnavailable(_unavailable_message(
                self.__name__ + "." + member,
                " here (%s failed to load: %s: %s)" % (self._xc_target, type(exc).__name__, exc))) from exc
        return getattr(target, member)

    def __dir__(self) -> List[str]:
        try:
            return dir(self._xc_load())
        except ImportError:
            return ["__doc__", "__name__"]

    def __repr__(self) -> str:
        return "<module %r (xavier_compat lazy proxy of %s)>" % (self.__name__, self._xc_target)


_MODULES: Dict[str, types.ModuleType] = {}


def module(name: str) -> types.ModuleType:
    """The one façade module object for ``name`` (e.g. ``"tensorflow.contrib.layers"``)."""
    found = _MODULES.get(name)
    if found is None:
        found = LazyModule(name, PROXIES[name]) if name in PROXIES else ContribModule(name)
        found = _MODULES.setdefault(name, found)  # first one wins if two threads race
    return found


#: Façade objects by constant name, for patching's "module:attribute" table.
TF_CONTRIB = module("tensorflow.contrib")
TF_CONTRIB_LAYERS = module("tensorflow.contrib.layers")
TF_CONTRIB_FRAMEWORK = module("tensorflow.contrib.framework")
TF_CONTRIB_RNN = module("tensorflow.contrib.rnn")
TF_CONTRIB_SLIM = module("tensorflow.contrib.slim")
TF_CONTRIB_DISTRIBUTIONS = module("tensorflow.contrib.distributions")

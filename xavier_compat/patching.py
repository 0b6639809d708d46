"""Startup patching: give legacy TF1 / ``tf.contrib`` code the names it reaches for, and take them back.

Usage::

    import xavier_compat
    xavier_compat.install()          # idempotent and thread-safe; imports TensorFlow
    import tensorflow as tf
    w = tf.get_variable("w", [784, 256], initializer=tf.contrib.layers.xavier_initializer())
    xavier_compat.uninstall()        # every attribute and sys.modules entry back as it was

    with xavier_compat.patched():    # for one block: undoes only what it installed
        import tensorflow.contrib.slim as slim

What :func:`install` does is the table :data:`PATCHES` (target, attribute, replacement spec, condition),
applied in order, each entry only where the attribute is missing (``replace=True`` marks the one
attribute TensorFlow itself declares unusable: ``tf.compat.v1.layers`` under Keras 3):

* TF 2.x: ``sys.modules`` entries ``tensorflow.compat`` and ``tensorflow.compat.v1`` for the live modules
  where TensorFlow registers none (TF >= 2.16: else ``import tensorflow.compat.v1`` loads a second,
  unpatched copy); ``tf.contrib`` and ``tf.compat.v1.contrib`` (the façade of :mod:`xavier_compat.contrib`);
  ``sys.modules`` entries ``tensorflow.contrib``, ``.layers``, ``.framework``, ``.rnn``, ``.slim`` and
  ``.distributions`` (slim, rnn and distributions resolve lazily) and TF 1.15's internal paths legacy
  code imports (``tensorflow.contrib.framework.python.ops`` ..., see ``contrib._internal_paths``) so
  the ``import tensorflow.contrib...`` forms work; ``tf.get_variable``,
  ``tf.variable_scope``, ``tf.AUTO_REUSE``; ``tf.layers`` from :mod:`xavier_compat.tf_layers` (and
  ``tf.compat.v1.layers`` on Keras 3, served by tf-keras' legacy layers).
* TF 1.15: the real ``tf.contrib`` stays; ``tf.initializers`` gains the TF2 class names
  (``GlorotUniform``, ``GlorotNormal``, ``HeNormal``, ``HeUniform``, ``LecunNormal``, ``LecunUniform``,
  ``VarianceScaling``), mapped to TF 1.15's ``tf.keras.initializers`` (the ``He*``/``Lecun*`` ones are
  factory functions there).

Every original is saved in a registry (gevent style: target -> {attribute: original}, filled with
``setdefault`` and a sentinel for "was absent"); :func:`uninstall` restores in reverse order, deleting
what was absent.  If an entry fails half-way, everything applied so far is undone and the error raised.

:func:`patched` scopes: entering installs if needed, leaving uninstalls only if that scope installed and
no other ``patched()`` block (nested or in another thread) is still open.  An explicit ``install()``
makes the patches stay after the blocks close; an explicit ``uninstall()`` removes them at once.

Limitations: references taken while installed (``c = tf.contrib``) outlive ``uninstall()``; modules
imported during ``install()`` stay imported; ``from tensorflow.contrib.layers import <unprovided>``
gets Python's generic ImportError (the attribute form gives the full message).
"""
import importlib
import sys
import threading
from contextlib import contextmanager
from typing import Any, Dict, Iterator, List, NamedTuple, Sequence

from . import _backend
from .contrib import _internal_paths


class Patch(NamedTuple):
    """One entry of the table: put ``spec`` at ``target.attr`` when ``when`` holds and it is missing."""

    target: str  # "tf", "tf.compat.v1", "tf.initializers", or "sys.modules" (then attr is the key)
    attr: str
    spec: str  # "module:attr.path" ("tf" = tensorflow); a trailing "()" or "(text)" calls it (with "text")
    when: str  # a key of _CONDITIONS
    replace: bool = False  # also replace an existing attribute (only ones TensorFlow documents as broken)


# Where tf.get_variable & co. come from on TF2: one line to switch implementations.
# TF1 sharing semantics in eager mode too (issue 4); "tf:compat.v1." would serve TensorFlow's own.
_VARIABLES = "xavier_compat.variables:"
_FACADE = "xavier_compat.contrib:"
_LAYERS = "xavier_compat.tf_layers:layers_module()"
# TF 1.15: TF2 initializer name -> TF 1.15's tf.keras.initializers name
_TF1_INITIALIZERS = (
    ("GlorotUniform", "glorot_uniform"), ("GlorotNormal", "glorot_normal"),
    ("HeNormal", "he_normal"), ("HeUniform", "he_uniform"),
    ("LecunNormal", "lecun_normal"), ("LecunUniform", "lecun_uniform"),
    ("VarianceScaling", "VarianceScaling"),
)

PATCHES = (
    # TF 2.16+ registers neither name, so `import tensorflow.compat.v1 as tf` would execute a fresh copy
    # of the v1 API (replacing tf.compat) that lacks the patches below: point the imports at the live ones.
    Patch("sys.modules", "tensorflow.compat", "tf:compat", "tf2"),
    Patch("sys.modules", "tensorflow.compat.v1", "tf:compat.v1", "tf2"),
    Patch("tf", "contrib", _FACADE + "TF_CONTRIB", "tf2"),
    Patch("tf.compat.v1", "contrib", _FACADE + "TF_CONTRIB", "tf2"),
    Patch("sys.modules", "tensorflow.contrib", _FACADE + "TF_CONTRIB", "tf2"),
    Patch("sys.modules", "tensorflow.contrib.layers", _FACADE + "TF_CONTRIB_LAYERS", "tf2"),
    Patch("sys.modules", "tensorflow.contrib.framework", _FACADE + "TF_CONTRIB_FRAMEWORK", "tf2"),
    Patch("sys.modules", "tensorflow.contrib.rnn", _FACADE + "TF_CONTRIB_RNN", "tf2"),
    Patch("sys.modules", "tensorflow.contrib.slim", _FACADE + "TF_CONTRIB_SLIM", "tf2"),
    Patch("sys.modules", "tensorflow.contrib.distributions", _FACADE + "TF_CONTRIB_DISTRIBUTIONS", "tf2"),
) + tuple(  # TF 1.15's internal paths (tensorflow.contrib.framework.python.ops ...), parents first
    Patch("sys.modules", name, _FACADE + "module(%s)" % name, "tf2") for name in _internal_paths.MODULE_NAMES
) + (
    Patch("tf", "get_variable", _VARIABLES + "get_variable", "tf2"),
    Patch("tf", "variable_scope", _VARIABLES + "variable_scope", "tf2"),
    Patch("tf", "AUTO_REUSE", _VARIABLES + "AUTO_REUSE", "tf2"),
    Patch("tf", "get_variable_scope", _VARIABLES + "get_variable_scope", "tf2"),
    Patch("tf", "layers", _LAYERS, "tf2"),
    Patch("tf.compat.v1", "layers", _LAYERS, "keras3", replace=True),
) + tuple(Patch("tf.initializers", new, "tf:compat.v1.keras.initializers." + old, "tf1")
        for new, old in _TF1_INITIALIZERS)

_CONDITIONS = {
    "tf1": _backend.is_tf1,
    "tf2": _backend.is_tf2,
    "keras3": lambda: _backend.keras_flavour() == _backend.KERAS3,
}


def _check_table(patches: Sequence[Patch]) -> None:
    for p in patches:
        assert p.target in ("tf", "sys.modules") or p.target.startswith("tf."), p
        assert ":" in p.spec and p.when in _CONDITIONS, p


_check_table(PATCHES)


class _Missing:
    def __repr__(self) -> str:
        return "<missing>"


_MISSING = _Missing()  # "the attribute was absent": distinct from an attribute whose value is None


class _Applied(NamedTuple):
    patch: Patch
    obj: Any  # the target object (None for sys.modules)
    in_dict: bool  # the attribute was in obj.__dict__ before (else absent, or served by __getattr__)
    in_all: bool  # the attribute was listed in obj.__all__ before


_lock = threading.RLock()
_saved: Dict[str, Dict[str, Any]] = {}  # target -> {attribute: original or _MISSING}
_applied: List[_Applied] = []  # in application order
_state = {"installed": False, "sticky": False, "scopes": 0, "generation": 0}


def _resolve(spec: str) -> Any:
    call = spec.endswith(")")
    spec, _, arg = spec[:-1].partition("(") if call else (spec, "", "")
    module_name, _, path = spec.partition(":")
    value = _backend.tf() if module_name == "tf" else importlib.import_module(module_name)
    for part in filter(None, path.split(".")):
        value = getattr(value, part)
    if not call:
        return value
    return value(arg) if arg else value()


def _target(name: str) -> Any:
    value = _backend.tf()
    for part in name.split(".")[1:]:
        value = getattr(value, part)
    return value


def _own_dict(obj: Any) -> Dict[str, Any]:
    return object.__getattribute__(obj, "__dict__")  # TF's module wrappers override __getattribute__


def _lookup(patch: Patch) -> Any:
    """The current value at the patch's place, or _MISSING."""
    if patch.target == "sys.modules":
        return sys.modules.get(patch.attr, _MISSING)
    try:
        return getattr(_target(patch.target), patch.attr)
    except AttributeError:
        return _MISSING


def _applicable(patch: Patch) -> bool:
    if not _CONDITIONS[patch.when]():
        return False
    return patch.replace or _lookup(patch) is _MISSING


def _apply(patch: Patch) -> None:
    original = _lookup(patch)
    value = _resolve(patch.spec)
    _saved.setdefault(patch.target, {}).setdefault(patch.attr, original)  # keep the real original
    if patch.target == "sys.modules":
        _applied.append(_Applied(patch, None, False, False))
        sys.modules[patch.attr] = value
        return
    obj = _target(patch.target)
    names = getattr(obj, "__all__", None)
    _applied.append(_Applied(patch, obj, patch.attr in _own_dict(obj),
                             isinstance(names, list) and patch.attr in names))
    setattr(obj, patch.attr, value)


def _restore(entry: _Applied) -> None:
    patch, obj = entry.patch, entry.obj
    original = _saved.get(patch.target, {}).pop(patch.attr, _MISSING)
    if patch.target == "sys.modules":
        if original is _MISSING:
            sys.modules.pop(patch.attr, None)
        else:
            sys.modules[patch.attr] = original
        return
    if original is _MISSING:
        try:
            delattr(obj, patch.attr)
        except AttributeError:
            pass
    else:
        setattr(obj, patch.attr, original)
    own = _own_dict(obj)
    if not entry.in_dict:
        own.pop(patch.attr, None)  # TF's module wrappers keep a copy in their own __dict__ too
    cache = own.get("_tfmw_attr_map")  # TF 1.15's wrapper caches looked-up attributes here
    if isinstance(cache, dict) and original is _MISSING:
        cache.pop(patch.attr, None)
    names = getattr(obj, "__all__", None)
    if isinstance(names, list) and not entry.in_all and patch.attr in names:
        names.remove(patch.attr)  # TF's wrappers append set attributes to __all__


def _undo_all() -> None:
    first_error = None
    while _applied:
        entry = _applied.pop()
        try:
            _restore(entry)
        except Exception as exc:  # keep restoring the others, report the first failure
            first_error = first_error or exc
    _saved.clear()
    _state.update(installed=False, sticky=False, scopes=0)
    if first_error is not None:
        raise first_error


def _install(extra: Sequence[Patch] = ()) -> bool:
    """Apply PATCHES (+ ``extra``, a test hook) unless installed; True if this call installed them."""
    with _lock:
        if _state["installed"]:
            return False
        try:
            for patch in tuple(PATCHES) + tuple(extra):
                if _applicable(patch):
                    _apply(patch)
        except BaseException:
            _undo_all()  # nothing stays half-patched
            raise
        _state.update(installed=True, sticky=False, scopes=0, generation=_state["generation"] + 1)
        return True


def install() -> None:
    """Add the TF1 / ``tf.contrib`` names legacy code uses and TensorFlow lacks (see the module docs).

    Idempotent and thread-safe.  Example::

        xavier_compat.install(); import tensorflow as tf; tf.contrib.layers.xavier_initializer()
    """
    with _lock:
        _install()
        _state["sticky"] = True  # stays installed after any patched() block closes


def uninstall() -> None:
    """Undo :func:`install`: every patched attribute and ``sys.modules`` entry as it was before."""
    with _lock:
        _undo_all()


@contextmanager
def patched() -> Iterator[None]:
    """Install for the ``with`` block; on exit (also on error) undo what this block installed.

    Already installed by ``install()``: the block changes nothing.  Nested or concurrent blocks: the
    patches go when the last block that shares them closes.  Example::

        with xavier_compat.patched():
            import tensorflow.contrib.layers as layers
    """
    with _lock:
        _install()
        _state["scopes"] += 1
        generation = _state["generation"]
    try:
        yield
    finally:
        with _lock:
            if _state["installed"] and _state["generation"] == generation:
                _state["scopes"] -= 1
                if _state["scopes"] == 0 and not _state["sticky"]:
                    _undo_all()


def _describe(patch: Patch) -> str:
    if patch.target == "sys.modules":
        return "sys.modules[%r]" % (patch.attr,)
    return "%s.%s" % (patch.target, patch.attr)


def info() -> Dict[str, Any]:
    """Versions, modes and what the shim patches here, as plain data.

    ``'patches'`` lists ``"tf.contrib"``-style names (``"sys.modules['tensorflow.contrib']"`` for module
    entries): those applied when ``'installed'`` is True, else those ``install()`` would apply now.
    """
    with _lock:
        installed = _state["installed"]
        patches = [e.patch for e in _applied] if installed else [p for p in PATCHES if _applicable(p)]
    data = _backend.describe()
    if _backend.is_tf1():
        layers = "tf.layers (TensorFlow's own)"
    elif data["keras"] != _backend.KERAS3:
        layers = "tf.compat.v1.layers (TensorFlow's own)"
    elif data["tf_keras_available"]:
        layers = "tf-keras legacy layers (tf.keras stays Keras 3)"
    else:
        from .tf_layers import install_hint

        layers = "unavailable: " + install_hint()
    data.update(installed=installed, patches=[_describe(p) for p in patches], tf_layers=layers)
    return data

"""The runner's TF1 world: what ``import tensorflow as tf`` yields inside a legacy script.

Usage (what ``xavier-compat run`` does around ``runpy.run_path``)::

    world = LegacyWorld("train.py", forced=None)   # reads the program, decides a mode (see _detect)
    world.enter()        # TF1 mode: v2 behaviour off, install(), import redirect on
    try:
        runpy.run_path("train.py", run_name="__main__")
    finally:
        world.exit()     # import redirect off, TF_USE_LEGACY_KERAS restored

Modes (decided by :func:`xavier_compat._detect.decide`; ``--tf1`` / ``--tf2`` override):

* ``tf1-graph`` -- the script uses sessions or placeholders.  ``tf.compat.v1.disable_v2_behavior()``
  runs before the script, ``install()`` adds ``contrib`` and ``tf.layers``, then the script **and the
  user's own modules** receive the v1 API itself for ``import tensorflow as tf`` and
  ``import tensorflow.compat.v1 as tf``: every name has its TF1 meaning and signature
  (``tf.nn.dropout(x, 0.9)`` keeps 90 %, ``x.shape[1].value``, ``tf.placeholder``, ``tf.Session``,
  ``tf.random_uniform``).  On TF >= 2.16, when ``tf_keras`` is installed and ``TF_USE_LEGACY_KERAS`` is
  unset, the runner sets it before importing TensorFlow: Keras 3 has no graph mode, tf-keras does.
  On TF 2.15 grappler's remapping pass is switched off (it aborts the process on some TF1 graphs).
* ``tf1-eager`` -- TF1 names (``tf.get_variable``, ``tf.variable_scope``, ``tf.contrib``, ``keep_prob=``
  ...) but no session: eager execution stays on, the script gets the same v1 API, except that
  ``get_variable`` / ``variable_scope`` / ``get_variable_scope`` / ``AUTO_REUSE`` come from
  :mod:`xavier_compat.variables`, which keeps TF1's sharing rules eagerly.  v1 ``TensorShape``
  (``.value``) is switched on unless ``tf.keras`` is Keras 3 (which cannot digest v1 dimensions).
* ``tf2`` -- everything else: ``install()`` only; the script gets the real ``tensorflow`` module.
* On TF 1.x the runner only calls ``install()``: TensorFlow is TF1 already.

Names that TF1 never had (``tf.function``, ``tf.initializers.GlorotUniform``...) keep their TF2 meaning:
the v1 module falls back to the TF2 module for them, which changes no TF1 call's meaning.

**Who gets the v1 module.**  ``sys.modules['tensorflow']`` is never replaced: library code (tf_keras,
keras, tf_slim, xavier_compat itself) must keep the real module.  For the run, a ``builtins.__import__``
wrapper hands the v1 module to importers whose ``__file__`` is outside the standard library,
site-packages/dist-packages and this package; it is removed afterwards.  ``importlib.import_module(
'tensorflow')`` bypasses it and yields the real module.

**How in-process** ``install()`` **differs.**  ``xavier_compat.install()`` only *adds* missing names to
TF2's ``tf`` (``tf.contrib``, ``tf.get_variable``, ``tf.layers``...).  It cannot change a name that TF2
kept with another meaning: after ``install()``, ``tf.nn.dropout(x, 0.9)`` still drops 90 % (TF2's
``rate``), ``tf.reduce_sum(keep_dims=...)`` still fails and dims have no ``.value``.  Legacy scripts
should go through the runner, or import ``tensorflow.compat.v1 as tf`` themselves.
"""
import builtins
import os
import site
import sys
import sysconfig
import types
from typing import Any, Dict, Optional

from . import _backend, _detect

#: Common TF1-only top-level names, used only to guess *before* importing TensorFlow whether a script
#: is TF1 code (the Keras switch must precede the import); the exact set is read from TF afterwards.
STATIC_V1_GUESS = frozenset([
    "AUTO_REUSE", "GraphKeys", "add_to_collection", "get_collection", "get_default_graph", "get_variable",
    "get_variable_scope", "global_variables", "global_variables_initializer", "initialize_all_variables",
    "layers", "log", "random_normal", "random_uniform", "reset_default_graph", "set_random_seed",
    "to_float", "to_int32", "trainable_variables", "truncated_normal", "variable_scope",
])
#: What tf1-eager takes from xavier_compat.variables instead of tf.compat.v1.
EAGER_VARIABLE_NAMES = ("get_variable", "variable_scope", "get_variable_scope", "AUTO_REUSE")
_LEGACY_KERAS_ENV = "TF_USE_LEGACY_KERAS"
_TF = "tensorflow"


def _library_roots() -> tuple:
    """Directories whose modules are library code (they keep receiving the real tensorflow)."""
    paths = sysconfig.get_paths()
    roots = {paths.get(key) for key in ("stdlib", "platstdlib", "purelib", "platlib")}
    try:
        roots.update(site.getsitepackages())
    except AttributeError:  # virtualenv's old site.py
        pass
    roots.add(getattr(site, "USER_SITE", None))
    roots.add(os.path.dirname(os.path.abspath(__file__)))
    return tuple(sorted(os.path.realpath(r) + os.sep for r in roots if r))


class _UserCode:
    """Callable ``(module globals) -> bool``: is the importer user code?  Cached per file."""

    _LIBRARY_PARTS = (os.sep + "site-packages" + os.sep, os.sep + "dist-packages" + os.sep)

    def __init__(self) -> None:
        self.roots = _library_roots()
        self.cache: Dict[str, bool] = {}

    def __call__(self, importer_globals: Optional[dict]) -> bool:
        if not importer_globals:
            return False
        filename = importer_globals.get("__file__")
        if not filename:
            return importer_globals.get("__name__") == "__main__"
        known = self.cache.get(filename)
        if known is None:
            real = os.path.realpath(filename)
            known = not (real.startswith(self.roots) or any(p in real for p in self._LIBRARY_PARTS))
            self.cache[filename] = known
        return known


class V1Module(types.ModuleType):
    """The module a TF1 script sees as ``tensorflow``: TF's v1 API, a few overrides, TF2 names TF1 lacked.

    Lookup order: overrides, ``tf.compat.v1``, ``sys.modules['tensorflow.NAME']`` (``contrib`` entries
    made by ``install()``), the real TF2 module.
    """

    def __init__(self, tf: Any, overrides: Optional[Dict[str, Any]] = None) -> None:
        super().__init__(_TF, getattr(tf.compat.v1, "__doc__", None))
        self.__dict__["_xc_tf"] = tf
        self.__dict__["_xc_v1"] = tf.compat.v1
        self.__dict__["__file__"] = getattr(tf, "__file__", None)
        self.__dict__["compat"] = _CompatModule(tf.compat, self)
        self.__dict__.update(overrides or {})

    def __getattr__(self, name: str) -> Any:
        v1 = self.__dict__["_xc_v1"]
        if name == "__all__":  # `from tensorflow import *`
            return [n for n in dir(v1) if not n.startswith("_")]
        if name.startswith("__") and name.endswith("__") and name not in ("__version__", "__git_version__"):
            raise AttributeError(name)
        try:
            return getattr(v1, name)
        except AttributeError:
            pass
        entry = sys.modules.get(_TF + "." + name)
        if entry is not None:
            return entry
        try:
            return getattr(self.__dict__["_xc_tf"], name)
        except AttributeError:
            raise AttributeError("module 'tensorflow' (TF1 API served by xavier_compat) has no attribute %r"
                                 % (name,)) from None

    def __dir__(self) -> list:
        return sorted(set(dir(self.__dict__["_xc_v1"])) | set(self.__dict__))

    def __repr__(self) -> str:
        return "<module 'tensorflow' (TF1 API of TensorFlow %s, served by xavier_compat)>" % (
            getattr(self.__dict__["_xc_tf"], "__version__", "?"),)


class _CompatModule(types.ModuleType):
    """``tf.compat`` as a TF1 script sees it: ``compat.v1`` is the script's v1 module, the rest is TF's."""

    def __init__(self, compat: Any, v1: V1Module) -> None:
        super().__init__(_TF + ".compat", getattr(compat, "__doc__", None))
        self.__dict__["_xc_compat"] = compat
        self.__dict__["v1"] = v1

    def __getattr__(self, name: str) -> Any:
        return getattr(self.__dict__["_xc_compat"], name)

    def __dir__(self) -> list:
        return sorted(set(dir(self.__dict__["_xc_compat"])) | {"v1"})


class ImportRedirect:
    """A ``builtins.__import__`` wrapper giving user code the v1 module for TensorFlow imports.

    ``import tensorflow[.x] [as n]`` and ``from tensorflow[.compat.v1] import X`` resolve through the v1
    module; ``from tensorflow.compat import v1`` through its ``compat``; other ``from tensorflow.x import
    y`` statements get the real submodule.  The real import always runs first, so submodules load.
    """

    def __init__(self, v1: V1Module) -> None:
        self.v1 = v1
        self.is_user = _UserCode()
        self.original: Any = None

    def __call__(self, name, globals=None, locals=None, fromlist=(), level=0):  # noqa: A002 (builtin's names)
        module = self.original(name, globals, locals, fromlist, level)
        if level or not (name == _TF or name.startswith(_TF + ".")) or not self.is_user(globals):
            return module
        if not fromlist or name in (_TF, _TF + ".compat.v1"):
            return self.v1
        if name == _TF + ".compat":
            return self.v1.compat
        return module

    def install(self) -> None:
        if self.original is None:
            self.original = builtins.__import__
            builtins.__import__ = self

    def uninstall(self) -> None:
        if self.original is not None:
            if builtins.__import__ is self:
                builtins.__import__ = self.original
            self.original = None


class LegacyWorld:
    """The TensorFlow world one run of a script needs; :meth:`enter` before the script, :meth:`exit` after.

    Attributes after :meth:`enter`: ``mode`` (one of ``_detect.MODES``, ``'tf1-native'`` on TF 1.x, or
    ``None`` when the program cannot reach TensorFlow and nothing was set up) and ``reason``.
    """

    def __init__(self, script: str, forced: Optional[str] = None) -> None:
        if forced not in (None, "tf1", "tf2"):
            raise ValueError("forced=%r is not a runner mode; use one of None, 'tf1', 'tf2'" % (forced,))
        self.script = script
        self.forced = forced
        self.facts = _detect.scan_program(script)
        self.mode: Optional[str] = None
        self.reason = "the program imports no third-party module"
        self.module: Optional[V1Module] = None
        self._redirect: Optional[ImportRedirect] = None
        self._saved_env: Optional[tuple] = None

    def needs_tensorflow(self) -> bool:
        """False only when the program (script + local modules) imports nothing but the standard library."""
        facts = self.facts
        if facts.imports_tensorflow or facts.dynamic_imports or self.forced:
            return True
        return any(not _is_stdlib(name) for name in facts.imported_tops)

    def enter(self) -> None:
        """Set up TensorFlow for the script (see the module docstring)."""
        if self.facts.syntax_error:
            self.reason = "the script does not parse; Python will report it"
            return
        if not self.needs_tensorflow():
            return
        self._maybe_request_tf_keras()
        tf = _backend.tf()
        from . import patching

        if _backend.is_tf1():
            patching.install()
            self.mode, self.reason = "tf1-native", "TensorFlow %s is TF1 already" % tf.__version__
            return
        v2 = getattr(tf.compat, "v2", tf)
        v1_only = set(dir(tf.compat.v1)) - set(dir(v2))
        self.mode, self.reason = _detect.decide(self.facts, v1_only, self.forced)
        overrides = {}
        keras3 = self.mode != _detect.TF2 and _backend.keras_flavour() == _backend.KERAS3
        if keras3:
            print("xavier-compat: note: tf.keras is Keras 3 here, which has no TF1 graph mode or v1 "
                  "TensorShape; TF1 scripts want tf-keras: pip install 'xavier-compat[legacy]'",
                  file=sys.stderr)
        if self.mode == _detect.TF1_GRAPH:
            tf.compat.v1.disable_v2_behavior()
            if _backend.remapper_breaks_tf1_graphs():  # a grappler pass only: the graph's maths is unchanged
                tf.config.optimizer.set_experimental_options({"remapping": False})
                self.reason += "; grappler remapping off (TF 2.15 aborts on some TF1 graphs)"
        elif self.mode == _detect.TF1_EAGER:
            if not keras3:  # Keras 3 cannot digest v1 Dimension objects: there dims keep TF2's ints
                tf.compat.v1.disable_v2_tensorshape()
            from . import variables

            overrides = {name: getattr(variables, name) for name in EAGER_VARIABLE_NAMES}
        patching.install()
        if self.mode != _detect.TF2:
            self.module = V1Module(tf, overrides)
            self._redirect = ImportRedirect(self.module)
            self._redirect.install()

    def exit(self) -> None:
        """Remove the import redirect, restore ``TF_USE_LEGACY_KERAS``; TF's mode stays as the run left it."""
        if self._redirect is not None:
            self._redirect.uninstall()
            self._redirect = None
        if self._saved_env is not None:
            name, value = self._saved_env
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
            self._saved_env = None

    def _maybe_request_tf_keras(self) -> None:
        """TF1 programs get tf-keras as tf.keras on TF >= 2.16, decided before TensorFlow is imported."""
        if _TF in sys.modules or _LEGACY_KERAS_ENV in os.environ or self.forced == "tf2":
            return
        guess = _detect.decide(self.facts, STATIC_V1_GUESS, self.forced)[0]
        if guess != _detect.TF2 and _backend.tf_keras_available():
            self._saved_env = (_LEGACY_KERAS_ENV, None)
            os.environ[_LEGACY_KERAS_ENV] = "1"


def _is_stdlib(name: str) -> bool:
    """True for a top-level module of the standard library (found without importing it)."""
    names = getattr(sys, "stdlib_module_names", None)  # Python >= 3.10
    if names is not None:
        return name in names
    if name in sys.builtin_module_names:
        return True
    import importlib.util

    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return False
    if spec is None or not spec.origin:
        return spec is not None
    stdlib = os.path.realpath(sysconfig.get_paths()["stdlib"]) + os.sep
    origin = os.path.realpath(spec.origin)
    return origin.startswith(stdlib) and "site-packages" not in origin

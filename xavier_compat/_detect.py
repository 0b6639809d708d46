"""Read a script (``ast``, never running it) to decide whether it is TF1 code and which TF1 world it needs.

Pure: imports no TensorFlow, only reads source files.  :func:`scan_program` collects *facts* from the
script and from the local modules it imports (one level deep); :func:`decide` turns facts into a mode::

    facts = scan_program("train.py")
    mode, reason = decide(facts, v1_only_names={"get_variable", "placeholder", ...})

How the decision is made (first rule that applies wins):

1. ``--tf1`` / ``--tf2`` on the command line force :data:`TF1_GRAPH` / :data:`TF2`.
2. :data:`TF1_GRAPH` when the program uses a session or a placeholder through TensorFlow (``tf.Session``,
   ``tf.InteractiveSession``, ``tf.train.MonitoredTrainingSession``, ``tf.placeholder``,
   ``tf.compat.v1.Session``, ``from tensorflow import Session`` ...) or switches graph mode on itself
   (``disable_eager_execution`` / ``disable_v2_behavior``).
3. :data:`TF1_EAGER` when it uses TF1 without sessions: a name of TF1's top-level API that TF2 dropped
   (``tf.get_variable``, ``tf.variable_scope``, ``tf.random_uniform``, ``tf.layers``; the caller passes
   that set, read from the installed TensorFlow), a TF1-only keyword argument on a TensorFlow call
   (``keep_prob=``, ``keep_dims=``, ``reduction_indices=``, ``squeeze_dims=``) or
   ``enable_eager_execution()``.
4. :data:`TF2` otherwise.  ``tf.contrib`` alone does not make a script TF1: TF2 has no ``contrib`` whose
   meaning could clash, ``install()`` adds the façade, and a TF2/Keras script that kept a contrib
   initializer keeps its TF2 meaning (and Keras 3 where that is ``tf.keras``).

Uses inside a branch of ``if tf.executing_eagerly():`` or of a test on ``tf.__version__`` do not count:
such code already handles both worlds.  Names reached through an inline ``tf.compat.v1.X`` on a TF2
``tf`` count only for rule 2: the author chose the v1 name explicitly, so plain ``tf`` stays TF2.
A module imported as ``import tensorflow.compat.v1 as tf`` counts like plain TF1 ``tf``.
"""
import ast
import os
from typing import Dict, Iterable, List, Optional, Set, Tuple

TF1_GRAPH = "tf1-graph"  # v2 behaviour disabled, user code gets the v1 API
TF1_EAGER = "tf1-eager"  # eager, user code gets the v1 API with TF1 variable sharing
TF2 = "tf2"  # eager TF2, the real tensorflow module plus install()
MODES = (TF1_GRAPH, TF1_EAGER, TF2)

#: Attribute names that make a program graph-mode TF1 code.
SESSION_NAMES = frozenset(["Session", "InteractiveSession", "MonitoredTrainingSession", "MonitoredSession",
                           "SingularMonitoredSession"])
PLACEHOLDER_NAMES = frozenset(["placeholder", "placeholder_with_default", "sparse_placeholder"])
GRAPH_SWITCHES = frozenset(["disable_eager_execution", "disable_v2_behavior"])
EAGER_SWITCHES = frozenset(["enable_eager_execution"])
#: Keyword arguments that exist only in TF1 signatures (their TF2 twins mean something else or are renamed).
TF1_KEYWORDS = frozenset(["keep_prob", "keep_dims", "reduction_indices", "squeeze_dims"])
#: Top-level names recorded as contrib uses (facts only: contrib alone keeps a script TF2, see rule 4).
CONTRIB = "contrib"
_DYNAMIC_IMPORTERS = frozenset(["import_module", "__import__", "exec", "run_path", "run_module"])
_GUARD_NAMES = frozenset(["executing_eagerly", "__version__", "VERSION"])


class Facts:
    """What :func:`scan_program` found; every list holds ``(path, lineno, what)`` tuples."""

    def __init__(self) -> None:
        self.files: List[str] = []
        self.syntax_error = False  # the script itself does not parse (local modules are skipped)
        self.imports_tensorflow = False
        self.graph_uses: List[Tuple[str, int, str]] = []
        self.eager_switches: List[Tuple[str, int, str]] = []
        self.tf1_keywords: List[Tuple[str, int, str]] = []
        self.contrib_uses: List[Tuple[str, int, str]] = []
        self.top_names: Dict[str, Tuple[str, int]] = {}  # tf.X used on a TF1-style alias
        self.imported_tops: Set[str] = set()  # non-local top-level modules imported
        self.dynamic_imports = False


def _dotted(node: ast.AST) -> Tuple[Optional[str], List[str]]:
    """``a.b.c`` -> ('a', ['b', 'c']); anything not rooted at a Name -> (None, [])."""
    parts: List[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.reverse()
        return node.id, parts
    return None, []


def _string(node: ast.AST) -> Optional[str]:
    """The value of a string literal node (``ast.Str`` on Python 3.7, ``ast.Constant`` later), else None."""
    value = getattr(node, "value", None) if isinstance(node, ast.Constant) else getattr(node, "s", None)
    return value if isinstance(value, str) else None


class _Scanner(ast.NodeVisitor):
    """One file: resolve TensorFlow aliases, then record uses."""

    def __init__(self, path: str, facts: Facts) -> None:
        self.path = path
        self.facts = facts
        self.aliases: Dict[str, str] = {}  # local name -> 'tf' | 'v1' | 'compat'
        self.guard = 0
        self.local_imports: List[List[str]] = []  # dotted names, for module discovery
        self.path_hints: List[str] = []  # string literals given to sys.path.append/insert

    # --- imports -------------------------------------------------------------------------------
    def _use(self, kind: str, parts: List[str], lineno: int) -> None:
        explicit_v1 = False
        if kind == "tf" and parts[:2] == ["compat", "v1"]:
            parts, explicit_v1 = parts[2:], True
        elif kind == "compat":
            if parts[:1] != ["v1"]:
                return
            parts, explicit_v1 = parts[1:], True
        if not parts:
            return
        where = (self.path, lineno, ".".join(parts))
        if self.guard:
            return
        if SESSION_NAMES.intersection(parts) or PLACEHOLDER_NAMES.intersection(parts) or \
                GRAPH_SWITCHES.intersection(parts):
            self.facts.graph_uses.append(where)
        if EAGER_SWITCHES.intersection(parts):
            self.facts.eager_switches.append(where)
        if parts[0] == CONTRIB:
            self.facts.contrib_uses.append(where)
        if not explicit_v1:
            self.facts.top_names.setdefault(parts[0], (self.path, lineno))

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            parts = alias.name.split(".")
            self.facts.imported_tops.add(parts[0])
            self.local_imports.append(parts)
            if parts[0] != "tensorflow":
                continue
            self.facts.imports_tensorflow = True
            if parts[1:2] == ["contrib"]:
                self.facts.contrib_uses.append((self.path, node.lineno, alias.name))
            if alias.asname is None:
                self.aliases["tensorflow"] = "tf"
            elif parts[1:] == ["compat", "v1"]:
                self.aliases[alias.asname] = "v1"
            elif parts[1:] == ["compat"]:
                self.aliases[alias.asname] = "compat"
            elif len(parts) == 1:
                self.aliases[alias.asname] = "tf"

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.level or not node.module:
            return
        parts = node.module.split(".")
        self.facts.imported_tops.add(parts[0])
        for alias in node.names:
            self.local_imports.append(parts + [alias.name])
        if parts[0] != "tensorflow":
            return
        self.facts.imports_tensorflow = True
        if parts[1:2] == ["contrib"]:
            self.facts.contrib_uses.append((self.path, node.lineno, node.module))
        for alias in node.names:
            bound = alias.asname or alias.name
            if parts == ["tensorflow"]:
                if alias.name == "compat":
                    self.aliases[bound] = "compat"
                else:
                    self._use("tf", [alias.name], node.lineno)
            elif parts == ["tensorflow", "compat"] and alias.name == "v1":
                self.aliases[bound] = "v1"
            elif parts == ["tensorflow", "compat", "v1"]:
                self._use("v1", [alias.name], node.lineno)

    # --- uses ----------------------------------------------------------------------------------
    def visit_Attribute(self, node: ast.Attribute) -> None:
        root, parts = _dotted(node)
        if root is None:
            self.generic_visit(node)
        elif root in self.aliases:
            self._use(self.aliases[root], parts, node.lineno)

    def visit_Call(self, node: ast.Call) -> None:
        root, parts = _dotted(node.func)
        if root in self.aliases and not self.guard:
            for kw in node.keywords:
                if kw.arg in TF1_KEYWORDS:
                    self.facts.tf1_keywords.append((self.path, node.lineno, "%s=" % kw.arg))
        name = parts[-1] if parts else root
        if name in _DYNAMIC_IMPORTERS:
            self.facts.dynamic_imports = True
        if root == "sys" and parts[:1] == ["path"] and parts[1:] in (["append"], ["insert"]):
            for sub in ast.walk(node):
                text = _string(sub)
                if text and not os.path.isabs(text):
                    self.path_hints.append(text)
        self.generic_visit(node)

    def visit_If(self, node: ast.If) -> None:
        guarded = any(isinstance(sub, ast.Attribute) and sub.attr in _GUARD_NAMES
                      for sub in ast.walk(node.test))
        self.visit(node.test)
        self.guard += guarded
        for stmt in node.body + node.orelse:
            self.visit(stmt)
        self.guard -= guarded


def _scan_file(path: str, facts: Facts) -> Optional[_Scanner]:
    try:
        with open(path, "rb") as handle:
            tree = ast.parse(handle.read(), filename=path)
    except (SyntaxError, ValueError, OSError):
        return None
    facts.files.append(path)
    scanner = _Scanner(path, facts)
    # aliases first (imports may follow their use inside functions), then uses
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            scanner.visit(node)
    for node in tree.body:
        if not isinstance(node, (ast.Import, ast.ImportFrom)):
            scanner.visit(node)
    return scanner


def _local_files(dirs: Iterable[str], dotted: List[str]) -> List[str]:
    """Source files in ``dirs`` that ``import a.b`` / ``from a.b import c`` may load."""
    found = []
    for base in dirs:
        for depth in range(1, len(dotted) + 1):
            stem = os.path.join(base, *dotted[:depth])
            for candidate in (stem + ".py", os.path.join(stem, "__init__.py")):
                if os.path.isfile(candidate) and candidate not in found:
                    found.append(candidate)
    return found


def scan_program(script: str) -> Facts:
    """Facts about ``script`` and the local modules it imports (one level deep).

    Local means: a ``NAME.py`` or package ``NAME/`` next to the script, or in a directory the script adds
    to ``sys.path`` with a relative literal (``sys.path.append(os.path.join(BASE_DIR, 'utils'))``).
    """
    facts = Facts()
    script = os.path.abspath(script)
    scanner = _scan_file(script, facts)
    if scanner is None:
        facts.syntax_error = True  # python will report it when it runs the script
        return facts
    here = os.path.dirname(script)
    dirs = [here] + [os.path.normpath(os.path.join(here, hint)) for hint in scanner.path_hints]
    dirs = [d for d in dirs if os.path.isdir(d)]
    local_tops = set()
    for dotted in scanner.local_imports:
        files = _local_files(dirs, dotted)
        if files:
            local_tops.add(dotted[0])
        for path in files:
            if path not in facts.files:
                sub = _scan_file(path, facts)
                if sub is not None:
                    local_tops.update(d[0] for d in sub.local_imports if _local_files(dirs, d[:1]))
    facts.imported_tops -= local_tops
    return facts


def decide(facts: Facts, v1_only_names: Iterable[str] = (), forced: Optional[str] = None) -> Tuple[str, str]:
    """``(mode, reason)`` for a program: one of :data:`MODES` and a sentence saying why.

    ``v1_only_names`` are the top-level names of TF1's API that the installed TF2 lacks (the runner reads
    them from ``tf.compat.v1`` and ``tf.compat.v2``); ``forced`` is ``'tf1'``, ``'tf2'`` or ``None``.
    """
    if forced not in (None, "tf1", "tf2"):
        raise ValueError("forced=%r is not a runner mode; use one of None, 'tf1', 'tf2'" % (forced,))
    if forced == "tf1":
        return TF1_GRAPH, "--tf1 given"
    if forced == "tf2":
        return TF2, "--tf2 given"

    def at(use: Tuple[str, int, str]) -> str:
        return "%s at %s:%d" % (use[2], os.path.basename(use[0]), use[1])

    if facts.graph_uses:
        return TF1_GRAPH, "uses sessions or placeholders (%s)" % at(facts.graph_uses[0])
    v1_names = set(v1_only_names) - {CONTRIB}
    for name in sorted(facts.top_names):
        if name in v1_names:
            path, line = facts.top_names[name]
            return TF1_EAGER, "uses TF1 names without sessions (tf.%s at %s:%d)" % (
                name, os.path.basename(path), line)
    for uses, what in ((facts.tf1_keywords, "a TF1-only keyword"),
                       (facts.eager_switches, "TF1 eager execution")):
        if uses:
            return TF1_EAGER, "uses %s without sessions (%s)" % (what, at(uses[0]))
    return TF2, "no session, placeholder or TF1-only name found"

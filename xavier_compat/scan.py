"""List a codebase's legacy initializer call sites, what xavier_compat does with each, and their TF2 twins.

Usage::

    xavier-compat scan src/ notebooks/                # a readable table
    xavier-compat scan --format json src/ > scan.json # for tools
    xavier-compat scan --fail-on-unsupported src/     # CI: exit 1 if a tf.contrib member will still fail

    from xavier_compat.scan import scan_paths
    for f in scan_paths(["src"]):
        print(f.location, f.kind, f.replacement)

Works with Python's ``ast`` only (no regular expressions, no TensorFlow import): names are resolved
through each file's imports, so ``import tensorflow.compat.v1 as tf``, ``from tensorflow.contrib.layers
import xavier_initializer as xi``, ``from tensorflow.contrib import layers`` and ``import
tensorflow.contrib.slim as slim`` all count; ``tf`` and ``np`` mean TensorFlow and NumPy when a file
binds neither.  Directories are walked recursively for ``.py`` and ``.ipynb`` files, skipping ``.git``,
``__pycache__``, ``.tox``, virtualenvs (``venv``, ``.venv``, any directory holding ``pyvenv.cfg``) and
``site-packages``.  Files that do not parse (Python 2's ``print x``) are reported and the scan goes on.

Kinds (:data:`KINDS`): ``contrib_initializer`` (xavier_initializer, xavier_initializer_conv2d,
variance_scaling_initializer), ``prettytensor_xavier_init`` (prettytensor's, or a local copy named
``xavier_init``), ``tf1_initializer`` (tf.glorot_*_initializer), ``tf1_variables`` (get_variable,
variable_scope), ``tf_layers`` (tf.layers.*), ``handwritten_xavier`` (a random draw whose limit or stddev
is ``gain * sqrt(k / (fan_in + fan_out))``, the Q&A's ``4*np.sqrt(6.0/(fan_in + fan_out))`` included),
``handwritten_variance_scaling`` (the same over a single fan), ``lookalike`` (a fixed-scale draw used for
weights: *not* Xavier, e.g. ``tf.random_normal_initializer(seed=1)``), ``contrib_provided`` (a tf.contrib
member the shim provides: first use per file), ``contrib_unsupported`` (one it does not provide: it
will still fail on TF2), ``syntax_error`` and ``unreadable``.

Locations: ``path:line:col``, line and column 1-based, the column in characters.  In notebooks the
location is ``path[cell]:line:col`` where ``cell`` is the 0-based index in the notebook's ``cells`` list
(markdown cells count, so ``nb["cells"][cell]`` is the cell) and ``line`` the line within that cell;
IPython magics (``%...``, ``!...``) are read as ``pass``.

JSON schema (``--format json``)::

    {"schema": "xavier-compat-scan/1",
     "files_scanned": int,
     "findings": [{"path": str, "line": int, "col": int, "cell": int | null, "location": str,
                   "kind": str, "name": str, "call": str, "shim": str, "replacement": str,
                   "note": str, "unsupported": bool}, ...],
     "unsupported_members": [{"name": str, "replacement": str, "count": int}, ...],
     "summary": {"findings": int, "syntax_errors": int, "unsupported": int, "by_kind": {str: int}}}

``call`` is the call's source text (continuation lines joined by a space; on Python 3.7 an equivalent
unparsed expression), ``shim`` what xavier_compat does with it (TF1 and TF2), ``replacement`` the
TF2-native equivalent with the call's arguments.  Exit status: 0, or 1 with ``--fail-on-unsupported``
when a ``contrib_unsupported`` finding exists; 2 for a usage error or a missing path.
"""
import argparse
import ast
import io
import json
import os
import shutil
import sys
import time
import tokenize
from dataclasses import asdict, dataclass
from typing import Dict, Iterator, List, Optional, Sequence, TextIO, Tuple

from . import _scan_rules
from ._scan_ast import Analysis, Hit
from ._scan_text import Source

SHIM_PROVIDES = _scan_rules.SHIM_PROVIDES
KINDS = ("contrib_initializer", "prettytensor_xavier_init", "tf1_initializer", "tf1_variables", "tf_layers",
         "handwritten_xavier", "handwritten_variance_scaling", "lookalike", "contrib_provided",
         "contrib_unsupported", "syntax_error", "unreadable")
SCHEMA = "xavier-compat-scan/1"
SKIP_DIRS = frozenset([".git", ".hg", ".svn", "__pycache__", ".tox", ".nox", ".venv", "venv", "site-packages",
                       "dist-packages", ".ipynb_checkpoints", "node_modules", ".mypy_cache", ".pytest_cache",
                       ".eggs"])
# A file mentioning none of these cannot hold a finding: it is parsed (syntax errors) but not analysed.
_TRIGGERS = ("tf", "tensorflow", "np", "numpy", "random", "prettytensor", "xavier")


@dataclass
class Finding:
    """One legacy call site (or an unparseable file) and what to do about it."""

    path: str
    line: int
    col: int
    cell: Optional[int]
    kind: str
    name: str
    call: str
    shim: str
    replacement: str
    note: str = ""
    unsupported: bool = False

    @property
    def location(self) -> str:
        where = self.path if self.cell is None else "%s[%d]" % (self.path, self.cell)
        return "%s:%d:%d" % (where, self.line, self.col)

    def to_dict(self) -> Dict[str, object]:
        d = asdict(self)
        d["location"] = self.location
        return d


def iter_files(paths: Sequence[str]) -> Iterator[str]:
    """The .py / .ipynb files under ``paths`` (files given explicitly are taken whatever their suffix)."""
    for path in paths:
        if os.path.isdir(path):
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS
                                 and not os.path.isfile(os.path.join(root, d, "pyvenv.cfg")))
                for name in sorted(files):
                    if name.endswith((".py", ".ipynb")):
                        yield os.path.join(root, name)
        elif os.path.isfile(path):
            yield path
        else:
            raise FileNotFoundError("no such file or directory: %r" % (path,))


def scan_paths(paths: Sequence[str], progress: Optional[TextIO] = None) -> List["Finding"]:
    """Scan files and directories; findings in path order, then source order.

    ``progress``: a stream for a one-line progress display, used only if it is a TTY.
    """
    return _scan(paths, progress)[0]


def scan_source(text: str, path: str = "<string>") -> List[Finding]:
    """Scan one module's source text (handy in tests and editors)."""
    return _scan_python(path, text)


def _scan(paths: Sequence[str], progress: Optional[TextIO]) -> Tuple[List[Finding], int]:
    files = list(iter_files([os.fspath(p) for p in paths]))
    bar = _Progress(progress, len(files))
    findings = []  # type: List[Finding]
    for i, path in enumerate(files):
        bar.update(i, path)
        findings.extend(scan_file(path))
    bar.close()
    return findings, len(files)


def scan_file(path: str) -> List[Finding]:
    """Scan one .py or .ipynb file."""
    try:
        with open(path, "rb") as fh:
            data = fh.read()
        text = _decode(data)
    except (OSError, UnicodeDecodeError, SyntaxError) as exc:
        return [_problem(path, "unreadable", 1, 1, None, "", "cannot read the file: %s" % (exc,))]
    if path.endswith(".ipynb"):
        return _scan_notebook(path, text)
    return _scan_python(path, text)


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
        return data.decode(encoding)


def _problem(path: str, kind: str, line: int, col: int, cell: Optional[int], text: str, msg: str) -> Finding:
    return Finding(path, line, col, cell, kind, "", text, "not scanned: the code does not parse as Python 3",
                   "", msg)


def _parse(path: str, text: str, cell: Optional[int]) -> Tuple[Optional[ast.AST], Optional[Finding]]:
    try:
        return ast.parse(text, filename=path), None
    except SyntaxError as exc:
        line = exc.lineno or 1
        lines = text.split("\n")  # the line from this source (a cell), never re-read from disk
        shown = lines[line - 1].strip() if 0 < line <= len(lines) else ""
        return None, _problem(path, "syntax_error", line, exc.offset or 1, cell, shown,
                              "SyntaxError: %s" % (exc.msg,))
    except (ValueError, RecursionError, MemoryError) as exc:  # NUL bytes, absurd nesting
        return None, _problem(path, "syntax_error", 1, 1, cell, "", "%s: %s" % (type(exc).__name__, exc))


def _scan_python(path: str, text: str) -> List[Finding]:
    tree, problem = _parse(path, text, None)
    if problem is not None:
        return [problem]
    if not any(word in text for word in _TRIGGERS):
        return []
    return _findings(path, [(tree, Source(text))], [None])


def _scan_notebook(path: str, text: str) -> List[Finding]:
    try:
        nb = json.loads(text)
        cells = nb.get("cells")
        if cells is None:  # nbformat 3
            cells = [c for ws in nb.get("worksheets", []) for c in ws.get("cells", [])]
    except (ValueError, AttributeError) as exc:
        return [_problem(path, "unreadable", 1, 1, None, "", "not a notebook: %s" % (exc,))]
    out, units, cell_ids = [], [], []  # type: Tuple[List[Finding], list, List[Optional[int]]]
    for index, cell in enumerate(cells):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        source = cell.get("source", cell.get("input", ""))
        code = _strip_magics("".join(source) if isinstance(source, list) else str(source))
        if code is None:
            continue
        tree, problem = _parse(path, code, index)
        if problem is not None:
            out.append(problem)
        else:
            units.append((tree, Source(code)))
            cell_ids.append(index)
    if units:
        out.extend(_findings(path, units, cell_ids))
    out.sort(key=lambda f: (f.cell, f.line, f.col))
    return out


def _strip_magics(code: str) -> Optional[str]:
    """IPython lines (``%magic``, ``!shell``) become ``pass``; a non-Python cell magic drops the cell."""
    lines = code.split("\n")
    if lines and lines[0].lstrip().startswith("%%"):
        if lines[0].split()[0] not in ("%%time", "%%timeit", "%%capture"):
            return None
        lines[0] = ""
    for i, line in enumerate(lines):
        stripped = line.lstrip()
        if stripped.startswith(("%", "!")):
            lines[i] = line[:len(line) - len(stripped)] + "pass"
    return "\n".join(lines)


def _findings(path: str, units: list, cell_ids: List[Optional[int]]) -> List[Finding]:
    analysis = Analysis(units)
    out = []
    for hit in analysis.hits():
        src = units[hit.unit][1]
        out.append(_finding(path, src, hit, cell_ids[hit.unit]))
    return out


def _finding(path: str, src: Source, hit: Hit, cell: Optional[int]) -> Finding:
    node = hit.node
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        text = src.lines[node.lineno - 1].strip()
    else:
        text = src.segment(node)
    return Finding(path, node.lineno, src.column(node), cell, hit.kind, hit.name, text, hit.shim,
                   hit.replacement, hit.note, hit.kind == "contrib_unsupported")


class _Progress:
    """A single self-rewriting stderr line, only on a TTY, at most ten updates a second."""

    def __init__(self, stream: Optional[TextIO], total: int) -> None:
        isatty = getattr(stream, "isatty", None)
        self.stream = stream if stream is not None and isatty is not None and isatty() else None
        self.total, self.last = total, 0.0

    def update(self, i: int, path: str) -> None:
        now = time.monotonic()
        if self.stream is None or now - self.last < 0.1:
            return
        self.last = now
        width = shutil.get_terminal_size((80, 20)).columns - 1
        line = "scanning %d/%d %s" % (i + 1, self.total, path)
        self.stream.write("\r\x1b[K" + line[:width])
        self.stream.flush()

    def close(self) -> None:
        if self.stream is not None and self.last:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def unsupported_members(findings: Sequence[Finding]) -> List[Dict[str, object]]:
    """Distinct unsupported tf.contrib members, with their replacement and number of sites."""
    seen = {}  # type: Dict[str, Dict[str, object]]
    for f in findings:
        if f.unsupported:
            entry = seen.setdefault(f.name, {"name": f.name, "replacement": f.replacement, "count": 0})
            entry["count"] = int(entry["count"]) + 1  # type: ignore[call-overload]
    return [seen[k] for k in sorted(seen)]


def to_json(findings: Sequence[Finding], files_scanned: int) -> Dict[str, object]:
    """The ``--format json`` document (schema in the module docstring)."""
    by_kind = {}  # type: Dict[str, int]
    for f in findings:
        by_kind[f.kind] = by_kind.get(f.kind, 0) + 1
    return {
        "schema": SCHEMA,
        "files_scanned": files_scanned,
        "findings": [f.to_dict() for f in findings],
        "unsupported_members": unsupported_members(findings),
        "summary": {"findings": len(findings), "syntax_errors": by_kind.get("syntax_error", 0),
                    "unsupported": by_kind.get("contrib_unsupported", 0), "by_kind": by_kind},
    }


def format_table(findings: Sequence[Finding], files_scanned: int, width: int = 100) -> str:
    """The default human-readable report."""
    if not findings:
        return "No legacy initializer call sites in %d file(s).\n" % files_scanned
    loc_w = min(max(len(f.location) for f in findings), 60)
    kind_w = max(len(f.kind) for f in findings)
    lines = ["%-*s  %-*s  %s" % (loc_w, "LOCATION", kind_w, "KIND", "CALL")]
    for f in findings:
        call = f.call if len(f.call) <= width else f.call[:width - 3] + "..."
        lines.append("%-*s  %-*s  %s" % (loc_w, f.location, kind_w, f.kind, call))
        for label, value in (("xavier_compat", f.shim), ("TF2 native", f.replacement), ("note", f.note)):
            if value:
                lines.append("    %-14s %s" % (label + ":", value))
    members = unsupported_members(findings)
    if members:
        lines += ["", "tf.contrib members xavier_compat does NOT provide (they still fail on TF2):"]
        for m in members:
            lines.append("    %s (%d site%s) -> %s" % (m["name"], m["count"], "" if m["count"] == 1 else "s",
                                                        m["replacement"]))
    summary = to_json(findings, files_scanned)["summary"]
    kinds = ", ".join("%s %d" % kv for kv in sorted(summary["by_kind"].items()))  # type: ignore[union-attr]
    lines += ["", "%d finding(s) in %d file(s): %s." % (len(findings), files_scanned, kinds)]
    return "\n".join(lines) + "\n"


def main(argv: Optional[List[str]] = None) -> int:
    """``xavier-compat scan [--format table|json] [--fail-on-unsupported] PATH...``; returns the exit code."""
    parser = argparse.ArgumentParser(prog="xavier-compat scan",
                                     description="List legacy initializer call sites and their fate.")
    parser.add_argument("paths", nargs="+", metavar="PATH", help=".py / .ipynb files or directories")
    parser.add_argument("--format", choices=("table", "json"), default="table")
    parser.add_argument("--fail-on-unsupported", action="store_true",
                        help="exit 1 when a tf.contrib member the shim does not provide is used")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help (0) or a usage error (2)
        return exc.code if isinstance(exc.code, int) else 2
    try:
        findings, count = _scan(args.paths, sys.stderr)
    except FileNotFoundError as exc:
        sys.stderr.write("xavier-compat scan: %s\n" % (exc,))
        return 2
    if args.format == "json":
        sys.stdout.write(json.dumps(to_json(findings, count), indent=2) + "\n")
    else:
        sys.stdout.write(format_table(findings, count))
    if args.fail_on_unsupported and any(f.unsupported for f in findings):
        return 1
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

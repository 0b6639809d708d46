"""xavier_compat.scan: pure AST scanning (no TensorFlow), on every Python from 3.7."""
import ast
import io
import json
import os
import sys
from pathlib import Path

import pytest

from _helpers import run_code
from xavier_compat import _scan_text, scan
from xavier_compat.scan import Finding, main, scan_paths, scan_source

HERE = Path(__file__).parent
DATA = HERE / "data" / "scan"
SEEDS = HERE / "acceptance" / "seed_snippets"


def norm(text):
    """Compare call texts across Pythons: 3.7 unparses (other spaces and quotes)."""
    return "".join(text.split()).replace('"', "'")


def by_kind(findings, kind):
    return [f for f in findings if f.kind == kind]


def one(findings, kind, **match):
    hits = [f for f in by_kind(findings, kind) if all(getattr(f, k) == v for k, v in match.items())]
    assert len(hits) == 1, (kind, match, findings)
    return hits[0]


# -- the founding Q&A's snippets ------------------------------------------------------------------
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="tests/acceptance/seed_snippets not copied in")


@needs_seeds
def test_seed_snippets_every_legacy_site_with_its_twin():
    findings = scan_paths([str(SEEDS)])
    files = {}
    for f in findings:
        files.setdefault(os.path.basename(f.path), []).append(f)
    assert "s08_tf2_glorot_uniform.py" not in files  # TF2-native code: nothing legacy
    assert all(f.kind != "syntax_error" for f in findings)

    s01 = one(files["s01_manual_uniform_sigmoid.py"], "handwritten_xavier")
    assert (s01.line, s01.col) == (11, 24)
    assert norm(s01.call) == norm("tf.random_uniform(shape, minval=low, maxval=high, dtype=tf.float32)")
    assert "scale=16.0, mode='fan_avg', distribution='uniform'" in s01.replacement  # gain 4 -> 4**2
    assert "gain 4.0" in s01.note

    s02 = files["s02_prettytensor_xavier_init.py"]
    kinds = sorted(f.kind for f in s02)
    assert kinds == ["handwritten_xavier"] * 2 + ["prettytensor_xavier_init"] * 2 + ["tf1_variables"] * 2
    normal = one(s02, "handwritten_xavier", line=18)
    assert "scale=1.5 * 0.87962566103423978 ** 2" in normal.replacement
    assert "truncated_normal" in normal.replacement and "NOT GlorotNormal" in normal.note
    pretty = one(s02, "prettytensor_xavier_init", line=22)
    assert "TruncatedNormal(stddev=math.sqrt(3.0 / (300 + 100)))" in pretty.replacement
    assert "def at line 9" in pretty.note

    for name in ("s03_get_variable_contrib.py", "s04_session_print.py"):
        init = one(files[name], "contrib_initializer")
        assert init.replacement == "tf.keras.initializers.GlorotUniform()"
        var = one(files[name], "tf1_variables")
        assert var.replacement.startswith("tf.Variable(tf.keras.initializers.GlorotUniform()(shape=")
        assert "xavier_compat.get_variable" in var.shim
    assert len(files["s05_graph_initializer_object.py"]) == 1
    s06 = files["s06_layers_kernel_initializer.py"]
    assert len(by_kind(s06, "contrib_initializer")) == 3 and len(by_kind(s06, "tf_layers")) == 4
    conv = one(s06, "tf_layers", line=8)
    assert norm(conv.replacement) == norm("tf.keras.layers.Conv2D(128, 5, strides=2, padding='SAME', "
                                          "kernel_initializer=tf.keras.initializers.GlorotUniform())(input)")
    assert one(s06, "tf_layers", line=15).replacement == "tf.keras.layers.Flatten()(up)"
    assert len(files["s07_one_liner.py"]) == 1
    seeded = one(files["s09_seeded_tf1.py"], "contrib_initializer")
    assert seeded.replacement == "tf.keras.initializers.GlorotUniform(seed=1)"
    assert "xavier_compat.xavier_initializer(seed=1) gives TF 1.15's exact weights" in seeded.note


# -- alias resolution and the contrib initializer table -------------------------------------------
def test_aliases_resolve_through_imports_and_assignments():
    findings = scan_paths([str(DATA / "aliases.py")])
    inits = {f.line: f for f in by_kind(findings, "contrib_initializer")}
    assert sorted(inits) == [11, 12, 13, 14, 16, 17, 18, 20]
    assert inits[11].name == "tf.contrib.layers.xavier_initializer" and inits[11].call == "xi(seed=7)"
    assert inits[11].replacement == "tf.keras.initializers.GlorotUniform(seed=7)"
    assert inits[12].replacement == ("tf.keras.initializers.VarianceScaling(scale=1.3 * 0.87962566103423978 "
                                     "** 2, mode='fan_avg', distribution='truncated_normal', seed=3)")
    assert "NOT GlorotNormal" in inits[12].note
    assert inits[13].name == "tf.contrib.layers.xavier_initializer_conv2d"
    assert inits[14].replacement == ("tf.keras.initializers.VarianceScaling(scale=1.0, mode='fan_avg', "
                                     "distribution='uniform')")
    assert "= tf.keras.initializers.GlorotUniform()" in inits[14].note
    assert "scale=2.0 * 1.3 * 0.87962566103423978 ** 2, mode='fan_in'" in inits[16].replacement
    assert inits[17].name == "tf.contrib.slim.xavier_initializer"  # import tensorflow.contrib.slim as slim
    assert inits[18].name == "tf.contrib.layers.xavier_initializer"  # import tensorflow.contrib as tf_contrib
    assert "mode='fan_out'" in inits[20].replacement  # contrib_layers = tf_full.contrib.layers
    assert len(by_kind(findings, "tf1_variables")) == 6  # tf.compat.v1 folded onto tf
    assert not by_kind(findings, "contrib_unsupported")


def test_star_import_and_default_tf_alias():
    found = scan_source("from tensorflow.contrib.layers import *\nw = xavier_initializer(False)\n")
    assert found[0].kind == "contrib_initializer" and "truncated_normal" in found[0].replacement
    found = scan_source("w = tf.contrib.layers.xavier_initializer()\n")  # snippet without imports
    assert [f.kind for f in found] == ["contrib_initializer"]
    assert scan_source("import torch as tf\nw = tf.contrib.layers.xavier_initializer()\n") == []


@pytest.mark.parametrize("factor, mode, uniform, expected", [
    ("2.0", "'FAN_IN'", "True", "scale=2.0, mode='fan_in', distribution='uniform'"),
    ("1.0", "'FAN_AVG'", "False", "scale=1.0 * 1.3 * 0.87962566103423978 ** 2, mode='fan_avg', "
                                  "distribution='truncated_normal'"),
    ("f", "m", "True", "scale=f, mode=m.lower(), distribution='uniform'"),
])
def test_variance_scaling_replacement_carries_the_arguments(factor, mode, uniform, expected):
    code = ("import tensorflow as tf\n"
            "i = tf.contrib.layers.variance_scaling_initializer(%s, %s, %s, seed=4)\n"
            % (factor, mode, uniform))
    f = one(scan_source(code), "contrib_initializer")
    assert f.replacement == "tf.keras.initializers.VarianceScaling(%s, seed=4)" % expected


def test_bad_mode_is_named():
    f = one(scan_source("tf.contrib.layers.variance_scaling_initializer(mode='FAN_SIDEWAYS')\n"),
            "contrib_initializer")
    assert "FAN_SIDEWAYS" in f.note and "TypeError" in f.note


# -- hand-written formulas and look-alikes --------------------------------------------------------
def test_handwritten_formulas():
    findings = scan_paths([str(DATA / "handwritten.py")])
    sig = one(findings, "handwritten_xavier", line=11)
    assert sig.replacement == ("tf.keras.initializers.VarianceScaling(scale=16.0, mode='fan_avg', "
                               "distribution='uniform', seed=5)")
    numpy_u = one(findings, "handwritten_xavier", line=16)  # sqrt(6) / sqrt(a + b), numpy
    assert "= tf.keras.initializers.GlorotUniform()" in numpy_u.note and "NumPy" in numpy_u.shim
    paper = one(findings, "handwritten_xavier", line=20)  # randn * sqrt(2 / (a + b))
    assert norm(paper.call) == norm("np.random.randn(n_in, n_out) * np.sqrt(2.0 / (n_in + n_out))")
    assert "scale=1.0, mode='fan_avg', distribution='untruncated_normal'" in paper.replacement
    he = one(findings, "handwritten_variance_scaling", line=25)  # (6 / fan_in) ** 0.5
    assert "scale=2.0, mode='fan_in', distribution='uniform'" in he.replacement
    assert len(findings) == 4


def test_lookalikes_are_flagged_with_what_xavier_would_be():
    findings = scan_paths([str(DATA / "lookalikes.py")])
    qa = one(findings, "lookalike", line=5)
    assert qa.call == "tf.random_normal_initializer(seed=1)"
    assert qa.replacement == "tf.keras.initializers.RandomNormal(stddev=1.0, seed=1)"
    assert "NOT Xavier: fixed stddev 1.0" in qa.note
    assert "GlorotUniform(seed=1)" in qa.note and "stddev 0.05" in qa.note
    assert "0.01274" in qa.note  # sqrt(2 / (25 + 12288)) for the literal shape
    one_liner = one(findings, "lookalike", line=8)
    assert one_liner.replacement == "tf.random.truncated_normal((n_prev, n), stddev=0.1)"
    # through a local name: initial = tf.truncated_normal(...); return tf.Variable(initial)
    assert one(findings, "lookalike", line=12).call == "tf.truncated_normal(shape, stddev=0.1)"
    assert len(by_kind(findings, "lookalike")) == 3  # tf.random_normal([8, 3]) is data, not a weight


def test_an_unreadable_scale_is_not_flagged():
    assert scan_source("import tensorflow as tf\ndef f(s):\n    return tf.Variable(tf.random_normal([2], "
                       "stddev=s))\n") == []


# -- tf.contrib members ---------------------------------------------------------------------------
def test_contrib_members_provided_and_unsupported():
    findings = scan_paths([str(DATA / "contrib_members.py")])
    unsupported = {f.name: f for f in findings if f.unsupported}
    assert sorted(unsupported) == ["tf.contrib.learn.datasets.load_dataset",
                                   "tf.contrib.opt.AdamWOptimizer", "tf.contrib.rnn.static_rnn",
                                   "tf.contrib.seq2seq", "tf.contrib.seq2seq.BasicDecoder"]
    assert "AdamW" in unsupported["tf.contrib.opt.AdamWOptimizer"].replacement
    assert unsupported["tf.contrib.seq2seq"].line == 3  # the import itself fails
    provided = {f.name: f for f in by_kind(findings, "contrib_provided")}
    assert sorted(provided) == ["tf.contrib.distributions.Normal", "tf.contrib.layers.batch_norm",
                                "tf.contrib.layers.l2_regularizer", "tf.contrib.rnn.BasicLSTMCell"]
    assert "tf.compat.v1.distributions.Normal" in provided["tf.contrib.distributions.Normal"].replacement
    assert provided["tf.contrib.layers.batch_norm"].line == 7  # first use, counted
    assert "first of 2 uses" in provided["tf.contrib.layers.batch_norm"].note
    assert "L2(scale / 2)" in provided["tf.contrib.layers.l2_regularizer"].replacement


def test_shim_provides_is_one_constant_and_every_member_is_served():
    assert scan.SHIM_PROVIDES is scan._scan_rules.SHIM_PROVIDES
    assert "contrib.layers.xavier_initializer" in scan.SHIM_PROVIDES and "contrib.slim" in scan.SHIM_PROVIDES
    for member in sorted(scan.SHIM_PROVIDES):
        if member.rsplit(".", 1)[-1] in ("xavier_initializer", "xavier_initializer_conv2d",
                                         "variance_scaling_initializer"):
            continue
        found = scan_source("import tensorflow as tf\nx = tf.%s\n" % member)
        assert [f.kind for f in found] == ["contrib_provided"], member
        assert found[0].replacement, member


# -- files, notebooks, syntax errors --------------------------------------------------------------
def test_python2_file_is_reported_and_the_scan_goes_on():
    findings = scan_paths([str(DATA)])
    bad = one(findings, "syntax_error", path=str(DATA / "py2_print.py"))
    assert (bad.line, bad.call) == (4, "print w") and "SyntaxError" in bad.note
    assert {os.path.basename(f.path) for f in findings} >= {"aliases.py", "handwritten.py", "notebook.ipynb"}
    assert not [f for f in findings if f.path.endswith("clean.py")]


def test_notebook_cells_lines_and_magics():
    findings = scan_paths([str(DATA / "notebook.ipynb")])
    assert [(f.cell, f.line, f.kind) for f in findings] == [
        (2, 2, "tf1_variables"), (2, 3, "contrib_initializer"),  # `!pip` is line 1 of cell 2
        (3, 1, "syntax_error"),
        (4, 1, "tf_layers"), (4, 2, "contrib_initializer")]
    init = findings[1]
    assert init.location == "%s[2]:3:33" % (DATA / "notebook.ipynb")
    assert init.name == "tf.contrib.layers.xavier_initializer"  # imported in another cell
    assert init.replacement == "tf.keras.initializers.GlorotUniform(seed=42)"
    assert findings[2].call == "print sess.run(W)"
    nb = json.loads((DATA / "notebook.ipynb").read_text())
    assert "xavier_initializer(seed=42)" in "".join(nb["cells"][init.cell]["source"])


def test_broken_notebook_is_unreadable(tmp_path):
    bad = tmp_path / "bad.ipynb"
    bad.write_text("{not json")
    assert [f.kind for f in scan_paths([str(bad)])] == ["unreadable"]


def _write_tree(root, n):
    legacy = ("import tensorflow as tf\n\n\ndef layer_{i}(x):\n"
              "    w = tf.get_variable('w{i}', [{i} + 1, 8],\n"
              "                        initializer=tf.contrib.layers.xavier_initializer())\n"
              "    return tf.matmul(x, w)\n")
    for i in range(n):
        sub = root / ("pkg%d" % (i % 7))
        sub.mkdir(exist_ok=True)
        text = legacy.format(i=i) if i % 3 else "def helper_%d(a, b):\n    return a + b\n" % i
        (sub / ("m%03d.py" % i)).write_text(text)
    hidden = "import tensorflow as tf\nw = tf.contrib.layers.xavier_initializer()\n"
    for skipped in (".git", "__pycache__", ".tox/py37/lib", "venv", "lib/python3.7/site-packages", "myenv"):
        (root / skipped).mkdir(parents=True, exist_ok=True)
        (root / skipped / "hidden.py").write_text(hidden)
    (root / "myenv" / "pyvenv.cfg").write_text("home = /usr/bin\n")


def test_generated_tree_of_300_files(tmp_path):
    _write_tree(tmp_path, 300)
    findings, count = scan._scan([str(tmp_path)], None)
    assert count == 300  # skipped directories are not walked
    legacy = sum(1 for i in range(300) if i % 3)
    assert len(by_kind(findings, "contrib_initializer")) == legacy == len(by_kind(findings, "tf1_variables"))
    assert not [f for f in findings if "hidden" in f.path]
    assert [f.path for f in findings] == sorted(f.path for f in findings)


# -- CLI: JSON, table, exit codes, progress -------------------------------------------------------
_FINDING_TYPES = {"path": str, "line": int, "col": int, "cell": (int, type(None)), "location": str,
                  "kind": str, "name": str, "call": str, "shim": str, "replacement": str, "note": str,
                  "unsupported": bool}


def test_json_output_matches_the_documented_schema(capsys):
    assert main(["--format", "json", str(DATA)]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert set(doc) == {"schema", "files_scanned", "findings", "unsupported_members", "summary"}
    assert doc["schema"] == "xavier-compat-scan/1" and doc["files_scanned"] == 7
    for f in doc["findings"]:
        assert set(f) == set(_FINDING_TYPES)
        for key, types in _FINDING_TYPES.items():
            assert isinstance(f[key], types) and not (types is int and isinstance(f[key], bool)), key
        assert f["kind"] in scan.KINDS
        assert f["line"] >= 1 and f["col"] >= 1
    for m in doc["unsupported_members"]:
        assert set(m) == {"name", "replacement", "count"} and isinstance(m["count"], int)
    summary = doc["summary"]
    assert set(summary) == {"findings", "syntax_errors", "unsupported", "by_kind"}
    assert summary["findings"] == len(doc["findings"]) == sum(summary["by_kind"].values())
    assert summary["syntax_errors"] == 2 and summary["unsupported"] == 5


def test_table_output(capsys):
    assert main([str(DATA / "lookalikes.py"), str(DATA / "contrib_members.py")]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split() == ["LOCATION", "KIND", "CALL"]
    assert "TF2 native:" in out and "NOT Xavier" in out
    assert "tf.contrib members xavier_compat does NOT provide" in out
    assert main([str(DATA / "clean.py")]) == 0
    assert capsys.readouterr().out == "No legacy initializer call sites in 1 file(s).\n"


def test_exit_codes(capsys, tmp_path):
    assert main(["--fail-on-unsupported", str(DATA / "contrib_members.py")]) == 1
    assert main(["--fail-on-unsupported", str(DATA / "aliases.py")]) == 0
    assert main([str(DATA / "contrib_members.py")]) == 0
    assert main([str(tmp_path / "missing")]) == 2
    assert "no such file or directory" in capsys.readouterr().err
    assert main(["--format", "xml", str(DATA)]) == 2
    assert main([]) == 2


def test_no_progress_when_stderr_is_not_a_tty(capsys):
    assert main([str(DATA)]) == 0
    assert capsys.readouterr().err == ""


class _FakeTTY(io.StringIO):
    def isatty(self):
        return True


def test_progress_on_a_tty_is_one_rewritten_line(tmp_path):
    _write_tree(tmp_path, 20)
    tty, pipe = _FakeTTY(), io.StringIO()
    scan_paths([str(tmp_path)], progress=tty)
    scan_paths([str(tmp_path)], progress=pipe)
    assert pipe.getvalue() == ""
    text = tty.getvalue()
    assert text.startswith("\r\x1b[Kscanning 1/20 ") and text.endswith("\r\x1b[K") and "\n" not in text


# -- source text on every Python ------------------------------------------------------------------
EXPRESSIONS = ["not a and b or c", "a and not b", "a or b or c and d",
               "tf.contrib.layers.xavier_initializer(uniform=False, seed=1)", "-4 * np.sqrt(6.0 / (a + b))",
               "(6.0 / fan_in) ** 0.5", "x[1:2, ::3]", "f(*args, **kw)", "a if b else c", "not a or b and c",
               "{'k': [1, (2,)], **d}", "-(a + b) ** -c", "a < b <= c", "lambda x: x"]


@pytest.mark.parametrize("expr", EXPRESSIONS)
def test_unparse_fallback_matches_ast_unparse(expr):
    node = ast.parse(expr, mode="eval").body
    if sys.version_info >= (3, 9):
        expected = ast.unparse(node)
        if expr.startswith("lambda"):
            expected = "lambda ...: x"  # parameters are not rebuilt
        assert _scan_text.unparse(node) == expected
    assert ast.dump(ast.parse(_scan_text.unparse(node).replace("...", "x"), mode="eval").body) \
        == ast.dump(ast.parse(expr.replace("lambda x", "lambda x"), mode="eval").body)


def test_columns_are_characters_and_segments_join_lines():
    code = "import tensorflow as tf\nnom = 'é'; w = tf.contrib.layers.xavier_initializer(\n    seed=3)\n"
    f = one(scan_source(code), "contrib_initializer")
    assert (f.line, f.col) == (2, 16)
    assert norm(f.call) == norm("tf.contrib.layers.xavier_initializer(seed=3)")
    if sys.version_info >= (3, 8):
        assert f.call == "tf.contrib.layers.xavier_initializer(seed=3)"


def test_finding_is_a_dataclass_with_a_location():
    f = Finding("a.py", 3, 5, None, "lookalike", "tf.x", "tf.x()", "", "")
    assert f.location == "a.py:3:5" and f.to_dict()["location"] == "a.py:3:5"
    assert Finding("n.ipynb", 1, 1, 4, "tf_layers", "", "", "", "").location == "n.ipynb[4]:1:1"


def test_scanner_imports_no_tensorflow():
    run_code("import sys, xavier_compat.scan; assert 'tensorflow' not in sys.modules, 'tensorflow imported'")

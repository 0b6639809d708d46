"""The command line: ``run`` behaves like ``python SCRIPT``; ``info`` and ``scan`` are wired.

The scripts here import no TensorFlow, so the runner sets nothing up and each subprocess is fast.
"""
import builtins
import json
import os
import sys
import textwrap

import pytest

from _helpers import run_python, run_xavier_compat
from xavier_compat import cli

PROBE = textwrap.dedent("""\
    import json, os, sys
    print(json.dumps({"argv": sys.argv, "name": __name__, "file": __file__, "path0": sys.path[0],
                      "cwd": os.getcwd()}))
    """)


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text))
    return str(path)


def _run(args, cwd):
    proc = run_xavier_compat(args, cwd=cwd, timeout=120)
    return proc.returncode, proc.stdout, proc.stderr


def _probe(out):
    return json.loads(out.strip().splitlines()[-1])


def test_argv_name_file_and_path0_are_pythons(tmp_path):
    sub = tmp_path / "proj"
    sub.mkdir()
    _write(sub, "probe.py", PROBE)
    code, out, err = _run(["run", "proj/probe.py", "a", "--tf1", "-h", "--", "x y"], tmp_path)
    assert code == 0, err
    seen = _probe(out)
    assert seen["argv"] == ["proj/probe.py", "a", "--tf1", "-h", "--", "x y"]
    assert seen["name"] == "__main__"
    assert seen["file"] == "proj/probe.py"
    assert seen["path0"] == os.path.realpath(str(sub))


def test_runner_options_stop_at_script_and_double_dash(tmp_path):
    _write(tmp_path, "-odd.py", PROBE)
    code, out, err = _run(["run", "--", "-odd.py", "--tf2"], tmp_path)
    assert code == 0, err
    assert _probe(out)["argv"] == ["-odd.py", "--tf2"]


@pytest.mark.parametrize("body, expected_code, expected_err", [
    ("pass", 0, ""),
    ("import sys; sys.exit()", 0, ""),
    ("import sys; sys.exit(3)", 3, ""),
    ("raise SystemExit(0)", 0, ""),
    ("import sys; sys.exit('bad input file')", 1, "bad input file\n"),
])
def test_exit_codes_match_python(tmp_path, body, expected_code, expected_err):
    script = _write(tmp_path, "s.py", body + "\n")
    code, _, err = _run(["run", script], tmp_path)
    plain = run_python([script], timeout=120)
    assert (code, err) == (expected_code, expected_err)
    assert (plain.returncode, plain.stderr) == (expected_code, expected_err)


def test_uncaught_exception_traceback_points_at_script_lines_only(tmp_path):
    _write(tmp_path, "helper.py", """\
        def explode(n):
            raise ValueError("boom %d" % n)
        """)
    script = _write(tmp_path, "main.py", """\
        import helper


        def outer():
            helper.explode(7)


        outer()
        """)
    code, _, err = _run(["run", script], tmp_path)
    assert code == 1
    lines = err.splitlines()
    assert lines[0] == "Traceback (most recent call last):"
    assert lines[-1] == "ValueError: boom 7"
    files = [line.split('"')[1] for line in lines if line.startswith('  File "')]
    assert files == [script, script, os.path.join(str(tmp_path), "helper.py")]
    assert '  File "%s", line 8, in <module>' % script in lines
    assert '  File "%s", line 5, in outer' % script in lines
    assert "runpy" not in err and "xavier_compat" not in err


def test_syntax_error_reports_like_python(tmp_path):
    script = _write(tmp_path, "broken.py", "x = 1\ndef f(:\n    pass\n")
    code, _, err = _run(["run", script], tmp_path)
    assert code == 1
    assert err.splitlines()[0] == '  File "%s", line 2' % script
    assert err.splitlines()[-1].startswith("SyntaxError:")
    assert "Traceback" not in err and "xavier_compat" not in err


def test_missing_file_exits_2_with_one_line(tmp_path):
    code, out, err = _run(["run", "nope.py", "--flag"], tmp_path)
    assert code == 2 and out == ""
    assert err == ("xavier-compat: can't open file '%s': [Errno 2] No such file or directory\n"
                   % os.path.join(os.path.realpath(str(tmp_path)), "nope.py"))


@pytest.mark.parametrize("args, needle", [
    (["run"], "required: SCRIPT"),
    (["run", "--tf1", "--tf2", "x.py"], "not allowed with argument"),
    (["run", "--bogus", "x.py"], "unrecognized option '--bogus'"),
    ([], "a command is required"),
    (["launch"], "invalid choice"),
])
def test_usage_errors_exit_2(args, needle, capsys):
    assert cli.main(args) == 2
    assert needle in capsys.readouterr().err


def test_help_exits_0(capsys):
    assert cli.main(["run", "--help"]) == 0
    assert "--tf1" in capsys.readouterr().out


def test_in_process_run_restores_argv_path_and_import(tmp_path, capsys):
    script = _write(tmp_path, "probe.py", PROBE + "import sys\nsys.exit(5)\n")
    argv, path, importer = sys.argv[:], sys.path[:], builtins.__import__
    assert cli.main(["run", script, "one"]) == 5
    assert _probe(capsys.readouterr().out)["argv"] == [script, "one"]
    assert (sys.argv, sys.path, builtins.__import__) == (argv, path, importer)


def test_keyboard_interrupt_exits_130(tmp_path, capsys):
    script = _write(tmp_path, "ki.py", "raise KeyboardInterrupt\n")
    assert cli.main(["run", script]) == 130
    assert capsys.readouterr().err.splitlines()[-1] == "KeyboardInterrupt"


def test_directory_with_main_runs_like_python(tmp_path):
    app = tmp_path / "app"
    app.mkdir()
    _write(app, "__main__.py", PROBE)
    code, out, err = _run(["run", "app"], tmp_path)
    assert code == 0, err
    assert _probe(out)["path0"] == "app"


def test_info_json_reports_versions_and_patches(capsys):
    assert cli.main(["info", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) >= {"xavier_compat", "tensorflow", "keras", "eager", "installed", "patches", "tf_layers"}
    assert data["tensorflow"] and isinstance(data["patches"], list)
    assert cli.main(["info"]) == 0
    assert capsys.readouterr().out.startswith("xavier_compat ")


def test_scan_delegates_to_scan_main(tmp_path, capsys):
    scan = pytest.importorskip("xavier_compat.scan")
    script = _write(tmp_path, "legacy.py", "import tensorflow as tf\n"
                    "w = tf.contrib.layers.xavier_initializer()\n")
    expected = scan.main([script])
    expected_out = capsys.readouterr().out
    assert cli.main(["scan", script]) == expected
    assert capsys.readouterr().out == expected_out

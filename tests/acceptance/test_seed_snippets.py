"""Every seed snippet runs unchanged through ``python -m xavier_compat run`` and prints OK.

Contract (seed_snippets/README.md): on each TF line its ``# runs-on:`` header names (``tf1`` = TF 1.x,
``tf2`` = TF 2.x) a script exits 0 and prints a line starting with ``OK``.
"""
import glob
import os
import subprocess
import sys

import pytest

from xavier_compat import _backend

HERE = os.path.dirname(os.path.abspath(__file__))
SNIPPETS = sorted(glob.glob(os.path.join(HERE, "seed_snippets", "s*.py")))
TIMEOUT = 300  # seconds: TensorFlow's import alone takes several on a shared 2-core machine


def runs_on(path):
    """The TF lines a script's ``# runs-on:`` header names, e.g. ``{'tf1', 'tf2'}``."""
    with open(path) as handle:
        for line in handle:
            if line.startswith("# runs-on:"):
                return set(line.split(":", 1)[1].split())
    raise AssertionError("%s has no '# runs-on:' header" % path)


def tf_line():
    return "tf1" if _backend.is_tf1() else "tf2"


def run_through_runner(path):
    """``python -m xavier_compat run PATH`` in a fresh interpreter; (returncode, stdout, stderr)."""
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3")
    proc = subprocess.run([sys.executable, "-m", "xavier_compat", "run", path], cwd=os.path.dirname(path),
                          env=env, capture_output=True, timeout=TIMEOUT,
                          text=True)
    return proc.returncode, proc.stdout, proc.stderr


def check_ok(path):
    if tf_line() not in runs_on(path):
        pytest.skip("%s runs on %s only" % (os.path.basename(path), sorted(runs_on(path))))
    code, out, err = run_through_runner(path)
    assert code == 0, "exit %d\n--- stdout\n%s\n--- stderr\n%s" % (code, out, err[-6000:])
    assert any(line.startswith("OK") for line in out.splitlines()), out


def test_nine_snippets_are_present():
    assert [os.path.basename(p)[:3] for p in SNIPPETS] == ["s0%d" % i for i in range(1, 10)]


@pytest.mark.parametrize("path", SNIPPETS, ids=[os.path.basename(p) for p in SNIPPETS])
def test_seed_snippet_runs_through_runner(path):
    check_ok(path)

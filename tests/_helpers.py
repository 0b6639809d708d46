"""Pieces shared by the test modules: fresh interpreters, the runner, graph-mode draws, KS p-values.

Imported as ``_helpers``: pytest puts tests/ on sys.path (rootdir conftest, no __init__.py), and a test
module run as a script has tests/ as sys.path[0]. No TensorFlow or scipy at import time.

    proc = run_runner(path, "--verbose")          # python -m xavier_compat run --verbose PATH
    assert_printed_ok(proc)
    out = run_code("import sys; print(sys.version)")  # python -c CODE, must exit 0; its stdout
"""
import contextlib
import os
import subprocess
import sys
import textwrap
import warnings

import pytest

TIMEOUT = 300  # seconds: TensorFlow's import alone takes several on a shared 2-core machine
P_MIN = 1e-3  # Kolmogorov-Smirnov with fixed seeds: a correct formula passes far above it, a wrong one fails


# ---------------------------------------------------------------------------------------- subprocesses
def run_python(args, *, cwd=None, env=None, timeout=TIMEOUT):
    """``python ARGS`` with this env's interpreter; text stdout/stderr captured, TF's C++ logs quiet.

    ``env`` entries are added to (and override) ``os.environ``; nothing is checked here.
    """
    full_env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3")
    full_env.update(env or {})
    return subprocess.run([sys.executable] + list(args), cwd=None if cwd is None else str(cwd),
                          env=full_env, capture_output=True, text=True, timeout=timeout)


def run_code(code, *, timeout=TIMEOUT):
    """``python -c CODE`` (dedented) in a fresh interpreter; assert it exits 0 and return its stdout."""
    proc = run_python(["-c", textwrap.dedent(code)], timeout=timeout)
    assert proc.returncode == 0, proc.stdout + proc.stderr[-4000:]
    return proc.stdout


def run_xavier_compat(args, **kwargs):
    """``python -m xavier_compat ARGS`` (keyword arguments as for run_python)."""
    return run_python(["-m", "xavier_compat"] + list(args), **kwargs)


def run_runner(script, *flags, cwd=None, **kwargs):
    """``python -m xavier_compat run FLAGS SCRIPT``; without ``cwd``, SCRIPT (made absolute) runs in its
    own directory."""
    script = str(script)
    if cwd is None:
        script = os.path.abspath(script)
        cwd = os.path.dirname(script)
    return run_xavier_compat(["run"] + list(flags) + [script], cwd=cwd, **kwargs)


def runs_on(path):
    """The TF lines a script's ``# runs-on:`` header names, e.g. ``{'tf1', 'tf2'}``."""
    with open(path) as handle:
        for line in handle:
            if line.startswith("# runs-on:"):
                return set(line.split(":", 1)[1].split())
    raise AssertionError("%s has no '# runs-on:' header" % path)


def tf_line():
    """``'tf1'`` on TensorFlow 1.x, else ``'tf2'`` (the words of ``# runs-on:`` headers)."""
    from xavier_compat import _backend

    return "tf1" if _backend.is_tf1() else "tf2"


def skip_unless_runs_here(path):
    """Skip the calling test when the script's ``# runs-on:`` header does not name this TF line."""
    lines = runs_on(path)
    if tf_line() not in lines:
        pytest.skip("%s runs on %s only" % (os.path.basename(path), sorted(lines)))


def assert_printed_ok(proc):
    """The contract of the acceptance scripts: exit 0 and a stdout line starting with ``OK``."""
    assert proc.returncode == 0, "exit %d\n--- stdout\n%s\n--- stderr\n%s" % (
        proc.returncode, proc.stdout, proc.stderr[-6000:])
    assert any(line.startswith("OK") for line in proc.stdout.splitlines()), proc.stdout


# ---------------------------------------------------------------------------------------- TensorFlow
def draw(init, shape, dtype=None):
    """``init(shape[, dtype=dtype])`` evaluated in a fresh graph and session (same numbers on TF 1 and 2)."""
    from xavier_compat import _backend

    tf = _backend.tf()
    with tf.Graph().as_default():
        tensor = init(shape) if dtype is None else init(shape, dtype=dtype)
        with tf.compat.v1.Session() as sess:
            return sess.run(tensor)


def run_initialized(fetches, feed_dict=None):
    """``sess.run(fetches)`` in a new session on the current default graph, after initializing all
    global variables."""
    from xavier_compat import _backend

    v1 = _backend.tf().compat.v1
    with v1.Session() as sess:
        sess.run(v1.global_variables_initializer())
        return sess.run(fetches, feed_dict)


@contextlib.contextmanager
def legacy_warnings_ignored():
    """Silence xavier_compat's LegacyAPIWarning inside the block (tests of values, not of warnings)."""
    from xavier_compat._warn import LegacyAPIWarning

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LegacyAPIWarning)
        yield


# ---------------------------------------------------------------------------------------- statistics
def ks_pvalue(values, dist):
    """Kolmogorov-Smirnov p-value of the flattened ``values`` against a frozen scipy.stats ``dist``."""
    import numpy as np
    from scipy import stats

    return stats.kstest(np.ravel(values), dist.cdf).pvalue

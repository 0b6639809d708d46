"""Every seed snippet runs unchanged through ``python -m xavier_compat run`` and prints OK.

Contract (seed_snippets/README.md): on each TF line its ``# runs-on:`` header names (``tf1`` = TF 1.x,
``tf2`` = TF 2.x) a script exits 0 and prints a line starting with ``OK``.
"""
import glob
import os

import pytest

from _helpers import assert_printed_ok, run_runner, skip_unless_runs_here

HERE = os.path.dirname(os.path.abspath(__file__))
SNIPPETS = sorted(glob.glob(os.path.join(HERE, "seed_snippets", "s*.py")))


def test_nine_snippets_are_present():
    assert [os.path.basename(p)[:3] for p in SNIPPETS] == ["s0%d" % i for i in range(1, 10)]


@pytest.mark.parametrize("path", SNIPPETS, ids=[os.path.basename(p) for p in SNIPPETS])
def test_seed_snippet_runs_through_runner(path):
    skip_unless_runs_here(path)
    assert_printed_ok(run_runner(path))

"""Legacy programs in the style of real TF1 code (legacy_programs/prog_*.py) run through the runner.

Each trains a few steps or checks what it built, and prints OK; ``# runs-on:`` names its TF lines.
"""
import glob
import os

import pytest

from _helpers import assert_printed_ok, run_runner, skip_unless_runs_here
from xavier_compat import _backend

HERE = os.path.dirname(os.path.abspath(__file__))
PROGRAMS = sorted(glob.glob(os.path.join(HERE, "legacy_programs", "prog_*.py")))


def test_the_pattern_catalogue_is_present():
    names = {os.path.basename(p) for p in PROGRAMS}
    assert {"prog_pointnet_train.py", "prog_rl_policy.py", "prog_caffe_port.py", "prog_contrib_import.py",
            "prog_keras_contrib.py", "prog_dropout_meaning.py", "prog_eager_variables.py"} <= names


@pytest.mark.parametrize("path", PROGRAMS, ids=[os.path.basename(p) for p in PROGRAMS])
def test_legacy_program_runs_through_runner(path):
    skip_unless_runs_here(path)
    assert_printed_ok(run_runner(path, "--verbose"))


@pytest.mark.skipif(_backend.is_tf1(), reason="on TF 1.x the runner runs TF1 itself: no mode to choose")
@pytest.mark.parametrize("name, mode", [
    ("prog_pointnet_train.py", "tf1-graph"),
    ("prog_eager_variables.py", "tf1-eager"),
    ("prog_keras_contrib.py", "tf2"),
])
def test_runner_reports_the_mode_it_chose(name, mode):
    # a cheap check of the decision itself: --verbose says it on stderr before the script runs
    from xavier_compat import _detect

    facts = _detect.scan_program(os.path.join(HERE, "legacy_programs", name))
    tf = _backend.tf()
    v1_only = set(dir(tf.compat.v1)) - set(dir(tf.compat.v2))
    assert _detect.decide(facts, v1_only)[0] == mode

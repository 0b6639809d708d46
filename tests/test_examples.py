"""Run the examples as a user would (``python examples/X.py``) with this env's Python."""
import os

import pytest

from _helpers import run_python

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXAMPLES = os.path.join(ROOT, "examples")


def run_example(name):
    return run_python([os.path.join(EXAMPLES, name)], cwd=ROOT, env={"PYTHONDONTWRITEBYTECODE": "1"})


@pytest.fixture(scope="module")
def lenet_port():
    return run_example("caffe_lenet_port.py")


def test_caffe_lenet_port_trains_and_prints_ok(lenet_port):
    detail = lenet_port.stdout[-2000:] + lenet_port.stderr[-4000:]
    assert lenet_port.returncode == 0, detail
    lines = lenet_port.stdout.strip().splitlines()
    assert lines and lines[-1].startswith("OK"), detail


def test_caffe_lenet_port_reports_caffe_scales(lenet_port):
    # Caffe's xavier counts fan_in on its own blobs: 1*5*5 for conv1, 50*4*4 inputs for ip1
    assert "conv1  kernel (5, 5, 1, 20)" in lenet_port.stdout, lenet_port.stderr[-4000:]
    assert "sqrt(3/25)" in lenet_port.stdout and "sqrt(3/800)" in lenet_port.stdout

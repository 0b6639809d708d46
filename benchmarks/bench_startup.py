"""Start-up cost: ``import tensorflow`` alone vs with ``xavier_compat.install()`` vs the runner.

Three commands, each a fresh interpreter, interleaved (rotating order) over N rounds:

* native  -- ``python -c "import tensorflow"``
* install -- ``python -c "import tensorflow, xavier_compat; xavier_compat.install()"``
* runner  -- ``python -m xavier_compat run script.py`` where ``script.py`` is ``import tensorflow``

Measured per child: wall time, and CPU time (user + system of the child, from ``RUSAGE_CHILDREN``).
Target: install / native and runner / native <= 1.03 (ratio = median of per-round ratios).
Also checks, in a fresh interpreter, that ``import xavier_compat`` alone leaves ``tensorflow`` out of
``sys.modules``.

    python benchmarks/bench_startup.py [--rounds 7] [--json]
"""
import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time

from _timing import CHILD_ENV, Check, emit, interleaved, rows_for, run_child

NO_TF_CHECK = ("import sys, xavier_compat; print(sorted(m for m in sys.modules "
               "if m == 'tensorflow' or m.startswith('tensorflow.')))")


def timed_child(argv: list, cwd: str) -> tuple:
    """(wall seconds, CPU seconds) of one child process running ``argv``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(argv, cwd=cwd, env=CHILD_ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise RuntimeError("%s exited %d:\n%s" % (" ".join(argv), proc.returncode, proc.stderr[-3000:]))
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def no_tf_check(python: str) -> Check:
    """``import xavier_compat`` alone must not import TensorFlow (checked in a fresh interpreter)."""
    out = run_child([python, "-c", NO_TF_CHECK]).stdout.strip().splitlines()[-1]
    ok = out == "[]"
    detail = "tensorflow not in sys.modules" if ok else "imported: %s" % out[:80]
    return Check("`import xavier_compat` alone does not import tensorflow", ok, detail)


def measurements(rounds: int, python: str = sys.executable, progress: bool = False) -> list:
    tmp = tempfile.mkdtemp(prefix="xc-bench-startup-")
    try:
        script = os.path.join(tmp, "script.py")
        with open(script, "w") as fh:
            fh.write("import tensorflow\n")
        commands = {
            "native": [python, "-c", "import tensorflow"],
            "install": [python, "-c", "import tensorflow, xavier_compat; xavier_compat.install()"],
            "runner": [python, "-m", "xavier_compat", "run", script],
        }
        funcs = dict((name, (lambda argv=argv: timed_child(argv, tmp))) for name, argv in commands.items())
        times = interleaved(funcs, rounds, warmup=1, progress=progress)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    rows = [no_tf_check(python)]
    rows += rows_for("start-up: import tensorflow, xavier_compat; install() vs import tensorflow",
                     times["install"], times["native"], 1.03)
    rows += rows_for("start-up: xavier-compat run script.py (import tensorflow) vs import tensorflow",
                     times["runner"], times["native"], 1.03)
    return rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--json", action="store_true", help="one JSON line for run_all.py")
    args = parser.parse_args(argv)
    emit(measurements(args.rounds, progress=not args.json), args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())

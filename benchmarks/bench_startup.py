"""Start-up cost: ``import tensorflow`` alone vs with ``xavier_compat.install()`` vs the runner.

Three commands, each a fresh interpreter, interleaved (rotating order) over N rounds:

* native  -- ``python -c "import tensorflow"``
* install -- ``python -c "import tensorflow, xavier_compat; xavier_compat.install()"``
* runner  -- ``python -m xavier_compat run script.py`` where ``script.py`` is ``import tensorflow``

Measured per child: wall time, and CPU time (user + system of the child, from ``RUSAGE_CHILDREN``).
Target: install / native and runner / native <= 1.03 (ratio = median of per-round ratios).
Also checks, in a fresh interpreter, that ``import xavier_compat`` alone leaves ``tensorflow`` out of
``sys.modules``.  A diagnostic row times, inside each of N fresh interpreters, ``import tensorflow``
and then ``import xavier_compat; xavier_compat.install()``: the same process pays both, so the ratio
(import + install) / import shows install()'s own cost without the process-to-process noise.

    python benchmarks/bench_startup.py [--rounds 11] [--json]
"""
import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time

from _timing import CHILD_ENV, Check, emit, interleaved, rows_for, run_child

IN_PROCESS = ("import json, time; c0 = time.process_time(); w0 = time.perf_counter(); import tensorflow; "
              "c1 = time.process_time(); w1 = time.perf_counter(); "
              "import xavier_compat; xavier_compat.install(); "
              "print(json.dumps([w1 - w0, c1 - c0, time.perf_counter() - w1, time.process_time() - c1]))")
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
        inside = [json.loads(run_child([python, "-c", IN_PROCESS], cwd=tmp).stdout.strip().splitlines()[-1])
                  for _ in range(rounds)]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    rows = [no_tf_check(python)]
    rows += rows_for("start-up: import tensorflow, xavier_compat; install() vs import tensorflow",
                     times["install"], times["native"], 1.03)
    rows += rows_for("start-up: xavier-compat run script.py (import tensorflow) vs import tensorflow",
                     times["runner"], times["native"], 1.03)
    tf_only = {"wall": [x[0] for x in inside], "cpu": [x[1] for x in inside]}
    with_install = {"wall": [x[0] + x[2] for x in inside], "cpu": [x[1] + x[3] for x in inside]}
    rows += rows_for("start-up (diagnostic, same process): import tensorflow + import xavier_compat; "
                     "install() vs import tensorflow", with_install, tf_only, 1.03, diagnostic=True)
    return rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=11)
    parser.add_argument("--json", action="store_true", help="one JSON line for run_all.py")
    args = parser.parse_args(argv)
    emit(measurements(args.rounds, progress=not args.json), args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())

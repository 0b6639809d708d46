"""Shared helpers of the benchmarks: interleaved rounds, medians, result rows and the ratio table.

Every benchmark measures the shim and its native twin in the same run, alternating which goes first::

    times = interleaved({"shim": shim_fn, "native": native_fn}, rounds=7)  # name -> clock -> [seconds]
    rows = rows_for("xavier uniform 8192^2 vs raw", times["shim"], times["native"], target=1.10)

Each call is timed on two clocks.  CPU time (``time.process_time``: every thread of the process) is the
primary measure: it is the work the shim adds, and other processes on a shared machine barely change it.
Wall-clock rows come too, as a secondary table.  A ``Row``'s ratio is the median of the per-round
ratios ``shim[i] / native[i]``: the two sides of a round run seconds apart, so load from other
processes that drifts over the run cancels out of each pair.
``shim`` / ``native`` in the table are the plain medians.  Benchmarks print their rows as one JSON line
(``--json``) so ``run_all.py`` can collect them from a subprocess run by any interpreter.

Pure standard library, Python 3.7 compatible (the TF 1.15 env runs parts of this).
"""
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from typing import Any, Callable, Dict, List, Optional

JSON_MARK = "XC_BENCH_ROWS "
#: Environment for every child interpreter: no TF log noise, no bytecode writes, nothing else changed.
CHILD_ENV = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3", PYTHONDONTWRITEBYTECODE="1")


def median(values: List[float]) -> float:
    """The median of ``values`` (the middle value, or the mean of the two middle ones)."""
    return float(statistics.median(values))


def interleaved(funcs: Dict[str, Callable[[], Any]], rounds: int, warmup: int = 1,
                progress: bool = False) -> Dict[str, Dict[str, List[float]]]:
    """Run every function once per round, rotating which goes first; return name -> clock -> seconds.

    Two clocks per call: ``"wall"`` (``time.perf_counter``) and ``"cpu"`` (``time.process_time``: the
    CPU seconds of every thread of this process, which other processes' load hardly changes).  A
    function may return its own measurement instead, as ``(wall, cpu)`` (e.g. timed in a child
    process).  ``warmup`` extra rounds run first and are discarded.
    """
    names = list(funcs)
    times = dict((name, {"wall": [], "cpu": []}) for name in names)  # type: Dict[str, Dict[str, List[float]]]
    for r in range(warmup + rounds):
        shift = r % len(names)
        for name in names[shift:] + names[:shift]:
            start, start_cpu = time.perf_counter(), time.process_time()
            value = funcs[name]()
            wall, cpu = time.perf_counter() - start, time.process_time() - start_cpu
            if value is not None:
                wall, cpu = value
            if r >= warmup:
                times[name]["wall"].append(wall)
                times[name]["cpu"].append(cpu)
        if progress:
            print("  round %d/%d done" % (r + 1, warmup + rounds), file=sys.stderr, flush=True)
    return times


def rows_for(benchmark: str, shim: Dict[str, List[float]], native: Dict[str, List[float]], target: float,
             note: str = "", diagnostic: bool = False) -> list:
    """The CPU-time row (primary: decides pass/miss) and the wall-clock row (secondary) of one pair.

    ``diagnostic=True`` makes both rows secondary (explanations, not targets of the issue).
    """
    primary = None if not diagnostic else False
    return [Row(benchmark, shim["cpu"], native["cpu"], target, measure="cpu", note=note, primary=primary),
            Row(benchmark, shim["wall"], native["wall"], target, measure="wall", note=note, primary=False)]


class Row:
    """One table line: a benchmark, the shim's and the native samples, the target ratio.

    ``measure`` names what the samples are: ``"cpu"`` / ``"wall"`` seconds or ``"rss"`` MiB.  Wall-clock
    rows and diagnostic rows (``primary=False``) are secondary: printed in their own table for
    reference, they do not decide pass/miss.
    """

    def __init__(self, benchmark: str, shim: List[float], native: List[float], target: float,
                 measure: str = "cpu", note: str = "", ratio: Optional[float] = None,
                 primary: Optional[bool] = None) -> None:
        self.benchmark = benchmark
        self.primary = measure != "wall" if primary is None else primary
        self.shim = median(shim)
        self.native = median(native)
        if ratio is None:
            pairs = [s / n for s, n in zip(shim, native) if n > 0]
            ratio = median(pairs) if pairs else float("nan")
        self.ratio = ratio
        self.target = target
        self.measure = measure
        self.note = note
        self.samples = {"shim": list(shim), "native": list(native)}

    @property
    def passed(self) -> bool:
        return self.ratio <= self.target

    def to_dict(self) -> dict:
        return {"benchmark": self.benchmark, "shim": self.shim, "native": self.native, "ratio": self.ratio,
                "target": self.target, "measure": self.measure, "note": self.note, "samples": self.samples,
                "primary": self.primary}

    @classmethod
    def from_dict(cls, data: dict) -> "Row":
        return cls(data["benchmark"], data["samples"]["shim"], data["samples"]["native"], data["target"],
                   data.get("measure", "cpu"), data.get("note", ""), data["ratio"], data.get("primary"))


class Check:
    """A yes/no table line (e.g. ``import xavier_compat`` does not import TensorFlow)."""

    def __init__(self, benchmark: str, ok: bool, detail: str) -> None:
        self.benchmark = benchmark
        self.ok = ok
        self.detail = detail

    primary = True
    measure = "check"
    passed = property(lambda self: self.ok)

    def to_dict(self) -> dict:
        return {"benchmark": self.benchmark, "check": True, "ok": self.ok, "detail": self.detail}


def row_from_dict(data: dict):
    if data.get("check"):
        return Check(data["benchmark"], data["ok"], data["detail"])
    return Row.from_dict(data)


def emit(rows: list, as_json: bool) -> None:
    """Print ``rows`` as a table, or as the one JSON line ``run_all.py`` reads."""
    if as_json:
        print(JSON_MARK + json.dumps([row.to_dict() for row in rows]), flush=True)
        return
    primary, secondary = split_rows(rows)
    print(format_table(primary), flush=True)
    if secondary:
        print("\nwall clock and diagnostics (reference only; wall time is noisy on a shared machine):")
        print(format_table(secondary), flush=True)


def parse_rows(stdout: str) -> list:
    """Rows printed by :func:`emit` with ``as_json=True`` somewhere in ``stdout``."""
    for line in reversed(stdout.splitlines()):
        if line.startswith(JSON_MARK):
            return [row_from_dict(item) for item in json.loads(line[len(JSON_MARK):])]
    raise ValueError("no %r line in the benchmark's output:\n%s" % (JSON_MARK.strip(), stdout[-2000:]))


def _fmt(value: float, measure: str) -> str:
    if measure == "rss":
        return "%.0f MiB" % value
    if value >= 1.0:
        return "%.2f s" % value
    return "%.1f ms" % (value * 1000.0)


def format_table(rows: list, markdown: bool = False) -> str:
    """benchmark | measure | shim | native | ratio | target | result (medians; ratio: see module doc)."""
    header = ["benchmark", "measure", "shim", "native", "ratio", "target", "result"]
    lines = []
    for row in rows:
        if isinstance(row, Check):
            lines.append([row.benchmark, "check", row.detail, "", "", "yes", "pass" if row.ok else "MISS"])
        else:
            lines.append([row.benchmark, row.measure, _fmt(row.shim, row.measure),
                          _fmt(row.native, row.measure),
                          "%.3f" % row.ratio, "<= %.2f" % row.target,
                          ("pass" if row.passed else "MISS") if row.primary else
                          ("(within)" if row.passed else "(over)")])
    if markdown:
        out = ["| " + " | ".join(header) + " |", "|" + "|".join(["---"] * len(header)) + "|"]
        out.extend("| " + " | ".join(line) + " |" for line in lines)
        return "\n".join(out)
    widths = [max(len(str(x)) for x in col) for col in zip(header, *lines)]
    out = ["  ".join(h.ljust(w) for h, w in zip(header, widths)).rstrip()]
    out.append("  ".join("-" * w for w in widths))
    out.extend("  ".join(c.ljust(w) for c, w in zip(line, widths)).rstrip() for line in lines)
    return "\n".join(out)


def split_rows(rows: list) -> tuple:
    """(primary rows: CPU time, memory, checks; secondary rows: wall clock, diagnostics)."""
    return [r for r in rows if r.primary], [r for r in rows if not r.primary]


def run_child(argv: List[str], cwd: Optional[str] = None,
              timeout: float = 900.0) -> subprocess.CompletedProcess:
    """Run ``argv`` with :data:`CHILD_ENV`, capture text output, raise with stderr if it fails."""
    proc = subprocess.run(argv, cwd=cwd, env=CHILD_ENV, capture_output=True, text=True, timeout=timeout)
    if proc.returncode != 0:
        raise RuntimeError("%s exited %d:\n%s" % (" ".join(argv), proc.returncode, proc.stderr[-3000:]))
    return proc


def machine() -> Dict[str, str]:
    """nproc, CPU model, load average, OS and Python of this machine."""
    cpu = platform.processor() or "unknown"
    try:
        with open("/proc/cpuinfo") as fh:
            for line in fh:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    try:
        load = "%.2f %.2f %.2f" % os.getloadavg()
    except OSError:
        load = "n/a"
    return {"nproc": str(os.cpu_count()), "cpu": cpu, "load": load,
            "os": "%s %s" % (platform.system(), platform.release()), "host_python": platform.python_version()}


def tf_version(python: str) -> str:
    """``tf.__version__`` and the Python version of interpreter ``python`` (a child process)."""
    code = "import platform, tensorflow as tf; print('TF %s (Python %s)' % (tf.__version__, " \
           "platform.python_version()))"
    try:
        return run_child([python, "-c", code], timeout=300).stdout.strip().splitlines()[-1]
    except (RuntimeError, OSError, subprocess.SubprocessError) as exc:
        return "unavailable (%s)" % (str(exc).splitlines()[0],)

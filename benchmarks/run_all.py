"""Run every benchmark of issue 7 and print one table of shim/native ratios (optionally into RESULTS.md).

    python benchmarks/run_all.py                      # TF2 side: .tox/tf221, TF1 side: .tox/tf115
    python benchmarks/run_all.py --write-results      # also rewrite benchmarks/RESULTS.md
    python benchmarks/run_all.py --quick              # fewer rounds, for a smoke test
    python benchmarks/run_all.py --tf2-python PATH --tf1-python PATH --only init,startup

Any Python 3.7+ can run this driver (it imports no TensorFlow); each benchmark runs as a child of the
chosen interpreters and hands back its rows as JSON.  Methodology: benchmarks/README.md.
"""
import argparse
import datetime
import os
import sys
import time

from _timing import format_table, machine, parse_rows, run_child, split_rows, tf_version

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
RESULTS = os.path.join(HERE, "RESULTS.md")

#: name -> (script, extra arguments for a full run, for --quick)
BENCHMARKS = [
    ("init", "bench_init.py", ["--rounds", "9"], ["--rounds", "2", "--size", "2048"]),
    ("memory", "bench_memory.py", ["--rounds", "3"], ["--rounds", "1", "--side", "4096"]),
    ("startup", "bench_startup.py", ["--rounds", "11"], ["--rounds", "2"]),
    ("graph", "bench_graph_build.py", ["--rounds", "5", "--graphs", "3"],
     ["--rounds", "1", "--graphs", "1", "--variables", "200"]),
]


def run(names, tf2_python: str, tf1_python: str, quick: bool) -> list:
    rows = []
    for name, script, full, short in BENCHMARKS:
        if name not in names:
            continue
        argv = [tf2_python, os.path.join(HERE, script), "--json"] + (short if quick else full)
        if name == "graph":
            argv += ["--tf1-python", tf1_python, "--tf2-python", tf2_python]
        print("[run_all] %s ..." % script, file=sys.stderr, flush=True)
        start = time.perf_counter()
        rows += parse_rows(run_child(argv, cwd=ROOT, timeout=3600).stdout)
        print("[run_all] %s done in %.0f s" % (script, time.perf_counter() - start), file=sys.stderr,
              flush=True)
    return rows


def report(rows: list, context: dict, markdown: bool) -> str:
    primary, secondary = split_rows(rows)
    misses = [r for r in primary if not r.passed]
    lines = []
    if markdown:
        lines += ["# Benchmark results", "", "Latest run of `python benchmarks/run_all.py --write-results` "
                  "(methodology: README.md).", ""]
        lines += ["- date: %s" % context["date"],
                  "- machine: %s cores (`nproc`), %s; load average at start %s; %s" % (
                      context["nproc"], context["cpu"], context["load"], context["os"]),
                  "- TF2 side: %s (`%s`)" % (context["tf2"], context["tf2_python"]),
                  "- TF1 side: %s (`%s`)" % (context["tf1"], context["tf1_python"]),
                  "- run time: %s" % context["elapsed"], ""]
        lines += ["Primary measures (CPU seconds of the measured process, peak RSS, checks); ratio = "
                  "median of per-round shim/native ratios, so it need not equal shim/native of the medians.",
                  "", format_table(primary, markdown=True), "",
                  "Wall clock and diagnostics (reference only: the machine is shared, wall time is noisy).",
                  "",
                  format_table(secondary, markdown=True), ""]
        lines.append("Result: %d of %d primary rows within target." % (len(primary) - len(misses),
                                                                        len(primary)))
    else:
        lines += ["%s | %s cores, %s | load %s | TF2 side: %s | TF1 side: %s" % (
            context["date"], context["nproc"], context["cpu"], context["load"], context["tf2"],
            context["tf1"]),
            "", format_table(primary), "",
            "wall clock and diagnostics (reference only; wall time is noisy on a shared machine):",
            format_table(secondary), "",
            "%d of %d primary rows within target%s" % (len(primary) - len(misses), len(primary),
                                                       "" if not misses else "; MISS: " +
                                                       ", ".join(r.benchmark for r in misses))]
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tf2-python", default=os.path.join(ROOT, ".tox", "tf221", "bin", "python"),
                        help="interpreter with TF 2.x (default: .tox/tf221/bin/python)")
    parser.add_argument("--tf1-python", default=os.path.join(ROOT, ".tox", "tf115", "bin", "python"),
                        help="interpreter with TF 1.15 (default: .tox/tf115/bin/python)")
    parser.add_argument("--only", default=",".join(b[0] for b in BENCHMARKS),
                        help="comma-separated subset of: %s" % ", ".join(b[0] for b in BENCHMARKS))
    parser.add_argument("--quick", action="store_true", help="few rounds, small sizes: a smoke test")
    parser.add_argument("--write-results", action="store_true", help="rewrite benchmarks/RESULTS.md")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a primary row misses its target")
    args = parser.parse_args(argv)
    names = [n.strip() for n in args.only.split(",") if n.strip()]
    unknown = sorted(set(names) - set(b[0] for b in BENCHMARKS))
    if unknown:
        parser.error("--only: unknown benchmark(s) %s; choose from %s"
                     % (", ".join(unknown), ", ".join(b[0] for b in BENCHMARKS)))
    context = machine()
    context.update(date=datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
                   tf2_python=os.path.relpath(args.tf2_python, ROOT),
                   tf1_python=os.path.relpath(args.tf1_python, ROOT),
                   tf2=tf_version(args.tf2_python), tf1=tf_version(args.tf1_python))
    start = time.perf_counter()
    rows = run(names, args.tf2_python, args.tf1_python, args.quick)
    context["elapsed"] = "%.0f s%s" % (time.perf_counter() - start, " (--quick)" if args.quick else "")
    print(report(rows, context, markdown=False), end="")
    if args.write_results:
        with open(RESULTS, "w") as fh:
            fh.write(report(rows, context, markdown=True))
        print("[run_all] wrote %s" % os.path.relpath(RESULTS, ROOT), file=sys.stderr)
    misses = [r for r in split_rows(rows)[0] if not r.passed]
    return 1 if (args.strict and misses) else 0


if __name__ == "__main__":
    sys.exit(main())

"""Peak memory of creating a 1 GiB float32 variable through the shim vs natively: no extra copy.

Each case runs in a fresh interpreter (cases interleaved over the rounds).  The child imports TensorFlow
and xavier_compat, creates one tiny variable through the same path (lazy imports and kernels loaded),
reads ``resource.getrusage(RUSAGE_SELF).ru_maxrss`` as the baseline, creates the 16384x16384 float32
variable, and reports the peak RSS growth in MiB:

* native       -- ``tf.Variable(tf.keras.initializers.GlorotUniform()(shape))``
* shim         -- ``tf.Variable(xc.xavier_initializer()(shape))``
* get_variable -- ``xc.get_variable("w", shape, initializer=xc.xavier_initializer())`` (eager store)

Target: shim / native <= 1.05 for both shim cases (ratio = median of per-round ratios).

    python benchmarks/bench_memory.py [--rounds 3] [--side 16384] [--json]
"""
import argparse
import json
import os
import sys

from _timing import Row, emit, interleaved, run_child

CASES = ("native", "shim", "get_variable")


def child(case: str, side: int) -> None:
    """Run in the fresh interpreter: print {"peak_mib": growth of ru_maxrss over the post-import baseline}."""
    import gc
    import resource
    import warnings

    import tensorflow as tf

    import xavier_compat as xc

    warnings.simplefilter("ignore", xc.LegacyAPIWarning)

    def make(shape, name):
        if case == "native":
            return tf.Variable(tf.keras.initializers.GlorotUniform()(shape))
        if case == "shim":
            return tf.Variable(xc.xavier_initializer()(shape))
        return xc.get_variable(name, shape, initializer=xc.xavier_initializer())

    warm = make((8, 8), "warm")
    warm.numpy()
    gc.collect()
    base_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    var = make((side, side), "w")  # eager: the assignment has run when the constructor returns
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    del var
    print(json.dumps({"case": case, "peak_mib": (peak_kib - base_kib) / 1024.0,
                      "variable_mib": side * side * 4 / 2.0 ** 20}))


def measurements(rounds: int, side: int, python: str = sys.executable, progress: bool = False) -> list:
    script = os.path.abspath(__file__)

    def run(case):
        out = run_child([python, script, "--child", case, "--side", str(side)]).stdout
        peak = json.loads(out.strip().splitlines()[-1])["peak_mib"]
        return peak, peak  # interleaved() wants (wall, cpu): both slots carry the MiB

    funcs = dict((case, (lambda c=case: run(c))) for case in CASES)
    times = interleaved(funcs, rounds, warmup=0, progress=progress)
    gib = "%.0f MiB" % (side * side * 4 / 2.0 ** 20)
    native = times["native"]["wall"]
    return [
        Row("peak RSS %s: tf.Variable(xavier_initializer()(shape)) vs tf.Variable(GlorotUniform()(shape))"
            % gib, times["shim"]["wall"], native, 1.05, measure="rss"),
        Row("peak RSS %s: xc.get_variable(xavier) vs tf.Variable(GlorotUniform()(shape))" % gib,
            times["get_variable"]["wall"], native, 1.05, measure="rss"),
    ]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--side", type=int, default=16384, help="variable is side x side float32")
    parser.add_argument("--json", action="store_true", help="one JSON line for run_all.py")
    parser.add_argument("--child", choices=CASES, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child, args.side)
        return 0
    emit(measurements(args.rounds, args.side, progress=not args.json), args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())

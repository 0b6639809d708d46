"""What do TF1 variable scopes cost eagerly?  1000 64x64 variables, TF1 idiom against the native TF2 one.

TF1 idiom (what legacy code does, each call through this package's eager store)::

    with xc.variable_scope(f"layer{i}"):
        xc.get_variable("w", [64, 64], initializer=xc.xavier_initializer())

Native TF2 idiom::

    tf.Variable(tf.keras.initializers.GlorotUniform()((64, 64)))

The two are interleaved (alternating which goes first), each timed over N variables per round; the
script prints the median seconds per 1000 variables and the ratio package / native (target <= 1.0).
The eager store is reset between rounds, so every round creates fresh variables.

    python benchmarks/bench_variables.py [--variables 1000] [--rounds 7]
"""
import argparse
import statistics
import sys
import time
import warnings


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--variables", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args(argv)

    import tensorflow as tf

    import xavier_compat as xc

    if not tf.executing_eagerly():
        print("TensorFlow is not executing eagerly here (TF 1.x?): nothing to compare.")
        return 0
    warnings.simplefilter("ignore", xc.LegacyAPIWarning)  # legacy code runs with warnings shown once
    shape = (64, 64)
    n = args.variables

    def native():
        keep = []
        start = time.perf_counter()
        for _ in range(n):
            keep.append(tf.Variable(tf.keras.initializers.GlorotUniform()(shape)))
        return time.perf_counter() - start

    def package():
        xc.reset_variable_store()
        keep = []
        start = time.perf_counter()
        with xc.variable_scope("model"):
            for i in range(n):
                with xc.variable_scope(f"layer{i}"):
                    keep.append(xc.get_variable("w", [64, 64], initializer=xc.xavier_initializer()))
        elapsed = time.perf_counter() - start
        xc.reset_variable_store()
        return elapsed

    native(), package()  # warm up: imports, kernels, caches
    times = {"native": [], "package": []}
    for r in range(args.rounds):
        order = (("native", native), ("package", package)) if r % 2 == 0 else \
            (("package", package), ("native", native))
        for name, fn in order:
            times[name].append(fn())
    per_k = {k: statistics.median(v) * 1000.0 / n for k, v in times.items()}
    print(f"TensorFlow {tf.__version__}, {n} variables of {shape[0]}x{shape[1]}, "
          f"median of {args.rounds} interleaved rounds")
    print(f"  native  tf.Variable(GlorotUniform()(shape)):      {per_k['native']:.3f} s per 1000")
    print(f"  package variable_scope + get_variable + xavier:  {per_k['package']:.3f} s per 1000")
    print(f"ratio package/native: {per_k['package'] / per_k['native']:.2f} (target <= 1.0)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

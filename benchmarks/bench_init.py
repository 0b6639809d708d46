"""Large initialization: an 8192x8192 float32 tensor through ``xavier_initializer()`` vs its native twins.

Eager TF2.  For the uniform and the truncated-normal draw, three sides run interleaved in each round:

* shim   -- ``xc.xavier_initializer(uniform=...)(shape)``
* raw    -- ``tf.random.uniform(shape, -limit, limit)`` / ``tf.random.truncated_normal(shape, 0, stddev)``
            with contrib's limit / stddev: the random kernel itself, the floor on this machine
* Keras  -- ``tf.keras.initializers.GlorotUniform()(shape)`` / ``GlorotNormal()(shape)``

Every side materializes its result the same way (``.numpy()``, zero-copy on CPU, after the kernel ran).
Kernels run on one intra-op thread by default (``--threads``): TF's thread pool spin-waits, so with
two threads on a shared machine the CPU time of a call grows whenever the other core is taken; with
one thread CPU time is the work itself, the same for every side.
Targets: shim <= 1.10x raw, <= 1.05x Keras (ratio = median of per-round ratios, see ``_timing``).

    python benchmarks/bench_init.py [--rounds 9] [--size 8192] [--threads 1] [--json]
"""
import argparse
import math
import sys
import warnings

from _timing import Row, emit, interleaved, rows_for


def measurements(size: int, rounds: int, progress: bool = False, threads: int = 1) -> list:
    import tensorflow as tf

    import xavier_compat as xc

    if threads:
        tf.config.threading.set_intra_op_parallelism_threads(threads)
        tf.config.threading.set_inter_op_parallelism_threads(threads)
    warnings.simplefilter("ignore", xc.LegacyAPIWarning)
    shape = (size, size)
    limit = math.sqrt(6.0 / (2 * size))  # contrib xavier: sqrt(3 * 1 / fan_avg)
    stddev = math.sqrt(1.3 / size)  # contrib xavier normal: sqrt(1.3 * 1 / fan_avg)
    keras = tf.keras.initializers

    def done(tensor) -> None:
        tensor.numpy()  # same materialization for every side

    sides = {
        "uniform": {
            "shim": lambda: done(xc.xavier_initializer()(shape)),
            "raw": lambda: done(tf.random.uniform(shape, -limit, limit, tf.float32)),
            "keras": lambda: done(keras.GlorotUniform()(shape)),
        },
        "normal": {
            "shim": lambda: done(xc.xavier_initializer(uniform=False)(shape)),
            "raw": lambda: done(tf.random.truncated_normal(shape, 0.0, stddev, tf.float32)),
            "keras": lambda: done(keras.GlorotNormal()(shape)),
        },
    }
    # One interleaved series per distribution, so the three sides of a round run back to back.
    times = {}
    for dist, fns in sides.items():
        series = interleaved(fns, rounds, warmup=1, progress=progress)
        for side, samples in series.items():
            times["%s/%s" % (dist, side)] = samples
    rows = []
    label = "%dx%d" % shape
    for dist, raw_name, keras_name in (("uniform", "tf.random.uniform", "GlorotUniform"),
                                       ("normal", "tf.random.truncated_normal", "GlorotNormal")):
        shim = times[dist + "/shim"]
        rows += rows_for("init %s xavier %s vs %s" % (label, dist, raw_name), shim,
                         times[dist + "/raw"], 1.10)
        rows += rows_for("init %s xavier %s vs Keras %s" % (label, dist, keras_name), shim,
                         times[dist + "/keras"], 1.05)
    for dist in ("uniform", "normal"):  # diagnostic: contention only adds time, the minimum lacks it
        shim, raw = min(times[dist + "/shim"]["cpu"]), min(times[dist + "/raw"]["cpu"])
        rows.append(Row("init %s xavier %s vs raw kernel, floor (min over rounds)" % (label, dist),
                        [shim], [raw], 1.10, measure="cpu", primary=False))
    return rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--size", type=int, default=8192)
    parser.add_argument("--threads", type=int, default=1, help="intra-op threads (0: TensorFlow's default)")
    parser.add_argument("--json", action="store_true", help="one JSON line for run_all.py")
    args = parser.parse_args(argv)
    emit(measurements(args.size, args.rounds, progress=not args.json, threads=args.threads), args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())

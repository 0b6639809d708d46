"""Many small variables: 1000 64x64 TF1-style variables, eagerly and in TF1 graph mode, vs native.

**Eager (TF2 interpreter, one process, interleaved rounds).**  TF1 idiom through this package::

    with xc.variable_scope("model"):
        for i in range(1000):
            with xc.variable_scope("layer%d" % i):
                xc.get_variable("w", [64, 64], initializer=xc.xavier_initializer())

against the native TF2 idiom ``tf.Variable(tf.keras.initializers.GlorotUniform()((64, 64)))``, reading
CPU time (which a shared machine's load hardly moves) and wall time.

**TF1 graph mode (two interpreters, fresh processes, interleaved).**  One legacy TF1 script
(``tf.variable_scope`` + ``tf.get_variable(initializer=tf.contrib.layers.xavier_initializer())`` inside
a ``tf.Graph``; it opens a ``tf.Session`` afterwards, so the runner picks TF1 graph mode) runs as

* shim   -- ``<tf2 python> -m xavier_compat run script.py`` (TF 2.21 by default)
* native -- ``<tf1 python> script.py`` (TF 1.15 itself)

The script times only the graph construction (wall and CPU) and prints them as JSON.  It builds
``--graphs`` fresh graphs (default 3) and reports the median, so one-time costs of the first build
(lazy imports inside TensorFlow) do not decide the result; the first build is kept in the JSON too.
A diagnostic row runs the same construction on the TF2 interpreter with plain ``tf.compat.v1`` and
``glorot_uniform_initializer`` (no xavier_compat at all) to separate the shim's cost from TF 2.x's.
Target: <= 1.0x for the eager and the graph comparison.

    python benchmarks/bench_graph_build.py [--rounds 5] [--variables 1000] [--tf1-python PATH] [--json]
"""
import argparse
import json
import os
import shutil
import sys
import tempfile
import time

from _timing import emit, interleaved, median, rows_for, run_child

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DEFAULT_TF1_PYTHON = os.path.join(ROOT, ".tox", "tf115", "bin", "python")

#: The legacy TF1 script.  ``{header}`` / ``{initializer}`` switch it to the diagnostic compat.v1 twin.
TF1_SCRIPT = '''"""Legacy TF1 model code: 1000 scoped variables with contrib's Xavier initializer."""
import json
import sys
import time

{header}

n, graphs = int(sys.argv[1]), int(sys.argv[2])
walls, cpus = [], []
for _ in range(graphs):
    graph = tf.Graph()
    with graph.as_default():
        start, start_cpu = time.perf_counter(), time.process_time()
        with tf.variable_scope("model"):
            for i in range(n):
                with tf.variable_scope("layer%d" % i):
                    tf.get_variable("w", [64, 64], initializer={initializer})
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - start_cpu)
        count = len(tf.global_variables())
with tf.Session(graph=graph) as sess:  # not timed: proves the graph runs
    with graph.as_default():
        sess.run(tf.variables_initializer(tf.global_variables()[:2]))
print(json.dumps({{"wall": walls, "cpu": cpus, "variables": count, "tf": tf.__version__}}))
'''
LEGACY = {"header": "import tensorflow as tf", "initializer": "tf.contrib.layers.xavier_initializer()"}
COMPAT_V1 = {"header": "import tensorflow.compat.v1 as tf\ntf.disable_v2_behavior()",
             "initializer": "tf.glorot_uniform_initializer()"}


def eager_rows(n: int, rounds: int, progress: bool = False) -> list:
    """TF1 idiom through the package's eager store vs ``tf.Variable(GlorotUniform()(shape))``."""
    import warnings

    import tensorflow as tf

    import xavier_compat as xc

    if not tf.executing_eagerly():
        return []
    warnings.simplefilter("ignore", xc.LegacyAPIWarning)
    keep = []

    def native():
        for _ in range(n):
            keep.append(tf.Variable(tf.keras.initializers.GlorotUniform()((64, 64))))

    def shim():
        with xc.variable_scope("model"):
            for i in range(n):
                with xc.variable_scope("layer%d" % i):
                    keep.append(xc.get_variable("w", [64, 64], initializer=xc.xavier_initializer()))

    def timed(fn):  # the store reset and dropping the last round's variables stay outside the clocks
        def run():
            del keep[:]
            xc.reset_variable_store()
            start, start_cpu = time.perf_counter(), time.process_time()
            fn()
            return time.perf_counter() - start, time.process_time() - start_cpu
        return run

    times = interleaved({"shim": timed(shim), "native": timed(native)}, rounds, warmup=1, progress=progress)
    del keep[:]
    xc.reset_variable_store()
    return rows_for("eager: %d x get_variable(64x64, xavier) in scopes vs tf.Variable(GlorotUniform())" % n,
                    times["shim"], times["native"], 1.0)


def graph_rows(n: int, rounds: int, graphs: int, tf2_python: str, tf1_python: str,
               progress: bool = False) -> list:
    """Legacy TF1 graph construction: the runner on the TF2 interpreter vs TF 1.15 itself."""
    tmp = tempfile.mkdtemp(prefix="xc-bench-graph-")
    try:
        legacy = os.path.join(tmp, "legacy_tf1.py")
        compat = os.path.join(tmp, "compat_v1.py")
        with open(legacy, "w") as fh:
            fh.write(TF1_SCRIPT.format(**LEGACY))
        with open(compat, "w") as fh:
            fh.write(TF1_SCRIPT.format(**COMPAT_V1))
        info = {}

        def run(name, argv):
            def go():
                stdout = run_child(argv + [str(n), str(graphs)], cwd=tmp).stdout
                out = json.loads(stdout.strip().splitlines()[-1])
                if out["variables"] != n:
                    raise RuntimeError("%s built %d variables, expected %d" % (name, out["variables"], n))
                info[name] = out["tf"]
                return median(out["wall"]), median(out["cpu"])
            return go

        funcs = {
            "runner": run("runner", [tf2_python, "-m", "xavier_compat", "run", legacy]),
            "tf1": run("tf1", [tf1_python, legacy]),
            "compat": run("compat", [tf2_python, compat]),
        }
        times = interleaved(funcs, rounds, warmup=0, progress=progress)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    rows = rows_for("graph: %d TF1 get_variable(xavier), runner on TF %s vs TF %s itself"
                    % (n, info.get("runner"), info.get("tf1")), times["runner"], times["tf1"], 1.0)
    rows += rows_for("graph (diagnostic): runner on TF %s vs plain tf.compat.v1 on TF %s"
                     % (info.get("runner"), info.get("compat")), times["runner"], times["compat"], 1.05,
                     note="the shim's own cost inside TF 2.x's graph mode", diagnostic=True)
    return rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--variables", type=int, default=1000)
    parser.add_argument("--graphs", type=int, default=3, help="fresh graphs built per TF1 process")
    parser.add_argument("--tf1-python", default=DEFAULT_TF1_PYTHON, help="interpreter with TF 1.15")
    parser.add_argument("--tf2-python", default=sys.executable, help="interpreter with TF 2.x (runner side)")
    parser.add_argument("--only", choices=("eager", "graph"), help="run one half only")
    parser.add_argument("--json", action="store_true", help="one JSON line for run_all.py")
    args = parser.parse_args(argv)
    rows = []
    if args.only in (None, "eager"):
        rows += eager_rows(args.variables, max(args.rounds, 5), progress=not args.json)
    if args.only in (None, "graph"):
        rows += graph_rows(args.variables, args.rounds, args.graphs, args.tf2_python, args.tf1_python,
                           progress=not args.json)
    emit(rows, args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())

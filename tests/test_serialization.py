"""Initializer configs: round trips, Keras built-in twins, saved models that reload without xavier_compat."""
import json
import math
import textwrap

import numpy as np
import pytest

import xavier_compat as xc
from _helpers import draw, legacy_warnings_ignored, run_python
from xavier_compat import _backend
from xavier_compat import initializers as xi
from xavier_compat.fans import compute_fans

tf = _backend.tf()
v1 = tf.compat.v1
TF1 = _backend.is_tf1()
on_tf2 = pytest.mark.skipif(TF1, reason="TF 1.15's Keras saves our own class name; reload-anywhere is TF2's")


pytestmark = pytest.mark.usefixtures("quiet_legacy_warnings")


def _all_kinds():
    return [
        ("xavier_uniform", xc.xavier_initializer(seed=1), "VarianceScaling"),
        ("xavier_normal", xc.xavier_initializer(False, seed=2), "VarianceScaling"),
        ("xavier_gain", xc.xavier_initializer(seed=3, gain=4.0), "VarianceScaling"),
        ("conv2d", xc.xavier_initializer_conv2d(False, dtype="float64"), "VarianceScaling"),
        ("vs_default", xc.variance_scaling_initializer(), "VarianceScaling"),
        ("vs_fan_out_uniform", xc.variance_scaling_initializer(0.5, "FAN_OUT", True, 4), "VarianceScaling"),
        ("xavier_init_uniform", xc.xavier_init(20, 30, seed=5), "RandomUniform"),
        ("xavier_init_normal", xc.xavier_init(20, 30, False), "TruncatedNormal"),
    ]


with legacy_warnings_ignored():
    KINDS = _all_kinds()
IDS = [k[0] for k in KINDS]


@pytest.mark.parametrize("name,init,keras_name", KINDS, ids=IDS)
def test_config_round_trip(name, init, keras_name):
    config = init.get_config()
    json.dumps(config)  # plain data
    again = type(init).from_config(config)
    assert type(again) is type(init)
    assert again.get_config() == config
    if TF1:  # TF1's Keras configs carry the dtype; TF2's do not (Keras passes it to every call)
        assert again([3, 4]).dtype == init([3, 4]).dtype
    if name in ("xavier_uniform", "vs_fan_out_uniform", "xavier_init_uniform"):
        # seeded, and the parameters survive exactly: the same draws
        assert draw(again, [7, 5]).tobytes() == draw(init, [7, 5]).tobytes()


@pytest.mark.parametrize("name,init,keras_name", KINDS, ids=IDS)
def test_config_is_the_keras_twins_config(name, init, keras_name):
    keras_cls = getattr(tf.keras.initializers, keras_name)
    twin = keras_cls(**init.get_config())
    twin_config = twin.get_config()
    for key, value in init.get_config().items():
        if key != "dtype":
            assert twin_config[key] == value


def _keras_limit_or_stddev(keras_name, config, fan_in, fan_out):
    """What Keras' own twin draws with, by Keras' documented formulas."""
    if keras_name == "RandomUniform":
        return config["maxval"]
    if keras_name == "TruncatedNormal":
        return config["stddev"]
    n = {"fan_in": fan_in, "fan_out": fan_out, "fan_avg": (fan_in + fan_out) / 2.0}[config["mode"]]
    if config["distribution"] == "uniform":
        return math.sqrt(3.0 * config["scale"] / n)
    return math.sqrt(config["scale"] / n) / xi.KERAS_TRUNC_STDDEV


@pytest.mark.parametrize("shape", [(20, 30), (3, 3, 16, 8), (7,)])
def test_keras_twin_has_the_same_distribution(shape):
    fan_in, fan_out = compute_fans(shape)
    avg = (fan_in + fan_out) / 2.0
    expected = {
        "xavier_uniform": math.sqrt(3.0 / avg), "xavier_normal": math.sqrt(1.3 / avg),
        "xavier_gain": 4.0 * math.sqrt(3.0 / avg), "conv2d": math.sqrt(1.3 / avg),
        "vs_default": math.sqrt(2.6 / fan_in), "vs_fan_out_uniform": math.sqrt(1.5 / fan_out),
        "xavier_init_uniform": math.sqrt(6.0 / 50), "xavier_init_normal": math.sqrt(3.0 / 50),
    }
    for name, init, keras_name in KINDS:
        got = _keras_limit_or_stddev(keras_name, init.get_config(), fan_in, fan_out)
        assert got == pytest.approx(expected[name], rel=1e-14), name


@on_tf2
@pytest.mark.parametrize("name,init,keras_name", KINDS, ids=IDS)
def test_keras_serializes_the_builtin_class(name, init, keras_name):
    config = tf.keras.initializers.serialize(init)
    assert config["class_name"] == keras_name
    assert config.get("registered_name") in (None, keras_name)
    assert config.get("module", "keras.initializers") == "keras.initializers"
    back = tf.keras.initializers.deserialize(config)
    assert type(back) is getattr(tf.keras.initializers, keras_name)
    back_config = back.get_config()
    assert {key: back_config[key] for key in init.get_config()} == init.get_config()


CHILD = textwrap.dedent("""
    import json, sys
    import numpy as np
    sys.modules["xavier_compat"] = None          # import xavier_compat now fails
    try:
        import xavier_compat
    except ImportError:
        pass
    else:
        raise SystemExit("xavier_compat is importable in the child")
    import tensorflow as tf
    out = {}
    for path in sys.argv[1:]:
        model = tf.keras.models.load_model(path, compile=False)
        layers = [l for l in model.layers if hasattr(l, "kernel_initializer")]
        entry = []
        for layer in layers:
            init = layer.kernel_initializer
            sample = np.asarray(init(layer.kernel.shape, dtype="float32"))
            entry.append({"class": type(init).__name__, "config": init.get_config(),
                          "kernel": np.asarray(layer.kernel).tolist(),
                          "sample_absmax": float(np.abs(sample).max())})
        out[path] = entry
    print("RESULT" + json.dumps(out))
""")


def _model():
    k = tf.keras
    return k.Sequential([
        k.Input((6, 6, 3)),
        k.layers.Conv2D(4, 3, kernel_initializer=xc.xavier_initializer_conv2d(seed=7)),
        k.layers.Flatten(),
        k.layers.Dense(5, kernel_initializer=xc.xavier_initializer(uniform=False, seed=8)),
        k.layers.Dense(3, kernel_initializer=xc.variance_scaling_initializer(uniform=True)),
        k.layers.Dense(2, kernel_initializer=xc.xavier_init(3, 2, uniform=False)),
    ])


@on_tf2
def test_saved_model_reloads_where_xavier_compat_cannot_be_imported(tmp_path):
    model = _model()
    paths = [str(tmp_path / "model.keras"), str(tmp_path / "model.h5")]
    for path in paths:
        model.save(path)
    expected = [
        ("VarianceScaling", model.layers[0].kernel_initializer.get_config()),
        ("VarianceScaling", model.layers[2].kernel_initializer.get_config()),
        ("VarianceScaling", model.layers[3].kernel_initializer.get_config()),
        ("TruncatedNormal", model.layers[4].kernel_initializer.get_config()),
    ]
    bounds = [math.sqrt(6.0 / (27 + 36)), 2 * math.sqrt(2.6 / (64 + 5)), math.sqrt(6.0 / 5),
              2 * math.sqrt(3.0 / 5)]
    kernels = [np.asarray(layer.kernel) for layer in model.layers if hasattr(layer, "kernel_initializer")]
    proc = run_python(["-c", CHILD] + paths, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr[-3000:]
    line = [ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT")][-1]
    result = json.loads(line[len("RESULT"):])
    for path in paths:
        entries = result[path]
        assert len(entries) == 4
        for entry, (cls, config), bound, kernel in zip(entries, expected, bounds, kernels):
            assert entry["class"] == cls, path
            assert {k: v for k, v in entry["config"].items() if k in config} == config, path
            assert entry["sample_absmax"] <= bound * (1 + 2 ** -23)  # same distribution's bound
            np.testing.assert_array_equal(np.array(entry["kernel"], np.float32), kernel)


def test_tf1_and_tf2_keras_layers_get_config_works():
    layer = tf.keras.layers.Dense(3, kernel_initializer=xc.xavier_initializer(seed=1))
    config = layer.get_config()["kernel_initializer"]
    assert config["config"]["scale"] == 1.0 and config["config"]["mode"] == "fan_avg"

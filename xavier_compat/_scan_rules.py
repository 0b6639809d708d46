"""Static tables for ``xavier_compat.scan``: what each legacy call becomes, and its TF2-native twin.

Pure data plus small text builders: no TensorFlow import and no AST walking (that is ``_scan_ast``).
Keys are canonical dotted names whose TensorFlow root is spelled ``tensorflow`` (``tf.compat.v1.X``
is folded onto ``tensorflow.X`` before lookup).  Update :data:`SHIM_PROVIDES` when the shim grows.
"""
from typing import Any, Callable, Dict, NamedTuple, Optional, Tuple

from .contrib import _internal_paths  # pure data: TF 1.15's internal contrib module paths the shim serves

# tf.contrib draws a truncated normal (cut at 2 sigma) with stddev sqrt(1.3 * factor / n); Keras'
# VarianceScaling divides sqrt(scale / n) by 0.8796..., the stddev of a unit normal truncated at
# +-2.  So contrib's normal is VarianceScaling(scale=factor * 1.3 * C**2, distribution='truncated_normal').
TRUNC_C = "0.87962566103423978"

# tf.contrib.distributions members served from tf.compat.v1.distributions (+ the shim's own MVN diag)
_DISTRIBUTIONS = ("Bernoulli", "Beta", "Categorical", "Dirichlet", "DirichletMultinomial", "Distribution",
                  "Exponential", "FULLY_REPARAMETERIZED", "Gamma", "Laplace", "Multinomial",
                  "NOT_REPARAMETERIZED", "Normal", "RegisterKL", "ReparameterizationType", "StudentT",
                  "Uniform", "kl_divergence")
# TF 1.15's internal module paths the shim serves.  Packages are containers; so are the modules below
# contrib.layers.python.layers, whose member chains _scan_ast.normalize folds onto contrib.layers.X.
_FOLDED = "contrib.layers.python.layers."
_INTERNAL = tuple(
    [name[len("tensorflow."):] + "." + member for name, members in _internal_paths.MEMBERS.items()
     for member in members if name + "." + member not in _internal_paths.PACKAGES]
    + [name[len("tensorflow."):] for name in _internal_paths.PROXIES])
_INTERNAL_CONTAINERS = tuple(
    [n[len("tensorflow."):] for n in _internal_paths.PACKAGES if n != "tensorflow.contrib.metrics"]
    + [m for m in _INTERNAL if m.startswith(_FOLDED) and m.count(".") == 4
       and ("tensorflow." + m in _internal_paths.MEMBERS or "tensorflow." + m in _internal_paths.PROXIES)])
# The tf.contrib members the shim provides on TF2 (a prefix covers everything below it).
SHIM_PROVIDES = frozenset(
    ["contrib.layers." + n for n in (
        "xavier_initializer", "xavier_initializer_conv2d", "variance_scaling_initializer",
        "l1_regularizer", "l2_regularizer", "l1_l2_regularizer", "sum_regularizer", "apply_regularization",
        "flatten", "fully_connected", "batch_norm", "layer_norm", "instance_norm", "dropout", "conv2d",
        "max_pool2d", "avg_pool2d")]
    + ["contrib.framework." + n for n in (
        "arg_scope", "add_arg_scope", "get_or_create_global_step", "get_variables")]
    + ["contrib.slim"]
    + ["contrib.distributions." + n for n in _DISTRIBUTIONS + ("MultivariateNormalDiag",)]
    + ["contrib.rnn." + n for n in (
        "BasicLSTMCell", "LSTMCell", "GRUCell", "BasicRNNCell", "MultiRNNCell", "DropoutWrapper",
        "LSTMStateTuple")]
    + [m for m in _INTERNAL if not m.startswith(_FOLDED)]
)
# Module containers: referring to them is not a finding, their members are.
CONTRIB_CONTAINERS = frozenset(["contrib", "contrib.layers", "contrib.framework", "contrib.rnn",
                                "contrib.distributions"] + list(_INTERNAL_CONTAINERS))
CONTRIB_INITIALIZERS = frozenset(["xavier_initializer", "xavier_initializer_conv2d",
                                  "variance_scaling_initializer"])

# TF2 replacements of the provided companions (contrib meaning kept: note the factors).
COMPANIONS = {
    "contrib.layers.l1_regularizer": "tf.keras.regularizers.L1(scale)",
    "contrib.layers.l2_regularizer": ("tf.keras.regularizers.L2(scale / 2)  "
                                      "(contrib uses tf.nn.l2_loss = sum(w**2) / 2)"),
    "contrib.layers.l1_l2_regularizer": "tf.keras.regularizers.L1L2(l1=scale_l1, l2=scale_l2 / 2)",
    "contrib.layers.sum_regularizer": "lambda w: tf.add_n([r(w) for r in regularizer_list])",
    "contrib.layers.apply_regularization": "tf.add_n([regularizer(w) for w in weights_list])",
    "contrib.layers.flatten": "tf.keras.layers.Flatten()(inputs)",
    "contrib.layers.fully_connected": ("tf.keras.layers.Dense(num_outputs, activation='relu')(inputs)  "
                                       "(contrib's default activation_fn is tf.nn.relu)"),
    "contrib.layers.batch_norm": ("tf.keras.layers.BatchNormalization(momentum=0.999, epsilon=0.001, "
                                  "scale=False)(inputs, training=is_training)  (contrib defaults: "
                                  "decay=0.999, scale=False)"),
    "contrib.layers.layer_norm": ("tf.keras.layers.LayerNormalization(axis=list(range(1, rank)), "
                                  "epsilon=1e-12)"),
    "contrib.layers.instance_norm": "tf.keras.layers.GroupNormalization(groups=-1, epsilon=1e-6)",
    "contrib.layers.dropout": "tf.keras.layers.Dropout(rate=1 - keep_prob)(inputs, training=is_training)  "
                              "(contrib takes keep_prob, Keras takes the drop rate)",
    "contrib.layers.conv2d": "tf.keras.layers.Conv2D(num_outputs, kernel_size, padding='same', "
                             "activation='relu')(inputs)  (contrib defaults: SAME, relu)",
    "contrib.layers.max_pool2d": ("tf.keras.layers.MaxPooling2D(pool_size=kernel_size, strides=2, "
                                  "padding='valid')"),
    "contrib.layers.avg_pool2d": "tf.keras.layers.AveragePooling2D(pool_size=kernel_size, strides=2, "
                                 "padding='valid')",
    "contrib.framework.arg_scope": "none: pass the arguments explicitly (or functools.partial)",
    "contrib.framework.add_arg_scope": "none: pass the arguments explicitly (or functools.partial)",
    "contrib.framework.get_or_create_global_step": "tf.compat.v1.train.get_or_create_global_step() "
                                                   "(Keras: optimizer.iterations)",
    "contrib.framework.get_variables": "model.variables / tf.compat.v1.get_collection(...)",
    "contrib.slim": "the tf-slim package (import tf_slim as slim) or tf.keras.layers",
    "contrib.rnn.BasicLSTMCell": "tf.keras.layers.LSTMCell(num_units)",
    "contrib.rnn.LSTMCell": "tf.keras.layers.LSTMCell(num_units)",
    "contrib.rnn.GRUCell": "tf.keras.layers.GRUCell(num_units)",
    "contrib.rnn.BasicRNNCell": "tf.keras.layers.SimpleRNNCell(num_units)",
    "contrib.rnn.MultiRNNCell": "tf.keras.layers.StackedRNNCells(cells)",
    "contrib.rnn.DropoutWrapper": "the dropout= / recurrent_dropout= arguments of the Keras cell",
    "contrib.rnn.LSTMStateTuple": "a [h, c] list (Keras order; LSTMStateTuple is (c, h))",
}
COMPANIONS.update(("contrib.distributions." + n, "tfp.distributions.%s (pip install tensorflow-probability);"
                   " tf.compat.v1.distributions.%s meanwhile" % (n, n)) for n in _DISTRIBUTIONS)
COMPANIONS["contrib.distributions.MultivariateNormalDiag"] = (
    "tfp.distributions.MultivariateNormalDiag(loc, scale_diag) (pip install tensorflow-probability); without "
    "tfp: tf.compat.v1.distributions.Normal(loc, scale_diag) with log_prob/entropy summed over the last axis")
# TF 1.15's internal paths: the public member's twin, or the module's
_INTERNAL_TWINS = {
    "variables": "tf.Variable / tf.compat.v1.get_collection (tf-slim: tf_slim.ops.variables)",
    "utils": "tf-slim's tf_slim.layers.utils (import tf_slim)",
    "set_ops": "tf.sets (tf.sets.size, tf.sets.intersection, ...)",
}
COMPANIONS.update((m, COMPANIONS.get("contrib.%s.%s" % (m.split(".")[1], m.rsplit(".", 1)[-1]))
                   or _INTERNAL_TWINS[m.rsplit(".", 1)[-1]]) for m in SHIM_PROVIDES if ".python." in m)

# What is NOT provided: longest matching key wins; None-like text says there is no TF2 twin.
UNSUPPORTED = {
    "contrib": "see https://www.tensorflow.org/guide/migrate (no single replacement)",
    "contrib.learn": "tf.estimator (removed in TF 2.16) or tf.keras.Model",
    "contrib.learn.datasets": "tf.keras.datasets / tensorflow_datasets",
    "contrib.seq2seq": "tensorflow_addons.seq2seq (archived, no release for TF >= 2.15) or keras_nlp",
    "contrib.legacy_seq2seq": "none: rebuild with tf.keras.layers.RNN and tf.keras.layers.Attention",
    "contrib.distributions": "tensorflow_probability.distributions",
    "contrib.bayesflow": "tensorflow_probability",
    "contrib.opt": "tf.keras.optimizers (e.g. AdamWOptimizer -> tf.keras.optimizers.AdamW)",
    "contrib.data": "tf.data (e.g. map_and_batch -> Dataset.map(...).batch(...))",
    "contrib.training": "tf.compat.v1.train / tf.data (HParams: a dict)",
    "contrib.metrics": "tf.keras.metrics",
    "contrib.losses": "tf.keras.losses",
    "contrib.crf": "tensorflow_addons.text.crf_* (archived)",
    "contrib.tensorboard": "tf.summary",
    "contrib.summary": "tf.summary",
    "contrib.keras": "tf.keras",
    "contrib.lookup": "tf.lookup",
    "contrib.image": "tf.image (the rest: tensorflow_addons.image, archived)",
    "contrib.cudnn_rnn": "tf.keras.layers.LSTM / GRU (cuDNN kernels are picked automatically)",
    "contrib.tpu": "tf.distribute.TPUStrategy",
    "contrib.predictor": "tf.saved_model.load",
    "contrib.quantize": "tensorflow_model_optimization.quantization",
    "contrib.model_pruning": "tensorflow_model_optimization.sparsity",
    "contrib.eager": "tf (eager is the TF2 default; tfe.Variable -> tf.Variable)",
    "contrib.estimator": "tf.estimator (removed in TF 2.16)",
    "contrib.gan": "tensorflow_gan",
    "contrib.signal": "tf.signal",
    "contrib.nccl": "tf.distribute",
    "contrib.distribute": "tf.distribute",
    "contrib.mixed_precision": "tf.keras.mixed_precision",
    "contrib.checkpoint": "tf.train.Checkpoint",
    "contrib.cluster_resolver": "tf.distribute.cluster_resolver",
    "contrib.autograph": "tf.autograph / tf.function",
    "contrib.saved_model": "tf.saved_model",
    "contrib.feature_column": "tf.feature_column / Keras preprocessing layers",
    "contrib.tensor_forest": "tensorflow_decision_forests",
    "contrib.boosted_trees": "tensorflow_decision_forests",
    "contrib.text": "tensorflow_text",
    "contrib.stateless": "tf.random.stateless_*",
    "contrib.nn": "tf.nn (alpha_dropout -> tf.keras.layers.AlphaDropout)",
    "contrib.framework": "tf.nest / tf.Variable / tf.train.Checkpoint (per member)",
    "contrib.framework.nest": "tf.nest",
    "contrib.layers": "tf.keras.layers (per member)",
    "contrib.layers.conv2d_transpose": "tf.keras.layers.Conv2DTranspose",
    "contrib.layers.separable_conv2d": "tf.keras.layers.SeparableConv2D",
    "contrib.layers.conv1d": "tf.keras.layers.Conv1D",
    "contrib.layers.conv3d": "tf.keras.layers.Conv3D",
    "contrib.layers.embed_sequence": "tf.keras.layers.Embedding",
    "contrib.layers.optimize_loss": "optimizer.minimize(loss, var_list) / tf.GradientTape",
    "contrib.layers.one_hot_encoding": "tf.one_hot",
    "contrib.layers.group_norm": "tf.keras.layers.GroupNormalization",
    "contrib.layers.bias_add": "tf.nn.bias_add",
    "contrib.layers.linear": "tf.keras.layers.Dense(num_outputs)",
    "contrib.layers.softmax": "tf.nn.softmax",
    "contrib.layers.unit_norm": "tf.math.l2_normalize",
    "contrib.layers.recompute_grad": "tf.recompute_grad",
    "contrib.layers.summarize_activation": "tf.summary.histogram",
    "contrib.rnn": "tf.keras.layers (per member)",
    "contrib.rnn.static_rnn": "tf.keras.layers.RNN(cell, unroll=True)",
    "contrib.rnn.static_bidirectional_rnn": "tf.keras.layers.Bidirectional(tf.keras.layers.RNN(cell))",
    "contrib.rnn.stack_bidirectional_dynamic_rnn": "stacked tf.keras.layers.Bidirectional layers",
    "contrib.rnn.LayerNormBasicLSTMCell": "tensorflow_addons.rnn.LayerNormLSTMCell (archived)",
    "contrib.rnn.LSTMBlockCell": "tf.keras.layers.LSTMCell",
    "contrib.rnn.GRUBlockCell": "tf.keras.layers.GRUCell",
    "contrib.rnn.OutputProjectionWrapper": "a tf.keras.layers.Dense after the RNN",
    "contrib.rnn.AttentionCellWrapper": "none: tf.keras.layers.Attention over the RNN outputs",
}

SHIM_INIT = ("TF1: the real tf.contrib.layers.{n}; TF2: xavier_compat.{n} (install() and `xavier-compat run` "
             "serve it as tf.contrib.layers.{n}), same seeded weights as TF 1.15")
SHIM_COMPANION = ("TF1: the real tf.{m}; TF2: xavier_compat's own tf.{m}, faithful to TF 1.15 "
                  "(install() / run)")
SHIM_SLIM = "TF1: the real tf.contrib.slim; TF2: the tf-slim package (extra xavier-compat[legacy])"
SHIM_UNSUPPORTED = ("TF1: the real tf.{m}; TF2: not provided: AttributeError naming tf.{m} and its "
                    "replacement")
SHIM_VARIABLES = ("TF1: the real tf.{n}; TF2: xavier_compat.{n} (TF1 variable store and sharing, graph and "
                  "eager; served as tf.{n} by install() / run)")
SHIM_LAYERS = ("TF1: the real tf.layers.{n}; TF2 <= 2.15: tf.compat.v1.layers.{n}; TF >= 2.16 (Keras 3): "
               "served through tf-keras (extra xavier-compat[legacy])")
SHIM_TF1_OPS = ("nothing to patch: TF1 names (tf.{n}) come from the TF1 API under `xavier-compat run`; "
                "same values")
SHIM_NUMPY = "nothing: NumPy code is unaffected"
SHIM_PRETTY = ("not patched: prettytensor itself is not provided; xavier_compat.xavier_init(n_inputs, "
               "n_outputs, uniform) has the same semantics on every TF")
SHIM_LOCAL_PRETTY = ("nothing to patch: a local copy of prettytensor's xavier_init (plain TF1 code, "
                     "see its body)")

NOT_GLOROT_NORMAL = ("NOT GlorotNormal: contrib draws a truncated normal with stddev sqrt(1.3 / n_avg); "
                     "Keras GlorotNormal uses sqrt(1 / n_avg) / 0.8796..., which is not the same")


class Args(NamedTuple):
    """One call's arguments by parameter name: source text, literal value, nested replacement."""

    texts: Dict[str, str]
    literals: Dict[str, Any]
    nested: Dict[str, str]  # parameter -> TF2 replacement of a legacy call passed there

    def text(self, name: str, default: Optional[str] = None) -> Optional[str]:
        return self.nested.get(name, self.texts.get(name, default))

    def literal(self, name: str, default: Any = None) -> Any:
        if name in self.literals:
            return self.literals[name]
        return default if name not in self.texts else _UNKNOWN


_UNKNOWN = object()  # an argument that is present but not a literal


def _kw(args: Args, name: str, out: Optional[str] = None) -> str:
    text = args.text(name)
    return "" if text is None or text == "None" else ", %s=%s" % (out or name, text)


def _seed_note(args: Args, call: str) -> str:
    if args.text("seed") in (None, "None"):
        return ""
    return ("the same seed draws other values than TF 1.15 did (Keras draws differently); "
            "xavier_compat.%s(seed=%s) gives TF 1.15's exact weights" % (call, args.text("seed")))


def _join(*notes: str) -> str:
    return "; ".join(n for n in notes if n)


def _paren(text: str) -> str:
    return text if text.replace(".", "").replace("_", "").isalnum() else "(%s)" % text


def build_xavier(args: Args, name: str = "xavier_initializer") -> Tuple[str, str]:
    """xavier_initializer(uniform=True, seed=None, dtype) -> GlorotUniform or the truncated-normal twin."""
    seed = _kw(args, "seed")
    glorot = "tf.keras.initializers.GlorotUniform(%s)" % seed[2:]
    twin = ("tf.keras.initializers.VarianceScaling(scale=1.3 * %s ** 2, mode='fan_avg', "
            "distribution='truncated_normal'%s)" % (TRUNC_C, seed))
    uniform = args.literal("uniform", True)
    if uniform is True:
        return glorot, _seed_note(args, name)
    if uniform is False:
        return twin, _join(NOT_GLOROT_NORMAL, _seed_note(args, name))
    return ("%s if %s else %s" % (glorot, args.text("uniform"), twin),
            _join("uniform is not a literal", NOT_GLOROT_NORMAL, _seed_note(args, name)))


_VS_NAMES = {(1.0, "fan_avg"): "GlorotUniform", (2.0, "fan_in"): "HeUniform", (1.0, "fan_in"): "LecunUniform"}


def build_variance_scaling(args: Args) -> Tuple[str, str]:
    """variance_scaling_initializer(factor=2.0, mode='FAN_IN', uniform=False) -> VarianceScaling(...)."""
    factor = args.text("factor", "2.0")
    mode_lit = args.literal("mode", "FAN_IN")
    notes = []
    if isinstance(mode_lit, str):
        mode = repr(mode_lit.lower())
        if mode_lit not in ("FAN_IN", "FAN_OUT", "FAN_AVG"):
            notes.append("mode %r is invalid: contrib raises TypeError (allowed: FAN_IN, FAN_OUT, FAN_AVG)"
                         % (mode_lit,))
    else:
        mode = "%s.lower()" % args.text("mode")
    seed = _kw(args, "seed")
    uniform = args.literal("uniform", False)
    flit = args.literal("factor", 2.0)
    if uniform is True:
        out = "tf.keras.initializers.VarianceScaling(scale=%s, mode=%s, distribution='uniform'%s)" % (
            factor, mode, seed)
        known = isinstance(flit, (int, float)) and _VS_NAMES.get((float(flit), mode.strip("'")))
        if known:
            notes.append("= tf.keras.initializers.%s(%s)" % (known, seed[2:]))
    else:
        out = ("tf.keras.initializers.VarianceScaling(scale=%s * 1.3 * %s ** 2, mode=%s, "
               "distribution='truncated_normal'%s)" % (_paren(factor), TRUNC_C, mode, seed))
        notes.append("contrib's normal is a truncated normal with stddev sqrt(1.3 * factor / n): NOT "
                     "HeNormal / GlorotNormal / LecunNormal")
        if uniform is not False:
            out = "uniform=%s: %s, else the same with distribution='uniform', scale=%s" % (
                args.text("uniform"), out, factor)
    notes.append(_seed_note(args, "variance_scaling_initializer"))
    return out, _join(*notes)


def build_tf1_glorot(args: Args, which: str) -> Tuple[str, str]:
    """TF1 core glorot_{uniform,normal}_initializer: the Keras classes are exact twins of the maths."""
    cls = "GlorotUniform" if which == "uniform" else "GlorotNormal"
    return "tf.keras.initializers.%s(%s)" % (cls, _kw(args, "seed")[2:]), ""


def build_pretty(args: Args) -> Tuple[str, str]:
    """prettytensor xavier_init(n_inputs, n_outputs, uniform=True): explicit fans, not the shape's."""
    n_in, n_out = args.text("n_inputs", "n_inputs"), args.text("n_outputs", "n_outputs")
    total = "%s + %s" % (n_in, n_out)
    uni = ("tf.keras.initializers.RandomUniform(minval=-math.sqrt(6.0 / (%s)), maxval=math.sqrt(6.0 / (%s)))"
           % (total, total))
    norm = "tf.keras.initializers.TruncatedNormal(stddev=math.sqrt(3.0 / (%s)))" % total
    note_u = "= tf.keras.initializers.GlorotUniform() when the variable's fans are (%s, %s)" % (n_in, n_out)
    note_n = "NOT GlorotNormal: prettytensor's stddev is sqrt(3 / (n_inputs + n_outputs)) before truncation"
    uniform = args.literal("uniform", True)
    alt = "or xavier_compat.xavier_init(%s, %s%s)" % (n_in, n_out, _kw(args, "uniform"))
    if uniform is True:
        return uni, _join(note_u, alt)
    if uniform is False:
        return norm, _join(note_n, alt)
    return "%s if %s else %s" % (uni, args.text("uniform"), norm), _join(note_u, note_n, alt)


def build_get_variable(args: Args) -> Tuple[str, str]:
    """get_variable(name, shape, dtype, initializer, ...) -> tf.Variable(initializer(shape), name=...)."""
    init = args.text("initializer") or "tf.keras.initializers.GlorotUniform()"
    init = "(%s)" % init if " if " in init or init.startswith("lambda") else init
    call = "%s(shape=%s%s)" % (init, args.text("shape", "SHAPE"), _kw(args, "dtype"))
    out = "tf.Variable(%s%s%s)" % (call, _kw(args, "name"), _kw(args, "trainable"))
    notes = ["or xavier_compat.get_variable(same arguments) to keep TF1 sharing by name"]
    if args.text("initializer") is None:
        notes.append("no initializer: TF1 used glorot_uniform for floating variables")
    if args.text("regularizer") is not None:
        notes.append("add the regularizer's loss yourself (model.add_loss(lambda: reg(var)))")
    return out, _join(*notes)


def build_variable_scope(args: Args) -> Tuple[str, str]:
    name = args.text("name_or_scope", "NAME")
    return ("tf.name_scope(%s) for names; share variables by reusing Python objects (Keras layers, "
            "tf.Module)" % name,
            "or xavier_compat.variable_scope(same arguments) to keep TF1 reuse semantics")


# tf.layers function -> (Keras class, leading positional parameters after `inputs`)
TF_LAYERS = {
    "dense": ("Dense", ("units",)), "conv1d": ("Conv1D", ("filters", "kernel_size")),
    "conv2d": ("Conv2D", ("filters", "kernel_size")), "conv3d": ("Conv3D", ("filters", "kernel_size")),
    "conv2d_transpose": ("Conv2DTranspose", ("filters", "kernel_size")),
    "conv3d_transpose": ("Conv3DTranspose", ("filters", "kernel_size")),
    "separable_conv1d": ("SeparableConv1D", ("filters", "kernel_size")),
    "separable_conv2d": ("SeparableConv2D", ("filters", "kernel_size")),
    "max_pooling1d": ("MaxPooling1D", ("pool_size", "strides")),
    "max_pooling2d": ("MaxPooling2D", ("pool_size", "strides")),
    "max_pooling3d": ("MaxPooling3D", ("pool_size", "strides")),
    "average_pooling1d": ("AveragePooling1D", ("pool_size", "strides")),
    "average_pooling2d": ("AveragePooling2D", ("pool_size", "strides")),
    "average_pooling3d": ("AveragePooling3D", ("pool_size", "strides")),
    "flatten": ("Flatten", ()), "dropout": ("Dropout", ("rate",)),
    "batch_normalization": ("BatchNormalization", ("axis", "momentum", "epsilon")),
}
TF_LAYER_CLASSES = frozenset(cls for cls, _ in TF_LAYERS.values()) | {"Layer", "Conv2D", "Dense"}
_CALL_TIME = ("training",)


def build_tf_layer(member: str, positional: Tuple[str, ...], keywords: Dict[str, str],
                   nested: Dict[str, str]) -> Tuple[str, str]:
    """tf.layers.dense(x, 10, kernel_initializer=...) -> tf.keras.layers.Dense(10, ...)(x)."""
    notes = []
    keywords = dict(keywords)
    keywords.update({k: v for k, v in nested.items() if k in keywords})
    if "reuse" in keywords:
        keywords.pop("reuse")
        notes.append("reuse: share by calling the same layer object again")
    if member in TF_LAYERS:
        cls, _params = TF_LAYERS[member]
        inputs = keywords.pop("inputs", positional[0] if positional else "inputs")
        call_kw = "".join(", %s=%s" % (k, keywords.pop(k)) for k in _CALL_TIME if k in keywords)
        ctor = ", ".join(list(positional[1:]) + ["%s=%s" % kv for kv in keywords.items()])
        out = "tf.keras.layers.%s(%s)(%s%s)" % (cls, ctor, inputs, call_kw)
        if member == "batch_normalization":
            notes.append("Keras updates the moving statistics itself (no UPDATE_OPS collection)")
    else:
        ctor = ", ".join(list(positional) + ["%s=%s" % kv for kv in keywords.items()])
        out = "tf.keras.layers.%s(%s)" % (member, ctor)
    if "kernel_initializer" not in keywords and member not in ("flatten", "dropout", "max_pooling2d"):
        notes.append("no kernel_initializer: TF1 and Keras both default to glorot_uniform")
    return out, _join(*notes)


class Rule(NamedTuple):
    """One legacy callable: its kind, TF1 parameter order, what the shim does, its TF2 builder."""

    kind: str
    params: Tuple[str, ...]
    shim: str
    build: Callable[[Args], Tuple[str, str]]


def _init_rule(n: str, build: Callable[[Args], Tuple[str, str]], params: Tuple[str, ...]) -> Rule:
    return Rule("contrib_initializer", params, SHIM_INIT.format(n=n), build)


RULES = {
    "tensorflow.contrib.layers.xavier_initializer": _init_rule(
        "xavier_initializer", build_xavier, ("uniform", "seed", "dtype")),
    "tensorflow.contrib.layers.xavier_initializer_conv2d": _init_rule(
        "xavier_initializer_conv2d", lambda a: build_xavier(a, "xavier_initializer_conv2d"),
        ("uniform", "seed", "dtype")),
    "tensorflow.contrib.layers.variance_scaling_initializer": _init_rule(
        "variance_scaling_initializer", build_variance_scaling,
        ("factor", "mode", "uniform", "seed", "dtype")),
    "prettytensor.layers.xavier_init": Rule("prettytensor_xavier_init", ("n_inputs", "n_outputs", "uniform"),
                                            SHIM_PRETTY, build_pretty),
    "tensorflow.get_variable": Rule("tf1_variables", ("name", "shape", "dtype", "initializer", "regularizer",
                                                      "trainable"),
                                    SHIM_VARIABLES.format(n="get_variable"), build_get_variable),
    "tensorflow.variable_scope": Rule("tf1_variables", ("name_or_scope", "default_name", "values"),
                                      SHIM_VARIABLES.format(n="variable_scope"), build_variable_scope),
    "tensorflow.glorot_uniform_initializer": Rule("tf1_initializer", ("seed", "dtype"),
                                                  SHIM_TF1_OPS.format(n="glorot_uniform_initializer"),
                                                  lambda a: build_tf1_glorot(a, "uniform")),
    "tensorflow.glorot_normal_initializer": Rule("tf1_initializer", ("seed", "dtype"),
                                                 SHIM_TF1_OPS.format(n="glorot_normal_initializer"),
                                                 lambda a: build_tf1_glorot(a, "normal")),
}
# A local function with this name is taken for a copy of prettytensor's (the founding Q&A quotes it).
LOCAL_PRETTY = "xavier_init"


class RandomOp(NamedTuple):
    """A random draw: distribution family, TF1 parameter order and the role of each parameter."""

    family: str  # 'uniform', 'normal' (untruncated) or 'truncated'
    params: Tuple[str, ...]
    low: Optional[str]
    high: Optional[str]  # uniform bound, or the stddev parameter for normals
    defaults: Tuple[float, float]  # (low, high) or (mean, stddev) when not given
    initializer: bool  # an initializer object (rather than a tensor op)


def _ops() -> Dict[str, RandomOp]:
    t_u = RandomOp("uniform", ("shape", "minval", "maxval", "dtype", "seed"), "minval", "maxval", (0, 1),
                   False)
    t_n = RandomOp("normal", ("shape", "mean", "stddev", "dtype", "seed"), None, "stddev", (0, 1), False)
    t_t = t_n._replace(family="truncated")
    i_u = RandomOp("uniform", ("minval", "maxval", "seed", "dtype"), "minval", "maxval", (0, 1), True)
    i_n = RandomOp("normal", ("mean", "stddev", "seed", "dtype"), None, "stddev", (0, 1.0), True)
    i_t = i_n._replace(family="truncated")
    k_u = RandomOp("uniform", ("minval", "maxval", "seed"), "minval", "maxval", (-0.05, 0.05), True)
    k_n = RandomOp("normal", ("mean", "stddev", "seed"), None, "stddev", (0, 0.05), True)
    ops = {
        "tensorflow.random_uniform": t_u, "tensorflow.random.uniform": t_u,
        "tensorflow.random_normal": t_n, "tensorflow.random.normal": t_n,
        "tensorflow.truncated_normal": t_t, "tensorflow.random.truncated_normal": t_t,
        "tensorflow.random_uniform_initializer": i_u, "tensorflow.initializers.random_uniform": i_u,
        "tensorflow.random_normal_initializer": i_n, "tensorflow.initializers.random_normal": i_n,
        "tensorflow.truncated_normal_initializer": i_t, "tensorflow.initializers.truncated_normal": i_t,
        "numpy.random.uniform": RandomOp("uniform", ("low", "high", "size"), "low", "high", (0, 1), False),
        "numpy.random.normal": RandomOp("normal", ("loc", "scale", "size"), None, "scale", (0, 1), False),
        "numpy.random.randn": RandomOp("normal", (), None, None, (0, 1), False),
        "random.uniform": RandomOp("uniform", ("a", "b"), "a", "b", (0, 1), False),
    }
    for root in ("tensorflow.keras.initializers.", "tensorflow.initializers.", "keras.initializers."):
        ops.update({root + "RandomUniform": k_u, root + "RandomNormal": k_n,
                    root + "TruncatedNormal": k_n._replace(family="truncated")})
    return ops


RANDOM_OPS = _ops()
SQRT_FUNCS = frozenset(["math.sqrt", "numpy.sqrt", "tensorflow.sqrt", "tensorflow.math.sqrt"])
CAST_FUNCS = frozenset(["float", "numpy.float32", "numpy.float64", "tensorflow.constant", "tensorflow.cast"])
# Calls whose argument becomes a weight: (parameter name, positional index or None).
WEIGHT_SINKS = {"tensorflow.Variable": ("initial_value", 0), "tensorflow.get_variable": ("initializer", 3)}
WEIGHT_KEYWORDS = frozenset(["kernel_initializer", "weights_initializer", "depthwise_initializer",
                             "pointwise_initializer", "embeddings_initializer", "recurrent_initializer"])


def _fmt(x: float) -> str:
    return repr(float(x))


def build_handwritten(family: str, gain: float, gain_expr: Optional[str], k: float, mode: str,
                      seed: Optional[str]) -> Tuple[str, str]:
    """A hand-written limit/stddev gain * sqrt(k / D) as the VarianceScaling with the same maths.

    D = fan_in + fan_out gives mode 'fan_avg' (n = D / 2); a single fan gives 'fan_in'/'fan_out' (n = D).
    uniform: limit**2 = 3 * scale / n; normal: stddev**2 = scale / n; TF's truncated normal keeps
    its stddev parameter, Keras divides by 0.8796..., hence the extra C**2.
    """
    per_n = 2.0 if mode == "fan_avg" else 1.0
    base = gain * gain * k / per_n / (3.0 if family == "uniform" else 1.0)
    scale = _fmt(base)
    if gain_expr:
        scale = "%s * (%s) ** 2" % (scale, gain_expr)
    if family == "truncated":
        scale += " * %s ** 2" % TRUNC_C
    dist = {"uniform": "uniform", "normal": "untruncated_normal", "truncated": "truncated_normal"}[family]
    seed_kw = "" if seed in (None, "None") else ", seed=%s" % seed
    out = "tf.keras.initializers.VarianceScaling(scale=%s, mode=%r, distribution=%r%s)" % (scale, mode, dist,
                                                                                          seed_kw)
    notes = ["exact when the variable's fans (TF layout: last two dims x receptive field) are the formula's"]
    if family == "uniform" and mode == "fan_avg" and not gain_expr:
        if base == 1.0:
            notes.insert(0, "= tf.keras.initializers.GlorotUniform(%s)" % seed_kw[2:])
        elif k == 6.0:
            notes.insert(0, "Xavier uniform with gain %s (the Q&A's sigmoid variant uses 4); or "
                            "xavier_compat.xavier_initializer(gain=%s)" % (_fmt(gain), _fmt(gain)))
    if family == "normal" and mode == "fan_avg" and base == 1.0 and not gain_expr:
        notes.insert(0, "the paper's Glorot normal; Keras GlorotNormal truncates (same variance, other "
                        "shape)")
    if family == "truncated":
        notes.insert(0, "NOT GlorotNormal: Keras divides the stddev by 0.8796...")
    return out, _join(*notes)


_TWINS = {
    "tensorflow.random_uniform": "tf.random.uniform", "tensorflow.random_normal": "tf.random.normal",
    "tensorflow.truncated_normal": "tf.random.truncated_normal",
    "tensorflow.random_uniform_initializer": "tf.keras.initializers.RandomUniform",
    "tensorflow.initializers.random_uniform": "tf.keras.initializers.RandomUniform",
    "tensorflow.random_normal_initializer": "tf.keras.initializers.RandomNormal",
    "tensorflow.initializers.random_normal": "tf.keras.initializers.RandomNormal",
    "tensorflow.truncated_normal_initializer": "tf.keras.initializers.TruncatedNormal",
    "tensorflow.initializers.truncated_normal": "tf.keras.initializers.TruncatedNormal",
}


def build_lookalike(op_name: str, op: RandomOp, args: Args, xavier_hint: str) -> Tuple[str, str]:
    """A fixed-scale random draw used for weights: its TF2 twin (TF1 defaults made explicit), and a note.

    The twin keeps the call's meaning; the note says it is not Xavier and what Xavier would be.
    """
    seed = args.text("seed")
    seed_kw = "" if seed in (None, "None") else "seed=%s" % seed
    params = list(op.params)
    if op.low is None and op.high is not None and op.high not in args.texts:
        args.texts[op.high] = _fmt(op.defaults[1])  # make TF1's default stddev explicit
    if op.low and op.high and op.high not in args.texts:
        args.texts[op.low] = args.texts.get(op.low, _fmt(op.defaults[0]))
        args.texts[op.high] = _fmt(op.defaults[1])
    name = _TWINS.get(op_name, op_name.replace("tensorflow.", "tf.", 1))
    shown = [p for p in params if p in args.texts and p != "dtype"]
    lead = [args.texts[p] for p in shown if p == "shape"]
    twin = "%s(%s)" % (name, ", ".join(lead + ["%s=%s" % (p, args.texts[p]) for p in shown if p != "shape"]))
    scale = args.texts.get(op.high or "", _fmt(op.defaults[1]))
    what = ("limits [%s, %s]" % (args.texts.get(op.low or "", _fmt(op.defaults[0])), scale)
            if op.family == "uniform" else "stddev %s" % scale)
    notes = ["NOT Xavier: fixed %s whatever fan_in/fan_out%s" % (what, xavier_hint),
             "if Xavier was meant: tf.keras.initializers.GlorotUniform(%s)" % seed_kw]
    if op_name in ("tensorflow.random_normal_initializer", "tensorflow.random_uniform_initializer"):
        notes.append("on TF2 the same spelling tf.%s defaults to %s (TF1: %s)" % (
            op_name.split(".")[-1], "stddev 0.05" if op.family == "normal" else "[-0.05, 0.05]",
            "stddev 1.0" if op.family == "normal" else "[0, 1]"))
    return twin, _join(*notes)

"""Where each ``tf.contrib`` member went in TF2: the text the façade's AttributeError quotes.

Keys are paths below ``tf.contrib`` (``"learn"``, ``"layers.embed_sequence"``); values name the TF2
replacement.  A member is looked up by its full path first, then by its submodule (so every member
of ``tf.contrib.learn`` points at ``tf.estimator``), then by the name patterns of ``_PATTERNS``.
Members the façade *does* provide (``layers.batch_norm`` ...) are listed too: their TF2 equivalent
is quoted if the module implementing them cannot be loaded.

Sources: the contrib sunset RFC (tensorflow/community rfcs/20180907-contrib-sunset.md) and the TF2
migration guide; the wording is ours.
"""
from typing import Dict, Optional, Tuple

_ADDONS = "tensorflow-addons (archived in 2024, no longer maintained)"

REPLACEMENTS = {
    # --- whole submodules -------------------------------------------------------------------------
    "autograph": "tf.autograph / tf.function",
    "bayesflow": "tensorflow_probability (pip install tensorflow-probability)",
    "boosted_trees": "tensorflow_decision_forests (pip install tensorflow-decision-forests)",
    "checkpoint": "tf.train.Checkpoint",
    "cloud": "tf.io.gfile and the google-cloud client libraries",
    "cluster_resolver": "tf.distribute.cluster_resolver",
    "compiler": "tf.function(jit_compile=True)",
    "crf": "tfa.text.crf_log_likelihood / crf_decode from " + _ADDONS,
    "cudnn_rnn": "tf.keras.layers.LSTM / tf.keras.layers.GRU (they pick cuDNN kernels automatically)",
    "data": "tf.data",
    "distribute": "tf.distribute",
    "distributions": "tensorflow_probability.distributions (pip install tensorflow-probability)",
    "eager": "TF2's default eager execution (tf.function for graphs)",
    "estimator": "tf.estimator (itself removed in TF 2.16; prefer tf.keras.Model.fit)",
    "factorization": "tensorflow_recommenders or a tf.keras model",
    "feature_column": "tf.feature_column (or tf.keras preprocessing layers)",
    "gan": "tensorflow_gan (pip install tensorflow-gan)",
    "grid_rnn": "tf.keras.layers.RNN with a custom cell",
    "image": "tf.image, or tfa.image from " + _ADDONS,
    "integrate": "tensorflow_probability.math.ode",
    "keras": "tf.keras",
    "kernel_methods": "tf.keras.layers.experimental.RandomFourierFeatures (Keras 2) / a custom layer",
    "labeled_tensor": "no TF2 replacement (plain tensors)",
    "learn": "tf.estimator (removed in TF 2.16; prefer tf.keras.Model.fit)",
    "legacy_seq2seq": "tf.keras recurrent layers (tf.keras.layers.LSTM, Attention)",
    "linear_optimizer": "tf.keras linear models (tf.keras.experimental.LinearModel in Keras 2)",
    "lookup": "tf.lookup",
    "losses": "tf.keras.losses (metric-learning losses: tfa.losses from " + _ADDONS + ")",
    "metrics": "tf.keras.metrics (streaming TF1 metrics: tf.compat.v1.metrics)",
    "mixed_precision": "tf.keras.mixed_precision",
    "model_pruning": "tensorflow_model_optimization.sparsity (pip install tensorflow-model-optimization)",
    "nn": "tf.nn",
    "opt": "tf.keras.optimizers (AdamW, LazyAdam and friends: tfa.optimizers from " + _ADDONS + ")",
    "optimizer_v2": "tf.keras.optimizers",
    "predictor": "tf.saved_model.load",
    "quantize": "tensorflow_model_optimization.quantization (pip install tensorflow-model-optimization)",
    "recurrent": "tf.keras.layers.RNN",
    "resampler": "tfa.image.resampler from " + _ADDONS,
    "saved_model": "tf.saved_model",
    "seq2seq": "tfa.seq2seq from " + _ADDONS + ", or keras-nlp / a custom tf.keras decoder",
    "signal": "tf.signal",
    "sparsemax": "tfa.activations.sparsemax from " + _ADDONS,
    "stateless": "tf.random.stateless_uniform / stateless_normal and friends",
    "summary": "tf.summary",
    "tensor_forest": "tensorflow_decision_forests (pip install tensorflow-decision-forests)",
    "tensorboard": "tf.summary and TensorBoard's own plugins",
    "timeseries": "tensorflow_probability.sts or a tf.keras model",
    "tpu": "tf.distribute.TPUStrategy",
    "training": "tf.train and tf.data (HParams: a dict, or keras-tuner)",
    "util": "tf.make_ndarray / tf.make_tensor_proto",
    # --- tf.contrib.layers ----------------------------------------------------------------------------
    "layers.avg_pool3d": "tf.keras.layers.AveragePooling3D",
    "layers.batch_norm": "tf.keras.layers.BatchNormalization "
                         "(TF1 graphs: tf.compat.v1.layers.batch_normalization)",
    "layers.bias_add": "tf.nn.bias_add",
    "layers.conv1d": "tf.keras.layers.Conv1D",
    "layers.conv2d": "tf.keras.layers.Conv2D",
    "layers.conv2d_transpose": "tf.keras.layers.Conv2DTranspose (TF1 graphs: tf.layers.conv2d_transpose)",
    "layers.conv3d": "tf.keras.layers.Conv3D",
    "layers.conv3d_transpose": "tf.keras.layers.Conv3DTranspose",
    "layers.convolution": "tf.keras.layers.Conv1D / Conv2D / Conv3D",
    "layers.dense_to_sparse": "tf.sparse.from_dense",
    "layers.dropout": "tf.keras.layers.Dropout (note: rate = 1 - keep_prob)",
    "layers.elu": "tf.nn.elu",
    "layers.embed_sequence": "tf.keras.layers.Embedding",
    "layers.flatten": "tf.keras.layers.Flatten",
    "layers.fully_connected": "tf.keras.layers.Dense",
    "layers.gdn": "tensorflow_compression.GDN (pip install tensorflow-compression)",
    "layers.group_norm": "tf.keras.layers.GroupNormalization",
    "layers.instance_norm": "tf.keras.layers.GroupNormalization(groups=-1)",
    "layers.layer_norm": "tf.keras.layers.LayerNormalization",
    "layers.linear": "tf.keras.layers.Dense(units, activation=None)",
    "layers.max_pool3d": "tf.keras.layers.MaxPool3D",
    "layers.maxout": "tfa.layers.Maxout from " + _ADDONS,
    "layers.one_hot_encoding": "tf.one_hot",
    "layers.optimize_loss": "a tf.keras optimizer's minimize() / apply_gradients() (tf.keras.optimizers)",
    "layers.recompute_grad": "tf.recompute_grad",
    "layers.relu": "tf.keras.layers.Dense(units, activation='relu')",
    "layers.relu6": "tf.keras.layers.Dense(units, activation=tf.nn.relu6)",
    "layers.repeat": "a Python loop or tf.keras.Sequential",
    "layers.safe_embedding_lookup_sparse": "tf.nn.safe_embedding_lookup_sparse",
    "layers.separable_conv2d": "tf.keras.layers.SeparableConv2D",
    "layers.softmax": "tf.nn.softmax",
    "layers.stack": "a Python loop or tf.keras.Sequential",
    "layers.unit_norm": "tf.math.l2_normalize",
    # --- tf.contrib.framework -------------------------------------------------------------------------
    "framework.add_model_variable": "tf.compat.v1.add_to_collection("
                                    "tf.compat.v1.GraphKeys.MODEL_VARIABLES, v)",
    "framework.argsort": "tf.argsort",
    "framework.assign_from_checkpoint_fn": "tf.train.Checkpoint(...).restore",
    "framework.get_global_step": "tf.compat.v1.train.get_global_step",
    "framework.get_variables_to_restore": "tf-slim's slim.get_variables_to_restore, or tf.train.Checkpoint",
    "framework.init_from_checkpoint": "tf.compat.v1.train.init_from_checkpoint",
    "framework.list_variables": "tf.train.list_variables",
    "framework.load_checkpoint": "tf.train.load_checkpoint",
    "framework.load_variable": "tf.train.load_variable",
    "framework.model_variable": "tf.Variable, or tf-slim's slim.model_variable",
    "framework.nest": "tf.nest",
    "framework.sort": "tf.sort",
    "framework.TensorSpec": "tf.TensorSpec",
    # --- tf.contrib.rnn -----------------------------------------------------------------------------
    "rnn.AttentionCellWrapper": "tf.keras.layers.Attention / AdditiveAttention",
    "rnn.ConvLSTMCell": "tf.keras.layers.ConvLSTM2D",
    "rnn.Conv2DLSTMCell": "tf.keras.layers.ConvLSTM2D",
    "rnn.GRUBlockCell": "tf.keras.layers.GRUCell",
    "rnn.LSTMBlockCell": "tf.keras.layers.LSTMCell",
    "rnn.LSTMBlockFusedCell": "tf.keras.layers.LSTM",
    "rnn.LayerNormBasicLSTMCell": "tfa.rnn.LayerNormLSTMCell from " + _ADDONS,
    "rnn.NASCell": "tfa.rnn.NASCell from " + _ADDONS,
    "rnn.OutputProjectionWrapper": "a tf.keras.layers.Dense applied to the RNN outputs",
    "rnn.ResidualWrapper": "tf.compat.v1.nn.rnn_cell.ResidualWrapper",
    "rnn.DeviceWrapper": "tf.compat.v1.nn.rnn_cell.DeviceWrapper",
    "rnn.static_rnn": "tf.compat.v1.nn.static_rnn, or tf.keras.layers.RNN(cell, unroll=True)",
    "rnn.static_bidirectional_rnn": "tf.compat.v1.nn.static_bidirectional_rnn, "
                                    "or tf.keras.layers.Bidirectional",
    "rnn.stack_bidirectional_dynamic_rnn": "stacked tf.keras.layers.Bidirectional layers",
}

#: (prefix of the submodule path, substring of the member name, replacement)
_PATTERNS = (
    ("layers", "_column", "tf.feature_column"),
    ("layers", "feature_column", "tf.feature_column"),
    ("layers", "summar", "tf.summary"),
    ("rnn", "Cell", "tf.keras.layers.*Cell (Keras RNN cells) or tf.compat.v1.nn.rnn_cell"),
)


def _sanity_check(table: Dict[str, str], patterns: Tuple) -> None:
    for key, text in table.items():
        assert key and not key.startswith(("tf.", ".")) and text, key
    for prefix, needle, text in patterns:
        assert prefix and needle and text


_sanity_check(REPLACEMENTS, _PATTERNS)


def replacement(path: str) -> Optional[str]:
    """The TF2 replacement for ``tf.contrib.<path>`` (``path`` like ``"layers.embed_sequence"``), or None.

    >>> replacement("learn.Estimator")
    'tf.estimator (removed in TF 2.16; prefer tf.keras.Model.fit)'
    """
    if path in REPLACEMENTS:
        return REPLACEMENTS[path]
    parts = path.split(".")
    if "python" in parts[1:-1]:  # TF 1.15's internal path: framework.python.ops.nest -> framework.nest
        return replacement(parts[0] + "." + parts[-1])
    for i in range(len(parts) - 1, 0, -1):  # the nearest enclosing submodule that has an entry
        prefix = ".".join(parts[:i])
        if prefix in REPLACEMENTS:
            return REPLACEMENTS[prefix]
    if len(parts) > 1:
        sub, member = ".".join(parts[:-1]), parts[-1]
        for prefix, needle, text in _PATTERNS:
            if sub == prefix and needle in member:
                return text
    return None

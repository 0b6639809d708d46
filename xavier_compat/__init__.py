"""xavier_compat: TF1/contrib Xavier initializers on every TensorFlow from 1.15 to 2.x.

Quick start::

    import xavier_compat as xc
    init = xc.xavier_initializer(seed=1)          # tf.contrib.layers.xavier_initializer, any TF
    xc.install()                                  # or: tf.contrib.layers.* works again in this process
    # or, without editing a legacy script:  xavier-compat run old_script.py

Importing this package does not import TensorFlow: public names are resolved lazily (PEP 562),
so ``install()`` can run before user code imports TensorFlow.
"""
import importlib
from typing import Any, List

__version__ = "0.1.0"

# public name -> submodule that defines it
_PUBLIC = {
    "xavier_initializer": "initializers",
    "xavier_initializer_conv2d": "initializers",
    "variance_scaling_initializer": "initializers",
    "xavier_init": "initializers",
    "caffe_filler": "caffe",
    "caffe_fillers_from_prototxt": "caffe",
    "calculate_gain": "gains",
    "get_variable": "variables",
    "variable_scope": "variables",
    "get_variable_scope": "variables",
    "track_tf1_style_variables": "variables",
    "AUTO_REUSE": "variables",
    "reset_variable_store": "variables",
    "get_regularization_losses": "variables",
    "install": "patching",
    "uninstall": "patching",
    "patched": "patching",
    "info": "patching",
    "LegacyAPIWarning": "_warn",
}

__all__ = sorted(_PUBLIC) + ["__version__"]


def __getattr__(name: str) -> Any:
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError("module 'xavier_compat' has no attribute %r" % (name,))
    value = getattr(importlib.import_module("." + module, __name__), name)
    globals()[name] = value  # cache: later lookups skip this hook
    return value


def __dir__() -> List[str]:
    return sorted(set(globals()) | set(_PUBLIC))

"""xavier_compat: TF1/contrib Xavier initializers on every TensorFlow from 1.15 to 2.x."""
__version__ = "0.1.0"

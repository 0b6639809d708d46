"""The one place that knows versions: parsing and the Keras flavour of the installed TensorFlow."""
import os

import pytest
from packaging.version import Version

from xavier_compat import _backend


@pytest.mark.parametrize("text, expected", [
    ("1.15.0", Version("1.15.0")),
    ("2.21.0", Version("2.21.0")),
    ("2.23.0-dev20261026", Version("2.23.0.dev20261026")),
    ("2.16.0rc0", Version("2.16.0rc0")),
    ("2.2.4-tf", Version("2.2.4")),  # TF 1.15's tf.keras.__version__
])
def test_parse_version(text, expected):
    assert _backend.parse_version(text) == expected


def test_prereleases_of_2_16_already_count_as_keras3_releases():
    assert _backend.parse_version("2.16.0rc0") >= _backend._KERAS3_SINCE
    assert _backend.parse_version("2.15.1") < _backend._KERAS3_SINCE
    assert _backend.parse_version("2.23.0-dev20261026") >= _backend._KERAS3_SINCE


def test_unparseable_version_is_a_value_error():
    with pytest.raises(ValueError, match="nightly-ish"):
        _backend.parse_version("nightly-ish")


def test_flavour_matches_the_installed_tf_keras():
    tf = _backend.tf()
    flavour = _backend.keras_flavour()
    assert flavour in (_backend.TF1_KERAS, _backend.KERAS2, _backend.KERAS3, _backend.TF_KERAS)
    if _backend.is_tf1():
        assert flavour == _backend.TF1_KERAS
        return
    major = _backend.parse_version(tf.keras.__version__).major if hasattr(tf.keras, "__version__") else 2
    assert (flavour == _backend.KERAS3) == (major >= 3)
    assert (flavour == _backend.TF_KERAS) == (
        _backend.keras3_by_default() and os.environ.get("TF_USE_LEGACY_KERAS") in ("1", "true", "True"))


def test_describe_is_plain_data():
    data = _backend.describe()
    assert data["tensorflow"] == _backend.tf().__version__
    assert data["tf_major"] in (1, 2) and isinstance(data["eager"], bool)
    assert data["keras"] == _backend.keras_flavour()

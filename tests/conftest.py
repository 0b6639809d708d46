import os

import pytest

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
pytest.register_assert_rewrite("_helpers")  # before any test module imports it

from _helpers import legacy_warnings_ignored  # noqa: E402


@pytest.fixture
def quiet_legacy_warnings():
    """Use with ``pytestmark = pytest.mark.usefixtures("quiet_legacy_warnings")``."""
    with legacy_warnings_ignored():
        yield

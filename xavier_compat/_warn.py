"""The package's one warning class and the helper that emits it once per call site."""
import warnings


class LegacyAPIWarning(DeprecationWarning):
    """A legacy (TF1 / contrib / prettytensor) entry point was used; the message names its TF2 twin.

    Silence with an ordinary filter, e.g.
    ``warnings.filterwarnings("ignore", category=xavier_compat.LegacyAPIWarning)``.
    """


def warn_legacy(what: str, replacement: str, stacklevel: int = 2) -> None:
    """Warn that ``what`` is a legacy entry point and name its TF2-native ``replacement``.

    ``stacklevel`` counts as for :func:`warnings.warn` from the *caller* of this helper, so a public
    function calls ``warn_legacy(..., stacklevel=2)`` to point at its own caller's line.  The default
    warning filters show a DeprecationWarning once per call site (``__main__`` and test code).
    """
    warnings.warn(
        "%s is a legacy entry point kept by xavier_compat; the TF2-native equivalent is %s"
        % (what, replacement),
        LegacyAPIWarning,
        stacklevel=stacklevel + 1,
    )

"""``python -m xavier_compat ...`` is the ``xavier-compat`` command (see :mod:`xavier_compat.cli`)."""
import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())

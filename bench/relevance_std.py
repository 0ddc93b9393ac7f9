"""The former name of ``bench/relevance.py`` (kept so that older command lines still run)."""

import sys

from relevance import *  # noqa: F403
from relevance import main

if __name__ == "__main__":
    sys.exit(main())

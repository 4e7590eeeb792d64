"""``python -m guarantees``: the same command line as the ``guarantees`` script."""

import sys

from .cli import main

sys.exit(main())

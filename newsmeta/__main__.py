"""``python -m newsmeta``: the same as the ``newsmeta`` command."""

import sys

from .cli import main

sys.exit(main())

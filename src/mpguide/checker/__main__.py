"""``python -m mpguide.checker``: the same as ``mpguide-check``."""

import sys

from mpguide.checker.cli import main

sys.exit(main())

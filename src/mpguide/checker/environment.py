"""The environment an example runs in: the same in CI, in an author's shell and on a reader's machine.

Nothing is inherited from the calling shell but what a program needs to find its way around
(``PATH``, ``HOME``, the temporary folder): no ``PYTHONUNBUFFERED``, ``PYTHONWARNINGS``,
``PYTHONHASHSEED``, ``PYTHONPATH`` or virtual environment leaks into the run.
The locale is UTF-8, as on any current terminal.
The runner adds one variable of its own, ``MPGUIDE_RUN``: the run's token, by which it finds every
process of the run (see :mod:`mpguide.checker.runner`).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["INHERITED", "example_environment"]

INHERITED = ("PATH", "HOME", "TMPDIR", "SYSTEMROOT")
"""The only variables taken from the calling environment."""


def example_environment(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """Return the environment for one run, with the *extra* variables an example asks for."""
    env = {name: os.environ[name] for name in INHERITED if name in os.environ}
    env.setdefault("PATH", os.defpath)
    env.update({"LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "dumb"})
    env.update(extra or {})
    return env

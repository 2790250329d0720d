"""Where things are in the project, and how the site is built: said once for every tool.

The noxfile (which loads this file on its own: it uses only the standard library), ``docs/conf.py``,
the checker, the tests and the benchmark all take their folders, languages and the ``sphinx-build``
command from here.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = [
    "BUILD",
    "DOCS",
    "EXAMPLES",
    "LANGUAGES",
    "REPORT",
    "TITLES",
    "sphinx_build",
]

DOCS = Path("docs")
"""The pages, one folder per language, and the one ``conf.py``; relative to the project root."""
EXAMPLES = Path("src/mpguide/examples")
"""The example programs the pages include, with their expected outputs."""
BUILD = DOCS / "_build"
REPORT = BUILD / "verification.json"
"""What the checker verified: the site is built from it."""

LANGUAGES = {"zh_CN": "简体中文", "en": "English"}
"""Each language of the site, the source language first, with its name in itself."""
TITLES = {"zh_CN": "多进程编程", "en": "Multiprocessing in Python"}


def sphinx_build(
    root: Path,
    language: str,
    out: Path,
    *,
    report: Path | None = None,
    extra: Sequence[str] = (),
    program: Sequence[str] = ("sphinx-build",),
) -> list[str]:
    """The ``sphinx-build`` command that builds *language* into *out*/html/*language*.

    *report* is the checker's report to build from, when it is not the default :data:`REPORT`;
    *program* runs Sphinx (``python -m sphinx`` with a given Python, where the script is not on
    ``PATH``).
    """
    return [
        *program,
        "-c", str(root / DOCS),  # one conf.py for both languages
        "-D", f"language={language}",  # which language this build is
        *(["-D", f"mpguide_report={report}"] if report is not None else []),
        "-W",  # warnings are errors: an unverified or stale example fails the build
        "--keep-going",  # ... but report them all first
        "-n",  # nitpicky: every cross-reference must resolve
        "-d", str(out / "doctrees" / language),  # each language keeps its own environment
        *extra,
        str(root / DOCS / language),
        str(out / "html" / language),
    ]  # fmt: skip

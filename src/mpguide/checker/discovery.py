"""Find the examples to check from what the pages include, not from a hand-kept list.

A page shows an example with the ``example`` directive (see :mod:`mpguide.sphinxext`)::

    ```{example} processes/daemon.py
    ```

The path is relative to the examples folder.
Every example file must be included by some page, and every included file must exist.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

__all__ = [
    "DIRECTIVE",
    "Discovery",
    "Inclusion",
    "example_files",
    "find_inclusions",
    "included_examples",
]

DIRECTIVE = "example"
_DIRECTIVE_LINE = re.compile(
    rf"^[ \t]*(?:`{{3,}}|~{{3,}}|:{{3,}})\{{{DIRECTIVE}\}}[ \t]+(?P<path>\S+)[ \t]*$", re.MULTILINE
)


@dataclass(frozen=True)
class Discovery:
    """The examples the pages include, and every disagreement between pages and files."""

    examples: dict[str, list[Inclusion]]
    problems: list[str]


@dataclass(frozen=True)
class Inclusion:
    """One ``example`` directive: which page includes which example, and where."""

    page: Path
    line: int
    example: str


def find_inclusions(docs_dir: Path) -> list[Inclusion]:
    """Return every ``example`` directive in the Markdown pages under *docs_dir*, in page order.

    Folders whose names start with ``_`` or ``.`` (build output, templates) are not pages.
    """
    inclusions = []
    for page in sorted(docs_dir.rglob("*.md")):
        parts = page.relative_to(docs_dir).parts
        if any(part.startswith(("_", ".")) for part in parts[:-1]):
            continue
        text = page.read_text(encoding="utf-8")
        for match in _DIRECTIVE_LINE.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            inclusions.append(Inclusion(page, line, match["path"]))
    return inclusions


def example_files(examples_dir: Path) -> list[str]:
    """Return every example program under *examples_dir*, relative, with ``/`` separators."""
    return sorted(
        path.relative_to(examples_dir).as_posix()
        for path in examples_dir.rglob("*.py")
        if path.name != "__init__.py"
    )


def included_examples(docs_dir: Path, examples_dir: Path) -> Discovery:
    """Map each included example to the directives that include it, checking both directions.

    Every page that includes a missing file and every example file that no page includes is a
    problem; the examples that do exist are still returned, so they can still be checked.
    """
    if not docs_dir.is_dir():
        return Discovery({}, [f"{docs_dir}: no such docs folder"])
    included: dict[str, list[Inclusion]] = {}
    for inclusion in find_inclusions(docs_dir):
        included.setdefault(inclusion.example, []).append(inclusion)
    problems = [
        f"{inc.page}:{inc.line}: includes {example}, which does not exist in {examples_dir}"
        for example, incs in included.items()
        if not (examples_dir / example).is_file()
        for inc in incs
    ]
    problems += [
        f"{examples_dir / example}: no page includes this example"
        for example in example_files(examples_dir)
        if example not in included
    ]
    existing = {k: v for k, v in sorted(included.items()) if (examples_dir / k).is_file()}
    return Discovery(existing, problems)

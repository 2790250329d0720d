"""What an example needs beyond the standard library: its PEP 723 inline script metadata.

An example that imports third-party packages says so at its top, the way ``uv run`` and
``pipx run`` read it::

    # /// script
    # requires-python = ">=3.11"
    # dependencies = ["numpy>=2.3"]
    # ///

A reader who copies the file runs ``uv run concept.py`` and gets what was verified; the checker
builds an environment with those packages for each interpreter (:mod:`mpguide.checker.venvs`).
The block is read as the specification says, with its reference regular expression:
https://packaging.python.org/en/latest/specifications/inline-script-metadata/
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["DependencyError", "ScriptMetadata", "normalized_name", "read_script_metadata"]

_BLOCK = re.compile(r"(?m)^# /// (?P<type>[a-zA-Z0-9-]+)$\s(?P<content>(^#(| .*)$\s)+)^# ///$")
_REQUIREMENT_NAME = re.compile(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)")


def normalized_name(name: str) -> str:
    """A distribution's name as packaging compares it (PEP 503): ``Jinja2`` and ``jinja2`` alike."""
    return re.sub(r"[-_.]+", "-", name).lower()


class DependencyError(Exception):
    """An example's inline script metadata is malformed."""


@dataclass(frozen=True)
class ScriptMetadata:
    """The ``script`` block of an example: the packages it needs and the Pythons it runs on."""

    dependencies: tuple[str, ...]
    """Requirements as written (``"numpy>=2.3"``), in order."""
    requires_python: str | None = None
    """A version range such as ``">=3.11"``; ``None``: any."""

    @property
    def names(self) -> tuple[str, ...]:
        """The distribution names required, as written: ``("numpy", "dask")``."""
        found = (_REQUIREMENT_NAME.match(r) for r in self.dependencies)
        return tuple(m.group(1) for m in found if m is not None)


def read_script_metadata(path: Path) -> ScriptMetadata | None:
    """The ``script`` block of the program at *path*, or ``None`` when it has none."""
    text = path.read_text(encoding="utf-8")
    blocks = [m for m in _BLOCK.finditer(text) if m.group("type") == "script"]
    if not blocks:
        if re.search(r"(?m)^# /// script\s*$", text):
            msg = (
                f"{path}: a '# /// script' block that never ends: close it with a line '# ///', "
                "and start every line inside it with '#'"
            )
            raise DependencyError(msg)
        return None
    if len(blocks) > 1:
        msg = f"{path}: {len(blocks)} '# /// script' blocks; PEP 723 allows one"
        raise DependencyError(msg)
    content = "".join(
        line[2:] if line.startswith("# ") else line[1:]
        for line in blocks[0].group("content").splitlines(keepends=True)
    )
    try:
        data = tomllib.loads(content)
    except tomllib.TOMLDecodeError as exc:
        msg = f"{path}: its '# /// script' block is not valid TOML: {exc}"
        raise DependencyError(msg) from exc
    unknown = sorted(set(data) - {"dependencies", "requires-python", "tool"})
    if unknown:
        msg = f"{path}: unknown key(s) in its '# /// script' block: {', '.join(unknown)}"
        raise DependencyError(msg)
    dependencies = data.get("dependencies", [])
    if not isinstance(dependencies, list) or not all(isinstance(d, str) for d in dependencies):
        msg = f'{path}: "dependencies" in its script block must be a list of strings'
        raise DependencyError(msg)
    requires_python = data.get("requires-python")
    if requires_python is not None and not isinstance(requires_python, str):
        msg = f'{path}: "requires-python" in its script block must be a string such as ">=3.11"'
        raise DependencyError(msg)
    for requirement in dependencies:
        if _REQUIREMENT_NAME.match(requirement) is None:
            msg = f"{path}: {requirement!r} in its script block is not a requirement"
            raise DependencyError(msg)
    return ScriptMetadata(tuple(dependencies), requires_python)

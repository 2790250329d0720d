"""What an example is expected to print, kept once beside it and shared by both languages.

For an example ``chapter/concept.py`` the files are:

``chapter/concept.out``
    The standard output the pages show, exactly.
    ``...`` matches any text, as in :mod:`doctest` with ``ELLIPSIS``.
``chapter/concept.err`` (optional)
    Standard error the example is expected to print; without it, any standard error is a failure.
``checks.toml`` (optional, in the example's folder)
    Options for examples that need them, in a table named after the example's file::

        ["with_args.py"]
        unordered = [[1, 5]]   # lines 1 to 5 of the output may come in any order
        returncode = 1         # the exit status it is expected to end with
        timeout = 90           # seconds, instead of the default
        server = "remote_server.py"  # started first, stopped after (see suite)
        env = { NAME = "value" }
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = [
    "CHECKS_FILE",
    "Expectation",
    "ExpectationError",
    "expected_output_path",
    "load_expectation",
    "load_options",
]

CHECKS_FILE = "checks.toml"
_KNOWN_OPTIONS = {"unordered", "returncode", "timeout", "server", "env"}


class ExpectationError(Exception):
    """An example's expected output or options are missing or malformed."""


@dataclass(frozen=True)
class Expectation:
    """Everything the checker compares one example's run with."""

    example: str
    """The example's path relative to the examples folder, with ``/`` separators."""
    stdout: str
    stderr: str | None = None
    unordered: tuple[tuple[int, int], ...] = ()
    """1-based, inclusive line ranges of ``stdout`` whose order is not checked."""
    returncode: int = 0
    timeout: float | None = None
    server: str | None = None
    env: dict[str, str] = field(default_factory=dict)


def expected_output_path(example: Path, stream: str = "out") -> Path:
    """Return the file that holds *example*'s expected ``out`` or ``err`` stream."""
    return example.with_suffix(f".{stream}")


def load_options(examples_dir: Path) -> dict[str, dict[str, Any]]:
    """Read every ``checks.toml`` under *examples_dir*, keyed by example path (``chapter/file.py``)."""
    options: dict[str, dict[str, Any]] = {}
    for path in sorted(examples_dir.rglob(CHECKS_FILE)):
        folder = path.parent
        try:
            with path.open("rb") as f:
                data = tomllib.load(f)
        except tomllib.TOMLDecodeError as exc:
            msg = f"{path}: not valid TOML: {exc}"
            raise ExpectationError(msg) from exc
        for name, table in data.items():
            if not isinstance(table, dict):
                msg = f"{path}: [{name!r}] must be a table of options"
                raise ExpectationError(msg)
            if not (folder / name).is_file():
                msg = f"{path}: [{name!r}] names no example file in {folder}"
                raise ExpectationError(msg)
            unknown = set(table) - _KNOWN_OPTIONS
            if unknown:
                msg = f"{path}: [{name!r}] has unknown options {sorted(unknown)}"
                raise ExpectationError(msg)
            prefix = folder.relative_to(examples_dir).as_posix()
            key = name if prefix == "." else f"{prefix}/{name}"
            server = table.get("server")
            if server is not None:
                table = {**table, "server": f"{prefix}/{server}" if prefix != "." else server}
            options[key] = table
    return options


def load_expectation(
    examples_dir: Path, example: str, options: dict[str, Any], *, allow_missing: bool = False
) -> Expectation:
    """Load the expectation of *example* (relative to *examples_dir*) with its *options*.

    With *allow_missing*, a missing expected output reads as empty (for ``update`` to fill in).
    """
    path = examples_dir / example
    out = expected_output_path(path)
    if allow_missing and not out.exists():
        return Expectation(example=example, stdout="", server=options.get("server"))
    if not out.is_file():
        msg = f"{path}: no expected output: create {out.name} (mpguide-check update {example})"
        raise ExpectationError(msg)
    err = expected_output_path(path, "err")
    stdout = _read_text(out)
    ranges = tuple(_line_range(path, pair, stdout) for pair in options.get("unordered", []))
    server = options.get("server")
    if server is not None and not (examples_dir / server).is_file():
        msg = f"{path}: server {server!r} is not a file in {examples_dir}"
        raise ExpectationError(msg)
    return Expectation(
        example=example,
        stdout=stdout,
        stderr=_read_text(err) if err.is_file() else None,
        unordered=ranges,
        returncode=int(options.get("returncode", 0)),
        timeout=float(options["timeout"]) if "timeout" in options else None,
        server=server,
        env={str(k): str(v) for k, v in options.get("env", {}).items()},
    )


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        msg = f"{path}: not valid UTF-8: {exc}"
        raise ExpectationError(msg) from exc


def _line_range(example: Path, pair: object, stdout: str) -> tuple[int, int]:
    lines = len(stdout.splitlines())
    if (
        not isinstance(pair, list)
        or len(pair) != 2
        or not all(isinstance(n, int) for n in pair)
        or not 1 <= pair[0] <= pair[1] <= lines
    ):
        msg = (
            f"{example}: unordered range {pair!r} must be [first, last] line numbers "
            f"within the {lines} lines of the expected output"
        )
        raise ExpectationError(msg)
    return pair[0], pair[1]

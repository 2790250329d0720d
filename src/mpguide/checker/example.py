"""One example as every step sees it: its file, what it is expected to do, and a fingerprint of both.

An :class:`Example` is loaded once, from the examples folder, and then used by the plan (which
checks to run), the suite (how to run and judge them), the report (which files a result is for)
and the Sphinx extension (what the page shows, and whether the report still vouches for it).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from mpguide.checker.discovery import Inclusion, included_examples
from mpguide.checker.expectation import (
    CHECKS_FILE,
    Expectation,
    ExpectationError,
    expected_output_files,
    load_expectation,
    read_options,
)

if TYPE_CHECKING:
    from collections.abc import Collection
    from pathlib import Path

__all__ = ["Catalog", "Example", "load_catalog", "load_examples"]


@dataclass(frozen=True, eq=False)
class Example:
    """An example program, its expected behaviour and the server it runs against, if any.

    Loaded once per run: two examples are the same only if they are the same object.
    """

    name: str
    """Its path relative to the examples folder, with ``/`` separators: ``processes/daemon.py``."""
    path: Path
    expectation: Expectation
    options: dict[str, Any] = field(default_factory=dict, compare=False)
    """Its table in ``checks.toml``, as read."""
    server: Example | None = None
    inclusions: tuple[Inclusion, ...] = ()
    """Where the pages include it (empty when loaded without the pages)."""

    @property
    def files(self) -> list[Path]:
        """Every file a check of it depends on: program, expected outputs, options, its server's."""
        own = [self.path, *expected_output_files(self.path)]
        options = self.path.parent / CHECKS_FILE
        if options.is_file():
            own.append(options)
        return own + (self.server.files if self.server is not None else [])

    @property
    def fingerprint(self) -> str:
        """A hash of what its checks depend on: its program, expected output and options.

        A server's count too, since the example's output depends on them.
        """
        digest = hashlib.sha256()
        for example in (self, self.server):
            if example is None:
                continue
            for part in (example.path, *expected_output_files(example.path)):
                digest.update(part.name.encode())
                digest.update(part.read_bytes())
            digest.update(json.dumps(example.options, sort_keys=True).encode())
        return digest.hexdigest()


@dataclass
class Catalog:
    """Every example the pages include, loaded, and every problem found on the way."""

    examples: dict[str, Example] = field(default_factory=dict)
    inclusions: dict[str, list[Inclusion]] = field(default_factory=dict)
    """Every included example, loaded or not, and the directives that include it."""
    problems: list[str] = field(default_factory=list)
    option_problems: list[str] = field(default_factory=list)
    """Problems in ``checks.toml`` files: nothing may run until they are fixed."""

    @property
    def servers(self) -> set[str]:
        """The examples others run against: checked as part of those, never on their own."""
        return {e.server.name for e in self.examples.values() if e.server is not None}

    @property
    def checked(self) -> list[Example]:
        """The examples that are checked on their own, in order: not servers, not modules."""
        servers = self.servers
        return [
            e
            for name, e in self.examples.items()
            if name not in servers and not e.expectation.module
        ]


def load_examples(
    examples_dir: Path, names: Collection[str], *, allow_missing: bool = False
) -> Catalog:
    """Load the examples *names* (relative to *examples_dir*), each with its options and server.

    With *allow_missing*, an example without expected output loads with an empty one.
    """
    catalog = Catalog()
    options, catalog.option_problems, broken = read_options(examples_dir)
    catalog.problems += catalog.option_problems
    loaded: dict[str, Example] = {}

    def load(name: str) -> Example:
        if name not in loaded:
            table = options.get(name, {})
            expectation = load_expectation(examples_dir, name, table, allow_missing=allow_missing)
            server = load(expectation.server) if expectation.server is not None else None
            loaded[name] = Example(name, examples_dir / name, expectation, table, server)
        return loaded[name]

    for name in names:
        if name in broken:
            continue  # named among the problems; never run with default options instead
        try:
            catalog.examples[name] = load(name)
        except ExpectationError as exc:
            catalog.problems.append(str(exc))
    return catalog


def load_catalog(docs_dir: Path, examples_dir: Path, *, allow_missing: bool = False) -> Catalog:
    """Load every example the pages under *docs_dir* include, and say where pages and files disagree."""
    discovery = included_examples(docs_dir, examples_dir)
    catalog = load_examples(examples_dir, list(discovery.examples), allow_missing=allow_missing)
    catalog.problems = discovery.problems + catalog.problems
    catalog.inclusions = discovery.examples
    catalog.examples = {
        name: Example(e.name, e.path, e.expectation, e.options, e.server, tuple(incs))
        for name, incs in discovery.examples.items()
        if (e := catalog.examples.get(name)) is not None
    }
    return catalog

"""Turn what the pages include into the list of checks to run."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from mpguide.checker.discovery import Inclusion, included_examples
from mpguide.checker.expectation import (
    Expectation,
    ExpectationError,
    load_expectation,
    read_options,
)
from mpguide.checker.report import fingerprint, write_report
from mpguide.checker.suite import Check

if TYPE_CHECKING:
    from collections.abc import Collection, Iterable
    from pathlib import Path

    from mpguide.checker.interpreters import Interpreter
    from mpguide.checker.suite import Outcome

__all__ = ["Plan", "make_plan"]


@dataclass
class Plan:
    """The checks to run, the servers they need, and every problem found before running any."""

    checks: list[tuple[Check, Expectation]] = field(default_factory=list)
    servers: dict[str, Expectation] = field(default_factory=dict)
    expectations: dict[str, Expectation] = field(default_factory=dict)
    inclusions: dict[str, list[Inclusion]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    option_problems: list[str] = field(default_factory=list)
    """Problems in ``checks.toml`` files: checks must not start until they are fixed."""
    examples_dir: Path | None = None

    def write_report(
        self, path: Path, outcomes: Iterable[Outcome], interpreters: Iterable[Interpreter]
    ) -> None:
        """Record *outcomes* with the fingerprint of every planned example and its server."""
        if self.examples_dir is None:
            msg = "a plan made by make_plan() knows its examples folder"
            raise ValueError(msg)
        examples_dir = self.examples_dir
        fingerprints = {
            name: fingerprint(examples_dir, name, e.server) for name, e in self.expectations.items()
        }
        servers = {n: e.server for n, e in self.expectations.items() if e.server is not None}
        write_report(path, outcomes, interpreters, fingerprints, self.problems, servers)


def make_plan(
    docs_dir: Path,
    examples_dir: Path,
    interpreters: Collection[Interpreter],
    *,
    methods: Collection[str] | None = None,
    only: Collection[str] | None = None,
    allow_missing: bool = False,
) -> Plan:
    """Plan a check of every included example (or those in *only*) on every interpreter and method.

    An example another one names as its ``server`` is checked as part of that example's checks,
    not on its own: a server runs until it is stopped.
    With *allow_missing*, an example without expected output is planned with an empty one.
    """
    plan = Plan(examples_dir=examples_dir)
    discovery = included_examples(docs_dir, examples_dir)
    plan.problems += discovery.problems
    plan.inclusions = discovery.examples
    options, plan.option_problems, broken = read_options(examples_dir)
    plan.problems += plan.option_problems
    for example in discovery.examples:
        if example in broken:
            continue  # named among the problems; never run with default options instead
        try:
            plan.expectations[example] = load_expectation(
                examples_dir, example, options.get(example, {}), allow_missing=allow_missing
            )
        except ExpectationError as exc:
            plan.problems.append(str(exc))
    servers = {e.server for e in plan.expectations.values() if e.server is not None}
    plan.servers = {name: plan.expectations[name] for name in servers if name in plan.expectations}
    if only is not None:
        unknown = [name for name in only if name not in plan.expectations]
        plan.problems += [
            f"{name}: not an included example with expected output" for name in unknown
        ]
    for example, expectation in plan.expectations.items():
        if example in servers or (only is not None and example not in only):
            continue
        for interpreter in interpreters:
            if not expectation.runs_on(interpreter.version):
                continue
            for method in interpreter.start_methods:
                if methods is None or method in methods:
                    plan.checks.append((Check(example, interpreter, method), expectation))
    return plan

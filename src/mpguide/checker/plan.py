"""Turn the examples into the checks to run: each example x interpreter x start method."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Collection, Iterable

    from mpguide.checker.example import Example
    from mpguide.checker.interpreters import Interpreter
    from mpguide.checker.venvs import ScriptEnvironment

__all__ = ["Check", "plan_checks"]


@dataclass(frozen=True)
class Check:
    """One example, run by one interpreter under one start method."""

    example: Example
    interpreter: Interpreter
    method: str
    environment: ScriptEnvironment | None = field(default=None, compare=False)
    """For an example with dependencies: the environment it runs with (see ``venvs``)."""

    @property
    def label(self) -> str:
        """``processes/daemon.py [CPython 3.13.0, spawn]``."""
        return f"{self.example.name} [{self.interpreter.name}, {self.method}]"

    @property
    def key(self) -> tuple[str, str, str]:
        """What identifies this check across runs: example, Python version, start method."""
        return (self.example.name, self.interpreter.name, self.method)


def plan_checks(
    examples: Iterable[Example],
    interpreters: Collection[Interpreter],
    *,
    methods: Collection[str] | None = None,
) -> list[Check]:
    """Every check of *examples* on every interpreter (the versions each runs on) and method.

    A server is not given: it is checked as part of each check of the example that names it.
    """
    return [
        Check(example, interpreter, method)
        for example in examples
        for interpreter in interpreters
        if example.expectation.runs_on(interpreter.version)
        for method in interpreter.start_methods
        if methods is None or method in methods
    ]

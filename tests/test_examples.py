"""Every example the pages include passes its check with this Python under every start method."""

from __future__ import annotations

import sys

import pytest

from conftest import DOCS, EXAMPLES
from mpguide.checker.expectation import Expectation
from mpguide.checker.interpreters import probe
from mpguide.checker.plan import make_plan
from mpguide.checker.runner import run_members
from mpguide.checker.suite import Check, run_check

_INTERPRETER = probe(sys.executable)
_PLAN = make_plan(DOCS, EXAMPLES, [_INTERPRETER])


def test_pages_and_examples_agree() -> None:
    """Every example is on a page, every included file exists and has its expected output."""
    assert _PLAN.problems == []


def test_every_start_method_is_checked() -> None:
    """Each included example is planned under fork, spawn and forkserver."""
    methods = {check.method for check, _ in _PLAN.checks}
    assert methods == {"fork", "spawn", "forkserver"}
    assert len(_PLAN.checks) == 3 * (len(_PLAN.expectations) - len(_PLAN.servers))


@pytest.mark.parametrize(
    ("check", "expectation"), _PLAN.checks, ids=[check.label for check, _ in _PLAN.checks]
)
def test_example(check: Check, expectation: Expectation) -> None:
    """The example prints what its page shows, nothing on stderr, and leaves nothing running."""
    server = _PLAN.servers.get(expectation.server or "")
    outcome = run_check(check, expectation, EXAMPLES, server=server)
    if outcome.skipped:  # declared in checks.toml, with the reason the page gives too
        pytest.skip(outcome.skipped)
    assert outcome.passed, "\n".join(outcome.problems)
    assert outcome.run is not None
    assert run_members(outcome.run.pgid, outcome.run.token) == []

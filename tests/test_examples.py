"""Every example the pages include passes its check on every Python found, every start method.

These tests run on the docs Python only, where the site is built from the same checks; each check
ran there or, unchanged since, in the ``nox -s docs`` (or ``nox -s examples``) that wrote the report.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import pytest

from conftest import DOCS, EXAMPLES
from mpguide.checker.example import load_catalog
from mpguide.checker.interpreters import find_interpreters, probe
from mpguide.checker.plan import Check, plan_checks

if TYPE_CHECKING:
    from conftest import Verification

_CATALOG = load_catalog(DOCS, EXAMPLES)
_HERE = probe(sys.executable)
_CHECKS = plan_checks(_CATALOG.checked, [_HERE])
_ALL_CHECKS = plan_checks(_CATALOG.checked, find_interpreters()[0])
"""Every check ``mpguide-check check --all-pythons`` makes here, as the ``verification`` fixture."""


def test_pages_and_examples_agree() -> None:
    """Every example is on a page, every included file exists and has its expected output."""
    assert _CATALOG.problems == []


def test_every_start_method_is_checked() -> None:
    """Each included example is planned under fork, spawn and forkserver, on the versions it names."""
    methods = {check.method for check in _CHECKS}
    assert methods == {"fork", "spawn", "forkserver"}
    runs_here = [e for e in _CATALOG.checked if e.expectation.runs_on(_HERE.version)]
    assert len(_CHECKS) == 3 * len(runs_here)


@pytest.mark.examples
@pytest.mark.parametrize("check", _ALL_CHECKS, ids=[check.label for check in _ALL_CHECKS])
def test_example(check: Check, verification: Verification) -> None:
    """The example printed what its page shows, nothing else, and left nothing running.

    The examples ran once, in the ``verification`` fixture, as ``mpguide-check check`` runs them
    (or earlier, unchanged since, in the run that wrote the docs' report).
    """
    records = [
        r
        for r in verification.report.checks
        if (r.example, r.interpreter, r.start_method)
        == (check.example.name, check.interpreter.name, check.method)
    ]
    assert records, f"not checked:\n{verification.output}"
    record = records[0]
    if record.skipped:  # declared in checks.toml, with the reason the page gives too
        pytest.skip(record.skipped)
    assert record.passed, "\n".join(record.problems)

"""Judging a run against its expectation, and the ports the checks' servers get."""

from __future__ import annotations

from mpguide.checker.expectation import Expectation
from mpguide.checker.runner import Run, RunLimits
from mpguide.checker.suite import _ephemeral_ports, _release_port, _reserve_port, judge

LIMITS = RunLimits(timeout=5)


def _run(
    stdout: bytes = b"",
    stderr: bytes = b"",
    returncode: int | None = 0,
    *,
    timed_out: bool = False,
    truncated: bool = False,
) -> Run:
    return Run(stdout, stderr, returncode, 0.1, timed_out=timed_out, truncated=truncated)


def test_a_matching_run_passes() -> None:
    """Same output, no stderr, expected status: no problem."""
    assert judge(_run(b"hello\n"), Expectation("x.py", "hello\n"), LIMITS) == []


def test_each_shortfall_is_named() -> None:
    """Wrong status, stderr without a .err and different output are each a problem."""
    problems = judge(_run(b"bye\n", b"oops\n", 1), Expectation("x.py", "hello\n"), LIMITS)
    assert len(problems) == 3
    assert problems[0] == "exited with status 1, expected 0"
    assert problems[1].startswith("standard output differs")
    assert problems[2] == "printed output on standard error:\noops"


def test_an_expected_hang_must_still_run_at_the_timeout() -> None:
    """``killed``: a timed-out run passes, a run that exits fails, a truncated one still runs."""
    hangs = Expectation("x.py", "", killed=True)
    assert judge(_run(returncode=None, timed_out=True), hangs, LIMITS) == []
    assert judge(_run(returncode=None, truncated=True), hangs, LIMITS) == []
    assert judge(_run(returncode=0), hangs, LIMITS) == [
        "expected to be still running at 5 s, but it exited with status 0"
    ]


def test_server_ports_are_below_the_ephemeral_range_and_never_shared() -> None:
    """No outgoing connection can take a server's port, nor can another check's server."""
    low = _ephemeral_ports()[0]
    ports = [_reserve_port() for _ in range(50)]
    try:
        assert all(1024 <= port < low for port in ports)
        assert len(set(ports)) == len(ports)
    finally:
        for port in ports:
            _release_port(port)

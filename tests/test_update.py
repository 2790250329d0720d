"""Rewriting expected outputs from a real run."""

from __future__ import annotations

from mpguide.checker.update import updated_output


def test_matching_output_is_kept_as_written() -> None:
    """An expected output that still matches is not touched, placeholders and all."""
    assert updated_output("pid ...\n", "pid 123\n") == "pid ...\n"


def test_placeholders_survive_a_changed_line() -> None:
    """Lines that still match keep their ``...``; changed lines come from the run."""
    old = "Starting: ...\nresult 1\nExiting: ...\n"
    new = "Starting: 41\nresult 2\nExiting: 41\n"
    assert updated_output(old, new) == "Starting: ...\nresult 2\nExiting: ...\n"


def test_new_and_removed_lines() -> None:
    """Lines the run added appear; lines it no longer prints go."""
    old = "a\ntime: ... s\ngone\n"
    new = "a\nnew\ntime: 0.5 s\n"
    assert updated_output(old, new) == "a\nnew\ntime: ... s\n"


def test_empty_expected_output_takes_the_run() -> None:
    """With no expected output yet, the run's output is taken whole."""
    assert updated_output("", "x\ny\n") == "x\ny\n"

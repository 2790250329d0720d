"""The doctest-style comparison: ellipsis, unordered ranges, whitespace, diffs."""

from __future__ import annotations

from mpguide.checker.comparison import normalize, output_diff, output_matches


def test_identical_output_matches() -> None:
    """The same text matches."""
    assert output_matches("a\nb\n", "a\nb\n")


def test_ellipsis_matches_what_varies() -> None:
    """``...`` matches any text within a line, such as a PID."""
    assert output_matches("Starting: daemon ...\n", "Starting: daemon 38439\n")
    assert not output_matches("Starting: daemon ...\n", "Starting: worker 38439\n")


def test_ellipsis_spans_lines_in_ordered_output() -> None:
    """As in doctest, ``...`` on its own may match several lines (a traceback, say)."""
    want = "Traceback (most recent call last):\n...\nValueError: bad\n"
    got = 'Traceback (most recent call last):\n  File "x.py", line 1\n    f()\nValueError: bad\n'
    assert output_matches(want, got)


def test_trailing_whitespace_and_blank_lines_are_ignored() -> None:
    """Trailing spaces and final blank lines do not count."""
    assert output_matches("a\nb\n", "a   \nb\t\n\n\n")
    assert normalize("a  \n\n") == "a\n"


def test_leading_whitespace_counts() -> None:
    """Indentation is part of the output."""
    assert not output_matches("a\n", "  a\n")


def test_true_is_not_one() -> None:
    """Doctest's quirk of accepting 1 for True is switched off."""
    assert not output_matches("True\n", "1\n")


def test_missing_or_extra_lines_fail() -> None:
    """A line too many or too few is a difference."""
    assert not output_matches("a\nb\n", "a\n")
    assert not output_matches("a\n", "a\nb\n")


def test_unordered_range_accepts_any_order() -> None:
    """Lines in an unordered range may come in any order."""
    want = "Worker: 0\nWorker: 1\nWorker: 2\n"
    assert output_matches(want, "Worker: 2\nWorker: 0\nWorker: 1\n", [(1, 3)])
    assert not output_matches(want, "Worker: 2\nWorker: 0\nWorker: 1\n")


def test_unordered_range_is_a_multiset() -> None:
    """Each expected line needs its own output line: duplicates do not stand in for others."""
    assert not output_matches("a\nb\n", "a\na\n", [(1, 2)])


def test_lines_outside_unordered_range_keep_their_order() -> None:
    """Only the named range is free; the rest must stay in place."""
    want = "start\nx\ny\nend\n"
    assert output_matches(want, "start\ny\nx\nend\n", [(2, 3)])
    assert not output_matches(want, "end\nx\ny\nstart\n", [(2, 3)])


def test_unordered_matching_does_not_let_ellipsis_steal() -> None:
    """A general ``...`` line must not take the only line a specific line could match."""
    want = "Starting: ...\nStarting: daemon 1\n"
    assert output_matches(want, "Starting: daemon 1\nStarting: worker 2\n", [(1, 2)])


def test_diff_is_empty_when_matching() -> None:
    """No diff when the output matches."""
    assert output_diff("a ...\n", "a 1\n") == ""


def test_diff_is_unified_and_names_both_sides() -> None:
    """A mismatch gives a unified diff naming the expected file and the actual stream."""
    diff = output_diff("a\nb\n", "a\nc\n", expected_name="x.out", actual_name="stdout")
    assert diff.splitlines()[:2] == ["--- x.out", "+++ stdout"]
    assert "-b" in diff.splitlines()
    assert "+c" in diff.splitlines()


def test_diff_of_unordered_output_shows_only_the_real_difference() -> None:
    """Lines that only moved within an unordered range do not show up in the diff."""
    diff = output_diff("1\n2\n3\n", "3\n1\nX\n", [(1, 3)])
    changed = [line for line in diff.splitlines()[2:] if line[:1] in "+-"]
    assert changed == ["-2", "+X"]


def test_a_line_redrawn_with_carriage_returns_compares_as_shown() -> None:
    r"""Progress redrawn with \r compares as the terminal finally shows it."""
    got = "progress:  10%\rprogress:  50%\rprogress: 100%\ndone\n"
    assert output_matches("progress: 100%\ndone\n", got)
    assert not output_matches("progress:  10%\ndone\n", got)
    assert normalize("abcdef\rxy\n") == "xycdef\n"

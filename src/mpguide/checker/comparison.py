"""Compare an example's output with the expected output, doctest-style.

Matching is :mod:`doctest`'s own: ``...`` in the expected output matches any text (``ELLIPSIS``).
Trailing whitespace on each line and trailing blank lines are ignored.
Lines in an *unordered* range may appear in any order among themselves; each expected line must then
match exactly one line of the output, so those outputs are compared line by line.
"""

from __future__ import annotations

import difflib
import doctest
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["ELLIPSIS", "line_matches", "normalize", "output_diff", "output_matches"]

ELLIPSIS = doctest.ELLIPSIS_MARKER
_FLAGS = doctest.ELLIPSIS | doctest.DONT_ACCEPT_TRUE_FOR_1 | doctest.DONT_ACCEPT_BLANKLINE
_checker = doctest.OutputChecker()


def normalize(text: str) -> str:
    """Return what a terminal shows of *text*, without trailing whitespace or blank lines.

    A carriage return moves back to the start of the line, and what follows overwrites what was
    there (a progress line redrawn in place shows only its last state); trailing whitespace on each
    line and trailing blank lines are dropped; the text ends with one newline.
    """
    lines = [_as_shown(line).rstrip() for line in text.split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    return "".join(f"{line}\n" for line in lines)


def _as_shown(line: str) -> str:
    r"""One line as a terminal shows it: each ``\r`` returns to column 0 and overwrites."""
    shown = ""
    for part in line.split("\r"):
        shown = part + shown[len(part) :]
    return shown


def line_matches(want: str, got: str) -> bool:
    """Tell whether one output line *got* matches one expected line *want*."""
    return _checker.check_output(f"{want.rstrip()}\n", f"{got.rstrip()}\n", _FLAGS)


def output_matches(want: str, got: str, unordered: Sequence[tuple[int, int]] = ()) -> bool:
    """Tell whether output *got* matches expected output *want*.

    An expected output that is only ``...`` matches any output, none included.
    """
    want, got = normalize(want), normalize(got)
    if want == f"{ELLIPSIS}\n":
        return True
    if not unordered:
        return _checker.check_output(want, got, _FLAGS)
    want_lines, got_lines = want.splitlines(), got.splitlines()
    if len(want_lines) != len(got_lines):
        return False
    aligned = _align_unordered(want_lines, got_lines, unordered)
    return all(line_matches(w, g) for w, g in zip(want_lines, aligned, strict=True))


def output_diff(
    want: str,
    got: str,
    unordered: Sequence[tuple[int, int]] = (),
    *,
    expected_name: str = "expected",
    actual_name: str = "actual",
) -> str:
    """Return a unified diff from *want* to *got*, or ``""`` when they match.

    Within unordered ranges the output's lines are first put in the order of the expected lines they
    match, so the diff shows only what really differs.
    """
    if output_matches(want, got, unordered):
        return ""
    want_lines, got_lines = normalize(want).splitlines(), normalize(got).splitlines()
    if unordered and len(want_lines) == len(got_lines):
        got_lines = _align_unordered(want_lines, got_lines, unordered)
    diff = difflib.unified_diff(
        want_lines, got_lines, fromfile=expected_name, tofile=actual_name, lineterm=""
    )
    return "\n".join(diff) + "\n"


def _align_unordered(
    want: list[str], got: list[str], unordered: Sequence[tuple[int, int]]
) -> list[str]:
    """Reorder *got* within each unordered range to pair its lines with matching *want* lines.

    Pairs are found as a maximum bipartite matching (augmenting paths), so an ellipsis line cannot
    steal the only line a more specific expected line could match; unmatched lines keep their order.
    """
    aligned = list(got)
    for first, last in unordered:
        lo, hi = first - 1, last
        wants, gots = want[lo:hi], got[lo:hi]
        match_of_got: dict[int, int] = {}

        for w in range(len(wants)):
            _augment(w, set(), wants, gots, match_of_got)
        slots: list[str | None] = [None] * len(wants)
        for g, w in match_of_got.items():
            slots[w] = gots[g]
        spare = iter(line for g, line in enumerate(gots) if g not in match_of_got)
        aligned[lo:hi] = [line if line is not None else next(spare) for line in slots]
    return aligned


def _augment(
    w: int, seen: set[int], wants: list[str], gots: list[str], match_of_got: dict[int, int]
) -> bool:
    """Find an output line for expected line *w*, moving earlier pairs along if need be."""
    for g, line in enumerate(gots):
        if g in seen or not line_matches(wants[w], line):
            continue
        seen.add(g)
        if g not in match_of_got or _augment(match_of_got[g], seen, wants, gots, match_of_got):
            match_of_got[g] = w
            return True
    return False

"""Rewrite an expected output from a real run, keeping the ``...`` placeholders an author wrote."""

from __future__ import annotations

from mpguide.checker.comparison import ELLIPSIS, line_matches, normalize, output_matches

__all__ = ["updated_output"]


def updated_output(old: str, actual: str, unordered: tuple[tuple[int, int], ...] = ()) -> str:
    """Return the new expected output for a run that printed *actual*.

    If *old* still matches, it is kept as it is.
    Otherwise lines are aligned (a longest common subsequence, where an old line with ``...``
    aligns with any actual line it matches): aligned lines keep the old text with its placeholders;
    every other line is taken from the run.
    """
    if output_matches(old, actual, unordered):
        return normalize(old)
    old_lines, new_lines = normalize(old).splitlines(), normalize(actual).splitlines()
    rows, cols = len(old_lines), len(new_lines)
    # lengths[i][j]: longest alignment of old_lines[i:] with new_lines[j:].
    lengths = [[0] * (cols + 1) for _ in range(rows + 1)]
    for i in range(rows - 1, -1, -1):
        for j in range(cols - 1, -1, -1):
            if _aligns(old_lines[i], new_lines[j]):
                lengths[i][j] = lengths[i + 1][j + 1] + 1
            else:
                lengths[i][j] = max(lengths[i + 1][j], lengths[i][j + 1])
    result, i, j = [], 0, 0
    while j < cols:
        if i < rows and _aligns(old_lines[i], new_lines[j]):
            result.append(old_lines[i])
            i, j = i + 1, j + 1
        elif i < rows and lengths[i + 1][j] >= lengths[i][j + 1]:
            i += 1
        else:
            result.append(new_lines[j])
            j += 1
    return "".join(f"{line}\n" for line in result)


def _aligns(old: str, new: str) -> bool:
    return old == new or (ELLIPSIS in old and line_matches(old, new))

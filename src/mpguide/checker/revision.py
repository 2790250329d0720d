"""Which commit of the project the checks ran from, as git sees the working tree.

The report records it, so that the site can say from which commit each example was verified, and
whether the working tree then had changes that no commit holds.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["Revision", "working_tree_revision"]

_GIT_TIMEOUT = 30.0


@dataclass(frozen=True)
class Revision:
    """A commit of the project and whether the working tree differed from it."""

    commit: str = ""
    """The full hash of the checked-out commit; ``""`` when it could not be found."""
    dirty: bool = False
    """The working tree had uncommitted changes (or new files that are not ignored)."""
    unknown: str = ""
    """Why there is no commit (git missing, not a repository); ``""`` when there is one."""

    def describe(self) -> str:
        """In words: ``0123456789ab``, ``0123456789ab + uncommitted changes`` or why unknown."""
        if not self.commit:
            return f"unknown ({self.unknown})"
        return self.commit[:12] + (" + uncommitted changes" if self.dirty else "")


def _git(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", "-C", str(folder), *args],  # noqa: S607 - whichever git the reader has
        capture_output=True,
        text=True,
        check=False,
        timeout=_GIT_TIMEOUT,
    )


def working_tree_revision(folder: Path) -> Revision:
    """The commit checked out in the git working tree that holds *folder*, and whether it is dirty.

    Never fails: without git, or outside a repository, the revision says why it is unknown.
    """
    try:
        head = _git(folder, "rev-parse", "--verify", "HEAD")
        if head.returncode != 0:
            why = head.stderr.strip().splitlines()
            return Revision(unknown=f"git: {why[-1] if why else 'no commit'}")
        status = _git(folder, "status", "--porcelain")
    except FileNotFoundError:
        return Revision(unknown="git is not installed")
    except (OSError, subprocess.TimeoutExpired) as exc:
        return Revision(unknown=f"git could not be run: {exc}")
    # A status git could not give counts as dirty: nothing says the tree matches the commit.
    dirty = status.returncode != 0 or bool(status.stdout.strip())
    return Revision(commit=head.stdout.strip(), dirty=dirty)

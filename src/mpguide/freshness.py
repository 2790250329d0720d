"""Which pages' translations may be out of date: changed in one language but not in the other.

For each page (``processes.md``, the same file name in every language folder), git's history is
read back to the last commit that changed the page in every language; a page changed since then in
some languages but not in all, committed or not, is reported (as FastAPI's docs report outdated
translations). Changing a page in every language in one commit, or editing it in every language
before committing, keeps it fresh; so does changing it in every language in commits of their own
(a translation that caught up), though the check then cannot tell whether the last of them followed
the others: commit a translation with its source to keep the check exact.

``nox -s docs`` prints these as warnings and builds anyway; ``python -m mpguide.freshness`` prints
them alone. The module uses only the standard library: the noxfile loads it on its own.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

__all__ = ["FreshnessUnknownError", "StaleTranslation", "main", "stale_translations"]


class FreshnessUnknownError(Exception):
    """The history needed is not there: not a git repository, or a shallow clone."""


@dataclass(frozen=True)
class StaleTranslation:
    """A page changed in some languages but not in the others since they last changed together."""

    page: str
    """The page's file, relative to each language's folder (``processes.md``)."""
    changed: tuple[str, ...]
    """The languages whose file changed since, in the order given."""
    unchanged: tuple[str, ...]
    """The languages whose file did not: their translation may be out of date."""
    since: str | None
    """The last commit that changed the page in every language (abbreviated), or None if none did."""
    docs: str
    """The docs folder, relative to the repository (``docs``)."""

    def __str__(self) -> str:
        """One line: which file changed, which did not, and since when."""
        changed = ", ".join(f"{self.docs}/{lang}/{self.page}" for lang in self.changed)
        unchanged = ", ".join(f"{self.docs}/{lang}/{self.page}" for lang in self.unchanged)
        since = (
            f"since {self.since}, the last commit that changed it in every language"
            if self.since
            else "and no commit ever changed it in every language"
        )
        return f"{changed} changed {since}, but {unchanged} did not: check the translation"


@dataclass(frozen=True)
class _Change:
    """A commit (or the uncommitted work, with no commit), and the files it changed."""

    commit: str | None
    files: frozenset[str]


def _git(root: Path, *args: str) -> str:
    """What ``git -C root ARGS`` prints; a failure says why."""
    try:
        done = subprocess.run(
            ["git", "-C", str(root), *args],  # noqa: S607 - git from PATH, as the author runs it
            capture_output=True, text=True, check=True,
        )  # fmt: skip
    except FileNotFoundError as error:
        msg = "git is not installed"
        raise FreshnessUnknownError(msg) from error
    except subprocess.CalledProcessError as error:
        msg = f"git {args[0]} failed in {root}: {error.stderr.strip()}"
        raise FreshnessUnknownError(msg) from error
    return done.stdout


def _history(root: Path, folders: list[str]) -> list[_Change]:
    """The changes to *folders*, newest first: the uncommitted work, then each commit.

    Paths are relative to *root*, which may be a folder inside the repository.
    """
    if _git(root, "rev-parse", "--is-shallow-repository").strip() == "true":
        msg = f"{root} is a shallow clone: run `git fetch --unshallow` to check translations"
        raise FreshnessUnknownError(msg)
    prefix = _git(root, "rev-parse", "--show-prefix").strip()
    status = _git(root, "status", "--porcelain=v1", "-z", "--untracked-files=all", "--", *folders)
    uncommitted = set()
    entries = iter(status.split("\0"))
    for entry in entries:  # "XY path"; a rename or copy is followed by its source path
        if len(entry) > 3:
            uncommitted.add(entry[3:].removeprefix(prefix))
            if entry[0] in "RC":
                uncommitted.add(next(entries, "").removeprefix(prefix))
    changes = [_Change(None, frozenset(uncommitted))]
    log = _git(root, "log", "--format=%x00%h", "--name-only", "--no-renames", "--", *folders)
    for record in log.split("\0")[1:]:
        commit, *files = record.strip().splitlines()
        changes.append(_Change(commit, frozenset(f.removeprefix(prefix) for f in files if f)))
    return changes


def stale_translations(root: Path, docs: Path, languages: list[str]) -> list[StaleTranslation]:
    """The pages of *docs*/LANGUAGE/ changed in some *languages* but not in all, since they last were.

    *root* is the repository; *docs* the docs folder, relative to it. Raises
    :class:`FreshnessUnknownError` when git cannot tell.
    """
    docs_posix = PurePosixPath(docs.as_posix())
    folders = [str(docs_posix / lang) for lang in languages]
    history = _history(root, folders)
    pages = sorted(
        {
            path.relative_to(root / docs / lang).as_posix()
            for lang in languages
            for path in (root / docs / lang).rglob("*.md")
        }
    )
    stale = []
    for page in pages:
        changed: set[str] = set()
        since = None
        for change in history:
            touched = {lang for lang in languages if str(docs_posix / lang / page) in change.files}
            if touched == set(languages):
                since = change.commit
                if change.commit is None:  # being changed in every language now: in step
                    changed = set()
                break
            changed |= touched
        if changed and changed != set(languages):
            stale.append(
                StaleTranslation(
                    page=page,
                    changed=tuple(lang for lang in languages if lang in changed),
                    unchanged=tuple(lang for lang in languages if lang not in changed),
                    since=since,
                    docs=str(docs_posix),
                )
            )
    return stale


def main(argv: list[str] | None = None) -> int:
    """``python -m mpguide.freshness [ROOT]``: print each stale translation; exit 0 all the same."""
    from mpguide.layout import DOCS, LANGUAGES  # here: the noxfile loads this module alone

    args = sys.argv[1:] if argv is None else argv
    root = Path(args[0]) if args else Path()
    try:
        stale = stale_translations(root, DOCS, list(LANGUAGES))
    except FreshnessUnknownError as error:
        print(f"translations not checked: {error}")  # noqa: T201 - a command-line report
        return 0
    for page in stale:
        print(f"translation: {page}")  # noqa: T201
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

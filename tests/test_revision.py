"""The commit the checks ran from: found with the reader's git, in a real repository."""

from __future__ import annotations

import json
import subprocess
from typing import TYPE_CHECKING

import pytest

from mpguide.checker.revision import Revision, working_tree_revision

if TYPE_CHECKING:
    from pathlib import Path

    from conftest import ExampleProject


def _git(folder: Path, *args: str) -> str:
    """Run git in *folder*, as a user with a name and an address, and return what it printed."""
    identity = ["-c", "user.name=mpguide tests", "-c", "user.email=tests@mpguide.invalid"]
    done = subprocess.run(
        ["git", "-C", str(folder), *identity, *args],  # noqa: S607 - the machine's git
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return done.stdout.strip()


def test_a_clean_tree_is_its_commit(tmp_path: Path) -> None:
    """In a working tree that matches its commit, the revision is that commit, not dirty."""
    (tmp_path / "a.py").write_text("print('a')\n")
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "a.py")
    _git(tmp_path, "commit", "-q", "-m", "a")
    revision = working_tree_revision(tmp_path)
    assert revision == Revision(commit=_git(tmp_path, "rev-parse", "HEAD"), dirty=False)
    assert revision.describe() == revision.commit[:12]


def test_a_changed_or_new_file_makes_it_dirty(tmp_path: Path) -> None:
    """An edited tracked file, or a new file git does not ignore, marks the revision dirty."""
    (tmp_path / "a.py").write_text("print('a')\n")
    (tmp_path / ".gitignore").write_text("ignored.txt\n")
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "a.py", ".gitignore")
    _git(tmp_path, "commit", "-q", "-m", "a")
    (tmp_path / "ignored.txt").write_text("build output\n")
    assert not working_tree_revision(tmp_path).dirty
    (tmp_path / "b.py").write_text("print('b')\n")
    assert working_tree_revision(tmp_path).dirty
    (tmp_path / "b.py").unlink()
    (tmp_path / "a.py").write_text("print('A')\n")
    revision = working_tree_revision(tmp_path)
    assert revision.dirty
    assert revision.describe().endswith(" + uncommitted changes")


def test_outside_a_repository_it_says_why(tmp_path: Path) -> None:
    """Outside any git repository there is no commit, and the revision says git's reason."""
    revision = working_tree_revision(tmp_path)
    assert revision.commit == ""
    assert "not a git repository" in revision.unknown
    assert revision.describe().startswith("unknown (git: ")


def test_without_git_it_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With no git on ``PATH``, the revision is unknown because git is not installed."""
    monkeypatch.setenv("PATH", str(tmp_path))
    assert working_tree_revision(tmp_path) == Revision(unknown="git is not installed")


def test_the_report_keeps_the_commit_each_check_ran_from(project: ExampleProject) -> None:
    """The report names the commit; a check taken from it again keeps the commit it ran from.

    After an edit, the edited example's checks run from the dirty tree, the others do not run.
    """
    project.add("hello.py", "print('hello')\n", "hello\n")
    project.add("other.py", "print('other')\n", "other\n")
    report = project.root / "report.json"
    (project.root / ".gitignore").write_text("/report.json\n/tmp/\n")
    _git(project.root, "init", "-q")
    _git(project.root, "add", ".")
    _git(project.root, "commit", "-q", "-m", "examples")
    head = _git(project.root, "rev-parse", "HEAD")

    done = project.cli("check", "-m", "fork", "--report", str(report), "--reuse")
    assert done.returncode == 0, done.stdout + done.stderr
    data = json.loads(report.read_text())
    clean = {"commit": head, "dirty": False, "unknown": ""}
    assert data["revision"] == clean
    assert [c["revision"] for c in data["checks"]] == [clean, clean]

    (project.examples / "other.py").write_text("print('other')  # edited\n")
    done = project.cli("check", "-m", "fork", "--report", str(report), "--reuse")
    assert "checking 1 runs" in done.stdout, done.stdout + done.stderr
    data = json.loads(report.read_text())
    dirty = {**clean, "dirty": True}
    assert data["revision"] == dirty
    assert {c["example"]: c["revision"] for c in data["checks"]} == {
        "hello.py": clean,
        "other.py": dirty,
    }


def test_a_project_outside_git_is_reported_as_such(project: ExampleProject) -> None:
    """Checked outside any repository, the report says the commit is unknown, and why."""
    project.add("hello.py", "print('hello')\n", "hello\n")
    report = project.root / "report.json"
    assert project.cli("check", "-m", "fork", "--report", str(report)).returncode == 0
    revision = json.loads(report.read_text())["revision"]
    assert revision["commit"] == ""
    assert "not a git repository" in revision["unknown"]

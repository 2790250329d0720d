"""The translation-freshness check, on throw-away git repositories."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from mpguide.freshness import FreshnessUnknownError, stale_translations

LANGUAGES = ["zh_CN", "en"]


class Repository:
    """A git repository with a ``docs/zh_CN`` and a ``docs/en`` folder."""

    def __init__(self, root: Path) -> None:
        """Make *root* a repository, committing as a test user."""
        self.root = root
        self.git("init", "--quiet", "--initial-branch=main")
        self.git("config", "user.name", "Tester")
        self.git("config", "user.email", "tester@example.com")
        self.git("config", "commit.gpgsign", "false")

    def git(self, *args: str) -> str:
        """Run git in the repository; what it prints."""
        done = subprocess.run(
            ["git", "-C", str(self.root), *args],  # noqa: S607 - the git the checked code runs
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        return done.stdout

    def write(self, language: str, page: str, text: str) -> None:
        """Write *page* of *language*."""
        path = self.root / "docs" / language / page
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def commit(self, message: str) -> str:
        """Commit everything; the abbreviated hash."""
        self.git("add", "--all")
        self.git("commit", "--quiet", "-m", message)
        return self.git("rev-parse", "--short", "HEAD").strip()

    def stale(self) -> list[tuple[str, tuple[str, ...], str | None]]:
        """Each stale page: its name, the languages that changed, and since which commit."""
        return [
            (s.page, s.changed, s.since)
            for s in stale_translations(self.root, Path("docs"), LANGUAGES)
        ]


@pytest.fixture
def repository(tmp_path: Path) -> Repository:
    """A repository whose two pages were written in both languages in one commit."""
    repository = Repository(tmp_path)
    for language in LANGUAGES:
        repository.write(language, "index.md", f"# {language}\n")
        repository.write(language, "pools.md", f"# pools {language}\n")
    repository.commit("Both languages")
    return repository


def test_pages_changed_together_are_fresh(repository: Repository) -> None:
    """Pages last changed in one commit in every language are not reported."""
    assert repository.stale() == []


def test_a_page_committed_in_one_language_is_reported(repository: Repository) -> None:
    """A commit that changes the English page only makes the Chinese one stale, since the last common."""
    common = repository.git("rev-parse", "--short", "HEAD").strip()
    repository.write("en", "pools.md", "# pools, rewritten\n")
    repository.commit("English only")
    assert repository.stale() == [("pools.md", ("en",), common)]
    message = str(stale_translations(repository.root, Path("docs"), LANGUAGES)[0])
    assert "docs/en/pools.md changed since" in message
    assert "docs/zh_CN/pools.md did not" in message


def test_an_uncommitted_change_in_one_language_is_reported(repository: Repository) -> None:
    """Work not committed yet counts: the Chinese page edited alone is reported."""
    repository.write("zh_CN", "index.md", "# 改过了\n")
    assert [(page, changed) for page, changed, _ in repository.stale()] == [
        ("index.md", ("zh_CN",))
    ]


def test_a_translation_caught_up_in_a_later_commit_is_not_reported(
    repository: Repository,
) -> None:
    """Each language changed since the last common commit, in commits of their own: not reported."""
    repository.write("en", "pools.md", "# pools, rewritten\n")
    repository.commit("English first")
    repository.write("zh_CN", "pools.md", "# 进程池，重写\n")
    repository.commit("Chinese catches up")
    assert repository.stale() == []


def test_a_later_common_commit_resets_the_comparison(repository: Repository) -> None:
    """Only changes after the last commit that touched every language count."""
    repository.write("en", "pools.md", "# pools 2\n")
    repository.commit("English only")
    for language in LANGUAGES:
        repository.write(language, "pools.md", f"# pools 3 {language}\n")
    repository.commit("Both again")
    assert repository.stale() == []


def test_a_page_added_in_one_language_is_reported(repository: Repository) -> None:
    """A new page in one language only was never changed in every language."""
    repository.write("zh_CN", "queues.md", "# 队列\n")
    repository.commit("Chinese page")
    assert repository.stale() == [("queues.md", ("zh_CN",), None)]


def test_other_files_do_not_count(repository: Repository) -> None:
    """A commit touching other files, or another page, leaves a page's freshness alone."""
    (repository.root / "README.md").write_text("readme\n", encoding="utf-8")
    repository.write("en", "index.md", "# en, again\n")
    repository.write("zh_CN", "index.md", "# zh_CN, again\n")
    repository.commit("README and both index pages")
    assert repository.stale() == []


def test_a_folder_that_is_not_a_repository_says_so(tmp_path: Path) -> None:
    """Outside git, the check cannot tell, and says why."""
    (tmp_path / "docs" / "en").mkdir(parents=True)
    with pytest.raises(FreshnessUnknownError, match="not a git repository"):
        stale_translations(tmp_path, Path("docs"), LANGUAGES)


def test_a_shallow_clone_says_so(repository: Repository, tmp_path: Path) -> None:
    """A shallow clone lacks the history: the check says to fetch it."""
    repository.write("en", "pools.md", "# pools 2\n")
    repository.commit("English only")
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "--quiet", "--depth=1", f"file://{repository.root}", str(clone)],  # noqa: S607
        check=True,
    )
    with pytest.raises(FreshnessUnknownError, match="shallow clone"):
        stale_translations(clone, Path("docs"), LANGUAGES)

"""Sessions that build, check and test mpguide: ``nox -l`` lists them.

The examples use only the standard library, so the checker runs them with the bare interpreters it
finds on ``PATH`` (``python3.11`` ... ``python3.14``), whatever Python runs the session.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import nox

nox.needs_version = ">=2025.2.9"
nox.options.default_venv_backend = "uv|virtualenv"
nox.options.sessions = ["lint", "tests", "docs"]

PROJECT = nox.project.load_toml()
ROOT = Path(__file__).parent
DOCS = ROOT / "docs"
BUILD = DOCS / "_build"
REPORT = BUILD / "verification.json"
LANGUAGES = ("zh_CN", "en")
PYTHONS = ["3.11", "3.12", "3.13", "3.14"]


def _found_pythons() -> list[str]:
    """The supported Pythons this machine has, as ``pythonX.Y`` commands."""
    return [f"python{v}" for v in PYTHONS if shutil.which(f"python{v}")]


# The docs need Sphinx >= 9.1 (its Chinese search works), hence Python >= 3.12: the newest found.
DOCS_PYTHON = next((v for v in reversed(PYTHONS[1:]) if shutil.which(f"python{v}")), PYTHONS[-1])


def _install(session: nox.Session, *groups: str) -> None:
    """Install the project (editable, so checks see the working tree) and its dependency groups."""
    if groups:
        session.install(*nox.project.dependency_groups(PROJECT, *groups))
    session.install("-e", ".")


def _check_examples(session: nox.Session, *extra: str) -> None:
    """Verify every example on every Python found and write the report the site is built from."""
    pythons = [arg for p in _found_pythons() for arg in ("--python", p)]
    session.run("mpguide-check", "check", "--quiet", "--report", str(REPORT), *pythons, *extra)


def _sphinx_build(session: nox.Session, language: str, *extra: str) -> None:
    session.run(
        "sphinx-build",
        "-c", "docs",  # one conf.py for both languages
        "-D", f"language={language}",  # which language this build is
        "-W",  # warnings are errors: an unverified or stale example fails the build
        "--keep-going",  # ... but report them all first
        "-n",  # nitpicky: every cross-reference must resolve
        "-d", str(BUILD / "doctrees" / language),  # each language keeps its own environment
        *extra,
        str(DOCS / language),
        str(BUILD / "html" / language),
    )  # fmt: skip


def _landing_page() -> None:
    """Copy the page that sends readers to their language into the root of the site."""
    shutil.copyfile(DOCS / "_landing" / "index.html", BUILD / "html" / "index.html")


@nox.session
def examples(session: nox.Session) -> None:
    """Check every example the pages include: each Python found x fork / spawn / forkserver."""
    _install(session)
    _check_examples(session, *session.posargs)


@nox.session(python=DOCS_PYTHON)
def docs(session: nox.Session) -> None:
    """Verify the examples, then build both languages and the landing page into docs/_build/html."""
    _install(session, "docs")
    start = time.monotonic()
    _check_examples(session)
    checked = time.monotonic()
    for language in LANGUAGES:
        _sphinx_build(session, language, *session.posargs)
    _landing_page()
    session.log(
        f"examples checked in {checked - start:.1f} s, site built in "
        f"{time.monotonic() - checked:.1f} s: open {BUILD / 'html' / 'index.html'}"
    )


@nox.session(python=PYTHONS)
def tests(session: nox.Session) -> None:
    """Run the test suite; on the docs Python it also builds the site and drives a browser."""
    groups = ["test"]
    marker = "not docs"
    if session.python == DOCS_PYTHON:
        groups += ["docs", "browser"]
        marker = ""
    _install(session, *groups)
    args = ["-m", marker] if marker else []
    if marker:
        session.log(f"docs and browser tests run on Python {DOCS_PYTHON}, not {session.python}")
    parallel = ["-n", "4", "--dist", "loadgroup"]  # examples mostly wait; the site is built once
    session.run("pytest", *parallel, *args, *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """Ruff (lint and format) on everything, mypy --strict on src/."""
    _install(session, "lint", "docs")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")
    session.run("mypy", "--strict")


@nox.session(python=DOCS_PYTHON, default=False)
def bench(session: nox.Session) -> None:
    """Print check and docs-build figures: sum, longest, wall, wall / longest, incremental rebuild."""
    _install(session, "docs")
    session.run("python", "-m", "mpguide.checker.bench", *_found_pythons(), *session.posargs)


@nox.session(default=False)
def soak(session: nox.Session) -> None:
    """Run the full check N times (``-- --rounds N``, default 20) with every core kept busy."""
    _install(session)
    session.run("python", "-m", "mpguide.checker.soak", *_found_pythons(), *session.posargs)


@nox.session(python=DOCS_PYTHON, default=False)
def serve(session: nox.Session) -> None:
    """Live preview of one language (default zh_CN; ``nox -s serve -- en``) at http://127.0.0.1:8000."""
    _install(session, "serve")
    language = session.posargs[0] if session.posargs else "zh_CN"
    _check_examples(session)
    session.run(
        "sphinx-autobuild",
        "-c", "docs",
        "-D", f"language={language}",
        "--watch", "src/mpguide",  # examples and their expected outputs
        str(DOCS / language),
        str(BUILD / "serve" / language),
    )  # fmt: skip


if os.environ.get("CI"):
    # On CI every supported Python is expected; a missing one is reported by .ci/run, not here.
    nox.options.error_on_missing_interpreters = False

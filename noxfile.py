"""Sessions that build, check and test mpguide: ``nox -l`` lists them.

The checker runs the examples with the interpreters it finds (``mpguide-check pythons``:
``pythonX.Y`` on ``PATH``, pyenv's and uv's Pythons, those of ``scripts/get-pythons``), whatever
Python runs the session; an example with dependencies (a PEP 723 block) runs in a virtual
environment of each, made once with uv and kept in ``~/.cache/mpguide/envs``.
Sessions themselves run on the supported Pythons found here that a virtual environment can be made
from, activated in pyenv or not; the docs need 3.12 or newer.
"""

from __future__ import annotations

import importlib.util
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

import nox


def _load(name: str) -> ModuleType:
    """A module of mpguide, loaded on its own: mpguide is not installed where nox runs.

    Only modules that use nothing but the standard library are loaded this way.
    """
    path = Path(__file__).parent / "src" / "mpguide" / f"{name.replace('.', '/')}.py"
    spec = importlib.util.spec_from_file_location(f"_mpguide_{name.replace('.', '_')}", path)
    assert spec is not None and spec.loader is not None  # noqa: S101 - the file is ours
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


_interpreters = _load("checker.interpreters")
layout = _load("layout")
_dependencies = _load("checker.dependencies")
freshness = _load("freshness")
SUPPORTED_VERSIONS: tuple[str, ...] = _interpreters.SUPPORTED_VERSIONS
find_interpreters = _interpreters.find_interpreters

nox.needs_version = ">=2025.2.9"
nox.options.default_venv_backend = "uv|virtualenv"
nox.options.sessions = ["lint", "tests", "docs"]

PROJECT = nox.project.load_toml()
ROOT = Path(__file__).parent
BUILD = ROOT / layout.BUILD
REPORT = ROOT / layout.REPORT
AXE_CORE = ROOT / "tests" / "accessibility"
# CI checks every example afresh; an author's `nox -s docs` reruns only what changed since.
FRESH = bool(os.environ.get("CI"))


def _session_pythons() -> list[str]:
    """Supported Pythons found here that run on this host (not through a chroot), oldest first.

    Their folders go first on ``PATH``, so that nox finds pyenv's versions even when they are not
    activated (a shim then fails), and the newest patch release of each.
    """
    _, candidates = find_interpreters()
    local: dict[str, Any] = {}
    for found in (c.interpreter for c in candidates):
        if found is None or not found.supported or found.free_threaded:
            continue
        if not Path(found.executable).is_file():  # run through a chroot: no venv from it here
            continue
        best = local.get(found.feature)
        if best is None or _interpreters.version_key(found.version) > _interpreters.version_key(
            best.version
        ):
            local[found.feature] = found
    ordered = sorted(local.values(), key=lambda i: _interpreters.version_key(i.feature))
    folders = [str(Path(i.command).parent) for i in ordered]
    os.environ["PATH"] = os.pathsep.join([*dict.fromkeys(folders), os.environ.get("PATH", "")])
    return [i.feature for i in ordered]


PYTHONS = _session_pythons()
# The docs need Sphinx >= 9.1 (its Chinese search works), hence Python >= 3.12: the newest found.
DOCS_PYTHON = next((v for v in reversed(PYTHONS) if v != "3.11"), None)
NO_DOCS_PYTHON = (
    "the docs need CPython 3.12 or newer (Sphinx 9.1, whose Chinese search works), and none was "
    f"found here (found: {', '.join(PYTHONS) or 'none'}): install one, for example "
    "`pyenv install 3.13`, `uv python install 3.13` or `sudo apt-get install python3.12`, and run "
    "nox again"
)
nox.options.error_on_missing_interpreters = True  # only Pythons found are asked for


def _install(session: nox.Session, *groups: str) -> None:
    """Install the project (editable, so checks see the working tree) and its dependency groups."""
    if groups:
        session.install(*nox.project.dependency_groups(PROJECT, *groups))
    session.install("-e", ".")


def _check_examples(session: nox.Session, *extra: str, reuse: bool = False) -> None:
    """Verify every example on every Python found and write the report the site is built from.

    With *reuse*, checks whose files, interpreter and checker are unchanged since the last report
    are not run again (the report says when each was made).
    """
    again = ["--reuse"] if reuse and not FRESH else []
    session.run(
        "mpguide-check", "check", "--all-pythons", "--quiet", "--report", str(REPORT), *again,
        *extra,
    )  # fmt: skip


def _get_pythons(session: nox.Session) -> None:
    """Get the supported Pythons this machine lacks at current releases (``scripts/get-pythons``).

    With uv where it may download Pythons, else from Debian's archive as root. Where that fails,
    the examples are checked with the Pythons found, and the session says which are missing.
    """
    missing = _interpreters.missing_versions(find_interpreters()[0])
    if not missing:
        return
    session.log(f"{'; '.join(missing)}: getting them with scripts/get-pythons")
    # It exits with 1, saying why, where it cannot: the check goes on without them.
    session.run("bash", str(ROOT / "scripts" / "get-pythons"), external=True, success_codes=[0, 1])
    still = _interpreters.missing_versions(find_interpreters()[0])
    if still:
        session.warn(
            f"{'; '.join(still)}: the examples are checked without them, and the pages say only "
            "what ran (scripts/get-pythons says how to get them)"
        )


@nox.session
def examples(session: nox.Session) -> None:
    """Check every example the pages include: each Python found x fork / spawn / forkserver.

    First it gets the supported Pythons missing here (``scripts/get-pythons``).
    """
    _install(session)
    _get_pythons(session)
    _check_examples(session, *session.posargs)


def _warn_stale_translations(session: nox.Session) -> None:
    """Warn about each page changed in one language and not in the other: the build goes on."""
    try:
        stale = freshness.stale_translations(ROOT, layout.DOCS, list(layout.LANGUAGES))
    except freshness.FreshnessUnknownError as error:
        session.warn(f"translations not checked: {error}")
        return
    for page in stale:
        session.warn(f"translation may be out of date: {page}")


# Without a docs Python, the sessions that need one make no environment: they fail at once, saying why.
DOCS_BACKEND = None if DOCS_PYTHON else "none"


@nox.session(python=DOCS_PYTHON, venv_backend=DOCS_BACKEND)
def docs(session: nox.Session) -> None:
    """Verify the examples, then build both languages, their EPUBs and the site's root pages.

    First it gets the supported Pythons missing here (``scripts/get-pythons``). The site goes into
    docs/_build/html, with the EPUBs and an archive of the site in its downloads/ folder; it warns
    (without failing) about a page changed in one language but not in the other.
    """
    if DOCS_PYTHON is None:
        session.error(NO_DOCS_PYTHON)
    _install(session, "docs")
    _warn_stale_translations(session)
    _get_pythons(session)
    start = time.monotonic()
    _check_examples(session, reuse=True)
    checked = time.monotonic()

    def run(language: str, commands: Sequence[Sequence[str]]) -> None:
        for argv in commands:
            # The languages build at once: nox prints a command's whole output if it fails.
            output = session.run(*argv, silent=True)
            session.log(f"{language}: {str(output).strip().splitlines()[-1]}")

    layout.build_site(ROOT, BUILD, run, extra=session.posargs)
    session.log(
        f"examples checked in {checked - start:.1f} s, site built in "
        f"{time.monotonic() - checked:.1f} s: open {BUILD / 'html' / 'index.html'}"
    )


@nox.session(python=PYTHONS or list(SUPPORTED_VERSIONS))
def tests(session: nox.Session) -> None:
    """Run the test suite on each Python; on the docs Python, the examples, the site and a browser.

    There it checks every example with that Python, builds the site from those checks and drives
    it in Chromium; ``nox -s examples`` checks the examples with every Python.
    """
    groups = ["test"]
    marker = "not docs and not examples"
    if session.python == DOCS_PYTHON:
        groups += ["docs", "browser"]
        marker = ""
        # axe-core for the accessibility tests, as pinned in tests/accessibility/package-lock.json.
        session.run(
            "npm", "ci", "--prefix", str(AXE_CORE), "--no-audit", "--no-fund", external=True
        )
    _install(session, *groups)
    args = ["-m", marker] if marker else []
    if marker:
        session.log(
            f"the examples, docs and browser tests run on Python {DOCS_PYTHON}, "
            f"not {session.python}"
        )
    parallel = ["-n", "4"]  # examples mostly wait; the workers share one build of the site
    session.run("pytest", *parallel, *args, *session.posargs)


def _example_dependencies() -> list[str]:
    """Every package the examples declare in their PEP 723 blocks, once each."""
    found: dict[str, None] = {}
    for path in sorted((ROOT / layout.EXAMPLES).rglob("*.py")):
        script = _dependencies.read_script_metadata(path)
        if script is not None:
            found.update(dict.fromkeys(script.dependencies))
    return list(found)


@nox.session
def lint(session: nox.Session) -> None:
    """Ruff on everything; mypy --strict on the package, tests, tools, noxfile, and the examples.

    The examples are checked against the newest supported Python: some show what it added.
    """
    _install(session, "lint", "docs")
    if dependencies := _example_dependencies():
        session.install(*dependencies)  # mypy checks the examples' use of them
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")
    session.run("mypy", "--strict")
    examples = sorted(
        str(path.relative_to(ROOT))
        for path in (ROOT / layout.EXAMPLES).rglob("*.py")
        if not path.name.startswith("original_")
    )
    session.run("mypy", "--strict", "--python-version", SUPPORTED_VERSIONS[-1], *examples)


@nox.session(python=DOCS_PYTHON, venv_backend=DOCS_BACKEND, default=False)
def bench(session: nox.Session) -> None:
    """Print check and docs-build figures: sum, longest, wall, wall / longest, incremental rebuild.

    ``nox -s bench -- --tests`` only times ``nox -s tests``, each session and in all.
    """
    if DOCS_PYTHON is None:
        session.error(NO_DOCS_PYTHON)
    _install(session, "docs")
    pythons = [i.command for i in find_interpreters()[0]]
    args = list(session.posargs)
    if "--tests" in args:  # time `nox -s tests` with the nox running this session
        args[args.index("--tests")] = f"--tests-with={sys.executable} -m nox"
    session.run("python", "tools/bench.py", *pythons, *args)


@nox.session(default=False)
def soak(session: nox.Session) -> None:
    """Run the full check N times (``-- --rounds N``, default 20) with every core kept busy.

    ``-- --cold N`` starts the first N rounds as on a fresh machine (environments and uv's cache
    empty); ``-- --beside-tests`` runs the other tests in a loop beside the checks.
    """
    _install(session, "test")
    pythons = [i.command for i in find_interpreters()[0]]
    session.run("python", "tools/soak.py", *pythons, *session.posargs)


@nox.session(python=DOCS_PYTHON, venv_backend=DOCS_BACKEND, default=False)
def serve(session: nox.Session) -> None:
    """Live preview of one language (default zh_CN; ``nox -s serve -- en``) at http://127.0.0.1:8000."""
    if DOCS_PYTHON is None:
        session.error(NO_DOCS_PYTHON)
    _install(session, "serve")
    language = session.posargs[0] if session.posargs else "zh_CN"
    _check_examples(session, reuse=True)
    session.run(
        "sphinx-autobuild",
        "-c", "docs",
        "-D", f"language={language}",
        "--watch", "src/mpguide",  # examples and their expected outputs
        str(ROOT / layout.DOCS / language),
        str(BUILD / "serve" / language),
    )  # fmt: skip

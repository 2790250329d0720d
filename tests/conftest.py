"""Shared fixtures: the project's folders, this interpreter, throw-away example projects, the site."""

from __future__ import annotations

import contextlib
import fcntl
import functools
import http.server
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO
from urllib.parse import unquote, urlsplit

import pytest

from mpguide import layout
from mpguide.checker.interpreters import Interpreter, probe
from mpguide.checker.report import Report, read_report
from mpguide.checker.runner import DEV_SHM, private_shm

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from playwright.sync_api import Browser, Page

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / layout.DOCS
EXAMPLES = ROOT / layout.EXAMPLES
LANGUAGES = tuple(layout.LANGUAGES)


@pytest.fixture(scope="session")
def interpreter() -> Interpreter:
    """The interpreter running the tests, as the checker sees it."""
    return probe(sys.executable)


@dataclass
class ExampleProject:
    """A throw-away project: a docs folder with one page and an examples folder."""

    root: Path

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def examples(self) -> Path:
        return self.root / "examples"

    def add(self, name: str, code: str, out: str | None = "", *, on_page: bool = True) -> Path:
        """Write example *name* with its expected output, and include it in the page."""
        path = self.examples / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(code), encoding="utf-8")
        if out is not None:
            path.with_suffix(".out").write_text(textwrap.dedent(out), encoding="utf-8")
        if on_page:
            self.include(name)
        return path

    def include(self, name: str) -> None:
        """Add an ``example`` directive for *name* to the page."""
        page = self.docs / "page.md"
        page.parent.mkdir(parents=True, exist_ok=True)
        text = page.read_text(encoding="utf-8") if page.exists() else "# Page\n"
        page.write_text(f"{text}\n```{{example}} {name}\n```\n", encoding="utf-8")

    def options(self, toml: str) -> None:
        """Write the examples folder's ``checks.toml``."""
        self.examples.mkdir(parents=True, exist_ok=True)
        (self.examples / "checks.toml").write_text(textwrap.dedent(toml), encoding="utf-8")

    @functools.cached_property
    def tmp(self) -> Path:
        """The temporary folder the checker and its examples get: how we find their processes.

        A short path directly in the system's temporary folder, not under pytest's: forkserver's
        socket lives in it, and a Unix socket's path may not exceed 107 bytes (pytest's folders,
        ``/tmp/pytest-of-root/pytest-106/popen-gw2/test_…``, grow with each run).
        """
        return Path(tempfile.mkdtemp(prefix="mpguide-test-"))

    def command(self, *args: str) -> list[str]:
        """The ``mpguide-check`` command line for this project."""
        return [
            sys.executable, "-m", "mpguide.checker", "--docs", str(self.docs),
            "--examples", str(self.examples), *args,
        ]  # fmt: skip

    def environment(self) -> dict[str, str]:
        """The caller's environment, with this project's temporary folder."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
        env["TMPDIR"] = str(self.tmp)
        return env

    def cli(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        """Run ``mpguide-check`` on this project, as a user would, and capture what it prints."""
        return self.cli_with({}, *args, timeout=timeout)

    def cli_with(
        self, env: dict[str, str], *args: str, timeout: float = 300
    ) -> subprocess.CompletedProcess[str]:
        """Run ``mpguide-check`` as :meth:`cli` does, with the variables *env* set."""
        return subprocess.run(
            self.command(*args), capture_output=True, text=True, timeout=timeout,
            env={**self.environment(), **env}, check=False,
        )  # fmt: skip

    def processes(self) -> list[int]:
        """Live processes started for this project: they inherited its temporary folder."""
        return processes_with_tmpdir(self.tmp)


def processes_with_tmpdir(tmp: Path) -> list[int]:
    """Live processes (this one aside) whose environment has ``TMPDIR=tmp``: started for a test."""
    marker = f"TMPDIR={tmp}".encode()
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            environ = (entry / "environ").read_bytes()
        except OSError:
            continue
        if marker in environ.split(b"\0") and alive(int(entry.name)):
            found.append(int(entry.name))
    return found


def shm_files() -> set[str]:
    """Named semaphores and shared memory blocks of multiprocessing in the machine's /dev/shm."""
    if not DEV_SHM.is_dir():
        return set()
    return {p.name for p in DEV_SHM.iterdir() if p.name.startswith(("sem.mp-", "psm_", "mp-"))}


@pytest.fixture
def project(tmp_path: Path) -> Iterator[ExampleProject]:
    """An empty throw-away project; afterwards, nothing the checker started may still run.

    (What a run leaves in its own /dev/shm fails its check: see ``test_faults``.)
    """
    project = ExampleProject(tmp_path)
    project.docs.mkdir()
    project.examples.mkdir()
    yield project
    left = project.processes()
    shutil.rmtree(project.tmp, ignore_errors=True)
    assert left == [], "processes left running after the test"


def alive(pid: int) -> bool:
    """Whether *pid* is a running (not zombie) process."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2] not in "ZX"


@dataclass(frozen=True)
class Verification:
    """One check of every example the pages include, with this Python, as ``nox -s docs`` does."""

    report: Report
    path: Path
    output: str
    """What ``mpguide-check check`` printed."""


@dataclass(frozen=True)
class Site:
    """A site built by the tests, as ``nox -s docs`` builds it."""

    html: Path
    logs: dict[str, str]
    """What each language's build printed (standard output and error)."""
    report: Path


def _shared_folder(
    tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> Path:
    """A folder every pytest-xdist worker of this run sees (``xdist_group`` does not share)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if hasattr(request.config, "workerinput") else base


@contextlib.contextmanager
def _once(folder: Path, name: str) -> Iterator[bool]:
    """Hold a lock on *name* in *folder*; yield whether the work is still to do (then mark it done)."""
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        done = folder / f"{name}.done"
        todo = not done.exists()
        yield todo
        if todo:
            done.touch()


@pytest.fixture(scope="session")
def verification(
    tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> Verification:
    """Every included example checked on every supported Python found, fork/spawn/forkserver.

    As ``nox -s docs`` does, with the report it wrote (``docs/_build/verification.json``): a check
    whose example, expected output, options, exact interpreter, start method, packages and checker
    are all what they were there is taken from it (marked cached), and the rest run now. After
    ``nox -s docs`` (or ``nox -s examples``, as CI runs it first) none run again; without that
    report, every check runs here.
    The examples are checked once: every test about them, and the site, read this one report.
    Where each run has a ``/dev/shm`` of its own, what a run leaves there fails its check; elsewhere
    the machine's ``/dev/shm`` is compared before and after (nothing else may use it meanwhile).
    """
    out = _shared_folder(tmp_path_factory, request) / "verification"
    report = out / "verification.json"
    log = out / "check.log"
    with _once(out, "check") as todo:
        if todo:
            docs_report = ROOT / layout.REPORT
            if docs_report.is_file():
                shutil.copyfile(docs_report, report)
            before = shm_files()
            tmp = out / "tmp"
            tmp.mkdir()
            check = subprocess.run(
                [sys.executable, "-m", "mpguide.checker", "--root", str(ROOT), "check",
                 "--all-pythons", "--report", str(report), "--reuse"],
                capture_output=True, text=True, check=False, timeout=3600,
                env={**os.environ, "TMPDIR": str(tmp)},
            )  # fmt: skip
            left = [] if private_shm() else sorted(shm_files() - before)
            running = processes_with_tmpdir(tmp)
            log.write_text(check.stdout + check.stderr, encoding="utf-8")
            (out / "left.json").write_text(json.dumps({"shm": left, "processes": running}))
    output = log.read_text(encoding="utf-8")
    left_behind = json.loads((out / "left.json").read_text())
    assert left_behind == {"shm": [], "processes": []}, "the examples left these behind"
    assert report.is_file(), output
    return Verification(read_report(report), report, output)


@pytest.fixture(scope="session")
def site(
    verification: Verification,
    tmp_path_factory: pytest.TempPathFactory,
    request: pytest.FixtureRequest,
) -> Site:
    """Build both languages with ``-W -n`` from the examples' verification, once per test run."""
    out = _shared_folder(tmp_path_factory, request) / "site"
    with _once(out, "build") as todo:
        if todo:
            _build_site(out, verification.path)
    logs = {lang: (out / f"build-{lang}.log").read_text(encoding="utf-8") for lang in LANGUAGES}
    for language, log in logs.items():
        assert (out / "html" / language / "index.html").is_file(), log
    return Site(out / "html", logs, verification.path)


def _build_site(out: Path, report: Path) -> None:
    """Build as ``nox -s docs`` does, keeping each language's output in ``build-LANGUAGE.log``."""

    def run(language: str, commands: Sequence[Sequence[str]]) -> None:
        log = ""
        for argv in commands:
            done = subprocess.run(argv, capture_output=True, text=True, check=False)
            log += done.stdout + done.stderr
        (out / f"build-{language}.log").write_text(log, encoding="utf-8")

    layout.build_site(ROOT, out, run, report=report, program=(sys.executable, "-m", "sphinx"))


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serve the site under its base URL's path, as its host does, and answer 404 as hosts do.

    A missing file gets the nearest ``404.html`` up its folders, with status 404: a language's own
    404 page inside its folder (as Cloudflare Pages does), the site's root one elsewhere (the one
    GitHub Pages and Read the Docs serve).
    """

    prefix = "/"
    """The path of the site's base URL (``/mpguide/``)."""

    def send_head(self) -> io.BytesIO | BinaryIO | None:
        """The file asked for, under :attr:`prefix`; else the nearest 404 page."""
        path = unquote(urlsplit(self.path).path)
        if not path.startswith(self.prefix):
            return self._not_found("")
        relative = path.removeprefix(self.prefix)
        local = Path(self.directory) / relative
        if not local.exists():
            return self._not_found(relative)
        if local.is_dir() and not path.endswith("/"):
            self.send_response(301)
            self.send_header("Location", f"{path}/")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        self.path = "/" + self.path.removeprefix(self.prefix)
        return super().send_head()

    def _not_found(self, relative: str) -> io.BytesIO:
        folders = Path(relative).parents
        page = next(
            page
            for folder in folders
            if (page := Path(self.directory) / folder / "404.html").is_file()
        )
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, format: str, *args: object) -> None:
        """Keep the test output clean."""


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        """Say nothing when the browser hangs up mid-answer (it may, leaving a page); else report."""
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def base_url(site: Site) -> Iterator[str]:
    """Serve the built site on a free loopback port, at its base URL's path (no final ``/``)."""
    prefix = urlsplit(layout.base_url()).path
    handler = functools.partial(
        type("Handler", (SiteHandler,), {"prefix": prefix}), directory=str(site.html)
    )
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}{prefix.rstrip('/')}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's chromium, headless."""
    from playwright.sync_api import sync_playwright

    assert shutil.which(CHROMIUM), "install Debian's chromium and fonts-noto-cjk"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh page that records script errors, console errors and failed requests."""
    context = browser.new_context(locale="zh-CN", accept_downloads=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(f"page error: {exc}"))
    page.on(
        "console",
        lambda msg: (
            errors.append(f"console {msg.type}: {msg.text}") if msg.type == "error" else None
        ),
    )
    page.on(
        "response",
        lambda r: errors.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None,
    )
    page.errors = errors  # type: ignore[attr-defined]
    yield page
    context.close()

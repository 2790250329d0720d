"""Environments for examples with dependencies: one cached virtual environment per interpreter and set.

An example whose PEP 723 block lists packages runs with a virtual environment of the interpreter
being checked, with those packages installed, as ``uv run FILE`` gives a reader.
Each environment is made once, with uv (``uv pip install``; without uv, the environment's own pip),
under ``$XDG_CACHE_HOME/mpguide/envs`` (``MPGUIDE_ENVS_DIR`` to put it elsewhere), and reused by
every later check of the same packages on the same interpreter.
It records the version of every package installed: the report keeps them, a result is reused only
for the same versions, and the page says which versions the example ran with.

Where the packages do not install (no wheel for that Python, say), the environment is not made, and
that example's checks on that interpreter are skipped with the installer's reason.

An interpreter run through a wrapper (``scripts/get-pythons`` writes shell scripts that run a chroot's
Python) makes its environment through the wrapper, and the environment gets a wrapper of its own,
the same script with the environment's Python in place of the interpreter's.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import re
import shlex
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

    from mpguide.checker.dependencies import ScriptMetadata
    from mpguide.checker.interpreters import Interpreter
    from mpguide.checker.plan import Check

__all__ = ["ENVS_VARIABLE", "ScriptEnvironment", "envs_dir", "prepare", "with_environments"]

ENVS_VARIABLE = "MPGUIDE_ENVS_DIR"
_COMPLETE = "mpguide-environment.json"
_INSTALL_TIMEOUT = 900
_MAKING_AT_ONCE = 4
"""Environments made at once: about as many as the downloads and compiles keep the cores busy."""
_LIST_PACKAGES = (
    "import json, importlib.metadata as m; "
    "print(json.dumps(sorted({d.metadata['Name']: d.version for d in m.distributions()}.items())))"
)


@dataclass(frozen=True)
class ScriptEnvironment:
    """A virtual environment with an example's dependencies, for one interpreter."""

    path: Path
    command: str
    """What runs its Python: ``PATH/bin/python``, or a wrapper of it."""
    packages: dict[str, str] = field(default_factory=dict, compare=False)
    """Every distribution installed, name to version."""
    problem: str = ""
    """Why it could not be made; ``""`` when it was."""

    def program(self, word: str) -> list[str]:
        """How to run the command *word* its packages installed (``dask``): with its Python."""
        script = self.path / "bin" / word
        if word == "python":
            return [self.command]
        return [self.command, str(script)]


def envs_dir() -> Path:
    """Where environments are kept: ``MPGUIDE_ENVS_DIR`` or the user's cache."""
    configured = os.environ.get(ENVS_VARIABLE)
    if configured:
        return Path(configured)
    cache = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(cache) / "mpguide" / "envs"


def _key(interpreter: Interpreter, dependencies: tuple[str, ...]) -> str:
    what = [interpreter.command, interpreter.name, *sorted(dependencies)]
    return hashlib.sha256("\0".join(what).encode()).hexdigest()[:16]


def prepare(
    interpreter: Interpreter,
    script: ScriptMetadata,
    *,
    folder: Path | None = None,
    log: Callable[[str], None] | None = None,
) -> ScriptEnvironment:
    """The environment of *script*'s dependencies for *interpreter*: reused, or made now.

    Several checkers may ask at once (the tests' workers): one makes it, the others wait for it.
    """
    base = folder or envs_dir()
    path = base / f"{interpreter.feature}-{_key(interpreter, script.dependencies)}"
    base.mkdir(parents=True, exist_ok=True)
    with _locked(base / f"{path.name}.lock"):
        ready = _read(path)
        if ready is not None:
            return ready
        if log is not None:
            log(f"making an environment for {interpreter.name}: {', '.join(script.dependencies)}")
        shutil.rmtree(path, ignore_errors=True)  # what an interrupted attempt left
        problem = _make(interpreter, script.dependencies, path)
        if problem:
            shutil.rmtree(path, ignore_errors=True)
            return ScriptEnvironment(path, "", problem=problem)
        command = _command(interpreter, path)
        listed = _run([command, "-c", _LIST_PACKAGES], path.parent)
        if listed.returncode != 0:
            shutil.rmtree(path, ignore_errors=True)
            return ScriptEnvironment(path, "", problem=_why("listing its packages", listed))
        packages = dict(json.loads(listed.stdout))
        record = {"command": command, "packages": packages, "dependencies": script.dependencies}
        (path / _COMPLETE).write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
        return ScriptEnvironment(path, command, packages)


def with_environments(
    checks: Iterable[Check], *, log: Callable[[str], None] | None = None
) -> list[Check]:
    """*checks*, each example with dependencies given its environment for the check's interpreter.

    The environments still to make are made several at once: a cold start spends most of its
    time waiting for downloads, and each interpreter's installs are independent of the others'.
    """
    checks = list(checks)
    wanted: dict[tuple[str, tuple[str, ...]], tuple[Interpreter, ScriptMetadata]] = {}
    for check in checks:
        script = check.example.expectation.script
        if script is not None and script.dependencies:
            wanted.setdefault((check.interpreter.command, script.dependencies),
                              (check.interpreter, script))  # fmt: skip
    with ThreadPoolExecutor(max_workers=_MAKING_AT_ONCE) as pool:
        futures = {
            key: pool.submit(prepare, interpreter, script, log=log)
            for key, (interpreter, script) in wanted.items()
        }
        made = {key: future.result() for key, future in futures.items()}
    result = []
    for check in checks:
        script = check.example.expectation.script
        if script is None or not script.dependencies:
            result.append(check)
        else:
            key = (check.interpreter.command, script.dependencies)
            result.append(replace(check, environment=made[key]))
    return result


def _read(path: Path) -> ScriptEnvironment | None:
    """The environment recorded as complete at *path*, or ``None``."""
    try:
        record = json.loads((path / _COMPLETE).read_text(encoding="utf-8"))
        command = str(record["command"])
        packages = {str(k): str(v) for k, v in record["packages"].items()}
    except (OSError, ValueError, KeyError, AttributeError):
        return None
    return ScriptEnvironment(path, command, packages)


def _make(interpreter: Interpreter, dependencies: tuple[str, ...], path: Path) -> str:
    """Make the environment at *path*; return why it could not be made, or ``""``."""
    uv = _uv()
    without_pip = ["--without-pip"] if uv else []
    made = _run([interpreter.command, "-m", "venv", *without_pip, str(path)], path.parent)
    if made.returncode != 0:
        return _why(f"making a virtual environment with {interpreter.name}", made)
    command = _command(interpreter, path)
    if uv:
        install = [uv, "pip", "install", "--python", command, *dependencies]
    else:
        install = [command, "-m", "pip", "install", "--quiet", *dependencies]
    done = _run(install, path.parent)
    if done.returncode != 0:
        return _why(f"installing {', '.join(dependencies)} for {interpreter.name}", done)
    # Bytecode once, now, rather than by the first checks at once, each compiling the same
    # modules (dask's take seconds of CPU). A file that does not compile (a package's test data
    # in another Python's syntax) stays as it is: Python would not import it either.
    _run([command, "-m", "compileall", "-q", "-q", "-j", "0", str(path / "lib")], path.parent)
    return ""


def _uv() -> str | None:
    """uv: on ``PATH``, or the one the ``uv`` package (a dependency of mpguide) installed."""
    found = shutil.which("uv")
    if found is not None:
        return found
    try:
        from uv import find_uv_bin  # optional: pip works without it

        return str(find_uv_bin())
    except (ImportError, FileNotFoundError):
        return None


def _command(interpreter: Interpreter, path: Path) -> str:
    """What runs the environment's Python: its own, or a copy of the interpreter's wrapper."""
    python = path / "bin" / "python"
    wrapper = _wrapper_text(Path(interpreter.command), interpreter.executable)
    if wrapper is None:
        return str(python)
    own = path / "run-python"
    own.write_text(wrapper.replace(interpreter.executable, shlex.quote(str(python))))
    own.chmod(0o755)
    return str(own)


def _wrapper_text(command: Path, executable: str) -> str | None:
    """The text of *command* if it is a shell script that runs *executable*, else ``None``."""
    try:
        head = command.read_bytes()[:4096]
    except OSError:
        return None
    if not head.startswith(b"#!") or b"\0" in head:
        return None
    text = head.decode("utf-8", errors="replace")
    return text if re.search(rf"(?m)^exec .*{re.escape(executable)} \"\$@\"$", text) else None


def _run(argv: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    # Nothing of the caller's virtual environment or uv settings that would change what is made.
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"VIRTUAL_ENV", "UV_COMPILE_BYTECODE", "PYTHONPATH", "PYTHONHOME"}
    }
    env["UV_PYTHON_DOWNLOADS"] = "never"
    try:
        return subprocess.run(
            argv, cwd=cwd, env=env, capture_output=True, text=True, check=False,
            timeout=_INSTALL_TIMEOUT,
        )  # fmt: skip
    except subprocess.TimeoutExpired as exc:
        return subprocess.CompletedProcess(argv, 1, "", f"timed out after {exc.timeout:g} s")


def _why(what: str, done: subprocess.CompletedProcess[str]) -> str:
    lines = [line for line in (done.stderr or done.stdout).strip().splitlines() if line.strip()]
    detail = "\n".join(lines[-12:]) if lines else f"exit status {done.returncode}"
    return f"{what} failed:\n{detail}"


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    with path.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield

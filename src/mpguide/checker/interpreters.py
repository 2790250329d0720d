"""The Python interpreters examples are checked with: where they are found, and what each offers.

An interpreter is named by the command that runs it (``python3.13``, a path, or a wrapper such as
the ones ``scripts/get-pythons`` writes), and every check runs that command, never the executable
the interpreter reports: a wrapper may run it somewhere else (a chroot) where that path means
something else.

:func:`find_interpreters` looks for every supported CPython the way people have them installed:
``pythonX.Y`` on ``PATH``, pyenv's versions (activated or not), uv's managed Pythons, the folder
``scripts/get-pythons`` fills, and the commands listed in ``MPGUIDE_PYTHONS``.
Of several patch releases of one feature version, the newest is used; a free-threaded build
(``python3.14t``) counts as a feature version of its own.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tomllib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, metadata
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "OLDEST_CURRENT",
    "START_METHODS",
    "SUPPORTED_VERSIONS",
    "Candidate",
    "Interpreter",
    "InterpreterError",
    "candidate_commands",
    "feature_version",
    "find_interpreters",
    "interpreter_name",
    "missing_releases",
    "missing_versions",
    "probe",
    "version_key",
]

START_METHODS = ("fork", "spawn", "forkserver")
"""Every start method, in the order checks are reported."""


def _supported_versions() -> tuple[str, ...]:
    """The CPython feature versions the project supports: its ``Python :: 3.X`` classifiers.

    Read from the installed package, or from ``pyproject.toml`` in a source tree (the noxfile).
    """
    try:
        classifiers = metadata("mpguide").get_all("Classifier") or []
    except PackageNotFoundError:
        pyproject = Path(__file__).parents[3] / "pyproject.toml"
        classifiers = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["classifiers"]
    found = [c.rsplit("::", 1)[1].strip() for c in classifiers]
    return tuple(sorted((v for v in found if re.fullmatch(r"3\.\d+", v)), key=version_key))


def version_key(version: str) -> tuple[int, ...]:
    """Sort key for ``3.13.8`` or ``3.14t``: numerically, release by release."""
    return tuple(int(part) for part in re.findall(r"\d+", version))


SUPPORTED_VERSIONS = _supported_versions()
"""Feature versions the site is verified on, from the package's classifiers (``3.11`` ...)."""

OLDEST_CURRENT = {"3.13": "3.13.8", "3.14": "3.14.1"}
"""The oldest release of a feature version that the pages' claims hold on, where not its first.

3.13.8 and 3.14.1 changed what the forkserver does with ``__main__`` (gh-126631): the pages
describe those releases and later ones, and say what came before.
"""


def missing_releases(versions: Iterable[str]) -> list[str]:
    """The supported versions that *versions* (exact, ``3.13.18``) lack at a current release.

    Each as the releases wanted: ``3.13.8+`` where the pages describe later releases than the
    first, else the feature version (``3.15``).
    """
    versions = list(versions)
    missing = []
    for feature in SUPPORTED_VERSIONS:
        have = [v for v in versions if feature_version(v, free_threaded=False) == feature]
        oldest = OLDEST_CURRENT.get(feature, f"{feature}.0")
        if not have or max(version_key(v) for v in have) < version_key(oldest):
            missing.append(f"{oldest}+" if feature in OLDEST_CURRENT else feature)
    return missing


def missing_versions(found: list[Interpreter]) -> list[str]:
    """Why *found* does not cover every supported version at a current release, one line each."""
    problems = []
    for feature in SUPPORTED_VERSIONS:
        have = [i for i in found if i.feature == feature]
        oldest = OLDEST_CURRENT.get(feature, f"{feature}.0")
        if not have:
            problems.append(f"no CPython {feature} found")
        elif max(version_key(i.version) for i in have) < version_key(oldest):
            names = ", ".join(i.version for i in have)
            problems.append(f"CPython {feature} is {names}: the pages describe {oldest} and later")
    return problems


PYTHONS_VARIABLE = "MPGUIDE_PYTHONS"
"""Extra interpreter commands to consider, separated by ``os.pathsep``."""

_PROBE = """
import json, multiprocessing, platform, sys, sysconfig
print(json.dumps({
    "executable": sys.executable,
    "implementation": platform.python_implementation(),
    "version": platform.python_version(),
    "free_threaded": bool(sysconfig.get_config_var("Py_GIL_DISABLED")),
    "start_methods": multiprocessing.get_all_start_methods(),
    "default_start_method": multiprocessing.get_start_method(),
}))
"""


def interpreter_name(implementation: str, version: str, free_threaded: bool) -> str:
    """``CPython 3.13.0``, or ``CPython 3.13.0t`` for a free-threaded build."""
    return f"{implementation} {version}{'t' if free_threaded else ''}"


def feature_version(version: str, free_threaded: bool) -> str:
    """``3.13`` for 3.13.0 (``3.13t`` free-threaded)."""
    return ".".join(version.split(".")[:2]) + ("t" if free_threaded else "")


class InterpreterError(Exception):
    """An interpreter could not be found or run."""


@dataclass(frozen=True)
class Interpreter:
    """One Python interpreter, as it describes itself, and the command that runs it."""

    command: str
    """What checks run: the command as given (resolved on ``PATH``), wrappers included."""
    executable: str
    """``sys.executable`` as the interpreter reports it (informative only)."""
    implementation: str
    version: str
    free_threaded: bool
    start_methods: tuple[str, ...]
    default_start_method: str

    @property
    def name(self) -> str:
        """A short label such as ``CPython 3.13.0`` or ``CPython 3.13.0t``."""
        return interpreter_name(self.implementation, self.version, self.free_threaded)

    @property
    def feature(self) -> str:
        """``3.13`` (``3.13t`` free-threaded)."""
        return feature_version(self.version, self.free_threaded)

    @property
    def supported(self) -> bool:
        """Whether the site is verified on this interpreter's feature version."""
        base = self.feature.removesuffix("t")
        return self.implementation == "CPython" and base in SUPPORTED_VERSIONS


def probe(command: str) -> Interpreter:
    """Describe the interpreter *command* (a path or a name on ``PATH``) by running it once."""
    resolved = shutil.which(command) or command
    if not Path(resolved).is_file():
        msg = f"{command}: no such Python interpreter"
        raise InterpreterError(msg)
    try:
        done = subprocess.run(
            [resolved, "-c", _PROBE],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        if done.returncode != 0:
            why = (done.stderr.strip().splitlines() or [f"exit status {done.returncode}"])[0]
            msg = f"{command}: could not run it as a Python interpreter: {why}"
            raise InterpreterError(msg)
        data = json.loads(done.stdout)
    except (OSError, subprocess.SubprocessError, ValueError) as exc:
        msg = f"{command}: could not run it as a Python interpreter: {exc}"
        raise InterpreterError(msg) from exc
    data["start_methods"] = tuple(m for m in START_METHODS if m in data["start_methods"])
    return Interpreter(command=resolved, **data)


@dataclass(frozen=True)
class Candidate:
    """A command that may be a supported interpreter, where it came from, and what it turned out to be."""

    command: str
    source: str
    interpreter: Interpreter | None = None
    problem: str | None = None


def _data_home() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def _cache_home() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")


def candidate_commands() -> list[tuple[str, str]]:
    """Every command that may run a supported CPython, with where it was found, best source first."""
    names = [f"python{v}{t}" for v in SUPPORTED_VERSIONS for t in ("", "t")]
    found: list[tuple[str, str]] = []
    for command in filter(None, os.environ.get(PYTHONS_VARIABLE, "").split(os.pathsep)):
        found.append((command, PYTHONS_VARIABLE))
    folders = [(Path(p), "PATH") for p in os.environ.get("PATH", os.defpath).split(os.pathsep)]
    get_pythons = os.environ.get("MPGUIDE_PYTHONS_DIR") or _cache_home() / "mpguide" / "pythons"
    folders.append((Path(get_pythons) / "bin", "scripts/get-pythons"))
    pyenv = Path(os.environ.get("PYENV_ROOT") or Path.home() / ".pyenv") / "versions"
    folders += [(p / "bin", "pyenv") for p in sorted(pyenv.glob("3.*"))]
    uv = Path(os.environ.get("UV_PYTHON_INSTALL_DIR") or _data_home() / "uv" / "python")
    folders += [(p / "bin", "uv") for p in sorted(uv.glob("cpython-3.*"))]
    for folder, source in folders:
        found += [(str(folder / n), source) for n in names if (folder / n).is_file()]
    unique: dict[str, str] = {}
    for command, source in found:
        unique.setdefault(command, source)
    return list(unique.items())


def find_interpreters() -> tuple[list[Interpreter], list[Candidate]]:
    """Return the newest interpreter of each supported feature version found, and every candidate.

    Candidates that do not run (a pyenv shim for a version that is not activated), that are not
    CPython, or that are older patch releases than another one found are kept in the second list with
    the reason, for ``mpguide-check pythons``.
    """
    commands = candidate_commands()
    with ThreadPoolExecutor(max_workers=8) as pool:
        candidates = list(pool.map(_examine, commands))
    best: dict[str, Candidate] = {}
    for candidate in candidates:
        found = candidate.interpreter
        if found is None or not found.supported:
            continue
        current = best.get(found.feature)
        if current is None or version_key(found.version) > version_key(
            current.interpreter.version if current.interpreter else ""
        ):
            best[found.feature] = candidate
    chosen = {id(c) for c in best.values()}
    report = []
    for candidate in candidates:
        if id(candidate) in chosen or candidate.problem is not None:
            report.append(candidate)
        elif candidate.interpreter is not None and not candidate.interpreter.supported:
            report.append(_with_problem(candidate, "not a supported CPython"))
        elif candidate.interpreter is not None:
            newer = best[candidate.interpreter.feature].interpreter
            assert newer is not None  # noqa: S101 - chosen candidates ran
            report.append(_with_problem(candidate, f"{newer.name} is newer"))
    interpreters = sorted(
        (c.interpreter for c in best.values() if c.interpreter is not None),
        key=lambda i: (version_key(i.feature), i.free_threaded),
    )
    return interpreters, report


def _examine(item: tuple[str, str]) -> Candidate:
    command, source = item
    try:
        return Candidate(command, source, probe(command))
    except InterpreterError as exc:
        return Candidate(command, source, problem=str(exc).removeprefix(f"{command}: "))


def _with_problem(candidate: Candidate, problem: str) -> Candidate:
    return Candidate(candidate.command, candidate.source, candidate.interpreter, problem)

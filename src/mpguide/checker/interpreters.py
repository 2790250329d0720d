"""The Python interpreters examples are checked with, and what each of them offers."""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "START_METHODS",
    "Interpreter",
    "InterpreterError",
    "feature_version",
    "interpreter_name",
    "probe",
]

START_METHODS = ("fork", "spawn", "forkserver")
"""Every start method, in the order checks are reported."""

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
    """``3.13`` for 3.13.0 (``3.13t`` free-threaded): what the site says it was verified on."""
    return ".".join(version.split(".")[:2]) + ("t" if free_threaded else "")


class InterpreterError(Exception):
    """An interpreter could not be found or run."""


@dataclass(frozen=True)
class Interpreter:
    """One Python interpreter, as it describes itself."""

    executable: str
    implementation: str
    version: str
    free_threaded: bool
    start_methods: tuple[str, ...]
    default_start_method: str

    @property
    def name(self) -> str:
        """A short label such as ``CPython 3.13.0`` or ``CPython 3.13.0t``."""
        return interpreter_name(self.implementation, self.version, self.free_threaded)


def probe(command: str) -> Interpreter:
    """Describe the interpreter *command* (a path or a name on ``PATH``) by running it once.

    The probe runs in the caller's environment, so that launchers such as pyenv's shims resolve;
    checks then run the real executable it reports.
    """
    executable = shutil.which(command) or command
    if not Path(executable).is_file():
        msg = f"{command}: no such Python interpreter"
        raise InterpreterError(msg)
    try:
        done = subprocess.run(
            [executable, "-c", _PROBE],
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        data = json.loads(done.stdout)
    except (OSError, subprocess.SubprocessError, ValueError) as exc:
        msg = f"{command}: could not run it as a Python interpreter: {exc}"
        raise InterpreterError(msg) from exc
    data["start_methods"] = tuple(m for m in START_METHODS if m in data["start_methods"])
    return Interpreter(**data)

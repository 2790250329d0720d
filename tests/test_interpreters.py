"""Finding interpreters the way people have them, and running the command that was named."""

from __future__ import annotations

import json
import stat
import sys
from typing import TYPE_CHECKING

import pytest

from mpguide.checker.interpreters import (
    OLDEST_CURRENT,
    SUPPORTED_VERSIONS,
    Interpreter,
    find_interpreters,
    missing_versions,
    probe,
)

if TYPE_CHECKING:
    from pathlib import Path

    from conftest import ExampleProject


def _fake_python(path: Path, version: str, *, free_threaded: bool = False) -> Path:
    """A program that answers the checker's probe as CPython *version* would."""
    answer = {
        "executable": f"/opt/python{version}/bin/python3",
        "implementation": "CPython",
        "version": version,
        "free_threaded": free_threaded,
        "start_methods": ["fork", "spawn", "forkserver"],
        "default_start_method": "forkserver",
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"#!/bin/sh\necho '{json.dumps(answer)}'\n")
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return path


@pytest.fixture
def machine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home with nothing installed: empty PATH, pyenv, uv and get-pythons folders."""
    for name in ("PATH", "MPGUIDE_PYTHONS", "PYENV_ROOT", "UV_PYTHON_INSTALL_DIR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("MPGUIDE_PYTHONS_DIR", raising=False)
    return tmp_path


def test_finds_every_source_and_keeps_the_newest_patch(
    machine: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every source is searched; of two 3.13s the newer is used; a free-threaded build is apart.

    The sources: PATH, pyenv (activated or not), uv, get-pythons and MPGUIDE_PYTHONS.
    """
    _fake_python(machine / "bin" / "python3.11", "3.11.2")
    _fake_python(machine / ".pyenv/versions/3.12.1/bin/python3.12", "3.12.1")
    _fake_python(machine / ".pyenv/versions/3.13.0/bin/python3.13", "3.13.0")
    _fake_python(machine / "cache/mpguide/pythons/bin/python3.13", "3.13.18")
    _fake_python(machine / "data/uv/python/cpython-3.14.10-linux/bin/python3.14", "3.14.10")
    _fake_python(machine / "data/uv/python/cpython-3.14.10-linux/bin/python3.14t", "3.14.10",
                 free_threaded=True)  # fmt: skip
    listed = _fake_python(machine / "elsewhere" / "py315", "3.15.2")
    monkeypatch.setenv("MPGUIDE_PYTHONS", str(listed))
    found, candidates = find_interpreters()
    assert [i.name for i in found] == [
        "CPython 3.11.2",
        "CPython 3.12.1",
        "CPython 3.13.18",
        "CPython 3.14.10",
        "CPython 3.14.10t",
        "CPython 3.15.2",
    ]
    assert found[2].command == str(machine / "cache/mpguide/pythons/bin/python3.13")
    skipped = {c.command: c.problem for c in candidates if c.problem}
    old = str(machine / ".pyenv/versions/3.13.0/bin/python3.13")
    assert skipped == {old: "CPython 3.13.18 is newer"}


def test_a_shim_that_cannot_run_is_reported_not_used(machine: Path) -> None:
    """A pyenv shim for a version that is not activated fails to run: reported with its words."""
    shim = machine / "bin" / "python3.12"
    shim.parent.mkdir(parents=True)
    shim.write_text("#!/bin/sh\necho 'pyenv: python3.12: command not found' >&2\nexit 127\n")
    shim.chmod(0o755)
    found, candidates = find_interpreters()
    assert found == []
    assert [c.problem for c in candidates] == [
        "could not run it as a Python interpreter: pyenv: python3.12: command not found"
    ]


def test_checks_run_the_command_given(project: ExampleProject, tmp_path: Path) -> None:
    """A wrapper named with --python runs the examples itself, not the executable it reports."""
    wrapper = tmp_path / "wrapped-python"
    wrapper.write_text(f'#!/bin/sh\nMPGUIDE_WRAPPED=yes exec {sys.executable} "$@"\n')
    wrapper.chmod(0o755)
    assert probe(str(wrapper)).command == str(wrapper)
    project.add("wrapped.py", 'import os\nprint(os.environ.get("MPGUIDE_WRAPPED"))\n', "yes\n")
    done = project.cli("check", "--python", str(wrapper), "-m", "spawn")
    assert done.returncode == 0, done.stdout + done.stderr


def _cpython(version: str, *, free_threaded: bool = False) -> Interpreter:
    return Interpreter(
        f"python{version}", f"/usr/bin/python{version}", "CPython", version, free_threaded,
        ("fork", "spawn", "forkserver"), "forkserver",
    )  # fmt: skip


def test_missing_versions_name_what_is_absent_or_too_old() -> None:
    """Every supported version must be there at a release the pages describe (3.13.8+, 3.14.1+)."""
    current = [
        _cpython(f"{v}.{OLDEST_CURRENT.get(v, v + '.0').split('.')[2]}") for v in SUPPORTED_VERSIONS
    ]
    assert missing_versions(current) == []
    old = [i for i in current if i.feature != "3.13"] + [_cpython("3.13.0")]
    assert missing_versions(old) == ["CPython 3.13 is 3.13.0: the pages describe 3.13.8 and later"]
    free_threaded_only = [i for i in current if i.feature != "3.14"] + [
        _cpython("3.14.10", free_threaded=True)
    ]
    assert missing_versions(free_threaded_only) == ["no CPython 3.14 found"]

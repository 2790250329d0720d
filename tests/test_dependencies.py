"""Examples with dependencies (PEP 723 blocks) and servers given as commands."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

from mpguide.checker.dependencies import DependencyError, read_script_metadata

if TYPE_CHECKING:
    from pathlib import Path

    from conftest import ExampleProject

SIX = """\
# /// script
# requires-python = ">=3.11"
# dependencies = [
#   "six>=1.16",
# ]
# ///
\"\"\"Uses a package from PyPI.\"\"\"

import six

if __name__ == "__main__":
    print("six", "is" if six.PY3 else "is not", "on Python 3")
"""


def test_script_block_is_read(tmp_path: Path) -> None:
    """The block's dependencies and requires-python are read as PEP 723 says."""
    path = tmp_path / "x.py"
    path.write_text(SIX)
    metadata = read_script_metadata(path)
    assert metadata is not None
    assert metadata.dependencies == ("six>=1.16",)
    assert metadata.requires_python == ">=3.11"
    assert metadata.names == ("six",)
    path.write_text('"""No block."""\n')
    assert read_script_metadata(path) is None


@pytest.mark.parametrize(
    ("text", "cause"),
    [
        ("# /// script\n# dependencies = [\n", "never ends"),
        ("# /// script\n# dependencies = [1]\n# ///\n", "must be a list of strings"),
        ("# /// script\n# dependencies = ['a'\n# ///\n", "not valid TOML"),
        ("# /// script\n# depends = []\n# ///\n", "unknown key(s) in its '# /// script' block"),
        ("# /// script\n# requires-python = 3.11\n# ///\n", '"requires-python"'),
        ("# /// script\n#\n# ///\nx = 1\n# /// script\n#\n# ///\n", "2 '# /// script' blocks"),
    ],
)
def test_bad_script_block_names_file_and_cause(tmp_path: Path, text: str, cause: str) -> None:
    """A malformed block is an error that names the file and what is wrong."""
    path = tmp_path / "bad.py"
    path.write_text(text)
    with pytest.raises(DependencyError, match=r"bad\.py") as raised:
        read_script_metadata(path)
    assert cause in str(raised.value)


def test_example_with_dependencies_runs_in_its_environment(
    project: ExampleProject, tmp_path: Path
) -> None:
    """An environment is made once with the packages, reused, and its versions are reported."""
    project.add("six_user.py", SIX, "six is on Python 3\n")
    envs = tmp_path / "envs"
    report = tmp_path / "report.json"
    args = ("check", "-m", "spawn", "--report", str(report))
    env = {"MPGUIDE_ENVS_DIR": str(envs)}
    first = project.cli_with(env, *args)
    assert first.returncode == 0, first.stdout + first.stderr
    assert "making an environment for CPython" in first.stdout
    records = json.loads(report.read_text())["checks"]
    assert [r["packages"]["six"] for r in records] == [r["packages"]["six"] for r in records]
    assert records[0]["packages"]["six"].startswith("1.")
    again = project.cli_with(env, *args, "--reuse")
    assert again.returncode == 0, again.stdout + again.stderr
    assert "making an environment" not in again.stdout
    assert "checking 0 runs" in again.stdout
    assert project.processes() == []


def test_dependencies_that_do_not_install_skip_with_the_reason(
    project: ExampleProject, tmp_path: Path
) -> None:
    """A package that does not exist: the checks are not run, and the report says why."""
    code = SIX.replace('"six>=1.16"', '"mpguide-no-such-package-anywhere"')
    project.add("missing.py", code, "six is on Python 3\n")
    report = tmp_path / "report.json"
    envs = {"MPGUIDE_ENVS_DIR": str(tmp_path / "envs")}
    done = project.cli_with(envs, "check", "-m", "spawn", "--report", str(report))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "skip missing.py" in done.stdout
    assert "its dependencies do not install on CPython" in done.stdout
    assert "mpguide-no-such-package-anywhere" in done.stdout
    (record,) = json.loads(report.read_text())["checks"]
    assert record["skipped"].startswith("its dependencies do not install")
    assert list((tmp_path / "envs").glob("*/bin")) == []  # nothing half-made is kept


def test_requires_python_limits_the_versions(project: ExampleProject) -> None:
    """An interpreter outside requires-python is not planned at all."""
    project.add("future.py", SIX.replace(">=3.11", ">=3.99"), "six is on Python 3\n")
    done = project.cli("check", "-m", "spawn")
    assert "checking 0 runs" in done.stdout, done.stdout + done.stderr


HTTP_CLIENT = """\
\"\"\"Fetches a page from the server started before it.\"\"\"

import os
import urllib.request

if __name__ == "__main__":
    with urllib.request.urlopen(os.environ["SITE"]) as response:
        print(response.status, "Directory listing" in response.read().decode())
"""


def test_servers_given_as_commands_start_in_order_and_stop(project: ExampleProject) -> None:
    """Two servers on free ports, the client between them, both stopped by Ctrl-C."""
    project.add("fetch.py", HTTP_CLIENT, "200 True\n")
    project.options(
        """
        ["fetch.py"]
        env = { SITE = "http://127.0.0.1:{web}" }

        [["fetch.py".servers]]
        name = "other"
        command = "python -m http.server {other} --bind 127.0.0.1"

        [["fetch.py".servers]]
        name = "web"
        command = "python -m http.server {web} --bind 127.0.0.1 --directory ."
        port = 8000
        """
    )
    done = project.cli("check", "-m", "fork")
    assert done.returncode == 0, done.stdout + done.stderr
    assert project.processes() == []
    project.options(
        """
        ["fetch.py"]
        env = { SITE = "http://127.0.0.1:{web}" }

        [["fetch.py".servers]]
        name = "web"
        command = "python -c 'raise SystemExit(3)' {web}"
        """
    )
    done = project.cli("check", "-m", "fork")
    assert done.returncode == 1
    assert "server web: the server exited with status 3 before accepting connections" in (
        done.stdout
    )
    assert project.processes() == []


def test_servers_must_be_declared_well(project: ExampleProject) -> None:
    """An unknown placeholder, a missing dependency for a command: named before anything runs."""
    project.add("fetch.py", HTTP_CLIENT, "200 True\n")
    project.options(
        """
        ["fetch.py"]
        env = { SITE = "http://127.0.0.1:{nowhere}" }

        [["fetch.py".servers]]
        name = "web"
        command = "python -m http.server {web}"
        """
    )
    done = project.cli("check")
    assert done.returncode == 2
    assert "{nowhere}" in done.stderr and "names no server" in done.stderr
    project.options(
        """
        ["fetch.py"]
        [["fetch.py".servers]]
        name = "web"
        command = "dask scheduler --port {web}"
        """
    )
    done = project.cli("check")
    assert done.returncode != 0
    assert "runs 'dask', which only a dependency can install" in done.stdout + done.stderr

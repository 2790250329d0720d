"""The tools beside the package: ``tools/repeat.py`` and ``tools/soak.py``, run as an author runs them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import ROOT, ExampleProject
from mpguide.checker.interpreters import probe

REPEAT = ROOT / "tools" / "repeat.py"


def _repeat(project: ExampleProject, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(REPEAT), sys.executable, *args, "--examples", str(project.examples),
         "--at-once", "2", "--load", "0"],  # no busy loops: other tests run beside these
        capture_output=True, text=True, env=project.environment(), timeout=120, check=False,
    )  # fmt: skip


def test_repeat_shows_where_each_process_of_a_hung_run_was_stuck(
    project: ExampleProject, tmp_path: Path
) -> None:
    """Each run that hung is named, its log has every Python process's stack, nothing is left."""
    project.add(
        "stuck.py",
        """\
        import multiprocessing
        import time

        if __name__ == "__main__":
            worker = multiprocessing.Process(target=time.sleep, args=(300,))
            worker.start()
            worker.join()
        """,
    )
    logs = tmp_path / "logs"
    # 10 s: time enough, beside the other tests, for the program to reach worker.join()
    done = _repeat(project, "stuck.py", "--runs", "2", "--timeout", "10", "--logs", str(logs))
    assert done.returncode == 1, done.stdout + done.stderr
    assert "2 of 2 runs failed or hung" in done.stdout
    assert "run 1: hung (10 s)" in done.stdout
    log = (logs / "run-1.log").read_text()
    assert "launch.py spawn" in log  # the listed processes
    assert log.count("Fatal Python error: Aborted") >= 2  # the program and its worker, at least
    assert 'stuck.py", line 7 in <module>' in log  # where the program waited: worker.join()


def test_repeat_keeps_nothing_when_every_run_passes(project: ExampleProject) -> None:
    """Runs that pass leave no log; a failing exit status counts as a failure."""
    project.add("fine.py", "print('fine')\n", "fine\n")
    project.add("fails.py", "raise SystemExit(3)\n", "")
    passed = _repeat(project, "fine.py", "--runs", "3", "--method", "forkserver")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "0 of 3 runs failed or hung" in passed.stdout
    failed = _repeat(project, "fails.py", "--runs", "1")
    assert failed.returncode == 1
    assert "run 1: exited 3" in failed.stdout


def test_repeat_names_a_missing_example(project: ExampleProject) -> None:
    """An example that is not there is an error naming it, before anything runs."""
    done = _repeat(project, "nowhere.py")
    assert done.returncode == 1
    assert "nowhere.py: no such example" in done.stderr


SOAK = ROOT / "tools" / "soak.py"


def test_soak_counts_failures_per_example_across_rounds(project: ExampleProject) -> None:
    """Each failed check is shown with its diff and counted per check and per example.

    A cold first round (its own environments folder and uv cache) is said to be cold.
    """
    project.add("fine.py", "print('fine')\n", "fine\n")
    project.add("wrong.py", "print('actual')\n", "expected\n")
    cache = project.examples / "__pycache__"
    cache.mkdir()
    done = subprocess.run(
        [sys.executable, str(SOAK), sys.executable, "--docs", str(project.docs),
         "--examples", str(project.examples), "--rounds", "2", "--cold", "1", "--load", "0",
         "--jobs", "2"],
        capture_output=True, text=True, env=project.environment(), timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 1, done.stdout + done.stderr
    out = done.stdout
    assert "round 1 (cold): 3 passed, 3 failed" in out
    assert "round 2: 3 passed, 3 failed" in out
    assert "+actual" in out and "-expected" in out
    assert "soak: 6 failures in 12 checks over 2 rounds" in out
    assert "  6 x wrong.py:" in out
    assert "fine.py" not in out.split("soak: 6 failures")[1]
    for method in ("fork", "spawn", "forkserver"):
        assert f"      2 x wrong.py [{project_python()}, {method}]" in out
    assert not cache.exists()  # removed before the cold round


def project_python() -> str:
    """The checker's name for the Python running the tests (``CPython 3.13.0``)."""
    return probe(sys.executable).name

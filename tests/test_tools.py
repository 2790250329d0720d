"""The tools beside the package: ``tools/repeat.py``, run as an author runs it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import ROOT, ExampleProject

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

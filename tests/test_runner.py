"""Running one program in its own process group: capture, timeouts, cleanup."""

from __future__ import annotations

import sys
import textwrap
import time
from pathlib import Path
from typing import TYPE_CHECKING

from conftest import alive
from mpguide.checker.environment import example_environment
from mpguide.checker.runner import RunLimits, group_members, own_cgroups, run_program

if TYPE_CHECKING:
    import subprocess


def _script(tmp_path: Path, code: str) -> list[str]:
    path = tmp_path / "prog.py"
    path.write_text(textwrap.dedent(code), encoding="utf-8")
    return [sys.executable, str(path)]


def test_stdout_is_a_terminal_and_line_buffered(tmp_path: Path) -> None:
    """The program sees a terminal, so a line printed before a hard exit is not lost."""
    argv = _script(
        tmp_path,
        """
        import os, sys
        print("isatty", sys.stdout.isatty())
        print("before the hard exit")
        os._exit(0)
        """,
    )
    run = run_program(argv, env=example_environment(), cwd=tmp_path)
    assert run.stdout == b"isatty True\nbefore the hard exit\n"
    assert run.returncode == 0


def test_stderr_is_captured_apart(tmp_path: Path) -> None:
    """Standard error is kept apart from standard output, with the traceback of a failure."""
    argv = _script(tmp_path, "print('out')\nraise ValueError('boom')\n")
    run = run_program(argv, env=example_environment(), cwd=tmp_path)
    assert run.stdout == b"out\n"
    assert b"ValueError: boom" in run.stderr
    assert b"Traceback" in run.stderr
    assert run.returncode == 1


def test_environment_is_not_inherited(tmp_path: Path, monkeypatch: object) -> None:
    """PYTHONUNBUFFERED and friends from the calling shell do not reach the example."""
    import os

    os.environ["PYTHONUNBUFFERED"] = "1"
    os.environ["PYTHONWARNINGS"] = "error"
    try:
        argv = _script(
            tmp_path,
            "import os\nprint(sorted(k for k in os.environ if k.startswith('PYTHON')))\n",
        )
        run = run_program(argv, env=example_environment(), cwd=tmp_path)
    finally:
        del os.environ["PYTHONUNBUFFERED"], os.environ["PYTHONWARNINGS"]
    assert run.stdout == b"[]\n"


def test_hanging_pool_is_killed_with_all_its_workers(tmp_path: Path) -> None:
    """On timeout the whole group goes: the program, its pool workers, their helpers."""
    argv = _script(
        tmp_path,
        """
        import time
        from multiprocessing import Pool

        def forever(x):
            time.sleep(600)

        if __name__ == "__main__":
            with Pool(3) as pool:
                pool.map(forever, range(3))
        """,
    )
    seen: list[int] = []

    def count_members(proc: subprocess.Popen[bytes]) -> None:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            members = group_members(proc.pid)
            if len(members) >= 4:  # the program and its 3 workers at least
                seen.extend(members)
                return
            time.sleep(0.05)

    run = run_program(
        argv,
        env=example_environment(),
        cwd=tmp_path,
        limits=RunLimits(timeout=5),
        interact=count_members,
    )
    assert run.timed_out
    assert run.returncode is None
    assert len(seen) >= 4
    assert group_members(run.pgid) == []
    assert [pid for pid in seen if alive(pid)] == []


def test_leftover_grandchild_is_reported_and_killed(tmp_path: Path) -> None:
    """A process the program leaves behind is named, killed, and not waited for to the timeout."""
    argv = _script(
        tmp_path,
        """
        import subprocess, sys
        child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"],
                                 stdout=subprocess.DEVNULL)
        print(child.pid, flush=True)
        """,
    )
    run = run_program(
        argv, env=example_environment(), cwd=tmp_path, limits=RunLimits(timeout=60, grace=1)
    )
    orphan = int(run.stdout.split()[0])
    assert run.leftovers == (orphan,)
    assert not alive(orphan)
    assert group_members(run.pgid) == []


def test_huge_output_is_cut_off(tmp_path: Path) -> None:
    """Output past the limit is cut off and the program killed, instead of filling memory."""
    argv = _script(tmp_path, "import sys\nwhile True:\n    sys.stdout.write('x' * 65536)\n")
    run = run_program(
        argv, env=example_environment(), cwd=tmp_path, limits=RunLimits(max_output=100_000)
    )
    assert run.truncated
    assert len(run.stdout) == 100_000
    assert group_members(run.pgid) == []


def test_killed_example_leaves_no_semaphore_behind(tmp_path: Path) -> None:
    """On timeout the resource tracker outlives the rest long enough to unlink what they leaked."""
    argv = _script(
        tmp_path,
        """
        import multiprocessing, time

        if __name__ == "__main__":
            multiprocessing.set_start_method("spawn")
            lock = multiprocessing.Lock()
            print(lock._semlock.name, flush=True)
            time.sleep(600)
        """,
    )
    run = run_program(argv, env=example_environment(), cwd=tmp_path, limits=RunLimits(timeout=10))
    assert run.timed_out
    printed = run.stdout.decode().split()
    assert printed, "the program was killed before it made its semaphore: a busy machine?"
    name = printed[0]
    assert not Path(f"/dev/shm/sem.{name.lstrip('/')}").exists()  # noqa: S108 - where POSIX semaphores live
    assert group_members(run.pgid) == []


def test_cpu_of_every_process_of_the_run_is_counted(tmp_path: Path) -> None:
    """The run's CPU seconds include a child's, where runs get a cgroup; else they are unknown."""
    argv = _script(
        tmp_path,
        """
        import multiprocessing, time

        def burn():
            while time.process_time() < 0.5:
                pass

        if __name__ == "__main__":
            child = multiprocessing.get_context("spawn").Process(target=burn)
            child.start()
            child.join()
        """,
    )
    run = run_program(argv, env=example_environment(), cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    if not own_cgroups():
        assert run.cpu is None
    else:
        assert run.cpu is not None
        assert run.cpu >= 0.5

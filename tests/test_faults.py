"""The checker under faults: each broken example is named with its cause, the others still run.

Every test here uses a deliberately broken example in a temporary project (never shipped in the
docs); the ``project`` fixture then proves that nothing the checker started is still running.
"""

from __future__ import annotations

import re
import signal
import subprocess
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from conftest import alive
from mpguide.checker.runner import DEV_SHM, _cgroup_base, _private_shm_prefix
from mpguide.checker.suite import LAUNCHER

if TYPE_CHECKING:
    from conftest import ExampleProject

GOOD = "print('fine')\n"


def _check(project: ExampleProject, *args: str) -> subprocess.CompletedProcess[str]:
    """Add one good example beside the broken ones, and check everything under spawn."""
    project.add("good.py", GOOD, "fine\n")
    return project.cli("check", "-m", "spawn", "--timeout", "10", *args)


def _failure(done: subprocess.CompletedProcess[str], example: str) -> str:
    """What the checker printed about *example*'s failed check (and make sure it failed)."""
    assert done.returncode == 1, done.stdout + done.stderr
    assert f"FAIL {example} [CPython" in done.stdout, done.stdout
    assert "1 passed, 1 failed" in done.stdout.splitlines(), done.stdout
    assert f"failed: {example} [CPython" in done.stdout
    return done.stdout.split(f"FAIL {example}", 1)[1]


def test_syntax_error(project: ExampleProject) -> None:
    """A syntax error is reported with the file and the line."""
    project.add("broken.py", "print('unclosed'\n", "unclosed\n")
    failure = _failure(_check(project), "broken.py")
    assert "SyntaxError" in failure
    assert "broken.py" in failure


def test_exception_in_the_parent(project: ExampleProject) -> None:
    """An uncaught exception shows its traceback from the example's own frames, and the status."""
    project.add("raises.py", "def main():\n    raise ValueError('bad input')\nmain()\n", "")
    failure = _failure(_check(project), "raises.py")
    assert "exited with status 1, expected 0" in failure
    assert "ValueError: bad input" in failure
    assert 'raises.py", line 2, in main' in failure
    assert "launch.py" not in failure


def test_exception_in_a_child_process(project: ExampleProject) -> None:
    """A child process's traceback goes to standard error: the check fails and shows it."""
    code = """\
        import multiprocessing

        def work() -> None:
            raise RuntimeError("child failed")

        if __name__ == "__main__":
            p = multiprocessing.Process(target=work)
            p.start()
            p.join()
            print("done")
        """
    project.add("child.py", code, "done\n")
    failure = _failure(_check(project), "child.py")
    assert "printed output on standard error" in failure
    assert "RuntimeError: child failed" in failure


def test_exception_in_a_pool_worker(project: ExampleProject) -> None:
    """An exception in a pool worker comes back to the parent, which fails with it."""
    code = """\
        from multiprocessing import Pool

        def work(x: int) -> int:
            return 1 // x

        if __name__ == "__main__":
            with Pool(2) as pool:
                print(pool.map(work, [1, 0]))
        """
    project.add("pool_error.py", code, "[1, 0]\n")
    failure = _failure(_check(project), "pool_error.py")
    assert "ZeroDivisionError" in failure
    assert "exited with status 1" in failure


def test_pool_without_main_guard_hangs_and_is_killed(project: ExampleProject) -> None:
    """The original's Pool program (no __main__ guard) hangs under spawn: killed at the timeout."""
    code = """\
        from multiprocessing import Pool

        def square(x: int) -> int:
            return x * x

        pool = Pool(2)
        print(pool.map(square, [1, 2]))
        """
    project.add("no_guard.py", code, "[1, 4]\n")
    done = project.cli("check", "-m", "spawn", "--timeout", "5")
    assert done.returncode == 1
    assert "timed out after 5 s: killed its whole process group" in done.stdout


def test_grandchild_outliving_the_example(project: ExampleProject) -> None:
    """A process the example leaves behind is named and killed."""
    code = """\
        import subprocess, sys
        subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
        print("started")
        """
    project.add("orphan.py", code, "started\n")
    failure = _failure(_check(project), "orphan.py")
    assert "left 1 process(es) running after it exited" in failure


def test_output_on_stderr(project: ExampleProject) -> None:
    """Anything on standard error fails the check, even with the right output and status."""
    project.add("warns.py", "import sys\nprint('ok')\nprint('careful', file=sys.stderr)\n", "ok\n")
    failure = _failure(_check(project), "warns.py")
    assert "printed output on standard error:\n    careful" in failure


def test_expected_stderr_passes(project: ExampleProject) -> None:
    """Standard error an example expects (its .err file) is compared like its output."""
    path = project.add("warns.py", "import sys\nprint('careful', file=sys.stderr)\n", "")
    path.with_suffix(".err").write_text("careful\n")
    done = _check(project)
    assert done.returncode == 0, done.stdout + done.stderr


def test_leaked_resource_warning(project: ExampleProject) -> None:
    """A resource_tracker warning about leaked shared memory is a failure, named as such."""
    code = """\
        from multiprocessing import shared_memory

        if __name__ == "__main__":
            block = shared_memory.SharedMemory(create=True, size=16)
            block.close()
            print("forgot to unlink")
        """
    project.add("leak.py", code, "forgot to unlink\n")
    failure = _failure(_check(project), "leak.py")
    assert "printed a resource_tracker warning of leaked resources" in failure


def test_nonzero_exit(project: ExampleProject) -> None:
    """A non-zero exit status fails the check even when the output matches."""
    project.add("exits.py", "import sys\nprint('bye')\nsys.exit(3)\n", "bye\n")
    failure = _failure(_check(project), "exits.py")
    assert "exited with status 3, expected 0" in failure


def test_expected_exit_status(project: ExampleProject) -> None:
    """An example may expect a status (checks.toml ``returncode``)."""
    project.add("exits.py", "import sys\nprint('bye')\nsys.exit(3)\n", "bye\n")
    project.options('["exits.py"]\nreturncode = 3\n')
    assert _check(project).returncode == 0


def test_output_that_is_not_utf8(project: ExampleProject) -> None:
    """Bytes that are not UTF-8 are reported with their offset, not decoded into garbage."""
    project.add("binary.py", "import sys\nsys.stdout.buffer.write(b'ok \\xff\\n')\n", "ok ?\n")
    failure = _failure(_check(project), "binary.py")
    assert "standard output is not valid UTF-8: byte 0xff at offset 3" in failure


def test_output_too_large(project: ExampleProject) -> None:
    """Endless output is cut off and the example killed, instead of filling memory."""
    project.add("flood.py", "while True:\n    print('x' * 1000)\n", "x\n")
    failure = _failure(_check(project), "flood.py")
    assert "printed more than 1048576 bytes on one stream: cut off and killed" in failure


def test_output_that_differs(project: ExampleProject) -> None:
    """A different output is shown as a unified diff."""
    project.add("differs.py", "print('actual')\n", "expected\n")
    failure = _failure(_check(project), "differs.py")
    assert "-expected\n    +actual" in failure


def test_malformed_options_are_named(project: ExampleProject) -> None:
    """A bad checks.toml names the file and the cause."""
    project.add("good2.py", GOOD, "fine\n")
    project.options('["good2.py"]\nunordered = [[1, 9]]\n')
    done = _check(project)
    assert done.returncode == 1
    assert "good2.py: unordered range [1, 9] must be [first, last] line numbers" in done.stderr


def test_ctrl_c_stops_every_example(project: ExampleProject) -> None:
    """Ctrl-C (SIGINT) stops the checker and every example it started; nothing is left running."""
    code = """\
        import time
        from multiprocessing import Pool

        def forever(x: int) -> None:
            time.sleep(600)

        if __name__ == "__main__":
            with Pool(2) as pool:
                pool.map(forever, range(2))
        """
    for name in ("hang_a.py", "hang_b.py"):
        project.add(name, code, "")
    checker = subprocess.Popen(
        project.command("check", "--timeout", "300"),
        env=project.environment(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        # Wait until every check (2 examples x 3 methods) runs, each with its pool workers.
        while len(project.processes()) < 6 * 3 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert len(project.processes()) >= 6 * 3
        checker.send_signal(signal.SIGINT)
        _, err = checker.communicate(timeout=30)
    finally:
        if checker.poll() is None:  # the test failed: still stop everything (SIGTERM works too)
            checker.terminate()
            checker.communicate(timeout=30)
    assert checker.returncode == 130
    assert "interrupted: stopped 6 running example(s)" in err


LEAKS_A_SEMAPHORE = """\
    import _multiprocessing, os, time

    # A named semaphore no resource tracker knows of, as a worker killed between creating and
    # registering one would leave: only the run's own /dev/shm keeps it off the machine.
    _multiprocessing.SemLock(1, 1, 1, f"/mpguide-leak-{os.getpid()}", False)
    print("holding a named semaphore", flush=True)
    time.sleep(300)
    """


def test_a_killed_run_leaves_nothing_in_dev_shm(project: ExampleProject) -> None:
    """A run killed at its timeout leaves no named semaphore in the machine's /dev/shm.

    One no resource tracker knows of, as a worker killed between creating and registering it would
    leave, goes with the run's own /dev/shm; killed as expected, the run still passes.
    """
    if not _private_shm_prefix():
        pytest.skip("a private /dev/shm per run needs root and unshare")
    before = set(DEV_SHM.iterdir())
    project.add("leaky.py", LEAKS_A_SEMAPHORE, "holding a named semaphore\n")
    project.options('["leaky.py"]\ntimeout = 2\nkilled = true\n')
    done = project.cli("check", "-m", "fork")
    assert done.returncode == 0, done.stdout + done.stderr
    leaked = [p.name for p in set(DEV_SHM.iterdir()) - before if "mpguide-leak" in p.name]
    assert leaked == []


def test_shared_memory_nobody_unlinked_is_named(project: ExampleProject) -> None:
    """A block that outlives the program (its resource tracker told not to track it) fails the run."""
    if not _private_shm_prefix():
        pytest.skip("a private /dev/shm per run needs root and unshare")
    code = """\
        from multiprocessing import resource_tracker, shared_memory

        block = shared_memory.SharedMemory(name="mpguide_kept", create=True, size=16)
        resource_tracker.unregister(block._name, "shared_memory")
        block.close()
        print("created")
        """
    project.add("kept.py", code, "created\n")
    done = _check(project)
    assert "left 1 file(s) in /dev/shm (mpguide_kept)" in _failure(done, "kept.py")
    assert not (DEV_SHM / "mpguide_kept").exists()


@pytest.mark.parametrize(
    "escape",
    [
        "subprocess.Popen([sys.executable, '-c', SLEEP], start_new_session=True)",
        "subprocess.Popen([sys.executable, '-c', 'import os; os.setsid(); ' + SLEEP])",
        "subprocess.Popen([sys.executable, '-c', 'import os; os.setpgid(0, 0); ' + SLEEP])",
        "subprocess.Popen(['sleep', '300'], start_new_session=True, env={'PATH': '/bin:/usr/bin'})",
    ],
    ids=["start_new_session", "setsid", "setpgid", "setsid_and_a_new_environment"],
)
def test_a_process_that_left_the_group_is_named_and_killed(
    project: ExampleProject, escape: str
) -> None:
    """A process that leaves the run's process group is still found, named and killed.

    With a short --timeout, it is a leftover, not a timeout: the program itself ended at once.
    """
    code = f"""\
        import subprocess, sys
        SLEEP = "import time; time.sleep(300)"
        {escape}
        print("started")
        """
    project.add("escape.py", code, "started\n")
    project.add("good.py", GOOD, "fine\n")
    if "env=" in escape and _cgroup_base() is None:
        pytest.skip("a process that also drops the run's environment is found by its cgroup")
    done = project.cli("check", "-m", "fork", "--timeout", "3")
    failure = _failure(done, "escape.py")
    assert "left 1 process(es) running after it exited" in failure
    assert "timed out" not in failure
    pids = re.search(r"\(PIDs ([\d, ]+)\)", failure)
    assert pids is not None, failure
    assert not any(alive(int(pid)) for pid in pids[1].split(", "))


def test_a_long_failure_is_cut_and_the_whole_text_kept(project: ExampleProject) -> None:
    """A megabyte on stderr prints as its start and end, naming the file that has all of it."""
    project.add(
        "noisy.py",
        "import sys\nfor i in range(20000):\n    print(f'line {i}', file=sys.stderr)\n",
        "",
    )
    done = _check(project)
    failure = _failure(done, "noisy.py")
    assert len(done.stdout) < 10_000
    cut = re.search(r"\[\.\.\. (\d+) lines cut; the whole text is in (\S+)\]", failure)
    assert cut is not None, failure
    kept = Path(cut[2]).read_text(encoding="utf-8")
    assert "line 0\n" in kept
    assert "line 19999" in kept
    assert "line 19999" in failure  # the end is shown too


LAUNCH = str(LAUNCHER).encode()  # argv[1] of every example the checker runs


def _command_line(pid: int) -> bytes:
    """The command line of process *pid*, empty once it has gone."""
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def test_runs_of_a_checker_killed_outright_are_swept(project: ExampleProject) -> None:
    """A checker killed with SIGKILL cannot clean up: the next one kills what its runs left."""
    if _cgroup_base() is None:
        pytest.skip("runs are found after their checker died by their cgroup")
    # It prints nothing: a program that writes to the pipe of a checker that died gets SIGPIPE.
    project.add("hangs.py", "import time\ntime.sleep(300)\n", "")
    checker = subprocess.Popen(
        project.command("check", "-m", "fork"), env=project.environment(),
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while not any(_command_line(p).split(b"\0")[1:2] == [LAUNCH] for p in project.processes()):
        # Python running the example: not the shell that puts it in its cgroup, nor unshare (until
        # they exec Python, a process's environment may not be readable), nor the checker's probe.
        assert time.monotonic() < deadline, "the example never started"
        time.sleep(0.1)
    checker.kill()
    checker.wait()
    left = [p for p in project.processes() if p != checker.pid]
    assert left, "the example should outlive a checker killed outright"
    project.add("good.py", GOOD, "fine\n")
    (project.examples / "hangs.py").unlink()
    (project.docs / "page.md").write_text("# Page\n\n```{example} good.py\n```\n")
    done = project.cli("check", "-m", "fork")
    assert done.returncode == 0, done.stdout + done.stderr
    assert not any(alive(pid) for pid in left)

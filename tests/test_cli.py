"""``mpguide-check`` as an author uses it: list, check, update, and what it says when things break."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from typing import TYPE_CHECKING

from conftest import EXAMPLES

if TYPE_CHECKING:
    from conftest import ExampleProject

HELLO = """\
    import multiprocessing

    def greet(name: str) -> None:
        print(f"hello {name}, from {multiprocessing.current_process().name}", flush=True)

    if __name__ == "__main__":
        p = multiprocessing.Process(target=greet, args=("reader",), name="greeter")
        p.start()
        p.join()
        print(f"exit code {p.exitcode}")
    """
HELLO_OUT = "hello reader, from greeter\nexit code 0\n"


def test_list_names_each_example_and_its_pages(project: ExampleProject) -> None:
    """``list`` prints each included example with the page and line that include it."""
    project.add("hello.py", HELLO, HELLO_OUT)
    done = project.cli("list")
    assert done.returncode == 0
    assert done.stdout.split() == ["hello.py", "page.md:3"]


def test_check_passes_under_every_start_method(project: ExampleProject) -> None:
    """A correct example passes under fork, spawn and forkserver; the summary counts them."""
    project.add("hello.py", HELLO, HELLO_OUT)
    done = project.cli("check")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "3 passed, 0 failed" in done.stdout.splitlines()


def test_one_changed_character_fails_with_a_diff(project: ExampleProject) -> None:
    """Changing one character of the expected output fails the check with a clear diff."""
    project.add("hello.py", HELLO, HELLO_OUT.replace("reader", "Reader"))
    done = project.cli("check", "-m", "spawn")
    assert done.returncode == 1
    out = done.stdout
    assert "FAIL hello.py [CPython" in out
    assert ", spawn]" in out
    assert "--- hello.out (expected)" in out
    assert "+++ standard output (actual)" in out
    assert "-hello Reader, from greeter" in out
    assert "+hello reader, from greeter" in out
    assert "0 passed, 1 failed" in out.splitlines()


def test_one_file_and_one_method(project: ExampleProject) -> None:
    """Checks can be narrowed to one file (by path) and one start method."""
    path = project.add("hello.py", HELLO, HELLO_OUT)
    project.add("other.py", "print('other')\n", "other\n")
    done = project.cli("check", str(path), "-m", "fork")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 passed, 0 failed" in done.stdout.splitlines()
    assert "other.py" not in done.stdout


def test_update_rewrites_and_keeps_placeholders(project: ExampleProject) -> None:
    """``update`` writes the real output, keeping the ``...`` an author wrote where it still fits."""
    code = "import os\nprint(f'pid {os.getpid()}')\nprint('total 42')\n"
    path = project.add("pid.py", code, "pid ...\ntotal 41\n")
    done = project.cli("update", "-m", "spawn")
    assert done.returncode == 0, done.stdout + done.stderr
    assert path.with_suffix(".out").read_text() == "pid ...\ntotal 42\n"
    assert project.cli("check").returncode == 0


def test_update_creates_a_missing_expected_output(project: ExampleProject) -> None:
    """``update`` fills in an example's first expected output."""
    path = project.add("new.py", "print('fresh')\n", out=None)
    assert project.cli("check").returncode == 1
    done = project.cli("update")
    assert done.returncode == 0, done.stdout + done.stderr
    assert path.with_suffix(".out").read_text() == "fresh\n"


def test_missing_expected_output_is_an_error(project: ExampleProject) -> None:
    """An included example without expected output is named, and the others still run."""
    project.add("fine.py", "print('fine')\n", "fine\n")
    project.add("bare.py", "print('x')\n", out=None)
    done = project.cli("check", "-m", "fork")
    assert done.returncode == 1
    assert "bare.py: no expected output" in done.stderr
    assert "1 passed, 0 failed" in done.stdout.splitlines()


def test_example_on_no_page_is_an_error(project: ExampleProject) -> None:
    """An example file that no page includes is named."""
    project.add("fine.py", "print('fine')\n", "fine\n")
    project.add("lonely.py", "print('x')\n", "x\n", on_page=False)
    done = project.cli("check", "-m", "fork")
    assert done.returncode == 1
    assert "lonely.py: no page includes this example" in done.stderr


def test_page_including_a_missing_file_is_an_error(project: ExampleProject) -> None:
    """A page that includes a file that does not exist is named with its line."""
    project.add("fine.py", "print('fine')\n", "fine\n")
    project.include("ghost.py")
    done = project.cli("check", "-m", "fork")
    assert done.returncode == 1
    assert "page.md:6: includes ghost.py, which does not exist" in done.stderr
    assert "1 passed, 0 failed" in done.stdout.splitlines()


def test_report_records_every_check(project: ExampleProject) -> None:
    """The JSON report has one record per example and start method, with status and time."""
    import json

    project.add("hello.py", HELLO, HELLO_OUT)
    report = project.root / "report.json"
    assert project.cli("check", "--report", str(report)).returncode == 0
    data = json.loads(report.read_text())
    records = {(c["example"], c["start_method"]): c for c in data["checks"]}
    assert set(records) == {("hello.py", m) for m in ("fork", "spawn", "forkserver")}
    assert all(c["passed"] and c["duration"] > 0 for c in records.values())
    assert set(data["fingerprints"]) == {"hello.py"}


def test_a_real_example_fails_when_its_output_changes(project: ExampleProject) -> None:
    """A chapter 1 example, copied, passes; with one character of its .out changed, it fails."""
    for name in ("daemon.py", "daemon.out"):
        shutil.copy(EXAMPLES / "processes" / name, project.examples / name)
    project.include("daemon.py")
    assert project.cli("check", "-m", "spawn").returncode == 0
    out = project.examples / "daemon.out"
    out.write_text(out.read_text().replace("Exiting :", "Exiting:"))
    done = project.cli("check", "-m", "spawn")
    assert done.returncode == 1
    assert "-Exiting: non-daemon ..." in done.stdout


SERVER = """\
    import os, socket

    if __name__ == "__main__":
        with socket.create_server(("127.0.0.1", int(os.environ["MANAGER_PORT"]))) as server:
            print("serving", flush=True)
            try:
                while True:
                    conn, _ = server.accept()
                    with conn:
                        conn.sendall(conn.recv(100).upper())
            except KeyboardInterrupt:
                print("stopped by Ctrl-C")
    """
CLIENT = """\
    import os, socket

    with socket.create_connection(("127.0.0.1", int(os.environ["MANAGER_PORT"]))) as conn:
        conn.sendall(b"hello")
        print(conn.recv(100).decode())
    """


def test_server_pair_is_checked_and_updated(project: ExampleProject) -> None:
    """A client runs against a fresh server, stopped by Ctrl-C; update fills in both outputs."""
    server = project.add("server.py", SERVER, out=None)
    project.add("client.py", CLIENT, out=None)
    project.options('["client.py"]\nserver = "server.py"\n')
    done = project.cli("update", "-m", "spawn")
    assert done.returncode == 0, done.stdout + done.stderr
    assert server.with_suffix(".out").read_text() == "serving\nstopped by Ctrl-C\n"
    assert (project.examples / "client.out").read_text() == "HELLO\n"
    done = project.cli("check")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "3 passed, 0 failed" in done.stdout.splitlines()
    assert "server.py" not in done.stdout.replace("client.py", "")


def test_server_that_never_listens_is_reported(project: ExampleProject) -> None:
    """A server that exits before accepting connections fails its client's check, saying so."""
    project.add("server.py", "print('oops')\n", "oops\n")
    project.add("client.py", CLIENT, "HELLO\n")
    project.options('["client.py"]\nserver = "server.py"\n')
    done = project.cli("check", "-m", "fork")
    assert done.returncode == 1
    assert "server server.py: the server exited with status 0 before accepting connections" in (
        done.stdout
    )


VERSIONED = """\
    import sys

    print("new" if sys.version_info >= (3, 12) else "old")
    """


def test_an_outcome_is_chosen_by_python_version(project: ExampleProject) -> None:
    """An outcome declared for a range of versions is what runs on those versions must print."""
    project.add("versioned.py", VERSIONED, "old\n")
    (project.examples / "versioned.new.out").write_text("new\n")
    project.options(
        '["versioned.py"]\n[["versioned.py".outcomes]]\nname = "new"\npython = ">=3.12"\n'
    )
    done = project.cli("check", "-m", "spawn")
    assert done.returncode == 0, done.stdout + done.stderr
    # The two outputs swapped: each version now expects the other's output, and fails.
    (project.examples / "versioned.out").write_text("new\n")
    (project.examples / "versioned.new.out").write_text("old\n")
    done = project.cli("check", "-m", "spawn")
    assert done.returncode == 1
    expected_file = "versioned.new.out" if sys.version_info >= (3, 12) else "versioned.out"
    assert f"--- {expected_file} (expected)" in done.stdout


HANGS = """\
    import time

    print("waiting for ever", flush=True)
    time.sleep(300)
    """


def test_a_program_expected_to_hang_is_killed_and_passes(project: ExampleProject) -> None:
    """``killed = true``: still running at the timeout is the expected outcome; nothing is left."""
    project.add("hangs.py", HANGS, "")
    (project.examples / "hangs.stuck.out").write_text("waiting for ever\n")
    project.options(
        '["hangs.py"]\ntimeout = 2\n[["hangs.py".outcomes]]\nname = "stuck"\nkilled = true\n'
    )
    done = project.cli("check", "-m", "fork")
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_program_expected_to_hang_that_exits_fails(project: ExampleProject) -> None:
    """A program declared to hang that exits instead fails, saying so."""
    project.add("quick.py", "print('done')\n", "")
    (project.examples / "quick.stuck.out").write_text("done\n")
    project.options(
        '["quick.py"]\ntimeout = 5\n[["quick.py".outcomes]]\nname = "stuck"\nkilled = true\n'
    )
    done = project.cli("check", "-m", "fork")
    assert done.returncode == 1
    assert "expected to be still running at 5 s, but it exited with status 0" in done.stdout


def test_a_syntax_error_reads_as_when_the_reader_runs_the_file(project: ExampleProject) -> None:
    """The launcher adds no frames of its own: stderr is what ``python file.py`` prints."""
    path = project.add("broken.py", "print 'hello'\n", "")
    direct = subprocess.run(
        [sys.executable, str(path)], capture_output=True, text=True, check=False
    )
    assert "Traceback" not in direct.stderr
    path.with_suffix(".err").write_text(direct.stderr)
    project.options('["broken.py"]\nreturncode = 1\n')
    done = project.cli("check", "-m", "spawn")
    assert done.returncode == 0, done.stdout + done.stderr


def test_an_example_runs_only_on_the_versions_it_names(project: ExampleProject) -> None:
    """``python = ">=X.Y"``: no check on other versions, and none is counted as passed."""
    project.add("new_api.py", "print('new')\n", "new\n")
    this = f"{sys.version_info.major}.{sys.version_info.minor}"
    newer = f"{sys.version_info.major}.{sys.version_info.minor + 1}"
    project.options(f'["new_api.py"]\npython = ">={newer}"\n')
    done = project.cli("check", "-m", "spawn")
    assert "checking 0 runs" in done.stdout
    assert "0 passed, 0 failed" in done.stdout.splitlines()
    project.options(f'["new_api.py"]\npython = ">={this}"\n')
    done = project.cli("check", "-m", "spawn")
    assert "1 passed, 0 failed" in done.stdout.splitlines(), done.stdout + done.stderr


def test_a_bad_version_range_is_named(project: ExampleProject) -> None:
    """A ``python`` that is not a version range is an options problem: nothing runs."""
    project.add("new_api.py", "print('new')\n", "new\n")
    project.options('["new_api.py"]\npython = "3.14+"\n')
    done = project.cli("check", "-m", "spawn")
    assert done.returncode == 2
    assert "python = '3.14+' must be version ranges" in done.stderr


WAITS_FOR_CTRL_C = """\
    import time

    if __name__ == "__main__":
        try:
            print("working, press Ctrl-C", flush=True)
            time.sleep(30)
        except KeyboardInterrupt:
            print("stopped cleanly")
    """


def test_ctrl_c_comes_when_the_output_says_so(project: ExampleProject) -> None:
    """``interrupt = "TEXT"``: SIGINT reaches the program once it printed TEXT, not before."""
    project.add("stoppable.py", WAITS_FOR_CTRL_C, "working, press Ctrl-C\nstopped cleanly\n")
    project.options('["stoppable.py"]\ninterrupt = "press Ctrl-C"\ntimeout = 20\n')
    done = project.cli("check", "-m", "forkserver")
    assert done.returncode == 0, done.stdout + done.stderr
    # Without the option, nobody presses Ctrl-C: the program sleeps until the timeout.
    project.options('["stoppable.py"]\ntimeout = 2\n')
    done = project.cli("check", "-m", "forkserver")
    assert done.returncode == 1
    assert "timed out after 2 s" in done.stdout


INLINE = """\
    import multiprocessing
    import sys

    from helpers import double

    def triple(x: int) -> int:
        return 3 * x

    print(repr(sys.argv[0]), "__file__" in globals(), flush=True)
    with multiprocessing.Pool(1) as pool:
        print(pool.map(double, [1, 2]))
        print(pool.map(triple, [1, 2]))
    """


def test_inline_code_has_a_main_without_a_file(project: ExampleProject) -> None:
    """``inline = true``: as ``python -c``, fork children find ``triple``, spawn's cannot.

    A module beside it (``module = true``) is imported from the example's folder, and never run.
    """
    project.add("typed_in.py", INLINE, "'-c' False\n[2, 4]\n[3, 6]\n")
    project.add("helpers.py", "def double(x: int) -> int:\n    return 2 * x\n", None)
    project.options('["typed_in.py"]\ninline = true\ntimeout = 5\n["helpers.py"]\nmodule = true\n')
    done = project.cli("check", "-m", "fork")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "checking 1 runs" in done.stdout
    done = project.cli("check", "-m", "spawn")
    assert done.returncode == 1
    assert "'triple'" in done.stdout
    assert "'double'" not in done.stdout


def test_reuse_runs_only_what_changed(project: ExampleProject) -> None:
    """``--reuse``: unchanged passed checks come from the report, marked cached with their time."""
    project.add("hello.py", HELLO, HELLO_OUT)
    project.add("other.py", "print('other')\n", "other\n")
    report = project.root / "report.json"
    done = project.cli("check", "--report", str(report), "--reuse")
    assert "checking 6 runs" in done.stdout, done.stdout + done.stderr
    first = json.loads(report.read_text())["checks"]
    assert not any(c["cached"] for c in first)

    done = project.cli("check", "--report", str(report), "--reuse")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "checking 0 runs" in done.stdout
    assert "0 passed, 0 failed, 6 unchanged (passed before)" in done.stdout
    again = json.loads(report.read_text())["checks"]
    assert all(c["cached"] for c in again)
    assert {c["made"] for c in again} == {c["made"] for c in first}

    (project.examples / "other.py").write_text("print('other')  # edited\n")
    done = project.cli("check", "--report", str(report), "--reuse")
    assert "checking 3 runs: 1 examples" in done.stdout
    assert "3 passed, 0 failed, 3 unchanged (passed before)" in done.stdout


def test_reuse_never_takes_a_failure(project: ExampleProject) -> None:
    """A check that failed runs again, even when nothing changed; without --reuse, all run."""
    project.add("hello.py", HELLO, "not what it prints\n")
    report = project.root / "report.json"
    assert project.cli("check", "--report", str(report)).returncode == 1
    done = project.cli("check", "--report", str(report), "--reuse")
    assert "checking 3 runs" in done.stdout
    assert done.returncode == 1
    (project.examples / "hello.out").write_text(HELLO_OUT)
    project.cli("check", "--report", str(report), "--reuse")
    done = project.cli("check", "--report", str(report))
    assert "checking 3 runs" in done.stdout

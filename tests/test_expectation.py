"""Expectations: options and outcomes read from ``checks.toml``, and which outcome a run expects."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from mpguide.checker.expectation import (
    ExpectationError,
    load_expectation,
    load_options,
    read_options,
    version_matches,
)

if TYPE_CHECKING:
    from conftest import ExampleProject

HANGS = """\
    import time
    time.sleep(60)
    """


@pytest.mark.parametrize(
    ("spec", "version", "expected"),
    [
        ("<3.13.8", "3.13.0", True),
        ("<3.13.8", "3.13.8", False),
        (">=3.13.8, <3.14", "3.13.18", True),
        (">=3.13.8, <3.14", "3.14.0", False),
        ("==3.14", "3.14.10", True),
        ("==3.14", "3.15.0", False),
        ("!=3.12", "3.12.1", False),
        (">3.14", "3.14.1", True),
        ("<=3.12", "3.12.9", False),
        ("<=3.12.9", "3.12.9", True),
    ],
)
def test_version_ranges(spec: str, version: str, expected: bool) -> None:
    """Clauses compare release numbers, padding the bound with zeros; ``==X.Y`` is a feature."""
    assert version_matches(spec, version) is expected


def test_first_matching_outcome_wins(project: ExampleProject) -> None:
    """A run takes the first outcome whose Python range and start methods match, else the default."""
    project.add("x.py", "print(1)\n", "default\n")
    (project.examples / "x.old.out").write_text("old\n")
    (project.examples / "x.spawned.out").write_text("spawned\n")
    project.options(
        """\
        ["x.py"]
        timeout = 5
        [["x.py".outcomes]]
        name = "old"
        python = "<3.13.8"
        killed = true
        [["x.py".outcomes]]
        name = "spawned"
        methods = ["spawn"]
        returncode = 2
        """
    )
    options = load_options(project.examples)["x.py"]
    expectation = load_expectation(project.examples, "x.py", options)
    old = expectation.for_run("3.13.0", "spawn")
    assert (old.outcome, old.stdout, old.killed) == ("old", "old\n", True)
    spawned = expectation.for_run("3.14.1", "spawn")
    assert (spawned.outcome, spawned.stdout, spawned.returncode) == ("spawned", "spawned\n", 2)
    default = expectation.for_run("3.14.1", "fork")
    assert (default.outcome, default.stdout, default.returncode) == ("", "default\n", 0)


@pytest.mark.parametrize(
    ("options", "names"),
    [
        ('timeout = "5s"', ["timeout", "int or float"]),
        ('env = "A=1"', ["env", "dict"]),
        ("unordered = 1", ["unordered", "list"]),
        ('returncode = "zero"', ["returncode", "int"]),
        ("returncode = true", ["returncode", "int"]),
        ("colour = 1", ["unknown options", "colour"]),
        ('outcomes = [{ name = "Bad Name" }]', ["outcome 1", "name"]),
        ('outcomes = [{ name = "a", methods = ["vfork"] }]', ["outcome 1", "methods"]),
        ('outcomes = [{ name = "a", python = "~=3.13" }]', ["outcome 1", "python"]),
        ('outcomes = [{ name = "a", killed = true, returncode = 1 }]', ["killed", "returncode"]),
    ],
)
def test_bad_options_name_file_example_and_key(
    project: ExampleProject, options: str, names: list[str]
) -> None:
    """A malformed option is an error naming the file, the example and the option."""
    project.add("x.py", "print(1)\n", "1\n")
    project.options(f'["x.py"]\n{options}\n')
    with pytest.raises(ExpectationError) as error:
        load_options(project.examples)
    message = str(error.value)
    assert str(project.examples / "checks.toml") in message
    assert "'x.py'" in message
    for name in names:
        assert name in message


def test_an_outcome_needs_its_output_file(project: ExampleProject) -> None:
    """An outcome without its ``.NAME.out`` file is an error that says which file to create."""
    project.add("x.py", "print(1)\n", "1\n")
    project.options('["x.py"]\n[["x.py".outcomes]]\nname = "other"\n')
    options = load_options(project.examples)["x.py"]
    with pytest.raises(ExpectationError, match=r"create x\.other\.out"):
        load_expectation(project.examples, "x.py", options)


def test_killed_outcome_needs_a_timeout(project: ExampleProject) -> None:
    """Expecting a program to be killed at the timeout needs the timeout said."""
    project.add("x.py", HANGS, "")
    (project.examples / "x.hangs.out").write_text("")
    project.options('["x.py"]\n[["x.py".outcomes]]\nname = "hangs"\nkilled = true\n')
    options = load_options(project.examples)["x.py"]
    with pytest.raises(ExpectationError, match="sets no timeout"):
        load_expectation(project.examples, "x.py", options)


def test_update_keeps_options_of_a_new_example(project: ExampleProject) -> None:
    """A new example without output yet keeps its timeout and environment for ``update``."""
    project.add("x.py", "print(1)\n", None)
    project.options('["x.py"]\ntimeout = 7\nenv = { A = "1" }\nreturncode = 3\n')
    options = load_options(project.examples)["x.py"]
    expectation = load_expectation(project.examples, "x.py", options, allow_missing=True)
    assert (expectation.timeout, expectation.env, expectation.returncode) == (7.0, {"A": "1"}, 3)


def test_one_bad_file_keeps_the_other_chapters_options(project: ExampleProject) -> None:
    """A mistake in one chapter's checks.toml breaks only the example it is about."""
    project.add("a/x.py", "print(1)\n", "1\n")
    project.add("a/y.py", "print(2)\n", "2\n")
    project.add("b/z.py", "import sys\nsys.exit(3)\n", "")
    (project.examples / "a" / "checks.toml").write_text(
        '["x.py"]\ntimeout = "5s"\n["y.py"]\ntimeout = 9\n'
    )
    (project.examples / "b" / "checks.toml").write_text('["z.py"]\nreturncode = 3\n')
    options, problems, broken = read_options(project.examples)
    assert options == {"a/y.py": {"timeout": 9}, "b/z.py": {"returncode": 3}}
    assert broken == {"a/x.py"}
    assert len(problems) == 1
    assert "a/checks.toml: ['x.py']: timeout = '5s' must be int or float" in problems[0]


def test_bad_options_stop_the_check_before_anything_runs(project: ExampleProject) -> None:
    """``check`` with a malformed option runs nothing, says why first, and exits with 2."""
    project.add("x.py", "print(1)\n", "1\n")
    project.options('["x.py"]\nenv = "A=1"\n')
    done = project.cli("check", "-m", "fork")
    assert done.returncode == 2
    assert "checks.toml: ['x.py']: env = 'A=1' must be dict" in done.stderr
    assert "nothing was run" in done.stderr
    assert "passed" not in done.stdout

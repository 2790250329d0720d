"""The checker: run every example the pages include and compare its output with what they show.

The pipeline, one module per step:

:mod:`~mpguide.checker.discovery`
    which examples the pages include;
:mod:`~mpguide.checker.expectation`
    what each is expected to print, read from the files beside it;
:mod:`~mpguide.checker.example`
    the one model of an example (file, expectation, server, fingerprint) every later step uses;
:mod:`~mpguide.checker.interpreters`
    which Pythons and start methods to run them with;
:mod:`~mpguide.checker.plan`
    the checks that follow (examples x interpreters x start methods);
:mod:`~mpguide.checker.runner`
    one run in a fresh process group, output captured as a terminal shows it;
:mod:`~mpguide.checker.suite`
    runs the checks in parallel and judges each one;
:mod:`~mpguide.checker.comparison`
    the doctest-style comparison;
:mod:`~mpguide.checker.report`
    the JSON record of what was verified;
:mod:`~mpguide.checker.revision`
    the git commit the checks ran from, recorded in the report;
:mod:`~mpguide.checker.update`
    rewriting expected outputs from a real run;
:mod:`~mpguide.checker.cli`
    the ``mpguide-check`` command.

Where the folders are, and how the site is built, is said once in :mod:`mpguide.layout`.
The benchmark and the soak test are scripts beside the package, in ``tools/``: ``nox -s bench``
and ``nox -s soak`` run them.
"""

from mpguide.checker.comparison import output_diff, output_matches
from mpguide.checker.discovery import included_examples
from mpguide.checker.example import Catalog, Example, load_catalog, load_examples
from mpguide.checker.expectation import Expectation, load_expectation
from mpguide.checker.interpreters import Interpreter, probe
from mpguide.checker.plan import Check, plan_checks
from mpguide.checker.report import Report, read_report, write_report
from mpguide.checker.revision import Revision, working_tree_revision
from mpguide.checker.runner import Run, RunLimits, run_program
from mpguide.checker.suite import Outcome, run_check, run_checks

__all__ = [
    "Catalog",
    "Check",
    "Example",
    "Expectation",
    "Interpreter",
    "Outcome",
    "Report",
    "Revision",
    "Run",
    "RunLimits",
    "included_examples",
    "load_catalog",
    "load_examples",
    "load_expectation",
    "output_diff",
    "output_matches",
    "plan_checks",
    "probe",
    "read_report",
    "run_check",
    "run_checks",
    "run_program",
    "working_tree_revision",
    "write_report",
]

"""Run an example file as ``__main__`` under a chosen start method, as ``python FILE`` would.

This file is run by path, in the interpreter under test, so it imports nothing but the standard
library: ``python launch.py METHOD FILE``.
It sets the start method, then runs the unchanged example the way the interpreter runs a script:
``sys.argv[0]`` and ``sys.path[0]`` point at the example, and it runs as ``__main__`` so that spawn
and forkserver children find and re-import it as the reader's own script.

``python launch.py METHOD -c FILE`` runs the file's text as ``python -c "$(cat FILE)"`` does in the
file's folder (and as a REPL or a notebook runs what is typed): in a ``__main__`` that has no file,
so that spawn and forkserver children cannot re-import it.
"""

import atexit
import importlib.machinery
import multiprocessing
import os
import runpy
import signal
import sys
import traceback
import types
from pathlib import Path

INLINE = "<string>"
"""The file name ``python -c`` compiles its code with."""


def main() -> None:
    """Set the start method named on the command line and run the example file."""
    method, path = sys.argv[1], sys.argv[-1]
    inline = sys.argv[2] == "-c"
    # Ctrl-C as in a reader's terminal, even when the checker was started with SIGINT ignored
    # (a background job of a non-interactive shell): ignored signals survive fork and exec.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    multiprocessing.set_start_method(method)
    script = INLINE if inline else str(Path(path).resolve())
    try:
        if inline:
            run_inline(Path(path).resolve())
        else:
            sys.argv = [script]
            sys.path[0] = str(Path(script).parent)
            runpy.run_path(script, run_name="__main__")
    except SystemExit:
        raise
    except BaseException as exc:  # noqa: BLE001 - reported the way the interpreter would
        # Show the traceback a reader would see: from the example's own frames on. A SyntaxError
        # has none (compiling failed): Python then prints the error without a traceback at all.
        tb = exc.__traceback__
        while tb is not None and tb.tb_frame.f_code.co_filename != script:
            tb = tb.tb_next
        traceback.print_exception(type(exc), exc, tb)
        if isinstance(exc, KeyboardInterrupt):
            # Like the interpreter: run the exit handlers (multiprocessing's cleanup among them),
            # then die of SIGINT, so the shell sees Ctrl-C, not status 1.
            atexit._run_exitfuncs()  # what Py_FinalizeEx() does first
            sys.stdout.flush()
            sys.stderr.flush()
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            os.kill(os.getpid(), signal.SIGINT)
        sys.exit(1)


def run_inline(path: Path) -> None:
    """Run *path*'s text as ``python -c`` does: in a built-in ``__main__`` with no file.

    ``python -c`` puts ``""`` (the working folder) first on ``sys.path``; the reader runs it in the
    example's folder, so that folder comes first here.
    """
    source = path.read_text(encoding="utf-8")
    sys.argv = ["-c"]
    sys.path[0] = str(path.parent)
    main_module = types.ModuleType("__main__")
    main_module.__loader__ = importlib.machinery.BuiltinImporter
    launcher = sys.modules["__main__"]
    sys.modules["__main__"] = main_module
    try:
        exec(compile(source, INLINE, "exec"), main_module.__dict__)  # noqa: S102 - the example
    finally:
        sys.modules["__main__"] = launcher


if __name__ == "__main__":
    main()

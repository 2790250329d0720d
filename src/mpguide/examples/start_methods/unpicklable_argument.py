"""An open file as an argument: fork lets the child inherit it, spawn and forkserver must pickle it."""

import sys
from multiprocessing import Process
from typing import TextIO


def report(out: TextIO) -> None:
    print("written by the child", file=out, flush=True)


if __name__ == "__main__":
    p = Process(target=report, args=(sys.stdout,))
    p.start()
    p.join()
    print(f"exit code: {p.exitcode}")

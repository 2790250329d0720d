"""A worker process that dies breaks a ProcessPoolExecutor: its futures fail, and so does submit()."""

import os
import signal
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool


def square(n: int) -> int:
    if n == 3:
        os.kill(os.getpid(), signal.SIGKILL)  # as the kernel's out-of-memory killer would
    return n * n


if __name__ == "__main__":
    with ProcessPoolExecutor(2) as executor:
        try:
            print(list(executor.map(square, range(6))))
        except BrokenProcessPool as exc:
            print(f"map():    {exc}")
        try:
            executor.submit(square, 1)
        except BrokenProcessPool as exc:
            print(f"submit(): {exc}")

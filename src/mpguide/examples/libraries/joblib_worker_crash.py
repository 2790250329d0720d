# /// script
# requires-python = ">=3.11"
# dependencies = ["joblib>=1.4", "psutil>=5.9"]
# ///
"""joblib: a worker killed in the middle of a task is an exception in the caller, not a hang."""

import os
import signal
from concurrent.futures.process import BrokenProcessPool

from joblib import Parallel, delayed


def square(n: int) -> int:
    if n == 3:
        os.kill(os.getpid(), signal.SIGKILL)  # as the kernel's OOM killer would
    return n * n


if __name__ == "__main__":
    try:
        Parallel(n_jobs=2)(delayed(square)(n) for n in range(6))
    except BrokenProcessPool as error:  # joblib raises a subclass of its own
        print(f"caught {type(error).__name__}:")
        print(error)
    print(f"next call: {Parallel(n_jobs=2)(delayed(square)(n) for n in range(3))}")

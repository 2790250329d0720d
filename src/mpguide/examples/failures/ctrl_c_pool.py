"""Ctrl-C reaches the parent and every worker process: their tracebacks pile up on standard error."""

import time
from multiprocessing import Pool


def slow_square(n: int) -> int:
    time.sleep(0.5)
    if n == 3:  # halfway through a task: both workers are busy, the parent is waiting
        print("working... press Ctrl-C", flush=True)
    time.sleep(0.5)
    return n * n


if __name__ == "__main__":
    with Pool(2) as pool:
        print(sorted(pool.imap_unordered(slow_square, range(10))))

"""maxtasksperchild replaces each worker after it has done that many tasks (chunks, with map)."""

import os
from multiprocessing import Pool


def worker_pid(_: int) -> int:
    return os.getpid()


def worker_numbers(pids: list[int]) -> list[int]:
    """Number the workers 1, 2, 3... in the order they first appear, instead of showing pids."""
    first_seen = list(dict.fromkeys(pids))
    return [first_seen.index(pid) + 1 for pid in pids]


if __name__ == "__main__":
    with Pool(1, maxtasksperchild=2) as pool:
        for chunksize in [1, 3]:
            pids = pool.map(worker_pid, range(6), chunksize=chunksize)
            print(f"chunksize={chunksize}: worker of each call {worker_numbers(pids)}")

# /// script
# requires-python = ">=3.11"
# dependencies = ["joblib>=1.4"]
# ///
"""joblib keeps its worker processes between Parallel calls; each Pool starts its own."""

import os
from multiprocessing import Manager, Pool
from threading import Barrier

from joblib import Parallel, delayed


def worker_pid(both_busy: Barrier) -> int:
    both_busy.wait(timeout=60)  # returns once both workers hold a task: each call sees both
    return os.getpid()


def joblib_pids(both_busy: Barrier) -> set[int]:
    return set(Parallel(n_jobs=2)(delayed(worker_pid)(both_busy) for _ in range(2)))


def pool_pids(both_busy: Barrier) -> set[int]:
    with Pool(2) as pool:
        return set(pool.map(worker_pid, [both_busy] * 2, chunksize=1))


if __name__ == "__main__":
    with Manager() as manager:
        both_busy = manager.Barrier(2)
        first, second = joblib_pids(both_busy), joblib_pids(both_busy)
        print(f"joblib: {len(first)} workers, the same in both calls: {first == second}")
        first, second = pool_pids(both_busy), pool_pids(both_busy)
        print(f"Pool:   {len(first)} workers, the same in both calls: {first == second}")

# /// script
# requires-python = ">=3.11"
# dependencies = ["joblib>=1.4"]
# ///
"""joblib keeps its worker processes between Parallel calls; each Pool starts its own."""

import os
import time
from multiprocessing import Pool

from joblib import Parallel, delayed


def worker_pid(_: int) -> int:
    time.sleep(0.2)  # long enough for every worker to get a task
    return os.getpid()


def joblib_pids() -> set[int]:
    return set(Parallel(n_jobs=2)(delayed(worker_pid)(i) for i in range(4)))


def pool_pids() -> set[int]:
    with Pool(2) as pool:
        return set(pool.map(worker_pid, range(4), chunksize=1))


if __name__ == "__main__":
    first, second = joblib_pids(), joblib_pids()
    print(f"joblib: {len(first)} workers, the same in both calls: {first == second}")
    first, second = pool_pids(), pool_pids()
    print(f"Pool:   {len(first)} workers, the same in both calls: {first == second}")

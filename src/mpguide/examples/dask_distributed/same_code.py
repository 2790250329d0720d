# /// script
# requires-python = ">=3.11"
# dependencies = ["dask[distributed]>=2025.1"]
# ///
"""The same function runs on a ProcessPoolExecutor and on a dask cluster through get_executor()."""

import logging
import math
from concurrent.futures import Executor, ProcessPoolExecutor

from dask.distributed import Client, LocalCluster


def is_prime(n: int) -> bool:
    return n >= 2 and all(n % d for d in range(2, math.isqrt(n) + 1))


def count_primes(limit: int) -> int:
    """Count the primes below limit the slow way: pure Python, CPU-bound."""
    return sum(1 for n in range(limit) if is_prime(n))


def count_all(executor: Executor) -> list[int]:
    """Knows nothing of processes or clusters: only the concurrent.futures interface."""
    first = executor.submit(count_primes, 70_000)
    rest = executor.map(count_primes, [80_000, 90_000, 100_000])
    return [first.result(), *rest]


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2) as executor:
        print(f"{type(executor).__name__}: {count_all(executor)}")

    cluster = LocalCluster(
        n_workers=2, threads_per_worker=1, dashboard_address=":0", silence_logs=logging.CRITICAL
    )
    with cluster, Client(cluster) as client:
        print(f"Client is an Executor: {isinstance(client, Executor)}")
        with client.get_executor() as executor:
            print(f"get_executor() gives an Executor: {isinstance(executor, Executor)}")
            print(f"{type(executor).__name__}: {count_all(executor)}")

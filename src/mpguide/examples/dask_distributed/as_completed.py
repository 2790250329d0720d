# /// script
# requires-python = ">=3.11"
# dependencies = ["dask[distributed]>=2025.1"]
# ///
"""Take each result as soon as its task is done: dask's as_completed, like concurrent.futures'."""

import logging
import math

from dask.distributed import Client, LocalCluster, as_completed


def is_prime(n: int) -> bool:
    return n >= 2 and all(n % d for d in range(2, math.isqrt(n) + 1))


def count_primes(limit: int) -> int:
    """Count the primes below limit the slow way: pure Python, CPU-bound."""
    return sum(1 for n in range(limit) if is_prime(n))


LIMITS = [70_000, 80_000, 90_000, 100_000]

if __name__ == "__main__":
    cluster = LocalCluster(
        n_workers=2, threads_per_worker=1, dashboard_address=":0", silence_logs=logging.CRITICAL
    )
    with cluster, Client(cluster) as client:
        future_to_limit = {client.submit(count_primes, limit): limit for limit in LIMITS}
        counts = {}
        for future in as_completed(future_to_limit):
            counts[future_to_limit[future]] = future.result()
        for limit in sorted(counts):
            print(f"primes below {limit}: {counts[limit]}")

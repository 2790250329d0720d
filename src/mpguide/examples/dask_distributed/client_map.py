# /// script
# requires-python = ">=3.11"
# dependencies = ["dask[distributed]>=2025.1"]
# ///
"""Count primes on a local dask cluster of two worker processes: client.map, gather and submit."""

import logging
import math

from dask.distributed import Client, LocalCluster


def is_prime(n: int) -> bool:
    return n >= 2 and all(n % d for d in range(2, math.isqrt(n) + 1))


def count_primes(limit: int) -> int:
    """Count the primes below limit the slow way: pure Python, CPU-bound."""
    return sum(1 for n in range(limit) if is_prime(n))


LIMITS = [70_000, 80_000, 90_000, 100_000]

if __name__ == "__main__":
    cluster = LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=":0",  # any free port, on 127.0.0.1 like the scheduler
        silence_logs=logging.CRITICAL,
    )
    with cluster, Client(cluster) as client:
        client.wait_for_workers(2)  # started, but perhaps not yet known to the scheduler
        print(f"scheduler: {cluster.scheduler_address}")
        print(f"dashboard: {client.dashboard_link}")
        print(f"workers:   {len(client.scheduler_info()['workers'])}")

        futures = client.map(count_primes, LIMITS)
        print(f"map:       {client.gather(futures)}")

        future = client.submit(count_primes, 110_000)
        print(f"submit:    {future.result()}")

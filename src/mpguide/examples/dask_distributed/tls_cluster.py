# /// script
# requires-python = ">=3.11"
# dependencies = ["dask[distributed]>=2025.1", "cryptography>=44"]
# ///
"""A cluster that speaks only TLS: every connection is encrypted and shows a certificate."""

import logging
import math

from dask.distributed import Client, LocalCluster
from distributed.security import Security


def is_prime(n: int) -> bool:
    return n >= 2 and all(n % d for d in range(2, math.isqrt(n) + 1))


def count_primes(limit: int) -> int:
    """Count the primes below limit the slow way: pure Python, CPU-bound."""
    return sum(1 for n in range(limit) if is_prime(n))


LIMITS = [70_000, 80_000, 90_000, 100_000]

if __name__ == "__main__":
    security = Security.temporary()  # a new CA and a certificate it signed, kept in memory
    cluster = LocalCluster(
        n_workers=1,
        threads_per_worker=1,
        dashboard_address=":0",
        silence_logs=logging.CRITICAL,
        security=security,
    )
    with cluster, Client(cluster, security=security) as client:
        client.wait_for_workers(1)  # started, but perhaps not yet known to the scheduler
        print(f"scheduler: {cluster.scheduler_address}")
        print(f"counts:    {client.gather(client.map(count_primes, LIMITS))}")
        print(f"worker:    {list(client.scheduler_info()['workers'])}")

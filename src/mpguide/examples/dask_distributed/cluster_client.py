# /// script
# requires-python = ">=3.11"
# dependencies = ["dask[distributed]>=2025.1"]
# ///
"""Connect to a running scheduler, the one DASK_SCHEDULER_ADDRESS names, and count primes there."""

import math

from dask.distributed import Client


def is_prime(n: int) -> bool:
    return n >= 2 and all(n % d for d in range(2, math.isqrt(n) + 1))


def count_primes(limit: int) -> int:
    """Count the primes below limit the slow way: pure Python, CPU-bound."""
    return sum(1 for n in range(limit) if is_prime(n))


LIMITS = [70_000, 80_000, 90_000, 100_000]

if __name__ == "__main__":
    with Client() as client:  # no address: dask's configuration gives it
        client.wait_for_workers(2, timeout=120)
        workers = client.scheduler_info()["workers"].values()
        print(f"workers: {sorted(worker['name'] for worker in workers)}")
        futures = client.map(count_primes, LIMITS)
        print(f"counts:  {client.gather(futures)}")

# /// script
# requires-python = ">=3.11"
# dependencies = ["joblib>=1.4"]
# ///
"""joblib: Parallel(n_jobs=...)(delayed(f)(x) for x in ...), the pools chapter's workload."""

import math

from joblib import Parallel, delayed


def is_prime(n: int) -> bool:
    return n >= 2 and all(n % d for d in range(2, math.isqrt(n) + 1))


def count_primes(limit: int) -> int:
    """Count the primes below limit the slow way: pure Python, CPU-bound."""
    return sum(1 for n in range(limit) if is_prime(n))


LIMITS = [70_000, 80_000, 90_000, 100_000]

if __name__ == "__main__":
    print(f"delayed: {delayed(count_primes)(LIMITS[0])}")
    results = Parallel(n_jobs=2)(delayed(count_primes)(limit) for limit in LIMITS)
    print(f"results: {results}")
    print(f"same as serial: {results == [count_primes(limit) for limit in LIMITS]}")

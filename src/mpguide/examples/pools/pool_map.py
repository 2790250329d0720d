"""Count primes one after another, then with a process pool and a thread pool, and time each."""

import math
import time
from multiprocessing import Pool
from multiprocessing.pool import ThreadPool


def is_prime(n: int) -> bool:
    return n >= 2 and all(n % d for d in range(2, math.isqrt(n) + 1))


def count_primes(limit: int) -> int:
    """Count the primes below limit the slow way: pure Python, CPU-bound."""
    return sum(1 for n in range(limit) if is_prime(n))


LIMITS = [70_000, 80_000, 90_000, 100_000]

if __name__ == "__main__":
    start = time.perf_counter()
    results = [count_primes(limit) for limit in LIMITS]
    print(f"serial:       {results} in {time.perf_counter() - start:.2f} s")

    start = time.perf_counter()
    with Pool() as pool:
        results = pool.map(count_primes, LIMITS)
    print(f"process pool: {results} in {time.perf_counter() - start:.2f} s")

    start = time.perf_counter()
    with ThreadPool() as pool:
        results = pool.map(count_primes, LIMITS)
    print(f"thread pool:  {results} in {time.perf_counter() - start:.2f} s")

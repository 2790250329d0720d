"""Four prime counts, run serially, in threads, in processes and in subinterpreters."""

import os
import time
from concurrent.futures import InterpreterPoolExecutor, ProcessPoolExecutor, ThreadPoolExecutor


def count_primes(limit: int) -> int:
    """Count the primes below limit by trial division: pure Python, CPU-bound."""
    count = 0
    for n in range(2, limit):
        d = 2
        while d * d <= n and n % d != 0:
            d += 1
        if d * d > n:  # no divisor up to the square root of n
            count += 1
    return count


LIMITS = [200_000, 220_000, 240_000, 260_000]
EXECUTORS = [ThreadPoolExecutor, ProcessPoolExecutor, InterpreterPoolExecutor]

if __name__ == "__main__":
    workers = os.process_cpu_count()
    print(f"{len(LIMITS)} tasks, {workers} workers each")
    start = time.perf_counter()
    results = [count_primes(limit) for limit in LIMITS]
    print(f"{'serial':24} {results} in {time.perf_counter() - start:.2f} s")
    for executor_class in EXECUTORS:
        start = time.perf_counter()
        with executor_class(max_workers=workers) as executor:
            results = list(executor.map(count_primes, LIMITS))
        name = executor_class.__name__
        print(f"{name:24} {results} in {time.perf_counter() - start:.2f} s")

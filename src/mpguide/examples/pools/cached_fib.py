"""The original's cached fib(35): a process pool costs far more than the work it is given."""

import time
from functools import cache
from multiprocessing import Pool


@cache
def fib(n: int) -> int:
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


if __name__ == "__main__":
    # The pool goes first: under fork its workers would otherwise inherit a warm cache.
    start = time.perf_counter()
    with Pool(2) as pool:
        results = pool.map(fib, [35] * 2)
    pool_time = time.perf_counter() - start
    print(f"process pool: {results} in {pool_time * 1000:.1f} ms")

    start = time.perf_counter()
    results = [fib(n) for n in [35] * 2]
    serial_time = time.perf_counter() - start
    print(f"serial:       {results} in {serial_time * 1000:.3f} ms")
    print(f"the pool took {pool_time / serial_time:.0f} times as long")

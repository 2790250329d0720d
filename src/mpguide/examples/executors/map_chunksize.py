"""Executor.map sends one task per item unless you pass a chunksize."""

import time
from concurrent.futures import ProcessPoolExecutor


def square(n: int) -> int:
    return n * n


NUMBERS = range(10_000)

if __name__ == "__main__":
    times = {}
    for chunksize in [1, 1000]:
        start = time.perf_counter()
        with ProcessPoolExecutor(max_workers=2) as executor:
            total = sum(executor.map(square, NUMBERS, chunksize=chunksize))
        times[chunksize] = time.perf_counter() - start
        print(f"chunksize={chunksize}: sum {total} in {times[chunksize]:.2f} s")
    print(f"chunksize=1000 was faster: {times[1000] < times[1]}")

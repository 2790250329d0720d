"""20,000 tiny tasks: a plain loop, then Pool.map with several chunksizes, and imap."""

import time
from multiprocessing import Pool


def double(n: int) -> int:
    return 2 * n


N = 20_000

if __name__ == "__main__":
    start = time.perf_counter()
    results = [double(n) for n in range(N)]
    print(f"serial loop:            {time.perf_counter() - start:.3f} s")
    with Pool(2) as pool:
        pool.map(double, range(2))  # start the workers before timing
        for chunksize in [None, 1000, 100, 10, 1]:
            start = time.perf_counter()
            results = pool.map(double, range(N), chunksize=chunksize)
            label = f"map, chunksize={chunksize}:"
            print(f"{label:24}{time.perf_counter() - start:.3f} s")
        start = time.perf_counter()
        results = list(pool.imap(double, range(N)))
        print(f"imap (chunksize=1):     {time.perf_counter() - start:.3f} s")

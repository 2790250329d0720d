"""imap yields results in the order of the input; imap_unordered as soon as each one is ready."""

import multiprocessing
import time
from multiprocessing import Pool


def nap(seconds: float) -> float:
    time.sleep(seconds)
    return seconds


NAPS = [2.0, 0.5, 1.0]

if __name__ == "__main__":
    started = multiprocessing.Barrier(4)  # the three worker processes and this one
    with Pool(3, initializer=started.wait) as pool:
        started.wait()  # all three workers are ready: each task starts as soon as it is sent
        for method in [pool.imap, pool.imap_unordered]:
            start = time.perf_counter()
            for seconds in method(nap, NAPS):
                elapsed = time.perf_counter() - start
                print(f"{method.__name__}: the {seconds} s nap, after {elapsed:.1f} s")

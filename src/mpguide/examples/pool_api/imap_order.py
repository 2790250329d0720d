"""imap yields results in the order of the input; imap_unordered as soon as each one is ready."""

import time
from multiprocessing import Pool


def nap(seconds: float) -> float:
    time.sleep(seconds)
    return seconds


NAPS = [1.0, 0.2, 0.5]

if __name__ == "__main__":
    with Pool(3) as pool:
        for method in [pool.imap, pool.imap_unordered]:
            start = time.perf_counter()
            for seconds in method(nap, NAPS):
                elapsed = time.perf_counter() - start
                print(f"{method.__name__}: the {seconds} s nap, after {elapsed:.1f} s")

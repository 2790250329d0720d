"""A slow callback holds up the result-handler thread, and with it every other result."""

import time
from multiprocessing import Pool


def nap(seconds: float) -> float:
    time.sleep(seconds)
    return seconds


def slow_callback(value: float) -> None:
    time.sleep(2)  # stands for slow work: writing to a database, drawing a chart...
    print(f"the callback for the {value} s nap has returned")


if __name__ == "__main__":
    with Pool(2) as pool:
        start = time.perf_counter()
        pool.apply_async(nap, (0.1,), callback=slow_callback)
        other = pool.apply_async(nap, (0.5,))
        result = other.get()
        print(f"the {result} s nap: its result came after {time.perf_counter() - start:.1f} s")

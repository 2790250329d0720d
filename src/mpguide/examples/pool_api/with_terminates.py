"""Leaving the with block calls terminate(): apply_async tasks not yet done are lost."""

import multiprocessing
import time
from multiprocessing import Pool


def nap(seconds: float) -> float:
    time.sleep(seconds)
    return seconds


if __name__ == "__main__":
    with Pool(2) as pool:
        results = [pool.apply_async(nap, (60,)) for _ in range(4)]
    # the with block has ended: pool.terminate() stopped the workers mid-task
    print(f"ready: {[r.ready() for r in results]}")
    try:
        results[0].get(timeout=2)  # without a timeout, get() would wait for ever
    except multiprocessing.TimeoutError:
        print("get(timeout=2) raised TimeoutError: the result will never come")

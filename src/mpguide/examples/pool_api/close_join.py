"""close() then join() inside the with block: every task finishes before the pool stops."""

import time
from multiprocessing import Pool


def nap(seconds: float) -> float:
    time.sleep(seconds)
    return seconds


if __name__ == "__main__":
    with Pool(2) as pool:
        results = [pool.apply_async(nap, (0.5,)) for _ in range(4)]
        pool.close()  # no more tasks: the workers exit once the queue is empty
        pool.join()  # wait for them to exit
    print(f"ready: {[r.ready() for r in results]}")
    print(f"results: {[r.get() for r in results]}")

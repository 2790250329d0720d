"""submit() returns a Future at once; as_completed() yields them as they finish."""

import multiprocessing
import time
from concurrent.futures import ProcessPoolExecutor, as_completed


def nap(seconds: int) -> str:
    time.sleep(seconds)
    return f"slept {seconds} s"


if __name__ == "__main__":
    started = multiprocessing.Barrier(4)  # the three worker processes and this one
    with ProcessPoolExecutor(max_workers=3, initializer=started.wait) as executor:
        futures = [executor.submit(nap, seconds) for seconds in [3, 1, 2]]
        print(f"submitted; done yet? {[future.done() for future in futures]}")
        started.wait()  # all three workers are ready: the three tasks start together
        for future in as_completed(futures):
            print(f"as_completed: {future.result()}")
        print(f"in submission order: {[future.result() for future in futures]}")

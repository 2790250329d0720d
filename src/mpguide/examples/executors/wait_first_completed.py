"""wait(FIRST_COMPLETED) returns once one future is done; a running one stays."""

import multiprocessing
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait


def nap(seconds: int) -> str:
    time.sleep(seconds)
    return f"slept {seconds} s"


if __name__ == "__main__":
    started = multiprocessing.Barrier(3)  # the two worker processes and this one
    with ProcessPoolExecutor(max_workers=2, initializer=started.wait) as executor:
        slow = executor.submit(nap, 3)
        fast = executor.submit(nap, 1)
        started.wait()  # both workers are ready: the two tasks start together
        done, not_done = wait([slow, fast], return_when=FIRST_COMPLETED)
        print(f"done holds the fast one: {done == {fast}}")
        print(f"not_done holds the slow one: {not_done == {slow}}")
        print(f"first result: {fast.result()}")
        print(f"slow.cancel(): {slow.cancel()}, slow.running(): {slow.running()}")
    print(f"after the with block: {slow.result()}")

"""concurrent.futures.wait(timeout) gives a whole batch one deadline and keeps what finished."""

import multiprocessing
import time
from concurrent.futures import ProcessPoolExecutor, wait


def work(seconds: float) -> float:
    time.sleep(seconds)
    return seconds


if __name__ == "__main__":
    started = multiprocessing.Barrier(3)  # the two worker processes and this one
    with ProcessPoolExecutor(2, initializer=started.wait) as executor:
        futures = [executor.submit(work, s) for s in [0.1, 0.2, 5, 0.3]]
        started.wait()  # both workers are ready: the deadline counts from here
        done, not_done = wait(futures, timeout=3)
        print("done in time:", sorted(f.result() for f in done))
        print("not done:", len(not_done))
        executor.shutdown(cancel_futures=True)  # cancels what has not started, waits for the rest
    print("not done, but finished anyway:", [f.result() for f in not_done])

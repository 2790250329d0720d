"""Stop cleanly on Ctrl-C: the workers ignore it, the parent stops them and exits with 130."""

import multiprocessing
import signal
import sys
import time
from multiprocessing import Pool
from multiprocessing.synchronize import Barrier


def ignore_ctrl_c(ready: Barrier) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    ready.wait()  # tell the parent: from now on, Ctrl-C does not reach this worker


def slow_square(n: int) -> int:
    time.sleep(1)
    return n * n


if __name__ == "__main__":
    ready = multiprocessing.Barrier(3)  # the two workers and this process
    pool = Pool(2, initializer=ignore_ctrl_c, initargs=(ready,))
    ready.wait()  # both workers ignore Ctrl-C now
    try:
        results = pool.imap(slow_square, range(10))
        print("first result:", next(results))
        print("working... press Ctrl-C", flush=True)
        print(list(results))
    except KeyboardInterrupt:
        print("interrupted: stopping the workers")
        pool.terminate()
        pool.join()
        sys.exit(130)  # 128 + SIGINT, what a shell reports for a program stopped by Ctrl-C
    pool.close()
    pool.join()

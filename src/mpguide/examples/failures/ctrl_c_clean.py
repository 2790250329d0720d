"""Stop cleanly on Ctrl-C: the workers ignore it, the parent stops them and exits with 130."""

import signal
import sys
import time
from multiprocessing import Pool


def ignore_ctrl_c() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def slow_square(n: int) -> int:
    time.sleep(1)
    return n * n


if __name__ == "__main__":
    pool = Pool(2, initializer=ignore_ctrl_c)
    try:
        results = pool.imap(slow_square, range(10))
        print("first result:", next(results))  # the workers are up and busy
        print("working... press Ctrl-C", flush=True)
        print(list(results))
    except KeyboardInterrupt:
        print("interrupted: stopping the workers")
        pool.terminate()
        pool.join()
        sys.exit(130)  # 128 + SIGINT, what a shell reports for a program stopped by Ctrl-C
    pool.close()
    pool.join()

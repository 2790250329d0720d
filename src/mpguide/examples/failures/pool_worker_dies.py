"""A worker process that dies takes its task with it: Pool.map waits for that result for ever."""

import os
import signal
from multiprocessing import Pool


def square(n: int) -> int:
    if n == 3:
        os.kill(os.getpid(), signal.SIGKILL)  # as the kernel's out-of-memory killer would
    return n * n


if __name__ == "__main__":
    print("waiting for map()...", flush=True)
    with Pool(2) as pool:
        print(pool.map(square, range(6)))

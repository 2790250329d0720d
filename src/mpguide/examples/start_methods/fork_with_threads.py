"""Forking a process that runs threads: a DeprecationWarning from Python 3.12 on."""

import threading
import warnings
from multiprocessing import Process


def work(n: int) -> None:
    print(f"child {n} ran")


if __name__ == "__main__":
    warnings.simplefilter("default", DeprecationWarning)  # hidden otherwise: see below
    stop = threading.Event()
    waiter = threading.Thread(target=stop.wait)
    waiter.start()  # the main process now has two threads
    for n in range(2):
        p = Process(target=work, args=(n,))
        p.start()
        p.join()
    stop.set()
    waiter.join()

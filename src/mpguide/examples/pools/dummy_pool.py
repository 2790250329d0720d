"""The same code runs in a process pool or, through multiprocessing.dummy, in a thread pool."""

import multiprocessing
import multiprocessing.dummy
import threading
from collections.abc import Callable
from multiprocessing.pool import Pool


def where_am_i() -> str:
    process = multiprocessing.current_process().name
    thread = threading.current_thread().name
    return f"process {process}, thread {thread}"


def task(n: int) -> str:
    return f"task {n} ran in {where_am_i()}"


POOL_KINDS: dict[str, Callable[[int], Pool]] = {
    "multiprocessing.Pool": multiprocessing.Pool,
    "multiprocessing.dummy.Pool": multiprocessing.dummy.Pool,
}

if __name__ == "__main__":
    print(f"main program runs in {where_am_i()}")
    for name, make_pool in POOL_KINDS.items():
        print(f"{name}:")
        with make_pool(2) as pool:
            for line in pool.map(task, range(3)):
                print(f"  {line}")

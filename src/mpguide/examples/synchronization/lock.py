"""Without a lock, processes lose each other's increments; with one, none is lost."""

import ctypes
import multiprocessing
from contextlib import AbstractContextManager, nullcontext
from multiprocessing.synchronize import Barrier


def add(counter: ctypes.c_int, lock: AbstractContextManager[object], start: Barrier) -> None:
    start.wait()  # both workers begin counting together
    for _ in range(100_000):
        with lock:
            counter.value += 1  # read, add one, write back: three steps


def count(lock: AbstractContextManager[object]) -> int:
    counter: ctypes.c_int = multiprocessing.Value("i", 0, lock=False)  # shared, no lock of its own
    start = multiprocessing.Barrier(2)
    workers = [multiprocessing.Process(target=add, args=(counter, lock, start)) for _ in range(2)]
    for p in workers:
        p.start()
    for p in workers:
        p.join()
    return counter.value


if __name__ == "__main__":
    print(f"without a lock: {count(nullcontext())}")
    print(f"with a lock:    {count(multiprocessing.Lock())}")

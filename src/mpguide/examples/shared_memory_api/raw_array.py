"""RawArray and RawValue: shared memory without a lock; the program synchronizes itself."""

from __future__ import annotations

import multiprocessing
from ctypes import Array, c_int
from multiprocessing.sharedctypes import RawArray, RawValue
from multiprocessing.synchronize import Lock


def work(i: int, squares: Array[c_int], total: c_int, lock: Lock) -> None:
    squares[i] = i * i  # each process writes only its own item: no lock needed
    for _ in range(10_000):
        with lock:  # all of them add to one total: a read and a write, kept together
            total.value += 1


if __name__ == "__main__":
    squares = RawArray(c_int, 4)  # four zeros
    total = RawValue(c_int, 0)
    lock = multiprocessing.Lock()
    workers = [
        multiprocessing.Process(target=work, args=(i, squares, total, lock)) for i in range(4)
    ]
    for p in workers:
        p.start()
    for p in workers:
        p.join()
    print(f"squares: {list(squares)}")
    print(f"total:   {total.value}")
    print(f"{type(total).__name__}, get_lock: {hasattr(total, 'get_lock')}")

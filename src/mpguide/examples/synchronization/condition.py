"""Condition.wait_for() sleeps until another process makes a predicate true."""

import ctypes
import multiprocessing
from multiprocessing.synchronize import Condition


def waiter(ready: ctypes.c_int, cond: Condition) -> None:
    with cond:
        cond.wait_for(lambda: ready.value == 3)
        print(f"waiter: all {ready.value} parts are ready", flush=True)


if __name__ == "__main__":
    ready: ctypes.c_int = multiprocessing.Value("i", 0, lock=False)  # guarded by cond's lock
    cond = multiprocessing.Condition()
    p = multiprocessing.Process(target=waiter, args=(ready, cond))
    p.start()
    for part in range(1, 4):
        with cond:
            ready.value = part
            print(f"main: part {part} ready", flush=True)
            cond.notify_all()
    p.join()

"""counter.value += 1 reads, then writes: only get_lock() around both makes it safe."""

from __future__ import annotations

from collections.abc import Callable
from multiprocessing import Process, Value
from multiprocessing.sharedctypes import Synchronized

TIMES = 50_000


def add_unsafely(counter: Synchronized[int]) -> None:
    """Add 1 many times; another process may write between our read and our write."""
    for _ in range(TIMES):
        counter.value += 1


def add_safely(counter: Synchronized[int]) -> None:
    """Add 1 many times, holding the value's own lock from the read to the write."""
    for _ in range(TIMES):
        with counter.get_lock():
            counter.value += 1


def count_with(add: Callable[[Synchronized[int]], None]) -> int:
    """Let four processes run *add* on one shared counter and return its final value."""
    counter: Synchronized[int] = Value("i", 0)
    processes = [Process(target=add, args=(counter,)) for _ in range(4)]
    for p in processes:
        p.start()
    for p in processes:
        p.join()
    return counter.value


if __name__ == "__main__":
    print(f"expected:           {4 * TIMES}")
    print(f"without get_lock(): {count_with(add_unsafely)}")
    print(f"with get_lock():    {count_with(add_safely)}")

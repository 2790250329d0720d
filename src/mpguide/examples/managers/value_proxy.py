"""manager.Value is a proxy to an object in the server process, not a ctypes object in shared memory."""

from __future__ import annotations

import time
from multiprocessing import Array, Manager, Value
from multiprocessing.managers import ValueProxy
from multiprocessing.sharedctypes import Synchronized

READS = 2_000


def microseconds_per_read(v: Synchronized[int] | ValueProxy[int]) -> float:
    """Read v.value many times and return the average time of one read."""
    start = time.perf_counter()
    for _ in range(READS):
        _ = v.value
    return (time.perf_counter() - start) / READS * 1e6


if __name__ == "__main__":
    shared: Synchronized[int] = Value("i", 7)
    with Manager() as manager:
        managed = manager.Value("i", 7)
        print(type(shared))
        print(type(managed))
        print(type(Array("i", range(5))))
        print(type(manager.Array("i", range(5))))
        print(f"get_lock(): {hasattr(shared, 'get_lock')}, {hasattr(managed, 'get_lock')}")
        print(f"Value:         {microseconds_per_read(shared):.1f} µs per read")
        print(f"manager.Value: {microseconds_per_read(managed):.1f} µs per read")

"""Value and Array put ctypes objects in shared memory, where a child process can change them."""

from __future__ import annotations

from collections.abc import Iterable
from ctypes import Structure, c_bool, c_char, c_double
from multiprocessing import Array, Lock, Process, Value
from multiprocessing.sharedctypes import Synchronized, SynchronizedArray, SynchronizedString


class Point(Structure):
    """A C struct of two doubles."""

    _fields_ = [("x", c_double), ("y", c_double)]


def modify(
    n: Synchronized[int],
    b: c_bool,
    s: SynchronizedString,
    arr: SynchronizedArray[int],
    A: Iterable[Point],
) -> None:
    """Change every shared object in place."""
    n.value **= 2
    b.value = True
    s.value = s.value.upper()
    arr[0] = 10
    for a in A:
        a.x **= 2
        a.y **= 2


if __name__ == "__main__":
    lock = Lock()
    n = Value("i", 7)
    b = Value(c_bool, False, lock=False)
    s = Array(c_char, b"hello world", lock=lock)
    arr = Array("i", range(5), lock=True)
    A = Array(Point, [(1.875, -6.25), (-5.75, 2.0)], lock=lock)

    p = Process(target=modify, args=(n, b, s, arr, A))
    p.start()
    p.join()

    print(n.value)
    print(b.value)
    print(s.value)
    print(arr[:])
    print([(a.x, a.y) for a in A])

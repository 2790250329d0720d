# /// script
# requires-python = ">=3.11"
# dependencies = ["numpy>=2.3"]
# ///
"""NumPy in shared memory: workers view one array by the block's name and work on it in place."""

import math
from itertools import pairwise
from multiprocessing import Pool
from multiprocessing.shared_memory import SharedMemory

import numpy as np

SHAPE = (2_000, 5_000)  # 10 million float64: 80 MB
SLICES = 4


def sqrt_rows(name: str, shape: tuple[int, ...], dtype: str, start: int, stop: int) -> None:
    """Attach to the block, view it as the parent's array, take square roots of some rows."""
    shm = SharedMemory(name=name)
    array = np.frombuffer(shm.buf, dtype=dtype, count=math.prod(shape)).reshape(shape)
    rows = array[start:stop]  # a view: nothing is copied
    np.sqrt(rows, out=rows)
    del array, rows  # close() refuses while an array still uses shm.buf
    shm.close()


if __name__ == "__main__":
    size = math.prod(SHAPE) * np.dtype(np.float64).itemsize
    shm = SharedMemory(create=True, size=size)  # before the pool starts its workers
    try:
        array = np.frombuffer(shm.buf, dtype=np.float64).reshape(SHAPE)
        array[:] = np.arange(array.size).reshape(SHAPE)
        bounds = np.linspace(0, SHAPE[0], SLICES + 1, dtype=int).tolist()
        tasks = [(shm.name, SHAPE, array.dtype.str, a, b) for a, b in pairwise(bounds)]
        print(f"{array.nbytes:,} bytes; the first task: {tasks[0]}")
        with Pool() as pool:
            pool.starmap(sqrt_rows, tasks)
        expected = np.sqrt(np.arange(array.size)).reshape(SHAPE)
        print(f"corner: {array[0, :3]}, checked: {np.array_equal(array, expected)}")
        del array  # the parent's view too, before its close()
    finally:
        shm.close()
        shm.unlink()  # once, by the owner

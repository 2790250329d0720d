# /// script
# requires-python = ">=3.11"
# dependencies = ["numpy>=2.3"]
# ///
"""The same work on a large array, its slices pickled to the workers or shared by name: timed."""

import math
import time
from itertools import pairwise
from multiprocessing import Pool
from multiprocessing.shared_memory import SharedMemory

import numpy as np

SHAPE = (2_000, 5_000)  # 10 million float64: 80 MB
SLICES = 4


def sqrt_copy(rows: np.ndarray) -> np.ndarray:
    """Take square roots of the rows received: they came pickled, and go back pickled."""
    return np.sqrt(rows)


def sqrt_rows(name: str, shape: tuple[int, ...], dtype: str, start: int, stop: int) -> None:
    """Take square roots in place, in the shared block (as in shared_ndarray.py)."""
    shm = SharedMemory(name=name)
    array = np.frombuffer(shm.buf, dtype=dtype, count=math.prod(shape)).reshape(shape)
    rows = array[start:stop]
    np.sqrt(rows, out=rows)
    del array, rows
    shm.close()


if __name__ == "__main__":
    data = np.arange(math.prod(SHAPE), dtype=np.float64).reshape(SHAPE)
    expected = np.sqrt(data)
    bounds = np.linspace(0, SHAPE[0], SLICES + 1, dtype=int).tolist()
    shm = SharedMemory(create=True, size=data.nbytes)  # before the pool: pool_before_block.py
    try:
        array = np.frombuffer(shm.buf, dtype=data.dtype).reshape(SHAPE)
        tasks = [(shm.name, SHAPE, data.dtype.str, a, b) for a, b in pairwise(bounds)]
        with Pool() as pool:
            for _ in range(2):  # the first round also pays one-off costs
                start = time.perf_counter()
                result = np.concatenate(pool.map(sqrt_copy, np.array_split(data, SLICES)))
                seconds = time.perf_counter() - start
                print(f"pickled: {np.array_equal(result, expected)} in {seconds:.3f} s")
                start = time.perf_counter()
                array[:] = data  # real code would make its array in the block from the start
                pool.starmap(sqrt_rows, tasks)
                seconds = time.perf_counter() - start
                print(f"shared:  {np.array_equal(array, expected)} in {seconds:.3f} s")
        del array
    finally:
        shm.close()
        shm.unlink()

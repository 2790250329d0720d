"""Catch the exception in the worker and return its traceback: the other results are kept."""

import traceback
from multiprocessing import Pool


def inverse(n: int) -> tuple[int, float | None, str | None]:
    try:
        return n, 1 / n, None
    except Exception:  # noqa: BLE001 - every failure becomes a result
        return n, None, traceback.format_exc()


if __name__ == "__main__":
    with Pool(2) as pool:
        for n, value, error in pool.map(inverse, [4, 2, 1, 0]):
            if error is None:
                print(f"1/{n} = {value}")
            else:
                print(f"1/{n} failed:\n{error}")

"""functools.partial fixes the arguments that are the same for every call."""

from functools import partial
from multiprocessing import Pool


def multiply(a: int, b: int) -> int:
    return a * b


if __name__ == "__main__":
    times_ten = partial(multiply, b=10)  # times_ten(7) is multiply(7, b=10)
    with Pool(2) as pool:
        print(f"times ten:     {pool.map(times_ten, [1, 2, 3, 4])}")
        print(f"times hundred: {pool.map(partial(multiply, b=100), [1, 2, 3, 4])}")

"""Typed into a REPL or a notebook cell: the worker looks for square in a __main__ without a file."""

from multiprocessing import Pool


def square(n: int) -> int:
    return n * n


if __name__ == "__main__":
    with Pool(1) as pool:
        print(pool.apply(square, (4,)))

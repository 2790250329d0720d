"""Typed into a REPL or a notebook cell: square comes from tasks.py, which the worker can import."""

from multiprocessing import Pool

from tasks import square

if __name__ == "__main__":
    with Pool(1) as pool:
        print(pool.apply(square, (4,)))

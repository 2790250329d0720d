"""imap takes items from an endless generator as it goes, but runs far ahead of the reader."""

import itertools
import time
from collections.abc import Iterator
from multiprocessing import Pool

taken = 0  # how many items the pool has taken from the generator so far


def endless() -> Iterator[int]:
    global taken
    for n in itertools.count():
        taken += 1
        yield n


def square(n: int) -> int:
    time.sleep(0.01)  # each task takes a while: the workers do about 100 a second each
    return n * n


if __name__ == "__main__":
    with Pool(2) as pool:
        results = pool.imap(square, endless())
        print(f"first three results: {[next(results) for _ in range(3)]}")
        time.sleep(1)
        after_1_s = taken
        print(f"taken after 1 s: {after_1_s}, more than 1000: {after_1_s > 1000}")
        time.sleep(1)
        print(f"taken after 2 s: {taken}, still taking: {taken > after_1_s}")

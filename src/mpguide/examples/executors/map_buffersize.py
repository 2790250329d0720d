"""map(buffersize=N), new in 3.14, takes input only as results are used."""

import itertools
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor


def square(n: int) -> int:
    return n * n


def numbers() -> Iterator[int]:
    for n in itertools.count():
        print(f"  input: {n}")
        yield n


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2) as executor:
        results = executor.map(square, numbers(), buffersize=2)
        print("map() returned")
        for result in results:
            print(f"  result: {result}")
            if result >= 4:
                break

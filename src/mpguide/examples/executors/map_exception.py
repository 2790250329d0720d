"""Executor.map yields results in order and raises an exception where it occurs."""

from concurrent.futures import ProcessPoolExecutor


def inverse(n: int) -> float:
    return 1 / n


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2) as executor:
        for chunksize in [1, 2]:
            results = executor.map(inverse, [1, 2, 4, 0, 5], chunksize=chunksize)
            print(f"chunksize={chunksize}: map() gave a {type(results).__name__}")
            try:
                for result in results:
                    print(f"  {result}")
            except ZeroDivisionError as exc:
                print(f"  ZeroDivisionError: {exc}")

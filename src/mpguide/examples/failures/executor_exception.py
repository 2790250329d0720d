"""future.result() raises the worker's exception; its __cause__ holds the worker's traceback."""

from concurrent.futures import ProcessPoolExecutor


def inverse(n: int) -> float:
    return 1 / n


if __name__ == "__main__":
    with ProcessPoolExecutor(2) as executor:
        future = executor.submit(inverse, 0)
        try:
            future.result()
        except ZeroDivisionError as exc:
            print(f"caught {type(exc).__name__}: {exc}")
            print(f"its __cause__: {type(exc.__cause__).__name__}")
            print(exc.__cause__)

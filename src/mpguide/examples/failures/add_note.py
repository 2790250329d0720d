"""A note added in the worker travels with the exception and says which task failed."""

from multiprocessing import Pool


def inverse(n: int) -> float:
    try:
        return 1 / n
    except ZeroDivisionError as exc:
        exc.add_note(f"in inverse({n})")
        raise


if __name__ == "__main__":
    with Pool(2) as pool:
        try:
            pool.map(inverse, [4, 2, 1, 0])
        except ZeroDivisionError as exc:
            print(f"{type(exc).__name__}: {exc}")
            print("notes:", exc.__notes__)

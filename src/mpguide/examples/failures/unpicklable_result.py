"""A result that cannot be pickled never reaches the parent."""

import sqlite3
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import Pool


def connect(path: str) -> sqlite3.Connection:
    return sqlite3.connect(path)  # a connection belongs to the process that opened it


if __name__ == "__main__":
    with Pool(2) as pool:
        try:
            pool.map(connect, [":memory:"])
        except Exception as exc:  # noqa: BLE001 - show whatever arrives
            print(f"Pool:     {type(exc).__name__}: {exc}")

    with ProcessPoolExecutor(2) as executor:
        try:
            executor.submit(connect, ":memory:").result()
        except Exception as exc:  # noqa: BLE001 - show whatever arrives
            print(f"executor: {type(exc).__name__}: {exc}")
            print(f"its __cause__: {type(exc.__cause__).__name__}")

"""initializer runs once in each worker as it starts: a place for per-worker setup."""

import os
import sqlite3
from multiprocessing import Pool

connection: sqlite3.Connection  # one per worker process, opened by open_connection()


def open_connection(path: str) -> None:
    global connection
    connection = sqlite3.connect(path)
    print(f"worker {os.getpid()} opened a connection to {path}")


def square(n: int) -> int:
    (result,) = connection.execute("SELECT ? * ?", (n, n)).fetchone()
    return int(result)


if __name__ == "__main__":
    with Pool(2, initializer=open_connection, initargs=(":memory:",)) as pool:
        squares = pool.map(square, range(10))
        pool.close()
        pool.join()  # both workers have exited, so both have printed their line
    print(f"squares: {squares}")

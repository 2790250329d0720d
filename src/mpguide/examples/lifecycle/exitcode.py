"""exitcode: 0 when the target returns, 1 after an uncaught exception, N after sys.exit(N)."""

import sys
from multiprocessing import Process


def fine() -> None:
    pass


def fails() -> None:
    raise ValueError("bad input")


def exits() -> None:
    sys.exit(3)


if __name__ == "__main__":
    for target in (fine, fails, exits):
        p = Process(target=target, name=target.__name__)
        print(f"{p.name}: before start() exitcode={p.exitcode}")
        p.start()
        p.join()
        print(f"{p.name}: after join() exitcode={p.exitcode}")

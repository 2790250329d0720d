"""daemon must be set before start(): afterwards it can no longer change."""

import time
from multiprocessing import Process


def sleep() -> None:
    time.sleep(0.5)


if __name__ == "__main__":
    p = Process(target=sleep)  # or Process(target=sleep, daemon=True)
    p.start()
    try:
        p.daemon = True
    except AssertionError as e:
        print(f"AssertionError: {e}")
    print(f"p.daemon: {p.daemon}")
    p.join()

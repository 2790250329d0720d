"""close() frees a finished Process object's resources; the object cannot be used after it."""

import time
from multiprocessing import Process


def sleep() -> None:
    time.sleep(0.5)


if __name__ == "__main__":
    p = Process(target=sleep)
    p.start()
    try:
        p.close()
    except ValueError as e:
        print(f"close() while running: ValueError: {e}")

    p.join()
    p.close()
    print(p)
    try:
        p.join()
    except ValueError as e:
        print(f"join() after close(): ValueError: {e}")

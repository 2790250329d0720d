"""apply_async returns at once; the AsyncResult says when the call is done and how it went."""

import multiprocessing
import time
from multiprocessing import Pool


def slow_divide(a: int, b: int) -> float:
    time.sleep(1)
    return a / b


if __name__ == "__main__":
    with Pool(2) as pool:
        good = pool.apply_async(slow_divide, (1, 4))
        bad = pool.apply_async(slow_divide, (1, 0))
        print(f"ready at once: {good.ready()}")
        try:
            good.get(timeout=0.1)
        except multiprocessing.TimeoutError:
            print("get(timeout=0.1) raised multiprocessing.TimeoutError")
        print(f"get(): {good.get()}")
        bad.wait()  # like get(), but returns None and never raises
        print(f"ready: {bad.ready()}, successful: {bad.successful()}")
        try:
            bad.get()
        except ZeroDivisionError as exc:
            print(f"get() raised ZeroDivisionError: {exc}")

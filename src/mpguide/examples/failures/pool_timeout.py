"""AsyncResult.get(timeout) stops waiting; only terminate() stops the task that hangs."""

import multiprocessing
import time
from multiprocessing import Pool


def hang() -> None:
    time.sleep(3600)


if __name__ == "__main__":
    with Pool(2) as pool:
        result = pool.apply_async(hang)
        try:
            result.get(timeout=1)
        except multiprocessing.TimeoutError as exc:
            print("gave up after 1 s:", type(exc))
            print("a built-in TimeoutError?", isinstance(exc, TimeoutError))
    # the end of the with block called pool.terminate(): the hanging worker is gone
    print("done")

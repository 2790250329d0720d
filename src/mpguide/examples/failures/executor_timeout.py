"""future.result(timeout) stops waiting, but the task runs on and the with block waits for it."""

import time
from concurrent.futures import ProcessPoolExecutor


def slow() -> str:
    time.sleep(3)
    return "finished anyway"


if __name__ == "__main__":
    with ProcessPoolExecutor(2) as executor:
        future = executor.submit(slow)
        try:
            future.result(timeout=1)
        except TimeoutError as exc:
            print("gave up after 1 s:", type(exc))
        print("cancelled?", future.cancel())  # too late: it is running
    # the end of the with block called executor.shutdown(wait=True): it waited for the task
    print("after the with block:", future.result())

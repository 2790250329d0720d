"""callback and error_callback run in the parent process, in the pool's result-handler thread."""

import multiprocessing
import threading
from multiprocessing import Pool


def inverse(n: int) -> float:
    return 1 / n


def where() -> str:
    process = multiprocessing.current_process().name
    return f"process {process}, thread {threading.current_thread().name}"


def on_result(value: float) -> None:
    print(f"callback({value}) in {where()}")


def on_error(exc: BaseException) -> None:
    print(f"error_callback({exc!r}) in {where()}")


if __name__ == "__main__":
    print(f"main program in {where()}")
    with Pool(1) as pool:
        pool.apply_async(inverse, (4,), callback=on_result, error_callback=on_error)
        pool.apply_async(inverse, (0,), callback=on_result, error_callback=on_error)
        pool.close()
        pool.join()

"""A lock cannot travel in a pool task's arguments; give it to the workers with initializer."""

import multiprocessing
from multiprocessing.synchronize import Lock

worker_lock: Lock  # set in each pool worker by init_worker()


def init_worker(lock: Lock) -> None:
    global worker_lock  # each pool worker keeps the lock for its tasks
    worker_lock = lock


def square(n: int) -> int:
    with worker_lock:
        print(f"task {n}", flush=True)
    return n * n


def square_with(lock: Lock, n: int) -> int:
    with lock:
        return n * n


if __name__ == "__main__":
    lock = multiprocessing.Lock()
    with multiprocessing.Pool(2) as pool:
        try:
            pool.apply(square_with, (lock, 3))
        except RuntimeError as exc:
            print(f"RuntimeError: {exc}", flush=True)
    with multiprocessing.Pool(2, initializer=init_worker, initargs=(lock,)) as pool:
        print(pool.map(square, range(3)))

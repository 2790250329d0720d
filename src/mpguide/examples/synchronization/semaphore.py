"""A semaphore with 2 places: while two workers are inside, a third party cannot get in."""

import multiprocessing
from multiprocessing.synchronize import Event, Semaphore


def worker(n: int, places: Semaphore, inside: Semaphore, leave: Event) -> None:
    with places:
        print(f"worker {n}: inside", flush=True)
        inside.release()  # tell the main process
        leave.wait()


if __name__ == "__main__":
    places = multiprocessing.Semaphore(2)
    inside = multiprocessing.Semaphore(0)  # counts the workers that got in
    leave = multiprocessing.Event()
    workers = [
        multiprocessing.Process(target=worker, args=(n, places, inside, leave)) for n in (1, 2)
    ]
    for p in workers:
        p.start()
    for _ in workers:
        inside.acquire()
    print(f"main: got a place within 0.1 s: {places.acquire(timeout=0.1)}", flush=True)
    leave.set()
    for p in workers:
        p.join()
    print(f"main: got a place after they left: {places.acquire(timeout=0.1)}")

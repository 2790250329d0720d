"""Return results through a Queue: each result carries its input, get() them all, then join()."""

from __future__ import annotations

from multiprocessing import Process, Queue
from multiprocessing.queues import Queue as QueueType


def square(n: int, results: QueueType[tuple[int, int]]) -> None:
    results.put((n, n * n))


if __name__ == "__main__":
    results: QueueType[tuple[int, int]] = Queue()
    workers = [Process(target=square, args=(n, results)) for n in range(4)]
    for p in workers:
        p.start()
    got = [results.get() for _ in workers]  # one result per worker, in the order they finish
    for p in workers:
        p.join()  # after get(): see the queues chapter
    print(dict(sorted(got)))

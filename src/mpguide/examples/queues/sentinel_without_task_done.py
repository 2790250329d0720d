"""The original's consumer: no task_done() for the sentinel, so join() never returns."""

from __future__ import annotations

import multiprocessing
from multiprocessing.queues import JoinableQueue


def consumer(in_queue: JoinableQueue[int | None]) -> None:
    while 1:
        task = in_queue.get()
        if task is None:
            break  # as in the original: this item is never marked done
        in_queue.task_done()


if __name__ == "__main__":
    tasks_queue: JoinableQueue[int | None] = multiprocessing.JoinableQueue()
    p = multiprocessing.Process(target=consumer, args=(tasks_queue,))
    p.start()
    for n in range(3):
        tasks_queue.put(n)
    tasks_queue.put(None)
    print("3 tasks and the sentinel put; waiting for tasks_queue.join() ...", flush=True)
    tasks_queue.join()
    print("every task is done")  # never printed

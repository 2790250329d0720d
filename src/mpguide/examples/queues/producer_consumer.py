"""A producer puts tasks on a JoinableQueue; several consumers put the results on a Queue."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from multiprocessing.queues import JoinableQueue, Queue

Task = tuple[Callable[[int], int], int] | None  # None is the sentinel: "no more tasks"

N_TASKS = 6
N_CONSUMERS = 3


def double(n: int) -> int:
    return n * 2


def producer(in_queue: JoinableQueue[Task]) -> None:
    for n in range(N_TASKS):
        in_queue.put((double, n))
    for _ in range(N_CONSUMERS):
        in_queue.put(None)  # one sentinel for each consumer
    print("stop producer", flush=True)


def consumer(in_queue: JoinableQueue[Task], out_queue: Queue[int]) -> None:
    while True:
        task = in_queue.get()
        if task is None:
            in_queue.task_done()  # the sentinel was put, so it must be marked done too
            break
        func, arg = task
        out_queue.put(func(arg))
        in_queue.task_done()  # only once the result has been put


if __name__ == "__main__":
    tasks_queue: JoinableQueue[Task] = multiprocessing.JoinableQueue()
    results_queue: Queue[int] = multiprocessing.Queue()

    producer_process = multiprocessing.Process(target=producer, args=(tasks_queue,))
    producer_process.start()
    consumers = []
    for _ in range(N_CONSUMERS):
        p = multiprocessing.Process(target=consumer, args=(tasks_queue, results_queue))
        p.start()
        consumers.append(p)

    producer_process.join()  # every task and sentinel has been put ...
    tasks_queue.join()  # ... and now every one of them is done

    results = [results_queue.get() for _ in range(N_TASKS)]  # get by count, not empty()
    for p in consumers:
        p.join()  # only after the queue they put results on has been drained

    for result in results:
        print(f"Result: {result}")

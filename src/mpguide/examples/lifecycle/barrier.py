"""Barrier(parties): wait() blocks until all have arrived, and returns each a different index."""

from __future__ import annotations

from multiprocessing import Barrier, Process, Queue
from multiprocessing.queues import Queue as QueueType
from multiprocessing.synchronize import Barrier as BarrierType


def arrive(barrier: BarrierType, indexes: QueueType[int]) -> None:
    index = barrier.wait()  # 0 to parties - 1; which one each gets is a race
    if index == 0:
        print("index 0: one process, no matter which, does the one-off job", flush=True)
    indexes.put(index)


if __name__ == "__main__":
    barrier = Barrier(3)
    indexes: QueueType[int] = Queue()
    workers = [Process(target=arrive, args=(barrier, indexes)) for _ in range(2)]
    for p in workers:
        p.start()
    arrive(barrier, indexes)  # the main process is the third party
    print(f"indexes: {sorted(indexes.get() for _ in range(3))}")
    for p in workers:
        p.join()

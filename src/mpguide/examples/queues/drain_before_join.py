"""A process that has put data on a queue ends only after the data is taken off the queue."""

from __future__ import annotations

import multiprocessing
from multiprocessing.queues import Queue


def send(out_queue: Queue[bytes]) -> None:
    out_queue.put(b"x" * (4 * 1024 * 1024))  # 4 MiB: more than the pipe under the queue can hold


if __name__ == "__main__":
    queue: Queue[bytes] = multiprocessing.Queue()
    p = multiprocessing.Process(target=send, args=(queue,))
    p.start()

    p.join(timeout=0.5)  # without the timeout, this would wait forever
    print(f"after join(timeout=0.5): is_alive() {p.is_alive()}")

    data = queue.get()
    print(f"got {len(data)} bytes")
    p.join()
    print(f"after get() and join(): exitcode {p.exitcode}")

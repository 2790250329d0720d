"""The same 5000 round trips through a Pipe and through a pair of Queues: elapsed and CPU time."""

from __future__ import annotations

import time
from multiprocessing import Pipe, Process, Queue
from multiprocessing.connection import Connection
from multiprocessing.queues import Queue as QueueType

N = 5000


def echo_pipe(conn: Connection) -> None:
    while (n := conn.recv()) is not None:
        conn.send(n)


def echo_queues(inbox: QueueType[int | None], outbox: QueueType[int]) -> None:
    while (n := inbox.get()) is not None:
        outbox.put(n)


if __name__ == "__main__":
    here, there = Pipe()
    p = Process(target=echo_pipe, args=(there,))
    p.start()
    here.send(0)
    here.recv()  # the child is up: do not time its start
    start, cpu = time.perf_counter(), time.process_time()
    for n in range(N):
        here.send(n)
        here.recv()
    print(f"Pipe:   {time.perf_counter() - start:.2f} s, CPU {time.process_time() - cpu:.2f} s")
    here.send(None)
    p.join()

    inbox: QueueType[int | None] = Queue()
    outbox: QueueType[int] = Queue()
    p = Process(target=echo_queues, args=(inbox, outbox))
    p.start()
    inbox.put(0)
    outbox.get()
    start, cpu = time.perf_counter(), time.process_time()
    for n in range(N):
        inbox.put(n)
        outbox.get()
    print(f"Queues: {time.perf_counter() - start:.2f} s, CPU {time.process_time() - cpu:.2f} s")
    inbox.put(None)
    p.join()

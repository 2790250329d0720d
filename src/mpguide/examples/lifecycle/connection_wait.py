"""connection.wait() watches several connections and returns the ones ready to read."""

import time
from multiprocessing import Pipe, Process
from multiprocessing.connection import Connection, wait


def work(n: int, sender: Connection) -> None:
    time.sleep(0.1 * (3 - n))  # the last started finishes first
    sender.send(f"worker {n}: {n * n}")
    sender.close()


if __name__ == "__main__":
    receivers, workers = [], []
    for n in range(3):
        receiver, sender = Pipe(duplex=False)
        p = Process(target=work, args=(n, sender))
        p.start()
        sender.close()  # only the child's copy stays open: EOFError when it exits
        receivers.append(receiver)
        workers.append(p)
    while receivers:
        for r in wait(receivers):
            try:
                print(r.recv())
            except EOFError:
                receivers.remove(r)
    for p in workers:
        p.join()

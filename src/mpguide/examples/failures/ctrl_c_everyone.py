"""Ctrl-C in a terminal goes to every process of the job: the children get KeyboardInterrupt too."""

import time
from multiprocessing import Pipe, Process, current_process
from multiprocessing.connection import Connection


def work(ready: Connection) -> None:
    try:
        ready.send("ready")
        time.sleep(60)  # Ctrl-C comes long before
    except KeyboardInterrupt:
        print(f"{current_process().name}: KeyboardInterrupt", flush=True)


if __name__ == "__main__":
    reader, writer = Pipe(duplex=False)
    children = [Process(target=work, args=(writer,)) for _ in range(2)]
    for p in children:
        p.start()
    try:
        for _ in children:
            reader.recv()  # wait until both children are at work
        print("working... press Ctrl-C", flush=True)
        for p in children:
            p.join()
    except KeyboardInterrupt:
        print(f"{current_process().name}: KeyboardInterrupt", flush=True)
    for p in children:
        p.join()

"""Two events make a handshake: the worker says it is ready, the main process says go."""

import multiprocessing
from multiprocessing.synchronize import Event


def worker(ready: Event, go: Event) -> None:
    print("worker: ready", flush=True)
    ready.set()
    go.wait()
    print("worker: got the go", flush=True)


if __name__ == "__main__":
    ready = multiprocessing.Event()
    go = multiprocessing.Event()
    p = multiprocessing.Process(target=worker, args=(ready, go))
    p.start()
    ready.wait()
    print(f"main: go.is_set() = {go.is_set()}", flush=True)
    print(f"main: go.wait(0.1) = {go.wait(0.1)}", flush=True)  # times out
    go.set()
    p.join()
    print(f"main: go.is_set() = {go.is_set()}")

"""A daemon process is stopped when the main program ends; a non-daemon one is waited for."""

import multiprocessing
import time
from multiprocessing.synchronize import Event


def daemon(started: Event) -> None:
    p = multiprocessing.current_process()
    print(f"Starting: {p.name} {p.pid}", flush=True)
    started.set()
    time.sleep(60)  # still asleep when the main program ends
    print("Exiting :", p.name, p.pid, flush=True)


def non_daemon() -> None:
    p = multiprocessing.current_process()
    print(f"Starting: {p.name} {p.pid}", flush=True)
    print("Exiting :", p.name, p.pid, flush=True)


if __name__ == "__main__":
    started = multiprocessing.Event()
    d = multiprocessing.Process(name="daemon", target=daemon, args=(started,), daemon=True)
    n = multiprocessing.Process(name="non-daemon", target=non_daemon)

    d.start()
    started.wait()  # the daemon has printed its first line
    n.start()

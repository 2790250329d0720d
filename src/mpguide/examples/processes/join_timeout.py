"""join(timeout) stops waiting after the timeout; is_alive() tells whether the process still runs."""

import multiprocessing
import time
from multiprocessing.synchronize import Event


def daemon(started: Event) -> None:
    p = multiprocessing.current_process()
    print(f"Starting: {p.name} {p.pid}", flush=True)
    started.set()
    time.sleep(10)
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
    n.start()
    started.wait()
    n.join()

    d.join(1)  # the daemon sleeps for 10 s: stop waiting after 1 s
    print("d.is_alive()", d.is_alive())

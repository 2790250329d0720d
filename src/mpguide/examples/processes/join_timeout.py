"""join(timeout) stops waiting after the timeout; is_alive() tells whether the process still runs."""

import multiprocessing
import time


def daemon() -> None:
    p = multiprocessing.current_process()
    print(f"Starting: {p.name} {p.pid}", flush=True)
    time.sleep(2)
    print("Exiting :", p.name, p.pid, flush=True)


def non_daemon() -> None:
    p = multiprocessing.current_process()
    print(f"Starting: {p.name} {p.pid}", flush=True)
    print("Exiting :", p.name, p.pid, flush=True)


if __name__ == "__main__":
    d = multiprocessing.Process(name="daemon", target=daemon, daemon=True)
    n = multiprocessing.Process(name="non-daemon", target=non_daemon)

    d.start()
    n.start()

    d.join(1)
    print("d.is_alive()", d.is_alive())
    n.join()

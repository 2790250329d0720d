"""A daemon is terminated when the main process exits: its finally and atexit never run."""

import atexit
import time
from multiprocessing import Event, Process
from multiprocessing.synchronize import Event as EventType


def daemon(started: EventType) -> None:
    atexit.register(print, "daemon: atexit handler", flush=True)
    try:
        print("daemon: working", flush=True)
        started.set()
        time.sleep(60)
    finally:
        print("daemon: finally", flush=True)


if __name__ == "__main__":
    started = Event()
    Process(target=daemon, args=(started,), daemon=True).start()
    started.wait()
    print("main: exiting", flush=True)

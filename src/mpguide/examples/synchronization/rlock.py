"""An RLock can be taken again by the process that holds it; other processes wait."""

import multiprocessing
from multiprocessing.synchronize import RLock


def log(lock: RLock, message: str) -> None:
    with lock:
        print(message, flush=True)


def report(lock: RLock, name: str) -> None:
    with lock:  # hold the lock for the whole report...
        log(lock, f"{name}: start")  # ...while log() takes it a second time
        log(lock, f"{name}: done")


if __name__ == "__main__":
    lock = multiprocessing.RLock()
    with lock:
        report(lock, "main")
        child = multiprocessing.Process(target=report, args=(lock, "child"))
        child.start()
        print("main: child started, main still holds the lock", flush=True)
    child.join()

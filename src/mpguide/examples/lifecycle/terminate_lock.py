"""A lock held by a terminated process is never released: nobody can take it again."""

import time
from multiprocessing import Event, Lock, Process
from multiprocessing.synchronize import Event as EventType
from multiprocessing.synchronize import Lock as LockType


def hold(lock: LockType, locked: EventType) -> None:
    with lock:  # terminate() gives `with` no chance to release the lock
        locked.set()
        time.sleep(60)


if __name__ == "__main__":
    lock, locked = Lock(), Event()
    p = Process(target=hold, args=(lock, locked))
    p.start()
    locked.wait()  # the child holds the lock now
    p.terminate()
    p.join()
    print(f"child terminated: exitcode={p.exitcode}")
    print(f"lock.acquire(timeout=1): {lock.acquire(timeout=1)}")

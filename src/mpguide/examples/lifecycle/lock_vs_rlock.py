"""acquire(timeout=...) on a lock the caller holds: a Lock says False, an RLock says True."""

from multiprocessing import Lock, Process, RLock
from multiprocessing.synchronize import RLock as RLockType


def try_rlock(rlock: RLockType) -> None:
    got = rlock.acquire(timeout=0.1)
    print(f"child: rlock.acquire(timeout=0.1) {got}")
    if got:
        rlock.release()


if __name__ == "__main__":
    lock, rlock = Lock(), RLock()
    lock.acquire()
    print(f"main: lock.acquire(timeout=0.1) {lock.acquire(timeout=0.1)}")  # would deadlock
    rlock.acquire()
    print(f"main: rlock.acquire(timeout=0.1) {rlock.acquire(timeout=0.1)}")  # second level
    p = Process(target=try_rlock, args=(rlock,))
    p.start()
    p.join()  # the child waited 0.1 s in vain: the main process holds the RLock
    rlock.release()
    rlock.release()  # once per acquire(): now the RLock is free
    p = Process(target=try_rlock, args=(rlock,))
    p.start()
    p.join()

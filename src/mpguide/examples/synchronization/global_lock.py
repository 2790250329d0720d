"""A lock kept in a global variable, as threading code does: who shares it depends on how."""

from multiprocessing import Lock, Process

lock = Lock()


def take_lock(name: str) -> None:
    # Try without waiting: False means someone else holds this very lock.
    print(f"{name}: acquire(block=False) -> {lock.acquire(block=False)}", flush=True)


if __name__ == "__main__":
    lock.acquire()  # the parent holds its lock from now on
    for name in ("first child", "second child"):
        p = Process(target=take_lock, args=(name,))
        p.start()
        p.join()

"""close() frees a finished Process object's resources; the object cannot be used after it."""

import multiprocessing
from multiprocessing import Process
from multiprocessing.synchronize import Event


def wait_for(go: Event) -> None:
    go.wait()


if __name__ == "__main__":
    go = multiprocessing.Event()
    p = Process(target=wait_for, args=(go,))
    p.start()
    try:
        p.close()  # the child is still waiting for go: it cannot have finished
    except ValueError as e:
        print(f"close() while running: ValueError: {e}")

    go.set()
    p.join()
    p.close()
    print(p)
    try:
        p.join()
    except ValueError as e:
        print(f"join() after close(): ValueError: {e}")

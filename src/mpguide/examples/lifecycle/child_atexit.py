"""A child that ends normally runs its finally; its atexit handlers depend on version and method."""

import atexit
from multiprocessing import Process


def work() -> None:
    atexit.register(print, "child: atexit handler", flush=True)
    try:
        print("child: working", flush=True)
    finally:
        print("child: finally", flush=True)


if __name__ == "__main__":
    p = Process(target=work)
    p.start()
    p.join()
    print(f"main: exitcode {p.exitcode}")

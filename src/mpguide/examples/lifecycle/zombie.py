"""A child that has ended but is not joined stays a zombie until join() or active_children()."""

import time
from multiprocessing import Process, active_children
from multiprocessing.connection import wait
from pathlib import Path


def state(p: Process) -> str:
    """The process's state letter from /proc (Linux): Z is a zombie."""
    try:
        stat = Path(f"/proc/{p.pid}/stat").read_text()
    except FileNotFoundError:
        return "gone"
    return stat.rsplit(")", 1)[1].split()[0]


def quick() -> None:
    pass


if __name__ == "__main__":
    p = Process(target=quick)
    p.start()
    wait([p.sentinel])  # the child has ended (this does not join it)
    time.sleep(0.5)
    print(f"ended, not joined: state {state(p)}")
    print(f"active_children(): {active_children()}")  # joins every child that has ended
    print(f"after active_children(): state {state(p)}, exitcode {p.exitcode}")

"""A process killed by a signal has a negative exit code: minus the signal's number."""

import os
import signal
import time
from multiprocessing import Process


def sleep() -> None:
    time.sleep(60)


def exit_with(code: int) -> None:
    os._exit(code)


if __name__ == "__main__":
    killed = Process(target=sleep)
    terminated = Process(target=sleep)
    exited = Process(target=exit_with, args=(3,))
    for p in (killed, terminated, exited):
        p.start()

    killed.kill()  # sends SIGKILL, as `kill -9 PID` does
    terminated.terminate()  # sends SIGTERM
    for name, p in [("killed", killed), ("terminated", terminated), ("exited", exited)]:
        p.join()
        print(f"{name:10} exitcode={p.exitcode}")

    print(f"-SIGKILL = {-signal.SIGKILL}, -SIGTERM = {-signal.SIGTERM}")
    print(killed)

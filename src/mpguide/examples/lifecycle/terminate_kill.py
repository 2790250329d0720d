"""terminate() sends SIGTERM, kill() sends SIGKILL: the exit code is minus the signal's number."""

import signal
import time
from multiprocessing import Process


def sleep() -> None:
    time.sleep(60)


if __name__ == "__main__":
    p = Process(target=sleep)
    p.start()
    print(f"running: exitcode={p.exitcode}, is_alive()={p.is_alive()}")
    p.terminate()
    p.join()
    print(f"after terminate(): exitcode={p.exitcode}; SIGTERM is signal {signal.SIGTERM.value}")

    q = Process(target=sleep)
    q.start()
    q.kill()
    q.join()
    print(f"after kill(): exitcode={q.exitcode}; SIGKILL is signal {signal.SIGKILL.value}")
    print(q)

"""interrupt() (3.14+) sends SIGINT: the child gets KeyboardInterrupt and can clean up."""

import time
from multiprocessing import Event, Process
from multiprocessing.synchronize import Event as EventType


def work(started: EventType) -> None:
    try:
        started.set()
        time.sleep(60)
    except KeyboardInterrupt:
        print("child: KeyboardInterrupt, cleaning up", flush=True)


if __name__ == "__main__":
    started = Event()
    p = Process(target=work, args=(started,))
    p.start()
    started.wait()
    p.interrupt()
    p.join()
    print(f"exitcode={p.exitcode}")

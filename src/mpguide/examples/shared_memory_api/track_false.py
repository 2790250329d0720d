"""3.13+: the other program attaches with track=False, and the block outlives it."""

import subprocess
import sys
import time
from multiprocessing.shared_memory import SharedMemory


def other_program(name: str) -> None:
    """Attach by name without registering the block with a resource tracker, change it, detach."""
    shm = SharedMemory(name=name, track=False)
    shm.buf[:5] = bytes(shm.buf[:5]).upper()
    shm.close()


if __name__ == "__main__":
    if len(sys.argv) > 1:  # run as `python3 track_false.py NAME`: the other program
        other_program(sys.argv[1])
        sys.exit()
    shm = SharedMemory(create=True, size=5)
    try:
        shm.buf[:5] = b"hello"
        subprocess.run([sys.executable, __file__, shm.name], check=True)
        time.sleep(1)  # more than the tracker of attach_unrelated.py needed to unlink the block
        again = SharedMemory(name=shm.name)  # it is still there
        print(f"after the other program: {bytes(again.buf[:5])!r}")
        again.close()
    finally:
        shm.close()
        shm.unlink()

"""Another program attaches to our block and exits: its resource tracker unlinks the block."""

import subprocess
import sys
import time
from multiprocessing.shared_memory import SharedMemory


def other_program(name: str) -> None:
    """Attach by name, read, detach: it never calls unlink(), the block is not its own."""
    shm = SharedMemory(name=name)
    print(f"other program: read {bytes(shm.buf[:5])!r}")
    shm.close()


def attachable(name: str) -> bool:
    try:
        SharedMemory(name=name).close()
    except FileNotFoundError:
        return False
    return True


if __name__ == "__main__":
    if len(sys.argv) > 1:  # run as `python3 attach_unrelated.py NAME`: the other program
        other_program(sys.argv[1])
        sys.exit()
    shm = SharedMemory(create=True, size=5)
    shm.buf[:5] = b"hello"
    subprocess.run([sys.executable, __file__, shm.name], check=True)
    deadline = time.monotonic() + 5  # its tracker does it just after it exits: wait for that
    while attachable(shm.name) and time.monotonic() < deadline:
        time.sleep(0.05)
    print(f"after it exited, can we attach? {attachable(shm.name)}")
    print(f"our own view still reads {bytes(shm.buf[:5])!r}")
    shm.close()
    try:
        shm.unlink()
    except FileNotFoundError:
        print("our unlink(): FileNotFoundError")

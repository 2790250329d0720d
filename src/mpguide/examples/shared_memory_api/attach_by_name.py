"""SharedMemory: one process creates a named block, another attaches to it by that name."""

import struct
from multiprocessing import Process
from multiprocessing.shared_memory import SharedMemory

COUNT = 4  # four 8-byte integers: struct and memoryview format "q"


def double_all(name: str) -> None:
    """Attach to the block by its name, double each number in place, then detach."""
    shm = SharedMemory(name=name)
    # The block may be larger than asked for (a whole page on some systems): view only our part.
    with shm.buf[: COUNT * 8].cast("q") as numbers:
        for i in range(COUNT):
            numbers[i] *= 2
    shm.close()  # this process detaches; the block lives on


if __name__ == "__main__":
    shm = SharedMemory(create=True, size=COUNT * 8)
    try:
        struct.pack_into(f"{COUNT}q", shm.buf, 0, 1, 2, 3, 4)
        print(f"before: {struct.unpack_from(f'{COUNT}q', shm.buf)}")
        p = Process(target=double_all, args=(shm.name,))
        p.start()
        p.join()
        print(f"after:  {struct.unpack_from(f'{COUNT}q', shm.buf)}")
    finally:
        shm.close()
        shm.unlink()  # once, by the creator: the block is freed

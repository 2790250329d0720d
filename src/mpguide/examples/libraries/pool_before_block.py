"""Under fork, a worker started before the parent's first SharedMemory has a resource tracker of its own."""

from multiprocessing import Pool
from multiprocessing.shared_memory import SharedMemory


def read_first_byte(name: str) -> int:
    shm = SharedMemory(name=name)  # registers the name with this process's resource tracker
    first = shm.buf[0]
    shm.close()
    return first


if __name__ == "__main__":
    with Pool(2) as pool:  # the workers start here, before any SharedMemory exists
        shm = SharedMemory(create=True, size=16)
        shm.buf[0] = 42
        print(f"a worker read: {pool.apply(read_first_byte, (shm.name,))}")
        shm.close()
        shm.unlink()  # unregisters the name with the parent's resource tracker only
        print("unlinked by the parent")

"""SharedMemoryManager: every block made through it is unlinked when the with block ends."""

from multiprocessing import Process
from multiprocessing.managers import SharedMemoryManager
from multiprocessing.shared_memory import ShareableList


def square(results: ShareableList[int], i: int) -> None:
    results[i] = i * i
    results.shm.close()


if __name__ == "__main__":
    with SharedMemoryManager() as smm:
        results = smm.ShareableList([0] * 4)
        workers = [Process(target=square, args=(results, i)) for i in range(4)]
        for p in workers:
            p.start()
        for p in workers:
            p.join()
        print(results)
        name = results.shm.name
        results.shm.close()
    try:
        ShareableList(name=name)
    except FileNotFoundError:
        print("after the with block: FileNotFoundError, the block is gone")

"""ShareableList (3.8+): a list of fixed length in a named block of shared memory."""

from multiprocessing import Process
from multiprocessing.shared_memory import ShareableList


def modify(s: ShareableList[bytes], arr: ShareableList[int]) -> None:
    """Change both lists in place, then detach from their memory."""
    s[0] = s[0].upper()
    arr[0] = 10
    s.shm.close()
    arr.shm.close()


if __name__ == "__main__":
    s = ShareableList([b"hello world"])
    arr = ShareableList(range(5))

    p = Process(target=modify, args=(s, arr))
    p.start()
    p.join()

    print(s)
    print(arr)

    for sl in (s, arr):
        sl.shm.close()  # detach this process ...
        sl.shm.unlink()  # ... and free the block: once, by the process that created it

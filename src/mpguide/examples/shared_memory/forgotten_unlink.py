"""The example above without unlink(): the resource tracker frees the blocks, with a warning."""

from multiprocessing.shared_memory import ShareableList

if __name__ == "__main__":
    s = ShareableList([b"hello world"])
    arr = ShareableList(range(5))
    print(s)
    print(arr)
    for sl in (s, arr):
        sl.shm.close()  # detached, but never unlinked

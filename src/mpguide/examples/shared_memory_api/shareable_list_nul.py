"""ShareableList drops the NUL bytes at the end of a bytes or str item (gh-96779)."""

from multiprocessing.shared_memory import ShareableList

if __name__ == "__main__":
    items = [b"ab\x00\x00", "cd\x00", b"\x00e\x00f", b"\x00"]
    sl = ShareableList(items)
    try:
        for i, item in enumerate(items):
            print(f"{item!r:>13} -> {sl[i]!r}")
    finally:
        sl.shm.close()
        sl.shm.unlink()

"""close() refuses while a view made from buf is still alive: release the view first."""

from multiprocessing.shared_memory import SharedMemory

if __name__ == "__main__":
    shm = SharedMemory(create=True, size=8)
    try:
        numbers = shm.buf[:8].cast("q")
        numbers[0] = 42
        try:
            shm.close()
        except BufferError as e:
            print(f"BufferError: {e}")
        numbers.release()
        shm.close()
        print("closed after release()")
    finally:
        shm.unlink()

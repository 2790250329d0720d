# /// script
# requires-python = ">=3.11"
# dependencies = ["numpy>=2.3"]
# ///
"""np.frombuffer stops close() while the array is alive; np.ndarray(buffer=...) does not."""

from multiprocessing.shared_memory import SharedMemory

import numpy as np

SIZE = 1024 * 1024

if __name__ == "__main__":
    shm = SharedMemory(create=True, size=SIZE)
    array = np.frombuffer(shm.buf, dtype=np.float64)
    try:
        shm.close()
    except BufferError as error:
        print(f"np.frombuffer: close() raised BufferError: {error}")
    del array
    shm.close()
    shm.unlink()
    print("after del array: close() and unlink() succeed")

    shm = SharedMemory(create=True, size=SIZE)
    array = np.ndarray((SIZE // 8,), dtype=np.float64, buffer=shm.buf)
    print("np.ndarray(buffer=...): close() does not refuse; reading after it:", flush=True)
    shm.unlink()
    shm.close()  # unmaps the memory the array still points to
    print(array.sum())  # never printed: the process dies of SIGSEGV

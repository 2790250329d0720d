"""A Barrier whose parties never all arrive breaks at its timeout: BrokenBarrierError."""

from multiprocessing import Barrier
from threading import BrokenBarrierError

if __name__ == "__main__":
    barrier = Barrier(2, timeout=0.5)  # a second party never comes
    try:
        barrier.wait()
    except BrokenBarrierError:
        print(f"BrokenBarrierError; barrier.broken: {barrier.broken}")

"""Report progress while a pool works: imap_unordered, a counter, and one line redrawn in place."""

import time
from multiprocessing import Pool


def work(n: int) -> int:
    time.sleep(0.1)  # stands for a task that takes a while
    return n * n


if __name__ == "__main__":
    tasks = range(20)
    total = 0
    with Pool(2) as pool:
        for done, result in enumerate(pool.imap_unordered(work, tasks), start=1):
            total += result
            print(f"\rdone {done}/{len(tasks)}", end="", flush=True)
    print()  # end the progress line
    print(f"sum of squares: {total}")

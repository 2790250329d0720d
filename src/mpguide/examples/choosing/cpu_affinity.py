"""Pin the program to one CPU: which counts notice, and how many workers Pool() starts."""

import multiprocessing
import os
import sys


def report() -> None:
    print(f"  os.cpu_count():               {os.cpu_count()}")
    print(f"  len(os.sched_getaffinity(0)): {len(os.sched_getaffinity(0))}")
    if sys.version_info >= (3, 13):
        print(f"  os.process_cpu_count():       {os.process_cpu_count()}")
    with multiprocessing.Pool():
        workers = multiprocessing.active_children()
    print(f"  Pool() worker processes:      {len(workers)}")


if __name__ == "__main__":
    print("as started:")
    report()
    first_cpu = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {first_cpu})  # run on this CPU only, as taskset -c does
    print("pinned to one CPU:")
    report()

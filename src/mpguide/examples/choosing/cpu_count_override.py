"""PYTHON_CPU_COUNT (or -X cpu_count) overrides both CPU counts, and the size of Pool()."""

import multiprocessing
import os

if __name__ == "__main__":
    print(f"PYTHON_CPU_COUNT={os.environ.get('PYTHON_CPU_COUNT')}")
    print(f"os.cpu_count():                     {os.cpu_count()}")
    print(f"os.process_cpu_count():             {os.process_cpu_count()}")
    print(f"len(os.sched_getaffinity(0)):       {len(os.sched_getaffinity(0))}")
    with multiprocessing.Pool() as pool:
        workers = multiprocessing.active_children()
        in_worker = pool.apply(os.process_cpu_count)
    print(f"Pool() worker processes:            {len(workers)}")
    print(f"os.process_cpu_count() in a worker: {in_worker}")

"""max_tasks_per_child (3.11+) replaces each worker after that many tasks."""

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor


def whoami(task: int) -> str:
    name = multiprocessing.current_process().name
    return f"task {task} ran in {name}, pid {os.getpid()}"


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=1, max_tasks_per_child=2) as executor:
        for line in executor.map(whoami, range(6)):
            print(line, flush=True)

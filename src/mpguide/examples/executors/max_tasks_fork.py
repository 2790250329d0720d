"""max_tasks_per_child cannot be combined with the fork start method."""

import multiprocessing
from concurrent.futures import ProcessPoolExecutor

if __name__ == "__main__":
    fork = multiprocessing.get_context("fork")
    try:
        ProcessPoolExecutor(max_tasks_per_child=2, mp_context=fork)
    except ValueError as exc:
        print(f"ValueError: {exc}")

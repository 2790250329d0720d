"""mp_context picks one executor's start method, whatever the default is."""

import multiprocessing
from concurrent.futures import ProcessPoolExecutor


def worker_name() -> str:
    return multiprocessing.current_process().name


if __name__ == "__main__":
    for method in ["fork", "spawn", "forkserver"]:
        context = multiprocessing.get_context(method)
        with ProcessPoolExecutor(max_workers=1, mp_context=context) as executor:
            name = executor.submit(worker_name).result()
            print(f"{method}: the worker is {name}")

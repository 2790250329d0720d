"""Start one thread, one subinterpreter, one process: each runs one task, then stops."""

import time
from concurrent.futures import InterpreterPoolExecutor, ProcessPoolExecutor, ThreadPoolExecutor

EXECUTORS = [ThreadPoolExecutor, InterpreterPoolExecutor, ProcessPoolExecutor]

if __name__ == "__main__":
    for executor_class in EXECUTORS:
        start = time.perf_counter()
        with executor_class(max_workers=1) as executor:
            executor.submit(abs, -1).result()  # the first task starts the worker
        elapsed = time.perf_counter() - start
        print(f"{executor_class.__name__:24} {elapsed * 1000:6.1f} ms")

"""terminate_workers() (3.14+): started tasks break, waiting ones are cancelled."""

import time
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor, wait


def outcome(future: Future) -> str:
    try:
        return type(future.exception()).__name__  # exception() waits for the end
    except CancelledError:
        return "cancelled"


if __name__ == "__main__":
    executor = ProcessPoolExecutor(max_workers=2)  # no with block: see the text
    futures = [executor.submit(time.sleep, 60) for _ in range(10)]
    time.sleep(1)  # let the workers start the first tasks
    start = time.perf_counter()
    executor.terminate_workers()
    outcomes = [outcome(future) for future in futures]
    print(f"all 10 futures done within 5 s: {time.perf_counter() - start < 5}")
    print(f"task 0 (had started): {outcomes[0]}")
    print(f"task 9 (was waiting): {outcomes[9]}")
    print(f"all outcomes: {sorted(set(outcomes))}")
    cancelled = {future for future in futures if future.cancelled()}
    not_done = wait(futures, timeout=1).not_done
    print(f"wait() says the cancelled ones are not done: {not_done == cancelled}")

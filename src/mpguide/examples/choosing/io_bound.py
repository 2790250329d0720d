"""Ten tasks that each wait 0.2 s: threads, processes and asyncio all overlap the waiting."""

import asyncio
import time
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor

TASKS = 10
DELAY = 0.2


def wait(n: int) -> int:
    time.sleep(DELAY)  # stands for a network or disk request; the GIL is released
    return n


async def wait_async(n: int) -> int:
    await asyncio.sleep(DELAY)
    return n


async def wait_all_async() -> list[int]:
    return await asyncio.gather(*(wait_async(n) for n in range(TASKS)))


def in_pool(executor: Executor) -> list[int]:
    with executor:
        return list(executor.map(wait, range(TASKS)))


def report(label: str, start: float, results: list[int]) -> None:
    print(f"{label:24} {len(results)} results in {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    start = time.perf_counter()
    report("serial", start, [wait(n) for n in range(TASKS)])
    start = time.perf_counter()
    report(f"{TASKS} threads", start, in_pool(ThreadPoolExecutor(max_workers=TASKS)))
    start = time.perf_counter()
    report("processes, one per CPU", start, in_pool(ProcessPoolExecutor()))
    start = time.perf_counter()
    report(f"{TASKS} processes", start, in_pool(ProcessPoolExecutor(max_workers=TASKS)))
    start = time.perf_counter()
    report("asyncio, one thread", start, asyncio.run(wait_all_async()))

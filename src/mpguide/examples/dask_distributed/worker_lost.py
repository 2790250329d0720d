# /// script
# requires-python = ">=3.11"
# dependencies = ["dask[distributed]>=2025.1"]
# ///
"""A worker process dies in the middle of a task: the scheduler runs the task again elsewhere."""

import logging
import math
import os
import tempfile
import time
from pathlib import Path

from dask.distributed import Client, LocalCluster, get_worker


def is_prime(n: int) -> bool:
    return n >= 2 and all(n % d for d in range(2, math.isqrt(n) + 1))


def count_primes_once_dying(limit: int, marker: Path) -> int:
    """The first attempt kills its own worker process; the next one counts."""
    if not marker.exists():
        marker.write_text(get_worker().address)
        os._exit(1)  # as abrupt as a machine that loses its power
    return sum(1 for n in range(limit) if is_prime(n))


def running_workers(client: Client) -> list[str]:
    """The addresses of the workers that the scheduler has running, asked of it now."""
    workers = client.scheduler_info()["workers"]
    return [address for address, worker in workers.items() if worker["status"] == "running"]


if __name__ == "__main__":
    cluster = LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        dashboard_address="127.0.0.1:0",
        silence_logs=logging.CRITICAL,
    )
    with tempfile.TemporaryDirectory() as folder, cluster, Client(cluster) as client:
        marker = Path(folder, "died")
        future = client.submit(count_primes_once_dying, 100_000, marker)
        print(f"result: {future.result()}")
        dead = marker.read_text()  # the address of the worker that died
        print(f"the dead worker still listed: {dead in running_workers(client)}")
        # Its nanny starts a new worker process; the scheduler lists it once it runs.
        while len(workers := running_workers(client)) < 2:
            time.sleep(0.1)
        print(f"workers now: {len(workers)}, the dead one among them: {dead in workers}")

# /// script
# requires-python = ">=3.11"
# dependencies = ["dask[distributed]>=2025.1"]
# ///
"""A worker process dies in the middle of a task: the scheduler runs the task again elsewhere."""

import logging
import math
import os
import tempfile
from pathlib import Path

from dask.distributed import Client, LocalCluster


def is_prime(n: int) -> bool:
    return n >= 2 and all(n % d for d in range(2, math.isqrt(n) + 1))


def count_primes_once_dying(limit: int, marker: Path) -> int:
    """The first attempt kills its own worker process; the next one counts."""
    if not marker.exists():
        marker.write_text(str(os.getpid()))
        os._exit(1)  # as abrupt as a machine that loses its power
    return sum(1 for n in range(limit) if is_prime(n))


if __name__ == "__main__":
    cluster = LocalCluster(
        n_workers=2, threads_per_worker=1, dashboard_address=":0", silence_logs=logging.CRITICAL
    )
    with tempfile.TemporaryDirectory() as folder, cluster, Client(cluster) as client:
        marker = Path(folder, "died")
        future = client.submit(count_primes_once_dying, 100_000, marker)
        print(f"result: {future.result()}")
        dead = int(marker.read_text())
        print(f"the first attempt's worker process ({dead}) died")
        client.wait_for_workers(2)  # its nanny starts a new worker process
        pids = client.run(os.getpid).values()
        print(f"workers now: {len(pids)}, the dead one among them: {dead in pids}")

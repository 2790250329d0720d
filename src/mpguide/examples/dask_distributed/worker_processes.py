# /// script
# requires-python = ">=3.11"
# dependencies = ["dask[distributed]>=2025.1"]
# ///
"""LocalCluster's workers are child processes started with spawn, whatever this program's method."""

import logging
import multiprocessing
import os
import sys

import dask
from dask.distributed import Client, LocalCluster


def describe(client_pid: int) -> str:
    """Runs in each worker: which process it is, and how it was started."""
    name = multiprocessing.current_process().name
    child = os.getppid() == client_pid
    main = sys.modules["__main__"].__name__
    return f"{name}, child of the client: {child}, main module: {main}"


if __name__ == "__main__":
    print(f"workers start with: {dask.config.get('distributed.worker.multiprocessing-method')}")
    cluster = LocalCluster(
        n_workers=2, threads_per_worker=1, dashboard_address=":0", silence_logs=logging.CRITICAL
    )
    with cluster, Client(cluster) as client:
        client.wait_for_workers(2)
        for line in sorted(client.run(describe, os.getpid()).values()):
            print(line)

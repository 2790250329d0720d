"""Every process sends its records to one queue; a listener in the parent writes them all."""

from __future__ import annotations

import logging
import multiprocessing
import sys
from logging.handlers import QueueHandler, QueueListener
from multiprocessing.queues import Queue

logger = logging.getLogger(__name__)


def send_logs_to(queue: Queue[logging.LogRecord]) -> None:
    """Make the root logger of this process put every record on the queue, and nothing else."""
    root = logging.getLogger()
    root.handlers.clear()  # under fork, the parent's handlers came along
    root.addHandler(QueueHandler(queue))
    root.setLevel(logging.INFO)


def work(queue: Queue[logging.LogRecord], n: int) -> None:
    send_logs_to(queue)
    logger.info("task %d started", n)
    logger.warning("task %d finished", n)


if __name__ == "__main__":
    queue: Queue[logging.LogRecord] = multiprocessing.Queue()
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(logging.Formatter("%(processName)-11s %(levelname)-7s %(message)s"))
    listener = QueueListener(queue, handler)
    listener.start()
    send_logs_to(queue)  # the parent's own records take the same way

    workers = [
        multiprocessing.Process(target=work, args=(queue, n), name=f"worker-{n}") for n in (1, 2)
    ]
    for p in workers:
        p.start()
    for p in workers:
        p.join()
    logger.info("all workers are done")
    listener.stop()  # writes what is still in the queue, then stops its thread

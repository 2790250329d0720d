"""logging.basicConfig() in the main guard: a fork child has it, a spawn or forkserver child not."""

import logging
import sys
from multiprocessing import Process

logger = logging.getLogger(__name__)


def work() -> None:
    logger.info("an info record from the child")
    logger.warning("a warning from the child")


if __name__ == "__main__":
    logging.basicConfig(
        level=logging.INFO, format="%(processName)s %(levelname)s: %(message)s", stream=sys.stdout
    )
    logger.info("configured in the parent")
    p = Process(target=work)
    p.start()
    p.join()

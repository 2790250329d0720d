"""log_to_stderr(): multiprocessing's own logger, with the name of the process on each line."""

import logging
import multiprocessing


def work() -> None:
    multiprocessing.get_logger().info("hello from the child")


if __name__ == "__main__":
    logger = multiprocessing.log_to_stderr(logging.INFO)
    logger.info("starting a child")
    p = multiprocessing.Process(target=work)
    p.start()
    p.join()
    logger.info("the child is done")

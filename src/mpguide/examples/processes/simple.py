"""Start five processes that each run the same target function."""

import multiprocessing


def worker() -> None:
    print("Worker")


if __name__ == "__main__":
    jobs = []
    for _ in range(5):
        p = multiprocessing.Process(target=worker)
        jobs.append(p)
        p.start()

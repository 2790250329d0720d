"""Pass an argument to each process's target function."""

import multiprocessing


def worker(num: int) -> None:
    print(f"Worker: {num}")


if __name__ == "__main__":
    jobs = []
    for i in range(5):
        p = multiprocessing.Process(target=worker, args=(i,))
        jobs.append(p)
        p.start()

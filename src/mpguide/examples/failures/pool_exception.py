"""An exception raised in a worker process is raised again in the parent, by Pool.map."""

from multiprocessing import Pool


def inverse(n: int) -> float:
    return 1 / n


if __name__ == "__main__":
    with Pool(2) as pool:
        print(pool.map(inverse, [4, 2, 1, 0]))

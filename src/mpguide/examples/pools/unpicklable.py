"""A process pool must pickle the function it runs; a thread pool passes it as it is."""

import pickle
from multiprocessing import Pool
from multiprocessing.pool import ThreadPool

if __name__ == "__main__":
    with Pool(2) as pool:
        try:
            print("process pool:", pool.map(lambda n: n * 2, [1, 2, 3]))
        except pickle.PicklingError as exc:
            print("process pool:", type(exc).__name__)

    with ThreadPool(2) as pool:
        print("thread pool: ", pool.map(lambda n: n * 2, [1, 2, 3]))

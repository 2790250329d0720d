"""Under fork, Process does not pickle its target, so a lambda works; pools always pickle tasks."""

import pickle
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import Pool, Process

if __name__ == "__main__":
    p = Process(target=lambda: print("Process:  the child ran the lambda", flush=True))
    try:
        p.start()
        p.join()
    except pickle.PicklingError as exc:
        print("Process: ", type(exc).__name__)

    with Pool(2) as pool:
        try:
            pool.map(lambda n: n * 2, [1, 2, 3])
        except pickle.PicklingError as exc:
            print("Pool:    ", type(exc).__name__)

    with ProcessPoolExecutor(2) as executor:
        try:
            executor.submit(lambda: 1).result()
        except pickle.PicklingError as exc:
            print("executor:", type(exc).__name__)

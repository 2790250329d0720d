"""The original's two imports, one after the other: which Pool do they leave?"""

from multiprocessing import Pool
from multiprocessing.dummy import Pool  # noqa: F811 - as in the original: it replaces the first

if __name__ == "__main__":
    with Pool(2) as pool:
        print(pool)

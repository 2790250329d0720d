# The original tutorial's pool program, unchanged: no if __name__ == '__main__': guard.
from functools import lru_cache
from multiprocessing import Pool

@lru_cache(maxsize=None)
def fib(n):
    if n < 2:
        return n
    return fib(n-1) + fib(n-2)

pool = Pool(2)
pool.map(fib, [35] * 2)

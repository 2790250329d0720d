"""starmap unpacks each tuple into the arguments of one call: multiply(2, 10), multiply(3, 4)..."""

from multiprocessing import Pool


def multiply(a: int, b: int) -> int:
    return a * b


if __name__ == "__main__":
    pairs = [(2, 10), (3, 4), (5, 6)]
    with Pool(2) as pool:
        print(f"starmap:     {pool.starmap(multiply, pairs)}")
        firsts, seconds = [2, 3, 5], [10, 4, 6]
        print(f"zip columns: {pool.starmap(multiply, zip(firsts, seconds, strict=True))}")

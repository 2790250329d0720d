"""set_forkserver_preload(): the forkserver imports modules once; each child it forks has them."""

import multiprocessing
import sys


def imported(names: list[str]) -> list[bool]:
    return [name in sys.modules for name in names]


if __name__ == "__main__":
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["decimal", "no_such_module"])  # the second is a mistake
    with ctx.Pool(1) as pool:
        names = ["decimal", "tomllib"]
        for name, loaded in zip(names, pool.apply(imported, (names,)), strict=True):
            print(f"{name:8} already imported in the worker: {loaded}")

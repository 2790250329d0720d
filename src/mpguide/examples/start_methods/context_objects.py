"""A context object per start method: three start methods side by side in one program."""

import multiprocessing


def where() -> str:
    return f"{multiprocessing.current_process().name} runs the main module as {__name__!r}"


if __name__ == "__main__":
    for method in ["fork", "spawn", "forkserver"]:
        ctx = multiprocessing.get_context(method)
        with ctx.Pool(1) as pool:
            print(f"{ctx.get_start_method():10}  {pool.apply(where)}")

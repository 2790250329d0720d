"""Python 3.15: on_error="fail" makes a preload that cannot be imported an error, not a silence."""

import multiprocessing

if __name__ == "__main__":
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["decimal", "no_such_module"], on_error="fail")
    p = ctx.Process(target=print, args=("the child ran",))
    p.start()
    p.join()
    print(f"exit code: {p.exitcode}")

"""The start method is set once: set_start_method() again raises RuntimeError, unless forced."""

import multiprocessing

if __name__ == "__main__":
    multiprocessing.set_start_method("spawn", force=True)
    print(f"start method: {multiprocessing.get_start_method()}")
    multiprocessing.set_start_method("forkserver")
    print("not reached")

"""State set inside the __main__ guard: a fork child sees it, a spawn or forkserver child does not."""

from multiprocessing import Process

settings: dict[str, str] = {}


def show_settings() -> None:
    print(f"child sees:  {settings}")


if __name__ == "__main__":
    settings["mode"] = "fast"  # set at run time, only in the main program
    print(f"parent sees: {settings}")
    p = Process(target=show_settings)
    p.start()
    p.join()

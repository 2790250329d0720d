"""A daemon process may not start processes of its own."""

from multiprocessing import Process


def grandchild() -> None:
    print("never printed")


def daemon() -> None:
    Process(target=grandchild).start()


if __name__ == "__main__":
    d = Process(target=daemon, daemon=True)
    d.start()
    d.join()
    print(f"daemon's exitcode: {d.exitcode}")

"""A closure as the target: fork copies it, spawn and forkserver must pickle it and cannot."""

from collections.abc import Callable
from multiprocessing import Process


def make_greeter(greeting: str) -> Callable[[str], None]:
    def greet(name: str) -> None:
        print(f"{greeting}, {name}")

    return greet


if __name__ == "__main__":
    p = Process(target=make_greeter("hello"), args=("child",))
    p.start()
    p.join()
    print(f"exit code: {p.exitcode}")

"""Functions for the worker processes, kept in a module they can import by name."""


def square(n: int) -> int:
    return n * n

"""A subinterpreter has modules of its own: it runs our script again, and copies our data."""

from concurrent import interpreters

print(f"module {__name__} runs")
LIMIT = 100


def read_limit() -> int:
    return LIMIT


def append_and_count(items: list[int]) -> int:
    items.append(4)
    return len(items)


if __name__ == "__main__":
    LIMIT = 200
    interp = interpreters.create()
    print(f"our LIMIT is {LIMIT}, the subinterpreter's is {interp.call(read_limit)}")
    items = [1, 2, 3]
    count = interp.call(append_and_count, items)
    print(f"the subinterpreter counted {count} items, ours are still {items}")
    interp.close()

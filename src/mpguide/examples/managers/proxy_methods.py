"""What a manager's list and dict proxies can do: it depends on the Python version."""

from multiprocessing import Manager

if __name__ == "__main__":
    with Manager() as manager:
        numbers = manager.list([1, 2, 3])
        settings = manager.dict(colour="blue")
        print(f"list proxy has clear(): {hasattr(numbers, 'clear')}")
        print(f"list proxy has copy(): {hasattr(numbers, 'copy')}")
        print(f"dict proxy has fromkeys(): {hasattr(settings, 'fromkeys')}")
        try:
            print(f"dict proxy | dict: {settings | {'size': 3}}")
        except TypeError as error:
            print(f"dict proxy | dict: TypeError: {error}")
        # == is not sent to the server: it compares the proxy object itself.
        print(f"numbers == [1, 2, 3]: {numbers == [1, 2, 3]}")
        print(f"numbers[:] == [1, 2, 3]: {numbers[:] == [1, 2, 3]}")

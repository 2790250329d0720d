"""Who am I, who is my parent: name, pid, current_process() and parent_process()."""

import os
from multiprocessing import Process, current_process, parent_process


def show() -> None:
    me, parent = current_process(), parent_process()
    print(f"child: {me.name}, pid == os.getpid(): {me.pid == os.getpid()}")
    if parent is not None:  # None only in the main process
        print(f"child: parent {parent.name}, pid == os.getppid(): {parent.pid == os.getppid()}")


if __name__ == "__main__":
    main = current_process()
    print(f"main: {main.name}, pid == os.getpid(): {main.pid == os.getpid()}")
    print(f"main: parent_process() is {parent_process()}")
    p = Process(target=show)
    print(f"before start(): {p.name}, pid {p.pid}")
    p.start()
    p.join()
    print(f"after join(): {p.name}, pid {p.pid}")

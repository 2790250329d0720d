"""The original's lambda, registered with a manager whose server runs in a child process."""

import os
from multiprocessing.managers import BaseManager

shared_list: list[int] = []


class RemoteManager(BaseManager):
    """A manager with one registered type, get_list."""


RemoteManager.register("get_list", callable=lambda: shared_list)  # as in the original

if __name__ == "__main__":
    mgr = RemoteManager(address=("127.0.0.1", 0), authkey=os.urandom(32))  # port 0: any free one
    mgr.start()  # the server runs in a child process, which needs the lambda
    shared = mgr.get_list()
    shared.append(1)
    print(shared)
    mgr.shutdown()

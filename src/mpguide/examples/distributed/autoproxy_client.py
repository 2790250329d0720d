"""The original's client registration, unchanged: no proxy type. Against remote_server.py, it works."""

import os
from multiprocessing.managers import BaseManager

HOST = "127.0.0.1"


class RemoteManager(BaseManager):
    """A manager with one registered type, get_list."""


RemoteManager.register("get_list")  # as in the original: the client names no proxy type

if __name__ == "__main__":
    port = int(os.environ.get("MANAGER_PORT", "9030"))
    mgr = RemoteManager(address=(HOST, port), authkey=os.environ["MANAGER_AUTHKEY"].encode())
    mgr.connect()

    shared = mgr.get_list()
    shared.append(1)
    shared.append(2)
    print(type(shared).__name__)
    print(f"first item: {shared[0]}, length: {len(shared)}")
    for item in shared:
        print(f"item: {item}")

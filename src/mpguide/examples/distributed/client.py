"""A client that connects to remote_server.py and uses the list it shares."""

import os
from collections.abc import Callable
from multiprocessing.managers import BaseManager, ListProxy

HOST = "127.0.0.1"


class RemoteManager(BaseManager):
    """The client side: the same name, registered without a callable."""

    get_list: Callable[[], "ListProxy[int]"]  # for type checkers: register() adds it


RemoteManager.register("get_list", proxytype=ListProxy)

if __name__ == "__main__":
    port = int(os.environ.get("MANAGER_PORT", "9030"))
    authkey = os.environ["MANAGER_AUTHKEY"].encode()
    mgr = RemoteManager(address=(HOST, port), authkey=authkey)
    mgr.connect()

    shared = mgr.get_list()
    print(shared)
    shared.append(1)
    print(mgr.get_list())

    print(f"first item: {shared[0]}, length: {len(shared)}")
    for item in shared:
        print(f"item: {item}")

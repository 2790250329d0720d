"""The same client with the wrong key: the server refuses it before any request."""

import os
from multiprocessing import AuthenticationError
from multiprocessing.managers import BaseManager, ListProxy

HOST = "127.0.0.1"


class RemoteManager(BaseManager):
    """The same client side as in client.py."""


RemoteManager.register("get_list", proxytype=ListProxy)

if __name__ == "__main__":
    port = int(os.environ.get("MANAGER_PORT", "9030"))
    authkey = os.environ["MANAGER_AUTHKEY"].encode()
    mgr = RemoteManager(address=(HOST, port), authkey=authkey)
    try:
        mgr.connect()
    except AuthenticationError as exc:
        print(f"The server refused the key: {exc!r}")

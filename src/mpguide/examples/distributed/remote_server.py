"""A manager server that shares one list with the clients that know its key."""

import os
import sys
from multiprocessing.managers import BaseManager, ListProxy

HOST = "127.0.0.1"  # loopback only: other machines come in through an SSH tunnel

shared_list: list[int] = []


def get_list() -> list[int]:
    """Return the list the server shares."""
    return shared_list


class RemoteManager(BaseManager):
    """A manager with one registered type, get_list."""


RemoteManager.register("get_list", callable=get_list, proxytype=ListProxy)

if __name__ == "__main__":
    authkey = os.environ.get("MANAGER_AUTHKEY", "")
    if len(authkey) < 32:
        sys.exit("MANAGER_AUTHKEY must be set to a long random key (32 characters or more).")
    port = int(os.environ.get("MANAGER_PORT", "9030"))
    mgr = RemoteManager(address=(HOST, port), authkey=authkey.encode())
    server = mgr.get_server()
    print(f"Serving on {HOST}:{port}, press Ctrl-C to stop", flush=True)
    server.serve_forever()

"""A Manager keeps objects in a server process; other processes change them through proxies."""

from __future__ import annotations

from multiprocessing import Manager, Process
from multiprocessing.managers import DictProxy, ListProxy, Namespace


def modify(ns: Namespace, lproxy: ListProxy[str], dproxy: DictProxy[str, int]) -> None:
    """Change all three shared objects through their proxies."""
    ns.a *= 2
    lproxy.extend(["b", "c"])
    dproxy["b"] = 0


if __name__ == "__main__":
    with Manager() as manager:
        ns = manager.Namespace()
        ns.a = 1
        lproxy = manager.list()
        lproxy.append("a")
        dproxy = manager.dict()
        dproxy["b"] = 2

        p = Process(target=modify, args=(ns, lproxy, dproxy))
        p.start()
        print(f"PID: {p.pid}")
        p.join()

        print(ns.a)
        print(lproxy)
        print(dproxy)

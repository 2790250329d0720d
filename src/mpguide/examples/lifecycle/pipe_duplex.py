"""Pipe() gives two connected ends that both send() and recv(); poll(timeout) waits for data."""

from multiprocessing import Pipe, Process
from multiprocessing.connection import Connection


def shout(conn: Connection) -> None:
    while (message := conn.recv()) is not None:
        conn.send(message.upper())


if __name__ == "__main__":
    here, there = Pipe()  # duplex: both ends read and write
    p = Process(target=shout, args=(there,))
    p.start()
    print(f"poll(0.1) before sending anything: {here.poll(0.1)}")
    for word in ["hello", "pipe"]:
        here.send(word)
        print(f"sent {word!r}; poll(60): {here.poll(60)}; recv(): {here.recv()!r}")
    here.send(None)  # tell the child to stop
    p.join()

# /// script
# requires-python = ">=3.11"
# dependencies = ["trustme>=1.1"]
# ///
"""A failed send on one TLS connection makes the next read on another, healthy one fail."""

import contextlib
import select
import socket
import ssl
import struct
import threading

import trustme

ca = trustme.CA()  # a certificate authority for this run only
server_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ca.issue_cert("localhost").configure_cert(server_context)
client_context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
ca.configure_trust(client_context)


def connect(listener: socket.socket) -> tuple[ssl.SSLSocket, ssl.SSLSocket]:
    """A TLS connection to ourselves: its server end (non-blocking) and its client end."""
    ends: list[ssl.SSLSocket] = []

    def client() -> None:
        raw = socket.create_connection(listener.getsockname())
        ends.append(client_context.wrap_socket(raw, server_hostname="localhost"))

    thread = threading.Thread(target=client)
    thread.start()
    server = server_context.wrap_socket(listener.accept()[0], server_side=True)
    thread.join()
    ends[0].sendall(b"hello")
    server.recv(5)  # the first read after the handshake: the connection is in use
    server.setblocking(False)
    return server, ends[0]


if __name__ == "__main__":
    listener = socket.create_server(("127.0.0.1", 0))
    dead, dead_client = connect(listener)
    alive, alive_client = connect(listener)

    # The client of one connection resets it (a close that sends RST), as a killed peer would.
    dead_client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    dead_client.close()
    select.select([dead], [], [])  # until the reset arrives
    with contextlib.suppress(OSError):
        dead.recv(1024)  # ConnectionResetError, or the end of the stream on some versions
    try:
        dead.send(b"are you there?")
    except OSError:
        print("dead: sending fails, as expected: its client is gone")

    try:
        alive.recv(1024)  # nothing was sent on this connection yet
    except ssl.SSLWantReadError:
        print("alive: nothing to read yet, as expected")
    except OSError as exc:
        print(f"alive: {type(exc).__name__}: {exc}")

    alive_client.sendall(b"still here")
    select.select([alive], [], [])
    print(f"alive: {alive.recv(1024)!r}")

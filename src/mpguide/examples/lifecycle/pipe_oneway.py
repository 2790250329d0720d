"""Pipe(duplex=False): one end receives, the other sends; EOFError once every sender is closed."""

from multiprocessing import Pipe, Process
from multiprocessing.connection import Connection


def produce(sender: Connection) -> None:
    for n in range(3):
        sender.send(n * n)
    sender.close()


if __name__ == "__main__":
    receiver, sender = Pipe(duplex=False)  # receiving end first
    p = Process(target=produce, args=(sender,))
    p.start()
    print([receiver.recv() for _ in range(3)])
    p.join()
    print(f"child gone, our sender still open: poll(0.5) {receiver.poll(0.5)}")
    sender.close()  # the last open sending end
    print(f"after sender.close(): poll(0.5) {receiver.poll(0.5)}")
    try:
        receiver.recv()
    except EOFError:
        print("recv(): EOFError")
    try:
        receiver.send("back")
    except OSError as e:
        print(f"receiver.send(): OSError: {e}")

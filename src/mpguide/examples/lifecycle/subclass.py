"""Subclass Process and override run(): start() runs it in a new process."""

from multiprocessing import Process, current_process


class Greeter(Process):
    """A process that prints a greeting."""

    def __init__(self, greeting: str) -> None:
        """Keep the greeting; Process.__init__ must run first."""
        super().__init__()
        self.greeting = greeting

    def run(self) -> None:
        """What the new process runs, instead of calling a target."""
        print(f"{self.greeting}, from {current_process().name}")


if __name__ == "__main__":
    g = Greeter("hello")
    g.start()
    g.join()
    Greeter("run() called directly").run()  # no new process: runs here, in the main process

"""多进程编程 / Multiprocessing in Python, by example.

The package holds the tutorial's teaching programs (:mod:`mpguide.examples`), the checker that runs
them and compares their output with what the pages show (:mod:`mpguide.checker`), and the Sphinx
extension that shows them (:mod:`mpguide.sphinxext`).
"""

from importlib.metadata import version

__all__ = ["__version__"]

__version__ = version("mpguide")

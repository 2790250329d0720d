"""Chapter 1, 进程 / Processes."""

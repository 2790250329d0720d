"""Chapter 2, 进程池 / Process pools."""

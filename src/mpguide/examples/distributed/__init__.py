"""Chapter 分布式的进程间通信 / Distributed inter-process communication."""

"""Chapter: 服务器进程 / Server process."""

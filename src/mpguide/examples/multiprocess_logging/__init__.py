"""Chapter: 多进程日志 / Logging from several processes."""

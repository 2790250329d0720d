"""Chapter: 进程池的其余 API / The rest of the Pool API."""

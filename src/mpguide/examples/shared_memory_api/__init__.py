"""Chapter: 共享内存实战 / Shared memory in practice."""

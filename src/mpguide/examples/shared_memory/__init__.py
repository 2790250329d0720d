"""Chapter: 共享内存 / Shared memory."""

"""Chapter 同步机制 / Synchronization."""

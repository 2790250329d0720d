"""Chapter 3, 队列 / Queues."""

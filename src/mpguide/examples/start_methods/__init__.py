"""Chapter: 选择启动方法 / Choosing a start method."""

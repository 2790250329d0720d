"""Chapter, 选择并发模型 / Choosing a model."""

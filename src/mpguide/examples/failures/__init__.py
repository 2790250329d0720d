"""Chapter: 出错的时候 / When things fail."""

"""The tutorial's teaching programs, one file per concept, grouped by chapter.

Each file is a complete program that a reader runs as ``python3 file.py``; beside it, ``file.out``
holds the output the pages show, and the checker verifies it.
"""

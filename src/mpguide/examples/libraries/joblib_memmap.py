# /// script
# requires-python = ">=3.11"
# dependencies = ["joblib>=1.4", "numpy>=2.3"]
# ///
"""joblib: arrays above max_nbytes reach the workers as a read-only numpy.memmap, not a copy."""

from pathlib import Path

import numpy as np
from joblib import Parallel, delayed


def describe(array: np.ndarray) -> str:
    """What the worker received, and whether it may write to it."""
    try:
        array[0] = -1.0
        writable = "writable"
    except ValueError as error:  # assignment destination is read-only
        writable = f"ValueError: {error}"
    where = f" in {Path(array.filename).parent.parent}" if isinstance(array, np.memmap) else ""
    return f"{type(array).__name__}{where} of {array.nbytes:,} bytes, {writable}"


if __name__ == "__main__":
    small = np.ones(1_000)  # 8 kB
    large = np.ones(1_000_000)  # 8 MB
    for max_nbytes in ["1M", None]:  # "1M" is the default
        results = Parallel(n_jobs=2, max_nbytes=max_nbytes)(
            delayed(describe)(array) for array in [small, large]
        )
        print(f"max_nbytes={max_nbytes!r}:", *results, sep="\n  ")
    print(f"the parent's arrays are unchanged: {small[0] == large[0] == 1.0}")

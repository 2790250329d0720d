"""The typecodes Value and Array accept, and the ctypes type each one stands for."""

from ctypes import sizeof

# Not in the documented API (nor in the type stubs): the table Value and Array look typecodes up in.
from multiprocessing.sharedctypes import typecode_to_type  # type: ignore[attr-defined]

if __name__ == "__main__":
    print("code  ctypes type  bytes")
    for code, ctype in typecode_to_type.items():
        print(f"{code!r:<5} {ctype.__name__:<12} {sizeof(ctype)}")

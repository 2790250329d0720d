"""get_lock() of a shared array made with a plain Lock, as the original makes s: it deadlocks."""

from ctypes import c_char
from multiprocessing import Array, Lock

if __name__ == "__main__":
    s = Array(c_char, b"hello world", lock=Lock())
    with s.get_lock():
        print("holding s's lock; reading s.value takes it again ...", flush=True)
        print(s.value)  # waits for ever for the lock this very process holds

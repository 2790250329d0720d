"""The start methods this platform offers: the first one in the list is the default."""

import multiprocessing

if __name__ == "__main__":
    methods = multiprocessing.get_all_start_methods()
    print(f"available: {methods}")
    print(f"default:   {methods[0]}")

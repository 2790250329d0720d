"""Changing an object inside a managed dict changes a copy: store it again, or nest a proxy."""

from multiprocessing import Manager

if __name__ == "__main__":
    with Manager() as manager:
        dproxy = manager.dict()
        dproxy["letters"] = ["a"]
        dproxy["letters"].append("b")  # appends to a copy that is then thrown away
        print(dproxy)

        letters = dproxy["letters"]
        letters.append("b")
        dproxy["letters"] = letters  # assigning sends the changed list back
        print(dproxy)

        dproxy["nested"] = manager.list(["a"])
        dproxy["nested"].append("b")  # a proxy inside: the change goes to the server
        print(dproxy["nested"])

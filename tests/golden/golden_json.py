"""Writing a golden file: JSON with every list of numbers on one line (a matrix one row per
line), and the library versions without their build suffixes. Shared by the make_*_golden.py
scripts that import it."""
import json
import os
import re


def version(module):
    """A library's version without its pre-release or local build suffix (1.13.1a0+... -> 1.13.1)."""
    return module.__version__.split("a")[0].split("+")[0]


def dump(obj):
    """JSON with every list of numbers on one line (a matrix is one row per line)."""
    text = json.dumps(obj, indent=1)
    return re.sub(r"\[\s*([-0-9.eE+,\s]+?)\s*\]",
                  lambda m: "[" + ", ".join(v.strip() for v in m.group(1).split(",")) + "]",
                  text)


def write_golden(path, obj):
    """Writes obj to path as dump() lays it out, with a final newline."""
    with open(path, "w") as f:
        f.write(dump(obj))
        f.write("\n")

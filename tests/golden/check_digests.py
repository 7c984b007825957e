#!/usr/bin/env python3
"""Checks the generated Wenzhou 2019 dataset against the SHA-256 digests its generator's README lists.

    check_digests.py README.md DATA_DIR

README.md (tools/datagen/README.md) holds one table row per file of the form
| `enterprises.csv` | `<64 hex digits>` | ... ; every file listed must exist in DATA_DIR
with that digest, and the three files of the dataset must all be listed. A generator
change that alters the bytes fails here until the README is updated on purpose.
"""

import hashlib
import os
import re
import sys

FILES = ("enterprises.csv", "facts.csv", "facts-revision.csv")
ROW = re.compile(r"^\|\s*`([^`]+)`\s*\|\s*`([0-9a-f]{64})`\s*\|")


def main(argv):
    if len(argv) != 3:
        print("usage: check_digests.py README.md DATA_DIR", file=sys.stderr)
        return 2
    readme, data_dir = argv[1], argv[2]
    expected = {}
    with open(readme, encoding="utf-8") as f:
        for line in f:
            m = ROW.match(line.strip())
            if m:
                expected[m.group(1)] = m.group(2)
    bad = 0
    for name in FILES:
        if name not in expected:
            print("%s: no digest listed for %s" % (readme, name))
            bad += 1
    for name, digest in sorted(expected.items()):
        path = os.path.join(data_dir, name)
        h = hashlib.sha256()
        with open(path, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                h.update(chunk)
        actual = h.hexdigest()
        if actual == digest:
            print("ok       %s  %s" % (actual, name))
        else:
            print("MISMATCH %s: README lists %s, the generated file has %s" % (name, digest, actual))
            bad += 1
    if bad:
        print("%d problem(s): the bundled dataset drifted from %s" % (bad, readme))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

#!/usr/bin/env python3
"""The host examples agree: settle_wenzhou.py (Python over the C ABI), c_host (C over the
C ABI) and, when it is built, the command-line program's `settle --out DIR` totals.json
give the same totals for the same data and quarter.

    host_totals_test.py --python EXE --script settle_wenzhou.py --library LIB --c-host EXE
        --book B --data DIR --quarter Q --work DIR [--cli EXE]
"""

import argparse
import json
import os
import subprocess
import sys

KEYS = ["rewards_quarter", "rewards_ytd", "burden_quarter", "burden_ytd",
        "export_rebate_quarter", "export_rebate_ytd", "beneficiaries"]


def run(command):
    result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if result.returncode != 0:
        sys.stderr.write(result.stderr.decode("utf-8", "replace"))
        raise SystemExit("failed (%d): %s" % (result.returncode, " ".join(command)))
    return result.stdout.decode("utf-8")


def main():
    p = argparse.ArgumentParser()
    for name in ["python", "script", "library", "c-host", "book", "data", "quarter", "work"]:
        p.add_argument("--" + name, required=True)
    p.add_argument("--cli")
    a = p.parse_args()
    os.makedirs(a.work, exist_ok=True)
    enterprises = os.path.join(a.data, "enterprises.csv")
    facts = os.path.join(a.data, "facts.csv")

    library_totals = os.path.join(a.work, "library-totals.json")
    python_totals = json.loads(run([a.python, a.script, "--library", a.library, "--book", a.book,
                                    "--data", a.data, "--quarter", a.quarter, "--totals-json", library_totals]))
    print("python:", json.dumps({k: python_totals[k] for k in KEYS}))
    for key in KEYS:
        expected_type = int if key == "beneficiaries" else str
        if not isinstance(python_totals[key], expected_type):
            raise SystemExit("python: %s is %r, not a %s" % (key, python_totals[key], expected_type.__name__))

    c_totals = {}
    for line in run([a.c_host, a.book, enterprises, facts, a.quarter]).splitlines():
        if line.startswith("---"):
            break
        key, _, value = line.partition(" ")
        c_totals[key] = value
    failures = []
    for key in KEYS:
        if str(python_totals[key]) != c_totals.get(key):
            failures.append("c_host %s = %s, python %s" % (key, c_totals.get(key), python_totals[key]))

    if a.cli:
        out = os.path.join(a.work, "cli-out")
        run([a.cli, "settle", "--book", a.book, "--enterprises", enterprises, "--facts", facts,
             "--quarter", a.quarter, "--out", out])
        with open(os.path.join(out, "totals.json"), encoding="utf-8") as f:
            cli_totals = json.load(f)
        # One document: the C ABI's totals JSON is the CLI's totals.json, byte for byte.
        with open(os.path.join(out, "totals.json"), "rb") as f, open(library_totals, "rb") as g:
            if f.read() != g.read():
                failures.append("the C ABI's totals JSON differs from the CLI's totals.json")
        print("cli:   ", json.dumps({k: cli_totals.get(k) for k in KEYS}))
        for key in KEYS:
            if cli_totals.get(key) != python_totals[key]:
                failures.append("cli %s = %r, python %r" % (key, cli_totals.get(key), python_totals[key]))
    else:
        print("the command-line program is not built: compared with c_host only")

    if failures:
        raise SystemExit("totals differ:\n  " + "\n  ".join(failures))
    print("totals agree")
    return 0


if __name__ == "__main__":
    sys.exit(main())

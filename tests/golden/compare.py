#!/usr/bin/env python3
"""Compares the golden outputs of two runs (the oracle's and the engine's), file by file.

    compare.py EXPECTED_DIR ACTUAL_DIR

For each quarter N = 1..4: qN-lines.csv is compared row by row, keyed by
(credit_code, policy), field by field, and the row order must match; qN-totals.json is
compared key by key (nested keys flattened, e.g. by_region.330302.rewards_ytd). Values
are compared as text, so `1.50` and `1.5` differ: both sides must print two decimals.

On any difference prints the first 20 (with both values) and the total count, and
exits 1; otherwise prints how many lines and totals were compared and exits 0.
"""

import csv
import json
import os
import sys

QUARTERS = (1, 2, 3, 4)
SHOW = 20


def read_lines(path):
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    if not rows:
        return [], [], {}, []
    header, body = rows[0], rows[1:]
    order = []
    keyed = {}
    dup = []
    for i, row in enumerate(body, start=2):
        rec = dict(zip(header, row))
        key = (rec.get("credit_code", ""), rec.get("policy", ""))
        if key in keyed:
            dup.append((key, i))
        keyed[key] = (i, rec)
        order.append(key)
    return header, order, keyed, dup


def flatten(prefix, value, out):
    if isinstance(value, dict):
        for k, v in value.items():
            flatten(prefix + "." + k if prefix else k, v, out)
    else:
        out[prefix] = value


def compare_lines(name, exp_path, act_path, diffs):
    eh, eorder, ekeyed, edup = read_lines(exp_path)
    ah, aorder, akeyed, adup = read_lines(act_path)
    if eh != ah:
        diffs.append("%s: header differs: expected %s, actual %s" % (name, ",".join(eh), ",".join(ah)))
    for key, line in edup:
        diffs.append("%s: expected has %s/%s twice (line %d)" % (name, key[0], key[1], line))
    for key, line in adup:
        diffs.append("%s: actual has %s/%s twice (line %d)" % (name, key[0], key[1], line))
    fields = [h for h in eh if h not in ("credit_code", "policy")]
    for key in eorder:
        eline, erec = ekeyed[key]
        if key not in akeyed:
            diffs.append("%s: %s %s: only in expected (line %d): %s" % (
                name, key[0], key[1], eline, " ".join("%s=%s" % (f, erec.get(f)) for f in fields)))
            continue
        aline, arec = akeyed[key]
        bad = ["%s expected %s actual %s" % (f, erec.get(f), arec.get(f)) for f in fields if erec.get(f) != arec.get(f)]
        if bad:
            diffs.append("%s: %s %s (lines %d/%d): %s" % (name, key[0], key[1], eline, aline, "; ".join(bad)))
    for key in aorder:
        if key not in ekeyed:
            aline, arec = akeyed[key]
            diffs.append("%s: %s %s: only in actual (line %d): %s" % (
                name, key[0], key[1], aline, " ".join("%s=%s" % (f, arec.get(f)) for f in fields)))
    common_e = [k for k in eorder if k in akeyed]
    common_a = [k for k in aorder if k in ekeyed]
    if common_e != common_a:
        first = next(i for i, (x, y) in enumerate(zip(common_e, common_a)) if x != y)
        diffs.append("%s: rows are in another order from common row %d: expected %s %s, actual %s %s" % (
            name, first + 1, common_e[first][0], common_e[first][1], common_a[first][0], common_a[first][1]))
    return len(eorder)


def compare_totals(name, exp_path, act_path, diffs):
    with open(exp_path, encoding="utf-8") as f:
        exp = {}
        flatten("", json.load(f), exp)
    with open(act_path, encoding="utf-8") as f:
        act = {}
        flatten("", json.load(f), act)
    for k, v in exp.items():
        if k not in act:
            diffs.append("%s: %s: only in expected: %s" % (name, k, v))
        elif act[k] != v:
            diffs.append("%s: %s: expected %s actual %s" % (name, k, v, act[k]))
    for k, v in act.items():
        if k not in exp:
            diffs.append("%s: %s: only in actual: %s" % (name, k, v))
    return len(exp)


def main(argv):
    if len(argv) != 3:
        print("usage: compare.py EXPECTED_DIR ACTUAL_DIR", file=sys.stderr)
        return 2
    exp_dir, act_dir = argv[1], argv[2]
    diffs = []
    lines = figures = 0
    for q in QUARTERS:
        for kind in ("lines.csv", "totals.json"):
            name = "q%d-%s" % (q, kind)
            e, a = os.path.join(exp_dir, name), os.path.join(act_dir, name)
            missing = [p for p in (e, a) if not os.path.isfile(p)]
            if missing:
                diffs.extend("%s: missing %s" % (name, p) for p in missing)
                continue
            if kind == "lines.csv":
                lines += compare_lines(name, e, a, diffs)
            else:
                figures += compare_totals(name, e, a, diffs)
    if diffs:
        for d in diffs[:SHOW]:
            print(d)
        print("%d difference(s) between %s (expected) and %s (actual)" % (len(diffs), exp_dir, act_dir))
        return 1
    print("identical: %d lines and %d totals over %d quarters" % (lines, figures, len(QUARTERS)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

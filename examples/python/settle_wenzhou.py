#!/usr/bin/env python3
"""Settles the Wenzhou 2019 data through Duixian's C ABI and prints the totals as JSON
(the keys of the command-line program's totals.json), standard library only.

    settle_wenzhou.py --library build/dev/src/capi/libduixian_c.so \
        --book examples/wenzhou-2019/policies.json \
        --data build/dev/data/wenzhou-2019 --quarter 2019Q4 [--out summary.json] [--totals-json totals.json]
"""

import argparse
import decimal
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import duixian  # noqa: E402

KEYS = ["rewards_quarter", "rewards_ytd", "burden_quarter", "burden_ytd",
        "export_rebate_quarter", "export_rebate_ytd", "beneficiaries"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--library", help="libduixian_c (default: $DUIXIAN_C_LIBRARY)")
    parser.add_argument("--book", required=True)
    parser.add_argument("--data", required=True, help="folder with enterprises.csv and facts.csv")
    parser.add_argument("--quarter", default="2019Q4")
    parser.add_argument("--out", help="also write the summary printed to this file")
    parser.add_argument("--totals-json", help="write the library's totals JSON, as it comes, to this file")
    args = parser.parse_args()

    lib = duixian.Library(args.library)
    with lib.load_book(args.book) as book, \
            lib.load_register(book, os.path.join(args.data, "enterprises.csv"),
                              os.path.join(args.data, "facts.csv")) as reg, \
            lib.settle(book, reg, args.quarter) as settlement:
        totals_text = settlement.totals_json()
        totals = json.loads(totals_text)
        if args.totals_json:
            with open(args.totals_json, "w", encoding="utf-8", newline="") as f:
                f.write(totals_text)
        # Cross-check through the line iterator: reward payouts add up to rewards_quarter.
        rewards = decimal.Decimal("0")
        for line in settlement.lines():
            if line["kind"] == "reward" and line["category"] != "export_rebate":
                rewards += decimal.Decimal(line["payout"])
        if rewards != decimal.Decimal(totals["rewards_quarter"]):
            print("lines add up to %s, rewards_quarter is %s" % (rewards, totals["rewards_quarter"]),
                  file=sys.stderr)
            return 1
        result = {key: totals[key] for key in KEYS}
        result["quarter"] = args.quarter
        result["book"] = book.id
        result["enterprises"] = len(reg)
        result["lines"] = len(settlement)
        result["rewards_quarter_in_capitals"] = lib.capital(totals["rewards_quarter"])
    text = json.dumps(result, ensure_ascii=False, indent=2)
    print(text)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

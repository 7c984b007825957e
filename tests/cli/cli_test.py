#!/usr/bin/env python3
"""Tests of the command-line program `duixian` (docs/cli.md), one case per ctest.

    cli_test.py CASE DUIXIAN SOURCE_DIR WORK_DIR [WENZHOU_DATA_DIR]

The small dataset in data/ has two enterprises; their amounts under the Wenzhou 2019
book, worked by hand (docs/settlement.md has the rules):

- A 91330302799655058J, 鹿城区 330302 (city share 50%), above scale, registered 2012,
  equipment_investment[2018] = 6,000,000.00: R1 = min(10% x 6,000,000.00, 500万) =
  600,000.00 in four instalments of 150,000.00 (city 75,000.00). The enterprise cap
  (local_contribution[2018] = 1,000,000.00) does not bind.
  facts-revision.csv: 5,200,000.00 -> R1 = 520,000.00, instalments 130,000.00, so 2019Q2
  after a committed Q1 pays 260,000.00 - 150,000.00 = 110,000.00.
  facts-recovery.csv: 4,800,000.00 (below 500万) -> no R1; 2019Q2 recovers -150,000.00.
- B 91330381314159268F, 瑞安市 330381 (default city share 30%), in the micro park since
  2016-02-29: R6 2019Q1 = 30% x 40,000.00 x 58/90 = 7,733.33 (city 2,320.00); the
  three-year window ends 2019-02-27, so nothing in Q2. B3 2019Q1 = 1,234,567 kWh x
  0.0452 = 55,802.43 (a burden reduction: no funding split).

2019Q1 totals: rewards 157,733.33; burden 55,802.43; beneficiaries 2; city 77,320.00.
"""
import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys

A = "91330302799655058J"
B = "91330381314159268F"

CASE, DUIXIAN, SOURCE, WORK = sys.argv[1:5]
WENZHOU_DATA = sys.argv[5] if len(sys.argv) > 5 else None
BOOK = os.path.join(SOURCE, "examples", "wenzhou-2019", "policies.json")
DATA = os.path.join(SOURCE, "tests", "cli", "data")
ENTERPRISES = os.path.join(DATA, "enterprises.csv")
FACTS = os.path.join(DATA, "facts.csv")
REVISION = os.path.join(DATA, "facts-revision.csv")
RECOVERY = os.path.join(DATA, "facts-recovery.csv")
INPUTS = ["--book", BOOK, "--enterprises", ENTERPRISES, "--facts", FACTS]

LINE_COLUMNS = ["credit_code", "policy", "quarter", "due", "cumulative", "previously_paid", "payout",
                "city_share", "county_share", "kind", "category"]
AMOUNT = re.compile(r"^-?\d+\.\d\d$")


class Failed(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failed(message)


def run(*args, status=0):
    """Runs duixian; checks its exit status; returns (stdout, stderr)."""
    p = subprocess.run([DUIXIAN, *args], capture_output=True, text=True, encoding="utf-8")
    if p.returncode != status:
        raise Failed(f"duixian {' '.join(args)}\nexit status {p.returncode}, expected {status}\n"
                     f"--- stdout\n{p.stdout}--- stderr\n{p.stderr}")
    return p.stdout, p.stderr


def contains(text, *needles):
    for n in needles:
        check(n in text, f"expected {n!r} in:\n{text}")


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def out_dir(name):
    d = os.path.join(WORK, name)
    return d


# ---- cases ----------------------------------------------------------------------

def case_help():
    out, _ = run("--help")
    contains(out, "validate", "settle", "explain", "notice", "Exit status")
    for sub, option in [("validate", "--book"), ("settle", "--quarter"), ("settle", "--excel"),
                        ("explain", "--policy"), ("notice", "--enterprise")]:
        out, _ = run(sub, "--help")
        contains(out, option)


def case_usage():
    _, err = run(status=2)
    contains(err, "subcommand")
    _, err = run("settel", *INPUTS, "--quarter", "2019Q1", status=2)  # misspelt: named, with the four
    contains(err, 'unknown subcommand "settel"', "validate, settle, explain or notice")
    _, err = run("settle", *INPUTS, "--quarter", "2019Q1", "--no-such-option", status=2)
    contains(err, "--no-such-option")
    _, err = run("settle", "--book", BOOK, "--quarter", "2019Q1", status=2)  # no data files
    contains(err, "--enterprises")
    _, err = run("settle", *INPUTS, "--quarter", "2019Q1", "--commit", status=2)  # --commit needs --ledger
    contains(err, "--ledger")
    _, err = run("settle", *INPUTS, "--quarter", "2019Q1", "--encoding", "latin1", status=2)
    contains(err, "latin1")
    _, err = run("validate", "--book", os.path.join(DATA, "no-such-book.json"), status=2)
    contains(err, "no-such-book.json")


def case_validate():
    out, err = run("validate", "--book", BOOK)
    contains(out, "wenzhou-2019", "12 policies", "ok: 0 error(s)")
    check(err == "", f"no diagnostics expected, got {err}")
    out, _ = run("validate", *INPUTS, "--revision", REVISION)
    contains(out, "2 rows read, 2 accepted, 0 rejected", "7 rows read, 7 accepted, 0 rejected", "ok")


def case_validate_bad_book():
    os.makedirs(WORK, exist_ok=True)
    with open(BOOK, encoding="utf-8") as f:
        text = f.read()
    bad = text.replace("equipment_investment[2018] >= 500万", "equipment_investmnt[2018] >= 500万", 1)
    check(bad != text, "the book changed: update the typo planted by this test")
    bad = bad.replace('"kind": "burden_reduction"', '"kind": "burden"', 1)
    path = os.path.join(WORK, "book-bad.json")
    with open(path, "w", encoding="utf-8") as f:
        f.write(bad)
    out, err = run("validate", "--book", path, status=1)
    located = re.findall(r"book-bad\.json:(\d+):(\d+): error: ", err)
    check(len(located) >= 2, f"expected two located errors, got:\n{err}")
    contains(err, "equipment_investmnt", "burden")
    contains(out, "error(s)")
    # settle refuses the same book, with the same locations
    _, err = run("settle", "--book", path, "--enterprises", ENTERPRISES, "--facts", FACTS, "--quarter", "2019Q1",
                 status=1)
    contains(err, "book-bad.json:", "nothing done")
    # not JSON at all
    with open(path, "w", encoding="utf-8") as f:
        f.write('{"id": "x",\n  "year": 2019,,\n}\n')
    _, err = run("validate", "--book", path, status=1)
    check(re.search(r"book-bad\.json:2:\d+: error: ", err), f"expected a located JSON error, got:\n{err}")


def case_validate_bad_csv():
    out, err = run("validate", "--book", BOOK, "--enterprises", ENTERPRISES, "--facts",
                   os.path.join(DATA, "facts-bad.csv"), status=1)
    contains(err, "facts-bad.csv:3:37: error: ", "4O000.00")
    contains(out, "2 rows read, 1 accepted, 1 rejected", "invalid: 1 error(s)")


def case_bad_csv_settle():
    out, err = run("settle", "--book", BOOK, "--enterprises", ENTERPRISES, "--facts",
                   os.path.join(DATA, "facts-bad.csv"), "--quarter", "2019Q1", status=1)
    contains(err, "facts-bad.csv:3:37: error: ", "nothing settled")
    check(out == "", f"nothing may be printed on stdout, got:\n{out}")


def case_settle_table():
    out, err = run("settle", *INPUTS, "--quarter", "2019Q1")
    contains(out, "2019Q1", "15.77万元 (157,733.33元)", "5.58万元 (55,802.43元)", "beneficiaries: 2",
             "77,320.00元", "R6-micro-park-rent", "7,733.33元")
    check(err == "", f"stderr is not a terminal: no progress expected, got:\n{err!r}")


def case_settle_out():
    d = out_dir("q1")
    shutil.rmtree(d, ignore_errors=True)
    out, _ = run("settle", *INPUTS, "--quarter", "2019Q1", "--out", d, "--threads", "2")
    contains(out, "lines.csv (3 lines)", "payments.csv (2 enterprises)")
    with open(os.path.join(d, "lines.csv"), encoding="utf-8", newline="") as f:
        raw = f.read()
    check(not raw.startswith("\ufeff"), "no BOM without --excel")
    header = raw.split("\n", 1)[0].split(",")
    check(header == LINE_COLUMNS, f"lines.csv header {header}")
    rows = read_csv(os.path.join(d, "lines.csv"))
    got = [(r["credit_code"], r["policy"], r["payout"], r["city_share"], r["county_share"], r["kind"]) for r in rows]
    want = [(A, "R1-tech-upgrade", "150000.00", "75000.00", "75000.00", "reward"),
            (B, "R6-micro-park-rent", "7733.33", "2320.00", "5413.33", "reward"),
            (B, "B3-power-price", "55802.43", "0.00", "0.00", "burden_reduction")]
    check(got == want, f"lines.csv rows {got}")
    for r in rows:
        check(r["quarter"] == "2019Q1", f"quarter {r}")
        for c in ["due", "cumulative", "previously_paid", "payout", "city_share", "county_share"]:
            check(AMOUNT.match(r[c]), f"amount {c}={r[c]!r} must have exactly two decimals")
    pays = read_csv(os.path.join(d, "payments.csv"))
    check([(p["credit_code"], p["region"], p["net"], p["city_share"], p["receivable"]) for p in pays] ==
          [(A, "330302", "150000.00", "75000.00", "no"), (B, "330381", "7733.33", "2320.00", "no")],
          f"payments.csv {pays}")
    with open(os.path.join(d, "totals.json"), encoding="utf-8") as f:
        totals = json.load(f)
    for key, value in [("rewards_quarter", "157733.33"), ("rewards_ytd", "157733.33"),
                       ("burden_quarter", "55802.43"), ("burden_ytd", "55802.43"),
                       ("export_rebate_quarter", "0.00"), ("export_rebate_ytd", "0.00")]:
        check(totals[key] == value, f"totals.json {key} = {totals[key]!r}, expected {value}")
    check(totals["beneficiaries"] == 2, "beneficiaries")
    check(list(totals["by_region"]) == ["330302", "330381"], f"by_region {list(totals['by_region'])}")
    check(totals["by_region"]["330381"]["rewards_quarter"] == "7733.33", "by_region 330381")
    check(totals["by_policy"]["R1-tech-upgrade"]["rewards_quarter"] == "150000.00", "by_policy R1")
    check(len(totals["by_policy"]) == 12, "by_policy has every policy")
    check(list(totals["by_category"]) == [""], f"by_category {list(totals['by_category'])}")  # no category
    check(totals["by_category"][""]["burden_quarter"] == "55802.43", "by_category")
    check(totals["by_funding_level"] == {"city": {"paid_quarter": "77320.00"},
                                         "county": {"paid_quarter": "80413.33"}},
          f"by_funding_level {totals['by_funding_level']}")
    # no number in the JSON but beneficiaries is a JSON number (no binary floating point)
    def walk(v, path):
        if isinstance(v, dict):
            for k, x in v.items():
                walk(x, path + "." + k)
        elif isinstance(v, float) or (isinstance(v, int) and not path.endswith("beneficiaries")):
            raise Failed(f"{path} is a JSON number: amounts are strings")
    walk(totals, "")


def case_excel():
    d = out_dir("excel")
    run("settle", *INPUTS, "--quarter", "2019Q1", "--out", d, "--excel")
    for name in ["lines.csv", "payments.csv"]:
        with open(os.path.join(d, name), "rb") as f:
            raw = f.read()
        check(raw.startswith(b"\xef\xbb\xbfcredit_code,"), f"{name} must start with a UTF-8 BOM")


def case_explain():
    out, _ = run("explain", *INPUTS, "--quarter", "2019Q1", "--enterprise", A, "--policy", "R1-tech-upgrade")
    contains(out, A, "温州甲科技有限公司", "R1-tech-upgrade", "600,000.00元", "本季兑现 150,000.00元",
             "市级 50% 75,000.00元")


def case_explain_json():
    out, _ = run("explain", *INPUTS, "--quarter", "2019Q1", "--enterprise", B, "--policy", "R6-micro-park-rent",
                 "--json")
    e = json.loads(out)
    check(e["credit_code"] == B and e["policy_id"] == "R6-micro-park-rent", "who")
    check(e["payout"] == "7733.33" and e["city"] == "2320.00", f"amounts {e['payout']} {e['city']}")
    check(e["computations"][0]["exact"] == "23200/3", f"exact {e['computations'][0].get('exact')}")


def case_notice():
    out, _ = run("notice", *INPUTS, "--quarter", "2019Q1", "--enterprise", A)
    contains(out, "温州甲科技有限公司", A, "R1-tech-upgrade", "150,000.00元", "人民币壹拾伍万元整",
             "payment date: 2019-04-15")
    check("B3" not in out, "burden reductions are not on the notice")
    out, _ = run("notice", *INPUTS, "--quarter", "2019Q1", "--enterprise", B)
    contains(out, "7,733.33元", "人民币柒仟柒佰叁拾叁元叁角叁分")
    # 2019Q3 is paid on 2019-10-15 (a Tuesday): the National Day holiday ends on 10-07.
    out, _ = run("notice", *INPUTS, "--quarter", "2019Q3", "--enterprise", A)
    contains(out, "payment date: 2019-10-15", "人民币肆拾伍万元整")  # nothing paid before: Q1..Q3 at once


def case_notice_recovery():
    ledger = os.path.join(WORK, "ledger.db")
    shutil.rmtree(WORK, ignore_errors=True)
    os.makedirs(WORK)
    run("settle", *INPUTS, "--quarter", "2019Q1", "--ledger", ledger, "--commit")
    out, _ = run("notice", *INPUTS, "--revision", RECOVERY, "--quarter", "2019Q2", "--ledger", ledger,
                 "--enterprise", A)
    contains(out, "应退回", "150,000.00元", "人民币壹拾伍万元整")
    d = out_dir("q2")
    run("settle", *INPUTS, "--revision", RECOVERY, "--quarter", "2019Q2", "--ledger", ledger, "--out", d)
    pays = {p["credit_code"]: p for p in read_csv(os.path.join(d, "payments.csv"))}
    check(pays[A]["net"] == "-150000.00" and pays[A]["receivable"] == "yes", f"receivable {pays[A]}")


def case_unknown_enterprise():
    unknown = "91330100799655058B"  # valid, not in the register
    _, err = run("notice", *INPUTS, "--quarter", "2019Q1", "--enterprise", unknown, status=1)
    contains(err, "unknown enterprise", unknown)
    _, err = run("explain", *INPUTS, "--quarter", "2019Q1", "--enterprise", unknown, "--policy", "R1-tech-upgrade",
                 status=1)
    contains(err, "unknown enterprise")
    _, err = run("notice", *INPUTS, "--quarter", "2019Q1", "--enterprise", "91330100799655058X", status=1)
    contains(err, "is not a credit code")
    # a known enterprise without a line under that policy
    _, err = run("explain", *INPUTS, "--quarter", "2019Q1", "--enterprise", A, "--policy", "R6-micro-park-rent",
                 status=1)
    contains(err, "has no line under R6-micro-park-rent")


def case_unknown_policy():
    _, err = run("explain", *INPUTS, "--quarter", "2019Q1", "--enterprise", A, "--policy", "R9", status=1)
    contains(err, "unknown policy \"R9\"")


def case_wrong_quarter():
    _, err = run("settle", *INPUTS, "--quarter", "2018Q3", status=1)
    contains(err, "2018Q3 is not in the year", "2019Q1 to 2019Q4")
    _, err = run("settle", *INPUTS, "--quarter", "2019Q5", status=2)
    contains(err, "--quarter", "2019Q5")


def case_commit_twice():
    shutil.rmtree(WORK, ignore_errors=True)
    os.makedirs(WORK)
    ledger = os.path.join(WORK, "ledger.db")
    out, _ = run("settle", *INPUTS, "--quarter", "2019Q1", "--ledger", ledger, "--commit")
    contains(out, "committed 2019Q1: commit 1 of")
    out, _ = run("settle", *INPUTS, "--quarter", "2019Q1", "--ledger", ledger, "--commit")
    contains(out, "2019Q1 already committed: commit 1 of")
    # out of order: Q3 before Q2
    _, err = run("settle", *INPUTS, "--quarter", "2019Q3", "--ledger", ledger, "--commit", status=3)
    contains(err, "duixian: the ledger refuses the commit: ")
    check("ledger_conflict" not in err, f"an internal code in a message for a clerk:\n{err}")


def case_commit_conflict():
    shutil.rmtree(WORK, ignore_errors=True)
    os.makedirs(WORK)
    ledger = os.path.join(WORK, "ledger.db")
    run("settle", *INPUTS, "--quarter", "2019Q1", "--ledger", ledger, "--commit")
    run("settle", *INPUTS, "--quarter", "2019Q2", "--ledger", ledger, "--commit")
    # The revision changes 2019Q2's payouts: committing Q2 again is refused.
    _, err = run("settle", *INPUTS, "--revision", REVISION, "--quarter", "2019Q2", "--ledger", ledger, "--commit",
                 status=3)
    contains(err, "the ledger refuses the commit: 2019Q2 is already committed with different amounts")
    check("ledger_conflict" not in err, f"an internal code in a message for a clerk:\n{err}")
    # ... and belongs to 2019Q3: 390,000.00 - 300,000.00 = 90,000.00 for R1.
    d = out_dir("q3")
    run("settle", *INPUTS, "--revision", REVISION, "--quarter", "2019Q3", "--ledger", ledger, "--commit",
        "--out", d)
    r1 = [r for r in read_csv(os.path.join(d, "lines.csv")) if r["policy"] == "R1-tech-upgrade"][0]
    check((r1["cumulative"], r1["previously_paid"], r1["payout"]) == ("390000.00", "300000.00", "90000.00"),
          f"R1 2019Q3 {r1}")


def case_ledger_true_up():
    shutil.rmtree(WORK, ignore_errors=True)
    os.makedirs(WORK)
    ledger = os.path.join(WORK, "ledger.db")
    _, err = run("settle", *INPUTS, "--quarter", "2019Q1", "--ledger", ledger)  # no file, no commit
    contains(err, "does not exist yet")
    check(not os.path.exists(ledger), "settle without --commit must not create the ledger")
    run("settle", *INPUTS, "--quarter", "2019Q1", "--ledger", ledger, "--commit")
    d = out_dir("q2")
    run("settle", *INPUTS, "--revision", REVISION, "--quarter", "2019Q2", "--ledger", ledger, "--out", d)
    rows = {r["policy"]: r for r in read_csv(os.path.join(d, "lines.csv")) if r["credit_code"] == A}
    r1 = rows["R1-tech-upgrade"]
    check((r1["due"], r1["cumulative"], r1["previously_paid"], r1["payout"]) ==
          ("130000.00", "260000.00", "150000.00", "110000.00"), f"R1 2019Q2 {r1}")
    with open(os.path.join(d, "totals.json"), encoding="utf-8") as f:
        totals = json.load(f)
    check(totals["rewards_quarter"] == "110000.00" and totals["rewards_ytd"] == "267733.33",
          f"totals {totals['rewards_quarter']} {totals['rewards_ytd']}")


def case_encoding_gb18030():
    os.makedirs(WORK, exist_ok=True)
    gbk = os.path.join(WORK, "enterprises-gbk.csv")
    with open(ENTERPRISES, encoding="utf-8") as f, open(gbk, "w", encoding="gb18030", newline="") as g:
        g.write(f.read())
    args = ["--book", BOOK, "--enterprises", gbk, "--facts", FACTS, "--quarter", "2019Q1"]
    _, err = run("settle", *args, status=1)
    contains(err, "enterprises-gbk.csv:2:", "gb18030")
    out, _ = run("settle", *args, "--encoding", "gb18030")
    contains(out, "157,733.33元")
    out, _ = run("notice", *args, "--encoding", "gbk", "--enterprise", A)
    contains(out, "温州甲科技有限公司")


def case_wenzhou_2019():
    """The main job: 2019Q1..Q4 of the bundled data into a ledger, the revision from Q3 on."""
    check(WENZHOU_DATA, "no data directory given")
    shutil.rmtree(WORK, ignore_errors=True)
    os.makedirs(WORK)
    ledger = os.path.join(WORK, "ledger.db")
    data = ["--book", BOOK, "--enterprises", os.path.join(WENZHOU_DATA, "enterprises.csv"),
            "--facts", os.path.join(WENZHOU_DATA, "facts.csv")]
    book = json.load(open(BOOK, encoding="utf-8"))
    kinds = {p["id"]: p["kind"] for p in book["policies"]}
    excluded = {p["id"] for p in book["policies"] if p.get("category") in book.get("excluded_from_totals", [])}
    for n in range(1, 5):
        q = f"2019Q{n}"
        revision = ["--revision", os.path.join(WENZHOU_DATA, "facts-revision.csv")] if n >= 3 else []
        d = out_dir(q)
        out, _ = run("settle", *data, *revision, "--quarter", q, "--ledger", ledger, "--commit", "--out", d)
        contains(out, f"committed {q}: commit {n} of")
        totals = json.load(open(os.path.join(d, "totals.json"), encoding="utf-8"))
        sums = {"rewards_quarter": 0, "rewards_ytd": 0, "burden_quarter": 0, "burden_ytd": 0,
                "export_rebate_quarter": 0, "export_rebate_ytd": 0}
        previous = None
        for r in read_csv(os.path.join(d, "lines.csv")):
            key = (r["credit_code"], r["policy"])
            check(previous is None or key[0] >= previous[0], f"lines.csv not sorted by credit code at {key}")
            previous = key
            fen = {c: int(r[c].replace(".", "")) for c in ["cumulative", "previously_paid", "payout",
                                                           "city_share", "county_share"]}
            check(fen["cumulative"] == fen["previously_paid"] + fen["payout"], f"true-up of {key}")
            kind = "export_rebate" if r["policy"] in excluded else (
                "rewards" if kinds[r["policy"]] == "reward" else "burden")
            if kinds[r["policy"]] == "reward":
                check(fen["payout"] == fen["city_share"] + fen["county_share"], f"split of {key}")
            sums[kind + "_quarter"] += fen["payout"]
            sums[kind + "_ytd"] += fen["cumulative"]
        for k, v in sums.items():
            want = f"{'-' if v < 0 else ''}{abs(v) // 100}.{abs(v) % 100:02d}"
            check(totals[k] == want, f"{q} {k}: totals.json {totals[k]}, lines.csv sums to {want}")
        golden = os.path.join(os.path.dirname(os.path.dirname(WORK)), "..", "golden", "wenzhou-2019", "engine",
                              f"q{n}-totals.json")
        if os.path.exists(golden):  # the golden engine's figures, when that test has run
            g = json.load(open(golden, encoding="utf-8"))
            for k in g:
                check(totals[k] == g[k], f"{q} {k} differs from {golden}")
    out, _ = run("settle", *data, "--revision", os.path.join(WENZHOU_DATA, "facts-revision.csv"),
                 "--quarter", "2019Q4", "--ledger", ledger, "--commit")
    contains(out, "2019Q4 already committed: commit 4 of")


def write(name, text):
    os.makedirs(WORK, exist_ok=True)
    path = os.path.join(WORK, name)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)
    return path


def header_only_enterprises():
    with open(ENTERPRISES, encoding="utf-8") as f:
        return write("enterprises-empty.csv", f.readline())


def case_diagnostics_flood():
    # An empty enterprises file against 300 fact rows: 300 errors of one kind.
    with open(FACTS, encoding="utf-8") as f:
        header, *rows = f.read().splitlines()
    facts = write("facts-many.csv", header + "\n" + "\n".join(rows * 50) + "\n")
    n = len(rows) * 50
    empty = header_only_enterprises()
    out, err = run("validate", "--book", BOOK, "--enterprises", empty, "--facts", facts, status=1)
    listed = re.findall(r"facts-many\.csv:\d+:1: error: no enterprise", err)
    check(len(listed) == 10, f"expected the first 10 errors listed, got {len(listed)}:\n{err}")
    contains(err, f'facts-many.csv: error: {n - 10} more "unknown_enterprise" errors not listed ({n} in all)',
             "enterprises-empty.csv: warning: the file has a header and no rows", "--diagnostics-csv FILE")
    contains(out, f"invalid: {n} error(s), 1 warning(s)")
    _, err = run("validate", "--book", BOOK, "--enterprises", empty, "--facts", facts, "--max-diagnostics", "3",
                 status=1)
    check(len(re.findall(r"error: no enterprise", err)) == 3, err)
    _, err = run("validate", "--book", BOOK, "--enterprises", empty, "--facts", facts, "--max-diagnostics", "0",
                 status=1)
    check(len(re.findall(r"error: no enterprise", err)) == n, "--max-diagnostics 0 lists them all")
    check("not listed" not in err, err)
    # The full list in a file a clerk can open: every diagnostic, with its code.
    listing = os.path.join(WORK, "diagnostics.csv")
    _, err = run("settle", "--book", BOOK, "--enterprises", empty, "--facts", facts, "--quarter", "2019Q1",
                 "--diagnostics-csv", listing, status=1)
    contains(err, "every one is in " + listing, "nothing settled")
    rows = read_csv(listing)
    check(len(rows) == n + 1, f"expected {n + 1} rows in {listing}, got {len(rows)}")
    check(list(rows[0].keys()) == ["file", "line", "column", "severity", "code", "message"], rows[0].keys())
    check(rows[0]["code"] == "no_rows" and rows[0]["line"] == "" and rows[0]["severity"] == "warning", rows[0])
    check(all(r["code"] == "unknown_enterprise" and r["severity"] == "error" for r in rows[1:]), "codes")
    check([int(r["line"]) for r in rows[1:]] == list(range(2, n + 2)), "every row, in file order")


def case_empty_files():
    empty = header_only_enterprises()
    facts_empty = write("facts-empty.csv", "credit_code,metric,period,value\n")
    out, err = run("validate", "--book", BOOK, "--enterprises", ENTERPRISES, "--facts", facts_empty)
    contains(err, "facts-empty.csv: warning: the file has a header and no rows")
    contains(out, "ok: 0 error(s), 1 warning(s)")
    _, err = run("settle", *INPUTS[:4], "--facts", facts_empty, "--quarter", "2019Q1", status=1)
    contains(err, "facts-empty.csv has a header and no rows; nothing settled (--allow-empty")
    out, _ = run("settle", *INPUTS[:4], "--facts", facts_empty, "--quarter", "2019Q1", "--allow-empty")
    contains(out, "beneficiaries: 0")
    _, err = run("settle", "--book", BOOK, "--enterprises", empty, "--facts", facts_empty, "--quarter", "2019Q1",
                 status=1)
    contains(err, "enterprises-empty.csv has a header and no rows")


def case_exponent_and_fen():
    with open(FACTS, encoding="utf-8") as f:
        text = f.read()
    bad = text.replace("6000000.00", "6E+06", 1)
    check(bad != text, "the facts changed: update the value planted by this test")
    _, err = run("validate", "--book", BOOK, "--enterprises", ENTERPRISES, "--facts", write("facts-exp.csv", bad),
                 status=1)
    contains(err, "facts-exp.csv:", '"6E+06" is not a value of equipment_investment', "Excel")
    _, err = run("settle", "--book", BOOK, "--enterprises", ENTERPRISES, "--facts",
                 write("facts-fen.csv", text.replace("6000000.00", "6000000.005", 1)), "--quarter", "2019Q1", status=1)
    contains(err, '"6000000.005" is not a value of equipment_investment', "at most two decimals", "nothing settled")


def case_chinese_headers():
    with open(ENTERPRISES, encoding="utf-8") as f:
        ent = f.read().split("\n", 1)
    with open(FACTS, encoding="utf-8") as f:
        facts = f.read().split("\n", 1)
    names = {"credit_code": "统一社会信用代码", "name": "企业名称", "region": "行政区划代码", "industry": "行业代码",
             "tags": "标签", "registered_on": "成立日期", "metric": "指标", "period": "期间", "value": "数值"}
    zh_ent = write("企业.csv", ",".join(names[c] for c in ent[0].split(",")) + "\n" + ent[1])
    zh_facts = write("指标.csv", ",".join(names.get(c, c) for c in facts[0].split(",")) + "\n" + facts[1])
    out, _ = run("settle", "--book", BOOK, "--enterprises", zh_ent, "--facts", zh_facts, "--quarter", "2019Q1")
    contains(out, "15.77万元 (157,733.33元)", "beneficiaries: 2")
    # Other titles through a column map.
    other = write("企业-other.csv", ent[0].replace("credit_code", "纳税人识别号") + "\n" + ent[1])
    _, err = run("validate", "--book", BOOK, "--enterprises", other, "--facts", FACTS, status=1)
    contains(err, 'missing required column "credit_code"', "统一社会信用代码 (credit_code)", "--columns")
    mapping = write("columns.json", json.dumps({"enterprises": {"纳税人识别号": "credit_code"}}, ensure_ascii=False))
    out, _ = run("validate", "--book", BOOK, "--enterprises", other, "--facts", FACTS, "--columns", mapping)
    contains(out, "2 rows read, 2 accepted, 0 rejected", "ok: 0 error(s)")
    wrong = write("columns-bad.json", '{"enterprises": {"纳税人识别号": "code"}}')
    _, err = run("validate", "--book", BOOK, "--enterprises", other, "--facts", FACTS, "--columns", wrong, status=1)
    contains(err, "columns-bad.json:1:", '"code" is not a column of enterprises files')


def case_outputs_incomplete():
    """A write that fails exits 4 naming the file, and leaves no file looking complete."""
    import resource
    import signal

    d = out_dir("limited")
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    with open(os.path.join(d, "lines.csv"), "w") as f:
        f.write("old\n")

    def limit_file_size():  # totals.json (about 4 kB) cannot be written; lines.csv (405 B) can
        resource.setrlimit(resource.RLIMIT_FSIZE, (1000, 1000))
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)

    p = subprocess.run([DUIXIAN, "settle", *INPUTS, "--quarter", "2019Q1", "--out", d],
                       capture_output=True, text=True, encoding="utf-8", preexec_fn=limit_file_size)
    check(p.returncode == 4, f"exit status {p.returncode}, expected 4\n{p.stderr}")
    contains(p.stderr, os.path.join(d, "totals.json"), "File too large", "nothing in " + d + " was changed")
    with open(os.path.join(d, "lines.csv")) as f:
        check(f.read() == "old\n", "lines.csv was replaced although totals.json failed")
    check(sorted(os.listdir(d)) == ["lines.csv"], f"files left behind: {sorted(os.listdir(d))}")

    # Without the limit the same command writes all three.
    run("settle", *INPUTS, "--quarter", "2019Q1", "--out", d)
    check(sorted(os.listdir(d)) == ["lines.csv", "payments.csv", "totals.json"], f"{sorted(os.listdir(d))}")

    # --out below a regular file; --diagnostics-csv in a folder that does not exist.
    blocker = os.path.join(WORK, "a-file")
    with open(blocker, "w") as f:
        f.write("x")
    _, err = run("settle", *INPUTS, "--quarter", "2019Q1", "--out", os.path.join(blocker, "out"), status=4)
    contains(err, "cannot create " + os.path.join(blocker, "out"))
    missing = os.path.join(WORK, "no-such-folder", "diagnostics.csv")
    _, err = run("validate", *INPUTS, "--diagnostics-csv", missing, status=4)
    contains(err, "cannot create " + missing, "No such file or directory")

    # Standard output on a full disk, and closed.
    with open("/dev/full", "w") as full:
        p = subprocess.run([DUIXIAN, "settle", *INPUTS, "--quarter", "2019Q1"], stdout=full,
                           stderr=subprocess.PIPE, text=True)
    check(p.returncode == 4 and "cannot write to standard output: No space left on device" in p.stderr,
          f"/dev/full: exit {p.returncode}\n{p.stderr}")
    p = subprocess.run([DUIXIAN, "settle", *INPUTS, "--quarter", "2019Q1"], stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, text=True, pass_fds=(), close_fds=True,
                       preexec_fn=lambda: os.close(1))
    check(p.returncode == 4 and "cannot write to standard output" in p.stderr,
          f"closed stdout: exit {p.returncode}\n{p.stderr}")


def case_empty_ledger_file():
    """A zero-byte ledger (a killed creation, a file made by hand) is an empty ledger to a
    preview, unchanged by it, and made a ledger by the next --commit."""
    ledger = os.path.join(WORK, "zero.db")
    os.makedirs(WORK, exist_ok=True)
    for suffix in ("", "-wal", "-shm", "-journal"):
        if os.path.exists(ledger + suffix):
            os.remove(ledger + suffix)
    open(ledger, "wb").close()
    out, err = run("settle", *INPUTS, "--quarter", "2019Q1", "--ledger", ledger)
    contains(err, "ledger " + ledger + " has no commit yet: nothing was paid before")
    check("OpenMode" not in err, f"a C++ name in a message for a clerk:\n{err}")
    contains(out, "157,733.33")
    check(os.path.getsize(ledger) == 0, "the preview changed the ledger file")
    out, _ = run("settle", *INPUTS, "--quarter", "2019Q1", "--ledger", ledger, "--commit")
    contains(out, "committed 2019Q1: commit 1 of " + ledger)


def case_progress_on_a_terminal():
    """On a terminal, stderr shows each phase in turn: a percentage of each file's bytes,
    never a "100%" left up while the next phase runs; redirected, nothing."""
    import pty
    import select

    d = out_dir("progress")
    master, slave = pty.openpty()
    p = subprocess.Popen([DUIXIAN, "settle", *INPUTS, "--quarter", "2019Q1", "--out", d],
                         stdout=subprocess.DEVNULL, stderr=slave)
    os.close(slave)
    shown = b""
    while True:
        ready, _, _ = select.select([master], [], [], 30)
        if not ready:
            break
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the program closed its end
            break
        if not chunk:
            break
        shown += chunk
    check(p.wait(timeout=60) == 0, "settle failed")
    os.close(master)
    messages = [m.strip() for m in shown.decode("utf-8").replace("\x1b[K", "").split("\r") if m.strip()]
    check(messages, "nothing shown on a terminal")
    phases = []
    for m in messages:
        check(m.startswith("duixian: ") and m.endswith("..."), f"not a progress line: {m!r}")
        check("100%" not in m, f"a stale 100% while the next phase runs: {m!r}\n{messages}")
        phase = ("reading enterprises" if "enterprises.csv" in m and m.startswith("duixian: reading ") else
                 "reading facts" if m.startswith("duixian: reading " + FACTS) else
                 m.split(" ")[1])
        if not phases or phases[-1] != phase:
            phases.append(phase)
    check(phases == ["reading", "reading enterprises", "reading facts", "indexing", "settling", "writing"],
          f"phases {phases}\n{messages}")
    contains("\n".join(messages), "reading " + FACTS + ": 0%", "writing " + os.path.join(d, "lines.csv") + " (1 of 3: 3 lines)")
    _, err = run("settle", *INPUTS, "--quarter", "2019Q1", "--out", d)  # stderr not a terminal
    check(err == "", f"progress on a redirected stderr:\n{err}")


def main():
    fn = globals().get("case_" + CASE)
    if fn is None:
        print(f"cli_test.py: unknown case {CASE}", file=sys.stderr)
        return 2
    os.makedirs(WORK, exist_ok=True)
    try:
        fn()
    except Failed as e:
        print(f"FAIL cli.{CASE}: {e}", file=sys.stderr)
        return 1
    print(f"ok cli.{CASE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

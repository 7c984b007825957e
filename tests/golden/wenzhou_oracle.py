#!/usr/bin/env python3
"""Independent oracle for the Wenzhou 2019 quarterly settlement (issue 5 golden test).

Written from the workload specification (shared/workload/wenzhou-2019.md) only: it does
not read the policy book and shares no code with the engine. The rules are hard-coded
below, section by section of the spec. Standard library only.

    wenzhou_oracle.py DATA_DIR OUT_DIR

DATA_DIR holds enterprises.csv, facts.csv and facts-revision.csv. The oracle settles
2019Q1..Q4 in order, keeping its own record of what each (credit code, policy) was paid
in each settled quarter; Q1 and Q2 use facts.csv, Q3 and Q4 use facts.csv with
facts-revision.csv applied (a revision row replaces a fact or adds one). It writes
q1-lines.csv .. q4-lines.csv and q1-totals.json .. q4-totals.json into OUT_DIR.

Exactness: every formula is computed with `decimal` under a context that traps
Inexact (so an inexact step would stop the run rather than silently round), and every
division and rounding is done exactly on integers (`round_half_up_fen`). After its
rounding an amount is a whole number of fen, kept as a Python int.
"""

import csv
import datetime
import decimal
import json
import os
import sys
from decimal import Decimal

CTX = decimal.Context(prec=80, rounding=decimal.ROUND_HALF_UP, traps=[decimal.Inexact, decimal.InvalidOperation,
                                                                      decimal.DivisionByZero, decimal.Overflow])
decimal.setcontext(CTX)

YEAR = 2019

# §3, in book order: (id, kind, category)
POLICIES = [
    ("R1-tech-upgrade", "reward", ""),
    ("R2-smart-manufacturing", "reward", ""),
    ("R3-first-above-scale", "reward", ""),
    ("R4-rd-increment", "reward", ""),
    ("R5-q1-growth", "reward", ""),
    ("R6-micro-park-rent", "reward", ""),
    ("R7-loan-interest", "reward", ""),
    ("B1-pension-rate", "burden", ""),
    ("B2-vat-rate", "burden", ""),
    ("B3-power-price", "burden", ""),
    ("B4-land-tax", "burden", ""),
    ("B5-export-rebate", "burden", "export_rebate"),
]
POLICY_IDS = [p[0] for p in POLICIES]
R1, R2, R3, R4, R5, R6, R7, B1, B2, B3, B4, B5 = range(12)
REWARDS = [R1, R2, R3, R4, R5, R6, R7]
# §4.5: every reward except R3 counts toward the enterprise cap.
CAPPED = [R1, R2, R4, R5, R6, R7]

# §4.7 funding split: the city pays 50% in these districts, 30% elsewhere.
CITY_50_REGIONS = {"330302", "330303", "330304", "330305"}

R5_BUDGET_FEN = 30_000_000_00
R7_ANNUAL_CAP_FEN = 1_000_000_00
CAP_REGISTERED_BEFORE = datetime.date(2016, 1, 1)


# ---------------------------------------------------------------------------------
# Exact arithmetic helpers

def ratio(x):
    """Exact (numerator, denominator) of a finite Decimal."""
    return x.as_integer_ratio()


def round_half_up_fen(num, den=1):
    """round(num / den) to the fen, half-up (ties away from zero), exactly; returns fen (int).

    num is a Decimal amount in yuan; den a positive int."""
    assert isinstance(num, Decimal)
    n, d = ratio(num)
    n *= 100          # yuan -> fen
    d *= den
    sign = -1 if n < 0 else 1
    q, r = divmod(abs(n), d)
    if 2 * r >= d:
        q += 1
    return sign * q


def fen_text(fen):
    sign = "-" if fen < 0 else ""
    a = abs(fen)
    return "%s%d.%02d" % (sign, a // 100, a % 100)


def yuan_fen(x):
    """A Decimal that must be a whole number of fen, as fen."""
    n, d = ratio(x * 100)
    assert d == 1, x
    return n


# ---------------------------------------------------------------------------------
# §2 periods and day counts

QUARTER_RANGES = {
    1: (datetime.date(YEAR, 1, 1), datetime.date(YEAR, 3, 31)),
    2: (datetime.date(YEAR, 4, 1), datetime.date(YEAR, 6, 30)),
    3: (datetime.date(YEAR, 7, 1), datetime.date(YEAR, 9, 30)),
    4: (datetime.date(YEAR, 10, 1), datetime.date(YEAR, 12, 31)),
}
QUARTER_DAYS = {q: (b - a).days + 1 for q, (a, b) in QUARTER_RANGES.items()}
assert [QUARTER_DAYS[q] for q in (1, 2, 3, 4)] == [90, 91, 92, 92]


def overlap_days(a1, b1, a2, b2):
    """Calendar days in both inclusive ranges [a1, b1] and [a2, b2]; 0 when disjoint."""
    lo = max(a1, a2)
    hi = min(b1, b2)
    return max(0, (hi - lo).days + 1)


def add_years(d, n):
    """Adds calendar years; a 29 February landing in a common year becomes 28 February."""
    y = d.year + n
    try:
        return d.replace(year=y)
    except ValueError:
        assert d.month == 2 and d.day == 29
        return datetime.date(y, 2, 28)


def quarter_of(d):
    return (d.month - 1) // 3 + 1


# ---------------------------------------------------------------------------------
# §1 input data

class Enterprise:
    __slots__ = ("code", "region", "tags", "registered_on")

    def __init__(self, code, region, tags, registered_on):
        self.code = code
        self.region = region
        self.tags = tags
        self.registered_on = registered_on


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        yield from csv.DictReader(f)


def read_enterprises(path):
    out = {}
    for row in read_csv(path):
        code = row["credit_code"]
        tags = frozenset(t for t in row["tags"].split(";") if t)
        out[code] = Enterprise(code, row["region"], tags, datetime.date.fromisoformat(row["registered_on"]))
    return out


def read_facts(path, facts):
    """Adds (or, for a revision, replaces) facts: facts[code][(metric, period)] = raw text."""
    for row in read_csv(path):
        facts.setdefault(row["credit_code"], {})[(row["metric"], row["period"])] = row["value"]


class Facts:
    """Typed access to one enterprise's facts; None means missing (never zero)."""
    __slots__ = ("raw",)

    def __init__(self, raw):
        self.raw = raw or {}

    def num(self, metric, period=""):
        v = self.raw.get((metric, period))
        return None if v is None else Decimal(v)

    def date(self, metric):
        v = self.raw.get((metric, ""))
        return None if v is None else datetime.date.fromisoformat(v)

    def text(self, metric, period=""):
        return self.raw.get((metric, period))


# ---------------------------------------------------------------------------------
# §3 amounts, §4.1-4.4: D(e, p, q) in fen for q = 1..4, before the caps.
# Amounts that are absent (missing fact, not eligible, not valid) are simply not in D.

def annual_entitlements(e, f):
    """E of the annual instalment policies R1, R2 after eligibility and §4.2 stacking."""
    ents = {}
    base = f.num("equipment_investment", "2018")
    if "above_scale" in e.tags and base is not None and base >= Decimal(5_000_000):
        ents[R1] = round_half_up_fen(min(Decimal("0.10") * base, Decimal(5_000_000)))
    base = f.num("smart_investment", "2018")
    if base is not None and base >= Decimal(2_000_000):
        ents[R2] = round_half_up_fen(min(Decimal("0.15") * base, Decimal(3_000_000)))
    # Stacking group tech: keep the larger E; a tie keeps the earlier policy (R1).
    if R1 in ents and R2 in ents:
        if ents[R1] >= ents[R2]:
            ents[R2] = 0
        else:
            ents[R1] = 0
    return ents


def instalments(e_fen, n=4):
    """§4.4: the first n-1 are round(E / n), the last E minus their sum."""
    each = round_fen_div(e_fen, n)
    return [each] * (n - 1) + [e_fen - each * (n - 1)]


def round_fen_div(fen, n):
    """round(fen / n) to the fen, half-up (ties away from zero), for fen an int amount in fen."""
    sign = -1 if fen < 0 else 1
    q, r = divmod(abs(fen), n)
    if 2 * r >= n:
        q += 1
    return sign * q


def r5_claim(e, f):
    """R5 amount for 2019Q1 before the budget (fen), or None."""
    if "above_scale" not in e.tags:
        return None
    last = f.num("output_value", "2018Q1")
    if last is None or not last > 0:
        return None
    now = f.num("output_value", "2019Q1")
    if now is None:
        return None
    # g = now / last - 1 compared exactly: g >= t  <=>  now >= (1 + t) * last  (last > 0).
    if now >= Decimal("1.30") * last:
        return 200_000_00
    if now >= Decimal("1.20") * last:
        return 100_000_00
    if now >= Decimal("1.10") * last:
        return 50_000_00
    return None


def budget_split(claims, budget_fen):
    """§4.3 over {code: fen}: returns {code: fen} after the budget."""
    positive = {c: a for c, a in claims.items() if a > 0}
    s = sum(positive.values())
    if s <= budget_fen:
        return dict(claims)
    out = dict(claims)
    rema = []
    total = 0
    for c, a in positive.items():
        q, r = divmod(a * budget_fen, s)   # a*B/S in fen: floor and remainder (over S)
        out[c] = q
        total += q
        rema.append((-r, c))
    missing = budget_fen - total
    assert 0 <= missing <= len(rema)
    rema.sort()   # largest remainder first, ties by credit code ascending
    for _, c in rema[:missing]:
        out[c] += 1
    assert sum(out[c] for c in positive) == budget_fen
    return out


def per_quarter_amounts(e, f):
    """D for the per-quarter policies R6, R7 and B1..B5: {(policy, q): fen}."""
    d = {}
    # R6 micro-park rent
    if "in_micro_park" in e.tags:
        entry = f.date("park_entry_date")
        if entry is not None:
            w_end = add_years(entry, 3) - datetime.timedelta(days=1)
            for q in (1, 2, 3, 4):
                rent = f.num("park_rent", "%dQ%d" % (YEAR, q))
                if rent is None:
                    continue
                qa, qb = QUARTER_RANGES[q]
                days = overlap_days(entry, w_end, qa, qb)
                d[(R6, q)] = round_half_up_fen(Decimal("0.30") * rent * days, QUARTER_DAYS[q])
    # R7 loan interest (before its annual cap)
    amount = f.num("tech_loan_amount")
    start = f.date("tech_loan_start")
    end = f.date("tech_loan_end")
    if amount is not None and start is not None and end is not None:
        for q in (1, 2, 3, 4):
            qa, qb = QUARTER_RANGES[q]
            days = overlap_days(start, end, qa, qb)
            d[(R7, q)] = round_half_up_fen(amount * Decimal("0.015") * days, 360)
    for q in (1, 2, 3, 4):
        qp = "%dQ%d" % (YEAR, q)
        qa, qb = QUARTER_RANGES[q]
        # B1 pension rate, valid from 2019-05-01: tested against the quarter computed for.
        if qb >= datetime.date(YEAR, 5, 1):
            base = f.num("pension_wage_base", qp)
            if base is not None:
                days = overlap_days(datetime.date(YEAR, 5, 1), datetime.date.max, qa, qb)
                d[(B1, q)] = round_half_up_fen(Decimal("0.04") * base * days, QUARTER_DAYS[q])
        # B2 VAT rate, valid from 2019-04-01: quarters 2019Q2 on.
        if q >= 2:
            sales = f.num("taxable_sales", qp)
            if sales is not None:
                d[(B2, q)] = round_half_up_fen(Decimal("0.03") * sales)
        # B3 power price
        kwh = f.num("electricity_kwh", qp)
        if kwh is not None:
            d[(B3, q)] = round_half_up_fen(kwh * Decimal("0.0452"))
        # B4 land tax by per-mu grade of 2018
        grade = f.text("per_mu_grade", "2018")
        area = f.num("land_area_sqm")
        if grade in ("A", "B") and area is not None:
            rate = Decimal(1) if grade == "A" else Decimal("0.5")
            d[(B4, q)] = round_half_up_fen(area * 8 * rate, 4)
        # B5 export rebate
        export = f.num("export_sales", qp)
        if export is not None:
            d[(B5, q)] = round_half_up_fen(Decimal("0.13") * export)
    return d


def scheduled_amounts(enterprises, facts):
    """D(e, p, q) for every enterprise, all four quarters: {code: {(policy, q): fen}}.

    Independent of the quarter being settled (validity is tested against q); the
    settlement of Q uses the quarters q <= Q."""
    dues = {}
    r5_claims = {}
    for code, e in enterprises.items():
        f = Facts(facts.get(code))
        d = {}
        for p, e_fen in annual_entitlements(e, f).items():
            for q, amt in zip((1, 2, 3, 4), instalments(e_fen)):
                d[(p, q)] = amt
        # R3: lump of 100,000 in the quarter containing above_scale_since (in 2019).
        since = f.date("above_scale_since")
        if "above_scale" in e.tags and since is not None and since.year == YEAR:
            d[(R3, quarter_of(since))] = 100_000_00
        # R4: lump in 2019Q2.
        r17 = f.num("rd_expense", "2017")
        r18 = f.num("rd_expense", "2018")
        if r17 is not None and r18 is not None and r18 - r17 > 0:
            d[(R4, 2)] = round_half_up_fen(min(Decimal("0.15") * (r18 - r17), Decimal(2_000_000)))
        claim = r5_claim(e, f)
        if claim is not None:
            r5_claims[code] = claim
        d.update(per_quarter_amounts(e, f))
        dues[code] = d
    for code, amt in budget_split(r5_claims, R5_BUDGET_FEN).items():
        dues[code][(R5, 1)] = amt
    return dues


# ---------------------------------------------------------------------------------
# §4.5 caps and §4.6 true-up for one settlement

def capped(e, f, d, settle_q):
    """C(e, p, q) for q <= settle_q: {(policy, q): fen} (only the keys present in d)."""
    c = {k: v for k, v in d.items() if k[1] <= settle_q}
    # R7's own annual cap, walked in quarter order over R7's lines alone.
    s = 0
    for q in range(1, settle_q + 1):
        if (R7, q) in c:
            v = min(c[(R7, q)], max(0, R7_ANNUAL_CAP_FEN - s))
            c[(R7, q)] = v
            s += v
    # Enterprise cap: registered before 2016-01-01, cap = local_contribution[2018] or 0.
    if e.registered_on < CAP_REGISTERED_BEFORE:
        lc = f.num("local_contribution", "2018")
        cap = 0 if lc is None else yuan_fen(lc)
        s = 0
        for q in range(1, settle_q + 1):
            for p in CAPPED:
                if (p, q) in c:
                    v = min(c[(p, q)], max(0, cap - s))
                    c[(p, q)] = v
                    s += v
    return c


def city_share_fen(region, payout):
    tenths = 5 if region in CITY_50_REGIONS else 3
    return round_fen_div(payout * tenths, 10)


def settle(settle_q, enterprises, facts, dues, paid):
    """Lines of quarter settle_q: list of dicts, sorted by credit code then book order."""
    lines = []
    codes = set(enterprises) | {code for (code, _p) in paid}
    paid_by_code = {}
    for (code, p), amt in paid.items():
        paid_by_code.setdefault(code, {})[p] = amt
    for code in sorted(codes):
        e = enterprises.get(code)
        prev = paid_by_code.get(code, {})
        if e is not None:
            c = capped(e, Facts(facts.get(code)), dues[code], settle_q)
            region = e.region
        else:
            c = {}
            region = "unknown"
        for p in range(len(POLICIES)):
            due = c.get((p, settle_q), 0)
            cumulative = sum(c.get((p, q), 0) for q in range(1, settle_q + 1))
            previously = prev.get(p, 0)
            payout = cumulative - previously
            if cumulative == 0 and payout == 0:
                continue
            if POLICIES[p][1] == "reward":
                city = city_share_fen(region, payout)
                county = payout - city
            else:
                city = county = 0
            lines.append({"code": code, "policy": p, "region": region, "due": due, "cumulative": cumulative,
                          "previously": previously, "payout": payout, "city": city, "county": county})
    return lines


# ---------------------------------------------------------------------------------
# §5 results

FIG_KEYS = ["rewards_quarter", "rewards_ytd", "burden_quarter", "burden_ytd", "export_rebate_quarter",
            "export_rebate_ytd", "beneficiaries"]


def figures(lines):
    f = {k: 0 for k in FIG_KEYS}
    reward_ytd_by_code = {}
    for ln in lines:
        kind, category = POLICIES[ln["policy"]][1], POLICIES[ln["policy"]][2]
        if kind == "reward":
            f["rewards_quarter"] += ln["payout"]
            f["rewards_ytd"] += ln["cumulative"]
            reward_ytd_by_code[ln["code"]] = reward_ytd_by_code.get(ln["code"], 0) + ln["cumulative"]
        elif category == "export_rebate":
            f["export_rebate_quarter"] += ln["payout"]
            f["export_rebate_ytd"] += ln["cumulative"]
        else:
            f["burden_quarter"] += ln["payout"]
            f["burden_ytd"] += ln["cumulative"]
    f["beneficiaries"] = sum(1 for v in reward_ytd_by_code.values() if v > 0)
    return {k: (v if k == "beneficiaries" else fen_text(v)) for k, v in f.items()}


def totals(lines):
    out = figures(lines)
    regions = sorted({ln["region"] for ln in lines})
    out["by_region"] = {r: figures([ln for ln in lines if ln["region"] == r]) for r in regions}
    out["by_policy"] = {POLICY_IDS[p]: figures([ln for ln in lines if ln["policy"] == p])
                        for p in range(len(POLICIES))}
    return out


LINE_HEADER = ["credit_code", "policy", "quarter", "due", "cumulative", "previously_paid", "payout", "city_share",
               "county_share"]


def write_outputs(out_dir, settle_q, lines):
    qtext = "%dQ%d" % (YEAR, settle_q)
    with open(os.path.join(out_dir, "q%d-lines.csv" % settle_q), "w", encoding="utf-8", newline="") as f:
        f.write(",".join(LINE_HEADER) + "\n")
        for ln in lines:
            f.write(",".join([ln["code"], POLICY_IDS[ln["policy"]], qtext, fen_text(ln["due"]),
                              fen_text(ln["cumulative"]), fen_text(ln["previously"]), fen_text(ln["payout"]),
                              fen_text(ln["city"]), fen_text(ln["county"])]) + "\n")
    with open(os.path.join(out_dir, "q%d-totals.json" % settle_q), "w", encoding="utf-8") as f:
        json.dump(totals(lines), f, indent=1, ensure_ascii=False)
        f.write("\n")


def main(argv):
    if len(argv) != 3:
        print("usage: wenzhou_oracle.py DATA_DIR OUT_DIR", file=sys.stderr)
        return 2
    data_dir, out_dir = argv[1], argv[2]
    os.makedirs(out_dir, exist_ok=True)
    for q in (1, 2, 3, 4):   # no stale output may survive a failed run
        for name in ("q%d-lines.csv" % q, "q%d-totals.json" % q):
            if os.path.exists(os.path.join(out_dir, name)):
                os.remove(os.path.join(out_dir, name))
    enterprises = read_enterprises(os.path.join(data_dir, "enterprises.csv"))
    facts = {}
    read_facts(os.path.join(data_dir, "facts.csv"), facts)
    revised = {code: dict(v) for code, v in facts.items()}
    read_facts(os.path.join(data_dir, "facts-revision.csv"), revised)

    paid = {}   # the oracle's own ledger: (code, policy) -> sum of committed payouts (fen)
    dues = None
    summary = []
    for settle_q in (1, 2, 3, 4):
        current = facts if settle_q <= 2 else revised
        if settle_q in (1, 3):
            dues = scheduled_amounts(enterprises, current)
        lines = settle(settle_q, enterprises, current, dues, paid)
        write_outputs(out_dir, settle_q, lines)
        for ln in lines:   # commit: one entry per line with a non-zero payout
            if ln["payout"] != 0:
                key = (ln["code"], ln["policy"])
                paid[key] = paid.get(key, 0) + ln["payout"]
        rq = sum(ln["payout"] for ln in lines if POLICIES[ln["policy"]][1] == "reward")
        summary.append("%dQ%d: %d lines, rewards paid %s" % (YEAR, settle_q, len(lines), fen_text(rq)))
    print("\n".join(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

#!/usr/bin/env python3
"""The whole process, as a clerk runs it: `duixian settle --quarter 2019Q4` over generated
Wenzhou 2019 data (Q1-Q4 recomputed, the revision applied), writing lines, payments and
totals, for each size, row order and thread count, beside floors measured in the same run.

    bench/whole_process.py [--build build/release] [--sizes 10000,100000] [--runs 5]
                           [--data DIR] [--cli PATH (another duixian, e.g. an older build)]

- Data: `duixian-datagen --enterprises N --seed 2019`, facts grouped by enterprise as the
  generator writes them and `--shuffle`d (rows in a seeded random order, as a database
  export returns them); generated once into DIR (default $TMPDIR/duixian-bench-data).
- Runs are interleaved: run 1 of every configuration, then run 2 of every configuration,
  ..., so a change in the machine's load touches all of them alike. Each run's wall time is
  measured here (monotonic clock, nanoseconds; it includes /usr/bin/time's own start, a
  millisecond or so) and its peak resident memory is /usr/bin/time's (mapped input pages count).
- Floors, same run, same bytes: reading the inputs from the warm page cache and counting
  their lines (`wc -l`, a memchr scan), and writing the outputs' bytes (`cat` into a file in
  the same directory, no fsync).
- Every run's lines.csv, payments.csv and totals.json are hashed: all orders and thread
  counts of one size must give the same bytes, or the benchmark fails.

Prints medians (and min-max) per configuration, per-enterprise cost, the two-thread speed-up
and the growth of the per-enterprise cost with size, then each target of issue 13 with
"holds" or "DOES NOT HOLD". Integer arithmetic only (times in ns, shown as ms).
"""
import argparse
import hashlib
import os
import subprocess
import sys
import tempfile
import time

BOOK = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "examples", "wenzhou-2019", "policies.json")


def ms(ns):
    return f"{ns // 1_000_000}.{(ns // 1000) % 1000:03d} ms"


def median(values):
    s = sorted(values)
    return s[len(s) // 2] if len(s) % 2 else (s[len(s) // 2 - 1] + s[len(s) // 2]) // 2


def run(cmd, out=subprocess.DEVNULL):
    """Wall ns and peak RSS (kB) of one child process; fails on a non-zero exit.

    The peak is what /usr/bin/time reports for the program itself (a child forked from this
    script would count the script's own pages until it execs)."""
    with tempfile.NamedTemporaryFile(mode="r") as rss_file:
        t0 = time.monotonic_ns()
        p = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", rss_file.name] + cmd, stdout=out,
                           stderr=subprocess.PIPE)
        wall = time.monotonic_ns() - t0
        if p.returncode != 0:
            sys.exit(f"whole_process: {' '.join(cmd)} exited {p.returncode}: {p.stderr.decode()}")
        return wall, int(rss_file.read().split()[-1])


def dataset(datagen, root, n, shuffled):
    d = os.path.join(root, f"{n}-{'shuffled' if shuffled else 'grouped'}")
    if not os.path.exists(os.path.join(d, "complete")):
        cmd = [datagen, "--out", d, "--enterprises", str(n), "--seed", "2019"] + (["--shuffle"] if shuffled else [])
        print(f"generating {' '.join(cmd[1:])}", flush=True)
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        open(os.path.join(d, "complete"), "w").write("ok\n")
    return d


def digest(out_dir):
    h = hashlib.sha256()
    for name in ("lines.csv", "payments.csv", "totals.json"):
        with open(os.path.join(out_dir, name), "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
    return h.hexdigest()[:16]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--build", default="build/release")
    ap.add_argument("--sizes", default="10000,100000")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--data", default=os.path.join(tempfile.gettempdir(), "duixian-bench-data"))
    ap.add_argument("--cli", help="the duixian program to time (default: BUILD/tools/cli/duixian)")
    a = ap.parse_args()
    cli = a.cli or os.path.join(a.build, "tools", "cli", "duixian")
    datagen = os.path.join(a.build, "tools", "datagen", "duixian-datagen")
    sizes = [int(s) for s in a.sizes.split(",")]
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    print(f"duixian whole-process benchmark: commit {commit or 'unknown'}, {os.cpu_count()} hardware threads, "
          f"{a.runs} interleaved runs")
    print("load average at the start:", open("/proc/loadavg").read().split()[:3])

    configs = []  # (size, shuffled, threads, data dir, out dir)
    scratch = tempfile.mkdtemp(prefix="duixian-whole-")
    for n in sizes:
        for shuffled in (False, True):
            d = dataset(datagen, a.data, n, shuffled)
            for threads in (1, 2):
                configs.append((n, shuffled, threads, d, os.path.join(scratch, f"{n}-{int(shuffled)}-{threads}")))

    def settle_cmd(c):
        n, shuffled, threads, d, out = c
        return [cli, "settle", "--book", BOOK, "--enterprises", f"{d}/enterprises.csv", "--facts", f"{d}/facts.csv",
                "--revision", f"{d}/facts-revision.csv", "--quarter", "2019Q4", "--threads", str(threads), "--out", out]

    for c in configs:  # warm the page cache and check that the command works
        run(settle_cmd(c))
    walls = {c: [] for c in configs}
    rss = {c: [] for c in configs}
    read_floor = {n: [] for n in sizes}
    write_floor = {n: [] for n in sizes}
    digests = {}
    for r in range(a.runs):
        for c in configs:
            w, m = run(settle_cmd(c))
            walls[c].append(w)
            rss[c].append(m)
            digests.setdefault(c[0], set()).add(digest(c[4]))
        for n in sizes:
            d = os.path.join(a.data, f"{n}-shuffled")
            w, _ = run(["wc", "-l", f"{d}/enterprises.csv", f"{d}/facts.csv", f"{d}/facts-revision.csv"])
            read_floor[n].append(w)
            out = [c[4] for c in configs if c[0] == n][0]
            with open(os.path.join(out, "floor.out"), "wb") as f:
                w, _ = run(["cat", f"{out}/lines.csv", f"{out}/payments.csv", f"{out}/totals.json"], out=f)
            write_floor[n].append(w)
    print("load average at the end:", open("/proc/loadavg").read().split()[:3])

    ok = True
    for n in sizes:
        if len(digests[n]) != 1:
            print(f"FAILED: {n} enterprises: outputs differ between orders or thread counts: {sorted(digests[n])}")
            ok = False
    print()
    print(f"{'enterprises':>11} {'facts':>8} {'threads':>7} {'median wall':>13} {'min-max':>23} {'peak RSS':>10} "
          f"{'us/enterprise':>13}")
    med = {}
    for c in configs:
        n, shuffled, threads = c[0], c[1], c[2]
        med[c] = median(walls[c])
        print(f"{n:>11} {'shuffled' if shuffled else 'grouped':>8} {threads:>7} {ms(med[c]):>13} "
              f"{ms(min(walls[c])) + ' - ' + ms(max(walls[c])):>23} {median(rss[c]) // 1024:>7} MB "
              f"{med[c] // 1000 // n:>10}.{med[c] // n % 1000:03d}")
    for n in sizes:
        print(f"floors for {n}: read the inputs (wc -l) {ms(median(read_floor[n]))}, "
              f"write the outputs (cat) {ms(median(write_floor[n]))}")

    def pick(n, shuffled, threads):
        return next(c for c in configs if c[:3] == (n, shuffled, threads))

    print("\ntargets (issue 13; shuffled facts, the realistic order):")
    for n in sizes:
        one, two = med[pick(n, True, 1)], med[pick(n, True, 2)]
        print(f"  {n}: two threads vs one: {one * 100 // two // 100}.{one * 100 // two % 100:02d}x "
              f"({'holds' if one * 10 >= two * 16 else 'DOES NOT HOLD'}: >= 1.6x)")
    if 100_000 in sizes:
        w = med[pick(100_000, True, 2)]
        print(f"  100,000 enterprises, two threads, <= 0.35 s: {'holds' if w <= 350_000_000 else 'DOES NOT HOLD'} "
              f"at {ms(w)}")
    if 1_000_000 in sizes:
        c = pick(1_000_000, True, 2)
        print(f"  1,000,000 enterprises, two threads, <= 3.5 s and <= 1.5 GB: "
              f"{'holds' if med[c] <= 3_500_000_000 and median(rss[c]) <= 1_500_000 else 'DOES NOT HOLD'} "
              f"at {ms(med[c])}, {median(rss[c]) // 1024} MB")
    if 100_000 in sizes and 1_000_000 in sizes:
        small, big = med[pick(100_000, True, 2)] // 100_000, med[pick(1_000_000, True, 2)] // 1_000_000
        print(f"  per-enterprise cost from 100k to 1M rises <= 25%: {'holds' if big * 100 <= small * 125 else 'DOES NOT HOLD'}"
              f" ({small} -> {big} ns per enterprise)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

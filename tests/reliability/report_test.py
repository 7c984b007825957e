#!/usr/bin/env python3
"""Tests scripts/reliability-report on a made-up ctest log (tests/reliability/CMakeLists.txt)."""
import json
import pathlib
import subprocess
import sys
import tempfile
import unittest

SCRIPT = pathlib.Path(sys.argv.pop(1)) if len(sys.argv) > 1 else \
    pathlib.Path(__file__).resolve().parents[2] / "scripts" / "reliability-report"


def block(index, total, name, output, passed=True):
    """One test's entry in ctest's LastTest.log, in the layout ctest 3.25 writes."""
    lines = [f"{index}/{total} Testing: {name}", f"{index}/{total} Test: {name}",
             f'Command: "/x/{name}"', "Directory: /x", f'"{name}" start time: Nov 28 14:14 UTC',
             "Output:", "-" * 58, *output, "<end of output>", "Test time =   0.01 sec", "-" * 58,
             "Test Passed." if passed else "Test Failed.", f'"{name}" end time: Nov 28 14:14 UTC', "-" * 58, ""]
    return lines


def record(**fields):
    return "RELIABILITY " + json.dumps(fields, ensure_ascii=False)


def write_log(root, blocks):
    log = root / "build" / "release" / "Testing" / "Temporary" / "LastTest.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    text = ["Start testing: Nov 28 14:13 UTC", "-" * 58]
    for b in blocks:
        text += b
    log.write_text("\n".join(text) + "\nEnd testing: Nov 28 14:15 UTC\n", encoding="utf-8")


def run(*args):
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True)


class ReportTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.root = pathlib.Path(self.tmp.name)
        self.verify = block(1, 3, "Faults.Verify", [
            "[ RUN      ] x", record(section="faults", operation="verify", fault="f", points=1, result="held")])
        self.create = block(2, 3, "Faults.Create", [
            record(section="faults", operation="open create", fault="g", points=39, result="held too")])
        self.bad = block(3, 3, "BadInput.Csv", [
            record(section="bad_input", kind="csv: bad code", input="x,y",
                   message=f"io_error: ledger {self.root}/build/x.db and /tmp/duixian-42/fault_work_12345.db"),
            "unrelated output"])

    def tearDown(self):
        self.tmp.cleanup()

    def report(self, blocks):
        write_log(self.root, blocks)
        out = self.root / "reliability.md"
        result = run("--root", str(self.root), "--out", str(out))
        self.assertEqual(result.returncode, 0, result.stderr)
        return out.read_text(encoding="utf-8")

    def test_collects_records_in_an_order_independent_of_the_run(self):
        one = self.report([self.verify, self.create, self.bad])
        two = self.report([self.bad, self.create, self.verify])
        self.assertEqual(one, two)
        self.assertIn("| open create | g | 39 | held too |", one)
        self.assertIn("| verify | f | 1 | held |", one)
        self.assertLess(one.index("| open create |"), one.index("| verify |"))  # operations in a fixed order
        self.assertIn("Fault points tried in all: 40.", one)
        self.assertIn("| csv: bad code | `x,y` |", one)
        self.assertNotIn("unrelated output", one)

    def test_removes_checkout_and_scratch_paths(self):
        text = self.report([self.bad])
        self.assertIn("ledger build/x.db and $TMP/fault_work.db", text)
        self.assertNotIn(str(self.root), text)

    def test_flags_records_of_failed_tests(self):
        failed = block(1, 1, "Faults.Broken", [record(section="faults", operation="commit", fault="h", points=2,
                                                      result="r")], passed=False)
        self.assertIn("did not pass:** Faults.Broken", self.report([failed]))

    def test_build_table_counts_passed_and_failed(self):
        failed = block(4, 4, "Other.Fails", ["boom"], passed=False)
        text = self.report([self.verify, self.create, self.bad, failed])
        self.assertIn("| release | GCC, Release: the whole suite (scripts/test) | unknown compiler | none | "
                      "3 of 4 passed, 1 FAILED |", text)
        self.assertIn("| asan | GCC, AddressSanitizer + UndefinedBehaviorSanitizer: the whole suite but the compile-only tests |  |  | "
                      "no test run found |", text)

    def test_check_accepts_a_current_document_and_refuses_a_stale_one(self):
        text = self.report([self.verify, self.create, self.bad])
        doc = self.root / "reliability.md"
        self.assertEqual(run("--root", str(self.root), "--out", str(doc), "--check").returncode, 0)
        doc.write_text(text.replace("held too", "typed by hand"), encoding="utf-8")
        stale = run("--root", str(self.root), "--out", str(doc), "--check")
        self.assertNotEqual(stale.returncode, 0)
        self.assertIn("out of date", stale.stderr)
        self.assertIn("+| open create | g | 39 | held too |", stale.stdout)


if __name__ == "__main__":
    unittest.main(verbosity=2)

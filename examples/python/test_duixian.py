#!/usr/bin/env python3
"""Tests of duixian.py beyond settle_wenzhou.py: a register built row by row, an in-memory
ledger across two quarters, explanations, errors and the decimal utilities.

    test_duixian.py LIBRARY BOOK
"""

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import duixian  # noqa: E402

LIBRARY, BOOK = sys.argv[1], sys.argv[2]
CODE = "913303030HPJWHNH14"


class DuixianTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.lib = duixian.Library(LIBRARY)
        cls.book = cls.lib.load_book(BOOK)

    def register(self):
        return self.lib.build_register(
            self.book,
            [{"credit_code": CODE, "name": "温州鑫东阀门有限公司", "region": "330303", "industry": "C3443",
              "tags": "in_micro_park", "registered_on": "2017-03-01"}],
            [(CODE, "park_entry_date", "", "2018-01-01"),
             (CODE, "park_rent", "2019Q1", "10000.00"),
             (CODE, "park_rent", "2019Q2", "10000.00")])

    def test_book(self):
        self.assertEqual(self.book.id, "wenzhou-2019")
        self.assertEqual(self.book.year, 2019)

    def test_two_quarters_with_a_ledger(self):
        with self.register() as reg, self.lib.memory_ledger() as ledger:
            self.assertEqual(len(reg), 1)
            with self.lib.settle(self.book, reg, "2019Q1", ledger) as q1:
                self.assertEqual(q1.figure("rewards_quarter"), "3000.00")
                self.assertTrue(q1.commit(ledger))
                self.assertFalse(q1.commit(ledger))
            self.assertEqual(ledger.last_committed(), "2019Q1")
            with self.lib.settle(self.book, reg, "2019Q2", ledger, threads=2) as q2:
                lines = [l for l in q2.lines() if l["policy"] == "R6-micro-park-rent"]
                self.assertEqual(len(lines), 1)
                self.assertEqual(lines[0]["cumulative"], "6000.00")
                self.assertEqual(lines[0]["previously_paid"], "3000.00")
                self.assertEqual(lines[0]["payout"], "3000.00")
                self.assertEqual(q2.totals()["by_policy"]["R6-micro-park-rent"]["rewards_quarter"], "3000.00")
                self.assertIn("R6-micro-park-rent", q2.explain(CODE, "R6-micro-park-rent"))
                self.assertIsInstance(q2.explain(CODE, "R6-micro-park-rent", as_json=True), dict)
                with self.assertRaises(duixian.DuixianError) as caught:
                    q2.explain(CODE, "B1-pension-rate")
                self.assertEqual(caught.exception.status, -23)

    def test_errors(self):
        with self.assertRaises(duixian.DuixianError) as caught:
            self.lib.load_book("/no/such/book.json")
        self.assertEqual(caught.exception.status, -6)
        with self.register() as reg:
            with self.assertRaises(duixian.DuixianError) as caught:
                self.lib.settle(self.book, reg, "2019Q5")
            self.assertEqual(caught.exception.status, -2)
            self.assertIn("2019Q5", caught.exception.message)

    def test_decimals(self):
        self.assertEqual(self.lib.round("1409.499"), "1409.50")
        self.assertEqual(self.lib.round("2.345", 2, "half_even"), "2.34")
        self.assertEqual(self.lib.add("0.1", "0.20"), "0.30")
        self.assertEqual(self.lib.capital("1409.50"), "人民币壹仟肆佰零玖元伍角")
        self.assertEqual(self.lib.version(), self.lib.duixian_version().decode())


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1], verbosity=2)

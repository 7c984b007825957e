"""Duixian for Python, over its C ABI (libduixian_c) with ctypes: standard library only.

    import duixian
    lib = duixian.Library("/path/to/libduixian_c.so.2")   # or $DUIXIAN_C_LIBRARY
    book = lib.load_book("policies.json")
    reg = lib.load_register(book, "enterprises.csv", "facts.csv")
    settlement = lib.settle(book, reg, "2019Q4")
    print(settlement.figure("rewards_quarter"), settlement.totals())
    for line in settlement.lines():
        print(line["credit_code"], line["policy"], line["payout"])

Amounts are decimal strings; convert with decimal.Decimal, never float. A failing call
raises DuixianError with the C status and the library's message. Handles are freed when
the Python objects are collected, or at once with close() / a with-block.
"""

import ctypes
import json
import os

__all__ = ["DuixianError", "Library", "Book", "Register", "Ledger", "Settlement"]

OK, ROW, DONE = 0, 100, 101

FIGURES = {
    "rewards_quarter": 0,
    "rewards_ytd": 1,
    "burden_quarter": 2,
    "burden_ytd": 3,
    "export_rebate_quarter": 4,
    "export_rebate_ytd": 5,
    "city_quarter": 6,
    "county_quarter": 7,
    "beneficiaries": 8,
}

LINE_FIELDS = ["credit_code", "policy", "quarter", "due", "cumulative", "previously_paid", "payout",
               "city", "county", "kind", "category", "region"]

ROUNDING = ["half_up", "half_even", "half_down", "up", "down", "ceiling", "floor"]

LEDGER_MODES = {"read_only": 0, "read_write": 1, "create": 2}


class DuixianError(Exception):
    """A failed call: `status` is the C status (negative), `message` the library's text."""

    def __init__(self, status, status_text, message):
        super().__init__("%s (%d): %s" % (status_text, status, message))
        self.status = status
        self.message = message


class _SettleOptions(ctypes.Structure):
    _fields_ = [("version", ctypes.c_int), ("threads", ctypes.c_uint)]


class _LoadOptions(ctypes.Structure):
    _fields_ = [("version", ctypes.c_int), ("encoding", ctypes.c_int), ("allow_rejected_rows", ctypes.c_int)]


_P = ctypes.c_void_p
_PP = ctypes.POINTER(ctypes.c_void_p)
_S = ctypes.c_char_p
_INT = ctypes.c_int
_SIZE = ctypes.c_size_t

# name: (argument types); every one returns an int status unless listed in _OTHER.
_SIGNATURES = {
    "duixian_book_load_file": [_S, _PP],
    "duixian_book_id": [_P, ctypes.POINTER(_S)],
    "duixian_book_year": [_P, ctypes.POINTER(_INT)],
    "duixian_book_sha256": [_P, ctypes.POINTER(_S)],
    "duixian_register_load_files": [_P, _S, _S, _S, ctypes.POINTER(_LoadOptions), _PP],
    "duixian_register_size": [_P, ctypes.POINTER(_SIZE)],
    "duixian_register_builder_new": [_P, _PP],
    "duixian_register_builder_add_enterprise": [_P, _S, _S, _S, _S, _S, _S],
    "duixian_register_builder_add_fact": [_P, _S, _S, _S, _S, _INT],
    "duixian_register_builder_build": [_P, _PP],
    "duixian_ledger_new_memory": [_PP],
    "duixian_ledger_open_sqlite": [_S, _INT, _PP],
    "duixian_ledger_last_committed": [_P, _PP],
    "duixian_settle": [_P, _P, _S, _P, ctypes.POINTER(_SettleOptions), _PP],
    "duixian_settlement_line_count": [_P, ctypes.POINTER(_SIZE)],
    "duixian_settlement_figure": [_P, _INT, _PP],
    "duixian_settlement_totals_json": [_P, _PP],
    "duixian_settlement_find_line": [_P, _S, _S, ctypes.POINTER(_SIZE)],
    "duixian_settlement_explain": [_P, _SIZE, _INT, _PP],
    "duixian_settlement_commit": [_P, _P, _P, ctypes.POINTER(_INT)],
    "duixian_lines_open": [_P, _PP],
    "duixian_lines_next": [_P],
    "duixian_lines_get": [_P, _INT, ctypes.POINTER(_S)],
    "duixian_decimal_round": [_S, _INT, _INT, _PP],
    "duixian_decimal_add": [_S, _S, _PP],
    "duixian_money_capital": [_S, _PP],
}
_OTHER = {
    "duixian_version": ([], _S),
    "duixian_status_text": ([_INT], _S),
    "duixian_last_error": ([], _S),
    "duixian_string_free": ([_P], None),
    "duixian_book_free": ([_P], None),
    "duixian_register_free": ([_P], None),
    "duixian_register_builder_free": ([_P], None),
    "duixian_ledger_free": ([_P], None),
    "duixian_settlement_free": ([_P], None),
    "duixian_lines_free": ([_P], None),
}


def _b(text):
    return None if text is None else os.fsencode(text) if isinstance(text, os.PathLike) else text.encode("utf-8")


class Library:
    """The loaded libduixian_c. `path` defaults to $DUIXIAN_C_LIBRARY, then `libduixian_c.so.2`."""

    def __init__(self, path=None):
        path = path or os.environ.get("DUIXIAN_C_LIBRARY") or "libduixian_c.so.2"
        self._dll = ctypes.CDLL(path)
        for name, args in _SIGNATURES.items():
            f = getattr(self._dll, name)
            f.argtypes, f.restype = args, _INT
        for name, (args, result) in _OTHER.items():
            f = getattr(self._dll, name)
            f.argtypes, f.restype = args, result

    def __getattr__(self, name):  # the raw C functions, e.g. lib.duixian_version()
        return getattr(self._dll, name)

    def check(self, status):
        """Raises DuixianError for a negative status; returns the status otherwise."""
        if status < 0:
            raise DuixianError(status, self._dll.duixian_status_text(status).decode(),
                               self._dll.duixian_last_error().decode("utf-8", "replace"))
        return status

    def take_string(self, pointer):
        """Copies a library-owned `char *` into a str and frees it."""
        if not pointer:
            return None
        try:
            return ctypes.string_at(pointer).decode("utf-8")
        finally:
            self._dll.duixian_string_free(pointer)

    def version(self):
        return self._dll.duixian_version().decode()

    def load_book(self, path):
        out = _P()
        self.check(self._dll.duixian_book_load_file(_b(path), ctypes.byref(out)))
        return Book(self, out)

    def load_register(self, book, enterprises, facts, revision=None, allow_rejected_rows=False):
        options = _LoadOptions(1, 0, 1 if allow_rejected_rows else 0)
        out = _P()
        self.check(self._dll.duixian_register_load_files(book._h, _b(enterprises), _b(facts), _b(revision),
                                                         ctypes.byref(options), ctypes.byref(out)))
        return Register(self, out)

    def build_register(self, book, enterprises, facts):
        """Builds a register row by row: `enterprises` are dicts with the CSV's fields,
        `facts` tuples (credit_code, metric, period, value)."""
        builder = _P()
        self.check(self._dll.duixian_register_builder_new(book._h, ctypes.byref(builder)))
        try:
            for e in enterprises:
                self.check(self._dll.duixian_register_builder_add_enterprise(
                    builder, _b(e["credit_code"]), _b(e["name"]), _b(e["region"]), _b(e["industry"]),
                    _b(e.get("tags", "")), _b(e["registered_on"])))
            for code, metric, period, value in facts:
                self.check(self._dll.duixian_register_builder_add_fact(
                    builder, _b(code), _b(metric), _b(period), _b(value), 0))
            out = _P()
            self.check(self._dll.duixian_register_builder_build(builder, ctypes.byref(out)))
            return Register(self, out)
        finally:
            self._dll.duixian_register_builder_free(builder)

    def memory_ledger(self):
        out = _P()
        self.check(self._dll.duixian_ledger_new_memory(ctypes.byref(out)))
        return Ledger(self, out)

    def sqlite_ledger(self, path, mode="read_write"):
        out = _P()
        self.check(self._dll.duixian_ledger_open_sqlite(_b(path), LEDGER_MODES[mode], ctypes.byref(out)))
        return Ledger(self, out)

    def settle(self, book, register, quarter, ledger=None, threads=0):
        options = _SettleOptions(1, threads)
        out = _P()
        self.check(self._dll.duixian_settle(book._h, register._h, _b(quarter), ledger._h if ledger else None,
                                            ctypes.byref(options), ctypes.byref(out)))
        return Settlement(self, out)

    def round(self, value, places=2, mode="half_up"):
        out = _P()
        self.check(self._dll.duixian_decimal_round(_b(value), places, ROUNDING.index(mode), ctypes.byref(out)))
        return self.take_string(out)

    def add(self, a, b):
        out = _P()
        self.check(self._dll.duixian_decimal_add(_b(a), _b(b), ctypes.byref(out)))
        return self.take_string(out)

    def capital(self, amount):
        out = _P()
        self.check(self._dll.duixian_money_capital(_b(amount), ctypes.byref(out)))
        return self.take_string(out)


class _Handle:
    _free = None

    def __init__(self, lib, handle):
        self._lib, self._h = lib, handle

    def close(self):
        if self._h:
            getattr(self._lib._dll, self._free)(self._h)
            self._h = None

    def __del__(self):
        try:
            self.close()
        except Exception:
            pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class Book(_Handle):
    """A policy book (immutable, shareable between threads)."""
    _free = "duixian_book_free"

    @property
    def id(self):
        out = _S()
        self._lib.check(self._lib._dll.duixian_book_id(self._h, ctypes.byref(out)))
        return out.value.decode()

    @property
    def year(self):
        out = _INT()
        self._lib.check(self._lib._dll.duixian_book_year(self._h, ctypes.byref(out)))
        return out.value


class Register(_Handle):
    """Enterprises and facts (immutable)."""
    _free = "duixian_register_free"

    def __len__(self):
        out = _SIZE()
        self._lib.check(self._lib._dll.duixian_register_size(self._h, ctypes.byref(out)))
        return out.value


class Ledger(_Handle):
    """What was paid (one thread at a time)."""
    _free = "duixian_ledger_free"

    def last_committed(self):
        out = _P()
        self._lib.check(self._lib._dll.duixian_ledger_last_committed(self._h, ctypes.byref(out)))
        return self._lib.take_string(out)


class Settlement(_Handle):
    """A settled quarter (immutable). Keeps its book and register alive in the library."""
    _free = "duixian_settlement_free"

    def __len__(self):
        out = _SIZE()
        self._lib.check(self._lib._dll.duixian_settlement_line_count(self._h, ctypes.byref(out)))
        return out.value

    def figure(self, name):
        out = _P()
        self._lib.check(self._lib._dll.duixian_settlement_figure(self._h, FIGURES[name], ctypes.byref(out)))
        return self._lib.take_string(out)

    def totals_json(self):
        """Every total as JSON text: the same document as `duixian settle`'s totals.json."""
        out = _P()
        self._lib.check(self._lib._dll.duixian_settlement_totals_json(self._h, ctypes.byref(out)))
        return self._lib.take_string(out)

    def totals(self):
        """Every total, with breakdowns by region, policy, category and funding level (amounts as strings)."""
        return json.loads(self.totals_json())

    def lines(self):
        """Yields each line as a dict of strings (see LINE_FIELDS), sorted by credit code."""
        dll = self._lib._dll
        it = _P()
        self._lib.check(dll.duixian_lines_open(self._h, ctypes.byref(it)))
        try:
            value = _S()
            while self._lib.check(dll.duixian_lines_next(it)) == ROW:
                row = {}
                for index, name in enumerate(LINE_FIELDS):
                    self._lib.check(dll.duixian_lines_get(it, index, ctypes.byref(value)))
                    row[name] = value.value.decode("utf-8")
                yield row
        finally:
            dll.duixian_lines_free(it)

    def explain(self, credit_code, policy_id, as_json=False):
        index = _SIZE()
        self._lib.check(self._lib._dll.duixian_settlement_find_line(self._h, _b(credit_code), _b(policy_id),
                                                             ctypes.byref(index)))
        out = _P()
        self._lib.check(self._lib._dll.duixian_settlement_explain(self._h, index, 1 if as_json else 0, ctypes.byref(out)))
        text = self._lib.take_string(out)
        return json.loads(text) if as_json else text

    def commit(self, ledger):
        """Commits the settled quarter to `ledger`; True when appended, False when already there."""
        committed = _INT()
        self._lib.check(self._lib._dll.duixian_settlement_commit(self._h, ledger._h, None, ctypes.byref(committed)))
        return committed.value == 1

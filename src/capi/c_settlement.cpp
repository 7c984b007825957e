// The C ABI: settlements, their totals and explanations, and the line iterator.
#include "capi/c_support.hpp"

using namespace duixian;
using namespace duixian::capi;

extern "C" {

int duixian_settle(const duixian_book* book, const duixian_register* reg, const char* quarter,
                   const duixian_ledger* ledger, const duixian_settle_options* options, duixian_settlement** out) {
  if (out != nullptr) *out = nullptr;
  return guarded([&] {
    need(book, "book");
    need(reg, "reg");
    need(quarter, "quarter");
    need(out, "out");
    check_version(options, DUIXIAN_SETTLE_OPTIONS_VERSION, "duixian_settle_options");
    SettleOptions settle_options;
    if (options != nullptr) settle_options.threads = options->threads;
    const Quarter q = Quarter::parse(quarter);
    auto handle = std::make_unique<duixian_settlement>();
    handle->book = book->book;
    handle->quarter = q.to_string();
    if (ledger != nullptr) {
      handle->settlement = settle(*handle->book, reg->reg, q, *ledger->ledger, settle_options);
    } else {
      handle->settlement = settle(*handle->book, reg->reg, q, PaidTotals{}, settle_options);
    }
    handle->totals = handle->settlement.totals();
    *out = handle.release();
    return DUIXIAN_OK;
  });
}

void duixian_settlement_free(duixian_settlement* settlement) { delete settlement; }

int duixian_settlement_quarter(const duixian_settlement* settlement, const char** out) {
  return guarded([&] {
    need(settlement, "settlement");
    need(out, "out");
    *out = settlement->quarter.c_str();
    return DUIXIAN_OK;
  });
}

int duixian_settlement_line_count(const duixian_settlement* settlement, size_t* out) {
  return guarded([&] {
    need(settlement, "settlement");
    need(out, "out");
    *out = settlement->settlement.lines().size();
    return DUIXIAN_OK;
  });
}

int duixian_settlement_figure(const duixian_settlement* settlement, int figure, char** out) {
  return guarded([&] {
    need(settlement, "settlement");
    need(out, "out");
    const Figures& f = settlement->totals.all;
    std::string text;
    switch (figure) {
      case DUIXIAN_FIGURE_REWARDS_QUARTER: text = fen_text(f.rewards_quarter); break;
      case DUIXIAN_FIGURE_REWARDS_YTD: text = fen_text(f.rewards_ytd); break;
      case DUIXIAN_FIGURE_BURDEN_QUARTER: text = fen_text(f.burden_quarter); break;
      case DUIXIAN_FIGURE_BURDEN_YTD: text = fen_text(f.burden_ytd); break;
      case DUIXIAN_FIGURE_EXPORT_REBATE_QUARTER: text = fen_text(f.excluded_quarter); break;
      case DUIXIAN_FIGURE_EXPORT_REBATE_YTD: text = fen_text(f.excluded_ytd); break;
      case DUIXIAN_FIGURE_CITY_QUARTER: text = fen_text(f.city_quarter); break;
      case DUIXIAN_FIGURE_COUNTY_QUARTER: text = fen_text(f.county_quarter); break;
      case DUIXIAN_FIGURE_BENEFICIARIES: text = std::to_string(f.beneficiaries); break;
      default: fail(DUIXIAN_E_INVALID_ARGUMENT, "unknown figure " + std::to_string(figure));
    }
    *out = dup(text);
    return DUIXIAN_OK;
  });
}

int duixian_settlement_totals_json(const duixian_settlement* settlement, char** out) {
  return guarded([&] {
    need(settlement, "settlement");
    need(out, "out");
    *out = dup(totals_json(settlement->settlement));
    return DUIXIAN_OK;
  });
}

int duixian_settlement_find_line(const duixian_settlement* settlement, const char* credit_code, const char* policy_id,
                                 size_t* out) {
  return guarded([&] {
    need(settlement, "settlement");
    need(credit_code, "credit_code");
    need(policy_id, "policy_id");
    need(out, "out");
    const CreditCode code = CreditCode::parse(credit_code);
    const SettlementLine* line = settlement->settlement.find_line(code, policy_id);
    if (line == nullptr) {
      fail(DUIXIAN_E_NOT_FOUND,
           "no line for " + code.to_string() + " and policy " + policy_id + " in the settlement");
    }
    *out = static_cast<size_t>(line - settlement->settlement.lines().data());
    return DUIXIAN_OK;
  });
}

int duixian_settlement_explain(const duixian_settlement* settlement, size_t line, int format, char** out) {
  return guarded([&] {
    need(settlement, "settlement");
    need(out, "out");
    if (format != DUIXIAN_EXPLAIN_TEXT && format != DUIXIAN_EXPLAIN_JSON) {
      fail(DUIXIAN_E_INVALID_ARGUMENT, "unknown explanation format " + std::to_string(format));
    }
    if (line >= settlement->settlement.lines().size()) {
      fail(DUIXIAN_E_NOT_FOUND, "line " + std::to_string(line) + " is out of range (the settlement has " +
                                    std::to_string(settlement->settlement.lines().size()) + ")");
    }
    const LineExplanation explanation = settlement->settlement.explain(line);
    *out = dup(format == DUIXIAN_EXPLAIN_JSON ? to_json(explanation) : to_text(explanation));
    return DUIXIAN_OK;
  });
}

int duixian_settlement_commit(const duixian_settlement* settlement, duixian_ledger* ledger,
                              const duixian_commit_options* options, int* committed) {
  return guarded([&] {
    need(settlement, "settlement");
    need(ledger, "ledger");
    // Version 1 carried the book's and the data's digests; 2 takes them from the settlement.
    check_version(options, DUIXIAN_COMMIT_OPTIONS_VERSION, "duixian_commit_options", 2);
    PendingCommit pending = settlement->settlement.to_commit();
    if (options != nullptr && options->committed_at != nullptr) pending.committed_at = options->committed_at;
    const CommitResult result = ledger->ledger->commit(pending);
    if (committed != nullptr) *committed = result.status == CommitStatus::committed ? 1 : 0;
    return DUIXIAN_OK;
  });
}

int duixian_lines_open(const duixian_settlement* settlement, duixian_lines** out) {
  if (out != nullptr) *out = nullptr;
  return guarded([&] {
    need(settlement, "settlement");
    need(out, "out");
    auto lines = std::make_unique<duixian_lines>();
    lines->settlement = settlement;
    *out = lines.release();
    return DUIXIAN_OK;
  });
}

int duixian_lines_next(duixian_lines* lines) {
  return guarded([&] {
    need(lines, "lines");
    const Settlement& s = lines->settlement->settlement;
    if (lines->next >= s.lines().size()) {
      lines->on_row = false;
      return DUIXIAN_DONE;
    }
    const SettlementLine& line = s.lines()[lines->next];
    const SettledEnterprise& e = s.enterprises()[line.enterprise];
    const Policy& p = lines->settlement->book->policies()[line.policy];
    std::string* f = lines->fields;
    lines->on_row = false;  // until every field is written
    f[DUIXIAN_LINE_CREDIT_CODE].assign(e.code.text());
    f[DUIXIAN_LINE_POLICY] = p.id;
    f[DUIXIAN_LINE_QUARTER] = lines->settlement->quarter;
    f[DUIXIAN_LINE_DUE] = fen_text(line.due_fen);
    f[DUIXIAN_LINE_CUMULATIVE] = fen_text(line.cumulative_fen);
    f[DUIXIAN_LINE_PREVIOUSLY_PAID] = fen_text(line.previously_paid_fen);
    f[DUIXIAN_LINE_PAYOUT] = fen_text(line.payout_fen);
    f[DUIXIAN_LINE_CITY] = fen_text(line.city_fen);
    f[DUIXIAN_LINE_COUNTY] = fen_text(line.county_fen);
    f[DUIXIAN_LINE_KIND] = to_string(p.kind);
    f[DUIXIAN_LINE_CATEGORY] = p.category;
    f[DUIXIAN_LINE_REGION] = e.region ? e.region->to_string() : std::string();
    ++lines->next;
    lines->on_row = true;
    return DUIXIAN_ROW;
  });
}

int duixian_lines_get(duixian_lines* lines, int field, const char** out) {
  return guarded([&] {
    need(lines, "lines");
    need(out, "out");
    if (!lines->on_row) fail(DUIXIAN_E_MISUSE, "the iterator is not on a row: call duixian_lines_next first");
    if (field < DUIXIAN_LINE_CREDIT_CODE || field > DUIXIAN_LINE_REGION) {
      fail(DUIXIAN_E_INVALID_ARGUMENT, "unknown line field " + std::to_string(field));
    }
    *out = lines->fields[field].c_str();
    return DUIXIAN_OK;
  });
}

int duixian_lines_index(const duixian_lines* lines, size_t* out) {
  return guarded([&] {
    need(lines, "lines");
    need(out, "out");
    if (!lines->on_row) fail(DUIXIAN_E_MISUSE, "the iterator is not on a row: call duixian_lines_next first");
    *out = lines->next - 1;
    return DUIXIAN_OK;
  });
}

void duixian_lines_free(duixian_lines* lines) { delete lines; }

}  // extern "C"

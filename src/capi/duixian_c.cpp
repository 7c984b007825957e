// The C ABI (include/duixian/duixian.h) over the C++ library. Every exported function
// catches every exception and turns it into a status plus the thread's last error.
#include "duixian/duixian.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <memory>
#include <new>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "duixian/duixian.hpp"

static_assert(DUIXIAN_VERSION_NUMBER == DUIXIAN_VERSION, "duixian.h and version.hpp disagree on the version");

namespace {

using namespace duixian;

thread_local std::string t_last_error;

/// A failure raised inside this file with a C status of its own.
struct CError {
  int status;
  std::string message;
};

[[noreturn]] void fail(int status, std::string message) { throw CError{status, std::move(message)}; }

int status_of(ErrorCode code) noexcept { return -static_cast<int>(code); }

/// Runs `body`, mapping every exception to a status and the last error.
template <class Body>
int guarded(Body&& body) noexcept {
  try {
    t_last_error.clear();
  } catch (...) {
  }
  try {
    return body();
  } catch (const CError& e) {
    try {
      t_last_error = e.message;
    } catch (...) {
    }
    return e.status;
  } catch (const Error& e) {
    try {
      t_last_error = e.what();
    } catch (...) {
    }
    return status_of(e.code());
  } catch (const std::bad_alloc&) {
    try {
      t_last_error = "out of memory";
    } catch (...) {
    }
    return DUIXIAN_E_NO_MEMORY;
  } catch (const std::exception& e) {
    try {
      t_last_error = std::string("internal error: ") + e.what();
    } catch (...) {
    }
    return DUIXIAN_E_INTERNAL;
  } catch (...) {
    try {
      t_last_error = "internal error: an unknown exception";
    } catch (...) {
    }
    return DUIXIAN_E_INTERNAL;
  }
}

void need(const void* pointer, const char* name) {
  if (pointer == nullptr) fail(DUIXIAN_E_NULL, std::string(name) + " is NULL");
}

char* dup(std::string_view text) {
  auto* copy = static_cast<char*>(std::malloc(text.size() + 1));
  if (copy == nullptr) throw std::bad_alloc();
  std::memcpy(copy, text.data(), text.size());
  copy[text.size()] = '\0';
  return copy;
}

std::string amount_text(std::int64_t fen) { return fen_to_decimal(fen).to_string(); }

RoundingMode rounding_of(int mode) {
  if (mode < DUIXIAN_ROUND_HALF_UP || mode > DUIXIAN_ROUND_FLOOR) {
    fail(DUIXIAN_E_INVALID_ARGUMENT, "unknown rounding mode " + std::to_string(mode));
  }
  return static_cast<RoundingMode>(mode);
}

void check_places(int places) {
  if (places < 0 || places > Decimal::max_scale) {
    fail(DUIXIAN_E_INVALID_ARGUMENT, "places must be 0 to 38, not " + std::to_string(places));
  }
}

template <class Options>
void check_version(const Options* options, int current, const char* name) {
  if (options != nullptr && (options->version < 1 || options->version > current)) {
    fail(DUIXIAN_E_VERSION, std::string(name) + " version " + std::to_string(options->version) +
                                " is not known to this library (it knows 1 to " + std::to_string(current) + ")");
  }
}

std::string diagnostics_message(const Diagnostics& diagnostics) {
  std::string message;
  std::size_t shown = 0;
  std::size_t errors = 0;
  for (const Diagnostic& d : diagnostics) {
    if (d.severity != Severity::error) continue;
    ++errors;
    if (shown < 20) {
      if (!message.empty()) message += '\n';
      message += to_string(d);
      ++shown;
    }
  }
  if (errors > shown) message += "\n... and " + std::to_string(errors - shown) + " more";
  return message;
}

}  // namespace

struct duixian_book {
  std::shared_ptr<const PolicyBook> book;
  std::string sha256;
};

struct duixian_register {
  std::shared_ptr<const Register> reg;
};

struct duixian_register_builder {
  std::optional<RegisterBuilder> builder;  // empty once spent
};

struct duixian_ledger {
  std::unique_ptr<Ledger> ledger;
};

struct duixian_run {
  std::shared_ptr<const PolicyBook> book;
  std::shared_ptr<const Register> reg;
  std::string book_sha256;
  std::string data_sha256;
  std::string quarter;
  Settlement settlement;
  Totals totals;
};

struct duixian_lines {
  const duixian_run* run = nullptr;
  std::size_t next = 0;     // index of the line the next call moves to
  bool on_row = false;
  std::string fields[12];   // the current row's text
};

namespace {

duixian_book* make_book(std::string_view text, const std::string& name) {
  PolicyBookLoad load = read_policy_book(text, name);
  if (!load.book) {
    fail(DUIXIAN_E_INVALID_ARGUMENT, "the policy book " + name + " has errors:\n" + diagnostics_message(load.diagnostics));
  }
  auto handle = std::make_unique<duixian_book>();
  handle->book = std::make_shared<const PolicyBook>(std::move(*load.book));
  handle->sha256 = sha256_hex(text);
  return handle.release();
}

LoadOptions load_options_of(const duixian_load_options* options) {
  check_version(options, DUIXIAN_LOAD_OPTIONS_VERSION, "duixian_load_options");
  LoadOptions out;
  if (options != nullptr) {
    if (options->encoding == DUIXIAN_ENCODING_GB18030) {
      out.encoding = TextEncoding::gb18030;
    } else if (options->encoding != DUIXIAN_ENCODING_UTF8) {
      fail(DUIXIAN_E_INVALID_ARGUMENT, "unknown encoding " + std::to_string(options->encoding));
    }
  }
  return out;
}

bool allow_rejected(const duixian_load_options* options) {
  return options != nullptr && options->allow_rejected_rows != 0;
}

void check_loaded(const Diagnostics& diagnostics, bool allow) {
  if (!allow && has_errors(diagnostics)) {
    fail(DUIXIAN_E_PARSE, "the register has errors:\n" + diagnostics_message(diagnostics));
  }
}

duixian_register* wrap_register(Register reg) {
  auto handle = std::make_unique<duixian_register>();
  handle->reg = std::make_shared<const Register>(std::move(reg));
  return handle.release();
}

Decimal parse_decimal(const char* text, const char* name) {
  need(text, name);
  return Decimal::parse(text);
}

void append_figures(std::string& json, const Figures& f) {
  json += "\"rewards_quarter\": \"" + amount_text(f.rewards_quarter) + "\", ";
  json += "\"rewards_ytd\": \"" + amount_text(f.rewards_ytd) + "\", ";
  json += "\"burden_quarter\": \"" + amount_text(f.burden_quarter) + "\", ";
  json += "\"burden_ytd\": \"" + amount_text(f.burden_ytd) + "\", ";
  json += "\"export_rebate_quarter\": \"" + amount_text(f.excluded_quarter) + "\", ";
  json += "\"export_rebate_ytd\": \"" + amount_text(f.excluded_ytd) + "\", ";
  json += "\"city_quarter\": \"" + amount_text(f.city_quarter) + "\", ";
  json += "\"county_quarter\": \"" + amount_text(f.county_quarter) + "\", ";
  json += "\"beneficiaries\": " + std::to_string(f.beneficiaries);
}

void append_json_string(std::string& json, std::string_view text) {
  json += '"';
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      json += '\\';
      json += c;
    } else if (u < 0x20) {
      static const char hex[] = "0123456789abcdef";
      json += "\\u00";
      json += hex[u >> 4];
      json += hex[u & 15];
    } else {
      json += c;
    }
  }
  json += '"';
}

void append_breakdown(std::string& json, const char* name, const std::vector<std::pair<std::string, Figures>>& parts) {
  json += ", \"";
  json += name;
  json += "\": {";
  bool first = true;
  for (const auto& [key, figures] : parts) {
    if (!first) json += ", ";
    first = false;
    append_json_string(json, key);
    json += ": {";
    append_figures(json, figures);
    json += '}';
  }
  json += '}';
}

// A builder that has not been built yet (outside extern "C": it returns a C++ reference).
RegisterBuilder& live(duixian_register_builder* builder) {
  need(builder, "builder");
  if (!builder->builder) fail(DUIXIAN_E_MISUSE, "the register builder was already built (it is spent)");
  return *builder->builder;
}

}  // namespace

extern "C" {

const char* duixian_version(void) { return duixian::version(); }

int duixian_version_number(void) { return DUIXIAN_VERSION_NUMBER; }

const char* duixian_status_text(int status) {
  switch (status) {
    case DUIXIAN_OK: return "ok";
    case DUIXIAN_ROW: return "row";
    case DUIXIAN_DONE: return "done";
    case DUIXIAN_E_INVALID_ARGUMENT: return "invalid argument";
    case DUIXIAN_E_PARSE: return "parse error";
    case DUIXIAN_E_OVERFLOW: return "overflow";
    case DUIXIAN_E_DIVISION_BY_ZERO: return "division by zero";
    case DUIXIAN_E_NOT_REPRESENTABLE: return "not representable";
    case DUIXIAN_E_IO: return "input/output error";
    case DUIXIAN_E_LEDGER_CONFLICT: return "ledger conflict";
    case DUIXIAN_E_NULL: return "NULL argument";
    case DUIXIAN_E_MISUSE: return "misuse";
    case DUIXIAN_E_VERSION: return "unknown options version";
    case DUIXIAN_E_NOT_FOUND: return "not found";
    case DUIXIAN_E_NO_MEMORY: return "out of memory";
    case DUIXIAN_E_INTERNAL: return "internal error";
    default: return "unknown status";
  }
}

const char* duixian_last_error(void) { return t_last_error.c_str(); }

void duixian_string_free(char* text) { std::free(text); }

// ---- Book -------------------------------------------------------------------------------

int duixian_book_load_file(const char* path, duixian_book** out) {
  if (out != nullptr) *out = nullptr;
  return guarded([&] {
    need(path, "path");
    need(out, "out");
    const std::string text = read_file(path);
    *out = make_book(text, path);
    return DUIXIAN_OK;
  });
}

int duixian_book_load_text(const char* text, size_t size, const char* name, duixian_book** out) {
  if (out != nullptr) *out = nullptr;
  return guarded([&] {
    need(text, "text");
    need(out, "out");
    *out = make_book(std::string_view(text, size), name != nullptr ? name : "<text>");
    return DUIXIAN_OK;
  });
}

void duixian_book_free(duixian_book* book) { delete book; }

int duixian_book_id(const duixian_book* book, const char** out) {
  return guarded([&] {
    need(book, "book");
    need(out, "out");
    *out = book->book->id().c_str();
    return DUIXIAN_OK;
  });
}

int duixian_book_year(const duixian_book* book, int* out) {
  return guarded([&] {
    need(book, "book");
    need(out, "out");
    *out = book->book->year();
    return DUIXIAN_OK;
  });
}

int duixian_book_policy_count(const duixian_book* book, size_t* out) {
  return guarded([&] {
    need(book, "book");
    need(out, "out");
    *out = book->book->policies().size();
    return DUIXIAN_OK;
  });
}

int duixian_book_sha256(const duixian_book* book, const char** out) {
  return guarded([&] {
    need(book, "book");
    need(out, "out");
    *out = book->sha256.c_str();
    return DUIXIAN_OK;
  });
}

// ---- Register ---------------------------------------------------------------------------

int duixian_register_load_files(const duixian_book* book, const char* enterprises_path, const char* facts_path,
                                const char* revision_path, const duixian_load_options* options,
                                duixian_register** out) {
  if (out != nullptr) *out = nullptr;
  return guarded([&] {
    need(book, "book");
    need(enterprises_path, "enterprises_path");
    need(facts_path, "facts_path");
    need(out, "out");
    const LoadOptions load = load_options_of(options);
    // Fail with an I/O status (not a diagnostic) when a file cannot be read at all.
    for (const char* path : {enterprises_path, facts_path, revision_path}) {
      if (path == nullptr) continue;
      std::FILE* f = std::fopen(path, "rb");
      if (f == nullptr) fail(DUIXIAN_E_IO, std::string("cannot open ") + path + ": " + std::strerror(errno));
      std::fclose(f);
    }
    LoadedRegister loaded = load_register(book->book->schema(), enterprises_path, facts_path, load,
                                          revision_path != nullptr ? revision_path : "");
    check_loaded(loaded.diagnostics, allow_rejected(options));
    *out = wrap_register(std::move(loaded.reg));
    return DUIXIAN_OK;
  });
}

int duixian_register_load_text(const duixian_book* book, const char* enterprises_csv, size_t enterprises_size,
                               const char* facts_csv, size_t facts_size, const duixian_load_options* options,
                               duixian_register** out) {
  if (out != nullptr) *out = nullptr;
  return guarded([&] {
    need(book, "book");
    need(enterprises_csv, "enterprises_csv");
    need(facts_csv, "facts_csv");
    need(out, "out");
    const LoadOptions load = load_options_of(options);
    RegisterBuilder builder(book->book->schema());
    Diagnostics diagnostics;
    load_enterprises_csv(builder, std::string_view(enterprises_csv, enterprises_size), "<enterprises>", load,
                         diagnostics);
    load_facts_csv(builder, std::string_view(facts_csv, facts_size), "<facts>", load, diagnostics);
    check_loaded(diagnostics, allow_rejected(options));
    *out = wrap_register(std::move(builder).build());
    return DUIXIAN_OK;
  });
}

void duixian_register_free(duixian_register* reg) { delete reg; }

int duixian_register_size(const duixian_register* reg, size_t* out) {
  return guarded([&] {
    need(reg, "reg");
    need(out, "out");
    *out = reg->reg->size();
    return DUIXIAN_OK;
  });
}

int duixian_register_fact_count(const duixian_register* reg, size_t* out) {
  return guarded([&] {
    need(reg, "reg");
    need(out, "out");
    *out = reg->reg->fact_count();
    return DUIXIAN_OK;
  });
}

int duixian_register_sha256(const duixian_register* reg, char** out) {
  return guarded([&] {
    need(reg, "reg");
    need(out, "out");
    *out = dup(register_sha256(*reg->reg));
    return DUIXIAN_OK;
  });
}

int duixian_register_builder_new(const duixian_book* book, duixian_register_builder** out) {
  if (out != nullptr) *out = nullptr;
  return guarded([&] {
    need(book, "book");
    need(out, "out");
    auto handle = std::make_unique<duixian_register_builder>();
    handle->builder.emplace(book->book->schema());
    *out = handle.release();
    return DUIXIAN_OK;
  });
}

void duixian_register_builder_free(duixian_register_builder* builder) { delete builder; }


int duixian_register_builder_add_enterprise(duixian_register_builder* builder, const char* credit_code,
                                            const char* name, const char* region, const char* industry,
                                            const char* tags, const char* registered_on) {
  return guarded([&] {
    RegisterBuilder& b = live(builder);
    need(credit_code, "credit_code");
    need(name, "name");
    need(region, "region");
    need(industry, "industry");
    need(registered_on, "registered_on");
    const CreditCode code = CreditCode::parse(credit_code);
    if (*name == '\0') fail(DUIXIAN_E_PARSE, "the name is empty");
    Enterprise e{code,
                 name,
                 RegionCode::parse(region),
                 IndustryCode::parse(industry),
                 parse_tags(tags != nullptr ? tags : ""),
                 Date::parse(registered_on),
                 {}};
    if (b.view().find(code)) fail(DUIXIAN_E_INVALID_ARGUMENT, "duplicate enterprise " + code.to_string());
    b.add_enterprise(std::move(e));
    return DUIXIAN_OK;
  });
}

int duixian_register_builder_add_fact(duixian_register_builder* builder, const char* credit_code,
                                      const char* metric, const char* period, const char* value, int mode) {
  return guarded([&] {
    RegisterBuilder& b = live(builder);
    need(credit_code, "credit_code");
    need(metric, "metric");
    need(period, "period");
    need(value, "value");
    if (mode != DUIXIAN_FACT_ADD && mode != DUIXIAN_FACT_REVISE) {
      fail(DUIXIAN_E_INVALID_ARGUMENT, "unknown fact mode " + std::to_string(mode));
    }
    const CreditCode code = CreditCode::parse(credit_code);
    const auto index = b.view().find(code);
    if (!index) fail(DUIXIAN_E_NOT_FOUND, "no enterprise " + code.to_string() + " in the register");
    const MetricSchema& schema = b.view().schema();
    const auto metric_id = schema.find(metric);
    if (!metric_id) {
      fail(DUIXIAN_E_NOT_FOUND,
           std::string("unknown metric \"") + metric + "\" (expected one of " + schema.names() + ")");
    }
    const Metric& m = schema[*metric_id];
    const Period p = Period::parse(period);
    if (p.kind() != m.period_kind) {
      fail(DUIXIAN_E_INVALID_ARGUMENT, "metric " + m.name + " is kept per " + to_string(m.period_kind) +
                                           ", but the period \"" + period + "\" is " + to_string(p.kind()));
    }
    const FactValue v = parse_fact_value(m, value);
    if (mode == DUIXIAN_FACT_REVISE) {
      b.revise_fact(*index, *metric_id, p, v);
    } else {
      b.add_fact(*index, *metric_id, p, v);
    }
    return DUIXIAN_OK;
  });
}

int duixian_register_builder_build(duixian_register_builder* builder, duixian_register** out) {
  if (out != nullptr) *out = nullptr;
  return guarded([&] {
    RegisterBuilder& b = live(builder);
    need(out, "out");
    Register reg = std::move(b).build();
    builder->builder.reset();
    *out = wrap_register(std::move(reg));
    return DUIXIAN_OK;
  });
}

// ---- Ledger -----------------------------------------------------------------------------

int duixian_ledger_new_memory(duixian_ledger** out) {
  if (out != nullptr) *out = nullptr;
  return guarded([&] {
    need(out, "out");
    auto handle = std::make_unique<duixian_ledger>();
    handle->ledger = std::make_unique<InMemoryLedger>();
    *out = handle.release();
    return DUIXIAN_OK;
  });
}

int duixian_ledger_open_sqlite(const char* path, int mode, duixian_ledger** out) {
  if (out != nullptr) *out = nullptr;
  return guarded([&] {
    need(path, "path");
    need(out, "out");
    OpenMode open_mode = OpenMode::read_write;
    switch (mode) {
      case DUIXIAN_LEDGER_READ_ONLY: open_mode = OpenMode::read_only; break;
      case DUIXIAN_LEDGER_READ_WRITE: open_mode = OpenMode::read_write; break;
      case DUIXIAN_LEDGER_CREATE: open_mode = OpenMode::create; break;
      default: fail(DUIXIAN_E_INVALID_ARGUMENT, "unknown ledger mode " + std::to_string(mode));
    }
    auto handle = std::make_unique<duixian_ledger>();
    handle->ledger = std::make_unique<SqliteLedger>(SqliteLedger::open(path, open_mode));
    *out = handle.release();
    return DUIXIAN_OK;
  });
}

void duixian_ledger_free(duixian_ledger* ledger) { delete ledger; }

int duixian_ledger_last_committed(const duixian_ledger* ledger, char** out) {
  return guarded([&] {
    need(ledger, "ledger");
    need(out, "out");
    const auto last = ledger->ledger->last_committed();
    *out = last ? dup(last->to_string()) : nullptr;
    return DUIXIAN_OK;
  });
}

int duixian_ledger_run_count(const duixian_ledger* ledger, size_t* out) {
  return guarded([&] {
    need(ledger, "ledger");
    need(out, "out");
    *out = ledger->ledger->runs().size();
    return DUIXIAN_OK;
  });
}

int duixian_ledger_verify(const duixian_ledger* ledger) {
  return guarded([&] {
    need(ledger, "ledger");
    ledger->ledger->verify();
    return DUIXIAN_OK;
  });
}

// ---- Settlement -------------------------------------------------------------------------

int duixian_settle(const duixian_book* book, const duixian_register* reg, const char* quarter,
                   const duixian_ledger* ledger, const duixian_settle_options* options, duixian_run** out) {
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
    if (q.year() != book->book->year()) {
      fail(DUIXIAN_E_INVALID_ARGUMENT, "the quarter " + q.to_string() + " is not in the book's year " +
                                           std::to_string(book->book->year()));
    }
    auto run = std::make_unique<duixian_run>();
    run->book = book->book;
    run->reg = reg->reg;
    run->book_sha256 = book->sha256;
    run->quarter = q.to_string();
    if (ledger != nullptr) {
      run->settlement = settle(*run->book, *run->reg, q, *ledger->ledger, settle_options);
    } else {
      run->settlement = settle(*run->book, *run->reg, q, PaidTotals{}, settle_options);
    }
    run->totals = run->settlement.totals();
    run->data_sha256 = register_sha256(*run->reg);
    *out = run.release();
    return DUIXIAN_OK;
  });
}

void duixian_run_free(duixian_run* run) { delete run; }

int duixian_run_quarter(const duixian_run* run, const char** out) {
  return guarded([&] {
    need(run, "run");
    need(out, "out");
    *out = run->quarter.c_str();
    return DUIXIAN_OK;
  });
}

int duixian_run_line_count(const duixian_run* run, size_t* out) {
  return guarded([&] {
    need(run, "run");
    need(out, "out");
    *out = run->settlement.lines().size();
    return DUIXIAN_OK;
  });
}

int duixian_run_figure(const duixian_run* run, int figure, char** out) {
  return guarded([&] {
    need(run, "run");
    need(out, "out");
    const Figures& f = run->totals.all;
    std::string text;
    switch (figure) {
      case DUIXIAN_FIGURE_REWARDS_QUARTER: text = amount_text(f.rewards_quarter); break;
      case DUIXIAN_FIGURE_REWARDS_YTD: text = amount_text(f.rewards_ytd); break;
      case DUIXIAN_FIGURE_BURDEN_QUARTER: text = amount_text(f.burden_quarter); break;
      case DUIXIAN_FIGURE_BURDEN_YTD: text = amount_text(f.burden_ytd); break;
      case DUIXIAN_FIGURE_EXPORT_REBATE_QUARTER: text = amount_text(f.excluded_quarter); break;
      case DUIXIAN_FIGURE_EXPORT_REBATE_YTD: text = amount_text(f.excluded_ytd); break;
      case DUIXIAN_FIGURE_CITY_QUARTER: text = amount_text(f.city_quarter); break;
      case DUIXIAN_FIGURE_COUNTY_QUARTER: text = amount_text(f.county_quarter); break;
      case DUIXIAN_FIGURE_BENEFICIARIES: text = std::to_string(f.beneficiaries); break;
      default: fail(DUIXIAN_E_INVALID_ARGUMENT, "unknown figure " + std::to_string(figure));
    }
    *out = dup(text);
    return DUIXIAN_OK;
  });
}

int duixian_run_totals_json(const duixian_run* run, char** out) {
  return guarded([&] {
    need(run, "run");
    need(out, "out");
    std::string json = "{\"quarter\": \"" + run->quarter + "\", ";
    append_figures(json, run->totals.all);
    append_breakdown(json, "by_region", run->totals.by_region);
    append_breakdown(json, "by_policy", run->totals.by_policy);
    append_breakdown(json, "by_category", run->totals.by_category);
    json += "}";
    *out = dup(json);
    return DUIXIAN_OK;
  });
}

int duixian_run_find_line(const duixian_run* run, const char* credit_code, const char* policy_id, size_t* out) {
  return guarded([&] {
    need(run, "run");
    need(credit_code, "credit_code");
    need(policy_id, "policy_id");
    need(out, "out");
    const CreditCode code = CreditCode::parse(credit_code);
    const SettlementLine* line = run->settlement.find_line(code, policy_id);
    if (line == nullptr) {
      fail(DUIXIAN_E_NOT_FOUND, "no line for " + code.to_string() + " and policy " + policy_id + " in the run");
    }
    *out = static_cast<size_t>(line - run->settlement.lines().data());
    return DUIXIAN_OK;
  });
}

int duixian_run_explain(const duixian_run* run, size_t line, int format, char** out) {
  return guarded([&] {
    need(run, "run");
    need(out, "out");
    if (format != DUIXIAN_EXPLAIN_TEXT && format != DUIXIAN_EXPLAIN_JSON) {
      fail(DUIXIAN_E_INVALID_ARGUMENT, "unknown explanation format " + std::to_string(format));
    }
    if (line >= run->settlement.lines().size()) {
      fail(DUIXIAN_E_NOT_FOUND, "line " + std::to_string(line) + " is out of range (the run has " +
                                    std::to_string(run->settlement.lines().size()) + ")");
    }
    const LineExplanation explanation = run->settlement.explain(line);
    *out = dup(format == DUIXIAN_EXPLAIN_JSON ? to_json(explanation) : to_text(explanation));
    return DUIXIAN_OK;
  });
}

int duixian_run_commit(const duixian_run* run, duixian_ledger* ledger, const duixian_commit_options* options,
                       int* committed) {
  return guarded([&] {
    need(run, "run");
    need(ledger, "ledger");
    check_version(options, DUIXIAN_COMMIT_OPTIONS_VERSION, "duixian_commit_options");
    std::string book_sha = run->book_sha256;
    std::string data_sha = run->data_sha256;
    std::string at;
    if (options != nullptr) {
      if (options->book_sha256 != nullptr) book_sha = options->book_sha256;
      if (options->data_sha256 != nullptr) data_sha = options->data_sha256;
      if (options->committed_at != nullptr) at = options->committed_at;
    }
    for (const std::string* digest : {&book_sha, &data_sha}) {
      if (!is_sha256_hex(*digest)) fail(DUIXIAN_E_INVALID_ARGUMENT, "\"" + *digest + "\" is not a SHA-256 hex digest");
    }
    RunToCommit to = run->settlement.to_commit(book_sha, data_sha);
    if (!at.empty()) to.committed_at = at;
    const CommitResult result = ledger->ledger->commit(to);
    if (committed != nullptr) *committed = result.status == CommitStatus::committed ? 1 : 0;
    return DUIXIAN_OK;
  });
}

int duixian_lines_open(const duixian_run* run, duixian_lines** out) {
  if (out != nullptr) *out = nullptr;
  return guarded([&] {
    need(run, "run");
    need(out, "out");
    auto lines = std::make_unique<duixian_lines>();
    lines->run = run;
    *out = lines.release();
    return DUIXIAN_OK;
  });
}

int duixian_lines_next(duixian_lines* lines) {
  return guarded([&] {
    need(lines, "lines");
    const Settlement& s = lines->run->settlement;
    if (lines->next >= s.lines().size()) {
      lines->on_row = false;
      return DUIXIAN_DONE;
    }
    const SettlementLine& line = s.lines()[lines->next];
    const SettledEnterprise& e = s.enterprises()[line.enterprise];
    const Policy& p = lines->run->book->policies()[line.policy];
    std::string* f = lines->fields;
    lines->on_row = false;  // until every field is written
    f[DUIXIAN_LINE_CREDIT_CODE].assign(e.code.text());
    f[DUIXIAN_LINE_POLICY] = p.id;
    f[DUIXIAN_LINE_QUARTER] = lines->run->quarter;
    f[DUIXIAN_LINE_DUE] = amount_text(line.due_fen);
    f[DUIXIAN_LINE_CUMULATIVE] = amount_text(line.cumulative_fen);
    f[DUIXIAN_LINE_PREVIOUSLY_PAID] = amount_text(line.previously_paid_fen);
    f[DUIXIAN_LINE_PAYOUT] = amount_text(line.payout_fen);
    f[DUIXIAN_LINE_CITY] = amount_text(line.city_fen);
    f[DUIXIAN_LINE_COUNTY] = amount_text(line.county_fen);
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

// ---- Decimal utilities ------------------------------------------------------------------

int duixian_rounding_parse(const char* name, int* out) {
  return guarded([&] {
    need(name, "name");
    need(out, "out");
    const auto mode = parse_rounding_mode(name);
    if (!mode) {
      fail(DUIXIAN_E_PARSE, std::string("unknown rounding mode \"") + name +
                                "\" (expected half_up, half_even, half_down, up, down, ceiling or floor)");
    }
    *out = static_cast<int>(*mode);
    return DUIXIAN_OK;
  });
}

int duixian_decimal_round(const char* value, int places, int mode, char** out) {
  return guarded([&] {
    need(out, "out");
    const Decimal d = parse_decimal(value, "value");
    check_places(places);
    *out = dup(d.round(places, rounding_of(mode)).to_string());
    return DUIXIAN_OK;
  });
}

int duixian_decimal_add(const char* a, const char* b, char** out) {
  return guarded([&] {
    need(out, "out");
    *out = dup((parse_decimal(a, "a") + parse_decimal(b, "b")).to_string());
    return DUIXIAN_OK;
  });
}

int duixian_decimal_sub(const char* a, const char* b, char** out) {
  return guarded([&] {
    need(out, "out");
    *out = dup((parse_decimal(a, "a") - parse_decimal(b, "b")).to_string());
    return DUIXIAN_OK;
  });
}

int duixian_decimal_mul(const char* a, const char* b, char** out) {
  return guarded([&] {
    need(out, "out");
    *out = dup((parse_decimal(a, "a") * parse_decimal(b, "b")).to_string());
    return DUIXIAN_OK;
  });
}

int duixian_decimal_compare(const char* a, const char* b, int* out) {
  return guarded([&] {
    need(out, "out");
    const int c = Decimal::compare(parse_decimal(a, "a"), parse_decimal(b, "b"));
    *out = c < 0 ? -1 : (c > 0 ? 1 : 0);
    return DUIXIAN_OK;
  });
}

int duixian_money_format(const char* amount, int unit, int places, int mode, char** out) {
  return guarded([&] {
    need(out, "out");
    const Money m(parse_decimal(amount, "amount"));
    check_places(places);
    const RoundingMode r = rounding_of(mode);
    MoneyUnit u = MoneyUnit::yuan;
    switch (unit) {
      case DUIXIAN_UNIT_YUAN: u = MoneyUnit::yuan; break;
      case DUIXIAN_UNIT_WAN_YUAN: u = MoneyUnit::wan_yuan; break;
      case DUIXIAN_UNIT_YI_YUAN: u = MoneyUnit::yi_yuan; break;
      case DUIXIAN_UNIT_NATURAL: u = natural_unit(m); break;
      default: fail(DUIXIAN_E_INVALID_ARGUMENT, "unknown money unit " + std::to_string(unit));
    }
    *out = dup(format_money(m, u, places, r));
    return DUIXIAN_OK;
  });
}

int duixian_money_capital(const char* amount, char** out) {
  return guarded([&] {
    need(out, "out");
    *out = dup(to_capital(Money(parse_decimal(amount, "amount"))));
    return DUIXIAN_OK;
  });
}

int duixian_sha256_hex(const void* data, size_t size, char** out) {
  return guarded([&] {
    need(out, "out");
    if (data == nullptr && size != 0) fail(DUIXIAN_E_NULL, "data is NULL");
    *out = dup(sha256_hex(std::string_view(static_cast<const char*>(data), size)));
    return DUIXIAN_OK;
  });
}

}  // extern "C"

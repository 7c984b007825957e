// The formula language: Formula::compile on the Wenzhou 2019 schema (book year 2019),
// then evaluate and explain on a register of three Wenzhou enterprises, for each quarter
// of 2019 settled in 2019Q4. Compile fails only with FormulaError. Evaluation ends in a
// value, a missing fact, no tier reached, or an Error of code overflow, division_by_zero
// or invalid_argument. Properties: the result has the formula's type and the matching
// field; evaluating twice gives the same result; recompiling the text gives the same type.
#include <cstddef>
#include <cstdint>
#include <string>

#include "duixian/formula.hpp"
#include "duixian/loader.hpp"
#include "fuzz_common.hpp"
#include "wenzhou_data.hpp"

using namespace duixian;

namespace {

const Register& small_register() {
  static const Register reg = [] {
    RegisterBuilder builder(datagen::wenzhou_2019_schema());
    Diagnostics diagnostics;
    load_enterprises_csv(builder, duixian_fuzz::enterprises_csv, "enterprises.csv", {}, diagnostics);
    load_facts_csv(builder, duixian_fuzz::facts_csv, "facts.csv", {}, diagnostics);
    if (has_errors(diagnostics)) {
      for (const Diagnostic& d : diagnostics) std::fprintf(stderr, "%s\n", to_string(d).c_str());
      std::abort();
    }
    return std::move(builder).build();
  }();
  return reg;
}

bool same(const Evaluation& a, const Evaluation& b) {
  if (a.status != b.status || a.type != b.type) return false;
  if (a.status != Evaluation::Status::value) return true;
  return a.number == b.number && a.boolean == b.boolean && a.date == b.date && a.period == b.period &&
         a.text == b.text;
}

void check_value(const Formula& f, const Evaluation& r) {
  FUZZ_CHECK(r.type == f.type());
  if (r.status != Evaluation::Status::value) return;
  switch (r.type) {
    case FormulaType::date: FUZZ_CHECK(r.date.has_value()); break;
    case FormulaType::year: FUZZ_CHECK(r.period && r.period->kind() == PeriodKind::year); break;
    case FormulaType::quarter: FUZZ_CHECK(r.period && r.period->kind() == PeriodKind::quarter); break;
    case FormulaType::month: FUZZ_CHECK(r.period && r.period->kind() == PeriodKind::month); break;
    default: break;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto text = duixian_fuzz::as_text(data, size);
  const Register& reg = small_register();
  FormulaEnvironment env;
  env.schema = &reg.schema();
  env.book_year = 2019;
  const FormulaOrigin origin{"fuzz.json", 1, 1, "formula"};
  Formula f;
  try {
    f = Formula::compile(text, env, origin);
  } catch (const FormulaError& e) {
    FUZZ_CHECK(e.reason().size() > 0);
    return 0;
  }
  FUZZ_CHECK(!f.empty());
  FUZZ_CHECK(f.text() == text);
  FUZZ_CHECK(Formula::compile(f.text(), env, origin, f.type()).type() == f.type());
  for (EnterpriseIndex e = 0; e < reg.size(); ++e) {
    for (unsigned q = 1; q <= 4; ++q) {
      const EvaluationContext context{&reg, e, Quarter(2019, q), Quarter(2019, 4)};
      try {
        const Evaluation r = evaluate(f, context);
        check_value(f, r);
        FUZZ_CHECK(same(r, evaluate(f, context)));
        if (e == 0) FUZZ_CHECK(!explain(f, context).empty());
      } catch (const Error& error) {
        if (!duixian_fuzz::acceptable_evaluation_error(error)) {
          std::fprintf(stderr, "unexpected error: %s\n", error.what());
          std::abort();
        }
      }
    }
  }
  return 0;
}

// The Wenzhou 2019 data generator: every edge case occurs, the files load without a
// diagnostic, the output is deterministic, and the census agrees with the register
// that Duixian's own loaders and Decimal arithmetic read back.
#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <ostream>
#include <streambuf>
#include <string>
#include <string_view>
#include <vector>

#include "duixian/loader.hpp"
#include "wenzhou_data.hpp"

namespace duixian::datagen {
namespace {

constexpr std::size_t kSize = 2000;

const GeneratedData& data() {
  static const GeneratedData d = generate_wenzhou_2019({kSize, 2019});
  return d;
}

std::string render(const Diagnostics& diagnostics) {
  std::string text;
  for (std::size_t i = 0; i < diagnostics.size() && i < 10; ++i) text += to_string(diagnostics[i]) + "\n";
  return text;
}

/// The register loaded from the generated files, with or without the revision file.
struct Loaded {
  Register reg;
  RowCounts enterprises, facts, revision;
  Diagnostics diagnostics;
};

Loaded load(bool with_revision) {
  RegisterBuilder builder(wenzhou_2019_schema());
  Loaded out;
  out.enterprises = load_enterprises_csv(builder, data().enterprises, "enterprises.csv", {}, out.diagnostics);
  out.facts = load_facts_csv(builder, data().facts, "facts.csv", {}, out.diagnostics);
  if (with_revision) {
    out.revision =
        load_facts_csv(builder, data().revision, "facts-revision.csv", {}, out.diagnostics, FactMode::revise);
  }
  out.reg = std::move(builder).build();
  return out;
}

const Loaded& original() {
  static const Loaded l = load(false);
  return l;
}
const Loaded& revised() {
  static const Loaded l = load(true);
  return l;
}

MetricId metric(const char* name) { return *original().reg.schema().find(name); }

EnterpriseIndex index_of(const Register& reg, const std::string& code) {
  const auto i = reg.find(CreditCode::parse(code));
  EXPECT_TRUE(i.has_value()) << code;
  return i.value_or(0);
}

Decimal round_fen(const Decimal& d) { return d.round(2, RoundingMode::half_up); }

// R1 and R2 of the workload (§3), computed with Duixian's Decimal from the loaded facts.
std::optional<Decimal> r1(const Register& reg, EnterpriseIndex e) {
  const auto base = reg.number(e, metric("equipment_investment"), Year(2018));
  if (!reg[e].has_tag("above_scale") || !base || *base < Decimal(5000000)) return std::nullopt;
  const Decimal amount = Decimal::parse("0.10") * *base;
  return round_fen(amount < Decimal(5000000) ? amount : Decimal(5000000));
}
std::optional<Decimal> r2(const Register& reg, EnterpriseIndex e) {
  const auto base = reg.number(e, metric("smart_investment"), Year(2018));
  if (!base || *base < Decimal(2000000)) return std::nullopt;
  const Decimal amount = Decimal::parse("0.15") * *base;
  return round_fen(amount < Decimal(3000000) ? amount : Decimal(3000000));
}

TEST(Datagen, SchemaIsTheWorkloadTable) {
  const MetricSchema s = wenzhou_2019_schema();
  ASSERT_EQ(s.size(), 17u);
  EXPECT_EQ(s[*s.find("output_value")].period_kind, PeriodKind::quarter);
  EXPECT_EQ(s[*s.find("electricity_kwh")].type, MetricType::quantity);
  EXPECT_EQ(s[*s.find("per_mu_grade")].enum_values, (std::vector<std::string>{"A", "B", "C", "D"}));
  EXPECT_EQ(s[*s.find("tech_loan_end")].type, MetricType::date);
  EXPECT_EQ(s[*s.find("land_area_sqm")].period_kind, PeriodKind::timeless);
}

TEST(Datagen, EveryEdgeCaseOccurs) {
  const Census& c = data().census;
  EXPECT_EQ(c.enterprises, kSize);
  EXPECT_GT(c.stacking_ties, 0u);
  EXPECT_TRUE(c.r5_budget_binding()) << c.r5_tier_sum_fen;
  EXPECT_GT(c.r5_tier_boundaries, 0u);
  EXPECT_GT(c.r5_zero_base, 0u);
  EXPECT_GT(c.r5_missing_2019q1, 0u);
  EXPECT_GT(c.binding_total_caps, 0u);
  EXPECT_GT(c.capped_without_contribution, 0u);
  EXPECT_GT(c.cap_boundary_registrations, 0u);
  EXPECT_GT(c.local_contribution_missing, 0u);
  EXPECT_GT(c.leap_day_park_entries, 0u);
  EXPECT_GT(c.park_rent_missing_quarter, 0u);
  EXPECT_GT(c.rd_expense_one_year, 0u);
  EXPECT_GT(c.mid_quarter_loans, 0u);
  EXPECT_GT(c.r7_cap_binding, 0u);
  EXPECT_GT(c.names_with_comma, 0u);
  EXPECT_GT(c.names_with_quote, 0u);
  EXPECT_GT(c.r1_threshold_exact, 0u);
  EXPECT_GT(c.r1_capped, 0u);
  EXPECT_GT(c.r3_first_above_scale, 0u);
  EXPECT_GT(c.revised_up, 0u);
  EXPECT_GT(c.revised_down, 0u);
  EXPECT_GT(c.revised_across_r1_threshold, 0u);
  EXPECT_GT(c.revised_added, 0u);
  // About 20 facts an enterprise; the revision touches about 0.5% to 1% of them.
  EXPECT_GE(c.fact_rows, 19 * kSize);
  EXPECT_LE(c.fact_rows, 22 * kSize);
  EXPECT_GE(c.revision_rows, kSize / 200);
}

// At the default size too (generation only, the text is discarded).
TEST(Datagen, EveryEdgeCaseOccursAtTheDefaultSize) {
  struct Discard : std::streambuf {
    std::streamsize xsputn(const char*, std::streamsize n) override { return n; }
    int_type overflow(int_type c) override { return traits_type::not_eof(c); }
  } sink;
  std::ostream out(&sink);
  const Census c = generate_wenzhou_2019(GeneratorOptions{}, out, out, out);
  EXPECT_EQ(c.enterprises, 20000u);
  for (std::size_t n : {c.stacking_ties, c.r5_tier_boundaries, c.binding_total_caps, c.leap_day_park_entries,
                        c.mid_quarter_loans, c.park_rent_missing_quarter, c.rd_expense_one_year, c.names_with_comma,
                        c.names_with_quote, c.revised_up, c.revised_down, c.revised_added}) {
    EXPECT_GT(n, 0u);
  }
  EXPECT_TRUE(c.r5_budget_binding());
}

TEST(Datagen, LoadsWithoutADiagnostic) {
  const Loaded& l = revised();
  EXPECT_TRUE(l.diagnostics.empty()) << render(l.diagnostics);
  EXPECT_FALSE(has_errors(l.diagnostics));
  EXPECT_EQ(l.enterprises.read, kSize);
  EXPECT_EQ(l.enterprises.accepted, kSize);
  EXPECT_EQ(l.facts.read, data().census.fact_rows);
  EXPECT_EQ(l.facts.accepted, l.facts.read);
  EXPECT_EQ(l.revision.read, data().census.revision_rows);
  EXPECT_EQ(l.revision.accepted, l.revision.read);
  EXPECT_EQ(l.reg.size(), kSize);  // so the credit codes are unique and valid
  EXPECT_EQ(original().reg.fact_count(), data().census.fact_rows);
  EXPECT_EQ(l.reg.fact_count(), data().census.fact_rows + data().census.revised_added);
}

TEST(Datagen, IsDeterministic) {
  const GeneratedData again = generate_wenzhou_2019({kSize, 2019});
  EXPECT_EQ(again.enterprises, data().enterprises);
  EXPECT_EQ(again.facts, data().facts);
  EXPECT_EQ(again.revision, data().revision);
  const GeneratedData other = generate_wenzhou_2019({kSize, 2020});
  EXPECT_NE(other.enterprises, data().enterprises);
  EXPECT_NE(other.facts, data().facts);
  EXPECT_NE(other.revision, data().revision);
  // Enterprise i depends only on (seed, i): a smaller register is a prefix.
  const GeneratedData small = generate_wenzhou_2019({kSize / 4, 2019});
  EXPECT_EQ(data().enterprises.compare(0, small.enterprises.size(), small.enterprises), 0);
  EXPECT_EQ(data().facts.compare(0, small.facts.size(), small.facts), 0);
}

std::vector<std::string_view> sorted_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t end = text.find('\n', at);
    lines.push_back(text.substr(at, end - at));
    at = end + 1;
  }
  std::sort(lines.begin() + 1, lines.end());  // the header stays first
  return lines;
}

// --shuffle: the same rows under the same header, in another order fixed by the seed, and
// the register they load into is the same one (its canonical digest is order-free).
TEST(Datagen, ShuffledFactsAreAPermutationThatLoadsTheSameRegister) {
  GeneratorOptions options{kSize, 2019};
  options.shuffle = true;
  const GeneratedData shuffled = generate_wenzhou_2019(options);
  EXPECT_EQ(shuffled.enterprises, data().enterprises);
  EXPECT_EQ(shuffled.census.fact_rows, data().census.fact_rows);
  EXPECT_TRUE(shuffled.facts != data().facts);  // (not EXPECT_NE: it would print megabytes)
  EXPECT_TRUE(shuffled.revision != data().revision);
  EXPECT_TRUE(sorted_lines(shuffled.facts) == sorted_lines(data().facts));
  EXPECT_TRUE(sorted_lines(shuffled.revision) == sorted_lines(data().revision));
  EXPECT_TRUE(generate_wenzhou_2019(options).facts == shuffled.facts);  // deterministic
  options.seed = 2020;
  EXPECT_TRUE(generate_wenzhou_2019(options).facts.substr(0, 4096) != shuffled.facts.substr(0, 4096));

  // Consecutive rows of one enterprise are rare once shuffled (they are the rule grouped).
  const std::vector<std::string_view> rows = [&] {
    std::vector<std::string_view> r;
    std::string_view t = shuffled.facts;
    for (std::size_t at = t.find('\n') + 1; at < t.size(); at = t.find('\n', at) + 1) r.push_back(t.substr(at, 18));
    return r;
  }();
  std::size_t same_as_previous = 0;
  for (std::size_t i = 1; i < rows.size(); ++i) same_as_previous += rows[i] == rows[i - 1];
  EXPECT_LT(same_as_previous, rows.size() / 100);

  RegisterBuilder builder(wenzhou_2019_schema());
  Diagnostics diagnostics;
  load_enterprises_csv(builder, shuffled.enterprises, "enterprises.csv", {}, diagnostics);
  const RowCounts facts = load_facts_csv(builder, shuffled.facts, "facts.csv", {}, diagnostics);
  load_facts_csv(builder, shuffled.revision, "facts-revision.csv", {}, diagnostics, FactMode::revise);
  EXPECT_TRUE(diagnostics.empty()) << render(diagnostics);
  EXPECT_EQ(facts.accepted, data().census.fact_rows);
  EXPECT_EQ(std::move(builder).build().canonical_sha256(), revised().reg.canonical_sha256());
}

TEST(Datagen, SamplesMatchTheLoadedRegister) {
  const Register& reg = original().reg;
  const CensusSamples& s = data().census.samples;
  ASSERT_FALSE(s.leap_day_park_entries.empty());
  for (const std::string& code : s.leap_day_park_entries) {
    const EnterpriseIndex e = index_of(reg, code);
    EXPECT_TRUE(reg[e].has_tag("in_micro_park")) << code;
    EXPECT_EQ(reg.date(e, metric("park_entry_date"), Period()), Date::from_ymd(2016, 2, 29)) << code;
  }
  ASSERT_FALSE(s.stacking_ties.empty());
  for (const std::string& code : s.stacking_ties) {
    const EnterpriseIndex e = index_of(reg, code);
    ASSERT_TRUE(r1(reg, e).has_value() && r2(reg, e).has_value()) << code;
    EXPECT_EQ(*r1(reg, e), *r2(reg, e)) << code;
  }
  ASSERT_FALSE(s.r5_tier_boundaries.empty());
  for (const std::string& code : s.r5_tier_boundaries) {
    const EnterpriseIndex e = index_of(reg, code);
    const Decimal v18 = *reg.number(e, metric("output_value"), Quarter(2018, 1));
    const Decimal v19 = *reg.number(e, metric("output_value"), Quarter(2019, 1));
    const Decimal ten_v19 = Decimal(10) * v19;
    EXPECT_TRUE(ten_v19 == Decimal(11) * v18 || ten_v19 == Decimal(12) * v18 || ten_v19 == Decimal(13) * v18)
        << code;
  }
  ASSERT_FALSE(s.mid_quarter_loans.empty());
  for (const std::string& code : s.mid_quarter_loans) {
    const EnterpriseIndex e = index_of(reg, code);
    for (const char* name : {"tech_loan_start", "tech_loan_end"}) {
      const auto day = reg.date(e, metric(name), Period());
      ASSERT_TRUE(day.has_value()) << code;
      EXPECT_EQ(day->year(), 2019) << code;
      EXPECT_NE(*day, quarter_of(*day).first_day()) << code;
      EXPECT_NE(*day, quarter_of(*day).last_day()) << code;
    }
  }
  ASSERT_FALSE(s.binding_total_caps.empty());
  for (const std::string& code : s.binding_total_caps) {
    EXPECT_LT(reg[index_of(reg, code)].registered_on, Date::from_ymd(2016, 1, 1)) << code;
  }
  ASSERT_FALSE(s.revised.empty());
  for (const std::string& code : s.revised) {
    const auto before = reg.number(index_of(reg, code), metric("equipment_investment"), Year(2018));
    const auto after =
        revised().reg.number(index_of(revised().reg, code), metric("equipment_investment"), Year(2018));
    ASSERT_TRUE(before && after) << code;
    EXPECT_NE(*before, *after) << code;
  }
}

// The census again, from the loaded register with Decimal arithmetic: ties, R5 tiers,
// names and revisions agree with what the generator counted in integer fen.
TEST(Datagen, CensusAgreesWithTheLoadedRegister) {
  const Register& reg = original().reg;
  const Register& rev = revised().reg;
  std::size_t ties = 0, boundaries = 0, commas = 0, quotes = 0, leap = 0, up = 0, down = 0;
  Decimal r5_sum;
  const Period q1_2018 = Quarter(2018, 1), q1_2019 = Quarter(2019, 1);
  for (EnterpriseIndex e = 0; e < reg.size(); ++e) {
    const auto a = r1(reg, e), b = r2(reg, e);
    if (a && b && *a == *b) ++ties;
    const auto v18 = reg.number(e, metric("output_value"), q1_2018);
    const auto v19 = reg.number(e, metric("output_value"), q1_2019);
    if (reg[e].has_tag("above_scale") && v18 && v19 && v18->sign() > 0) {
      const Decimal x = Decimal(10) * *v19;
      if (x >= Decimal(13) * *v18) {
        r5_sum += Decimal(200000);
      } else if (x >= Decimal(12) * *v18) {
        r5_sum += Decimal(100000);
      } else if (x >= Decimal(11) * *v18) {
        r5_sum += Decimal(50000);
      }
      if (x == Decimal(11) * *v18 || x == Decimal(12) * *v18 || x == Decimal(13) * *v18) ++boundaries;
    }
    const std::string& name = reg[e].name;
    if (name.find(',') != std::string::npos) ++commas;
    if (name.find('"') != std::string::npos) ++quotes;
    if (reg.date(e, metric("park_entry_date"), Period()) == Date::from_ymd(2016, 2, 29)) ++leap;
    const auto before = reg.number(e, metric("equipment_investment"), Year(2018));
    const auto after = rev.number(e, metric("equipment_investment"), Year(2018));
    if (before && after && *after > *before) ++up;
    if (before && after && *after < *before) ++down;
  }
  const Census& c = data().census;
  EXPECT_EQ(ties, c.stacking_ties);
  EXPECT_EQ(boundaries, c.r5_tier_boundaries);
  EXPECT_EQ(r5_sum, Decimal::from_parts(c.r5_tier_sum_fen, 2));
  EXPECT_GT(r5_sum, Decimal(30000000));
  EXPECT_EQ(commas, c.names_with_comma);
  EXPECT_EQ(quotes, c.names_with_quote);
  EXPECT_EQ(leap, c.leap_day_park_entries);
  EXPECT_EQ(up, c.revised_up);
  EXPECT_EQ(down, c.revised_down);
}

}  // namespace
}  // namespace duixian::datagen

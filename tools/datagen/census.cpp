// The census: what each generated enterprise holds, judged by the workload's rules
// (wenzhou-2019.md §3–§4) in integer fen. It reads the values the writer formats.
#include <ostream>

#include "record.hpp"
#include "wenzhou_data.hpp"

namespace duixian::datagen {

namespace detail {

namespace {

// n / d rounded half-up, for n ≥ 0 and d > 0 (the workload's only rounding).
Fen round_div(Fen n, Fen d) noexcept { return (2 * n + d) / (2 * d); }

constexpr Fen kMillion = 100'000'000;  // 1,000,000 yuan in fen

void sample(std::vector<std::string>& list, const std::string& code) {
  if (list.size() < 16) list.push_back(code);
}

// R1 (needs above_scale) and R2: annual entitlements E in fen, or -1 when not eligible.
Fen r1_of(const Record& r, const OptFen& equipment) {
  if (!r.above_scale || !equipment || *equipment < 5 * kMillion) return -1;
  const Fen e = round_div(*equipment, 10);
  return e < 5 * kMillion ? e : 5 * kMillion;
}

Fen r2_of(const Record& r) {
  if (!r.smart_2018 || *r.smart_2018 < 2 * kMillion) return -1;
  const Fen e = round_div(15 * *r.smart_2018, 100);
  return e < 3 * kMillion ? e : 3 * kMillion;
}

Fen r4_of(const Record& r) {
  if (!r.rd_2017 || !r.rd_2018 || *r.rd_2018 <= *r.rd_2017) return 0;
  const Fen e = round_div(15 * (*r.rd_2018 - *r.rd_2017), 100);
  return e < 2 * kMillion ? e : 2 * kMillion;
}

}  // namespace

void tally(Census& c, const Record& r) {
  ++c.enterprises;
  if (r.above_scale) ++c.above_scale;
  if (r.in_micro_park) ++c.in_micro_park;
  const bool old = r.registered < civil(2016, 1, 1);

  // Stacking group tech: R1 and R2.
  const Fen r1 = r1_of(r, r.equipment_2018);
  const Fen r2 = r2_of(r);
  if (r1 >= 0 && r2 >= 0) {
    ++c.stacking_both_eligible;
    if (r1 == r2) {
      ++c.stacking_ties;
      sample(c.samples.stacking_ties, r.code);
    }
  }
  if (r.above_scale && r.equipment_2018 == 5 * kMillion) ++c.r1_threshold_exact;
  if (r1 >= 0 && *r.equipment_2018 > 50 * kMillion) ++c.r1_capped;
  const Fen tech = r1 > r2 ? (r1 > 0 ? r1 : 0) : (r2 > 0 ? r2 : 0);

  // R5: growth compared exactly, as 10 × v19 against 11, 12 or 13 × v18.
  if (r.above_scale && r.output[0]) {
    const Fen v18 = *r.output[0];
    if (v18 == 0) {
      ++c.r5_zero_base;
    } else if (!r.output[4]) {
      ++c.r5_missing_2019q1;
    } else {
      const Fen v19 = *r.output[4];
      const Fen tier = 10 * v19 >= 13 * v18 ? 200'000 : 10 * v19 >= 12 * v18 ? 100'000 : 10 * v19 >= 11 * v18 ? 50'000 : 0;
      if (tier > 0) {
        ++c.r5_eligible;
        c.r5_tier_sum_fen += tier * 100;
      }
      if (10 * v19 == 11 * v18 || 10 * v19 == 12 * v18 || 10 * v19 == 13 * v18) {
        ++c.r5_tier_boundaries;
        sample(c.samples.r5_tier_boundaries, r.code);
      }
    }
  }

  // R6 over the window [entry, entry + 3 years − 1 day], quarter by quarter.
  Fen r6 = 0;
  if (r.in_micro_park && r.park_entry) {
    const Day last = add_years(*r.park_entry, 3) - 1;
    bool missing = false, present = false;
    for (unsigned q = 0; q < 4; ++q) {
      const Day q0 = quarter_first(2019, q + 1), q1 = quarter_last(2019, q + 1);
      const std::int64_t d = overlap(*r.park_entry, last, q0, q1);
      if (d == 0) continue;
      if (r.park_rent[q]) {
        present = true;
        r6 += round_div(3 * *r.park_rent[q] * d, 10 * (q1 - q0 + 1));
      } else {
        missing = true;
      }
    }
    if (missing && present) ++c.park_rent_missing_quarter;
    if (*r.park_entry == civil(2016, 2, 29)) {
      ++c.leap_day_park_entries;
      sample(c.samples.leap_day_park_entries, r.code);
    }
  }

  // R7: amount × 1.5% × days / 360 per quarter, capped at 1,000,000 for the year.
  Fen r7 = 0;
  if (r.loan_amount && r.loan_start && r.loan_end) {
    for (unsigned q = 1; q <= 4; ++q) {
      const std::int64_t d = overlap(*r.loan_start, *r.loan_end, quarter_first(2019, q), quarter_last(2019, q));
      r7 += round_div(*r.loan_amount * 15 * d, 1000 * 360);
    }
    if (r7 > kMillion) {
      ++c.r7_cap_binding;
      r7 = kMillion;
    }
    const bool in_2019 = *r.loan_start >= civil(2019, 1, 1) && *r.loan_end <= civil(2019, 12, 31);
    if (in_2019 && !on_quarter_boundary(*r.loan_start) && !on_quarter_boundary(*r.loan_end)) {
      ++c.mid_quarter_loans;
      sample(c.samples.mid_quarter_loans, r.code);
    }
  }

  // The enterprise cap of old firms. R5 is left out (its budget scales it), so the
  // sum is a lower bound of the capped rewards: when it exceeds the cap, the cap binds.
  const Fen counted = tech + r4_of(r) + r6 + r7;
  if (old && counted > 0 && r.local_contribution.value_or(0) < counted) {
    ++c.binding_total_caps;
    sample(c.samples.binding_total_caps, r.code);
    if (!r.local_contribution) ++c.capped_without_contribution;
  }
  if (r.registered == civil(2015, 12, 31) || r.registered == civil(2016, 1, 1)) ++c.cap_boundary_registrations;
  if (old && !r.local_contribution) ++c.local_contribution_missing;

  if (r.above_scale && r.above_scale_since && *r.above_scale_since >= civil(2019, 1, 1) &&
      *r.above_scale_since <= civil(2019, 12, 31)) {
    ++c.r3_first_above_scale;
  }
  if (r.rd_2017.has_value() != r.rd_2018.has_value()) ++c.rd_expense_one_year;
  if (r.name.find(',') != std::string::npos) ++c.names_with_comma;
  if (r.name.find('"') != std::string::npos) ++c.names_with_quote;

  // The revision file.
  if (r.revised_equipment_2018 && r.equipment_2018) {
    const Fen before = *r.equipment_2018, after = *r.revised_equipment_2018;
    if (after > before) ++c.revised_up;
    if (after < before) ++c.revised_down;
    if ((before >= 5 * kMillion) != (after >= 5 * kMillion)) ++c.revised_across_r1_threshold;
    sample(c.samples.revised, r.code);
  }
  if (r.revised_equipment_2018 && !r.equipment_2018) ++c.revised_added;
  if (r.added_local_contribution && !r.local_contribution) ++c.revised_added;
}

}  // namespace detail

namespace {

// 123456789 fen → 1,234,567.89
std::string grouped_yuan(std::int64_t fen) {
  std::string digits = std::to_string(fen / 100);
  std::string out;
  for (std::size_t k = 0; k < digits.size(); ++k) {
    if (k > 0 && (digits.size() - k) % 3 == 0) out += ',';
    out += digits[k];
  }
  const auto cents = fen % 100;
  out += '.';
  out += static_cast<char>('0' + cents / 10);
  out += static_cast<char>('0' + cents % 10);
  return out;
}

}  // namespace

void print_census(std::ostream& out, const Census& c) {
  const auto line = [&out](const char* name, std::size_t n) { out << name << ' ' << n << '\n'; };
  line("enterprises", c.enterprises);
  line("fact_rows", c.fact_rows);
  line("revision_rows", c.revision_rows);
  line("above_scale", c.above_scale);
  line("in_micro_park", c.in_micro_park);
  line("stacking_both_eligible", c.stacking_both_eligible);
  line("stacking_ties", c.stacking_ties);
  line("r1_threshold_exact", c.r1_threshold_exact);
  line("r1_capped", c.r1_capped);
  line("r5_eligible", c.r5_eligible);
  out << "r5_tier_sum " << grouped_yuan(c.r5_tier_sum_fen) << " (budget " << grouped_yuan(Census::r5_budget_fen)
      << (c.r5_budget_binding() ? ", binding)" : ", not binding)") << '\n';
  line("r5_tier_boundaries", c.r5_tier_boundaries);
  line("r5_zero_base", c.r5_zero_base);
  line("r5_missing_2019q1", c.r5_missing_2019q1);
  line("binding_total_caps", c.binding_total_caps);
  line("capped_without_contribution", c.capped_without_contribution);
  line("cap_boundary_registrations", c.cap_boundary_registrations);
  line("local_contribution_missing", c.local_contribution_missing);
  line("r3_first_above_scale", c.r3_first_above_scale);
  line("rd_expense_one_year", c.rd_expense_one_year);
  line("leap_day_park_entries", c.leap_day_park_entries);
  line("park_rent_missing_quarter", c.park_rent_missing_quarter);
  line("mid_quarter_loans", c.mid_quarter_loans);
  line("r7_cap_binding", c.r7_cap_binding);
  line("names_with_comma", c.names_with_comma);
  line("names_with_quote", c.names_with_quote);
  line("revised_up", c.revised_up);
  line("revised_down", c.revised_down);
  line("revised_across_r1_threshold", c.revised_across_r1_threshold);
  line("revised_added", c.revised_added);
}

}  // namespace duixian::datagen

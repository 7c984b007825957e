// Building one enterprise: a random population shaped like Wenzhou's 2019 register,
// with the workload's edge cases planted at fixed slots of every block of 500.
#include <duixian/credit_code.hpp>

#include "prng.hpp"
#include "record.hpp"

namespace duixian::datagen::detail {

namespace {

constexpr int kCounties[] = {330302, 330303, 330304, 330305, 330324, 330326,
                             330327, 330328, 330329, 330381, 330382, 330383};
// The place name an enterprise's name starts with, by county (same order).
constexpr const char* kPlace[] = {"温州", "温州", "温州", "温州", "永嘉", "平阳",
                                  "苍南", "文成", "泰顺", "瑞安", "乐清", "龙港"};

struct IndustryWord {
  const char* code;  // GB/T 4754-2017 class
  const char* word;  // what the trade name says
};
// Mostly manufacturing (C13..C43), Wenzhou's shoes, electrics, valves and glasses
// included, and a few trade and service firms.
constexpr IndustryWord kIndustries[] = {
    {"C1431", "食品"}, {"C1511", "酒业"},   {"C1711", "纺织"},   {"C1810", "服饰"},   {"C1910", "皮革"},
    {"C1952", "鞋业"}, {"C1959", "鞋材"},   {"C2110", "家具"},   {"C2231", "包装"},   {"C2319", "印刷"},
    {"C2411", "文具"}, {"C2438", "首饰"},   {"C2641", "涂料"},   {"C2927", "塑料"},   {"C3130", "钢材"},
    {"C3351", "五金"}, {"C3443", "阀门"},   {"C3484", "机械"},   {"C3525", "模具"},   {"C3587", "眼镜"},
    {"C3670", "汽配"}, {"C3823", "电气"},   {"C3831", "线缆"},   {"C3872", "照明"},   {"C3921", "通信"},
    {"C4090", "仪表"}, {"C4210", "再生资源"}, {"C4320", "设备维修"}, {"F5174", "贸易"},   {"I6513", "软件"},
    {"M7320", "科技"}, {"L7212", "投资"}};

constexpr const char* kSyllables[] = {"宏", "达", "华", "光", "瑞", "丰", "东", "升", "永", "兴",
                                      "天", "成", "金", "龙", "新", "亚", "恒", "通", "鑫", "源",
                                      "强", "振", "嘉", "利", "联", "海", "峰", "伟", "业", "鸿",
                                      "运", "泰", "和", "明", "珠", "旺", "万", "顺", "鹰", "洋"};

template <class T, std::size_t N>
constexpr std::uint64_t count_of(const T (&)[N]) noexcept {
  return N;
}

// Edge cases planted at slot `index % 500`; the rest of each block is random.
enum class Role {
  none,
  tie_exact,             // R1 = R2 exactly
  tie_rounding,          // R1 = R2 only after rounding
  tie_capped,            // R1 = 3,000,000 = R2's cap
  cap_binding,           // old firm, large R1, small local_contribution
  cap_no_contribution,   // old firm, R1, no local_contribution (cap 0)
  registered_2015_12_31, // last day under the cap
  registered_2016_01_01, // first day free of it
  revise_add_contribution,
  leap_day_park,
  park_missing_quarter,
  loan_mid_quarter,
  loan_r7_cap,
  r5_at_10,
  r5_at_20,
  r5_at_30,
  r5_just_below_30,
  r5_zero_base,
  r5_missing_2019q1,
  name_comma_quote,
  name_comma,
  name_quote,
  r3_2019,
  rd_one_year,
  r1_threshold,
  r1_capped,
  revise_up_across,
  revise_down_across,
  r5_high_growth,  // enough top-tier growth in the first 3,000 for the R5 budget to bind
};

Role role_of(std::uint64_t index) noexcept {
  switch (index % 500) {
    case 10: return Role::tie_exact;
    case 11: return Role::tie_rounding;
    case 12: return Role::tie_capped;
    case 13: return Role::cap_binding;
    case 14: return Role::cap_no_contribution;
    case 15: return Role::registered_2015_12_31;
    case 16: return Role::registered_2016_01_01;
    case 17: return Role::revise_add_contribution;
    case 20: return Role::leap_day_park;
    case 21: return Role::park_missing_quarter;
    case 22: return Role::loan_mid_quarter;
    case 23: return Role::loan_r7_cap;
    case 30: return Role::r5_at_10;
    case 31: return Role::r5_at_20;
    case 32: return Role::r5_at_30;
    case 33: return Role::r5_just_below_30;
    case 34: return Role::r5_zero_base;
    case 35: return Role::r5_missing_2019q1;
    case 40: return Role::name_comma_quote;
    case 41: return Role::name_comma;
    case 42: return Role::name_quote;
    case 43: return Role::r3_2019;
    case 44: return Role::rd_one_year;
    case 45: return Role::r1_threshold;
    case 46: return Role::r1_capped;
    case 47: return Role::revise_up_across;
    case 48: return Role::revise_down_across;
    default: break;
  }
  if (index < 3000 && index % 500 >= 100 && index % 10 == 7) return Role::r5_high_growth;
  return Role::none;
}

bool forces_above_scale(Role role) noexcept {
  switch (role) {
    case Role::none:
    case Role::leap_day_park:
    case Role::park_missing_quarter:
    case Role::loan_mid_quarter:
    case Role::loan_r7_cap:
    case Role::name_comma_quote:
    case Role::name_comma:
    case Role::name_quote:
    case Role::rd_one_year:
      return false;
    default:
      return true;
  }
}

bool forces_old(Role role) noexcept {
  return role == Role::cap_binding || role == Role::cap_no_contribution || role == Role::revise_add_contribution ||
         role == Role::leap_day_park || role == Role::park_missing_quarter;
}

constexpr Fen yuan(std::int64_t y) noexcept { return y * 100; }

// An amount of lo..hi yuan with random fen.
Fen money(Rng& rng, std::int64_t lo_yuan, std::int64_t hi_yuan) { return rng.between(yuan(lo_yuan), yuan(hi_yuan)); }

// value × num / den, rounded up (the operands stay far below 2^63).
Fen scale_up(Fen value, std::int64_t num, std::int64_t den) noexcept { return (value * num + den - 1) / den; }

Day day_between(Rng& rng, Day lo, Day hi) { return lo > hi ? lo : rng.between(lo, hi); }

// A day of [lo, hi] that is neither the first nor the last day of a quarter.
Day mid_quarter_day(Rng& rng, Day lo, Day hi) {
  for (;;) {
    const Day d = rng.between(lo, hi);
    if (!on_quarter_boundary(d)) return d;
  }
}

// Credit codes: the organization-code body of enterprise i is the base-31 form of
// (offset + i × stride) mod 31^8, a bijection on the indexes because the stride is
// prime to 31, so codes never repeat within a register (up to 31^8 enterprises).
constexpr std::uint64_t kBodySpace = 852891037441ULL;  // 31^8 < 2^40

// a × b mod 31^8 for a, b < 2^40 without overflowing 64 bits: b in two 20-bit halves.
std::uint64_t mul_mod(std::uint64_t a, std::uint64_t b) noexcept {
  const std::uint64_t hi = (a * (b >> 20)) % kBodySpace;  // < 2^60
  const std::uint64_t lo = (a * (b & 0xFFFFF)) % kBodySpace;
  return ((hi << 20) % kBodySpace + lo) % kBodySpace;
}

std::string credit_code(std::uint64_t seed, std::uint64_t index, int county) {
  std::uint64_t sm = seed ^ 0x5EEDC0DEULL;
  const std::uint64_t offset = splitmix64(sm) % kBodySpace;
  std::uint64_t stride = splitmix64(sm) % kBodySpace;
  while (stride % 31 == 0) ++stride;
  std::uint64_t v = (offset + mul_mod(index % kBodySpace, stride)) % kBodySpace;
  char body[8];
  for (int k = 7; k >= 0; --k) {
    body[k] = CreditCode::alphabet[v % 31];
    v /= 31;
  }
  const std::string prefix = "91" + std::to_string(county);
  return complete_credit_code(prefix, std::string_view(body, 8)).to_string();
}

std::string trade_name(Rng& rng) {
  std::string s = kSyllables[rng.below(count_of(kSyllables))];
  s += kSyllables[rng.below(count_of(kSyllables))];
  return s;
}

std::string company_name(Rng& rng, std::size_t county, const char* word, Role role) {
  const std::string place = kPlace[county];
  const std::string brand = trade_name(rng);
  const unsigned style = static_cast<unsigned>(rng.below(1000));
  const char* suffix = style < 120 ? "股份有限公司" : "有限公司";
  if (role == Role::name_comma_quote || (role == Role::none && style >= 990)) {
    return place + "\"" + brand + "\"," + word + suffix;  // 温州"宏达",机械有限公司
  }
  if (role == Role::name_comma) return place + brand + word + suffix + ",原" + place + brand + word + "厂";
  if (role == Role::name_quote) return place + "\"" + brand + "\"" + word + suffix;
  return place + brand + word + suffix;
}

}  // namespace

Record make_record(std::uint64_t seed, std::uint64_t index) {
  Rng rng(seed, index);
  const Role role = role_of(index);
  Record r;

  // Identity. Every draw happens whatever the role, so roles do not shift the stream.
  const auto county = static_cast<std::size_t>(rng.below(count_of(kCounties)));
  const IndustryWord& industry = kIndustries[rng.below(count_of(kIndustries))];
  r.region = kCounties[county];
  r.code = credit_code(seed, index, r.region);
  r.industry = industry.code;
  r.name = company_name(rng, county, industry.word, role);
  r.above_scale = rng.per_mille(350) || forces_above_scale(role);
  r.in_micro_park = rng.per_mille(150) || role == Role::leap_day_park || role == Role::park_missing_quarter;

  // Registration: about 60% before 2016-01-01; above-scale firms by mid-2017 (they
  // report all of 2018's output); a few small firms only in 2019.
  const bool old = rng.per_mille(600) || forces_old(role);
  const Day old_day = rng.between(civil(1990, 1, 1), civil(2015, 12, 31));
  const Day young_day = rng.between(civil(2016, 1, 1), r.above_scale ? civil(2017, 6, 30) : civil(2018, 12, 31));
  const bool in_2019 = rng.per_mille(15) && !r.above_scale && role == Role::none;
  const Day day_2019 = rng.between(civil(2019, 1, 1), civil(2019, 6, 30));
  r.registered = old ? old_day : in_2019 ? day_2019 : young_day;
  if (role == Role::registered_2015_12_31) r.registered = civil(2015, 12, 31);
  if (role == Role::registered_2016_01_01) r.registered = civil(2016, 1, 1);
  if (role == Role::park_missing_quarter && r.registered > civil(2016, 12, 31)) r.registered = civil(2016, 12, 31);
  const bool has_2017 = r.registered <= civil(2016, 12, 31);
  const bool has_2018 = r.registered <= civil(2017, 12, 31);

  // Size: 2018 revenue in yuan; above-scale (规上) means at least 20 million.
  std::int64_t revenue = r.above_scale ? rng.between(20'000'000, 200'000'000) : rng.between(500'000, 19'999'999);
  if (r.above_scale && rng.per_mille(150)) revenue *= rng.between(2, 6);
  if (in_2019) revenue /= 4;
  const Fen revenue_fen = yuan(revenue);
  constexpr std::int64_t share[] = {22, 24, 26, 28};  // % of the year by quarter

  // 2019 quarters: sales, wage base, power, exports (quarters after registration only).
  const std::int64_t employees = r.above_scale ? rng.between(80, 1500) : rng.between(5, 120);
  const bool exporter = rng.per_mille(300);
  const std::int64_t export_pct = rng.between(10, 90);
  for (unsigned q = 0; q < 4; ++q) {
    const Fen sales = revenue_fen * share[q] * rng.between(90, 115) / 10000 + rng.between(0, 99);
    const Fen wages = yuan(employees * rng.between(12'000, 24'000)) + rng.between(0, 99);
    const std::int64_t kwh = sales / 100 / rng.between(4, 12);
    if (quarter_last(2019, q + 1) < r.registered) continue;
    r.taxable[q] = sales;
    r.pension[q] = wages;
    r.electricity_kwh[q] = kwh;
    if (exporter) r.export_sales[q] = sales * export_pct / 100;
  }

  // Output value per quarter of 2018 and 2019 (above-scale firms). Q1 growth decides R5:
  // about 6% reach 30%, 8% 20%, 12% 10%.
  if (r.above_scale) {
    const auto tier = rng.below(1000);
    std::int64_t k = tier < 60 ? rng.between(13000, 18000)
                     : tier < 140 ? rng.between(12000, 12999)
                     : tier < 260 ? rng.between(11000, 11999)
                                  : rng.between(8500, 10999);
    if (role == Role::r5_high_growth) k = rng.between(13000, 16000);
    for (unsigned q = 0; q < 4; ++q) {
      const Fen v18 = revenue_fen * share[q] * rng.between(90, 110) / 10000 + rng.between(0, 99);
      r.output[q] = v18;
      r.output[q + 4] = scale_up(v18, q == 0 ? k : rng.between(9000, 12000), 10000);
    }
    const Fen x = rng.between(10'000'000, 1'000'000'000);  // tier boundaries: 2018Q1 = 10x fen
    switch (role) {
      case Role::r5_at_10: r.output[0] = 10 * x; r.output[4] = 11 * x; break;
      case Role::r5_at_20: r.output[0] = 10 * x; r.output[4] = 12 * x; break;
      case Role::r5_at_30:  // 1,000,000.00 → 1,300,000.00, scaled by whole millions
        r.output[0] = yuan(1'000'000) * (x % 20 + 1);
        r.output[4] = yuan(1'300'000) * (x % 20 + 1);
        break;
      case Role::r5_just_below_30: r.output[0] = 10 * x; r.output[4] = 13 * x - 1; break;
      case Role::r5_zero_base: r.output[0] = 0; break;
      case Role::r5_missing_2019q1: r.output[4].reset(); break;
      default: break;
    }
  }

  // 2018 investment: equipment (R1), smart manufacturing (R2).
  const bool has_equipment = r.above_scale ? rng.per_mille(450) : rng.per_mille(150);
  Fen equipment = r.above_scale ? money(rng, 1'000'000, 30'000'000) : money(rng, 100'000, 6'000'000);
  if (rng.per_mille(20)) equipment *= rng.between(2, 5);
  if (has_equipment && has_2018) r.equipment_2018 = equipment;
  const Fen smart = money(rng, 500'000, 25'000'000);
  if (rng.per_mille(120) && has_2018) r.smart_2018 = smart;
  const Fen tie_k = rng.between(16'666'667, 100'000'000);  // R fen = 3k, from 500,000 to 3,000,000 yuan
  switch (role) {
    case Role::tie_exact: r.equipment_2018 = 30 * tie_k; r.smart_2018 = 20 * tie_k; break;
    case Role::tie_rounding: r.equipment_2018 = 30 * tie_k + 4; r.smart_2018 = 20 * tie_k + 1; break;
    case Role::tie_capped: r.equipment_2018 = yuan(30'000'000); r.smart_2018 = money(rng, 20'000'000, 30'000'000); break;
    case Role::cap_binding: r.equipment_2018 = money(rng, 15'000'000, 40'000'000); break;
    case Role::cap_no_contribution: r.equipment_2018 = money(rng, 6'000'000, 20'000'000); break;
    case Role::registered_2015_12_31:
    case Role::registered_2016_01_01: r.equipment_2018 = money(rng, 10'000'000, 20'000'000); break;
    case Role::revise_add_contribution: r.equipment_2018 = money(rng, 8'000'000, 15'000'000); break;
    case Role::r1_threshold: r.equipment_2018 = yuan(5'000'000); break;
    case Role::r1_capped: r.equipment_2018 = money(rng, 50'000'001, 120'000'000); break;
    case Role::revise_up_across: r.equipment_2018 = money(rng, 4'500'000, 4'990'000); break;
    case Role::revise_down_across: r.equipment_2018 = money(rng, 5'500'000, 8'000'000); break;
    default: break;
  }

  // R&D expense 2017 and 2018 (R4); a few firms report one year only.
  const Fen rd17 = revenue_fen * rng.between(5, 40) / 1000;
  const Fen rd18 = rd17 * rng.between(80, 140) / 100;
  const bool rd = rng.per_mille(400);
  const auto drop = rng.below(1000);
  if (rd && has_2017) {
    if (drop >= 30) r.rd_2017 = rd17;
    if (drop < 30 || drop >= 60) r.rd_2018 = rd18;
  } else if (rd && has_2018 && drop < 300) {
    r.rd_2018 = rd18;
  }
  if (role == Role::rd_one_year) {
    r.rd_2017.reset();
    r.rd_2018 = money(rng, 500'000, 5'000'000);
  }

  // Land and its per-mu grade (B4).
  const Fen area = rng.between(100'000, 5'000'000);  // 1,000.00..50,000.00 m²
  const auto grade = rng.below(10);
  if (rng.per_mille(500)) {
    r.land_area = area;
    r.grade = grade < 2 ? 'A' : grade < 5 ? 'B' : grade < 8 ? 'C' : 'D';
  }

  // Local contribution 2018 (the cap of old firms); missing for some.
  const Fen contribution = revenue_fen * rng.between(5, 40) / 1000;
  if (rng.per_mille(old ? 900 : 800) && has_2018) r.local_contribution = contribution;
  switch (role) {
    case Role::cap_binding: r.local_contribution = money(rng, 100'000, 500'000); break;
    case Role::cap_no_contribution:
    case Role::revise_add_contribution: r.local_contribution.reset(); break;
    case Role::registered_2015_12_31:
    case Role::registered_2016_01_01: r.local_contribution = money(rng, 200'000, 400'000); break;
    default: break;
  }

  // Above scale since (R3: in 2019).
  if (r.above_scale) {
    const bool first_in_2019 = rng.per_mille(40) || role == Role::r3_2019;
    const Day lo = r.registered + 180 > civil(2000, 1, 1) ? r.registered + 180 : civil(2000, 1, 1);
    const Day before = day_between(rng, lo, civil(2018, 12, 31));
    const Day in_2019_day = rng.between(civil(2019, 1, 1), civil(2019, 12, 31));
    r.above_scale_since = first_in_2019 ? in_2019_day : before;
  }

  // Micro-park tenancy and rent (R6); the rent is reported for quarters after entry.
  if (r.in_micro_park) {
    const Day lo = r.registered > civil(2015, 6, 1) ? r.registered : civil(2015, 6, 1);
    Day entry = day_between(rng, lo, civil(2019, 9, 30));
    if (role == Role::leap_day_park) entry = civil(2016, 2, 29);
    if (role == Role::park_missing_quarter) entry = rng.between(civil(2017, 1, 1), civil(2018, 6, 30));
    r.park_entry = entry;
    const Fen rent = money(rng, 20'000, 300'000);
    unsigned present = 0;
    for (unsigned q = 0; q < 4; ++q) {
      if (quarter_last(2019, q + 1) >= entry) {
        r.park_rent[q] = rent;
        ++present;
      }
    }
    const auto missing = static_cast<unsigned>(rng.below(4));
    if (role == Role::park_missing_quarter) {
      r.park_rent[1 + missing % 3].reset();
    } else if (rng.per_mille(80) && present >= 2) {
      r.park_rent[missing].reset();
    }
  }

  // Technology loan (R7).
  const bool loan = rng.per_mille(100);
  const Fen amount = yuan(rng.between(100, 5000) * 10'000);
  const Day start = rng.between(civil(2017, 7, 1), civil(2019, 10, 31));
  constexpr int terms[] = {6, 12, 18, 24, 36};
  const int term = terms[rng.below(5)];
  if (loan && r.registered < start) {
    r.loan_amount = amount;
    r.loan_start = start;
    r.loan_end = add_months(start, term) - 1;
  }
  if (role == Role::loan_mid_quarter) {
    r.loan_amount = amount;
    r.loan_start = mid_quarter_day(rng, civil(2019, 1, 2), civil(2019, 5, 31));
    r.loan_end = mid_quarter_day(rng, civil(2019, 7, 2), civil(2019, 12, 30));
  }
  if (role == Role::loan_r7_cap) {
    r.loan_amount = yuan(80'000'000);
    r.loan_start = civil(2018, 6, 15);
    r.loan_end = civil(2020, 6, 14);
  }

  // Revisions: about 2% of equipment investments (≈0.5% of firms), up or down.
  const bool revise = rng.per_mille(20);
  const std::int64_t pct = rng.between(80, 120);
  if (role == Role::none && revise && r.equipment_2018) {
    Fen revised = *r.equipment_2018 * pct / 100;
    if (revised == *r.equipment_2018) revised += 123'456;
    r.revised_equipment_2018 = revised;
  }
  if (role == Role::revise_up_across) r.revised_equipment_2018 = money(rng, 5'000'000, 6'000'000);
  if (role == Role::revise_down_across) r.revised_equipment_2018 = money(rng, 3'000'000, 4'900'000);
  if (role == Role::revise_add_contribution) r.added_local_contribution = money(rng, 300'000, 2'000'000);
  return r;
}

}  // namespace duixian::datagen::detail

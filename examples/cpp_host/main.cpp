// A C++ host of Duixian: the register is built in code (a host's own database would
// feed RegisterBuilder the same way), the policy book is the bundled Wenzhou 2019 book,
// and 2019Q1 is settled against an in-memory ledger, then committed.
//
//   cpp_host [path/to/policies.json]
//
// The two enterprises and their amounts, by hand (docs/settlement.md has the rules):
// - 温州甲科技有限公司, 鹿城区 (330302, city share 50%), above scale, 2018 equipment
//   investment 6,000,000.00: R1 = min(10% × 6,000,000.00, 500万) = 600,000.00, paid in
//   four instalments: 150,000.00 in 2019Q1, city 75,000.00 and county 75,000.00.
// - 瑞安乙鞋业有限公司, 瑞安市 (330381, default city share 30%), entered the micro park on
//   2016-02-29, rent 40,000.00 in 2019Q1: R6 = 30% × 40,000.00 × 58 / 90 = 7,733.33
//   (the three-year window ends 2019-02-27), city round(2,319.999) = 2,320.00. Its
//   1,234,567 kWh in 2019Q1 give the B3 power-price reduction × 0.0452 元 = 55,802.43.
// The program checks these figures and exits non-zero when one differs.
#include <cstdlib>
#include <exception>
#include <iostream>
#include <string>

#include <duixian/duixian.hpp>
#include <duixian/report.hpp>

namespace {

using namespace duixian;

void fact(RegisterBuilder& builder, EnterpriseIndex e, const MetricSchema& schema, const std::string& metric,
          const std::string& period, const std::string& value) {
  const MetricId id = schema.find(metric).value();
  builder.add_fact(e, id, Period::parse(period), parse_fact_value(schema[id], value));
}

bool check(const Settlement& s, const CreditCode& code, const char* policy, const char* payout, const char* city) {
  const SettlementLine* line = s.find_line(code, policy);
  const std::string got_payout = line ? fen_text(line->payout_fen) : "none";
  const std::string got_city = line ? fen_text(line->city_fen) : "none";
  const bool ok = got_payout == payout && got_city == city;
  std::cout << (ok ? "ok   " : "FAIL ") << code.text() << ' ' << policy << ": payout " << got_payout << " (expected "
            << payout << "), city " << got_city << " (expected " << city << ")\n";
  return ok;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const std::string book_path = argc > 1 ? argv[1] : "examples/wenzhou-2019/policies.json";
    const PolicyBook book = load_policy_book_file(book_path);
    const MetricSchema& schema = book.schema();

    // The register, built in code.
    RegisterBuilder builder(schema);
    const CreditCode a_code = complete_credit_code("91330302", "79965505");
    const CreditCode b_code = complete_credit_code("91330381", "31415926");
    const EnterpriseIndex a = builder.add_enterprise(Enterprise{
        a_code, "温州甲科技有限公司", RegionCode::parse("330302"), IndustryCode::parse("C2641"),
        parse_tags("above_scale"), Date::parse("2012-03-01"), {}});
    const EnterpriseIndex b = builder.add_enterprise(Enterprise{
        b_code, "瑞安乙鞋业有限公司", RegionCode::parse("330381"), IndustryCode::parse("C1952"),
        parse_tags("in_micro_park"), Date::parse("2016-02-01"), {}});
    fact(builder, a, schema, "equipment_investment", "2018", "6000000.00");
    fact(builder, a, schema, "local_contribution", "2018", "1000000.00");
    fact(builder, b, schema, "park_entry_date", "", "2016-02-29");
    fact(builder, b, schema, "park_rent", "2019Q1", "40000.00");
    fact(builder, b, schema, "electricity_kwh", "2019Q1", "1234567");
    const Register reg = std::move(builder).build();

    // Settle 2019Q1 against an empty ledger, show it, then commit it.
    InMemoryLedger ledger;
    const Settlement s = settle(book, reg, Quarter(2019, 1), ledger);
    std::cout << totals_table(s) << '\n';
    for (std::size_t i = 0; i < s.lines().size(); ++i) {
      const SettlementLine& l = s.lines()[i];
      std::cout << s.enterprises()[l.enterprise].code.text() << ' ' << book.policies()[l.policy].id << ' '
                << format_money(Money::from_fen(l.payout_fen), MoneyUnit::yuan) << '\n';
    }
    std::cout << '\n' << to_text(s.explain(0)) << '\n';

    const CommitResult c = ledger.commit(s.to_commit());
    std::cout << "committed " << c.record.quarter.to_string() << ": commit " << c.record.sequence << "\n\n";

    bool ok = check(s, a_code, "R1-tech-upgrade", "150000.00", "75000.00");
    ok = check(s, b_code, "R6-micro-park-rent", "7733.33", "2320.00") && ok;
    ok = check(s, b_code, "B3-power-price", "55802.43", "0.00") && ok;
    return ok ? EXIT_SUCCESS : EXIT_FAILURE;
  } catch (const std::exception& e) {
    std::cerr << "cpp_host: " << e.what() << '\n';
    return EXIT_FAILURE;
  }
}

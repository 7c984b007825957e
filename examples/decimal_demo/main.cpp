// A first real computation with Duixian's exact core, from the Wenzhou 2019 book:
//
// 1. R6 micro-park rent subsidy for an enterprise that entered the park on
//    2016-02-29: its three-year window ends 2019-02-27, covering 58 of 2019Q1's 90
//    days. Subsidy = round(30% × rent × 58 / 90), one rounding at the end.
//    By hand: 33,333.33 × 0.30 = 9,999.999; × 58 / 90 = 6,444.443… → 6,444.44.
// 2. R7 loan-interest subsidy: 2,000,000.00 × 1.5% × 92 / 360 for a full Q3
//    = 7,666.666… → 7,666.67.
// 3. B3 power price: 1,234,567 kWh × 0.0452 元/kWh = 55,802.4284 → 55,802.43.
// 4. An R5-style budget of 300.00 over claims 200, 100 and 50 (sum 350 > 300):
//    largest remainder gives 171.43, 85.71, 42.86 — exactly 300.00.
// 5. The notice line for item 1 in capitals.
#include <duixian/duixian.hpp>

#include <iostream>
#include <string>
#include <vector>

namespace {

using duixian::Decimal;
using duixian::Money;
using duixian::RoundingMode;

void line(const std::string& label, const Money& amount) {
  std::cout << label << " " << (amount.amount().sign() >= 0 ? "+" : "")
            << duixian::format_money(amount, duixian::MoneyUnit::yuan) << "\n";
}

}  // namespace

int main() {
  try {
    std::cout << "Duixian " << duixian::version() << " — exact decimal demo (Wenzhou 2019 rules)\n\n";

    const Money rent = Money::parse("33333.33");
    const Money r6(duixian::mul_div(rent.amount() * Decimal::parse("0.30"), Decimal(58), Decimal(90), 2,
                                    RoundingMode::half_up));
    line("R6 2019Q1", r6);

    const Money loan = Money::parse("2000000.00");
    const Money r7(duixian::mul_div(loan.amount() * Decimal::parse("0.015"), Decimal(92), Decimal(360), 2,
                                    RoundingMode::half_up));
    line("R7 2019Q3", r7);

    const Decimal kwh = Decimal::parse("1234567");
    const Money b3 = (Money::parse("0.0452") * kwh).round_to_fen();
    line("B3 2019Q3", b3);

    const std::vector<Money> parts =
        duixian::allocate(Money::parse("300.00"), {Decimal(200), Decimal(100), Decimal(50)});
    Money total;
    for (std::size_t i = 0; i < parts.size(); ++i) {
      line("R5 share " + std::to_string(i + 1), parts[i]);
      total += parts[i];
    }
    line("R5 total", total);

    std::cout << "\nNotice: R6 for 2019Q1 " << duixian::to_capital(r6) << "\n";
    std::cout << "Programme scale: " << Money::parse("1460000000") << " to 12,418 enterprises\n";
    return 0;
  } catch (const duixian::Error& e) {
    std::cerr << "decimal_demo: " << e.what() << "\n";
    return 1;
  }
}

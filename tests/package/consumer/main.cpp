// A downstream program built only against the installed package.
#include <duixian/duixian.hpp>

#include <cstring>
#include <iostream>

int main() {
  if (std::strcmp(duixian::version(), DUIXIAN_VERSION_STRING) != 0) {
    std::cerr << "header says " << DUIXIAN_VERSION_STRING << ", library says " << duixian::version() << "\n";
    return 1;
  }
  const auto rent = duixian::Money::parse("4698.33");
  const auto paid = (rent * duixian::Decimal::parse("0.30")).round_to_fen();  // 1409.499 → 1409.50
  std::cout << paid << " " << duixian::to_capital(paid) << "\n";
  return paid == duixian::Money::parse("1409.50") ? 0 : 1;
}

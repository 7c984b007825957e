#include <string>

#include "duixian/duixian.hpp"
#include "snippets.hpp"

namespace snippets {

using namespace duixian;

std::string convert_fen() {
  std::string refused;
  //! [fen]
  std::string a = fen_to_decimal(140950).to_string();          // "1409.50"
  std::int64_t b = decimal_to_fen(Decimal::parse("1409.5"));  // 140950
  try {
    decimal_to_fen(Decimal::parse("1409.505"));  // not a whole fen
  } catch (const Error& e) {
    refused = to_string(e.code());  // "invalid_argument"
  }
  std::string c = fen_text(-5);  // "-0.05"
  //! [fen]
  return a + " " + std::to_string(b) + " " + refused + " " + c;
}

}  // namespace snippets

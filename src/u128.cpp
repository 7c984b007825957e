#include "u128.hpp"

#include <algorithm>
#include <array>

namespace duixian::detail {

namespace {
constexpr std::array<u128, 39> make_pow10() {
  std::array<u128, 39> p{};
  p[0] = 1;
  for (std::size_t i = 1; i < p.size(); ++i) p[i] = p[i - 1] * 10;
  return p;
}
constexpr std::array<u128, 39> kPow10 = make_pow10();
}  // namespace

u128 pow10(int k) noexcept { return kPow10[static_cast<std::size_t>(k)]; }

int digit_count(u128 m) noexcept {
  // First power of ten greater than m; at least one digit.
  auto it = std::upper_bound(kPow10.begin() + 1, kPow10.end(), m);
  return static_cast<int>(it - kPow10.begin());
}

std::string u128_to_string(u128 m) {
  char buf[40];
  char* end = buf + sizeof buf;
  char* p = end;
  do {
    *--p = static_cast<char>('0' + static_cast<int>(m % 10));
    m /= 10;
  } while (m != 0);
  return std::string(p, end);
}

}  // namespace duixian::detail

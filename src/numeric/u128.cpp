#include "numeric/u128.hpp"

namespace duixian::detail {

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

#include "duixian/version.hpp"

namespace duixian {
const char* version() noexcept { return DUIXIAN_VERSION_STRING; }
}  // namespace duixian

// duixian.h alone, compiled as C++ (extern "C", no C-only constructs), then beside the C++
// API: its version macros must agree with version.hpp's (a differing redefinition is an error).
#include <duixian/duixian.h>
#include <duixian/version.hpp>

static_assert(DUIXIAN_VERSION_NUMBER == DUIXIAN_VERSION, "duixian.h and version.hpp disagree");

int main() {
  duixian_settle_options options{DUIXIAN_SETTLE_OPTIONS_VERSION, 1};
  (void)options;
  return duixian_version_number() == DUIXIAN_VERSION_NUMBER ? 0 : 1;
}

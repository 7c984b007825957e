/* duixian.h alone, compiled as C99 with -pedantic -Werror: it must be self-contained. */
#include <duixian/duixian.h>

int main(void) {
  duixian_load_options load = {DUIXIAN_LOAD_OPTIONS_VERSION, DUIXIAN_ENCODING_UTF8, 0};
  duixian_settle_options settle = {DUIXIAN_SETTLE_OPTIONS_VERSION, 0};
  duixian_commit_options commit = {DUIXIAN_COMMIT_OPTIONS_VERSION, NULL};
  (void)load;
  (void)settle;
  (void)commit;
  return DUIXIAN_VERSION_NUMBER >= 0 && duixian_version_number() == DUIXIAN_VERSION_NUMBER ? 0 : 1;
}

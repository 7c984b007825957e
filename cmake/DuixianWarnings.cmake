# Warnings for Duixian's own code. Third-party headers come in as SYSTEM includes
# (imported targets are SYSTEM by default), so -Werror never fires inside Boost's
# cpp_int.hpp, where GCC 12 warns falsely.
add_library(duixian_warnings INTERFACE)
target_compile_options(duixian_warnings INTERFACE
  $<$<CXX_COMPILER_ID:GNU,Clang>:-Wall -Wextra -Wpedantic -Werror -Wshadow -Wconversion -Wno-sign-conversion>
  $<$<C_COMPILER_ID:GNU,Clang>:-Wall -Wextra -Wpedantic -Werror>)

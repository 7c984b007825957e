# Warnings for Duixian's own code (never for a consumer's: duixian_warnings is linked
# privately and only at build time). Third-party headers come in as SYSTEM includes
# (imported targets are SYSTEM by default).
#
# Warnings are errors only when DUIXIAN_WARNINGS_AS_ERRORS is on: the project's own
# development and CI presets (dev, asan, tsan, fuzz) turn it on; a user's plain build
# (cmake -S . -B build) and the release preset leave it off, so a new compiler's new
# warning never stops someone from building the library.
option(DUIXIAN_WARNINGS_AS_ERRORS "Treat compiler warnings in Duixian's own code as errors" OFF)
add_library(duixian_warnings INTERFACE)
target_compile_options(duixian_warnings INTERFACE
  $<$<COMPILE_LANG_AND_ID:CXX,GNU,Clang>:-Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion>
  $<$<COMPILE_LANG_AND_ID:C,GNU,Clang>:-Wall -Wextra -Wpedantic>
  $<$<AND:$<BOOL:${DUIXIAN_WARNINGS_AS_ERRORS}>,$<OR:$<CXX_COMPILER_ID:GNU,Clang>,$<C_COMPILER_ID:GNU,Clang>>>:-Werror>)

#pragma once
// Where the tests find the repository's files: the source tree and the reference
// workload's book, as CMake names them (DUIXIAN_SOURCE_DIR, DUIXIAN_WENZHOU_BOOK).
#include <string>

namespace duixian::test {

/// A path inside the source tree, e.g. `source_path("tests/data/policy-book-lakeside-2020.json")`.
inline std::string source_path(const std::string& relative) { return std::string(DUIXIAN_SOURCE_DIR) + "/" + relative; }

/// The Wenzhou 2019 book (examples/wenzhou-2019/policies.json).
inline std::string wenzhou_book_path() { return DUIXIAN_WENZHOU_BOOK; }

}  // namespace duixian::test

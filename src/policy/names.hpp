#pragma once
// Private: field paths, the spelling rules of ids and names, and "did you mean" hints
// for policy book messages.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace duixian::names {

// `a.b` (or `b` at the root).
std::string join(const std::string& path, std::string_view name);
// `a[3]`.
std::string index(const std::string& path, std::size_t i);
// The enclosing path: `a.b[3].c` → `a.b[3]` → `a.b` → `a` → ``.
std::string parent(const std::string& path);

// Policy, book and group ids: 1 to 64 of [A-Za-z0-9._-], starting with a letter or digit.
bool valid_id(std::string_view id) noexcept;
extern const char* const id_rule;
// Metric and category names: [a-z][a-z0-9_]*, at most 64 characters.
bool valid_name(std::string_view name) noexcept;
extern const char* const name_rule;

// ` (did you mean "x"?)` for the closest candidate within a small edit distance, else
// `` — or, when there are few candidates, ` (expected one of: a, b)`.
std::string suggestion(std::string_view word, const std::vector<std::string>& candidates);

// Why `prefix` is not a GB/T 2260 prefix (2, 4 or 6 digits, a real province part), or ``.
std::string region_prefix_problem(std::string_view prefix);

}  // namespace duixian::names

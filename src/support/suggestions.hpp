#pragma once
// "Did you mean": the name a misspelt word most likely stands for, for the messages of
// policy books and formulas alike.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace duixian::detail {

/// Levenshtein distance between two words (bytes), enough for short names.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate closest to `word` when it is plausibly a misspelling of it: at most
/// max(1, |word| / 3) edits away; of equally close ones, the first. Nothing otherwise.
std::optional<std::string> closest_match(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace duixian::detail

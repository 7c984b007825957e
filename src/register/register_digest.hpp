#pragma once
// The canonical text of a register and its SHA-256 (docs/settlement.md gives the text).
#include <string>
#include <vector>

#include "duixian/register.hpp"

namespace duixian::detail {

/// SHA-256 (64 lowercase hex digits) of the canonical text of the union of disjoint
/// registers of one schema: the same digest as one register holding all their enterprises,
/// which is what a merged settlement of shards was computed from.
std::string canonical_sha256(const std::vector<const Register*>& parts);

}  // namespace duixian::detail

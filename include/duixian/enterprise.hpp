#pragma once
/// @file
/// @brief An enterprise of the register: identity, location, industry, tags and dated attributes.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "duixian/credit_code.hpp"
#include "duixian/industry.hpp"
#include "duixian/period.hpp"
#include "duixian/region.hpp"

namespace duixian {

/// @brief An attribute whose value holds over a span of dates, e.g. a park tenancy
/// (`{"park", 2016-02-29, 2019-02-27, "瓯海小微园"}`).
struct DatedAttribute {
  std::string name;           ///< Lower-case identifier.
  Date from;                  ///< First day the value holds.
  std::optional<Date> until;  ///< Last day it holds (inclusive); none = still holds.
  std::string value;          ///< The value as text.
};

/// @brief One enterprise, as registered.
struct Enterprise {
  CreditCode code;                         ///< Unified social credit code (validated).
  std::string name;                        ///< Registered name; free text (commas, quotes allowed).
  RegionCode region;                       ///< County-level GB/T 2260 code, e.g. 330302.
  IndustryCode industry;                   ///< GB/T 4754-2017 code, e.g. C1952.
  std::vector<std::string> tags;           ///< Flags such as `above_scale`; kept sorted and unique.
  Date registered_on;                      ///< Date of registration (成立日期).
  std::vector<DatedAttribute> attributes;  ///< Dated attributes, any order.

  /// @brief True when the enterprise carries `tag` (exact spelling).
  bool has_tag(std::string_view tag) const noexcept;
  /// @brief The value of attribute `name` on `day`: the latest-starting span that covers it.
  std::optional<std::string_view> attribute(std::string_view attribute_name, const Date& day) const;
};

/// @brief Splits a `;`-separated tag list (`above_scale;in_micro_park`), sorted and unique.
///
/// Empty text gives no tags. Each tag must match `[a-z][a-z0-9_]*`.
/// @throws Error `parse_error` naming the bad tag.
std::vector<std::string> parse_tags(std::string_view text);

}  // namespace duixian

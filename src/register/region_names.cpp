// The built-in GB/T 2260 name table: all 34 province-level divisions, Zhejiang's 11
// cities and Wenzhou's districts and counties (2020 edition; 龙港市 330383 was created
// in 2019). Compiled in so a host needs no data files to name a region; keep it
// sorted by code (checked at compile time).
#include <algorithm>
#include <array>

#include "duixian/region.hpp"

namespace duixian {

namespace {

struct Entry {
  int code;
  std::string_view name;  // UTF-8
};

constexpr std::array<Entry, 57> kNames{{
    {110000, "北京市"},
    {120000, "天津市"},
    {130000, "河北省"},
    {140000, "山西省"},
    {150000, "内蒙古自治区"},
    {210000, "辽宁省"},
    {220000, "吉林省"},
    {230000, "黑龙江省"},
    {310000, "上海市"},
    {320000, "江苏省"},
    {330000, "浙江省"},
    {330100, "杭州市"},
    {330200, "宁波市"},
    {330300, "温州市"},
    {330302, "鹿城区"},
    {330303, "龙湾区"},
    {330304, "瓯海区"},
    {330305, "洞头区"},
    {330324, "永嘉县"},
    {330326, "平阳县"},
    {330327, "苍南县"},
    {330328, "文成县"},
    {330329, "泰顺县"},
    {330381, "瑞安市"},
    {330382, "乐清市"},
    {330383, "龙港市"},
    {330400, "嘉兴市"},
    {330500, "湖州市"},
    {330600, "绍兴市"},
    {330700, "金华市"},
    {330800, "衢州市"},
    {330900, "舟山市"},
    {331000, "台州市"},
    {331100, "丽水市"},
    {340000, "安徽省"},
    {350000, "福建省"},
    {360000, "江西省"},
    {370000, "山东省"},
    {410000, "河南省"},
    {420000, "湖北省"},
    {430000, "湖南省"},
    {440000, "广东省"},
    {450000, "广西壮族自治区"},
    {460000, "海南省"},
    {500000, "重庆市"},
    {510000, "四川省"},
    {520000, "贵州省"},
    {530000, "云南省"},
    {540000, "西藏自治区"},
    {610000, "陕西省"},
    {620000, "甘肃省"},
    {630000, "青海省"},
    {640000, "宁夏回族自治区"},
    {650000, "新疆维吾尔自治区"},
    {710000, "台湾省"},
    {810000, "香港特别行政区"},
    {820000, "澳门特别行政区"},
}};

constexpr bool sorted() {
  for (std::size_t i = 1; i < kNames.size(); ++i) {
    if (kNames[i - 1].code >= kNames[i].code) return false;
  }
  return true;
}
static_assert(sorted(), "kNames must be sorted by code for binary search");

}  // namespace

std::optional<std::string_view> region_name(RegionCode code) noexcept {
  const int c = code.code();
  const auto it = std::lower_bound(kNames.begin(), kNames.end(), c,
                                   [](const Entry& e, int v) { return e.code < v; });
  if (it == kNames.end() || it->code != c) return std::nullopt;
  return it->name;
}

}  // namespace duixian

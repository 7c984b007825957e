#include "duixian/register.hpp"

#include <algorithm>
#include <mutex>
#include <unordered_map>

#include "register/code_index.hpp"

#include "duixian/error.hpp"
#include "register/fact_column.hpp"
#include "register/register_digest.hpp"
#include "register/register_loading.hpp"
#include "numeric/u128.hpp"

namespace duixian {

namespace {

// A fact's payload is one int64 (see fact_column.hpp):
// - numbers: coefficient × 64 + scale when |coefficient| < 2^56, else
//   index × 64 + 63 into a side table of Decimals;
// - dates: days since 1970-01-01;
// - text and enumeration values: an index into a de-duplicated string pool.
constexpr std::int64_t kBigMarker = 63;
constexpr std::int64_t kSmallLimit = std::int64_t{1} << 56;

struct PeriodColumn {
  std::int32_t period_key;
  detail::FactColumn column;
};

}  // namespace

// The canonical digest, computed once on demand. A copy of the data (a builder's
// copy-on-write) starts without it.
struct DigestCache {
  DigestCache() = default;
  DigestCache(const DigestCache&) {}
  DigestCache& operator=(const DigestCache&) = delete;
  std::once_flag once;
  std::string sha256;
};

struct Register::Impl {
  mutable DigestCache digest;
  MetricSchema schema;
  std::vector<Enterprise> enterprises;
  detail::CodeIndex by_code;
  std::vector<std::vector<PeriodColumn>> columns;  // by metric id
  std::vector<Decimal> big_numbers;
  std::vector<std::string> strings;
  std::unordered_map<std::string, std::int64_t> string_ids;
  std::size_t fact_count = 0;

  const detail::FactColumn* column(MetricId metric, const Period& period) const {
    if (metric >= columns.size()) return nullptr;
    const std::int32_t key = period.key();
    for (const PeriodColumn& pc : columns[metric]) {
      if (pc.period_key == key) return &pc.column;
    }
    return nullptr;
  }

  detail::FactColumn& column_for_insert(MetricId metric, const Period& period) {
    const std::int32_t key = period.key();
    for (PeriodColumn& pc : columns[metric]) {
      if (pc.period_key == key) return pc.column;
    }
    columns[metric].push_back({key, {}});
    return columns[metric].back().column;
  }

  std::optional<std::int64_t> payload(EnterpriseIndex e, MetricId metric, const Period& period) const {
    const detail::FactColumn* c = column(metric, period);
    if (c == nullptr) return std::nullopt;
    return c->find(e);
  }

  Decimal decode_number(std::int64_t p) const {
    const std::int64_t scale = p & 63;
    if (scale == kBigMarker) return big_numbers[static_cast<std::size_t>((p - kBigMarker) / 64)];
    return Decimal::from_parts((p - scale) / 64, static_cast<int>(scale));
  }

  /// Encodes a value; `fresh` is set when a side-table entry was appended (to undo on conflict).
  std::int64_t encode(const FactValue& v, bool& fresh) {
    fresh = false;
    if (v.is_number()) {
      const Decimal& d = v.as_number();
      const detail::u128 m = detail::magnitude(d.coefficient());
      if (m < static_cast<detail::u128>(kSmallLimit)) {
        const auto c = static_cast<std::int64_t>(m);
        return (d.sign() < 0 ? -c : c) * 64 + d.scale();
      }
      fresh = true;
      big_numbers.push_back(d);
      return static_cast<std::int64_t>(big_numbers.size() - 1) * 64 + kBigMarker;
    }
    if (v.is_date()) return v.as_date().sys_days().time_since_epoch().count();
    const auto it = string_ids.find(v.as_text());
    if (it != string_ids.end()) return it->second;
    const auto id = static_cast<std::int64_t>(strings.size());
    strings.push_back(v.as_text());
    string_ids.emplace(v.as_text(), id);
    return id;
  }

  FactValue decode(const Metric& metric, std::int64_t p) const {
    if (is_numeric(metric.type)) return FactValue::number(decode_number(p));
    if (metric.type == MetricType::date) return FactValue::date(Date::from_sys_days(date::sys_days(date::days(p))));
    return FactValue::text(strings[static_cast<std::size_t>(p)]);
  }
};

Register::Register() : impl_(std::make_shared<Impl>()) {}
Register::~Register() = default;
Register::Register(const Register&) noexcept = default;
Register& Register::operator=(const Register&) noexcept = default;
Register::Register(Register&&) noexcept = default;
Register& Register::operator=(Register&&) noexcept = default;

const std::string& Register::canonical_sha256() const {
  std::call_once(impl_->digest.once, [this] { impl_->digest.sha256 = detail::canonical_sha256({this}); });
  return impl_->digest.sha256;
}

std::size_t Register::size() const noexcept { return impl_->enterprises.size(); }
const Enterprise& Register::operator[](EnterpriseIndex index) const { return impl_->enterprises[index]; }
const std::vector<Enterprise>& Register::enterprises() const noexcept { return impl_->enterprises; }
const MetricSchema& Register::schema() const noexcept { return impl_->schema; }
std::size_t Register::fact_count() const noexcept { return impl_->fact_count; }

std::vector<Period> Register::fact_periods(MetricId metric) const {
  std::vector<Period> periods;
  if (metric >= impl_->columns.size()) return periods;
  for (const PeriodColumn& pc : impl_->columns[metric]) periods.push_back(Period::from_key(pc.period_key));
  std::sort(periods.begin(), periods.end());
  return periods;
}

std::optional<EnterpriseIndex> Register::find(const CreditCode& code) const { return impl_->by_code.find(code.text()); }

std::optional<EnterpriseIndex> Register::find(std::string_view code_text) const noexcept {
  return impl_->by_code.find(code_text);
}

std::optional<FactValue> Register::fact(EnterpriseIndex enterprise, MetricId metric, const Period& period) const {
  const auto p = impl_->payload(enterprise, metric, period);
  if (!p) return std::nullopt;
  return impl_->decode(impl_->schema[metric], *p);
}

std::optional<Decimal> Register::number(EnterpriseIndex enterprise, MetricId metric, const Period& period) const {
  if (metric >= impl_->schema.size() || !is_numeric(impl_->schema[metric].type)) return std::nullopt;
  const auto p = impl_->payload(enterprise, metric, period);
  if (!p) return std::nullopt;
  return impl_->decode_number(*p);
}

std::optional<Date> Register::date(EnterpriseIndex enterprise, MetricId metric, const Period& period) const {
  if (metric >= impl_->schema.size() || impl_->schema[metric].type != MetricType::date) return std::nullopt;
  const auto p = impl_->payload(enterprise, metric, period);
  if (!p) return std::nullopt;
  return Date::from_sys_days(date::sys_days(date::days(*p)));
}

std::size_t Register::fact_memory_bytes() const noexcept {
  std::size_t bytes = impl_->big_numbers.capacity() * sizeof(Decimal);
  for (const auto& per_metric : impl_->columns) {
    bytes += per_metric.capacity() * sizeof(PeriodColumn);
    for (const PeriodColumn& pc : per_metric) bytes += pc.column.memory_bytes();
  }
  for (const std::string& s : impl_->strings) bytes += sizeof(std::string) + (s.size() > 15 ? s.capacity() : 0);
  return bytes;
}

RegisterBuilder::RegisterBuilder(MetricSchema schema) {
  reg_.impl_->schema = std::move(schema);
  reg_.impl_->columns.resize(reg_.impl_->schema.size());
}

Register::Impl& RegisterBuilder::writable() {
  if (reg_.impl_.use_count() != 1) reg_.impl_ = std::make_shared<Register::Impl>(*reg_.impl_);
  return *reg_.impl_;
}
RegisterBuilder::~RegisterBuilder() = default;
RegisterBuilder::RegisterBuilder(RegisterBuilder&&) noexcept = default;
RegisterBuilder& RegisterBuilder::operator=(RegisterBuilder&&) noexcept = default;

EnterpriseIndex RegisterBuilder::add_enterprise(Enterprise enterprise) {
  Register::Impl& r = writable();
  if (r.enterprises.size() >= 0xFFFFFFFEu) throw Error(ErrorCode::invalid_argument, "register is full");
  const auto index = static_cast<EnterpriseIndex>(r.enterprises.size());
  if (!r.by_code.insert(enterprise.code, index)) {
    throw Error(ErrorCode::invalid_argument,
                "enterprise " + std::string(enterprise.code.text()) + " is already registered");
  }
  std::sort(enterprise.tags.begin(), enterprise.tags.end());
  enterprise.tags.erase(std::unique(enterprise.tags.begin(), enterprise.tags.end()), enterprise.tags.end());
  r.enterprises.push_back(std::move(enterprise));
  return index;
}

void RegisterBuilder::reserve(std::size_t enterprises) {
  Register::Impl& r = writable();
  r.enterprises.reserve(enterprises);
  r.by_code.reserve(enterprises);
}

FactInsert RegisterBuilder::add_fact(EnterpriseIndex enterprise, MetricId metric, const Period& period,
                                     const FactValue& value) {
  return insert(enterprise, metric, period, value, false);
}

FactInsert RegisterBuilder::revise_fact(EnterpriseIndex enterprise, MetricId metric, const Period& period,
                                        const FactValue& value) {
  return insert(enterprise, metric, period, value, true);
}

FactInsert RegisterBuilder::insert(EnterpriseIndex enterprise, MetricId metric, const Period& period,
                                   const FactValue& value, bool replace) {
  Register::Impl& r = writable();
  if (enterprise >= r.enterprises.size()) {
    throw Error(ErrorCode::invalid_argument, "no enterprise with index " + std::to_string(enterprise));
  }
  if (metric >= r.schema.size()) throw Error(ErrorCode::invalid_argument, "no metric with id " + std::to_string(metric));
  const Metric& m = r.schema[metric];
  if (period.kind() != m.period_kind) {
    throw Error(ErrorCode::invalid_argument, "metric " + m.name + " is kept per " + to_string(m.period_kind) +
                                                 ", not per " + to_string(period.kind()) + " (period \"" +
                                                 period.to_string() + "\")");
  }
  if (!fits_metric(m, value)) {
    throw Error(ErrorCode::invalid_argument,
                "value " + value.to_string() + " does not fit metric " + m.name + " of type " + to_string(m.type));
  }
  bool fresh = false;
  const std::int64_t payload = r.encode(value, fresh);
  detail::FactColumn& column = r.column_for_insert(metric, period);
  const auto existing = column.insert(enterprise, payload, r.enterprises.size());
  if (!existing) {
    ++r.fact_count;
    return FactInsert::added;
  }
  const FactValue before = r.decode(m, *existing);
  if (before == value) {
    if (fresh) r.big_numbers.pop_back();
    return FactInsert::duplicate;
  }
  if (replace) {
    column.assign(enterprise, payload);  // a superseded big number stays in the side table, unused
    return FactInsert::replaced;
  }
  if (fresh) r.big_numbers.pop_back();
  throw Error(ErrorCode::invalid_argument, "fact " + m.name + "[" + period.to_string() + "] of " +
                                               std::string(r.enterprises[enterprise].code.text()) + " is already " +
                                               before.to_string() + ", not " + value.to_string());
}

const detail::CodeIndex& detail::RegisterLoading::codes(RegisterBuilder& builder) { return builder.writable().by_code; }

void detail::RegisterLoading::prefetch_fact(const RegisterBuilder& builder, EnterpriseIndex enterprise,
                                             MetricId metric, const Period& period) noexcept {
  if (const detail::FactColumn* column = builder.reg_.impl_->column(metric, period)) column->prefetch(enterprise);
}

Register RegisterBuilder::build() && {
  if (reg_.impl_.use_count() == 1) {  // a shared copy keeps the layout it has; reads work with both
    for (auto& per_metric : reg_.impl_->columns) {
      for (PeriodColumn& pc : per_metric) pc.column.pack();
    }
  }
  Register out = std::move(reg_);
  reg_ = Register();
  return out;
}

}  // namespace duixian

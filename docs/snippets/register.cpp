#include <optional>
#include <string>

#include "duixian/duixian.hpp"
#include "snippets.hpp"

namespace snippets {

using namespace duixian;

std::string build_a_register() {
  MetricSchema schema;
  schema.add(Metric{"output_value", MetricType::money, PeriodKind::quarter, {}});
  //! [build a register]
  RegisterBuilder b(schema);
  const EnterpriseIndex e = b.add_enterprise(Enterprise{CreditCode::parse("91330100799655058B"), "某某科技有限公司",
                                                        RegionCode::parse("330302"), IndustryCode::parse("C3411"),
                                                        {"above_scale"}, Date::parse("2012-03-01"), {}});
  b.add_fact(e, *schema.find("output_value"), Period::parse("2019Q1"), FactValue::number(Decimal::parse("1200000")));
  Register reg = std::move(b).build();
  std::optional<Decimal> v = reg.number(e, *reg.schema().find("output_value"), Period::parse("2019Q1"));
  //! [build a register]
  return v ? v->to_string() : "missing";
}

}  // namespace snippets

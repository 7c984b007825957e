#include <string>

#include "duixian/duixian.hpp"
#include "snippets.hpp"

namespace snippets {

using namespace duixian;

std::string evaluate_a_formula() {
  MetricSchema schema;
  schema.add(Metric{"equipment_investment", MetricType::money, PeriodKind::year, {}});
  RegisterBuilder b(schema);
  const EnterpriseIndex e = b.add_enterprise(Enterprise{CreditCode::parse("91330100799655058B"), "某某科技有限公司",
                                                        RegionCode::parse("330302"), IndustryCode::parse("C3411"),
                                                        {}, Date::parse("2012-03-01"), {}});
  b.add_fact(e, 0, Period::parse("2018"), FactValue::number(Decimal::parse("6000000.00")));
  const Register reg = std::move(b).build();
  Decimal amount;
  //! [compile and evaluate]
  FormulaEnvironment env{&schema, 2019, {}};
  Formula f = Formula::compile("min(10% * equipment_investment[prev_year], 500万)", env,
                               FormulaOrigin{"policies.json", 42, 17, "policies[0].amount"}, FormulaType::money);
  Evaluation r = evaluate(f, EvaluationContext{&reg, e, Quarter(2019, 1), Quarter(2019, 2)});
  if (r.status == Evaluation::Status::value) amount = r.number.round(2, RoundingMode::half_up);
  //! [compile and evaluate]
  return amount.to_string();
}

}  // namespace snippets

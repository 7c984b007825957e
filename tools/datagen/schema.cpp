// The metric table of workload/wenzhou-2019.md §1.
#include "wenzhou_data.hpp"

namespace duixian::datagen {

MetricSchema wenzhou_2019_schema() {
  MetricSchema s;
  s.add({"equipment_investment", MetricType::money, PeriodKind::year, {}});
  s.add({"smart_investment", MetricType::money, PeriodKind::year, {}});
  s.add({"rd_expense", MetricType::money, PeriodKind::year, {}});
  s.add({"output_value", MetricType::money, PeriodKind::quarter, {}});
  s.add({"pension_wage_base", MetricType::money, PeriodKind::quarter, {}});
  s.add({"taxable_sales", MetricType::money, PeriodKind::quarter, {}});
  s.add({"export_sales", MetricType::money, PeriodKind::quarter, {}});
  s.add({"park_rent", MetricType::money, PeriodKind::quarter, {}});
  s.add({"electricity_kwh", MetricType::quantity, PeriodKind::quarter, {}});
  s.add({"land_area_sqm", MetricType::quantity, PeriodKind::timeless, {}});
  s.add({"per_mu_grade", MetricType::enumeration, PeriodKind::year, {"A", "B", "C", "D"}});
  s.add({"local_contribution", MetricType::money, PeriodKind::year, {}});
  s.add({"above_scale_since", MetricType::date, PeriodKind::timeless, {}});
  s.add({"park_entry_date", MetricType::date, PeriodKind::timeless, {}});
  s.add({"tech_loan_amount", MetricType::money, PeriodKind::timeless, {}});
  s.add({"tech_loan_start", MetricType::date, PeriodKind::timeless, {}});
  s.add({"tech_loan_end", MetricType::date, PeriodKind::timeless, {}});
  return s;
}

}  // namespace duixian::datagen

// Shared by the fuzz targets: a property check that aborts (libFuzzer records the input
// as a crash), the split of one input into parts, and a tiny Wenzhou register as CSV text.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "duixian/error.hpp"

/// Fails the run (libFuzzer saves the input) when a property does not hold.
#define FUZZ_CHECK(cond)                                                                           \
  do {                                                                                             \
    if (!(cond)) {                                                                                 \
      std::fprintf(stderr, "%s:%d: property failed: %s\n", __FILE__, __LINE__, #cond);            \
      std::abort();                                                                                \
    }                                                                                              \
  } while (false)

namespace duixian_fuzz {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return std::string_view(reinterpret_cast<const char*>(data), size);
}

/// Splits at NUL bytes: "a\0b" gives {"a", "b"}; at most `parts` pieces (the last keeps the rest).
inline std::vector<std::string> split_nul(std::string_view text, std::size_t parts) {
  std::vector<std::string> out;
  while (out.size() + 1 < parts) {
    std::size_t at = text.find('\0');
    if (at == std::string_view::npos) break;
    out.emplace_back(text.substr(0, at));
    text.remove_prefix(at + 1);
  }
  out.emplace_back(text);
  while (out.size() < parts) out.emplace_back();
  return out;
}

/// Outcomes an evaluation of a hostile book or formula may legitimately end in.
inline bool acceptable_evaluation_error(const duixian::Error& e) {
  return e.code() == duixian::ErrorCode::overflow || e.code() == duixian::ErrorCode::division_by_zero ||
         e.code() == duixian::ErrorCode::invalid_argument;
}

/// Three enterprises of the generated Wenzhou 2019 data (seed 2019) and all their facts.
inline constexpr std::string_view enterprises_csv = R"csv(credit_code,name,region,industry,tags,registered_on
91330324WU3A8FXE6E,永嘉洋源文具有限公司,330324,C2411,above_scale,2000-03-26
913303276P5KD9550J,苍南联瑞汽配有限公司,330327,C3670,above_scale;in_micro_park,2016-11-04
91330326E24BUTNKXQ,"平阳""利恒"",包装有限公司",330326,C2231,above_scale;in_micro_park,2016-10-05
)csv";

inline constexpr std::string_view facts_csv = R"csv(credit_code,metric,period,value
91330324WU3A8FXE6E,per_mu_grade,2018,A
91330324WU3A8FXE6E,local_contribution,2018,250776.73
91330324WU3A8FXE6E,output_value,2018Q1,4827452.92
91330324WU3A8FXE6E,output_value,2018Q2,5366622.56
91330324WU3A8FXE6E,output_value,2018Q3,5596501.49
91330324WU3A8FXE6E,output_value,2018Q4,6436603.47
91330324WU3A8FXE6E,output_value,2019Q1,4472152.39
91330324WU3A8FXE6E,pension_wage_base,2019Q1,18939560.87
91330324WU3A8FXE6E,taxable_sales,2019Q1,4919403.62
91330324WU3A8FXE6E,electricity_kwh,2019Q1,546600
91330324WU3A8FXE6E,output_value,2019Q2,6379304.24
91330324WU3A8FXE6E,pension_wage_base,2019Q2,15503470.77
91330324WU3A8FXE6E,taxable_sales,2019Q2,4614292.22
91330324WU3A8FXE6E,electricity_kwh,2019Q2,419481
91330324WU3A8FXE6E,output_value,2019Q3,5421331.00
91330324WU3A8FXE6E,pension_wage_base,2019Q3,20564015.94
91330324WU3A8FXE6E,taxable_sales,2019Q3,4890147.14
91330324WU3A8FXE6E,electricity_kwh,2019Q3,815024
91330324WU3A8FXE6E,output_value,2019Q4,6298216.50
91330324WU3A8FXE6E,pension_wage_base,2019Q4,14373705.88
91330324WU3A8FXE6E,taxable_sales,2019Q4,6202544.94
91330324WU3A8FXE6E,electricity_kwh,2019Q4,775318
91330324WU3A8FXE6E,land_area_sqm,,20341.14
91330324WU3A8FXE6E,above_scale_since,,2014-11-06
913303276P5KD9550J,rd_expense,2017,2519920.42
913303276P5KD9550J,equipment_investment,2018,8262443.81
913303276P5KD9550J,smart_investment,2018,8233578.61
913303276P5KD9550J,rd_expense,2018,2897908.48
913303276P5KD9550J,per_mu_grade,2018,A
913303276P5KD9550J,local_contribution,2018,5711819.63
913303276P5KD9550J,output_value,2018Q1,33262950.07
913303276P5KD9550J,output_value,2018Q2,36286854.13
913303276P5KD9550J,output_value,2018Q3,42368262.98
913303276P5KD9550J,output_value,2018Q4,48449670.26
913303276P5KD9550J,output_value,2019Q1,28642726.31
913303276P5KD9550J,pension_wage_base,2019Q1,7016575.42
913303276P5KD9550J,taxable_sales,2019Q1,39545951.99
913303276P5KD9550J,electricity_kwh,2019Q1,3595086
913303276P5KD9550J,output_value,2019Q2,41261781.84
913303276P5KD9550J,pension_wage_base,2019Q2,6461710.08
913303276P5KD9550J,taxable_sales,2019Q2,41528289.25
913303276P5KD9550J,electricity_kwh,2019Q2,5191036
913303276P5KD9550J,output_value,2019Q3,47151639.88
913303276P5KD9550J,pension_wage_base,2019Q3,5132235.21
913303276P5KD9550J,taxable_sales,2019Q3,39310759.35
913303276P5KD9550J,electricity_kwh,2019Q3,3275896
913303276P5KD9550J,output_value,2019Q4,50281067.80
913303276P5KD9550J,pension_wage_base,2019Q4,8318360.65
913303276P5KD9550J,taxable_sales,2019Q4,46568129.79
913303276P5KD9550J,park_rent,2019Q4,248607.02
913303276P5KD9550J,electricity_kwh,2019Q4,4233466
913303276P5KD9550J,land_area_sqm,,8694.22
913303276P5KD9550J,above_scale_since,,2017-08-13
913303276P5KD9550J,park_entry_date,,2019-09-26
913303276P5KD9550J,tech_loan_amount,,48070000.00
913303276P5KD9550J,tech_loan_start,,2019-07-14
913303276P5KD9550J,tech_loan_end,,2020-07-13
91330326E24BUTNKXQ,rd_expense,2017,4884830.96
91330326E24BUTNKXQ,equipment_investment,2018,17992525.31
91330326E24BUTNKXQ,rd_expense,2018,5764100.53
91330326E24BUTNKXQ,per_mu_grade,2018,B
91330326E24BUTNKXQ,local_contribution,2018,1465449.28
91330326E24BUTNKXQ,output_value,2018Q1,25523242.34
91330326E24BUTNKXQ,output_value,2018Q2,31067525.41
91330326E24BUTNKXQ,output_value,2018Q3,29211289.90
91330326E24BUTNKXQ,output_value,2018Q4,31458311.47
91330326E24BUTNKXQ,output_value,2019Q1,26015840.92
91330326E24BUTNKXQ,pension_wage_base,2019Q1,22934835.01
91330326E24BUTNKXQ,taxable_sales,2019Q1,24179913.70
91330326E24BUTNKXQ,export_sales,2019Q1,13540751.67
91330326E24BUTNKXQ,park_rent,2019Q1,133387.11
91330326E24BUTNKXQ,electricity_kwh,2019Q1,2198173
91330326E24BUTNKXQ,output_value,2019Q2,28426785.76
91330326E24BUTNKXQ,pension_wage_base,2019Q2,21995820.25
91330326E24BUTNKXQ,taxable_sales,2019Q2,27257356.86
91330326E24BUTNKXQ,export_sales,2019Q2,15264119.84
91330326E24BUTNKXQ,park_rent,2019Q2,133387.11
91330326E24BUTNKXQ,electricity_kwh,2019Q2,3407169
91330326E24BUTNKXQ,output_value,2019Q3,29138261.68
91330326E24BUTNKXQ,pension_wage_base,2019Q3,15674505.82
91330326E24BUTNKXQ,taxable_sales,2019Q3,30798859.80
91330326E24BUTNKXQ,export_sales,2019Q3,17247361.48
91330326E24BUTNKXQ,park_rent,2019Q3,133387.11
91330326E24BUTNKXQ,electricity_kwh,2019Q3,4399837
91330326E24BUTNKXQ,output_value,2019Q4,37259224.11
91330326E24BUTNKXQ,pension_wage_base,2019Q4,23233980.71
91330326E24BUTNKXQ,taxable_sales,2019Q4,32826064.79
91330326E24BUTNKXQ,export_sales,2019Q4,18382596.28
91330326E24BUTNKXQ,park_rent,2019Q4,133387.11
91330326E24BUTNKXQ,electricity_kwh,2019Q4,3282606
91330326E24BUTNKXQ,land_area_sqm,,14938.97
91330326E24BUTNKXQ,above_scale_since,,2018-10-10
91330326E24BUTNKXQ,park_entry_date,,2017-08-15
91330326E24BUTNKXQ,tech_loan_amount,,15730000.00
91330326E24BUTNKXQ,tech_loan_start,,2018-06-11
91330326E24BUTNKXQ,tech_loan_end,,2020-06-10
)csv";

}  // namespace duixian_fuzz

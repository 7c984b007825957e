#pragma once
// Internal: one generated enterprise with all its facts, as plain integers. The
// writer formats exactly these values and the census reads exactly these values, so
// the census describes the files, not the generator's intentions.

#include <array>
#include <cstdint>
#include <optional>
#include <string>

#include "civil.hpp"
#include "wenzhou_data.hpp"

namespace duixian::datagen::detail {

/// An amount in fen (0.01 yuan), or a quantity in hundredths of its unit.
using Fen = std::int64_t;
using OptFen = std::optional<Fen>;
using OptDay = std::optional<Day>;

struct Record {
  std::string code;  // 18 characters
  std::string name;
  int region = 0;
  const char* industry = "";
  bool above_scale = false;
  bool in_micro_park = false;
  Day registered = 0;

  OptFen equipment_2018;
  OptFen smart_2018;
  OptFen rd_2017;
  OptFen rd_2018;
  std::array<OptFen, 8> output{};  // 2018Q1..2018Q4, 2019Q1..2019Q4
  std::array<OptFen, 4> pension{};     // 2019 quarters
  std::array<OptFen, 4> taxable{};
  std::array<OptFen, 4> export_sales{};
  std::array<OptFen, 4> park_rent{};
  std::array<std::optional<std::int64_t>, 4> electricity_kwh{};  // whole kWh
  OptFen land_area;       // hundredths of m²
  std::optional<char> grade;  // per_mu_grade[2018]
  OptFen local_contribution;
  OptDay above_scale_since;
  OptDay park_entry;
  OptFen loan_amount;
  OptDay loan_start;
  OptDay loan_end;

  // facts-revision.csv
  OptFen revised_equipment_2018;
  OptFen added_local_contribution;  // a local_contribution[2018] the facts lacked
};

/// Builds enterprise `index` of the register generated with `seed`.
Record make_record(std::uint64_t seed, std::uint64_t index);

/// Appends the enterprises.csv row.
void write_enterprise_row(std::string& out, const Record& r);
/// Appends the facts.csv rows; returns how many.
std::size_t write_fact_rows(std::string& out, const Record& r);
/// Appends the facts-revision.csv rows; returns how many.
std::size_t write_revision_rows(std::string& out, const Record& r);

/// Adds what `r` holds to the census.
void tally(Census& census, const Record& r);

}  // namespace duixian::datagen::detail

#pragma once
// Which documented column a header name stands for: the caller's map (LoadOptions::columns),
// then the built-in Chinese aliases a bureau's exports use, else the name itself.

#include <string_view>

#include "duixian/loader.hpp"

namespace duixian::detail {

/// The two kinds of CSV file the loaders read.
enum class CsvFileKind : unsigned char { enterprises, facts };

/// The documented columns of a kind of file, in documented order.
const std::vector<std::string_view>& documented_columns(CsvFileKind kind);

/// The column `header_name` names in a file of `kind` (`header_name` when it is no alias).
std::string_view column_for(std::string_view header_name, CsvFileKind kind, const ColumnNames& user);

/// The built-in alias of `column` in a file of `kind` (e.g. 企业名称 for `name`), or empty.
std::string_view builtin_alias(std::string_view column, CsvFileKind kind);

}  // namespace duixian::detail

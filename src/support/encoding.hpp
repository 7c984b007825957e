#pragma once
/// @file
/// @brief Text encodings of input files: fast UTF-8 validation with located errors,
/// and GB18030/GBK → UTF-8 conversion.
///
/// Duixian reads UTF-8. Spreadsheets saved by Excel on a Chinese Windows desktop
/// are GBK (code page 936), so a loader either converts them with `gb18030_to_utf8`
/// (when the user names the encoding) or, by default, checks the bytes with
/// `validate_utf8`, whose diagnostic recognises GBK text and says which option to
/// pass. Byte order marks are left alone here; the CSV reader skips them.

#include <optional>
#include <string>
#include <string_view>

#include "duixian/diagnostic.hpp"

namespace duixian {

/// @brief The UTF-8 byte order mark: readers skip it, and Excel needs it to read UTF-8 CSV.
inline constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";

/// @brief Converts GB18030 bytes to UTF-8 with the C library's iconv.
///
/// A GB18030 byte order mark (`84 31 95 33`) becomes the UTF-8 one (`EF BB BF`), which
/// the CSV reader skips.
/// @param bytes the file's contents.
/// @param source_name the file's name, for the error message.
/// @return the same text in UTF-8.
/// @throws Error `parse_error` naming the file, line and column (in characters) of the
/// first byte sequence that is not GB18030 (saying so when the file looks like UTF-8);
/// `invalid_argument` when the C library has no GB18030 converter.
std::string gb18030_to_utf8(std::string_view bytes, std::string_view source_name);

/// @brief Checks that bytes are well-formed UTF-8 (RFC 3629).
///
/// Rejects overlong forms, encoded surrogates (U+D800–U+DFFF), code points above
/// U+10FFFF, stray continuation bytes and truncated sequences. ASCII runs are checked
/// eight bytes at a time, so this runs at memory speed on typical CSV data.
/// When the bytes are not UTF-8 but decode cleanly as GB18030, the message says the
/// file looks like GB18030/GBK and suggests `--encoding gb18030`.
/// @param bytes the text to check.
/// @param source_name the file's name, copied into the diagnostic.
/// @return nothing when the bytes are valid; otherwise an error at the line and column
/// (in characters, a leading byte order mark not counted) of the first invalid sequence.
std::optional<Diagnostic> validate_utf8(std::string_view bytes, std::string_view source_name);

}  // namespace duixian

#pragma once
/// @file
/// @brief Text encodings of input files: fast UTF-8 validation with located errors,
/// and GB18030/GBK → UTF-8 conversion.
///
/// Duixian reads UTF-8. Spreadsheets saved by Excel on a Chinese Windows desktop
/// are GBK (code page 936), so a loader either converts them with `to_utf8` (when
/// the user names the encoding) or, by default, checks the bytes with
/// `validate_utf8`, whose diagnostic recognises GBK text and says which option to
/// pass. Byte order marks are left alone here; the CSV reader skips them.

#include <optional>
#include <string>
#include <string_view>

#include "duixian/diagnostic.hpp"

namespace duixian {

/// @brief The encoding of an input file.
enum class TextEncoding : unsigned char {
  utf8,     ///< UTF-8 (RFC 3629), with or without a byte order mark: the default.
  gb18030,  ///< GB 18030, the national standard; GBK and GB 2312 files are read as GB18030, their superset.
};

/// @brief Parses an encoding name as a user types it, ignoring case.
///
/// Accepts `utf-8`, `utf8`, `gb18030`, and the GB18030 subsets `gbk`, `cp936` and
/// `gb2312` (read as GB18030). There is no guessing: any other name gives nothing.
/// @param name the name, e.g. the value of an `--encoding` option.
/// @return the encoding, or `std::nullopt` for an unknown name.
std::optional<TextEncoding> parse_text_encoding(std::string_view name) noexcept;

/// @brief The canonical name of an encoding: `"utf-8"` or `"gb18030"`.
/// @param encoding any TextEncoding; unknown values give `"unknown"`.
/// @return a string literal that lives for the whole program.
const char* to_string(TextEncoding encoding) noexcept;

/// @brief Converts the bytes of a file to UTF-8.
///
/// GB18030 is converted with the C library's iconv; a GB18030 byte order mark
/// (`84 31 95 33`) becomes the UTF-8 one (`EF BB BF`), which the CSV reader skips.
/// UTF-8 input is validated and copied (a loader that already holds UTF-8 bytes
/// should call `validate_utf8` instead and keep its buffer).
/// @param bytes the file's contents.
/// @param from the encoding the bytes are in.
/// @param source_name the file's name, for the error message.
/// @return the same text in UTF-8.
/// @throws Error `parse_error` naming the file, line and column (in characters) of the
/// first byte sequence that is not valid in `from`.
std::string to_utf8(std::string_view bytes, TextEncoding from, std::string_view source_name);

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

#pragma once
// Reading an input file's bytes as UTF-8, in the encoding a user named (loader.hpp's
// TextEncoding); the conversions themselves are support/encoding.hpp's.
#include <string>
#include <string_view>

#include "duixian/loader.hpp"

namespace duixian {

/// @brief Converts the bytes of a file to UTF-8.
///
/// GB18030 is converted with the C library's iconv (`gb18030_to_utf8`); UTF-8 input is
/// validated and copied (a loader that already holds UTF-8 bytes should call
/// `validate_utf8` instead and keep its buffer).
/// @param bytes the file's contents.
/// @param from the encoding the bytes are in.
/// @param source_name the file's name, for the error message.
/// @return the same text in UTF-8.
/// @throws Error `parse_error` naming the file, line and column (in characters) of the
/// first byte sequence that is not valid in `from`.
std::string to_utf8(std::string_view bytes, TextEncoding from, std::string_view source_name);

}  // namespace duixian

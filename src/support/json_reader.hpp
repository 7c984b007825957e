#pragma once
/// @file
/// @brief A small, strict JSON reader that keeps positions and the original text of numbers.
///
/// Policy books are JSON, and every mistake in them must be reported at its line and
/// column. General-purpose JSON libraries throw positions away and turn numbers into
/// `double`s; this reader keeps both:
///
/// - every value, and every object key, knows its line and column (1-based, counted in
///   Unicode code points, as an editor shows them);
/// - numbers are kept as their original text (`0.10`, `123456789012345678901234567890`),
///   never converted, so they can be read exactly with `Decimal::parse`, whatever C
///   locale the host has set;
/// - object members stay in document order, and a key that appears twice in one object
///   is an error (RFC 8259 leaves it open; a policy book must not);
/// - limits on the document size, the nesting depth and the number of values keep a
///   hostile input from exhausting memory.
///
/// ```cpp
/// JsonDocument doc = read_json(R"({"budget": 30000000.00})", "book.json", JsonReaderLimits{1 << 20, 64, 1000});
/// if (!has_errors(doc.diagnostics)) {
///   const JsonMember* m = doc.root.find("budget");
///   Decimal b = Decimal::parse(m->value.text);   // exactly 30000000.00
///   // m->value.position is line 1, column 12
/// }
/// ```

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "duixian/diagnostic.hpp"

namespace duixian {

/// @brief Where something starts in a JSON text.
struct JsonPosition {
  std::size_t line = 0;    ///< 1-based line (0 when unknown).
  std::size_t column = 0;  ///< 1-based column in code points (0 when unknown).
  std::size_t offset = 0;  ///< 0-based byte offset into the text.

  /// @brief Same place.
  friend bool operator==(const JsonPosition& a, const JsonPosition& b) noexcept {
    return a.line == b.line && a.column == b.column && a.offset == b.offset;
  }
  /// @brief Different places.
  friend bool operator!=(const JsonPosition& a, const JsonPosition& b) noexcept { return !(a == b); }
};

/// @brief The kind of a JSON value.
enum class JsonKind : unsigned char {
  null,     ///< `null`
  boolean,  ///< `true` or `false`
  number,   ///< a number, kept as its text
  string,   ///< a string, decoded to UTF-8
  array,    ///< `[...]`
  object,   ///< `{...}`
};

/// @brief The kind's name as used in messages: `"null"`, `"boolean"`, `"number"`, `"string"`, `"array"`, `"object"`.
const char* to_string(JsonKind kind) noexcept;

struct JsonMember;

/// @brief One JSON value with its position; arrays and objects hold their children.
struct JsonValue {
  JsonKind kind = JsonKind::null;   ///< What it is.
  JsonPosition position;            ///< Its first character (the quote of a string).
  std::string text;                 ///< A string's decoded UTF-8 content, or a number's original text.
  bool boolean = false;             ///< The value of a boolean.
  std::vector<JsonValue> items;     ///< An array's elements, in order.
  std::vector<JsonMember> members;  ///< An object's members, in document order.
  std::string raw;                  ///< A string's text between the quotes as written, kept only when it has escapes.

  /// @brief The member named `key` of an object, or null (also for non-objects).
  /// @param key the member name.
  const JsonMember* find(std::string_view key) const noexcept;

  /// @brief Where the decoded code point number `index` (0-based) of a string sits in the JSON text.
  ///
  /// Escapes make the two differ: in `"a\u4e07b"` the code point 2 (`b`) is 7 columns
  /// after the `a`. An index at or past the end gives the closing quote's position.
  /// JSON strings cannot contain raw line breaks, so the line is always the string's line.
  /// @param index a 0-based code point index into `text`.
  JsonPosition position_of_code_point(std::size_t index) const noexcept;
};

/// @brief An object member: its key, where the key is, and its value.
struct JsonMember {
  std::string key;           ///< The decoded key.
  JsonPosition key_position; ///< The key's opening quote.
  JsonValue value;           ///< The value.
};

/// @brief Bounds on what `read_json` accepts.
struct JsonReaderLimits {
  std::size_t max_bytes;   ///< Largest document, in bytes.
  std::size_t max_depth;   ///< Deepest nesting of arrays and objects.
  std::size_t max_values;  ///< Most values (of any kind) in one document.
};

/// @brief The outcome of reading a JSON text.
struct JsonDocument {
  JsonValue root;           ///< The top-level value (only meaningful when `complete`).
  bool complete = false;    ///< The whole text was read: no syntax error and no limit was hit.
  Diagnostics diagnostics;  ///< Every problem, located: syntax errors, duplicate keys, limits.
};

/// @brief Reads a JSON text (RFC 8259, UTF-8, an optional byte-order mark; no comments).
///
/// Never throws for a problem in the text: syntax errors (one, the first), duplicate
/// keys (each of them; the first occurrence is kept) and exceeded limits become
/// diagnostics with the file name, line and column. A document with only duplicate-key
/// errors is still `complete`, so a caller can go on and report more problems.
/// The result does not depend on the C locale.
/// @param text the JSON text.
/// @param file_name the name used in diagnostics.
/// @param limits the size, depth and value-count bounds.
JsonDocument read_json(std::string_view text, const std::string& file_name, const JsonReaderLimits& limits);

}  // namespace duixian

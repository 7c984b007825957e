#include "support/json_reader.hpp"

#include <functional>
#include <map>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "support/json_text.hpp"

namespace duixian {

const char* to_string(JsonKind kind) noexcept {
  switch (kind) {
    case JsonKind::null: return "null";
    case JsonKind::boolean: return "boolean";
    case JsonKind::number: return "number";
    case JsonKind::string: return "string";
    case JsonKind::array: return "array";
    case JsonKind::object: return "object";
  }
  return "unknown";
}

const JsonMember* JsonValue::find(std::string_view key) const noexcept {
  for (const JsonMember& m : members) {
    if (m.key == key) return &m;
  }
  return nullptr;
}

JsonPosition JsonValue::position_of_code_point(std::size_t index) const noexcept {
  JsonPosition p = position;
  // Column of the first character after the opening quote.
  std::size_t column = position.column + 1;
  std::size_t offset = position.offset + 1;
  if (raw.empty()) {
    // No escapes: one column per decoded code point.
    const std::size_t points = json_text::code_points(text);
    const std::size_t n = index < points ? index : points;
    p.column = column + n;
    p.offset = offset + json_text::byte_of_code_point(text, n);
    return p;
  }
  std::size_t i = 0;
  for (std::size_t point = 0; point < index && i < raw.size(); ++point) {
    const json_text::RawStep step = json_text::raw_step(raw, i);
    i += step.bytes;
    column += step.columns;
  }
  p.column = column;
  p.offset = offset + i;
  return p;
}

namespace {

using nlohmann::json;

bool is_letter(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Strips nlohmann's "[json.exception...] parse error at line 1, column 6: " prefix (its
// line and column count bytes; ours count code points).
std::string syntax_message(const std::string& what) {
  const auto at = what.find("column ");
  if (at != std::string::npos) {
    const auto colon = what.find(": ", at);
    if (colon != std::string::npos) return what.substr(colon + 2);
  }
  return what;
}

// SAX handler building the located tree. SAX events carry no positions, so a cursor of
// our own walks the same text token by token: every event corresponds to exactly one
// token, and only whitespace, ',' and ':' lie between tokens. Numbers are taken from
// the text itself, never from nlohmann's number string, which uses the C locale's
// decimal point (`0,1` under de_DE).
class Builder final : public nlohmann::json_sax<json> {
 public:
  Builder(std::string_view text, const std::string& file, const JsonReaderLimits& limits, Diagnostics& diagnostics)
      : cursor_(text), file_(file), limits_(limits), diagnostics_(diagnostics) {}

  JsonValue take_root() { return std::move(root_); }

  bool null() override { return scalar(JsonKind::null, 4); }
  bool boolean(bool value) override {
    JsonValue v = start_value(JsonKind::boolean);
    cursor_.advance(value ? 4 : 5);
    v.boolean = value;
    return attach(std::move(v));
  }
  bool number_integer(number_integer_t /*value*/) override { return number(); }
  bool number_unsigned(number_unsigned_t /*value*/) override { return number(); }
  // The binary value is never looked at: numbers are exact decimals read from their text.
  bool number_float(number_float_t /*value*/, const string_t& /*locale_text*/) override { return number(); }
  bool string(string_t& value) override {
    JsonValue v = start_value(JsonKind::string);
    const std::string_view token = cursor_.string_token();
    if (json_text::has_escape(token)) v.raw = std::string(token.substr(1, token.size() - 2));
    cursor_.advance(token.size());
    v.text = std::move(value);
    return attach(std::move(v));
  }
  bool binary(binary_t& /*value*/) override { return false; }  // never produced by the JSON parser

  bool start_object(std::size_t /*elements*/) override { return open(JsonKind::object); }
  bool start_array(std::size_t /*elements*/) override { return open(JsonKind::array); }
  bool end_object() override { return close(); }
  bool end_array() override { return close(); }

  bool key(string_t& value) override {
    cursor_.skip_separators();
    Frame& frame = stack_.back();
    frame.key_position = cursor_.position();
    cursor_.advance(cursor_.string_token().size());
    const auto [it, inserted] = frame.keys.emplace(value, frame.key_position);
    frame.skip = !inserted;
    if (!inserted) {
      error(frame.key_position, "duplicate key \"" + value + "\" (first at line " + std::to_string(it->second.line) +
                                    ", column " + std::to_string(it->second.column) + ")");
    }
    frame.key = std::move(value);
    return true;
  }

  bool parse_error(std::size_t position, const std::string& /*last_token*/,
                   const nlohmann::detail::exception& ex) override {
    // `position` counts the bytes read: the last one read is where the lexer stopped,
    // exact for a bad character inside a string or number.
    std::size_t offset = position == 0 ? 0 : position - 1;
    const std::string message = syntax_message(ex.what());
    if (message.find("unexpected string literal") != std::string::npos ||
        message.find("unexpected number literal") != std::string::npos) {
      cursor_.skip_separators();  // a whole token in the wrong place: point at its start
      offset = cursor_.offset();
    } else if (message.find("invalid literal") != std::string::npos) {
      while (offset > 0 && is_letter(cursor_.at(offset - 1))) --offset;  // the start of `tru`
    }
    error(cursor_.position_at(offset), "invalid JSON: " + message);
    return false;
  }

 private:
  struct Frame {
    JsonValue value;
    std::string key;
    JsonPosition key_position;
    bool skip = false;  // the pending key was a duplicate: drop its value
    std::map<std::string, JsonPosition, std::less<>> keys;
  };

  JsonValue start_value(JsonKind kind) {
    cursor_.skip_separators();
    JsonValue v;
    v.kind = kind;
    v.position = cursor_.position();
    return v;
  }

  bool scalar(JsonKind kind, std::size_t length) {
    JsonValue v = start_value(kind);
    cursor_.advance(length);
    return attach(std::move(v));
  }

  bool number() {
    JsonValue v = start_value(JsonKind::number);
    const std::string_view token = cursor_.number_token();
    v.text = std::string(token);
    cursor_.advance(token.size());
    return attach(std::move(v));
  }

  bool open(JsonKind kind) {
    JsonValue v = start_value(kind);
    cursor_.advance(1);
    if (stack_.size() + 1 > limits_.max_depth) {
      error(v.position, "JSON nesting deeper than " + std::to_string(limits_.max_depth) + " levels");
      return false;
    }
    if (!count_value(v.position)) return false;
    stack_.push_back(Frame{std::move(v), {}, {}, false, {}});
    return true;
  }

  bool close() {
    cursor_.skip_separators();
    cursor_.advance(1);
    JsonValue v = std::move(stack_.back().value);
    stack_.pop_back();
    return place(std::move(v));
  }

  bool attach(JsonValue v) {
    if (!count_value(v.position)) return false;
    return place(std::move(v));
  }

  bool place(JsonValue v) {
    if (stack_.empty()) {
      root_ = std::move(v);
      return true;
    }
    Frame& frame = stack_.back();
    if (frame.value.kind == JsonKind::array) {
      frame.value.items.push_back(std::move(v));
    } else if (frame.skip) {
      frame.skip = false;
    } else {
      frame.value.members.push_back(JsonMember{std::move(frame.key), frame.key_position, std::move(v)});
    }
    return true;
  }

  bool count_value(const JsonPosition& at) {
    if (++values_ <= limits_.max_values) return true;
    error(at, "JSON document has more than " + std::to_string(limits_.max_values) + " values");
    return false;
  }

  void error(const JsonPosition& at, std::string message) {
    diagnostics_.push_back(Diagnostic{file_, at.line, at.column, Severity::error, std::move(message), "invalid_json"});
  }

  json_text::Cursor cursor_;
  const std::string& file_;
  const JsonReaderLimits& limits_;
  Diagnostics& diagnostics_;
  std::vector<Frame> stack_;
  JsonValue root_;
  std::size_t values_ = 0;
};

}  // namespace

JsonDocument read_json(std::string_view text, const std::string& file_name, const JsonReaderLimits& limits) {
  JsonDocument doc;
  if (text.size() > limits.max_bytes) {
    doc.diagnostics.push_back(Diagnostic{file_name, 0, 0, Severity::error,
                                         "JSON document is " + std::to_string(text.size()) +
                                             " bytes; the limit is " + std::to_string(limits.max_bytes), "json_limit"});
    return doc;
  }
  Builder builder(text, file_name, limits, doc.diagnostics);
  // strict: nothing may follow the value; comments are not JSON.
  doc.complete = json::sax_parse(text.begin(), text.end(), &builder, json::input_format_t::json, true, false);
  doc.root = builder.take_root();
  return doc;
}

}  // namespace duixian

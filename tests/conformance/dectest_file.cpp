#include "dectest_file.hpp"

#include <cctype>
#include <cstdlib>
#include <fstream>
#include <stdexcept>

namespace dectest {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

long to_long(const std::string& value, const std::string& where) {
  char* end = nullptr;
  const long v = std::strtol(value.c_str(), &end, 10);
  if (value.empty() || *end != '\0') throw std::runtime_error(where + ": not an integer: '" + value + "'");
  return v;
}

void apply_directive(Context& ctx, const std::string& keyword, const std::string& value, const std::string& where) {
  if (keyword == "precision") {
    ctx.precision = to_long(value, where);
  } else if (keyword == "rounding") {
    ctx.rounding = lower(value);
  } else if (keyword == "maxexponent") {
    ctx.max_exponent = to_long(value, where);
  } else if (keyword == "minexponent") {
    ctx.min_exponent = to_long(value, where);
  } else if (keyword == "extended") {
    ctx.extended = to_long(value, where) != 0;
  } else if (keyword == "clamp") {
    ctx.clamp = to_long(value, where) != 0;
  } else if (keyword != "version") {
    throw std::runtime_error(where + ": unknown directive '" + keyword + "'");
  }
}

}  // namespace

std::vector<Token> tokenize(const std::string& line) {
  std::vector<Token> out;
  std::size_t i = 0;
  while (i < line.size()) {
    if (is_space(line[i])) {
      ++i;
      continue;
    }
    if (line.compare(i, 2, "--") == 0) break;  // comment to the end of the line
    Token token;
    const char first = line[i];
    if (first == '\'' || first == '"') {
      token.quoted = true;
      bool closed = false;
      for (++i; i < line.size(); ++i) {
        if (line[i] != first) {
          token.text += line[i];
        } else if (i + 1 < line.size() && line[i + 1] == first) {
          token.text += first;  // '' is an escaped quote
          ++i;
        } else {
          closed = true;
          ++i;
          break;
        }
      }
      if (!closed) throw std::runtime_error("unterminated quote");
    } else {
      while (i < line.size() && !is_space(line[i]) && line.compare(i, 2, "--") != 0) token.text += line[i++];
    }
    out.push_back(std::move(token));
  }
  return out;
}

std::vector<Case> read_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path + ": cannot be read");
  const std::string file = path.substr(path.find_last_of('/') + 1);
  std::vector<Case> cases;
  Context ctx;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    const std::string where = file + ":" + std::to_string(number);
    std::vector<Token> tokens;
    try {
      tokens = tokenize(line);
    } catch (const std::runtime_error& e) {
      throw std::runtime_error(where + ": " + e.what());
    }
    if (tokens.empty()) continue;
    const std::size_t colon = tokens[0].quoted ? std::string::npos : tokens[0].text.find(':');
    if (colon != std::string::npos) {  // keyword: value (the value may be glued to the colon)
      std::string value = tokens[0].text.substr(colon + 1);
      for (std::size_t k = 1; k < tokens.size(); ++k) value += tokens[k].text;
      apply_directive(ctx, lower(tokens[0].text.substr(0, colon)), value, where);
      continue;
    }
    Case c;
    c.file = file;
    c.line = number;
    c.context = ctx;
    std::size_t k = 0;
    if (tokens.size() < 4) throw std::runtime_error(where + ": not a test line: " + line);
    c.id = tokens[k++].text;
    c.operation = lower(tokens[k++].text);
    for (; k < tokens.size() && !(tokens[k].text == "->" && !tokens[k].quoted); ++k) {
      if (!tokens[k].quoted && !tokens[k].text.empty() && tokens[k].text[0] == '#') c.encoded = true;
      c.operands.push_back(tokens[k].text);
    }
    if (k + 1 >= tokens.size()) throw std::runtime_error(where + ": no '-> result': " + line);
    ++k;  // "->"
    if (!tokens[k].quoted && !tokens[k].text.empty() && tokens[k].text[0] == '#') c.encoded = true;
    c.result = tokens[k++].text;
    for (; k < tokens.size(); ++k) c.conditions.push_back(tokens[k].text);
    cases.push_back(std::move(c));
  }
  return cases;
}

}  // namespace dectest

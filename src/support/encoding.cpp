#include "support/encoding.hpp"

#include <iconv.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <system_error>

#include "duixian/error.hpp"

namespace duixian {
namespace {

constexpr std::uint64_t kHighBits = 0x8080808080808080ULL;
constexpr std::size_t kNotFound = static_cast<std::size_t>(-1);

// What is wrong with the first ill-formed UTF-8 sequence.
enum class Utf8Problem { continuation, overlong, surrogate, too_large, invalid_byte, truncated };

struct Utf8Error {
  std::size_t offset;  // of the sequence's first byte
  std::size_t length;  // bytes of the sequence worth showing
  Utf8Problem problem;
};

// The first ill-formed sequence (the ranges of the Unicode Standard table 3-7, as RFC 3629), or nothing.
std::optional<Utf8Error> find_invalid_utf8(std::string_view bytes) noexcept {
  const auto* s = reinterpret_cast<const unsigned char*>(bytes.data());
  const std::size_t n = bytes.size();
  std::size_t i = 0;
  while (i < n) {
    // ASCII fast path: CSV data is mostly ASCII digits and codes. 32 bytes a step while
    // they are all ASCII, then 8, then the byte that is not.
    while (n - i >= 32) {
      std::uint64_t w[4];
      std::memcpy(w, s + i, 32);
      if (((w[0] | w[1] | w[2] | w[3]) & kHighBits) != 0) break;
      i += 32;
    }
    if (n - i >= 8) {
      std::uint64_t w;
      std::memcpy(&w, s + i, 8);
      const std::uint64_t high = w & kHighBits;
      if (high == 0) {
        i += 8;
        continue;
      }
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
      i += static_cast<std::size_t>(__builtin_ctzll(high)) >> 3;  // skip to the first non-ASCII byte
#endif
    }
    const unsigned c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    if (c < 0xC0) return Utf8Error{i, 1, Utf8Problem::continuation};
    if (c < 0xC2) return Utf8Error{i, 2 <= n - i ? 2u : 1u, Utf8Problem::overlong};
    if (c >= 0xF5) return Utf8Error{i, 1, c < 0xF8 ? Utf8Problem::too_large : Utf8Problem::invalid_byte};
    std::size_t need = 1;
    unsigned lo = 0x80;
    unsigned hi = 0xBF;
    Utf8Problem range_problem = Utf8Problem::truncated;
    if (c >= 0xF0) {
      need = 3;
      if (c == 0xF0) {
        lo = 0x90;
        range_problem = Utf8Problem::overlong;
      } else if (c == 0xF4) {
        hi = 0x8F;
        range_problem = Utf8Problem::too_large;
      }
    } else if (c >= 0xE0) {
      need = 2;
      if (c == 0xE0) {
        lo = 0xA0;
        range_problem = Utf8Problem::overlong;
      } else if (c == 0xED) {
        hi = 0x9F;
        range_problem = Utf8Problem::surrogate;
      }
    }
    for (std::size_t k = 1; k <= need; ++k) {
      if (i + k >= n || (s[i + k] & 0xC0) != 0x80) return Utf8Error{i, k, Utf8Problem::truncated};
      if (k == 1 && (s[i + 1] < lo || s[i + 1] > hi)) return Utf8Error{i, 2, range_problem};
    }
    i += need + 1;
  }
  return std::nullopt;
}

// 1-based line and column (code points) of byte `at` in text that is valid UTF-8
// before `at`; a byte order mark at the start is invisible in editors, so not counted.
void locate(std::string_view text, std::size_t at, std::size_t& line, std::size_t& column) {
  line = 1;
  std::size_t line_start = text.substr(0, utf8_bom.size()) == utf8_bom && at >= utf8_bom.size() ? utf8_bom.size() : 0;
  const char* p = text.data() + line_start;
  const char* const end = text.data() + at;
  while (p < end) {
    const void* nl = std::memchr(p, '\n', static_cast<std::size_t>(end - p));
    if (nl == nullptr) break;
    ++line;
    p = static_cast<const char*>(nl) + 1;
    line_start = static_cast<std::size_t>(p - text.data());
  }
  column = 1;
  for (std::size_t i = line_start; i < at; ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++column;
  }
}

std::string hex_bytes(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string out;
  for (char ch : bytes) {
    const auto b = static_cast<unsigned char>(ch);
    if (!out.empty()) out += ' ';
    out += kDigits[b >> 4];
    out += kDigits[b & 0xF];
  }
  return out;
}

// An iconv descriptor from GB18030 to UTF-8, closed on scope exit.
class Gb18030Decoder {
 public:
  Gb18030Decoder() : cd_(iconv_open("UTF-8", "GB18030")) {}
  ~Gb18030Decoder() {
    if (ok()) iconv_close(cd_);
  }
  Gb18030Decoder(const Gb18030Decoder&) = delete;
  Gb18030Decoder& operator=(const Gb18030Decoder&) = delete;

  // False when the C library has no GB18030 converter (e.g. gconv modules not installed).
  bool ok() const noexcept { return cd_ != reinterpret_cast<iconv_t>(static_cast<std::intptr_t>(-1)); }

  // Converts `bytes`, appending the UTF-8 to `out` (or discarding it when `out` is null).
  // Returns the offset of the first invalid or truncated sequence, or kNotFound;
  // `truncated` tells a character cut short by the end of the input.
  std::size_t convert(std::string_view bytes, std::string* out, bool* truncated = nullptr) {
    const std::size_t n = bytes.size();
    // Reserve, not resize: on big files first-touching pages is the main cost, so
    // touch only what is written (2 GB18030 bytes → 3 UTF-8 bytes at most).
    if (out != nullptr) out->reserve(out->size() + n + n / 2 + 16);
    std::size_t i = 0;
    while (i < n) {
      // ASCII is the same bytes in both encodings: copy it, and spare iconv (~200 MB/s) the bulk.
      const std::size_t ascii_end = end_of_ascii(bytes, i);
      if (out != nullptr) out->append(bytes.data() + i, ascii_end - i);
      if ((i = ascii_end) == n) break;
      // A run of non-ASCII characters, split by GB18030's structure (a second byte 30..39
      // makes a four-byte character) so the run ends on a character boundary.
      std::size_t run_end = i;
      while (run_end < n && static_cast<unsigned char>(bytes[run_end]) >= 0x80) {
        run_end += run_end + 1 < n && bytes[run_end + 1] >= '0' && bytes[run_end + 1] <= '9' ? 4 : 2;
      }
      run_end = run_end < n ? run_end : n;
      int err = 0;
      const std::size_t bad = convert_run(bytes, i, run_end, out, err);
      if (bad != kNotFound) {
        // iconv says "incomplete" (EINVAL) at the end of each run; only at the end of the input is it one.
        if (truncated != nullptr) *truncated = err == EINVAL && run_end == n;
        return bad;
      }
      i = run_end;
    }
    return kNotFound;
  }

 private:
  static std::size_t end_of_ascii(std::string_view bytes, std::size_t i) noexcept {
    while (bytes.size() - i >= 8) {
      std::uint64_t w;
      std::memcpy(&w, bytes.data() + i, 8);
      if ((w & kHighBits) != 0) break;
      i += 8;
    }
    while (i < bytes.size() && static_cast<unsigned char>(bytes[i]) < 0x80) ++i;
    return i;
  }

  // Converts bytes[from, to) with iconv; returns the offset of an invalid sequence (with
  // iconv's errno in `err`), or kNotFound.
  std::size_t convert_run(std::string_view bytes, std::size_t from, std::size_t to, std::string* out, int& err) {
    // POSIX declares iconv's input as char**, though it never writes through it.
    char* in = const_cast<char*>(bytes.data() + from);
    std::size_t in_left = to - from;
    char scratch[4096];
    while (in_left > 0) {
      char* dst = scratch;
      std::size_t dst_left = sizeof scratch;
      const std::size_t rc = iconv(cd_, &in, &in_left, &dst, &dst_left);
      err = errno;
      if (out != nullptr) out->append(scratch, sizeof scratch - dst_left);
      if (rc == static_cast<std::size_t>(-1) && err != E2BIG) {
        return static_cast<std::size_t>(in - bytes.data());  // EILSEQ or EINVAL: `in` is on the sequence
      }
    }
    return kNotFound;
  }

  iconv_t cd_;
};

// True when the valid prefix already holds multi-byte UTF-8 characters: then the file
// is UTF-8 with a damaged spot. GBK text rarely passes as UTF-8 for long (about one
// GBK character in ten is also a valid UTF-8 sequence), while damaged UTF-8 often
// decodes as GB18030 by chance, so the whole-file GB18030 test alone would mislead.
bool prefix_is_utf8_text(std::string_view prefix) noexcept {
  std::size_t multibyte = 0;
  for (char c : prefix) {
    if (static_cast<unsigned char>(c) >= 0xC0 && ++multibyte >= 2) return true;
  }
  return false;
}

// The hint for a file that is not UTF-8: GBK spreadsheets are by far the usual cause.
std::string encoding_hint(std::string_view bytes, std::size_t at) {
  if (prefix_is_utf8_text(bytes.substr(0, at))) return "; the file must be UTF-8";
  Gb18030Decoder decoder;
  if (!decoder.ok() || decoder.convert(bytes, nullptr) != kNotFound) return "; the file must be UTF-8";
  // Show what the bytes say when read as GB18030, so the user can confirm.
  std::string_view rest = bytes.substr(at, 48);
  rest = rest.substr(0, rest.find_first_of("\r\n"));
  std::string preview;
  Gb18030Decoder().convert(rest, &preview);  // a character cut at the window's end is just dropped
  std::size_t chars = 0;
  std::size_t cut = 0;
  while (cut < preview.size() && chars < 12) {
    ++cut;
    while (cut < preview.size() && (static_cast<unsigned char>(preview[cut]) & 0xC0) == 0x80) ++cut;
    ++chars;
  }
  preview.resize(cut);
  return "; the file looks like GB18030/GBK, as Excel writes on a Chinese desktop: pass --encoding gb18030 "
         "(read as GB18030, the text here is \"" + preview + "\")";
}

std::string describe(const Utf8Error& e, std::string_view bytes) {
  const std::string seq = hex_bytes(bytes.substr(e.offset, e.length));
  const std::string lead = hex_bytes(bytes.substr(e.offset, 1));
  switch (e.problem) {
    case Utf8Problem::continuation:
      return "invalid UTF-8: byte " + seq + " is a continuation byte with no lead byte before it";
    case Utf8Problem::overlong:
      return "invalid UTF-8: " + seq + " is an overlong encoding (a character written with more bytes than it needs)";
    case Utf8Problem::surrogate:
      return "invalid UTF-8: " + seq + " encodes a UTF-16 surrogate (U+D800 to U+DFFF), which is not a character";
    case Utf8Problem::too_large:
      return "invalid UTF-8: " + seq + " encodes a code point above U+10FFFF";
    case Utf8Problem::invalid_byte:
      return "invalid UTF-8: byte " + seq + " never occurs in UTF-8";
    case Utf8Problem::truncated: {
      const auto c = static_cast<unsigned char>(bytes[e.offset]);
      const int need = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1;
      return "invalid UTF-8: truncated sequence " + seq + " (lead byte " + lead + " needs " + std::to_string(need) +
             " continuation byte" + (need > 1 ? "s" : "") + ", found " + std::to_string(e.length - 1) + ")";
    }
  }
  return "invalid UTF-8";
}

}  // namespace

std::optional<Diagnostic> validate_utf8(std::string_view bytes, std::string_view source_name) {
  const std::optional<Utf8Error> e = find_invalid_utf8(bytes);
  if (!e) return std::nullopt;
  Diagnostic d;
  d.file = std::string(source_name);
  locate(bytes, e->offset, d.line, d.column);
  d.message = describe(*e, bytes) + encoding_hint(bytes, e->offset);
  d.code = "invalid_utf8";
  return d;
}

std::string gb18030_to_utf8(std::string_view bytes, std::string_view source_name) {
  Gb18030Decoder decoder;
  if (!decoder.ok()) {
    throw Error(ErrorCode::invalid_argument, "cannot read " + std::string(source_name) +
                                                 " as GB18030: the C library has no GB18030 converter (" +
                                                 std::generic_category().message(errno) + ")");
  }
  std::string out;
  bool truncated = false;
  const std::size_t bad = decoder.convert(bytes, &out, &truncated);
  if (bad == kNotFound) return out;
  Diagnostic d;
  d.file = std::string(source_name);
  locate(out, out.size(), d.line, d.column);  // the converted prefix is valid UTF-8, line for line
  const std::string_view rest = bytes.substr(bad);
  // Four-byte GB18030 characters have a digit (30..39) as their second byte.
  const bool four = rest.size() >= 2 && rest[1] >= '0' && rest[1] <= '9';
  d.message = truncated ? "invalid GB18030: the file ends inside a character (" + hex_bytes(rest) + ")"
                        : "invalid GB18030: byte sequence " + hex_bytes(rest.substr(0, four ? 4 : 2)) +
                              " is not a character";
  if (!find_invalid_utf8(bytes)) d.message += "; the file looks like UTF-8: pass --encoding utf-8";
  throw Error(ErrorCode::parse_error, to_string(d));
}

}  // namespace duixian

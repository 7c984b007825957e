#pragma once
// A report writer's text, built in a string and handed to its stream in large writes
// (one per megabyte and one at the end) instead of one formatted insertion per field.

#include <ostream>
#include <string>

namespace duixian::detail {

class OutputBuffer {
 public:
  explicit OutputBuffer(std::ostream& out) : out_(out) { text_.reserve(kFlushAt + 4096); }
  OutputBuffer(const OutputBuffer&) = delete;
  OutputBuffer& operator=(const OutputBuffer&) = delete;
  ~OutputBuffer() { flush(); }  // the stream's state tells the caller whether it all went out

  std::string& text() noexcept { return text_; }
  void flush_if_full() {
    if (text_.size() >= kFlushAt) flush();
  }
  void flush() {
    out_.write(text_.data(), static_cast<std::streamsize>(text_.size()));
    text_.clear();
  }

 private:
  static constexpr std::size_t kFlushAt = std::size_t{1} << 20;
  std::ostream& out_;
  std::string text_;
};

}  // namespace duixian::detail

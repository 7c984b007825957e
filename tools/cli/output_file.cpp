#include "output_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <iostream>
#include <streambuf>
#include <system_error>
#include <utility>
#include <vector>

#include "inputs.hpp"

namespace duixian_cli {

namespace {

std::string reason(int error) {
  if (error == 0) return "";
  return ": " + std::error_code(error, std::generic_category()).message();
}

}  // namespace

// A stream buffer over a file descriptor that keeps errno of the first failed write
// (std::filebuf forgets why it failed, and a full disk should be named as such).
class OutputFile::Buffer : public std::streambuf {
 public:
  explicit Buffer(int fd) : fd_(fd), space_(std::size_t{1} << 20) { setp(space_.data(), space_.data() + space_.size()); }
  ~Buffer() override {
    if (fd_ >= 0) ::close(fd_);
  }
  Buffer(const Buffer&) = delete;
  Buffer& operator=(const Buffer&) = delete;

  int error() const noexcept { return error_; }
  bool failed() const noexcept { return failed_; }

  // Writes out the buffer and closes the descriptor; false when anything failed.
  bool close() {
    const bool flushed = drain();
    const int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0 && !failed_) record(errno);
    return flushed && !failed_;
  }

 protected:
  int_type overflow(int_type ch) override {
    if (!drain()) return traits_type::eof();
    if (!traits_type::eq_int_type(ch, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(ch);
      pbump(1);
    }
    return traits_type::not_eof(ch);
  }
  int sync() override { return drain() ? 0 : -1; }

 private:
  void record(int error) {
    if (!failed_) error_ = error;
    failed_ = true;
  }
  bool drain() {
    const char* p = pbase();
    std::size_t left = static_cast<std::size_t>(pptr() - pbase());
    while (left > 0 && !failed_) {
      const ssize_t n = ::write(fd_, p, left);
      if (n < 0) {
        if (errno == EINTR) continue;
        record(errno);
        break;
      }
      p += n;
      left -= static_cast<std::size_t>(n);
    }
    setp(space_.data(), space_.data() + space_.size());
    return !failed_;
  }

  int fd_;
  std::vector<char> space_;
  int error_ = 0;
  bool failed_ = false;
};

OutputFile::OutputFile(std::filesystem::path target, std::string what)
    : target_(std::move(target)), what_(std::move(what)) {
  temporary_ = target_;
  temporary_.replace_filename("." + target_.filename().string() + ".tmp-" + std::to_string(::getpid()));
  const int fd = ::open(temporary_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0) {
    const int error = errno;
    throw Failure{exit_failure, "cannot create " + target_.string() + reason(error)};
  }
  buffer_ = std::make_unique<Buffer>(fd);
  out_ = std::make_unique<std::ostream>(buffer_.get());
}

OutputFile::~OutputFile() {
  if (published_) return;
  out_.reset();
  buffer_.reset();
  std::error_code ignored;
  std::filesystem::remove(temporary_, ignored);
}

std::ostream& OutputFile::stream() noexcept { return *out_; }

void OutputFile::fail(const std::string& doing) const {
  throw Failure{exit_failure, "cannot write " + what_ + " to " + target_.string() + reason(buffer_->error()) + " (" +
                                  doing + "; " + target_.filename().string() + " was not changed)"};
}

void OutputFile::check() const {
  if (buffer_->failed() || !*out_) fail("a write failed");
}

void OutputFile::finish() {
  if (finished_) return;
  const bool ok = buffer_->close() && *out_;
  finished_ = true;
  if (!ok) fail("writing");
}

void OutputFile::publish() {
  finish();
  std::error_code ec;
  std::filesystem::rename(temporary_, target_, ec);
  if (ec) throw Failure{exit_failure, "cannot write " + what_ + " to " + target_.string() + ": " + ec.message()};
  published_ = true;
}

void flush_standard_output() {
  errno = 0;
  std::cout.flush();
  if (!std::cout) {
    const int error = errno;
    throw Failure{exit_failure, "cannot write to standard output" + reason(error)};
  }
}

}  // namespace duixian_cli

#include "support/file.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <memory>
#include <system_error>
#include <utility>

#include "duixian/error.hpp"

namespace duixian {
namespace {

[[noreturn]] void fail(const std::string& path, int err) {
  // std::generic_category().message is the thread-safe strerror.
  throw Error(ErrorCode::io_error,
              "cannot read \"" + path + "\": " + std::generic_category().message(err));
}

struct FileCloser {
  void operator()(std::FILE* f) const noexcept { std::fclose(f); }
};

// Closes a POSIX descriptor on scope exit.
struct Descriptor {
  int fd;
  ~Descriptor() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

std::string read_file(const std::string& path) {
  errno = 0;
  const std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.c_str(), "rb"));
  if (!file) fail(path, errno);
  // The size is a hint only (pipes have none); read until end of file either way.
  // One byte more than the size lets the first read see the end without a regrow.
  std::size_t hint = 64 * 1024;
  struct stat info {};
  if (::fstat(::fileno(file.get()), &info) == 0) {
    if (S_ISDIR(info.st_mode)) fail(path, EISDIR);
    if (S_ISREG(info.st_mode) && info.st_size > 0) hint = static_cast<std::size_t>(info.st_size) + 1;
  }
  std::string out(hint, '\0');
  std::size_t used = 0;
  for (;;) {
    const std::size_t got = std::fread(out.data() + used, 1, out.size() - used, file.get());
    used += got;
    if (used < out.size()) {
      if (std::ferror(file.get())) fail(path, errno != 0 ? errno : EIO);
      break;
    }
    out.resize(out.size() * 2);
  }
  out.resize(used);
  return out;
}

MappedFile::MappedFile(const std::string& path) {
  const Descriptor d{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
  if (d.fd < 0) fail(path, errno);
  struct stat info {};
  if (::fstat(d.fd, &info) != 0) fail(path, errno);
  if (S_ISDIR(info.st_mode)) fail(path, EISDIR);
  if (S_ISREG(info.st_mode) && info.st_size > 0) {
    int flags = MAP_PRIVATE;
#ifdef MAP_POPULATE
    flags |= MAP_POPULATE;  // fault the whole file in at once: the loader reads all of it
#endif
    const auto size = static_cast<std::size_t>(info.st_size);
    void* p = ::mmap(nullptr, size, PROT_READ, flags, d.fd, 0);
    if (p != MAP_FAILED) {
      map_ = static_cast<const char*>(p);
      size_ = size;
      return;
    }
  }
  buffer_ = read_file(path);  // pipes, devices, empty files, or a file system that cannot map
}

MappedFile::~MappedFile() { release(); }

MappedFile::MappedFile(MappedFile&& other) noexcept
    : map_(std::exchange(other.map_, nullptr)), size_(std::exchange(other.size_, 0)),
      buffer_(std::move(other.buffer_)) {}

MappedFile& MappedFile::operator=(MappedFile&& other) noexcept {
  if (this != &other) {
    release();
    map_ = std::exchange(other.map_, nullptr);
    size_ = std::exchange(other.size_, 0);
    buffer_ = std::move(other.buffer_);
  }
  return *this;
}

void MappedFile::release() noexcept {
  if (map_ != nullptr) ::munmap(const_cast<char*>(map_), size_);
  map_ = nullptr;
  size_ = 0;
}

}  // namespace duixian

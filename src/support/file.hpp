#pragma once
/// @file
/// @brief Reading a whole input file into memory.

#include <cstddef>
#include <string>
#include <string_view>

namespace duixian {

/// @brief The whole contents of a file, byte for byte (no newline or encoding conversion).
///
/// Inputs are read whole because the loaders parse in place: the CSV reader hands out
/// views into this buffer. Works on pipes and `/dev/stdin` as well as regular files.
/// For large inputs prefer MappedFile, which skips the copy into fresh memory.
/// @param path the file to read.
/// @return the file's bytes.
/// @throws Error `io_error` naming the path and the system's reason
/// (e.g. `cannot read "facts.csv": No such file or directory`).
std::string read_file(const std::string& path);

/// @brief A whole file held read-only in memory: mapped when it is a regular file, read
/// (as `read_file` does) otherwise.
///
/// Mapping is several times faster than reading into a new buffer on large inputs
/// (the kernel hands over its cached pages instead of faulting in fresh ones and
/// copying). The caveat of any mapping applies: if another process truncates the file
/// while it is mapped, touching the lost pages kills the process with SIGBUS. Use
/// `read_file` for inputs that may change while they are loaded.
class MappedFile {
 public:
  /// @brief Maps (or reads) the file.
  /// @param path the file to open.
  /// @throws Error `io_error` naming the path and the system's reason.
  explicit MappedFile(const std::string& path);
  /// @brief Unmaps the file.
  ~MappedFile();
  /// @brief Takes over another mapping, leaving `other` empty.
  /// @param other the mapping to take over.
  MappedFile(MappedFile&& other) noexcept;
  /// @brief Releases this mapping and takes over `other`'s, leaving `other` empty.
  /// @param other the mapping to take over.
  /// @return this object.
  MappedFile& operator=(MappedFile&& other) noexcept;
  MappedFile(const MappedFile&) = delete;             ///< Not copyable: it owns the mapping.
  MappedFile& operator=(const MappedFile&) = delete;  ///< Not copyable: it owns the mapping.

  /// @brief The file's bytes, valid while this object lives.
  std::string_view bytes() const noexcept { return map_ != nullptr ? std::string_view(map_, size_) : buffer_; }

 private:
  void release() noexcept;

  const char* map_ = nullptr;  // the mapping, or null when the bytes are in buffer_
  std::size_t size_ = 0;
  std::string buffer_;
};

}  // namespace duixian

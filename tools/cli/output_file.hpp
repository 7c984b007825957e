#pragma once
// Output files that never look complete when they are not (docs/cli.md, "Outputs").
//
// An OutputFile writes to a temporary file beside its target (".NAME.tmp-PID", so the
// rename stays on one file system). finish() writes out every byte and closes it, keeping
// the system's reason for the first write that failed; publish() renames it over the target.
// A program writing several files finishes them all before publishing any, so that a full
// disk on the last one leaves every target as it was (absent, or the previous complete
// file). An OutputFile destroyed before publish() removes its temporary file.

#include <filesystem>
#include <memory>
#include <ostream>
#include <string>

namespace duixian_cli {

/// One output file written under a temporary name and renamed when complete.
class OutputFile {
 public:
  /// Creates the temporary file for `target`; `what` names the content in messages ("the
  /// lines"). Throws Failure (exit_failure) naming the file when it cannot be created.
  OutputFile(std::filesystem::path target, std::string what);
  /// Removes the temporary file unless publish() succeeded.
  ~OutputFile();
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  /// The stream to write the content to (unformatted bytes; numbers are formatted by the caller).
  std::ostream& stream() noexcept;
  /// Throws Failure (exit_failure) naming the file when a write has already failed.
  void check() const;
  /// Writes out what is buffered and closes the temporary file; throws Failure
  /// (exit_failure) naming the target and the system's reason when a write failed.
  void finish();
  /// Renames the finished temporary file to the target; throws Failure when it cannot.
  void publish();
  /// finish() then publish(), for a file written alone.
  void commit() {
    finish();
    publish();
  }
  /// The file's final name.
  const std::filesystem::path& target() const noexcept { return target_; }

 private:
  class Buffer;
  [[noreturn]] void fail(const std::string& doing) const;

  std::filesystem::path target_;
  std::filesystem::path temporary_;
  std::string what_;
  std::unique_ptr<Buffer> buffer_;
  std::unique_ptr<std::ostream> out_;
  bool finished_ = false;
  bool published_ = false;
};

/// Flushes standard output; throws Failure (exit_failure) when anything written to it was
/// lost (a full disk, a closed descriptor).
void flush_standard_output();

}  // namespace duixian_cli

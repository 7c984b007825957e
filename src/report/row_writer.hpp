#pragma once
// Writing a report's rows: formatted in blocks on several threads, handed to the stream in
// row order. The bytes are those of a single-threaded run whatever the thread count: each
// block is formatted by one thread into its own buffer, and blocks go out strictly in order.

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <mutex>
#include <ostream>
#include <string>
#include <thread>
#include <vector>

#include "report/output_buffer.hpp"

namespace duixian::detail {

/// Rows per block: large enough that a block's hand-over costs nothing, small enough that a
/// few blocks in flight per thread stay in the cache-friendly megabytes.
inline constexpr std::size_t kRowsPerBlock = 8192;

/// Threads for `requested` (0: one per hardware thread) and `rows` rows: one when there are
/// too few rows to share.
inline unsigned row_writer_threads(unsigned requested, std::size_t rows) {
  const unsigned n = requested != 0 ? requested : std::max(1U, std::thread::hardware_concurrency());
  const std::size_t blocks = (rows + kRowsPerBlock - 1) / kRowsPerBlock;
  return static_cast<unsigned>(std::min<std::size_t>(n, blocks < 4 ? 1 : blocks));
}

/// Writes `head` and then rows [0, rows) to `out`; `format(i, text)` appends row i to `text`.
/// `format` must be safe to call from several threads at once (it reads shared data only).
/// The first exception a `format` call throws is rethrown here once every thread has stopped;
/// the stream's state tells whether the bytes went out, as for any stream write.
template <class Format>
void write_rows(std::ostream& out, const std::string& head, std::size_t rows, unsigned threads, Format&& format) {
  threads = row_writer_threads(threads, rows);
  if (threads <= 1) {
    OutputBuffer buffer(out);
    std::string& text = buffer.text();
    text += head;
    for (std::size_t i = 0; i < rows; ++i) {
      format(i, text);
      buffer.flush_if_full();
    }
    return;
  }
  out.write(head.data(), static_cast<std::streamsize>(head.size()));
  const std::size_t blocks = (rows + kRowsPerBlock - 1) / kRowsPerBlock;
  const std::size_t window = 2 * static_cast<std::size_t>(threads);  // blocks formatted ahead of the stream
  struct Slot {
    std::string text;
    bool ready = false;
  };
  std::vector<Slot> slots(window);
  std::mutex mutex;
  std::condition_variable room;  // a slot was written out
  std::size_t written = 0;        // blocks handed to the stream (under `mutex`)
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::exception_ptr error;
  const auto worker = [&] {
    for (std::size_t b = next++; b < blocks && !failed.load(); b = next++) {
      Slot& slot = slots[b % window];
      {
        std::unique_lock<std::mutex> lock(mutex);
        room.wait(lock, [&] { return b < written + window || failed.load(); });
        if (failed.load()) return;
      }
      try {
        slot.text.clear();
        const std::size_t end = std::min(rows, (b + 1) * kRowsPerBlock);
        for (std::size_t i = b * kRowsPerBlock; i < end; ++i) format(i, slot.text);
      } catch (...) {
        std::lock_guard<std::mutex> lock(mutex);
        if (!error) error = std::current_exception();
        failed = true;
        room.notify_all();
        return;
      }
      // Whoever completes a block writes out every ready block from the first unwritten one.
      std::lock_guard<std::mutex> lock(mutex);
      slot.ready = true;
      bool advanced = false;
      while (written < blocks && slots[written % window].ready) {
        Slot& s = slots[written % window];
        out.write(s.text.data(), static_cast<std::streamsize>(s.text.size()));
        s.ready = false;
        ++written;
        advanced = true;
      }
      if (advanced) room.notify_all();
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(worker);
  worker();
  for (std::thread& t : pool) t.join();
  if (error) std::rethrow_exception(error);
}

}  // namespace duixian::detail

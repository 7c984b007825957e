// The report writers' row writer: the same bytes for every thread count, rows in order, the
// first error of a formatter rethrown.
#include "report/row_writer.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <stdexcept>
#include <string>

namespace {

using duixian::detail::kRowsPerBlock;
using duixian::detail::row_writer_threads;
using duixian::detail::write_rows;

// Row i as text whose length varies with i, so that block boundaries fall anywhere in the bytes.
void row(std::size_t i, std::string& text) {
  text += std::to_string(i);
  text.append(i % 7, 'x');
  text += '\n';
}

std::string written(std::size_t rows, unsigned threads) {
  std::ostringstream out;
  write_rows(out, "head\n", rows, threads, row);
  return out.str();
}

TEST(RowWriter, ThreadCountsGiveTheBytesOfOneThread) {
  const std::size_t rows = 13 * kRowsPerBlock + 17;  // a partial last block
  ASSERT_EQ(row_writer_threads(4, rows), 4U) << "the test must take the threaded path";
  std::string expected = "head\n";
  for (std::size_t i = 0; i < rows; ++i) row(i, expected);
  EXPECT_EQ(written(rows, 1), expected);
  for (const unsigned threads : {2U, 3U, 8U}) EXPECT_EQ(written(rows, threads), expected) << threads << " threads";
}

TEST(RowWriter, FewRowsAndNoRowsUseOneThread) {
  EXPECT_EQ(row_writer_threads(8, 0), 1U);
  EXPECT_EQ(row_writer_threads(8, 3 * kRowsPerBlock), 1U);
  EXPECT_EQ(written(0, 8), "head\n");
  EXPECT_EQ(written(5, 8), "head\n0\n1x\n2xx\n3xxx\n4xxxx\n");
}

TEST(RowWriter, TheFirstFormatterErrorIsRethrown) {
  const std::size_t rows = 10 * kRowsPerBlock;
  for (const unsigned threads : {1U, 2U, 4U}) {
    std::ostringstream out;
    EXPECT_THROW(write_rows(out, "", rows, threads,
                            [](std::size_t i, std::string& text) {
                              if (i == 5 * kRowsPerBlock + 3) throw std::out_of_range("row 5");
                              row(i, text);
                            }),
                 std::out_of_range)
        << threads << " threads";
    // What reached the stream is a prefix of the rows before the failing one.
    std::string before;
    for (std::size_t i = 0; i < 5 * kRowsPerBlock + 3; ++i) row(i, before);
    EXPECT_LE(out.str().size(), before.size());
    EXPECT_EQ(out.str(), before.substr(0, out.str().size()));
  }
}

}  // namespace

// CSV loading on the Wenzhou 2019 schema. The input is an enterprises file, a NUL byte,
// and a facts file. The facts are loaded twice (FactMode::add, then FactMode::revise), and
// the enterprises file once more as GB 18030 into a fresh builder. Properties: nothing
// throws (problems inside files are diagnostics); read = accepted + rejected; a rejected
// row has an error diagnostic; when rows were read, every diagnostic names the source
// and a line between 1 and the number of lines; the register holds the accepted enterprises.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "duixian/loader.hpp"
#include "duixian/register.hpp"
#include "fuzz_common.hpp"
#include "wenzhou_data.hpp"

using namespace duixian;

namespace {

const MetricSchema& schema() {
  static const MetricSchema s = datagen::wenzhou_2019_schema();
  return s;
}

std::size_t line_bound(std::string_view text) {
  std::size_t breaks = 0;
  for (char c : text) breaks += (c == '\n' || c == '\r') ? 1 : 0;
  return breaks + 1;
}

void check_counts(const RowCounts& counts, const Diagnostics& diagnostics, std::size_t first,
                  const std::string& source, std::string_view text) {
  FUZZ_CHECK(counts.read == counts.accepted + counts.rejected);
  std::size_t errors = 0;
  for (std::size_t i = first; i < diagnostics.size(); ++i) {
    const Diagnostic& d = diagnostics[i];
    FUZZ_CHECK(d.file == source);
    FUZZ_CHECK(!d.message.empty());
    if (d.severity == Severity::error) ++errors;
    if (counts.read > 0) {
      FUZZ_CHECK(d.line >= 1);
      FUZZ_CHECK(d.line <= line_bound(text));
    }
  }
  FUZZ_CHECK(errors >= counts.rejected);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::vector<std::string> parts = duixian_fuzz::split_nul(duixian_fuzz::as_text(data, size), 2);
  const std::string& enterprises = parts[0];
  const std::string& facts = parts[1];
  {
    RegisterBuilder builder(schema());
    Diagnostics diagnostics;
    const RowCounts e = load_enterprises_csv(builder, enterprises, "enterprises.csv", {}, diagnostics);
    check_counts(e, diagnostics, 0, "enterprises.csv", enterprises);
    std::size_t mark = diagnostics.size();
    const RowCounts f = load_facts_csv(builder, facts, "facts.csv", {}, diagnostics, FactMode::add);
    check_counts(f, diagnostics, mark, "facts.csv", facts);
    mark = diagnostics.size();
    const RowCounts r = load_facts_csv(builder, facts, "facts.csv", {}, diagnostics, FactMode::revise);
    check_counts(r, diagnostics, mark, "facts.csv", facts);
    FUZZ_CHECK(f.read == r.read);
    const Register reg = std::move(builder).build();
    FUZZ_CHECK(reg.size() == e.accepted);
    FUZZ_CHECK(reg.fact_count() <= f.accepted);
  }
  {
    RegisterBuilder builder(schema());
    Diagnostics diagnostics;
    LoadOptions options;
    options.encoding = TextEncoding::gb18030;
    const RowCounts e = load_enterprises_csv(builder, enterprises, "enterprises-gbk.csv", options, diagnostics);
    check_counts(e, diagnostics, 0, "enterprises-gbk.csv", enterprises);
    FUZZ_CHECK(std::move(builder).build().size() == e.accepted);
  }
  return 0;
}

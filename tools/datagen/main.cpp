// duixian-datagen: writes the Wenzhou 2019 reference workload's data and prints its census.
//
//   duixian-datagen --out DIR [--enterprises N] [--seed S] [--shuffle]
#include <charconv>
#include <cstdint>
#include <exception>
#include <iostream>
#include <string>
#include <string_view>

#include "duixian/error.hpp"
#include "wenzhou_data.hpp"

namespace {

int usage(const char* why) {
  std::cerr << "duixian-datagen: " << why << "\n"
            << "usage: duixian-datagen --out DIR [--enterprises N (default 20000)] [--seed S (default 2019)] [--shuffle]\n"
            << "  --shuffle  rows of facts.csv and facts-revision.csv in a random order drawn from the seed\n";
  return 2;
}

bool parse_u64(std::string_view text, std::uint64_t& value) {
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  return ec == std::errc() && ptr == end && !text.empty();
}

}  // namespace

int main(int argc, char** argv) {
  duixian::datagen::GeneratorOptions options;
  std::string out;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--shuffle") {
      options.shuffle = true;
      continue;
    }
    if (i + 1 >= argc) return usage(("missing value after " + std::string(arg)).c_str());
    const std::string_view value = argv[++i];
    std::uint64_t n = 0;
    if (arg == "--out") {
      out = value;
    } else if (arg == "--enterprises") {
      if (!parse_u64(value, n)) return usage("--enterprises needs a whole number");
      options.enterprises = static_cast<std::size_t>(n);
    } else if (arg == "--seed") {
      if (!parse_u64(value, n)) return usage("--seed needs a whole number");
      options.seed = n;
    } else {
      return usage(("unknown argument " + std::string(arg)).c_str());
    }
  }
  if (out.empty()) return usage("--out DIR is required");
  try {
    const duixian::datagen::Census census = duixian::datagen::write_wenzhou_2019(options, out);
    std::cout << "wrote " << out << "/enterprises.csv, facts.csv, facts-revision.csv (seed " << options.seed
              << ")\n";
    duixian::datagen::print_census(std::cout, census);
  } catch (const duixian::Error& e) {
    std::cerr << "duixian-datagen: " << e.message() << "\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "duixian-datagen: " << e.what() << "\n";
    return 1;
  }
  return 0;
}

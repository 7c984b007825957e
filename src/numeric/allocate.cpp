#include "duixian/allocate.hpp"

#include <algorithm>
#include <numeric>

#include "numeric/u128.hpp"

namespace duixian {

std::vector<Money> allocate(const Money& total, const std::vector<Decimal>& weights) {
  using detail::Wide;
  if (weights.empty()) throw Error(ErrorCode::invalid_argument, "cannot allocate an amount over no weights");
  if (!total.is_whole_fen()) {
    throw Error(ErrorCode::invalid_argument, "cannot allocate " + total.to_string() + ": it is not a whole number of fen");
  }
  int scale = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (weights[i].sign() < 0) {
      throw Error(ErrorCode::invalid_argument,
                  "allocate: weight " + std::to_string(i) + " is negative (" + weights[i].to_string() + ")");
    }
    scale = std::max(scale, weights[i].scale());
  }
  // Weights as integers at a common scale; the total in fen.
  std::vector<Wide> w(weights.size());
  Wide sum = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    w[i] = detail::to_wide(detail::magnitude(weights[i].coefficient())) *
           detail::to_wide(detail::pow10(scale - weights[i].scale()));
    sum += w[i];
  }
  if (sum == 0) throw Error(ErrorCode::invalid_argument, "cannot allocate an amount when all weights are zero");
  const Decimal total_fen_dec = total.amount().round(2, RoundingMode::down);
  const bool neg = total_fen_dec.sign() < 0;
  const Wide total_fen = detail::to_wide(detail::magnitude(total_fen_dec.coefficient()));

  std::vector<Wide> part(weights.size());
  std::vector<Wide> remainder(weights.size());
  Wide given = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    boost::multiprecision::divide_qr(Wide(total_fen * w[i]), sum, part[i], remainder[i]);
    given += part[i];
  }
  // Σ floor(T·w_i/W) ≥ T − n + 1, so fewer than n fen remain: at most one per part.
  std::vector<std::size_t> order(weights.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return remainder[a] > remainder[b]; });
  Wide missing = total_fen - given;
  for (std::size_t k = 0; missing > 0; ++k, --missing) ++part[order[k]];

  std::vector<Money> out;
  out.reserve(weights.size());
  for (const Wide& p : part) {
    const Wide hi = p >> 64;
    const detail::u128 m = (static_cast<detail::u128>(static_cast<std::uint64_t>(hi)) << 64) |
                           static_cast<std::uint64_t>(p & Wide(~std::uint64_t{0}));
    out.emplace_back(Decimal::from_parts(detail::make_coefficient(m, neg), 2));
  }
  return out;
}

}  // namespace duixian

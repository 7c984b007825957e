// allocate: largest remainder to the fen; the parts always sum to the total.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>

#include "duixian/allocate.hpp"

namespace duixian {
namespace {

Money Y(const char* text) { return Money::parse(text); }
Decimal D(const char* text) { return Decimal::parse(text); }

std::vector<std::string> texts(const std::vector<Money>& parts) {
  std::vector<std::string> out;
  for (const Money& p : parts) out.push_back(p.to_string());
  return out;
}

TEST(Allocate, ThirdsGiveTheSpareFenToTheFirst) {
  EXPECT_EQ(texts(allocate(Y("100.00"), {D("1"), D("1"), D("1")})),
            (std::vector<std::string>{"33.34", "33.33", "33.33"}));
}

TEST(Allocate, LargestRemainderWins) {
  // 10.00 × (1, 2, 4)/7 = 1.428…, 2.857…, 5.714… → floors 1.42, 2.85, 5.71 (sum 9.98);
  // remainders .8, .6, .2 (in fen) → the two spare fen go to the first two parts.
  EXPECT_EQ(texts(allocate(Y("10.00"), {D("1"), D("2"), D("4")})),
            (std::vector<std::string>{"1.43", "2.86", "5.71"}));
}

TEST(Allocate, BudgetOfTheReferenceWorkload) {
  // A budget of 300.00 over claims 200, 100, 50 (sum 350): 171.428…, 85.714…, 42.857…
  // floors 171.42 + 85.71 + 42.85 = 299.98; remainders 0.8, 0.4, 0.7 → +1 fen to parts 0 and 2.
  EXPECT_EQ(texts(allocate(Y("300"), {D("200"), D("100"), D("50")})),
            (std::vector<std::string>{"171.43", "85.71", "42.86"}));
}

TEST(Allocate, ZeroWeightsGetNothingAndNegativeTotalsMirror) {
  EXPECT_EQ(texts(allocate(Y("1.00"), {D("0"), D("1"), D("0.0")})), (std::vector<std::string>{"0.00", "1.00", "0.00"}));
  EXPECT_EQ(texts(allocate(Y("-100.00"), {D("1"), D("1"), D("1")})),
            (std::vector<std::string>{"-33.34", "-33.33", "-33.33"}));
  EXPECT_EQ(texts(allocate(Y("0"), {D("1"), D("2")})), (std::vector<std::string>{"0.00", "0.00"}));
}

TEST(Allocate, TiesGoToTheLowerIndex) {
  EXPECT_EQ(texts(allocate(Y("0.02"), {D("1"), D("1"), D("1")})), (std::vector<std::string>{"0.01", "0.01", "0.00"}));
  EXPECT_EQ(texts(allocate(Y("0.01"), {D("0.5"), D("0.50"), D("0.500")})),
            (std::vector<std::string>{"0.01", "0.00", "0.00"}));
}

TEST(Allocate, RejectsBadArguments) {
  auto expect_invalid = [](const Money& total, const std::vector<Decimal>& weights) {
    try {
      (void)allocate(total, weights);
      ADD_FAILURE() << "accepted";
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::invalid_argument) << e.what();
    }
  };
  expect_invalid(Y("1"), {});
  expect_invalid(Y("1"), {D("0"), D("0")});
  expect_invalid(Y("1"), {D("1"), D("-1")});
  expect_invalid(Y("1.005"), {D("1")});
}

TEST(Allocate, PartsAlwaysSumToTheTotalProperty) {
  // Property over thousands of random cases: exact sum, every part a whole fen with
  // the total's sign, each part within one fen of its exact share, and a larger
  // weight never gets fewer fen than a smaller one.
  std::mt19937_64 rng(12418);
  for (int c = 0; c < 5000; ++c) {
    const long long fen = static_cast<long long>(rng() % 10000000000ULL) - (c % 5 == 0 ? 5000000000LL : 0);
    const Money total = Money::from_fen(fen);
    const std::size_t n = 1 + rng() % 40;
    std::vector<Decimal> weights;
    for (std::size_t i = 0; i < n; ++i) {
      weights.push_back(Decimal::from_parts(static_cast<long long>(rng() % 1000000), static_cast<int>(rng() % 4)));
    }
    if (std::all_of(weights.begin(), weights.end(), [](const Decimal& w) { return w.is_zero(); })) weights[0] = Decimal(1);
    const std::vector<Money> parts = allocate(total, weights);
    ASSERT_EQ(parts.size(), n);
    Money sum;
    Decimal wsum;
    for (const Decimal& w : weights) wsum += w;
    for (std::size_t i = 0; i < n; ++i) {
      sum += parts[i];
      EXPECT_EQ(parts[i].amount().scale(), 2);
      EXPECT_TRUE(parts[i].amount().sign() * (fen < 0 ? -1 : 1) >= 0);
      const Decimal exact_share_times_w = total.amount() * weights[i];
      // |part·Σw − total·w_i| < 0.01·Σw
      EXPECT_LT((parts[i].amount() * wsum - exact_share_times_w).abs(), wsum * Decimal::parse("0.01"));
      for (std::size_t j = 0; j < n; ++j) {
        if (weights[i] > weights[j]) {
          EXPECT_GE(parts[i].amount().abs(), parts[j].amount().abs());
        }
      }
    }
    ASSERT_EQ(sum, total) << "case " << c;
  }
}

}  // namespace
}  // namespace duixian

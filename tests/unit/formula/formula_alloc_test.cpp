// Evaluation allocates nothing on the heap, and one compiled formula serves many threads.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <new>
#include <string>
#include <thread>
#include <vector>

#include "duixian/formula.hpp"

namespace {
// Counts the allocations of the thread that asks for it (the rest of the test binary is unaffected).
thread_local bool g_counting = false;
thread_local std::size_t g_allocations = 0;
}  // namespace

void* operator new(std::size_t size) {
  if (g_counting) ++g_allocations;
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
// Every non-aligned form is replaced, so that no allocation from the library's own
// operator new (the nothrow one std::stable_sort uses, say) is freed by ours: ASan
// reports that as an alloc-dealloc mismatch.
void* operator new[](std::size_t size) { return ::operator new(size); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  if (g_counting) ++g_allocations;
  return std::malloc(size == 0 ? 1 : size);
}
void* operator new[](std::size_t size, const std::nothrow_t& tag) noexcept { return ::operator new(size, tag); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }

namespace duixian {
namespace {

class FormulaRuntime : public ::testing::Test {
 protected:
  FormulaRuntime() {
    schema_.add({"output", MetricType::money, PeriodKind::quarter, {}});
    schema_.add({"grade", MetricType::enumeration, PeriodKind::year, {"A", "B", "C", "D"}});
    schema_.add({"entry", MetricType::date, PeriodKind::timeless, {}});
    RegisterBuilder b(schema_);
    for (int i = 0; i < 200; ++i) {
      char body[16];
      std::snprintf(body, sizeof body, "%08d", i);
      const auto e = b.add_enterprise({complete_credit_code("91330302", body), "e", RegionCode::parse(i % 2 ? "330302" : "330105"),
                                       IndustryCode::parse(i % 3 ? "C1952" : "F5123"),
                                       i % 4 ? std::vector<std::string>{"above_scale"} : std::vector<std::string>{},
                                       Date::from_ymd(2000 + i % 20, 1, 1), {}});
      if (i % 5 != 0) b.add_fact(e, 0, Quarter(2018, 1), FactValue::number(Decimal::from_parts(1000000 + i * 1234, 2)));
      b.add_fact(e, 0, Quarter(2019, 1), FactValue::number(Decimal::from_parts(1100000 + i * 4321, 2)));
      b.add_fact(e, 1, Year(2018), FactValue::text(std::string(1, static_cast<char>('A' + i % 4))));
      if (i % 7 != 0) b.add_fact(e, 2, Period(), FactValue::date(Date::from_ymd(2016, 2, 29).add_days(i)));
    }
    reg_ = std::move(b).build();
    env_.schema = &schema_;
    env_.book_year = 2019;
  }

  Formula compile(const char* text) const { return Formula::compile(text, env_, FormulaOrigin{}); }

  MetricSchema schema_;
  Register reg_;
  FormulaEnvironment env_;
};

const char* const kFormulas[] = {
    "if has_tag('above_scale') and output[same_quarter_last_year] > 0 "
    "then tier(output[this_quarter] / output[same_quarter_last_year] - 1, 0.10, 5万, 0.20, 10万, 0.30, 20万) else 0",
    "min(10% * coalesce(output[2018Q1], 0), 500万)",
    "round(30% * output[this_quarter] * overlap_days(entry, add_days(add_years(entry, 3), -1), this_quarter) / "
    "days(this_quarter), 2)",
    "grade[prev_year] = 'A' or grade[prev_year] = 'B'",
    "coalesce(grade[2019], grade[2018])",
    "in_region('3303') and in_industry('C19') and region = '330302' and industry != 'F5123'",
    "progressive(output[this_quarter], 0, 1%, 100万, 2%) + abs(-1) * clamp(max(1, 2, 3), 0, 2)",
    "exists(entry) and within(entry, |2016-01-01|, last_day) and year_of(registered_on) < book_year",
};

TEST_F(FormulaRuntime, EvaluationAllocatesNothing) {
  for (const char* text : kFormulas) {
    const Formula f = compile(text);
    std::size_t values = 0;
    g_allocations = 0;
    g_counting = true;
    for (EnterpriseIndex e = 0; e < reg_.size(); ++e) {
      const Evaluation r = evaluate(f, EvaluationContext{&reg_, e, Quarter(2019, 1), Quarter(2019, 2)});
      values += r.status == Evaluation::Status::value ? 1 : 0;
    }
    g_counting = false;
    EXPECT_EQ(g_allocations, 0u) << text;
    EXPECT_GT(values, 0u) << text;
  }
}

TEST_F(FormulaRuntime, OneFormulaManyThreads) {
  std::vector<Formula> formulas;
  for (const char* text : kFormulas) formulas.push_back(compile(text));
  // Reference results on this thread.
  const auto fingerprint = [&](const Formula& f, EnterpriseIndex e) {
    const Evaluation r = evaluate(f, EvaluationContext{&reg_, e, Quarter(2019, 1), Quarter(2019, 2)});
    return std::to_string(static_cast<int>(r.status)) + r.number.to_string() + (r.boolean ? "T" : "F") +
           std::string(r.text);
  };
  std::vector<std::string> expected;
  for (const Formula& f : formulas) {
    for (EnterpriseIndex e = 0; e < reg_.size(); ++e) expected.push_back(fingerprint(f, e));
  }
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int round = 0; round < 20; ++round) {
        std::size_t k = 0;
        for (const Formula& f : formulas) {
          for (EnterpriseIndex e = 0; e < reg_.size(); ++e) {
            if (fingerprint(f, e) != expected[k++]) ++mismatches;
          }
        }
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(mismatches.load(), 0);
}

}  // namespace
}  // namespace duixian

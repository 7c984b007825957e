// Running the per-enterprise pipeline over a register: phase one (budget claims), the
// budget decision, phase two (lines), on several threads, in register order.
#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>

#include "duixian/error.hpp"
#include "settle/engine.hpp"
#include "settle/settlement_data.hpp"

namespace duixian {

namespace detail {

namespace {

constexpr std::size_t kChunk = 1024;  // enterprises per unit of work

unsigned thread_count(const SettleOptions& options, std::size_t chunks) {
  unsigned n = options.threads != 0 ? options.threads : std::max(1U, std::thread::hardware_concurrency());
  return static_cast<unsigned>(std::min<std::size_t>(n, std::max<std::size_t>(1, chunks)));
}

// Calls work(worker, chunk) for every chunk on `threads` threads. Chunks are independent
// and their results are combined in chunk order afterwards, so the outcome does not
// depend on the thread count. The exception of the lowest failing chunk is rethrown;
// once a chunk has failed, no chunk after it starts (none could change which error is
// reported). Chunks already running finish.
template <class Work>
void for_each_chunk(std::size_t chunks, unsigned threads, Work&& work) {
  std::vector<std::exception_ptr> errors(chunks);
  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> first_failed{chunks};
  const auto worker = [&](unsigned id) {
    for (std::size_t c = next++; c < chunks && c < first_failed.load(); c = next++) {
      try {
        work(id, c);
      } catch (...) {
        errors[c] = std::current_exception();
        std::size_t seen = first_failed.load();
        while (c < seen && !first_failed.compare_exchange_weak(seen, c)) {
        }
      }
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(worker, t);
  worker(0);
  for (std::thread& t : pool) t.join();
  for (const std::exception_ptr& e : errors) {
    if (e) std::rethrow_exception(e);
  }
}

// Counts enterprises done and tells SettleOptions::progress: one call at a time (the
// thread that gets the lock reports; the others go on), `done` never decreasing.
class ProgressReporter {
 public:
  ProgressReporter(const SettleOptions& options, std::size_t total, std::size_t done_before)
      : report_(options.progress), total_(total), done_(done_before) {}

  // After `n` more enterprises.
  void advance(std::size_t n) {
    if (!report_) return;
    done_ += n;
    std::unique_lock<std::mutex> lock(mutex_, std::try_to_lock);
    if (lock.owns_lock() && total_ != 0) report_(done_.load(), total_);
  }

  // The last call (on the calling thread, after the workers have joined).
  void finish(std::size_t done) {
    if (report_ && total_ != 0) report_(done, total_);
  }

 private:
  const std::function<void(std::size_t, std::size_t)>& report_;
  std::size_t total_;
  std::atomic<std::size_t> done_;
  std::mutex mutex_;
};

constexpr std::size_t kProgressStep = 4096;  // enterprises between reports from one thread

// The passes over the register a settlement makes: two when a budget needs claims first.
std::size_t passes(const SettlePlan& plan) {
  return std::any_of(plan.policies.begin(), plan.policies.end(),
                     [](const PolicyPlan& p) { return p.in_phase_one; })
             ? 2
             : 1;
}

// Enterprises run in register order, which is the order of the fact columns (neighbouring
// enterprises share cache lines); the merge puts the results in credit-code order.
std::vector<EnterpriseIndex> in_register_order(const Register& reg) {
  std::vector<EnterpriseIndex> order(reg.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<EnterpriseIndex>(i);
  return order;
}

// Per-thread state on its own cache lines: neighbouring threads writing their own
// counters and vector ends in one line would take the line from each other every time.
template <class T>
struct alignas(64) Padded {
  T value;
};

struct ChunkOut {
  std::vector<SettledEnterprise> enterprises;
  std::vector<SettlementLine> lines;
  std::vector<SettledEnterprise> omitted_enterprises;
  std::vector<Omission> omissions;
  std::vector<BudgetClaim> claims;
  std::uint64_t evaluations = 0;
};

}  // namespace

struct ShardData {
  std::shared_ptr<const PolicyBook> book;
  Register reg;  // a handle: the settlement keeps it for explanations and provenance
  std::shared_ptr<const SettlePlan> plan;
  std::uint32_t shard = 0;
  SettleOptions options;
  std::vector<EnterpriseIndex> order;
  std::vector<BudgetClaim> claims;

  static Shard make(std::unique_ptr<ShardData> d) { return Shard(std::move(d)); }
  static ShardData& of(Shard& shard) { return *shard.impl_; }
};

}  // namespace detail

Shard::Shard(std::unique_ptr<detail::ShardData> impl) noexcept : impl_(std::move(impl)) {}
Shard::~Shard() = default;
Shard::Shard(Shard&&) noexcept = default;
Shard& Shard::operator=(Shard&&) noexcept = default;
const std::vector<BudgetClaim>& Shard::claims() const noexcept { return impl_->claims; }

Shard begin_shard(const PolicyBook& book, const Register& reg, const Quarter& quarter, std::uint32_t shard,
                  const SettleOptions& options) {
  auto d = std::make_unique<detail::ShardData>();
  d->book = std::make_shared<const PolicyBook>(book);
  d->plan = std::make_shared<const detail::SettlePlan>(*d->book, reg, quarter);
  d->reg = reg;
  d->shard = shard;
  d->options = options;
  d->order = detail::in_register_order(reg);
  if (detail::passes(*d->plan) == 2) {
    detail::ProgressReporter progress(options, 2 * d->order.size(), 0);
    const std::size_t chunks = (d->order.size() + detail::kChunk - 1) / detail::kChunk;
    std::vector<detail::Padded<std::vector<BudgetClaim>>> out(chunks);
    const unsigned threads = detail::thread_count(options, chunks);
    std::vector<detail::Padded<detail::EnterprisePass>> passes(threads, {detail::EnterprisePass(*d->plan)});
    std::vector<detail::Padded<detail::EnterpriseResult>> scratch(threads);
    detail::for_each_chunk(chunks, threads, [&](unsigned worker, std::size_t c) {
      const std::size_t end = std::min(d->order.size(), (c + 1) * detail::kChunk);
      for (std::size_t i = c * detail::kChunk; i < end; ++i) {
        detail::EnterpriseResult& r = scratch[worker].value;
        r.clear();
        const detail::EnterpriseInputs in{&reg, d->order[i], nullptr, nullptr};
        passes[worker].value.run(in, true, r);
        out[c].value.insert(out[c].value.end(), r.claims.begin(), r.claims.end());
      }
      progress.advance(end - c * detail::kChunk);
    });
    for (auto& part : out) d->claims.insert(d->claims.end(), part.value.begin(), part.value.end());
  }
  return detail::ShardData::make(std::move(d));
}

namespace detail {

Settlement finish_unordered(Shard shard, const BudgetDecision& budgets, const PaidTotals& previously_paid) {
  detail::ShardData& d = detail::ShardData::of(shard);
  const Register& reg = d.reg;
  // One contiguous range per thread: each output grows in place (small chunks of
  // their own cost a mapping and page faults each), and ranges join in register order.
  const unsigned threads = detail::thread_count(d.options, (d.order.size() + detail::kChunk - 1) / detail::kChunk);
  const std::size_t chunks = threads;
  const std::size_t per = (d.order.size() + chunks - 1) / chunks;
  std::vector<detail::Padded<detail::ChunkOut>> padded(chunks);
  std::vector<detail::Padded<detail::EnterprisePass>> passes(threads, {detail::EnterprisePass(*d.plan)});
  std::vector<detail::Padded<detail::EnterpriseResult>> scratch(threads);
  const bool keep_omissions = d.options.keep_omissions;
  const std::size_t before = (detail::passes(*d.plan) - 1) * d.order.size();  // the claims pass
  detail::ProgressReporter progress(d.options, before + d.order.size(), before);
  detail::for_each_chunk(chunks, threads, [&](unsigned worker, std::size_t c) {
    detail::ChunkOut& o = padded[c].value;
    const std::size_t begin = std::min(d.order.size(), c * per);
    const std::size_t end = std::min(d.order.size(), (c + 1) * per);
    o.enterprises.reserve((end - begin) * 3 / 4);
    o.lines.reserve((end - begin) * 5);
    for (std::size_t i = begin; i < end; ++i) {
      const EnterpriseIndex e = d.order[i];
      detail::EnterpriseResult& r = scratch[worker].value;
      r.clear();
      const detail::EnterpriseInputs in{&reg, e, &budgets, &previously_paid};
      passes[worker].value.run(in, false, r);
      o.evaluations += r.evaluations;
      const SettledEnterprise who{reg[e].code, reg[e].region, e, d.shard};
      if (!r.lines.empty()) {
        const auto idx = static_cast<std::uint32_t>(o.enterprises.size());
        o.enterprises.push_back(who);
        for (const detail::LineRecord& l : r.lines) {
          o.lines.push_back(SettlementLine{idx, l.policy, l.due, l.cumulative, l.previously_paid, l.payout, l.city,
                                           l.county});
        }
      }
      if (keep_omissions && !r.omissions.empty()) {
        const auto idx = static_cast<std::uint32_t>(o.omitted_enterprises.size());
        o.omitted_enterprises.push_back(who);
        for (const detail::OmissionRecord& m : r.omissions) {
          o.omissions.push_back(Omission{idx, m.policy, m.quarter, m.reason, m.metric, m.period_key});
        }
      }
      if ((i - begin + 1) % detail::kProgressStep == 0) progress.advance(detail::kProgressStep);
    }
    progress.advance((end - begin) % detail::kProgressStep);
  });
  progress.finish(before + d.order.size());
  std::vector<detail::ChunkOut> out;
  out.reserve(padded.size());
  for (auto& p : padded) out.push_back(std::move(p.value));
  auto s = std::make_unique<detail::SettlementData>();
  s->book = d.book;
  s->plan = d.plan;
  s->quarter = d.plan->quarter;
  s->budgets = budgets;
  s->registers.emplace_back(d.shard, reg);
  if (out.size() == 1) {
    s->enterprises = std::move(out[0].enterprises);
    s->lines = std::move(out[0].lines);
    s->omitted_enterprises = std::move(out[0].omitted_enterprises);
    s->omissions = std::move(out[0].omissions);
    s->evaluations = out[0].evaluations;
    return detail::SettlementData::make(std::move(s));
  }
  std::size_t n_lines = 0;
  std::size_t n_omissions = 0;
  for (const detail::ChunkOut& o : out) {
    n_lines += o.lines.size();
    n_omissions += o.omissions.size();
  }
  s->lines.reserve(n_lines);
  s->omissions.reserve(n_omissions);
  for (detail::ChunkOut& o : out) {
    const auto e0 = static_cast<std::uint32_t>(s->enterprises.size());
    const auto m0 = static_cast<std::uint32_t>(s->omitted_enterprises.size());
    s->enterprises.insert(s->enterprises.end(), o.enterprises.begin(), o.enterprises.end());
    s->omitted_enterprises.insert(s->omitted_enterprises.end(), o.omitted_enterprises.begin(),
                                  o.omitted_enterprises.end());
    for (SettlementLine& l : o.lines) {
      l.enterprise += e0;
      s->lines.push_back(l);
    }
    for (Omission& m : o.omissions) {
      m.enterprise += m0;
      s->omissions.push_back(m);
    }
    s->evaluations += o.evaluations;
    o = detail::ChunkOut{};
  }
  return detail::SettlementData::make(std::move(s));
}

}  // namespace detail

Settlement finish_shard(Shard shard, const BudgetDecision& budgets, const PaidTotals& previously_paid) {
  std::vector<Settlement> one;
  one.push_back(detail::finish_unordered(std::move(shard), budgets, previously_paid));
  return detail::merge_shards(std::move(one), nullptr);
}

Settlement settle(const PolicyBook& book, const Register& reg, const Quarter& quarter,
                  const PaidTotals& previously_paid, const SettleOptions& options) {
  Shard whole = begin_shard(book, reg, quarter, 0, options);
  const BudgetDecision budgets = BudgetDecision::decide(book, whole.claims());
  std::vector<Settlement> one;
  one.push_back(detail::finish_unordered(std::move(whole), budgets, previously_paid));
  return detail::merge_shards(std::move(one), &previously_paid);
}

Settlement settle(const PolicyBook& book, const Register& reg, const Quarter& quarter, const Ledger& ledger,
                  const SettleOptions& options) {
  const PaidTotals paid = ledger.paid_before(quarter);
  Settlement s = settle(book, reg, quarter, paid, options);
  if (const std::optional<CommitRecord> committed = ledger.commit_of(quarter)) {
    PendingCommit entries = detail::commit_entries(detail::SettlementData::of(s));
    entries.book_sha256 = entries.data_sha256 = std::string(64, '0');  // only the entries digest is compared
    const PreparedCommit prepared = prepare_commit(entries);
    detail::SettlementData::of(s).state = prepared.entries_sha256 == committed->entries_sha256
                                              ? LedgerState::committed_identical
                                              : LedgerState::committed_different;
  }
  return s;
}

}  // namespace duixian

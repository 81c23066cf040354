#include "server/service/quote_hub.h"

#include <utility>

namespace quotewire {

struct QuoteHub::Subscription::State {
  explicit State(Filter f, size_t capacity)
      : filter(std::move(f)), capacity(capacity) {}

  const Filter filter;
  const size_t capacity;
  absl::Mutex mu;
  absl::CondVar cv;
  std::deque<PublishedQuote> queue ABSL_GUARDED_BY(mu);
  bool overflowed ABSL_GUARDED_BY(mu) = false;
  bool closed ABSL_GUARDED_BY(mu) = false;
};

QuoteHub::Subscription::Subscription(QuoteHub* hub,
                                     std::shared_ptr<State> state)
    : hub_(hub), state_(std::move(state)) {}

QuoteHub::Subscription::~Subscription() { hub_->Unsubscribe(state_); }

QuoteHub::Next QuoteHub::Subscription::Wait(absl::Duration timeout,
                                            PublishedQuote* out) {
  State& s = *state_;
  const absl::Time deadline = absl::Now() + timeout;
  absl::MutexLock lock(&s.mu);
  while (s.queue.empty() && !s.overflowed && !s.closed) {
    if (s.cv.WaitWithDeadline(&s.mu, deadline)) break;  // timed out
  }
  if (!s.queue.empty()) {
    *out = std::move(s.queue.front());
    s.queue.pop_front();
    return Next::kQuote;
  }
  if (s.overflowed) return Next::kOverflow;
  if (s.closed) return Next::kClosed;
  return Next::kTimeout;
}

QuoteHub::QuoteHub(const Options& options) : options_(options) {}

QuoteHub::~QuoteHub() { Shutdown(); }

std::unique_ptr<QuoteHub::Subscription> QuoteHub::Subscribe(Filter filter) {
  auto state = std::make_shared<Subscription::State>(
      std::move(filter), options_.queue_capacity);
  {
    absl::MutexLock lock(&mu_);
    if (shut_down_) {
      absl::MutexLock state_lock(&state->mu);
      state->closed = true;
    } else {
      subscribers_.insert(state);
    }
  }
  return std::unique_ptr<Subscription>(new Subscription(this, state));
}

void QuoteHub::Publish(const std::vector<PublishedQuote>& quotes) {
  if (quotes.empty()) return;
  absl::MutexLock lock(&mu_);
  for (const auto& state : subscribers_) {
    bool woke = false;
    for (const PublishedQuote& quote : quotes) {
      if (!state->filter(quote)) continue;
      absl::MutexLock state_lock(&state->mu);
      if (state->overflowed || state->closed) break;
      if (state->queue.size() >= state->capacity) {
        state->overflowed = true;
      } else {
        state->queue.push_back(quote);
      }
      woke = true;
    }
    if (woke) state->cv.SignalAll();
  }
}

void QuoteHub::Shutdown() {
  absl::MutexLock lock(&mu_);
  shut_down_ = true;
  for (const auto& state : subscribers_) {
    absl::MutexLock state_lock(&state->mu);
    state->closed = true;
    state->cv.SignalAll();
  }
}

size_t QuoteHub::subscriber_count() const {
  absl::MutexLock lock(&mu_);
  return subscribers_.size();
}

void QuoteHub::Unsubscribe(const std::shared_ptr<Subscription::State>& state) {
  absl::MutexLock lock(&mu_);
  subscribers_.erase(state);
}

}  // namespace quotewire

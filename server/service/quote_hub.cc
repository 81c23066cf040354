#include "server/service/quote_hub.h"

#include <utility>

namespace quotewire {

struct QuoteHub::Subscription::State {
  State(Filter f, std::function<void()> n, bool keep_text, size_t capacity,
        size_t max_bytes)
      : filter(std::move(f)),
        notify(std::move(n)),
        keep_text(keep_text),
        capacity(capacity),
        max_bytes(max_bytes) {}

  const Filter filter;
  const std::function<void()> notify;
  const bool keep_text;
  const size_t capacity;
  const size_t max_bytes;
  absl::Mutex mu;
  absl::CondVar cv;
  std::deque<PublishedQuote> queue ABSL_GUARDED_BY(mu);
  size_t bytes ABSL_GUARDED_BY(mu) = 0;
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
  return PopLocked(out);
}

QuoteHub::Next QuoteHub::Subscription::TryNext(PublishedQuote* out) {
  absl::MutexLock lock(&state_->mu);
  return PopLocked(out);
}

QuoteHub::Next QuoteHub::Subscription::Ended() {
  absl::MutexLock lock(&state_->mu);
  if (state_->overflowed) return Next::kOverflow;
  if (state_->closed) return Next::kClosed;
  return Next::kTimeout;
}

QuoteHub::Next QuoteHub::Subscription::PopLocked(PublishedQuote* out) {
  State& s = *state_;
  if (!s.queue.empty()) {
    s.bytes -= QueuedBytes(s.queue.front(), s.keep_text);
    *out = std::move(s.queue.front());
    s.queue.pop_front();
    return Next::kQuote;
  }
  if (s.overflowed) return Next::kOverflow;
  if (s.closed) return Next::kClosed;
  return Next::kTimeout;
}

size_t QuoteHub::QueuedBytes(const PublishedQuote& published, bool with_text) {
  const StoredQuote& q = published.quote;
  size_t bytes = sizeof(PublishedQuote) + q.article_id.size() +
                 q.quote.id.size() + q.quote.text.size() + q.quote.cue.size() +
                 q.quote.outlet.size() + q.quote.speaker.name.size() +
                 q.quote.speaker.mention.size() +
                 q.quote.speaker.description.size() +
                 q.quote.speaker.person_id.size() +
                 q.quote.spans.size() * sizeof(Span);
  for (const std::string& topic : q.quote.topics) bytes += topic.size() + 32;
  for (const QuoteSource& source : q.sources) {
    bytes += sizeof(QuoteSource) + source.source_id.size() +
             source.display_name.size();
  }
  if (with_text && published.article_text != nullptr) {
    bytes += published.article_text->size();
  }
  return bytes;
}

QuoteHub::QuoteHub(const Options& options) : options_(options) {}

QuoteHub::~QuoteHub() { Shutdown(); }

std::unique_ptr<QuoteHub::Subscription> QuoteHub::Subscribe(
    Filter filter, std::function<void()> notify, bool keep_text) {
  auto state = std::make_shared<Subscription::State>(
      std::move(filter), std::move(notify), keep_text, options_.queue_capacity,
      options_.queue_bytes);
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
  std::vector<std::shared_ptr<Subscription::State>> overflowed;
  for (const auto& state : subscribers_) {
    bool woke = false;
    {
      absl::MutexLock state_lock(&state->mu);
      for (const PublishedQuote& quote : quotes) {
        if (state->overflowed || state->closed) break;
        if (!state->filter(quote)) continue;
        woke = true;
        const size_t bytes = QueuedBytes(quote, state->keep_text);
        if (state->queue.size() >= state->capacity ||
            state->bytes + bytes > state->max_bytes) {
          // The slow watcher is ended; what it holds is freed now.
          state->overflowed = true;
          state->queue.clear();
          state->bytes = 0;
          overflowed.push_back(state);
          break;
        }
        state->queue.push_back(quote);
        if (!state->keep_text) state->queue.back().article_text.reset();
        state->bytes += bytes;
      }
      if (woke) state->cv.SignalAll();
    }
    if (woke && state->notify) state->notify();
  }
  // An overflowed subscription gets nothing more.
  for (const auto& state : overflowed) subscribers_.erase(state);
}

void QuoteHub::Shutdown() {
  absl::MutexLock lock(&mu_);
  shut_down_ = true;
  for (const auto& state : subscribers_) {
    {
      absl::MutexLock state_lock(&state->mu);
      state->closed = true;
      state->cv.SignalAll();
    }
    if (state->notify) state->notify();
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

// QuoteHub: in-process publish/subscribe of newly stored quotes, behind
// WatchQuotes. The ingest paths Publish() every quote they store; each
// watcher Subscribe()s with a filter and Wait()s on its own bounded queue.
//
//   QuoteHub hub({.queue_capacity = 256});
//   auto sub = hub.Subscribe([](const PublishedQuote& q) { return ...; });
//   PublishedQuote q;
//   while (sub->Wait(absl::Milliseconds(200), &q) != QuoteHub::Next::kClosed)
//     ...
//
// A watcher that reads slower than quotes arrive overflows its queue (more
// than queue_capacity quotes, or more than queue_bytes bytes): its queue is
// freed at once and the subscription reports kOverflow rather than silently
// skipping quotes.
//
// Watchers served without a thread each (the callback API) subscribe with a
// `notify` function, called after quotes are queued or the subscription
// ends, and take quotes with TryNext().
//
// Thread safety: every method may be called concurrently. The hub must
// outlive its subscriptions.
#ifndef QUOTEWIRE_SERVER_SERVICE_QUOTE_HUB_H_
#define QUOTEWIRE_SERVER_SERVICE_QUOTE_HUB_H_

#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_set.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "server/store/store.h"

namespace quotewire {

// A stored quote with the text of its article (for offset conversion).
struct PublishedQuote {
  StoredQuote quote;
  std::shared_ptr<const std::string> article_text;
};

class QuoteHub {
 public:
  struct Options {
    // Quotes a subscription holds before it overflows.
    size_t queue_capacity = 256;
    // Bytes (QueuedBytes()) a subscription holds before it overflows.
    size_t queue_bytes = 4 << 20;
  };

  // What a queued quote counts against queue_bytes: its strings, plus its
  // article's text when the subscription keeps it.
  static size_t QueuedBytes(const PublishedQuote& quote, bool with_text);

  enum class Next {
    kQuote,     // *out holds the next quote
    kTimeout,   // nothing arrived within the timeout (TryNext: nothing queued)
    kOverflow,  // the queue overflowed (and was dropped); finished
    kClosed,    // the hub shut down; the subscription is finished
  };

  // Decides whether a subscriber wants a quote. Called on the publishing
  // thread; must be thread-safe and cheap.
  using Filter = std::function<bool(const PublishedQuote&)>;

  class Subscription {
   public:
    ~Subscription();
    Subscription(const Subscription&) = delete;
    Subscription& operator=(const Subscription&) = delete;

    // Returns the next queued quote, waiting up to `timeout` for one.
    Next Wait(absl::Duration timeout, PublishedQuote* out);
    // Wait() without waiting.
    Next TryNext(PublishedQuote* out);
    // kOverflow or kClosed once the subscription has ended, whatever is
    // still queued; kTimeout before.
    Next Ended();

   private:
    friend class QuoteHub;
    struct State;
    Subscription(QuoteHub* hub, std::shared_ptr<State> state);
    Next PopLocked(PublishedQuote* out);

    QuoteHub* hub_;
    std::shared_ptr<State> state_;
  };

  explicit QuoteHub(const Options& options);
  QuoteHub(const QuoteHub&) = delete;
  QuoteHub& operator=(const QuoteHub&) = delete;
  ~QuoteHub();

  // A new subscription receiving every quote published from now on that
  // `filter` accepts. After Shutdown() the subscription is closed at once.
  // `notify`, when given, is called (on the publishing thread, with no lock
  // of the subscription held; it must not call back into the hub) after
  // quotes were queued for it and when it overflows or closes. Without
  // `keep_text` the quotes come without their article's text.
  std::unique_ptr<Subscription> Subscribe(Filter filter,
                                          std::function<void()> notify = {},
                                          bool keep_text = true);

  // Offers each quote to every subscription, in order.
  void Publish(const std::vector<PublishedQuote>& quotes);

  // Closes every subscription (current and future) and wakes their waiters.
  void Shutdown();

  size_t subscriber_count() const;

 private:
  void Unsubscribe(const std::shared_ptr<Subscription::State>& state);

  const Options options_;
  mutable absl::Mutex mu_;
  bool shut_down_ ABSL_GUARDED_BY(mu_) = false;
  absl::flat_hash_set<std::shared_ptr<Subscription::State>> subscribers_
      ABSL_GUARDED_BY(mu_);
};

}  // namespace quotewire

#endif  // QUOTEWIRE_SERVER_SERVICE_QUOTE_HUB_H_

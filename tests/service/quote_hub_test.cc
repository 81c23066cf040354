#include "server/service/quote_hub.h"

#include <thread>

#include "gtest/gtest.h"

namespace quotewire {
namespace {

PublishedQuote MakeQuote(const std::string& text, const std::string& language) {
  PublishedQuote q;
  q.quote.quote.text = text;
  q.quote.quote.language = language;
  q.article_text = std::make_shared<const std::string>(text);
  return q;
}

TEST(QuoteHub, DeliversMatchingQuotesInOrder) {
  QuoteHub hub({8});
  auto nl = hub.Subscribe(
      [](const PublishedQuote& q) { return q.quote.quote.language == "nl"; });
  auto all = hub.Subscribe([](const PublishedQuote&) { return true; });
  EXPECT_EQ(hub.subscriber_count(), 2u);
  hub.Publish({MakeQuote("one", "en"), MakeQuote("twee", "nl"),
               MakeQuote("drie", "nl")});

  PublishedQuote out;
  ASSERT_EQ(nl->Wait(absl::ZeroDuration(), &out), QuoteHub::Next::kQuote);
  EXPECT_EQ(out.quote.quote.text, "twee");
  ASSERT_EQ(nl->Wait(absl::ZeroDuration(), &out), QuoteHub::Next::kQuote);
  EXPECT_EQ(out.quote.quote.text, "drie");
  EXPECT_EQ(nl->Wait(absl::Milliseconds(1), &out), QuoteHub::Next::kTimeout);

  for (const char* expected : {"one", "twee", "drie"}) {
    ASSERT_EQ(all->Wait(absl::ZeroDuration(), &out), QuoteHub::Next::kQuote);
    EXPECT_EQ(out.quote.quote.text, expected);
  }
  nl.reset();
  EXPECT_EQ(hub.subscriber_count(), 1u);
}

TEST(QuoteHub, OnlyQuotesPublishedAfterSubscribing) {
  QuoteHub hub({8});
  hub.Publish({MakeQuote("before", "en")});
  auto sub = hub.Subscribe([](const PublishedQuote&) { return true; });
  PublishedQuote out;
  EXPECT_EQ(sub->Wait(absl::Milliseconds(1), &out), QuoteHub::Next::kTimeout);
}

TEST(QuoteHub, OverflowEndsTheSubscriptionAndFreesItsQueue) {
  QuoteHub hub({2});
  auto sub = hub.Subscribe([](const PublishedQuote&) { return true; });
  hub.Publish({MakeQuote("a", "en"), MakeQuote("b", "en"), MakeQuote("c", "en")});
  PublishedQuote out;
  EXPECT_EQ(sub->Wait(absl::ZeroDuration(), &out), QuoteHub::Next::kOverflow);
}

TEST(QuoteHub, ByteBudgetEndsASlowSubscriptionAndNotifies) {
  PublishedQuote big = MakeQuote("short", "en");
  big.article_text = std::make_shared<const std::string>(10000, 'x');
  const size_t one = QuoteHub::QueuedBytes(big, true);
  QuoteHub::Options options;
  options.queue_capacity = 1000;
  options.queue_bytes = 2 * one + one / 2;
  QuoteHub hub(options);
  int notified = 0;
  auto sub = hub.Subscribe([](const PublishedQuote&) { return true; },
                           [&notified] { ++notified; });
  // Without the article text a quote weighs far less: four fit.
  auto lean = hub.Subscribe([](const PublishedQuote&) { return true; }, {},
                            /*keep_text=*/false);
  hub.Publish({big, big});
  EXPECT_EQ(notified, 1);
  PublishedQuote out;
  ASSERT_EQ(sub->TryNext(&out), QuoteHub::Next::kQuote);
  EXPECT_EQ(out.article_text->size(), 10000u);
  hub.Publish({big, big});  // 3 queued: over the budget
  EXPECT_EQ(notified, 2);
  EXPECT_EQ(sub->TryNext(&out), QuoteHub::Next::kOverflow);
  for (int i = 0; i < 4; ++i) {
    ASSERT_EQ(lean->TryNext(&out), QuoteHub::Next::kQuote);
    EXPECT_EQ(out.article_text, nullptr);
  }
  EXPECT_EQ(lean->TryNext(&out), QuoteHub::Next::kTimeout);
}

TEST(QuoteHub, ShutdownWakesWaitersAndClosesNewSubscriptions) {
  QuoteHub hub({8});
  auto sub = hub.Subscribe([](const PublishedQuote&) { return true; });
  QuoteHub::Next result = QuoteHub::Next::kTimeout;
  std::thread waiter([&] {
    PublishedQuote out;
    result = sub->Wait(absl::Hours(1), &out);
  });
  hub.Shutdown();
  waiter.join();
  EXPECT_EQ(result, QuoteHub::Next::kClosed);

  auto late = hub.Subscribe([](const PublishedQuote&) { return true; });
  PublishedQuote out;
  EXPECT_EQ(late->Wait(absl::Hours(1), &out), QuoteHub::Next::kClosed);
}

TEST(QuoteHub, WaiterWakesOnPublish) {
  QuoteHub hub({8});
  auto sub = hub.Subscribe([](const PublishedQuote&) { return true; });
  PublishedQuote out;
  std::thread publisher([&] { hub.Publish({MakeQuote("late", "en")}); });
  EXPECT_EQ(sub->Wait(absl::Hours(1), &out), QuoteHub::Next::kQuote);
  EXPECT_EQ(out.quote.quote.text, "late");
  publisher.join();
}

}  // namespace
}  // namespace quotewire

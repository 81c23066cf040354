#include "server/service/response_cache.h"

#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "gtest/gtest.h"

namespace quotewire {
namespace {

ResponseCache::Bytes Bytes(std::string s) {
  return std::make_shared<const std::string>(std::move(s));
}

// The kept response, or "miss".
std::string Find(ResponseCache& cache, std::string_view key, uint64_t generation) {
  ResponseCache::Bytes found = cache.Find(key, generation);
  return found ? *found : "miss";
}

TEST(ResponseCacheTest, AnswersOnlyInTheGenerationItWasComputedIn) {
  ResponseCache cache(1 << 20);
  EXPECT_EQ(Find(cache, "person=a", 5), "miss");
  cache.Insert("person=a", 5, Bytes("page a"));
  cache.Insert("", 5, Bytes("everything"));  // an empty request is a key too
  EXPECT_EQ(Find(cache, "person=a", 5), "page a");
  EXPECT_EQ(Find(cache, "", 5), "everything");
  EXPECT_EQ(Find(cache, "person=b", 5), "miss");
  // A write committed: nothing of generation 5 is answered any more.
  EXPECT_EQ(Find(cache, "person=a", 6), "miss");
  EXPECT_EQ(Find(cache, "", 6), "miss");
  const ResponseCache::Stats stats = cache.stats();
  EXPECT_EQ(stats.hits, 2u);
  EXPECT_EQ(stats.misses, 4u);
  EXPECT_EQ(stats.entries, 2u);
}

TEST(ResponseCacheTest, NewerGenerationRetiresOlderAndOlderInsertsAreIgnored) {
  ResponseCache cache(1 << 20);
  cache.Insert("k", 5, Bytes("old"));
  cache.Insert("k", 6, Bytes("new"));
  EXPECT_EQ(Find(cache, "k", 6), "new");
  EXPECT_EQ(Find(cache, "k", 5), "miss");
  // A reader that took generation 5 before the write finishes late: its
  // answer may predate the write and is not kept.
  cache.Insert("late", 5, Bytes("stale"));
  EXPECT_EQ(Find(cache, "late", 5), "miss");
  EXPECT_EQ(Find(cache, "late", 6), "miss");
  // The first answer for a key in a generation stays (the same bytes).
  cache.Insert("k", 6, Bytes("again"));
  EXPECT_EQ(Find(cache, "k", 6), "new");
}

TEST(ResponseCacheTest, AnsweredResponsesOutliveTheirEntries) {
  ResponseCache cache(1 << 20);
  cache.Insert("k", 1, Bytes("page"));
  ResponseCache::Bytes sending = cache.Find("k", 1);
  cache.Insert("k", 2, Bytes("newer"));  // retires the entry
  ASSERT_NE(sending, nullptr);
  EXPECT_EQ(*sending, "page");
}

TEST(ResponseCacheTest, BoundedInBytesWithASecondChanceForWhatIsAsked) {
  // 8 shards of 8 KiB: responses of 500 bytes, at most ~12 per shard.
  ResponseCache cache(64 << 10);
  const std::string body(500, 'x');
  for (int i = 0; i < 1000; ++i) {
    cache.Insert("key" + std::to_string(i), 1, Bytes(body));
    // key0 is asked for all along: it keeps getting a second chance.
    EXPECT_EQ(Find(cache, "key0", 1), body) << "after " << i;
  }
  const ResponseCache::Stats stats = cache.stats();
  EXPECT_LE(stats.bytes, size_t{64} << 10);
  EXPECT_GT(stats.entries, 50u);
  EXPECT_LT(stats.entries, 130u);
  EXPECT_EQ(Find(cache, "key1", 1), "miss");  // never asked for: gone
  EXPECT_EQ(Find(cache, "key999", 1), body);  // the newest stays
  // Larger than an eighth of a shard: not kept.
  cache.Insert("big", 1, Bytes(std::string(2000, 'y')));
  EXPECT_EQ(Find(cache, "big", 1), "miss");
}

TEST(ResponseCacheTest, ZeroCapacityKeepsNothing) {
  ResponseCache cache(0);
  EXPECT_FALSE(cache.enabled());
  cache.Insert("k", 1, Bytes("page"));
  EXPECT_EQ(Find(cache, "k", 1), "miss");
  EXPECT_EQ(cache.stats().entries, 0u);
}

TEST(ResponseCacheTest, ConcurrentReadersAndGenerations) {
  ResponseCache cache(1 << 20);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&cache, t] {
      for (uint64_t g = 1; g <= 200; ++g) {
        const std::string key = "k" + std::to_string((g * 7 + t) % 13);
        const std::string body = key + "@" + std::to_string(g);
        ResponseCache::Bytes found = cache.Find(key, g);
        if (found) {
          EXPECT_EQ(*found, body);  // never another generation's answer
        } else {
          cache.Insert(key, g, Bytes(body));
        }
      }
    });
  }
  for (std::thread& t : threads) t.join();
}

}  // namespace
}  // namespace quotewire

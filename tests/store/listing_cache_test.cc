#include "server/store/listing_cache.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gtest/gtest.h"

namespace quotewire {
namespace store_internal {
namespace {

// The row a cache lookup appends, or "miss" / "no row".
std::string Lookup(EncodedQuoteCache& cache, int64_t rid) {
  std::vector<char> out = {'>'};  // appended after what is there
  size_t lengths[3] = {0, 0, 0};
  switch (cache.AppendTo(rid, &out, lengths)) {
    case EncodedQuoteCache::Lookup::kMiss:
      return "miss";
    case EncodedQuoteCache::Lookup::kNoRow:
      return "no row";
    case EncodedQuoteCache::Lookup::kFound:
      break;
  }
  const std::string bytes(out.begin(), out.end());
  EXPECT_EQ(bytes.size(), 1 + lengths[0] + lengths[1] + lengths[2]);
  return bytes.substr(0, 1 + lengths[0]) + "|" +
         bytes.substr(1 + lengths[0], lengths[1]) + "|" +
         bytes.substr(1 + lengths[0] + lengths[1]);
}

TEST(EncodedQuoteCacheTest, KeepsRowsAndRidsWithoutOne) {
  EncodedQuoteCache cache(1 << 20);
  EXPECT_EQ(Lookup(cache, 7), "miss");
  cache.Insert(cache.Ticket(), 7, EncodedRowView{"p-1", "Anna", "\x0a\x02hi"});
  cache.Insert(cache.Ticket(), 8, std::nullopt);
  EXPECT_EQ(Lookup(cache, 7), ">p-1|Anna|\x0a\x02hi");
  EXPECT_EQ(Lookup(cache, 8), "no row");
  EXPECT_EQ(cache.size(), 2u);
  // A row without a person.
  cache.Insert(cache.Ticket(), 9, EncodedRowView{"", "", "body"});
  EXPECT_EQ(Lookup(cache, 9), ">||body");
}

TEST(EncodedQuoteCacheTest, InvalidationForgetsRowsAndRefusesOlderReads) {
  EncodedQuoteCache cache(1 << 20);
  cache.Insert(cache.Ticket(), 1, EncodedRowView{"a", "A", "old"});
  // A reader takes its ticket, a writer invalidates rid 2 meanwhile: what
  // the reader read (maybe before the write) is not kept, whatever its rid.
  const uint64_t before_write = cache.Ticket();
  cache.Invalidate({1, 2});
  EXPECT_EQ(Lookup(cache, 1), "miss");
  cache.Insert(before_write, 2, EncodedRowView{"a", "A", "stale"});
  cache.Insert(before_write, 3, std::nullopt);
  EXPECT_EQ(Lookup(cache, 2), "miss");
  EXPECT_EQ(Lookup(cache, 3), "miss");
  // A read after the write is kept.
  cache.Insert(cache.Ticket(), 2, EncodedRowView{"a", "A", "new"});
  EXPECT_EQ(Lookup(cache, 2), ">a|A|new");
  cache.Clear();
  EXPECT_EQ(Lookup(cache, 2), "miss");
  EXPECT_EQ(cache.size(), 0u);
  EXPECT_EQ(cache.bytes(), 0u);
}

TEST(EncodedQuoteCacheTest, StaysWithinCapacityAndKeepsRowsInUse) {
  // 16 shards of 4 KiB: a few dozen rows of ~100 bytes each.
  EncodedQuoteCache cache(64 << 10);
  const std::string body(100, 'x');
  cache.Insert(cache.Ticket(), 0, EncodedRowView{"p", "P", body});
  for (int64_t rid = 1; rid < 5000; ++rid) {
    // Rid 0 is read all along; the others once, when inserted.
    ASSERT_EQ(Lookup(cache, 0), ">p|P|" + body) << rid;
    cache.Insert(cache.Ticket(), rid, EncodedRowView{"p", "P", body});
  }
  EXPECT_LE(cache.bytes(), size_t{64 << 10});
  EXPECT_GT(cache.size(), 100u);
  EXPECT_LT(cache.size(), 5000u / 4);
  // The newest rows are there, the oldest unread ones are not.
  EXPECT_EQ(Lookup(cache, 4999), ">p|P|" + body);
  EXPECT_EQ(Lookup(cache, 1), "miss");
}

TEST(EncodedQuoteCacheTest, ZeroCapacityKeepsNothing) {
  EncodedQuoteCache cache(0);
  EXPECT_FALSE(cache.enabled());
  cache.Insert(cache.Ticket(), 1, EncodedRowView{"a", "A", "b"});
  EXPECT_EQ(Lookup(cache, 1), "miss");
}

TEST(GenerationMapTest, AnswersOnlyInTheirGeneration) {
  GenerationMap<std::vector<std::string>> map(3);
  map.Insert("Anna", 5, {"anna-k"});
  EXPECT_EQ(map.Find("Anna", 5), std::vector<std::string>{"anna-k"});
  EXPECT_EQ(map.Find("Anna", 6), std::nullopt);
  EXPECT_EQ(map.Find("anna", 5), std::nullopt);
  // Full: it starts over.
  map.Insert("B", 5, {});
  map.Insert("C", 5, {});
  map.Insert("D", 5, {"d"});
  EXPECT_EQ(map.Find("Anna", 5), std::nullopt);
  EXPECT_EQ(map.Find("D", 5), std::vector<std::string>{"d"});

  GenerationMap<int> none(0);
  none.Insert("x", 1, 1);
  EXPECT_EQ(none.Find("x", 1), std::nullopt);
}

}  // namespace
}  // namespace store_internal
}  // namespace quotewire

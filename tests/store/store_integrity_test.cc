// Integrity and availability of the SQLite store: connections come back to
// the pool clean whatever happened to their last use, every documented
// timestamp stores and sorts, corrupt, foreign, moved and deleted files are
// detected, and internal errors do not leak SQL.
#include <sqlite3.h>

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/store/sqlite_store.h"
#include "tests/store/store_test_util.h"

namespace quotewire {
namespace {

using testing_util::FakeClock;
using testing_util::MakeArticle;
using testing_util::Options;
using testing_util::TempDb;

std::unique_ptr<Store> OpenOrDie(const SqliteStoreOptions& options) {
  auto store = OpenSqliteStore(options);
  EXPECT_TRUE(store.ok()) << store.status();
  return store.ok() ? std::move(*store) : nullptr;
}

// Every read rpc's store call succeeds.
void ExpectReadsWork(Store& store, const std::string& article_id) {
  EXPECT_TRUE(store.GetArticle(article_id).ok())
      << store.GetArticle(article_id).status();
  EXPECT_TRUE(store.GetArticleQuotes(article_id).ok());
  EXPECT_TRUE(store.GetPerson("Maria Kolesnikova").ok())
      << store.GetPerson("Maria Kolesnikova").status();
  EXPECT_TRUE(store.ListPeople("", std::nullopt, PageOptions()).ok());
  EXPECT_TRUE(store.ListSources("", PageOptions()).ok());
  EXPECT_TRUE(store.ListTopics(PageOptions()).ok());
  auto listed = store.ListQuotes(QuoteFilter(), PageOptions());
  ASSERT_TRUE(listed.ok()) << listed.status();
  EXPECT_FALSE(listed->items.empty());
}

// ---------------------------------------------------------------------------
// Item: a cancelled read must not leave its connection inside a transaction.

// SQLite asks the progress handler at the end of a statement too, counting the
// steps of a prepared statement across its runs: a cached BEGIN run often
// enough by cancelled callers is sooner or later "interrupted" after it opened
// the transaction. With one read connection and every caller cancelled, that
// happens within a few hundred reads, deterministically.
TEST(StoreIntegrityTest, CancelledReadsNeverPoisonTheReadPool) {
  TempDb db;
  FakeClock clock;
  SqliteStoreOptions options = Options(db.path(), &clock);
  options.read_connections = 1;
  auto store = OpenOrDie(options);
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store
                  ->PutArticle(MakeArticle(
                      "a1", {{"The budget is fine.", "Maria Kolesnikova"}},
                      absl::FromUnixSeconds(1600000000), "Reuters"))
                  .ok());
  int cancelled = 0;
  for (int i = 0; i < 3000; ++i) {
    ScopedCancellation cancel([] { return true; });
    auto got = (i % 2 == 0) ? store->GetArticle("a1").status()
                            : store->ListQuotes(QuoteFilter(), PageOptions())
                                  .status();
    if (!got.ok()) {
      ASSERT_EQ(got.code(), absl::StatusCode::kCancelled) << got;
      ++cancelled;
    }
  }
  EXPECT_GT(cancelled, 0);
  ExpectReadsWork(*store, "a1");
}

}  // namespace
}  // namespace quotewire

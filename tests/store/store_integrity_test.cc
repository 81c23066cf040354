// Integrity and availability of the SQLite store: connections come back to
// the pool clean whatever happened to their last use, every documented
// timestamp stores and sorts, corrupt, foreign, moved and deleted files are
// detected, and internal errors do not leak SQL.
#include <sqlite3.h>

#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/store/sqlite_db.h"
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
    auto got = (i % 2 == 0)
                   ? store->GetArticle("a1").status()
                   : store->ListQuotes(QuoteFilter(), PageOptions()).status();
    if (!got.ok()) {
      ASSERT_EQ(got.code(), absl::StatusCode::kCancelled) << got;
      ++cancelled;
    }
  }
  EXPECT_GT(cancelled, 0);
  ExpectReadsWork(*store, "a1");
}

// ---------------------------------------------------------------------------
// Item: every documented publish time (google.protobuf.Timestamp:
// 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999999Z) stores and sorts.

absl::Time Utc(int year, int month, int day) {
  return absl::FromCivil(absl::CivilSecond(year, month, day, 0, 0, 0),
                         absl::UTCTimeZone());
}

std::vector<absl::Time> DocumentedTimes() {
  return {
      absl::FromUnixSeconds(-62135596800),  // 0001-01-01T00:00:00Z
      Utc(1000, 6, 1),
      Utc(1831, 5, 1),  // around the old key's lower clamp
      Utc(1900, 1, 1),
      absl::FromUnixMillis(-1),
      absl::UnixEpoch(),
      Utc(2024, 3, 1),
      Utc(2109, 5, 15),
      Utc(2109, 5, 16),  // past the old key's upper clamp
      Utc(2200, 1, 1),
      Utc(5000, 7, 4),
      absl::FromUnixSeconds(253402300799) + absl::Microseconds(999999),
  };
}

// Quotes of articles published at `times` (two quotes each, the first by
// Maria Kolesnikova, all published by Reuters, all with the word "harbour")
// list newest first on every listing path: the time index, the search index
// (walked by rid), a person, a source; with a page size that splits a
// millisecond's quotes over two pages.
void ExpectNewestFirstEverywhere(Store& store,
                                 const std::vector<absl::Time>& times) {
  std::vector<QuoteFilter> filters(4);
  filters[1].query = "harbour";
  filters[2].person = "Maria Kolesnikova";
  filters[3].source = "Reuters";
  for (const QuoteFilter& filter : filters) {
    std::vector<absl::Time> seen;
    PageOptions page;
    page.page_size = 3;
    for (int guard = 0; guard < 100; ++guard) {
      auto listed = store.ListQuotes(filter, page);
      ASSERT_TRUE(listed.ok()) << listed.status();
      for (const StoredQuote& q : listed->items) seen.push_back(q.publish_time);
      if (listed->next_page_token.empty()) break;
      page.page_token = listed->next_page_token;
    }
    std::vector<absl::Time> want;
    const size_t per_time = filter.person.empty() ? 2 : 1;
    for (auto it = times.rbegin(); it != times.rend(); ++it) {
      want.insert(want.end(), per_time, *it);
    }
    EXPECT_EQ(seen, want) << "filter query='" << filter.query << "' person='"
                          << filter.person << "' source='" << filter.source
                          << "'";
  }
}

// Stores the articles of ExpectNewestFirstEverywhere, out of order so that
// order comes from the key and not from the ingest sequence.
void PutArticlesAt(Store& store, const std::vector<absl::Time>& times) {
  for (size_t k = 0; k < times.size(); ++k) {
    const size_t i = (k * 5) % times.size();
    auto put = store.PutArticle(MakeArticle(
        absl::StrCat("t", i),
        {{absl::StrCat("Harbour remark ", i, " one."), "Maria Kolesnikova"},
         {absl::StrCat("Harbour remark ", i, " two."), "Anna Smith"}},
        times[i], "Reuters"));
    ASSERT_TRUE(put.ok()) << i << ": " << put.status();
  }
}

TEST(StoreIntegrityTest, ArticleWithoutQuotesStoresAt2200) {
  FakeClock clock;
  auto store = OpenOrDie(Options(":memory:", &clock));
  ASSERT_NE(store, nullptr);
  AnalyzedArticle a = MakeArticle("empty", {}, Utc(2200, 1, 1));
  a.article.text = "No quote here.";
  auto put = store->PutArticle(a);
  ASSERT_TRUE(put.ok()) << put.status();
  auto got = store->GetArticle("empty");
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(got->article.publish_time, Utc(2200, 1, 1));
}

TEST(StoreIntegrityTest, EveryDocumentedPublishTimeStoresAndSorts) {
  TempDb db;
  FakeClock clock;
  auto store = OpenOrDie(Options(db.path(), &clock));
  ASSERT_NE(store, nullptr);
  const std::vector<absl::Time> times = DocumentedTimes();
  PutArticlesAt(*store, times);
  ExpectNewestFirstEverywhere(*store, times);
  // Time ranges select exactly the quotes inside, on both listing paths.
  for (size_t lo = 0; lo < times.size(); ++lo) {
    for (size_t hi = lo; hi < times.size(); hi += 3) {
      for (const std::string& query : {std::string(), std::string("harbour")}) {
        QuoteFilter filter;
        filter.query = query;
        filter.start_time = times[lo];
        filter.end_time = times[hi];
        PageOptions page;
        page.page_size = 1000;
        auto listed = store->ListQuotes(filter, page);
        ASSERT_TRUE(listed.ok()) << listed.status();
        EXPECT_EQ(listed->items.size(), 2 * (hi - lo))
            << "range " << lo << ".." << hi << " query '" << query << "'";
      }
    }
  }
}

// Encodes a quote as its id (ListEncodedQuotes pages then tell their order).
class IdEncoder : public QuoteEncoder {
 public:
  std::string format() const override { return "test-ids-1"; }
  std::string Encode(const StoredQuote& quote) const override {
    return quote.quote.id;
  }
};

// A file written before schema version 7 (rids (ms + 2^42) * 2^20 + n, every
// time before 1831-04 in the lowest slot) still lists in order after the
// migration, on every path, and its old page tokens are refused.
TEST(StoreIntegrityTest, MigrationMovesOldRidsAndKeepsTheOrder) {
  TempDb db;
  FakeClock clock;
  IdEncoder encoder;
  SqliteStoreOptions options = Options(db.path(), &clock);
  options.encoder = &encoder;
  // Times the old layout could store: 1831-04 to 2109-05 in their own slot,
  // earlier ones all in the lowest slot.
  const std::vector<absl::Time> times = {
      Utc(1000, 6, 1), Utc(1500, 1, 1),          Utc(1831, 5, 1),
      Utc(1900, 1, 1), absl::FromUnixMillis(-1), absl::UnixEpoch(),
      Utc(2024, 3, 1), Utc(2109, 5, 1)};
  std::string old_token;
  {
    auto store = OpenOrDie(options);
    ASSERT_NE(store, nullptr);
    PutArticlesAt(*store, times);
    PageOptions page;
    page.page_size = 2;
    auto first = store->ListQuotes(QuoteFilter(), page);
    ASSERT_TRUE(first.ok());
    old_token = first->next_page_token;
  }
  {
    // Back to the old layout and schema version 6, as an older build left it:
    // each pass moves rows into rids no row holds.
    auto conn = store_internal::Connection::Open(db.path(),
                                                 SQLITE_OPEN_READWRITE, 1000);
    ASSERT_TRUE(conn.ok());
    const std::string edge = "4611686018427387904";  // 2^62
    const std::string lowest = "-4611686018427387904";
    for (const std::string table : {"quotes", "quote_fts"}) {
      const std::string rid = table == "quotes" ? "rid" : "rowid";
      ASSERT_TRUE(
          (*conn)
              ->Exec(absl::StrCat("UPDATE ", table, " SET ", rid, " = ", rid,
                                  " + ", edge, " WHERE ", rid, " >= 0"))
              .ok());
      // Earlier than 1831-04: the lowest slot, in ingest order.
      auto far = (*conn)->QueryText(absl::StrCat(
          "SELECT group_concat(", rid, ") FROM (SELECT ", rid, " FROM ", table,
          " WHERE ", rid, " < ", lowest, " ORDER BY ", rid, ")"));
      ASSERT_TRUE(far.ok());
      int n = 0;
      for (absl::string_view r : absl::StrSplit(*far, ',')) {
        ASSERT_TRUE(
            (*conn)
                ->Exec(absl::StrCat("UPDATE ", table, " SET ", rid, " = ", n++,
                                    " WHERE ", rid, " = ", r))
                .ok());
      }
      ASSERT_TRUE((*conn)
                      ->Exec(absl::StrCat("UPDATE ", table, " SET ", rid, " = ",
                                          rid, " + ", edge, " WHERE ", rid,
                                          " >= ", lowest, " AND ", rid, " < 0"))
                      .ok());
    }
    ASSERT_TRUE((*conn)
                    ->Exec("UPDATE quote_topics SET rid = (SELECT rid FROM "
                           "quotes q WHERE q.id = quote_id); "
                           "UPDATE quote_sources SET rid = (SELECT rid FROM "
                           "quotes q WHERE q.id = quote_id); "
                           "DELETE FROM encoded_quotes; "
                           "DELETE FROM schema_migrations WHERE version >= 7")
                    .ok());
    auto rids = (*conn)->QueryText(
        "SELECT group_concat(rid) FROM (SELECT rid FROM quotes ORDER BY rid)");
    ASSERT_TRUE(rids.ok());
    EXPECT_EQ(rids->substr(0, 4), "0,1,") << *rids;  // the lowest slot
  }
  // The old encoding is what the encoded listings were keyed by too: rebuild
  // them under the old rids, as an older build would have left them.
  {
    SqliteStoreOptions plain = options;
    plain.encoder = nullptr;
    auto conn = store_internal::Connection::Open(db.path(),
                                                 SQLITE_OPEN_READWRITE, 1000);
    ASSERT_TRUE(conn.ok());
    ASSERT_TRUE(
        (*conn)
            ->Exec("INSERT INTO encoded_quotes(rid, person_id, "
                   "speaker_name, body) SELECT rid, coalesce(person_id, "
                   "''), speaker_name, id FROM quotes WHERE speech = 1")
            .ok());
  }
  auto store = OpenOrDie(options);
  ASSERT_NE(store, nullptr);
  ExpectNewestFirstEverywhere(*store, times);
  // Pre-encoded listings were rebuilt under the new rids.
  QuoteFilter by_person;
  by_person.person = "Maria Kolesnikova";
  PageOptions all;
  all.page_size = 100;
  auto encoded = store->ListEncodedQuotes(by_person, all);
  ASSERT_TRUE(encoded.ok()) << encoded.status();
  ASSERT_TRUE(encoded->has_value());
  auto listed = store->ListQuotes(by_person, all);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ((*encoded)->entries.size(), listed->items.size());
  for (size_t i = 0; i < listed->items.size(); ++i) {
    EXPECT_EQ((*encoded)->entries[i].body, listed->items[i].quote.id) << i;
  }
  // A token issued under the old rids is refused, not misread.
  PageOptions stale;
  stale.page_token = old_token;
  EXPECT_EQ(store->ListQuotes(QuoteFilter(), stale).status().code(),
            absl::StatusCode::kInvalidArgument);
  // New articles of any time go in between.
  const std::vector<absl::Time> more = {Utc(1200, 1, 1), Utc(2300, 1, 1)};
  for (size_t i = 0; i < more.size(); ++i) {
    ASSERT_TRUE(
        store
            ->PutArticle(MakeArticle(absl::StrCat("m", i),
                                     {{"Harbour news.", "Maria Kolesnikova"},
                                      {"More harbour news.", "Anna Smith"}},
                                     more[i], "Reuters"))
            .ok());
  }
  std::vector<absl::Time> all_times = times;
  all_times.insert(all_times.end(), more.begin(), more.end());
  std::sort(all_times.begin(), all_times.end());
  ExpectNewestFirstEverywhere(*store, all_times);
}

// ---------------------------------------------------------------------------
// Items: damaged, foreign, deleted and replaced files; what errors say.

// A file with `n` articles of two quotes each.
void Fill(const std::string& path, int n) {
  FakeClock clock;
  auto store = OpenOrDie(Options(path, &clock));
  ASSERT_NE(store, nullptr);
  for (int i = 0; i < n; ++i) {
    ASSERT_TRUE(
        store
            ->PutArticle(MakeArticle(
                absl::StrCat("f", i),
                {{absl::StrCat("Harbour remark number ", i,
                               " about the budget and the long winter."),
                  "Maria Kolesnikova"},
                 {absl::StrCat("Another remark ", i), "Anna Smith"}},
                absl::FromUnixSeconds(1600000000 + i), "Reuters", {}, "en",
                std::string(300, 'x')))
            .ok());
  }
}

std::unique_ptr<store_internal::Connection> Raw(const std::string& path) {
  auto conn = store_internal::Connection::Open(
      path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, 1000);
  EXPECT_TRUE(conn.ok()) << conn.status();
  return conn.ok() ? std::move(*conn) : nullptr;
}

// Overwrites page `page` (1-based) of the file with random bytes.
void Scribble(const std::string& path, int64_t page, int64_t page_size) {
  std::FILE* f = std::fopen(path.c_str(), "r+b");
  ASSERT_NE(f, nullptr);
  std::string junk(page_size, '\0');
  uint32_t x = 12345;
  for (char& c : junk) {
    x = x * 1103515245 + 12345;
    c = static_cast<char>(x >> 24);
  }
  ASSERT_EQ(std::fseek(f, (page - 1) * page_size, SEEK_SET), 0);
  ASSERT_EQ(std::fwrite(junk.data(), 1, junk.size(), f), junk.size());
  std::fclose(f);
}

// A middle leaf page of the articles table, after a checkpoint.
int64_t ArticlesLeafPage(const std::string& path, int64_t* page_size) {
  auto conn = Raw(path);
  EXPECT_TRUE(conn->Exec("PRAGMA wal_checkpoint(TRUNCATE)").ok());
  *page_size = std::stoll(*conn->QueryText("PRAGMA page_size"));
  auto pages = conn->QueryText(
      "SELECT group_concat(pageno) FROM (SELECT pageno FROM dbstat "
      "WHERE name = 'articles' AND pagetype = 'leaf' ORDER BY pageno)");
  EXPECT_TRUE(pages.ok()) << pages.status();
  std::vector<std::string> all = absl::StrSplit(*pages, ',');
  return std::stoll(all[all.size() / 2]);
}

TEST(StoreIntegrityTest, DamagedFileIsRefusedOnOpenAndDataLossWhenSkipped) {
  TempDb db;
  Fill(db.path(), 200);
  int64_t page_size = 0;
  const int64_t page = ArticlesLeafPage(db.path(), &page_size);
  Scribble(db.path(), page, page_size);
  FakeClock clock;
  auto refused = OpenSqliteStore(Options(db.path(), &clock));
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kDataLoss)
      << refused.status();
  EXPECT_THAT(std::string(refused.status().message()),
              ::testing::StartsWith(db.path()));

  // Skipping the check (a large archive): reads of the damaged page answer
  // DataLoss, never INTERNAL nor a broken string, and health turns.
  SqliteStoreOptions options = Options(db.path(), &clock);
  options.check_on_open = false;
  auto store = OpenOrDie(options);
  ASSERT_NE(store, nullptr);
  EXPECT_TRUE(store->Health().ok());
  int damaged = 0;
  for (int i = 0; i < 200; ++i) {
    auto got = store->GetArticle(absl::StrCat("f", i));
    if (got.ok()) continue;
    EXPECT_EQ(got.status().code(), absl::StatusCode::kDataLoss)
        << i << ": " << got.status();
    ++damaged;
  }
  EXPECT_GT(damaged, 0);
  EXPECT_EQ(store->Health().code(), absl::StatusCode::kDataLoss);
}

TEST(StoreIntegrityTest, InvalidUtf8InARowIsDataLossNeverSent) {
  TempDb db;
  Fill(db.path(), 3);
  {
    auto conn = Raw(db.path());
    ASSERT_TRUE(conn->Exec("UPDATE articles SET title = CAST(x'48c328' AS "
                           "TEXT) WHERE id = 'f1'; "
                           "UPDATE people SET display_name = CAST(x'41ff' AS "
                           "TEXT) WHERE display_name = 'Anna Smith'")
                    .ok());
  }
  FakeClock clock;
  auto store = OpenOrDie(Options(db.path(), &clock));
  ASSERT_NE(store, nullptr);
  EXPECT_TRUE(store->GetArticle("f0").ok());
  EXPECT_EQ(store->GetArticle("f1").status().code(),
            absl::StatusCode::kDataLoss);
  EXPECT_EQ(store->ListQuotes(QuoteFilter(), PageOptions()).status().code(),
            absl::StatusCode::kDataLoss);
  EXPECT_EQ(store->ListPeople("", std::nullopt, PageOptions()).status().code(),
            absl::StatusCode::kDataLoss);
  EXPECT_EQ(store->Health().code(), absl::StatusCode::kDataLoss);
}

TEST(StoreIntegrityTest, ForeignFilesAreRefusedAndOldQuotewireFilesAdopted) {
  FakeClock clock;
  {
    // Another program's database: left as it was.
    TempDb db;
    {
      auto conn = Raw(db.path());
      ASSERT_TRUE(conn->Exec("CREATE TABLE invoices(id INTEGER PRIMARY KEY, "
                             "total REAL); INSERT INTO invoices VALUES (1, 2)")
                      .ok());
    }
    auto refused = OpenSqliteStore(Options(db.path(), &clock));
    EXPECT_EQ(refused.status().code(), absl::StatusCode::kFailedPrecondition)
        << refused.status();
    EXPECT_THAT(std::string(refused.status().message()),
                ::testing::StartsWith(db.path()));
    EXPECT_EQ(std::string(refused.status().message()).find('\n'),
              std::string::npos);
    auto conn = Raw(db.path());
    EXPECT_EQ(*conn->QueryText("SELECT count(*) FROM sqlite_master"), "1");
    EXPECT_EQ(*conn->QueryText("PRAGMA journal_mode"), "delete");
  }
  {
    // Another application id, even with no table.
    TempDb db;
    ASSERT_TRUE(Raw(db.path())->Exec("PRAGMA application_id = 42").ok());
    EXPECT_EQ(OpenSqliteStore(Options(db.path(), &clock)).status().code(),
              absl::StatusCode::kFailedPrecondition);
  }
  {
    // A file of an older build (no id yet): adopted and stamped.
    TempDb db;
    Fill(db.path(), 2);
    ASSERT_TRUE(Raw(db.path())->Exec("PRAGMA application_id = 0").ok());
    auto store = OpenOrDie(Options(db.path(), &clock));
    ASSERT_NE(store, nullptr);
    EXPECT_TRUE(store->GetArticle("f1").ok());
    EXPECT_EQ(*Raw(db.path())->QueryText("PRAGMA application_id"),
              std::to_string(kQuotewireApplicationId));
  }
  {
    // A new file is stamped.
    TempDb db;
    ASSERT_NE(OpenOrDie(Options(db.path(), &clock)), nullptr);
    EXPECT_EQ(*Raw(db.path())->QueryText("PRAGMA application_id"),
              std::to_string(kQuotewireApplicationId));
  }
}

TEST(StoreIntegrityTest, DeletedOrReplacedFileRefusesWritesAndTurnsHealth) {
  struct Case {
    std::vector<std::string> deleted;  // suffixes of the files removed
    bool replace;                      // a new database at the path
  };
  // SQLite goes on writing to an unlinked -wal: commits not checkpointed
  // would be lost on the next open.
  const Case cases[] = {{{"", "-wal", "-shm"}, false},
                        {{"", "-wal", "-shm"}, true},
                        {{"-wal"}, false},
                        {{"-shm"}, false}};
  for (const Case& c : cases) {
    const std::string replace = absl::StrCat(
        absl::StrJoin(c.deleted, ","), c.replace ? " replaced" : "");
    TempDb db;
    FakeClock clock;
    auto store = OpenOrDie(Options(db.path(), &clock));
    ASSERT_NE(store, nullptr);
    ASSERT_TRUE(
        store->PutArticle(MakeArticle("a", {{"Fine.", "Anna Smith"}})).ok());
    EXPECT_TRUE(store->Health().ok());
    for (const std::string& suffix : c.deleted) {
      std::remove((db.path() + suffix).c_str());
    }
    if (c.replace) Fill(db.path(), 1);
    EXPECT_EQ(store->Health().code(), absl::StatusCode::kUnavailable)
        << replace;
    auto put = store->PutArticle(MakeArticle("b", {{"Lost.", "Anna Smith"}}));
    EXPECT_EQ(put.status().code(), absl::StatusCode::kUnavailable)
        << put.status();
    EXPECT_THAT(std::string(put.status().message()),
                ::testing::HasSubstr("deleted or replaced"));
    EXPECT_EQ(store->DeleteArticle("a").status().code(),
              absl::StatusCode::kUnavailable);
    // Reads still answer from the file as opened.
    EXPECT_TRUE(store->GetArticle("a").ok());
  }
}

TEST(StoreIntegrityTest, InternalErrorsCarryNoSql) {
  TempDb db;
  Fill(db.path(), 1);
  FakeClock clock;
  auto store = OpenOrDie(Options(db.path(), &clock));
  ASSERT_NE(store, nullptr);
  // A table gone behind the store's back: an internal error.
  ASSERT_TRUE(Raw(db.path())->Exec("DROP TABLE person_descriptions").ok());
  auto got = store->GetPerson("Maria Kolesnikova");
  ASSERT_EQ(got.status().code(), absl::StatusCode::kInternal) << got.status();
  const std::string message(got.status().message());
  for (const char* leak :
       {"person_descriptions", "SELECT", "WHERE", "sqlite:"}) {
    EXPECT_EQ(message.find(leak), std::string::npos) << message;
  }
}

}  // namespace
}  // namespace quotewire

// PgChangeFeed on the test PostgreSQL cluster: writes announce themselves
// at commit (never when rolled back), in commit order, to listeners in the
// same schema only; a lost listener connection comes back with kResync; a
// mark comes back in commit order, to its own feed only.
#include "server/store/postgres_changes.h"

#include <libpq-fe.h>

#include <unistd.h>

#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "gtest/gtest.h"
#include "tests/store/store_test_util.h"

namespace quotewire {
namespace {

using Kind = StoreChange::Kind;

using testing_util::PgSchema;

// A connection to a test schema with the two tables the feed watches.
class FeedDb {
 public:
  FeedDb() {
    conn_ = PQconnectdb(schema_.uri().c_str());
    EXPECT_EQ(PQstatus(conn_), CONNECTION_OK) << PQerrorMessage(conn_);
    Exec("CREATE TABLE articles(id text PRIMARY KEY, body text)");
    Exec("CREATE TABLE corrections(seq bigint)");
  }
  ~FeedDb() { PQfinish(conn_); }
  const std::string& uri() const { return schema_.uri(); }
  void Exec(const std::string& sql) {
    PGresult* result = PQexec(conn_, sql.c_str());
    const ExecStatusType status = PQresultStatus(result);
    EXPECT_TRUE(status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK)
        << sql << ": " << PQresultErrorMessage(result);
    PQclear(result);
  }

 private:
  PgSchema schema_;
  PGconn* conn_ = nullptr;
};

// Collects what a feed delivers.
class Collector {
 public:
  StoreChangeCallback callback() {
    return [this](const std::vector<StoreChange>& changes) {
      absl::MutexLock lock(&mu_);
      for (const StoreChange& c : changes) {
        got_.push_back(absl::StrCat(KindName(c.kind), c.article_id));
      }
    };
  }
  // What arrived once `count` changes have (or 10 s passed).
  std::vector<std::string> WaitFor(size_t count) {
    absl::MutexLock lock(&mu_);
    auto enough = [&] { return got_.size() >= count; };
    mu_.AwaitWithTimeout(absl::Condition(&enough), absl::Seconds(10));
    return got_;
  }

 private:
  static const char* KindName(Kind kind) {
    switch (kind) {
      case Kind::kArticleStored: return "stored:";
      case Kind::kArticleDeleted: return "deleted:";
      case Kind::kCorrection: return "correction";
      case Kind::kResync: return "resync";
      case Kind::kMark: return "mark:";
    }
    return "?";
  }
  absl::Mutex mu_;
  std::vector<std::string> got_;
};

std::unique_ptr<PgChangeFeed> StartFeed(const std::string& uri,
                                        Collector* collector) {
  PgChangeFeed::Options options;
  options.conninfo = uri;
  options.reconnect_delay = absl::Milliseconds(50);
  auto feed = PgChangeFeed::Start(options, collector->callback());
  EXPECT_TRUE(feed.ok()) << feed.status();
  return feed.ok() ? std::move(*feed) : nullptr;
}

TEST(PgChangeFeed, AnnouncesCommittedWritesInCommitOrderAndNotRollbacks) {
  FeedDb db;
  Collector collector;
  auto feed = StartFeed(db.uri(), &collector);
  ASSERT_NE(feed, nullptr);
  db.Exec("BEGIN; INSERT INTO articles VALUES ('gone', ''); ROLLBACK");
  db.Exec("INSERT INTO articles VALUES ('a1', '')");
  db.Exec(
      "BEGIN; INSERT INTO articles VALUES ('a2', ''); "
      "UPDATE articles SET body = 'x' WHERE id = 'a2'; "
      "INSERT INTO corrections VALUES (1), (2); COMMIT");
  db.Exec("DELETE FROM articles WHERE id = 'a1'");
  db.Exec("UPDATE articles SET id = 'a3' WHERE id = 'a2'");
  // The same payload twice in one transaction is announced once.
  EXPECT_EQ(collector.WaitFor(6),
            (std::vector<std::string>{"stored:a1", "stored:a2", "correction",
                                      "deleted:a1", "deleted:a2", "stored:a3"}));
  EXPECT_TRUE(feed->Health().ok());
}

TEST(PgChangeFeed, StoresInOtherSchemasAreNotHeard) {
  FeedDb db;
  FeedDb other;
  Collector collector;
  auto feed = StartFeed(db.uri(), &collector);
  Collector other_collector;
  auto other_feed = StartFeed(other.uri(), &other_collector);
  ASSERT_NE(feed, nullptr);
  ASSERT_NE(other_feed, nullptr);
  other.Exec("INSERT INTO articles VALUES ('theirs', '')");
  db.Exec("INSERT INTO articles VALUES ('ours', '')");
  EXPECT_EQ(collector.WaitFor(1), (std::vector<std::string>{"stored:ours"}));
  EXPECT_EQ(other_collector.WaitFor(1),
            (std::vector<std::string>{"stored:theirs"}));
}

// A mark comes back after every write committed before Mark() returned and
// before every write committed after; another feed on the same channel
// (another server) does not get it.
TEST(PgChangeFeed, MarksComeBackInCommitOrderToTheirOwnFeedOnly) {
  FeedDb db;
  Collector collector;
  auto feed = StartFeed(db.uri(), &collector);
  Collector other_collector;
  auto other_feed = StartFeed(db.uri(), &other_collector);
  ASSERT_NE(feed, nullptr);
  ASSERT_NE(other_feed, nullptr);
  db.Exec("INSERT INTO articles VALUES ('before', '')");
  ASSERT_TRUE(feed->Mark("w1").ok());
  db.Exec("INSERT INTO articles VALUES ('after', '')");
  EXPECT_EQ(collector.WaitFor(3),
            (std::vector<std::string>{"stored:before", "mark:w1", "stored:after"}));
  EXPECT_EQ(other_collector.WaitFor(2),
            (std::vector<std::string>{"stored:before", "stored:after"}));
}

TEST(PgChangeFeed, ReconnectsAfterItsConnectionIsKilledAndSaysSo) {
  FeedDb db;
  Collector collector;
  auto feed = StartFeed(db.uri(), &collector);
  ASSERT_NE(feed, nullptr);
  // Every LISTEN connection of this schema's channel is ended by the server.
  db.Exec(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
      "WHERE query LIKE 'LISTEN \"qw_' || current_schema() || '\"%'");
  // A resync as the connection is lost and another once listening again
  // (Health() is ok before it is sent). The feed reconnects at once, often
  // before the first one is read here: both are awaited together.
  EXPECT_EQ(collector.WaitFor(2), (std::vector<std::string>{"resync", "resync"}));
  EXPECT_TRUE(feed->Health().ok());
  db.Exec("INSERT INTO articles VALUES ('after', '')");
  // Heard; and one lost connection made two resyncs, no more.
  EXPECT_EQ(collector.WaitFor(3),
            (std::vector<std::string>{"resync", "resync", "stored:after"}));
}

TEST(PgChangeFeed, AnUnreachableDatabaseIsUnavailableNamingIt) {
  Collector collector;
  PgChangeFeed::Options options;
  options.conninfo = "postgresql://nobody@127.0.0.1:1/none?connect_timeout=2";
  auto feed = PgChangeFeed::Start(options, collector.callback());
  ASSERT_FALSE(feed.ok());
  EXPECT_EQ(feed.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_NE(feed.status().message().find("127.0.0.1"), std::string::npos)
      << feed.status();
}

}  // namespace
}  // namespace quotewire

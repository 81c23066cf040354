// The SQL of ListQuotes walks an index in result order for every common
// filter shape (no sort of all matching quotes), checked with EXPLAIN QUERY
// PLAN on the statements the store really builds (BuildQuoteQuery).
#include <memory>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/store/schema.h"
#include "server/store/sqlite_db.h"
#include "server/store/sqlite_store_internal.h"

namespace quotewire {
namespace store_internal {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::string Plan(Connection& conn, const QuoteQuery& query) {
  auto stmt = conn.Prepare("EXPLAIN QUERY PLAN " + query.sql);
  EXPECT_TRUE(stmt.ok()) << stmt.status() << "\n" << query.sql;
  if (!stmt.ok()) return "";
  BindParams(*stmt, query.params);
  std::string plan;
  while (true) {
    auto row = stmt->Step();
    EXPECT_TRUE(row.ok()) << row.status();
    if (!row.ok() || !*row) break;
    plan += stmt->Text(3) + "\n";
  }
  return plan;
}

// An empty database with the latest schema.
std::unique_ptr<Connection> MigratedDatabase() {
  auto conn = Connection::Open(
      ":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, 100);
  EXPECT_TRUE(conn.ok()) << conn.status();
  if (!conn.ok()) return nullptr;
  EXPECT_TRUE(Migrate(**conn).ok());
  return *std::move(conn);
}

template <typename Fill>
ResolvedQuoteFilter MakeFilter(Fill fill) {
  ResolvedQuoteFilter f;
  fill(f);
  return f;
}

// A topic with one source that has fewer quotes: the source drives.
ResolvedQuoteFilter TopicAndSmallerSource() {
  return MakeFilter([](auto& f) {
    f.topic_id = "t";
    f.source_ids = {"s"};
    f.source_drives = true;
  });
}

struct PlanCase {
  const char* name;
  ResolvedQuoteFilter filter;
  bool with_position;
  std::vector<std::string> expected;  // substrings of the plan
  bool sorts;                         // a temp B-tree is acceptable
};

TEST(QueryPlanTest, ListQuotesWalksIndexesInOrder) {
  std::unique_ptr<Connection> conn = MigratedDatabase();
  ASSERT_NE(conn, nullptr);
  const PlanCase cases[] = {
      {"newest", MakeFilter([](auto&) {}), true, {"quotes_by_time"}, false},
      {"person",
       MakeFilter([](auto& f) { f.person_ids = {"p"}; }),
       true,
       {"quotes_by_person (person_id=? AND (publish_time,id)<(?,?))"},
       false},
      {"person + topic + source + query",
       MakeFilter([](auto& f) {
         f.person_ids = {"p"};
         f.topic_id = "t";
         f.source_ids = {"s"};
         f.match = "\"x\"";
       }),
       true,
       {"quotes_by_person",
        "t2 USING COVERING INDEX quote_topics_by_topic (topic_id=? AND "
        "publish_time=? AND quote_id=?)",
        "s2 USING COVERING INDEX quote_sources_by_source (source_id=? AND "
        "publish_time=? AND quote_id=?)",
        "VIRTUAL TABLE INDEX 0:=M"},
       false},
      {"topic",
       MakeFilter([](auto& f) { f.topic_id = "t"; }),
       true,
       {"quote_topics_by_topic (topic_id=? AND (publish_time,quote_id)<(?,?))"},
       false},
      {"topic + time + language",
       MakeFilter([](auto& f) {
         f.topic_id = "t";
         f.start_us = 1;
         f.end_us = 2;
         f.language = "nl";
       }),
       false,
       {"quote_topics_by_topic (topic_id=? AND publish_time>? AND "
        "publish_time<?)"},
       false},
      {"source relation",
       MakeFilter([](auto& f) {
         f.source_ids = {"s"};
         f.relation_bits = 4;
       }),
       true,
       {"quote_sources_by_source"},
       false},
      {"topic + source",
       MakeFilter([](auto& f) {
         f.topic_id = "t";
         f.source_ids = {"s"};
       }),
       true,
       {"d USING COVERING INDEX quote_topics_by_topic (topic_id=? AND "
        "(publish_time,quote_id)<(?,?))",
        "s2 USING COVERING INDEX quote_sources_by_source"},
       false},
      {"topic + source, the source smaller",
       TopicAndSmallerSource(),
       true,
       {"d USING COVERING INDEX quote_sources_by_source (source_id=? AND "
        "(publish_time,quote_id)<(?,?))",
        "t2 USING COVERING INDEX quote_topics_by_topic"},
       false},
      {"query",
       MakeFilter([](auto& f) { f.match = "\"x\""; }),
       true,
       {"quote_fts VIRTUAL TABLE", "INTEGER PRIMARY KEY"},
       false},
      {"query + two people",
       MakeFilter([](auto& f) {
         f.match = "\"x\"";
         f.person_ids = {"p", "q"};
       }),
       false,
       {"quote_fts VIRTUAL TABLE"},
       false},
      {"language",
       MakeFilter([](auto& f) { f.language = "en-GB"; }),
       true,
       {"quotes_by_language"},
       false},
      {"relevance",
       MakeFilter([](auto& f) {
         f.match = "\"x\"";
         f.relevance = true;
       }),
       true,
       {"quote_fts VIRTUAL TABLE"},
       true},
  };
  for (const PlanCase& c : cases) {
    std::optional<PagePosition> position;
    if (c.with_position) position = PagePosition{5, 7, "id"};
    QuoteQuery query = BuildQuoteQuery(c.filter, position, 50);
    std::string plan = Plan(*conn, query);
    for (const std::string& part : c.expected) {
      EXPECT_THAT(plan, HasSubstr(part)) << c.name << "\n" << query.sql;
    }
    if (!c.sorts) {
      EXPECT_THAT(plan, Not(HasSubstr("TEMP B-TREE"))) << c.name;
    }
    EXPECT_THAT(plan, Not(HasSubstr("SCAN q "))) << c.name;
  }
}

// Pre-encoded pages walk the same listing indexes in page order, never the
// quote row (each quote's encoded row is then read by its rid).
TEST(QueryPlanTest, EncodedListingsWalkCoveringListingIndexesInOrder) {
  std::unique_ptr<Connection> conn = MigratedDatabase();
  ASSERT_NE(conn, nullptr);
  const PlanCase cases[] = {
      {"person + topic + source",
       MakeFilter([](auto& f) {
         f.person_ids = {"p"};
         f.topic_id = "t";
         f.source_ids = {"s"};
       }),
       true,
       {"COVERING INDEX quotes_by_person (person_id=? AND (publish_time,id)<(?,?))",
        "s2 USING COVERING INDEX quote_sources_by_source (source_id=? AND "
        "publish_time=? AND quote_id=?)",
        "t2 USING COVERING INDEX quote_topics_by_topic (topic_id=? AND "
        "publish_time=? AND quote_id=?)"},
       false},
      {"topic + source, the source smaller",
       TopicAndSmallerSource(),
       false,
       {"d USING COVERING INDEX quote_sources_by_source (source_id=?)",
        "t2 USING COVERING INDEX quote_topics_by_topic"},
       false},
      {"person",
       MakeFilter([](auto& f) { f.person_ids = {"p"}; }),
       true,
       {"COVERING INDEX quotes_by_person (person_id=? AND (publish_time,id)<(?,?))"},
       false},
      {"topic + time",
       MakeFilter([](auto& f) {
         f.topic_id = "t";
         f.start_us = 1;
         f.end_us = 2;
       }),
       false,
       {"COVERING INDEX quote_topics_by_topic (topic_id=? AND publish_time>? "
        "AND publish_time<?)"},
       false},
      {"source relation",
       MakeFilter([](auto& f) {
         f.source_ids = {"s"};
         f.relation_bits = 2;
       }),
       true,
       {"COVERING INDEX quote_sources_by_source (source_id=? AND "
        "(publish_time,quote_id)<(?,?))"},
       false},
  };
  for (const PlanCase& c : cases) {
    std::optional<PagePosition> position;
    if (c.with_position) position = PagePosition{5, 7, "id"};
    QuoteQuery query = BuildListingWalk(c.filter, position);
    std::string plan = Plan(*conn, query);
    for (const std::string& part : c.expected) {
      EXPECT_THAT(plan, HasSubstr(part)) << c.name << "\n" << query.sql;
    }
    EXPECT_THAT(plan, Not(HasSubstr("TEMP B-TREE"))) << c.name;
    // The wide quote row is never read: only the covering listing index.
    EXPECT_THAT(plan, Not(HasSubstr("SCAN"))) << c.name;
    EXPECT_THAT(plan, Not(HasSubstr("q USING INTEGER PRIMARY KEY"))) << c.name;
  }
}

}  // namespace
}  // namespace store_internal
}  // namespace quotewire

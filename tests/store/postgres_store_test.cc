// What only the PostgreSQL store does: migrations under an advisory lock,
// a write generation shared by every server on the database, recovery from
// lost connections, and one-line errors for a bad or unreachable database.
// Everything the two stores share is tested on both in store_test.cc.
#include "server/store/postgres_store.h"

#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/strings/numbers.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/store/open_store.h"
#include "server/store/postgres_changes.h"
#include "server/store/postgres_db.h"
#include "server/store/postgres_schema.h"
#include "server/store/sqlite_db.h"
#include "server/store/sqlite_store_internal.h"
#include "tests/store/store_test_util.h"

namespace quotewire {
namespace {

using testing_util::FakeClock;
using testing_util::MakeArticle;
using testing_util::Options;
using testing_util::PgSchema;

std::unique_ptr<Store> OpenOrFail(const std::string& uri, FakeClock* clock) {
  auto store = OpenStore(Options(uri, clock));
  EXPECT_TRUE(store.ok()) << store.status();
  return store.ok() ? std::move(*store) : nullptr;
}

// Ends every connection of the store(s) on `schema` (as a database restart
// would), from outside.
void KillConnections(const PgSchema& schema) {
  auto admin = store_internal::PgConn::Open(testing_util::TestPgUri());
  ASSERT_TRUE(admin.ok()) << admin.status();
  ASSERT_TRUE((*admin)
                  ->Exec("SELECT pg_terminate_backend(pid) FROM "
                         "pg_stat_activity WHERE application_name = '" +
                         schema.name() + "'")
                  .ok());
}

// SQL that stores one article 'a' and quotes q1..qn (rid i, published at
// i ms) whose person is `person_sql` (of i).
std::string InsertQuotesSql(int n, const std::string& person_sql) {
  return absl::StrCat(R"sql(
      INSERT INTO articles VALUES ('a', 'a', 'h', 'text', 'title', 'p', 'u', 0,
                                   'en', 0, '');
      INSERT INTO quotes(rid, id, article_id, ordinal, text, spans, kind,
          speech, speaker_name, speaker_mention, mention_start, mention_end,
          speaker_kind, speaker_description, speaker_age, person_id,
          alias_key, cue, outlet, attribution, confidence, topics, language,
          publish_time)
        SELECT i, 'q' || i, 'a', i, 'text', '', 'full', 1, 'name', '', 0, 0,
               'person', '', 0, )sql",
                      person_sql, R"sql(, '', '', '', '', 1, '', 'en',
               i * 1000
        FROM generate_series(1, )sql",
                      n, ") i");
}

// Takes a database of the latest schema back to version 5 (undoes version
// 6: the topic + source rows and the source lexemes of the search rows).
constexpr char kBackToVersion5Sql[] = R"sql(
      DROP TRIGGER quote_topics_keep_pairs ON quote_topics;
      DROP TRIGGER quote_sources_keep_pairs ON quote_sources;
      DROP TRIGGER quote_fts_take_sources ON quote_fts;
      DROP FUNCTION quote_pairs_keep();
      DROP FUNCTION quote_fts_take_sources();
      DROP TABLE quote_topic_sources;
      ALTER TABLE quote_fts DROP COLUMN doc;
      ALTER TABLE quote_fts DROP COLUMN source_keys;
      DROP FUNCTION quote_source_keys(text);
      ALTER TABLE quote_fts ADD COLUMN doc tsvector GENERATED ALWAYS AS (
        to_tsvector('simple'::regconfig, body || ' ' || speaker)
        || setweight(to_tsvector('simple'::regconfig, stems), 'C')) STORED;
      CREATE INDEX quote_fts_by_doc ON quote_fts USING gin(doc);
      DELETE FROM schema_version WHERE version >= 6;
)sql";

// The plan PostgreSQL chooses for `query` (EXPLAIN (COSTS OFF)), one line
// per node; empty on an error (a failed expectation).
std::string PlanOf(store_internal::Connection& c,
                   const store_internal::QuoteQuery& query) {
  auto explain = c.Prepare("EXPLAIN (COSTS OFF) " + query.sql);
  EXPECT_TRUE(explain.ok()) << explain.status();
  if (!explain.ok()) return "";
  store_internal::BindParams(*explain, query.params);
  std::string plan;
  while (true) {
    auto row = explain->Step();
    EXPECT_TRUE(row.ok()) << row.status();
    if (!row.ok() || !*row) break;
    plan += explain->Text(0) + "\n";
  }
  return plan;
}

TEST(PostgresStoreTest, ServersStartingAtOnceMigrateOnce) {
  PgSchema schema;
  FakeClock clock;
  std::vector<std::thread> threads;
  std::vector<absl::Status> results(4);
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&, i] {
      results[i] = OpenStore(Options(schema.uri(), &clock)).status();
    });
  }
  for (auto& t : threads) t.join();
  for (const absl::Status& status : results) EXPECT_TRUE(status.ok()) << status;
  auto c = store_internal::Connection::OpenPostgres(schema.uri());
  ASSERT_TRUE(c.ok());
  auto versions = (*c)->QueryText("SELECT count(*) FROM schema_version");
  ASSERT_TRUE(versions.ok()) << versions.status();
  EXPECT_EQ(*versions, std::to_string(store_internal::LatestPostgresSchemaVersion()));
}

// After ANALYZE, a listing of person p1 with topic t1 (and source s1 when
// `source`) walks `index` backward: no walk of all of the person's quotes,
// no sort.
void ExpectPersonListingWalks(store_internal::Connection& c, bool source,
                              const std::string& index) {
  const absl::Status analyzed =
      c.Exec("ANALYZE quotes, quote_sources, quote_topics");
  ASSERT_TRUE(analyzed.ok()) << analyzed;
  store_internal::ResolvedQuoteFilter f;
  f.postgres = true;
  f.person_ids = {"p1"};
  if (source) f.source_ids = {"s1"};
  f.topic_id = "t1";
  const store_internal::QuoteQuery query =
      store_internal::BuildQuoteQuery(f, std::nullopt, 50);
  const std::string plan = PlanOf(c, query);
  EXPECT_THAT(plan, testing::HasSubstr("Backward using " + index)) << plan;
  EXPECT_THAT(plan, testing::Not(testing::HasSubstr("quotes_by_person")));
  EXPECT_THAT(plan, testing::Not(testing::HasSubstr("Sort")));
}

// Free text and a topic: the search index drives in result order and the
// topic is a probe per row. Turned into a semi-join, the planner multiplied
// the selectivities of the probe's time and id equalities, expected one row
// and hashed every quote of the topic, then sorted (3 s at 1 M quotes).
TEST(PostgresStoreTest, SecondFilterIsProbedAlongTheDrivingIndex) {
  PgSchema schema;
  auto c = store_internal::Connection::OpenPostgres(schema.uri());
  ASSERT_TRUE(c.ok()) << c.status();
  ASSERT_TRUE(store_internal::MigratePostgres(**c).ok());
  // ANALYZE names its tables: a bare ANALYZE visits every schema of the
  // shared test database and fails when another test drops its own meanwhile.
  const absl::Status filled = (*c)->Exec(InsertQuotesSql(20000, "NULL") + R"sql(;
      INSERT INTO quote_topics(quote_id, topic_id, publish_time, rid)
        SELECT 'q' || i, 't' || (i % 8), i * 1000, i
        FROM generate_series(1, 20000) i;
      INSERT INTO quote_fts(rowid, body, speaker)
        SELECT i, CASE WHEN i % 10 = 0 THEN 'common' ELSE 'other' END, 'name'
        FROM generate_series(1, 20000) i;
      ANALYZE quotes, quote_topics, quote_fts)sql");
  ASSERT_TRUE(filled.ok()) << filled;
  store_internal::ResolvedQuoteFilter f;
  f.postgres = true;
  f.match = "'common'";
  f.topic_id = "t3";
  const store_internal::QuoteQuery query =
      store_internal::BuildQuoteQuery(f, std::nullopt, 50);
  const std::string plan = PlanOf(**c, query);
  EXPECT_THAT(plan, testing::HasSubstr("Index Scan Backward using quote_fts_pkey"));
  EXPECT_THAT(plan, testing::Not(testing::HasSubstr("Hash")));
  EXPECT_THAT(plan, testing::Not(testing::HasSubstr("Sort")));
}

// Version 4 fills the person of the source rows a database already holds,
// and a listing by person and source walks that person's rows of the source
// (quote_sources_by_source_person), not all of the person's quotes.
TEST(PostgresStoreTest, SourceRowsTakeTheirQuotesPersonOnUpgrade) {
  PgSchema schema;
  auto c = store_internal::Connection::OpenPostgres(schema.uri());
  ASSERT_TRUE(c.ok()) << c.status();
  ASSERT_TRUE(store_internal::MigratePostgres(**c).ok());
  // Back to version 3, holding quotes.
  absl::Status old = (*c)->Exec(std::string(kBackToVersion5Sql) + R"sql(
      DROP TRIGGER quotes_move_person ON quotes;
      DROP TRIGGER quote_sources_take_person ON quote_sources;
      DROP TRIGGER quote_topics_take_person ON quote_topics;
      DROP FUNCTION quotes_move_person();
      DROP FUNCTION quote_sources_take_person();
      ALTER TABLE quote_sources DROP COLUMN person_id;
      ALTER TABLE quote_topics DROP COLUMN person_id;
      DELETE FROM schema_version WHERE version >= 4;
      INSERT INTO people(id, display_name, kind, create_time)
        VALUES ('p1', 'P', 'person', 0), ('p2', 'Q', 'person', 0);
      INSERT INTO sources(id, display_name) VALUES ('s1', 'S'), ('s2', 'T');
)sql" + InsertQuotesSql(6000, "CASE i % 3 WHEN 0 THEN NULL WHEN 1 "
                                          "THEN 'p1' ELSE 'p2' END") +
                                R"sql(;
      INSERT INTO quote_sources(quote_id, source_id, relations, publish_time,
                                rid)
        SELECT 'q' || i, CASE WHEN i % 5 = 0 THEN 's1' ELSE 's2' END, 1,
               i * 1000, i
        FROM generate_series(1, 6000) i)sql");
  ASSERT_TRUE(old.ok()) << old;
  ASSERT_TRUE(store_internal::MigratePostgres(**c).ok());
  auto wrong = (*c)->QueryText(
      "SELECT count(*) FROM quote_sources s JOIN quotes q ON q.id = s.quote_id "
      "WHERE s.person_id IS DISTINCT FROM q.person_id");
  ASSERT_TRUE(wrong.ok()) << wrong.status();
  EXPECT_EQ(*wrong, "0");
  auto filled = (*c)->QueryText(
      "SELECT count(*) FROM quote_sources WHERE person_id = 'p1'");
  ASSERT_TRUE(filled.ok()) << filled.status();
  EXPECT_EQ(*filled, "2000");
  ExpectPersonListingWalks(**c, true, "quote_sources_by_source_person");
}

// Version 5 fills the person of the topic rows a database already holds,
// a change of a quote's person reaches them, and a listing by person and
// topic walks that person's rows of the topic (quote_topics_by_topic_person),
// not all of the person's quotes.
TEST(PostgresStoreTest, TopicRowsTakeTheirQuotesPersonOnUpgrade) {
  PgSchema schema;
  auto c = store_internal::Connection::OpenPostgres(schema.uri());
  ASSERT_TRUE(c.ok()) << c.status();
  ASSERT_TRUE(store_internal::MigratePostgres(**c).ok());
  // Back to version 4, holding quotes.
  absl::Status old = (*c)->Exec(std::string(kBackToVersion5Sql) + R"sql(
      DROP TRIGGER quote_topics_take_person ON quote_topics;
      ALTER TABLE quote_topics DROP COLUMN person_id;
      DELETE FROM schema_version WHERE version >= 5;
      INSERT INTO people(id, display_name, kind, create_time)
        VALUES ('p1', 'P', 'person', 0), ('p2', 'Q', 'person', 0),
               ('p3', 'R', 'person', 0);
)sql" + InsertQuotesSql(6000, "CASE i % 3 WHEN 0 THEN NULL WHEN 1 "
                                          "THEN 'p1' ELSE 'p2' END") +
                                R"sql(;
      INSERT INTO quote_topics(quote_id, topic_id, publish_time, rid)
        SELECT 'q' || i, CASE WHEN i % 5 = 0 THEN 't1' ELSE 't2' END,
               i * 1000, i
        FROM generate_series(1, 6000) i)sql");
  ASSERT_TRUE(old.ok()) << old;
  ASSERT_TRUE(store_internal::MigratePostgres(**c).ok());
  auto count = [&](const std::string& sql) {
    auto text = (*c)->QueryText(sql);
    EXPECT_TRUE(text.ok()) << text.status();
    return text.ok() ? *text : std::string();
  };
  const std::string wrong =
      "SELECT count(*) FROM quote_topics t JOIN quotes q ON q.id = t.quote_id "
      "WHERE t.person_id IS DISTINCT FROM q.person_id";
  EXPECT_EQ(count(wrong), "0");
  EXPECT_EQ(count("SELECT count(*) FROM quote_topics WHERE person_id = 'p1'"),
            "2000");
  // A merge moves the quotes: their topic rows follow.
  ASSERT_TRUE((*c)->Exec("UPDATE quotes SET person_id = 'p3' WHERE person_id "
                         "= 'p2'").ok());
  EXPECT_EQ(count(wrong), "0");
  EXPECT_EQ(count("SELECT count(*) FROM quote_topics WHERE person_id = 'p3'"),
            "2000");
  ExpectPersonListingWalks(**c, false, "quote_topics_by_topic_person");
}

// Version 6 fills the topic + source rows and the search rows' source
// lexemes of a database that already holds quotes; the triggers keep both as
// source and topic rows come and go; the two listings run on them.
TEST(PostgresStoreTest, TopicSourceRowsAndSourceLexemesOnUpgrade) {
  PgSchema schema;
  auto c = store_internal::Connection::OpenPostgres(schema.uri());
  ASSERT_TRUE(c.ok()) << c.status();
  ASSERT_TRUE(store_internal::MigratePostgres(**c).ok());
  // Back to version 5, holding quotes: one or two sources (one named with a
  // quote, so that its lexeme needs quoting) and one topic each.
  absl::Status old = (*c)->Exec(std::string(kBackToVersion5Sql) + R"sql(
      INSERT INTO sources(id, display_name)
        VALUES ('s1', 'S'), ('s2', 'T'), ('o''s', 'O');
)sql" + InsertQuotesSql(6000, "NULL") + R"sql(;
      INSERT INTO quote_topics(quote_id, topic_id, publish_time, rid)
        SELECT 'q' || i, CASE WHEN i % 3 = 0 THEN 't1' ELSE 't2' END,
               i * 1000, i
        FROM generate_series(1, 6000) i;
      INSERT INTO quote_sources(quote_id, source_id, relations, publish_time,
                                rid)
        SELECT 'q' || i, CASE WHEN i % 5 = 0 THEN 's1' ELSE 's2' END, 1,
               i * 1000, i
        FROM generate_series(1, 6000) i;
      INSERT INTO quote_sources(quote_id, source_id, relations, publish_time,
                                rid)
        SELECT 'q' || i, 'o''s', 2, i * 1000, i
        FROM generate_series(1, 6000) i WHERE i % 7 = 0;
      INSERT INTO quote_fts(rowid, body, speaker)
        SELECT i, CASE WHEN i % 10 = 0 THEN 'common' ELSE 'other' END, 'name'
        FROM generate_series(1, 6000) i)sql");
  ASSERT_TRUE(old.ok()) << old;
  ASSERT_TRUE(store_internal::MigratePostgres(**c).ok());
  auto text = [&](const std::string& sql) {
    auto t = (*c)->QueryText(sql);
    EXPECT_TRUE(t.ok()) << t.status() << " " << sql;
    return t.ok() ? *t : std::string();
  };
  // The pairs are exactly the joins of topic and source rows, and each
  // search row matches the lexemes of exactly its quote's sources.
  const std::string pairs_wrong =
      "SELECT count(*) FROM ((SELECT t.quote_id, t.topic_id, s.source_id, "
      "s.relations, t.publish_time, t.rid FROM quote_topics t JOIN "
      "quote_sources s ON s.quote_id = t.quote_id EXCEPT SELECT * FROM "
      "quote_topic_sources) UNION ALL (SELECT * FROM quote_topic_sources "
      "EXCEPT SELECT t.quote_id, t.topic_id, s.source_id, s.relations, "
      "t.publish_time, t.rid FROM quote_topics t JOIN quote_sources s ON "
      "s.quote_id = t.quote_id)) x";
  auto literal = [](const std::string& v) {
    return absl::StrCat("'", absl::StrReplaceAll(v, {{"'", "''"}}), "'");
  };
  auto lexemes_wrong = [&] {
    std::string wrong;
    for (const char* source : {"s1", "s2", "o's"}) {
      const std::string query = absl::StrCat(
          "'common' & ", store_internal::SourceSearchTerm(source, true));
      absl::StrAppend(
          &wrong, text(absl::StrCat(
                      "SELECT count(*) FROM quote_fts f WHERE (f.doc @@ CAST(",
                      literal(query),
                      " AS tsquery)) <> (f.body = 'common' AND EXISTS (SELECT "
                      "1 FROM quote_sources s WHERE s.rid = f.rowid AND "
                      "s.source_id = ",
                      literal(source), "))")),
          " ");
    }
    return wrong;
  };
  EXPECT_EQ(text(pairs_wrong), "0");
  EXPECT_EQ(text("SELECT count(*) FROM quote_topic_sources"), "6857");
  EXPECT_EQ(lexemes_wrong(), "0 0 0 ");
  // A quote loses a source, another gains one, a topic row moves and a
  // relation changes: the pairs and lexemes follow.
  ASSERT_TRUE((*c)->Exec(R"sql(
      DELETE FROM quote_sources WHERE quote_id = 'q10' AND source_id = 's1';
      INSERT INTO quote_sources(quote_id, source_id, relations, publish_time,
                                rid) VALUES ('q20', 'o''s', 4, 20000, 20);
      UPDATE quote_topics SET topic_id = 't3' WHERE quote_id = 'q30';
      UPDATE quote_sources SET relations = 3 WHERE quote_id = 'q40')sql")
                  .ok());
  EXPECT_EQ(text(pairs_wrong), "0");
  EXPECT_EQ(lexemes_wrong(), "0 0 0 ");
  // New rows, in the order an ingest writes them (search row last) and the
  // other way round.
  ASSERT_TRUE((*c)->Exec(R"sql(
      INSERT INTO quotes SELECT 6001, 'q6001', article_id, 6001, text, spans,
        kind, speech, speaker_name, speaker_mention, mention_start,
        mention_end, speaker_kind, speaker_description, speaker_age, person_id,
        alias_key, cue, outlet, attribution, confidence, topics, language,
        6001000 FROM quotes WHERE rid = 1;
      INSERT INTO quotes SELECT 6002, 'q6002', article_id, 6002, text, spans,
        kind, speech, speaker_name, speaker_mention, mention_start,
        mention_end, speaker_kind, speaker_description, speaker_age, person_id,
        alias_key, cue, outlet, attribution, confidence, topics, language,
        6002000 FROM quotes WHERE rid = 1;
      INSERT INTO quote_topics(quote_id, topic_id, publish_time, rid)
        VALUES ('q6001', 't1', 6001000, 6001);
      INSERT INTO quote_sources(quote_id, source_id, relations, publish_time,
        rid) VALUES ('q6001', 's1', 1, 6001000, 6001);
      INSERT INTO quote_fts(rowid, body, speaker)
        VALUES (6001, 'common', 'name'), (6002, 'common', 'name');
      INSERT INTO quote_sources(quote_id, source_id, relations, publish_time,
        rid) VALUES ('q6002', 's1', 1, 6002000, 6002);
      INSERT INTO quote_topics(quote_id, topic_id, publish_time, rid)
        VALUES ('q6002', 't1', 6002000, 6002);
      DELETE FROM quote_fts WHERE rowid = 50;
      DELETE FROM quotes WHERE rid = 50)sql")
                  .ok());
  EXPECT_EQ(text(pairs_wrong), "0");
  EXPECT_EQ(lexemes_wrong(), "0 0 0 ");
  ASSERT_TRUE((*c)->Exec("ANALYZE quotes, quote_topic_sources, quote_fts").ok());
  // The listings: topic + source walks the pair's rows in page order; free
  // text + source, when the search index drives, is one search of the word
  // and the source's lexeme.
  store_internal::ResolvedQuoteFilter f;
  f.postgres = true;
  f.include_non_speech = true;
  f.topic_id = "t1";
  f.source_ids = {"s1"};
  std::string plan = PlanOf(**c, store_internal::BuildQuoteQuery(f, std::nullopt, 50));
  EXPECT_THAT(plan, testing::HasSubstr("quote_topic_sources_by_pair")) << plan;
  EXPECT_THAT(plan, testing::Not(testing::HasSubstr("Sort"))) << plan;
  f.topic_id.clear();
  f.match = "'common':D";
  f.text_drives = true;
  plan = PlanOf(**c, store_internal::BuildQuoteQuery(f, std::nullopt, 50));
  EXPECT_THAT(plan, testing::HasSubstr("quote_fts_by_doc")) << plan;
  EXPECT_THAT(plan, testing::Not(testing::HasSubstr("quote_sources"))) << plan;
  // Both shapes of free text + source (the search index or the source's
  // listing drives) list the same page: the newest 50 + 1 matches.
  auto rids = [&](const store_internal::QuoteQuery& query) {
    auto stmt = (*c)->Prepare("SELECT string_agg(rid::text, ',') FROM (" +
                              query.sql + ") x");
    EXPECT_TRUE(stmt.ok()) << stmt.status();
    if (!stmt.ok()) return std::string();
    store_internal::BindParams(*stmt, query.params);
    auto row = stmt->Step();
    EXPECT_TRUE(row.ok() && *row);
    return row.ok() && *row ? stmt->Text(0) : std::string();
  };
  for (const char* source : {"s1", "o's"}) {
    f.source_ids = {source};
    const std::string expected = text(absl::StrCat(
        "SELECT string_agg(rowid::text, ',') FROM (SELECT f.rowid FROM "
        "quote_fts f JOIN quote_sources s ON s.rid = f.rowid AND s.source_id "
        "= ", literal(source), " WHERE f.body = 'common' ORDER BY f.rowid "
        "DESC LIMIT 51) x"));
    EXPECT_THAT(expected, testing::Not(testing::IsEmpty())) << source;
    f.text_drives = true;
    EXPECT_EQ(rids(store_internal::BuildQuoteQuery(f, std::nullopt, 50)),
              expected) << source;
    f.text_drives = false;
    EXPECT_EQ(rids(store_internal::BuildQuoteQuery(f, std::nullopt, 50)),
              expected) << source;
  }
}

// The choice among the free text shapes: the RUM index when the estimated
// matches are few for the rows the walk reads, never without it nor with a
// source (where the GIN search or the source's listing is as fast).
TEST(PostgresStoreTest, FreeTextShapeFollowsTheEstimatedMatches) {
  using store_internal::PickTextShape;
  using store_internal::TextShape;
  struct Row {
    int64_t matches, quotes, source_quotes;
    TextShape with_rum, without_rum;
  };
  const Row rows[] = {
      // Free text alone in 1 M quotes: a word in 1 000 or 12 000 quotes is
      // read from the RUM index; one in 20 000 or 100 000 walks the primary
      // key. In 100 k quotes, 12 000 walk.
      {1000, 1000000, -1, TextShape::kRum, TextShape::kWalk},
      {12000, 1000000, -1, TextShape::kRum, TextShape::kWalk},
      {20000, 1000000, -1, TextShape::kWalk, TextShape::kWalk},
      {100000, 1000000, -1, TextShape::kWalk, TextShape::kWalk},
      {12000, 100000, -1, TextShape::kWalk, TextShape::kWalk},
      // With a source of 10 000 quotes: 100 matches in it are read from the
      // GIN index, 10 000 walk the source's listing, RUM or not.
      {100, 1000000, 10000, TextShape::kSearch, TextShape::kSearch},
      {10000, 1000000, 10000, TextShape::kWalk, TextShape::kWalk},
      // No estimate: the walk.
      {-1, 1000000, -1, TextShape::kWalk, TextShape::kWalk},
  };
  for (const Row& r : rows) {
    EXPECT_EQ(PickTextShape(r.matches, r.quotes, r.source_quotes, true),
              r.with_rum)
        << r.matches << " of " << r.quotes << ", source " << r.source_quotes;
    EXPECT_EQ(PickTextShape(r.matches, r.quotes, r.source_quotes, false),
              r.without_rum)
        << r.matches << " of " << r.quotes << ", source " << r.source_quotes;
  }
}

// With the extension rum installed, the migration makes the RUM index; the
// store's choice (ChooseTextShape) reads it for a rare word alone, not for
// a common one nor in a source; the RUM shape lists the walk's pages, in
// exact rowid order although the RUM index orders by a float8 distance
// under which the rows of one millisecond tie.
TEST(PostgresStoreTest, RumIndexShapeListsWhatTheOtherShapesList) {
  PgSchema schema;
  auto c = store_internal::Connection::OpenPostgres(schema.uri());
  ASSERT_TRUE(c.ok()) << c.status();
  ASSERT_TRUE(store_internal::MigratePostgres(**c).ok());
  auto available = (*c)->QueryText(
      "SELECT count(*) FROM pg_available_extensions WHERE name = 'rum'");
  ASSERT_TRUE(available.ok()) << available.status();
  if (*available == "0") {
    GTEST_SKIP() << "extension rum not installed (postgresql-15-rum)";
  }
  auto rum_schema = store_internal::RumSchema(**c);
  ASSERT_TRUE(rum_schema.ok()) << rum_schema.status();
  ASSERT_THAT(*rum_schema, testing::Not(testing::IsEmpty()));
  // 6 000 quotes, three in each millisecond of 2027 (rids ms << 20 + k, as
  // the store makes them); `common` in half of them, `rare` in 1 %; source
  // s1 holds a quarter (every `rare`), s2 the rest.
  ASSERT_TRUE((*c)->Exec(R"sql(
      INSERT INTO articles VALUES ('a', 'a', 'h', 'text', 'title', 'p', 'u', 0,
                                   'en', 0, '');
      INSERT INTO sources(id, display_name, quote_count)
        VALUES ('s1', 'S', 1500), ('s2', 'T', 4500);
      INSERT INTO quotes(rid, id, article_id, ordinal, text, spans, kind,
          speech, speaker_name, speaker_mention, mention_start, mention_end,
          speaker_kind, speaker_description, speaker_age, person_id,
          alias_key, cue, outlet, attribution, confidence, topics, language,
          publish_time)
        SELECT ((1800000000000 + i / 3) << 20) + i % 3, 'q' || i, 'a', i,
               'text', '', 'full', 1, 'name', '', 0, 0, 'person', '', 0, NULL,
               '', '', '', '', 1, '', 'en', (1800000000000 + i / 3) * 1000
        FROM generate_series(1, 6000) i;
      INSERT INTO quote_sources(quote_id, source_id, relations, publish_time,
                                rid)
        SELECT id, CASE WHEN ordinal % 4 = 0 THEN 's1' ELSE 's2' END, 1,
               publish_time, rid FROM quotes;
      INSERT INTO quote_fts(rowid, body, speaker)
        SELECT rid, CASE WHEN ordinal % 2 = 0 THEN 'common' ELSE 'other' END
                    || CASE WHEN ordinal % 100 = 0 THEN ' rare' ELSE '' END,
               'name' FROM quotes;
      ANALYZE quotes, quote_sources, quote_fts)sql")
                  .ok());
  store_internal::ResolvedQuoteFilter f;
  f.postgres = true;
  auto shape = [&](const char* match, const char* source, bool rum) {
    f.match = match;
    f.source_ids.clear();
    if (source != nullptr) f.source_ids = {source};
    f.rum_schema = rum ? *rum_schema : std::string();
    auto chosen = store_internal::ChooseTextShape(**c, f);
    EXPECT_TRUE(chosen.ok()) << chosen.status();
    return chosen.ok() ? *chosen : store_internal::TextShape::kWalk;
  };
  using store_internal::TextShape;
  EXPECT_EQ(shape("'rare':D", nullptr, true), TextShape::kRum);
  EXPECT_EQ(shape("'rare':D", nullptr, false), TextShape::kWalk);
  EXPECT_EQ(shape("'common':D", nullptr, true), TextShape::kWalk);
  EXPECT_EQ(shape("'rare':D", "s1", true), TextShape::kSearch);
  EXPECT_EQ(shape("'rare':D", "s1", false), TextShape::kSearch);
  EXPECT_EQ(shape("'common':D", "s1", true), TextShape::kWalk);
  // A topic keeps the shapes without RUM.
  f.topic_id = "t";
  EXPECT_EQ(shape("'rare':D", nullptr, true), TextShape::kWalk);
  f.topic_id.clear();
  // The GIN search of the words and the source's lexeme is not read
  // through the RUM index (which could answer it, slower).
  f.match = "'rare':D";
  f.source_ids = {"s1"};
  f.rum_schema = *rum_schema;
  f.text_drives = true;
  {
    const std::string plan =
        PlanOf(**c, store_internal::BuildQuoteQuery(f, std::nullopt, 20));
    EXPECT_THAT(plan, testing::Not(testing::HasSubstr("quote_fts_by_doc_rum")))
        << plan;
  }
  f.text_drives = false;

  auto rids = [&](const store_internal::QuoteQuery& query) {
    auto stmt = (*c)->Prepare("SELECT string_agg(rid::text, ',') FROM (" +
                              query.sql + ") x");
    EXPECT_TRUE(stmt.ok()) << stmt.status();
    if (!stmt.ok()) return std::vector<std::string>();
    store_internal::BindParams(*stmt, query.params);
    auto row = stmt->Step();
    EXPECT_TRUE(row.ok() && *row);
    if (!row.ok() || !*row || stmt->IsNull(0)) return std::vector<std::string>();
    return std::vector<std::string>(absl::StrSplit(stmt->Text(0), ','));
  };
  f.rum_schema = *rum_schema;
  f.source_ids.clear();
  for (const char* match : {"'rare':D", "'common':D"}) {
    {
      f.match = match;
      const std::string what = match;
      f.text_rum = true;
      const auto query = store_internal::BuildQuoteQuery(f, std::nullopt, 20);
      const std::string plan = PlanOf(**c, query);
      EXPECT_THAT(plan, testing::HasSubstr("quote_fts_by_doc_rum")) << plan;
      // Pages of 20 from the first: the RUM shape and the walk list the
      // same rows.
      std::optional<store_internal::PagePosition> position;
      size_t listed = 0;
      for (int page = 0; page < 4; ++page) {
        f.text_rum = true;
        const std::vector<std::string> rum =
            rids(store_internal::BuildQuoteQuery(f, position, 20));
        f.text_rum = false;
        const std::vector<std::string> walk =
            rids(store_internal::BuildQuoteQuery(f, position, 20));
        EXPECT_EQ(rum, walk) << what << ", page " << page;
        ASSERT_THAT(walk, testing::Not(testing::IsEmpty())) << what;
        listed += std::min<size_t>(walk.size(), 20);
        if (walk.size() <= 20) break;
        position.emplace();
        ASSERT_TRUE(absl::SimpleAtoi(walk[19], &position->b));
      }
      EXPECT_EQ(listed, std::string(match) == "'rare':D" ? 60u : 80u) << what;
    }
  }
}

// Without the RUM index (the extension missing, or the index dropped) the
// store opens and lists free text as before; with free_text_rum off it does
// not read the index it has. Both list what the store reading it lists.
TEST(PostgresStoreTest, StoresWithAndWithoutRumListTheSameFreeText) {
  PgSchema schema;
  FakeClock clock;
  auto store = OpenOrFail(schema.uri(), &clock);
  ASSERT_NE(store, nullptr);
  for (int i = 0; i < 30; ++i) {
    ASSERT_TRUE(
        store
            ->PutArticle(MakeArticle(
                absl::StrCat("a", i),
                {{absl::StrCat(i % 3 == 0 ? "Turnips " : "Nothing ",
                               "matter in part ", i, "."),
                  "Svetlana Tikhanovskaya"},
                 {absl::StrCat("Harvests ", i, " were fine."),
                  "Maria Kolesnikova"}},
                absl::FromUnixSeconds(1800000000) + absl::Seconds(i / 4),
                i % 2 == 0 ? "Reuters" : "AFP"))
            .ok());
  }
  auto c = store_internal::Connection::OpenPostgres(schema.uri());
  ASSERT_TRUE(c.ok()) << c.status();
  ASSERT_TRUE((*c)->Exec("ANALYZE quote_fts").ok());
  auto list = [](Store& s, const char* query, const char* source) {
    QuoteFilter filter;
    filter.query = query;
    filter.source = source;
    std::vector<std::string> ids;
    PageOptions page;
    page.page_size = 2;
    do {
      auto result = s.ListQuotes(filter, page);
      EXPECT_TRUE(result.ok()) << result.status();
      if (!result.ok()) break;
      for (const StoredQuote& q : result->items) ids.push_back(q.quote.id);
      page.page_token = result->next_page_token;
    } while (!page.page_token.empty());
    return ids;
  };
  const auto turnips = list(*store, "turnips", "");
  const auto turnips_reuters = list(*store, "turnips", "Reuters");
  EXPECT_THAT(turnips, testing::SizeIs(10));
  EXPECT_THAT(turnips_reuters, testing::SizeIs(5));
  const testing_util::Components& parts = testing_util::RealComponents();
  PostgresStoreOptions off;
  off.uri = schema.uri();
  off.names = parts.names.get();
  off.sources = parts.sources.get();
  off.topics = parts.topics.get();
  off.free_text_rum = false;
  auto without = OpenPostgresStore(off);
  ASSERT_TRUE(without.ok()) << without.status();
  EXPECT_EQ(list(**without, "turnips", ""), turnips);
  EXPECT_EQ(list(**without, "turnips", "Reuters"), turnips_reuters);
  // A database without the index: the store opens and lists the same.
  ASSERT_TRUE((*c)->Exec("DROP INDEX quote_fts_by_doc_rum").ok());
  auto rum_schema = store_internal::RumSchema(**c);
  ASSERT_TRUE(rum_schema.ok()) << rum_schema.status();
  EXPECT_EQ(*rum_schema, "");
  auto dropped = OpenOrFail(schema.uri(), &clock);
  ASSERT_NE(dropped, nullptr);
  EXPECT_EQ(list(*dropped, "turnips", ""), turnips);
  EXPECT_EQ(list(*dropped, "turnips", "Reuters"), turnips_reuters);
}

// A database user that may not create the extension (rum is not trusted:
// only a superuser may): migration 7 creates nothing and does not fail, the
// store opens without the RUM shape and lists free text as before.
TEST(PostgresStoreTest, UserWhoMayNotCreateTheExtensionGetsNoRumIndex) {
  auto admin = store_internal::PgConn::Open(testing_util::TestPgUri());
  ASSERT_TRUE(admin.ok()) << admin.status();
  const std::string role = absl::StrCat("qw_norum_", ::getpid());
  (void)(*admin)->Exec("DROP ROLE IF EXISTS " + role);  // a crashed run's
  ASSERT_TRUE((*admin)->Exec("CREATE ROLE " + role + " LOGIN").ok());
  struct DropRole {
    store_internal::PgConn& admin;
    std::string role;
    ~DropRole() { (void)admin.Exec("DROP ROLE IF EXISTS " + role); }
  } drop_role{**admin, role};
  {
    PgSchema schema(PgSchema::kOwnDatabase);
    ASSERT_TRUE((*admin)
                    ->Exec(absl::StrCat("ALTER DATABASE ", schema.name(),
                                        " OWNER TO ", role))
                    .ok());
    {
      const std::string base = testing_util::TestPgUri();
      auto owner = store_internal::PgConn::Open(absl::StrCat(
          base, base.find('?') == std::string::npos ? "?" : "&",
          "dbname=", schema.name()));
      ASSERT_TRUE(owner.ok()) << owner.status();
      ASSERT_TRUE((*owner)
                      ->Exec(absl::StrCat("ALTER SCHEMA ", schema.name(),
                                          " OWNER TO ", role))
                      .ok());
    }
    const std::string uri = absl::StrCat(schema.uri(), "&user=", role);
    auto as_role = store_internal::Connection::OpenPostgres(uri);
    if (!as_role.ok()) {
      GTEST_SKIP() << "cannot log in as a new role: " << as_role.status();
    }
    auto superuser = (*as_role)->QueryText(
        "SELECT rolsuper FROM pg_roles WHERE rolname = current_user");
    ASSERT_TRUE(superuser.ok()) << superuser.status();
    ASSERT_EQ(*superuser, "f");
    FakeClock clock;
    auto store = OpenOrFail(uri, &clock);
    ASSERT_NE(store, nullptr);
    auto rum_schema = store_internal::RumSchema(**as_role);
    ASSERT_TRUE(rum_schema.ok()) << rum_schema.status();
    EXPECT_EQ(*rum_schema, "");
    EXPECT_EQ((*as_role)->QueryText(
                  "SELECT count(*) FROM pg_extension WHERE extname = 'rum'")
                  .value_or("?"),
              "0");
    EXPECT_EQ((*as_role)->QueryText("SELECT max(version) FROM schema_version")
                  .value_or("?"),
              std::to_string(store_internal::LatestPostgresSchemaVersion()));
    ASSERT_TRUE(store
                    ->PutArticle(MakeArticle(
                        "a1", {{"Turnips matter.", "Svetlana Tikhanovskaya"},
                               {"Nothing else.", "Maria Kolesnikova"}}))
                    .ok());
    QuoteFilter filter;
    filter.query = "turnips";
    auto page = store->ListQuotes(filter, PageOptions());
    ASSERT_TRUE(page.ok()) << page.status();
    ASSERT_THAT(page->items, testing::SizeIs(1));
    EXPECT_EQ(page->items[0].quote.text, "Turnips matter.");
  }
}

TEST(PostgresStoreTest, WritesThroughOneStoreChangeTheGenerationOfAnother) {
  PgSchema schema;
  FakeClock clock;
  auto one = OpenOrFail(schema.uri(), &clock);
  auto two = OpenOrFail(schema.uri(), &clock);
  ASSERT_TRUE(one && two);
  const std::optional<uint64_t> before = two->WriteGeneration();
  ASSERT_TRUE(before.has_value());
  EXPECT_EQ(one->WriteGeneration(), before);
  ASSERT_TRUE(one->PutArticle(MakeArticle("a1", {{"We will win.", "Maria Kolesnikova"}}))
                  .ok());
  const std::optional<uint64_t> after = two->WriteGeneration();
  ASSERT_TRUE(after.has_value());
  EXPECT_GT(*after, *before);
  // The other store answers with what the first wrote.
  QuoteFilter filter;
  filter.person = "Kolesnikova";
  auto page = two->ListQuotes(filter, PageOptions());
  ASSERT_TRUE(page.ok()) << page.status();
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].quote.text, "We will win.");
  ASSERT_TRUE(two->RenamePerson("Kolesnikova", "Maria Kalesnikava", "ed").ok());
  auto renamed = one->GetPerson("Kolesnikova");
  ASSERT_TRUE(renamed.ok()) << renamed.status();
  EXPECT_EQ(renamed->display_name, "Maria Kalesnikava");
}

// Ingests through different servers wait for each other only when they
// resolve the same names: one that names someone else commits while another
// server's ingest of a surname is still open, and one that names that
// surname waits for it.
//
// The test holds the writer lock shared and a keyed lock from outside the
// stores while it waits: in a database of its own, as advisory locks are
// database-wide. On the shared one, a write of a test running beside it
// (BEGIN IMMEDIATE in another schema) queued for the writer lock behind the
// held shared one, the unrelated ingest queued behind that write (a
// PostgreSQL lock request waits behind a conflicting waiter), and nothing
// ended the open transaction before the 20 s wait failed; first.join() then
// hung until ctest's timeout. An ingest of another test naming
// Kolesnikova could do the same: waiting for the held surname key while
// holding a key the unrelated ingest needs (the 'r' key of articles without
// a publish time is one for all).
TEST(PostgresStoreTest, IngestsOfOtherNamesDoNotWaitForAnOpenIngest) {
  PgSchema schema(PgSchema::kOwnDatabase);
  FakeClock clock;
  auto store = OpenOrFail(schema.uri(), &clock);
  auto second_store = OpenOrFail(schema.uri(), &clock);
  ASSERT_TRUE(store && second_store);
  // Another server's ingest naming Kolesnikova, still open: its locks.
  const std::string surname =
      testing_util::RealComponents().names->Analyze("Maria Kolesnikova").surname_key;
  ASSERT_FALSE(surname.empty());
  auto other = store_internal::PgConn::Open(schema.uri());
  ASSERT_TRUE(other.ok()) << other.status();
  ASSERT_TRUE(
      (*other)
          ->Exec(absl::StrCat(
              "BEGIN; SELECT pg_advisory_xact_lock_shared(",
              store_internal::kPgWriterLock, ", 0); SELECT pg_advisory_xact_lock(",
              store_internal::kPgWriterLock, ", ",
              store_internal::PgIngestLockKey('n', surname), ")"))
          .ok());
  // Someone else: not held up.
  absl::Notification unrelated;
  std::thread first([&] {
    EXPECT_TRUE(store->PutArticle(MakeArticle("b1", {{"Vote.", "Ann Lee"}})).ok());
    unrelated.Notify();
  });
  EXPECT_TRUE(unrelated.WaitForNotificationWithTimeout(absl::Seconds(20)));
  first.join();
  // Kolesnikova again: waits until the other ingest ends.
  absl::Notification same;
  std::thread second([&] {
    EXPECT_TRUE(second_store
                    ->PutArticle(MakeArticle("b2", {{"We will win.", "Maria Kolesnikova"}}))
                    .ok());
    same.Notify();
  });
  EXPECT_FALSE(same.WaitForNotificationWithTimeout(absl::Milliseconds(500)));
  ASSERT_TRUE((*other)->Exec("COMMIT").ok());
  EXPECT_TRUE(same.WaitForNotificationWithTimeout(absl::Seconds(20)));
  second.join();
}

// Two servers ingesting at once articles that name the same people: one
// person per name, and counts that add up.
TEST(PostgresStoreTest, ConcurrentIngestsThroughTwoStoresResolveAlike) {
  PgSchema schema;
  FakeClock clock;
  auto one = OpenOrFail(schema.uri(), &clock);
  auto two = OpenOrFail(schema.uri(), &clock);
  ASSERT_TRUE(one && two);
  const std::vector<std::string> speakers = {"Maria Kolesnikova", "Ann Lee",
                                             "Bob Smith", "Carla Diaz"};
  auto ingest = [&](Store* store, int from) {
    for (int i = from; i < 40; i += 2) {
      const std::string id = absl::StrCat("c", i);
      auto result = store->PutArticle(MakeArticle(
          id, {{absl::StrCat("Quote ", i, " here."), speakers[i % 4]},
               {absl::StrCat("Answer ", i, " there."), speakers[(i + 1) % 4]}}));
      EXPECT_TRUE(result.ok()) << result.status();
    }
  };
  std::thread a(ingest, one.get(), 0);
  std::thread b(ingest, two.get(), 1);
  a.join();
  b.join();
  for (const std::string& name : speakers) {
    auto person = one->GetPerson(name);
    ASSERT_TRUE(person.ok()) << name << ": " << person.status();
    EXPECT_EQ(person->quote_count, 20) << name;
  }
  auto people = one->ListPeople("", std::nullopt, PageOptions());
  ASSERT_TRUE(people.ok()) << people.status();
  EXPECT_EQ(people->items.size(), speakers.size());
}

TEST(PostgresStoreTest, LostConnectionsAreUnavailableThenRecover) {
  PgSchema schema;
  FakeClock clock;
  auto store = OpenOrFail(schema.uri(), &clock);
  ASSERT_TRUE(store);
  ASSERT_TRUE(store->PutArticle(MakeArticle("a1", {{"First.", "Ann Lee"}})).ok());
  KillConnections(schema);
  // Every call either succeeds (on a connection opened again) or is
  // Unavailable; none is Internal, and the store comes back by itself.
  for (int i = 0; i < 6; ++i) {
    absl::Status status = store->GetArticle("a1").status();
    EXPECT_TRUE(status.ok() || absl::IsUnavailable(status)) << status;
    status = store->PutArticle(MakeArticle("a2", {{"Second.", "Ann Lee"}}))
                 .status();
    EXPECT_TRUE(status.ok() || absl::IsUnavailable(status)) << status;
  }
  EXPECT_TRUE(store->Health().ok());
  EXPECT_TRUE(store->GetArticle("a2").ok());
  auto quotes = store->ListQuotes(QuoteFilter(), PageOptions());
  ASSERT_TRUE(quotes.ok()) << quotes.status();
  EXPECT_EQ(quotes->items.size(), 2u);
}

TEST(PostgresStoreTest, UnreachableOrMalformedDatabaseIsOneLineError) {
  FakeClock clock;
  // A port nobody listens on (1 is privileged and unused here).
  auto unreachable = OpenStore(
      Options("postgresql://nobody@127.0.0.1:1/quotewire?connect_timeout=2",
              &clock));
  ASSERT_FALSE(unreachable.ok());
  EXPECT_EQ(unreachable.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(std::string(unreachable.status().message()),
              ::testing::HasSubstr("PostgreSQL"));
  EXPECT_EQ(std::string(unreachable.status().message()).find('\n'),
            std::string::npos);
  auto malformed = OpenStore(Options("postgresql://a:b:c@/x?nonsense=1", &clock));
  ASSERT_FALSE(malformed.ok());
  EXPECT_EQ(malformed.status().code(), absl::StatusCode::kInvalidArgument)
      << malformed.status();
}

// --db_read: the reads go to a standby, the writes to --db. A second schema
// stands for a standby that has not replayed the primary's latest writes.
TEST(PostgresStoreTest, DbReadTakesTheReadsAndTheWritesStayOnDb) {
  PgSchema primary;
  PgSchema standby;
  FakeClock clock;
  ASSERT_TRUE(OpenOrFail(standby.uri(), &clock));  // its schema
  auto store = OpenStore(Options(primary.uri(), &clock), standby.uri());
  ASSERT_TRUE(store.ok()) << store.status();
  ASSERT_TRUE((*store)->Health().ok());
  const std::optional<uint64_t> before = (*store)->WriteGeneration();
  ASSERT_TRUE(before.has_value());
  ASSERT_TRUE((*store)
                  ->PutArticle(MakeArticle("a1", {{"We will win.", "Maria Kolesnikova"}}))
                  .ok());
  // The write is on the primary; the standby has not got it.
  auto on_primary = OpenOrFail(primary.uri(), &clock);
  ASSERT_TRUE(on_primary);
  EXPECT_TRUE(on_primary->GetArticle("a1").ok());
  EXPECT_TRUE(absl::IsNotFound((*store)->GetArticle("a1").status()));
  // A lagging standby gives no generation: nothing read there is cached.
  EXPECT_FALSE((*store)->WriteGeneration().has_value());
  // Once the standby has replayed up to the primary's generation, the
  // primary's is the answer again.
  const std::optional<uint64_t> now = on_primary->WriteGeneration();
  ASSERT_TRUE(now.has_value());
  EXPECT_GT(*now, *before);
  auto c = store_internal::PgConn::Open(standby.uri());
  ASSERT_TRUE(c.ok()) << c.status();
  ASSERT_TRUE((*c)->Exec("UPDATE write_generation SET value = " +
                         std::to_string(*now)).ok());
  EXPECT_EQ((*store)->WriteGeneration(), now);
}

// WatchQuotes loads announced articles through the store: on a standby, the
// feed holds the announcement until the standby has replayed the write. The
// store is put together as OpenStore() does for --db_read, with a hold long
// enough for a loaded machine (the default is 2 s).
TEST(PostgresStoreTest, DbReadFeedWaitsForTheStandbyToReplay) {
  PgSchema primary;
  PgSchema standby;
  FakeClock clock;
  ASSERT_TRUE(OpenOrFail(standby.uri(), &clock));
  const SqliteStoreOptions common = Options(primary.uri(), &clock);
  PostgresStoreOptions pg;
  pg.uri = primary.uri();
  pg.read_uri = standby.uri();
  pg.names = common.names;
  pg.sources = common.sources;
  pg.topics = common.topics;
  pg.clock = common.clock;
  auto opened = OpenPostgresStore(pg);
  ASSERT_TRUE(opened.ok()) << opened.status();
  PgChangeFeed::Options feed_options;
  feed_options.conninfo = primary.uri();
  feed_options.standby_catch_up_wait = absl::Seconds(20);
  std::unique_ptr<Store> store = WithPostgresChangeFeed(
      std::move(*opened), feed_options, /*reads_on_standby=*/true);
  absl::Mutex mu;
  bool found = false;
  bool heard = false;
  auto feed = store->WatchChanges(
      [&](const std::vector<StoreChange>& changes) {
        for (const StoreChange& change : changes) {
          if (change.kind != StoreChange::Kind::kArticleStored) continue;
          const bool ok = store->GetArticle(change.article_id).ok();
          absl::MutexLock lock(&mu);
          heard = true;
          found = ok;
        }
      });
  ASSERT_TRUE(feed.ok()) << feed.status();
  auto primary_store = OpenOrFail(primary.uri(), &clock);
  ASSERT_TRUE(primary_store);
  auto standby_store = OpenOrFail(standby.uri(), &clock);
  ASSERT_TRUE(standby_store);
  ASSERT_TRUE(store->PutArticle(MakeArticle("a1", {{"First.", "Ann Lee"}})).ok());
  {
    absl::MutexLock lock(&mu);
    EXPECT_FALSE(mu.AwaitWithTimeout(absl::Condition(&heard),
                                     absl::Milliseconds(500)));
  }
  // The standby "replays" the write: the article and the generation.
  ASSERT_TRUE(standby_store->PutArticle(MakeArticle("a1", {{"First.", "Ann Lee"}})).ok());
  auto c = store_internal::PgConn::Open(standby.uri());
  ASSERT_TRUE(c.ok()) << c.status();
  ASSERT_TRUE((*c)->Exec("UPDATE write_generation SET value = " +
                         std::to_string(*primary_store->WriteGeneration()))
                  .ok());
  absl::MutexLock lock(&mu);
  ASSERT_TRUE(mu.AwaitWithTimeout(absl::Condition(&heard), absl::Seconds(20)));
  EXPECT_TRUE(found);
}

TEST(PostgresStoreTest, DbReadOnTheSameDatabaseReadsAndWrites) {
  PgSchema schema;
  FakeClock clock;
  auto store = OpenStore(Options(schema.uri(), &clock), schema.uri());
  ASSERT_TRUE(store.ok()) << store.status();
  ASSERT_TRUE((*store)
                  ->PutArticle(MakeArticle("a1", {{"We will win.", "Maria Kolesnikova"}}))
                  .ok());
  QuoteFilter filter;
  filter.person = "Kolesnikova";
  auto page = (*store)->ListQuotes(filter, PageOptions());
  ASSERT_TRUE(page.ok()) << page.status();
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_TRUE((*store)->WriteGeneration().has_value());
  EXPECT_TRUE((*store)->Health().ok());
}

TEST(PostgresStoreTest, BadDbReadIsOneLineErrorNamingTheFlag) {
  PgSchema schema;
  FakeClock clock;
  auto expect_refused = [&](const std::string& db, const std::string& db_read,
                            absl::StatusCode code) {
    auto store = OpenStore(Options(db, &clock), db_read);
    ASSERT_FALSE(store.ok()) << db_read;
    EXPECT_EQ(store.status().code(), code) << store.status();
    const std::string message(store.status().message());
    EXPECT_THAT(message, ::testing::StartsWith("db_read: "));
    EXPECT_EQ(message.find('\n'), std::string::npos) << message;
  };
  expect_refused(schema.uri(), "postgresql://a:b:c@/x?nonsense=1",
                 absl::StatusCode::kInvalidArgument);
  expect_refused(schema.uri(), "/var/lib/quotewire.db",
                 absl::StatusCode::kInvalidArgument);
  expect_refused(schema.uri(),
                 "postgresql://nobody@127.0.0.1:1/quotewire?connect_timeout=2",
                 absl::StatusCode::kUnavailable);
  // A standby only makes sense for PostgreSQL.
  testing_util::TempDb file;
  expect_refused(file.path(), schema.uri(), absl::StatusCode::kInvalidArgument);
}

TEST(PostgresStoreTest, ListEncodedQuotesLeavesListingsToListQuotes) {
  PgSchema schema;
  FakeClock clock;
  auto store = OpenOrFail(schema.uri(), &clock);
  ASSERT_TRUE(store);
  QuoteFilter filter;
  filter.person = "Ann Lee";
  auto encoded = store->ListEncodedQuotes(filter, PageOptions());
  ASSERT_TRUE(encoded.ok());
  EXPECT_FALSE(encoded->has_value());
}

TEST(PostgresStoreTest, TranslatesSqlitePlaceholdersAndSpellings) {
  std::vector<bool> used;
  EXPECT_EQ(store_internal::TranslateSql(
                "SELECT '?' FROM t INDEXED BY t_by_x CROSS JOIN u ON "
                "u.a = ?2 WHERE b IN (SELECT value FROM json_each(?1))",
                &used),
            "SELECT '?' FROM t JOIN u ON u.a = $2 WHERE b IN (SELECT value "
            "FROM json_array_elements_text(CAST($1 AS json)) AS j(value))");
  EXPECT_THAT(used, ::testing::ElementsAre(true, true));
  EXPECT_EQ(store_internal::TranslateSql("DELETE FROM p WHERE id = ?2", &used),
            "DELETE FROM p WHERE id = $2");
  EXPECT_THAT(used, ::testing::ElementsAre(false, true));
  EXPECT_EQ(store_internal::TranslateSql("a = ? AND b = ?", &used),
            "a = $1 AND b = $2");
}

}  // namespace
}  // namespace quotewire

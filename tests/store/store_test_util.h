// Helpers shared by the store tests: the real NameAnalyzer, SourceCatalog and
// TopicTagger loaded from the project's data directory, a controllable clock,
// and builders for analysed articles (tests construct extraction results
// directly instead of depending on the extractor).
#ifndef QUOTEWIRE_TESTS_STORE_STORE_TEST_UTIL_H_
#define QUOTEWIRE_TESTS_STORE_STORE_TEST_UTIL_H_

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "server/core/data_dir.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "server/analysis/analyzer.h"
#include "server/core/model.h"
#include "server/people/name_analyzer.h"
#include "server/sources/source_catalog.h"
#include "server/store/open_store.h"
#include "server/store/postgres_db.h"
#include "server/store/sqlite_store.h"
#include "server/topics/topic_tagger.h"

namespace quotewire {
namespace testing_util {

// Loaded once per test binary; immutable and thread-safe.
struct Components {
  std::unique_ptr<NameAnalyzer> names;
  std::unique_ptr<SourceCatalog> sources;
  std::unique_ptr<TopicTagger> topics;
};

inline const Components& RealComponents() {
  static const Components* components = [] {
    auto* c = new Components;
    const std::string data = quotewire::DefaultDataDir();
    auto names = NameAnalyzer::Create(data);
    auto sources = SourceCatalog::Create(data);
    auto topics = TopicTagger::Create(data + "/topics.tsv");
    if (!names.ok() || !sources.ok() || !topics.ok()) {
      ADD_FAILURE() << "cannot load data: " << names.status() << " "
                    << sources.status() << " " << topics.status();
      std::abort();
    }
    c->names = std::move(*names);
    c->sources = std::move(*sources);
    c->topics = std::move(*topics);
    return c;
  }();
  return *components;
}

// The test PostgreSQL cluster: $QUOTEWIRE_TEST_PG_URI, else the one
// scripts/lib/pg_cluster.sh runs (or starts) in the build tree (ctest's
// pg_cluster fixture starts and stops it). Empty, with a test failure, when
// there is none: PostgreSQL tests fail rather than skip.
inline std::string TestPgUri() {
  static const std::string* uri = [] {
    auto* out = new std::string;
    if (const char* env = std::getenv("QUOTEWIRE_TEST_PG_URI");
        env != nullptr && env[0] != '\0') {
      *out = env;
      return out;
    }
    const std::string command =
        absl::StrCat("'", QUOTEWIRE_SOURCE_DIR, "/scripts/lib/pg_cluster.sh' ",
                     "start '", QUOTEWIRE_TEST_PG_DIR, "'");
    FILE* pipe = ::popen(command.c_str(), "r");
    if (pipe != nullptr) {
      char line[1024];
      while (std::fgets(line, sizeof(line), pipe) != nullptr) *out = line;
      ::pclose(pipe);
    }
    while (!out->empty() && (out->back() == '\n' || out->back() == '\r')) {
      out->pop_back();
    }
    return out;
  }();
  if (uri->empty()) {
    ADD_FAILURE() << "no PostgreSQL for the tests: set QUOTEWIRE_TEST_PG_URI "
                     "or install postgresql-15 (scripts/lib/pg_cluster.sh)";
  }
  return *uri;
}

// A schema of its own in the test cluster, dropped with its tables when the
// object dies; uri() selects it (search_path), so that tests run in parallel
// on one database.
//
// Advisory locks are database-wide: the store's writer and ingest locks
// (kPgWriterLock) and its migration lock are shared by every schema of the
// database. A test that holds such a lock from outside a store while it
// waits for something asks for kOwnDatabase: the schema is then created in
// a database of its own, so that the stores of tests running beside it
// cannot queue on its locks, nor it on theirs.
class PgSchema {
 public:
  enum Isolation { kSharedDatabase, kOwnDatabase };
  explicit PgSchema(Isolation isolation = kSharedDatabase) {
    std::string base = TestPgUri();
    if (base.empty()) return;
    name_ = absl::StrCat("t", ::getpid(), "_", counter_++, "_",
                         absl::ToUnixNanos(absl::Now()) % 1000000007);
    if (isolation == kOwnDatabase) {
      if (!Exec(base, "CREATE DATABASE " + name_)) return;
      database_ = name_;
      base = WithParam(base, "dbname=" + database_);
    }
    if (!Exec(base, "CREATE SCHEMA " + name_)) return;
    uri_ = WithParam(WithParam(base, "options=-csearch_path%3D" + name_),
                     "application_name=" + name_);
  }
  ~PgSchema() {
    if (!database_.empty()) {
      auto conn = store_internal::PgConn::Open(TestPgUri());
      if (conn.ok()) {
        (void)(*conn)->Exec("DROP DATABASE IF EXISTS " + database_ +
                            " WITH (FORCE)");
      }
      return;
    }
    if (uri_.empty()) return;
    auto conn = store_internal::PgConn::Open(TestPgUri());
    if (conn.ok()) (void)(*conn)->Exec("DROP SCHEMA " + name_ + " CASCADE");
  }
  PgSchema(const PgSchema&) = delete;
  PgSchema& operator=(const PgSchema&) = delete;
  const std::string& uri() const { return uri_; }
  // Also the application_name of its connections.
  const std::string& name() const { return name_; }

 private:
  // Runs `sql` on `uri`; false, with a test failure, on an error.
  static bool Exec(const std::string& uri, const std::string& sql) {
    auto conn = store_internal::PgConn::Open(uri);
    absl::Status status = conn.ok() ? (*conn)->Exec(sql) : conn.status();
    if (!status.ok()) ADD_FAILURE() << status;
    return status.ok();
  }

  // `uri` with the query parameter `param` ("key=value") added; a later
  // parameter overrides what the URI named before (libpq).
  static std::string WithParam(const std::string& uri, const std::string& param) {
    return absl::StrCat(uri, uri.find('?') == std::string::npos ? "?" : "&",
                        param);
  }

  static inline int counter_ = 0;
  std::string name_;
  std::string database_;  // kOwnDatabase: the database, dropped at the end
  std::string uri_;
};

// The store backends the store tests run on.
enum class Backend { kSqlite, kPostgres };

inline std::string BackendName(const ::testing::TestParamInfo<Backend>& info) {
  return info.param == Backend::kSqlite ? "Sqlite" : "Postgres";
}

// A temporary database file, removed with its WAL files.
class TempDb {
 public:
  TempDb() {
    path_ = (std::filesystem::temp_directory_path() /
             absl::StrCat("quotewire_store_test_", ::getpid(), "_", counter_++,
                          ".db"))
                .string();
    Remove();
  }
  ~TempDb() { Remove(); }
  const std::string& path() const { return path_; }

 private:
  void Remove() {
    for (const char* suffix : {"", "-wal", "-shm"}) {
      std::remove((path_ + suffix).c_str());
    }
  }
  static inline int counter_ = 0;
  std::string path_;
};

// A clock tests move by hand; thread-safe.
class FakeClock {
 public:
  absl::Time Now() {
    std::lock_guard<std::mutex> lock(mu_);
    now_ += absl::Seconds(1);
    return now_;
  }
  void Set(absl::Time t) {
    std::lock_guard<std::mutex> lock(mu_);
    now_ = t;
  }

 private:
  std::mutex mu_;
  absl::Time now_ = absl::FromUnixSeconds(1700000000);
};

// A database of the backend for one test: a temporary SQLite file, or a
// schema of its own in the test PostgreSQL cluster. path() is what
// OpenStore() (options.path) takes; the database lasts as long as the
// object, across reopenings.
class TestDb {
 public:
  explicit TestDb(Backend backend) {
    if (backend == Backend::kPostgres) pg_ = std::make_unique<PgSchema>();
  }
  const std::string& path() const { return pg_ ? pg_->uri() : file_.path(); }

 private:
  TempDb file_;
  std::unique_ptr<PgSchema> pg_;
};

inline SqliteStoreOptions Options(const std::string& path, FakeClock* clock) {
  const Components& c = RealComponents();
  SqliteStoreOptions options;
  options.path = path;
  options.names = c.names.get();
  options.sources = c.sources.get();
  options.topics = c.topics.get();
  if (clock != nullptr) options.clock = [clock] { return clock->Now(); };
  return options;
}

struct QuoteSpec {
  std::string text;
  std::string speaker;
  SpeakerKind kind = SpeakerKind::kPerson;
  std::vector<std::string> topics;
  std::string outlet;
  QuoteKind quote_kind = QuoteKind::kFull;
  std::string description;
  std::string mention;
  std::string language;
};

// An analysed article whose quotes appear in `text` in order; each quote's
// span is found in the text (appended when absent).
inline AnalyzedArticle MakeArticle(std::string id,
                                   const std::vector<QuoteSpec>& quotes,
                                   std::optional<absl::Time> publish_time = {},
                                   std::string publisher = "",
                                   std::vector<std::string> wires = {},
                                   std::string language = "en",
                                   std::string extra_text = "") {
  AnalyzedArticle a;
  a.article.id = std::move(id);
  a.article.publisher = std::move(publisher);
  a.article.publish_time = publish_time;
  a.article.language = language;
  a.article.title = "Title";
  std::string text = extra_text;
  for (const QuoteSpec& spec : quotes) {
    Quote q;
    q.text = spec.text;
    text += " \"";
    int32_t start = static_cast<int32_t>(text.size());
    text += spec.text;
    q.spans.push_back(Span{start, static_cast<int32_t>(text.size())});
    text += "\", " + spec.speaker + " said.";
    q.kind = spec.quote_kind;
    q.speaker.name = spec.speaker;
    q.speaker.kind = spec.speaker.empty() ? SpeakerKind::kUnknown : spec.kind;
    q.speaker.description = spec.description;
    q.speaker.mention = spec.mention.empty() ? spec.speaker : spec.mention;
    q.attribution =
        spec.speaker.empty() ? Attribution::kNone : Attribution::kExplicit;
    q.confidence = spec.speaker.empty() ? 0.f : 0.9f;
    q.cue = "said";
    q.outlet = spec.outlet;
    q.topics = spec.topics;
    q.language = spec.language.empty() ? language : spec.language;
    a.quotes.push_back(std::move(q));
  }
  a.article.text = text;
  a.wire_credits = std::move(wires);
  return a;
}

}  // namespace testing_util
}  // namespace quotewire

#endif  // QUOTEWIRE_TESTS_STORE_STORE_TEST_UTIL_H_

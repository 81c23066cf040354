// Helpers shared by the store tests: the real NameAnalyzer, SourceCatalog and
// TopicTagger loaded from the project's data directory, a controllable clock,
// and builders for analysed articles (tests construct extraction results
// directly instead of depending on the extractor).
#ifndef QUOTEWIRE_TESTS_STORE_STORE_TEST_UTIL_H_
#define QUOTEWIRE_TESTS_STORE_STORE_TEST_UTIL_H_

#include <unistd.h>

#include <cstdio>
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

// Analyzer: the whole stateless pipeline for one article. Runs the Extractor,
// then canonicalises speaker names, outlets and wire credits and tags topics.
// ExtractQuotes returns its result; IngestArticle hands it to the Store.
//
// Thread safety: immutable after Create(); Analyze() may be called
// concurrently.
#ifndef QUOTEWIRE_SERVER_ANALYSIS_ANALYZER_H_
#define QUOTEWIRE_SERVER_ANALYSIS_ANALYZER_H_

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "server/core/data_dir.h"
#include "server/core/model.h"

namespace quotewire {

class Extractor;
class NameAnalyzer;
class SourceCatalog;
class TopicTagger;

struct AnalyzerOptions {
  // Directory holding the linguistic data files (extraction lexicons, name
  // rules, sources catalogue).
  std::string data_dir = DefaultDataDir();
  // Topic taxonomy file; empty means `data_dir`/topics.tsv. Operators may
  // point this at their own taxonomy.
  std::string topics_file;
  // Whether every language's dictionaries are read in Create() rather than
  // on the first article in the language (ExtractorOptions). Default: false.
  bool load_all_dictionaries = false;
};

// How long one analysis may go on: the caller's rpc is asked between the
// stages and inside the per-quote loops.
struct AnalyzeOptions {
  // True once the caller no longer waits (its rpc was cancelled, or the
  // server is shutting down): the analysis ends with CANCELLED. Empty: never.
  std::function<bool()> cancelled;
  // Past it the analysis ends with DEADLINE_EXCEEDED.
  absl::Time deadline = absl::InfiniteFuture();
};

// One article after analysis.
struct AnalyzedArticle {
  // The article as given, with `language` set to the language used.
  Article article;
  // Quotes in text order with canonical speaker names, topics and language.
  std::vector<Quote> quotes;
  // Canonical names of the wire services credited in the text ("Agence
  // France-Presse").
  std::vector<std::string> wire_credits;
};

class Analyzer {
 public:
  // Loads every data file. Errors name the file and line at fault.
  static absl::StatusOr<std::unique_ptr<Analyzer>> Create(
      const AnalyzerOptions& options);
  ~Analyzer();

  Analyzer(const Analyzer&) = delete;
  Analyzer& operator=(const Analyzer&) = delete;

  // Analyses an article whose text is valid UTF-8. Never fails. Every stage
  // is linear (or n log n) in the size of the text, its quotes and mentions.
  AnalyzedArticle Analyze(const Article& article) const;
  // The same, stopping early with CANCELLED or DEADLINE_EXCEEDED as
  // `options` say.
  absl::StatusOr<AnalyzedArticle> Analyze(const Article& article,
                                          const AnalyzeOptions& options) const;

  // The components, shared with the store (name resolution, source and topic
  // catalogues). Never null; owned by the Analyzer.
  const NameAnalyzer& names() const { return *names_; }
  const SourceCatalog& sources() const { return *sources_; }
  const TopicTagger& topics() const { return *topics_; }

 private:
  Analyzer() = default;

  std::unique_ptr<Extractor> extractor_;
  std::unique_ptr<NameAnalyzer> names_;
  std::unique_ptr<SourceCatalog> sources_;
  std::unique_ptr<TopicTagger> topics_;
};

}  // namespace quotewire

#endif  // QUOTEWIRE_SERVER_ANALYSIS_ANALYZER_H_

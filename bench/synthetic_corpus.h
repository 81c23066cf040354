// SyntheticCorpus: a deterministic generator of realistic news articles for
// benchmarks and load tests.
//
// The same seed always yields the same corpus. Articles are drawn from a
// population of thousands of people (with name variants across languages),
// hundreds of outlets and the topic vocabulary, in English, Dutch, German and
// French, with the quotation styles of each language: quotes before and after
// the attribution, pronoun attributions, "told <outlet>", multi-paragraph
// quotes, partial quotes and scare quotes.
//
// Two products:
//   - Text(i): article text for the extraction and ingest benchmarks;
//   - Analyzed(i): the same article already analysed (quotes with speakers,
//     topics, outlets), to fill a store with a million quotes quickly without
//     measuring the extractor.
//
// Thread safety: const methods may be called concurrently.
#ifndef QUOTEWIRE_BENCH_SYNTHETIC_CORPUS_H_
#define QUOTEWIRE_BENCH_SYNTHETIC_CORPUS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "server/analysis/analyzer.h"
#include "server/core/model.h"

namespace quotewire::bench {

struct SyntheticCorpusOptions {
  uint64_t seed = 20201916;
  // Distinct people quoted across the corpus.
  int people = 5000;
  // Distinct outlets and publishers.
  int outlets = 300;
  // Average quotes per article (each article has 2..2*average-2).
  int quotes_per_article = 8;
};

class SyntheticCorpus {
 public:
  explicit SyntheticCorpus(const SyntheticCorpusOptions& options = {});

  // Article `index` as a client would send it: text, title, publisher,
  // language, publish time and a client id ("syn-<index>").
  Article MakeArticle(int64_t index) const;

  // Article `index` with its quotes as the analysis stage would produce them.
  // Offsets point into the article text.
  AnalyzedArticle MakeAnalyzed(int64_t index) const;

  // A person name (index modulo the population), for query workloads.
  std::string PersonName(int64_t index) const;
  // An outlet name, for query workloads.
  std::string OutletName(int64_t index) const;
  // A topic id present in the generated quotes.
  std::string TopicId(int64_t index) const;
  // A word that occurs in quote texts, for free-text queries.
  std::string QueryWord(int64_t index) const;

 private:
  struct Person {
    std::string given;
    std::string surname;
    std::string role;
    bool female = false;
  };
  struct Generated;
  Generated Generate(int64_t index) const;

  SyntheticCorpusOptions options_;
  std::vector<Person> people_;
  std::vector<std::string> outlets_;
};

}  // namespace quotewire::bench

#endif  // QUOTEWIRE_BENCH_SYNTHETIC_CORPUS_H_

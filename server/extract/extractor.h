// Extractor: finds the direct quotations of an article and attributes each to
// a speaker, with the outlet addressed. The heart of Quotewire.
//
//   absl::StatusOr<std::unique_ptr<Extractor>> extractor =
//       Extractor::Create({.data_dir = "data"});
//   Extraction result = (*extractor)->Extract(article);
//
// The extractor works as a sieve: quote-mark pairing first, then the most
// precise attribution rules, each later stage only filling what earlier ones
// left open; a learned speaker scorer (speaker_scorer.h) then decides the
// quotes the rules leave open. All linguistic knowledge (quote-mark pairs, cue verbs, titles,
// pronouns, first names per language) is loaded from files under `data_dir`.
//
// Thread safety: an Extractor is immutable after Create(); Extract() is const
// and may be called concurrently from any number of threads.
//
// No gRPC or protobuf dependency.
#ifndef QUOTEWIRE_SERVER_EXTRACT_EXTRACTOR_H_
#define QUOTEWIRE_SERVER_EXTRACT_EXTRACTOR_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "server/core/data_dir.h"
#include "server/core/model.h"

namespace quotewire {

struct ExtractorOptions {
  // Directory holding the linguistic data files. Default: the project's data/
  // directory as configured at build time.
  std::string data_dir = DefaultDataDir();
  // Whether the learned speaker scorer (speaker_scorer.h, model
  // `data_dir`/extract/speaker_model.txt) decides the quotes the rules leave
  // open. Default: true.
  bool speaker_model = true;
  // With the speaker model: whether the learned quote-kind model
  // (`data_dir`/extract/quote_kind_model.txt) may turn an open speech quote
  // into a title or scare quote. Default: true.
  bool quote_kind_model = true;
  // Whether Create() reads the dictionaries of every language
  // (dictionary.h) rather than each on the first article in it: a server
  // does, so that no request waits for them. Default: false.
  bool load_all_dictionaries = false;
};

// The result of extracting one article.
struct Extraction {
  // The language used: the article's, or detected when it gave none.
  std::string language;
  // Quotes in text order, speech and non-speech kinds alike. Offsets are UTF-8
  // bytes into the article text. `topics`, `id` and `speaker.person_id` are
  // left empty: topics are assigned by the analysis stage, ids by the store.
  std::vector<Quote> quotes;
};

class Extractor {
 public:
  // Loads the data files. Returns InvalidArgument or NotFound naming the file
  // and line when a data file is missing or malformed.
  static absl::StatusOr<std::unique_ptr<Extractor>> Create(
      const ExtractorOptions& options);

  Extractor(const Extractor&) = delete;
  Extractor& operator=(const Extractor&) = delete;
  virtual ~Extractor() = default;

  // Extracts every quote of `article`. Never fails: any valid UTF-8 text yields
  // a (possibly empty) result. Expects `article.text` to be valid UTF-8
  // (callers validate input).
  virtual Extraction Extract(const Article& article) const = 0;

 protected:
  Extractor() = default;
};

}  // namespace quotewire

#endif  // QUOTEWIRE_SERVER_EXTRACT_EXTRACTOR_H_

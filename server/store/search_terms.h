// Language-aware free-text search: the stems the search index holds for a
// quote and the terms a query matches, computed here once for both stores,
// so that SQLite (FTS5) and PostgreSQL (a 'simple' tsvector) give the same
// answers.
//
//   "elections" finds "election" (English), "élection" (French), and
//   "Wahlen" finds "Wahl" (German); "elections" does not find "electricity"
//   (Snowball stems "elect" and "electr").
//
// Design. Each quote is indexed by its folded words (body, speaker: as
// before) and by the Snowball stems of its words in the quote's own
// language (stems), folded like the words. A query word matches a quote
// when its folded form is one of the quote's words or speaker names, or
// when its stem in any language of kStemLanguages is one of the quote's
// stems. Stemming in our code
// rather than with PostgreSQL's language configurations keeps one stemmer
// and one folding (accents, transliteration) for both stores: PostgreSQL's
// 'english' and 'german' configurations stem before folding, drop stop words
// and split words their own way, and SQLite has no stemmer at all. The query
// is stemmed in every language because a query carries no language: eight
// stems per word cost microseconds, and a stem of the query word in another
// language only meets that language's quotes when it is a stem there too.
// Exact words still rank first: a quote holding the word itself matches its
// exact term and its stem term, one holding an inflection only the stem term
// (bm25 on SQLite, ts_rank on PostgreSQL). Stems are matched in the stems
// column only, so that a stem that is also a word elsewhere ("election", the
// Dutch and German stem of "elections") does not rank an inflection as high
// as the word itself; the price is a stems column as long as the body (the
// FTS5 tables grow by half, the database file by 6%: bench/RESULTS.md).
// PostgreSQL's ts_rank weighs a lexeme by where it stands whatever label the
// query asks, so there relevance orders by the exact words first
// (ResolvedQuoteFilter::exact_match), then by all terms.
//
// The stems' layout is named by kSearchStemsFormat, kept in
// meta('search_stems'); a database whose value differs (a new database, one
// just migrated, or one stemmed by a build with other languages) is
// re-indexed on open (ReindexSearchStems).
//
// Thread safety: the functions are safe to call concurrently; a Connection
// is used by one thread at a time.
#ifndef QUOTEWIRE_SERVER_STORE_SEARCH_TERMS_H_
#define QUOTEWIRE_SERVER_STORE_SEARCH_TERMS_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "server/people/name_analyzer.h"
#include "server/store/sqlite_db.h"

namespace quotewire::store_internal {

// The languages whose inflections search conflates: those Quotewire
// extracts quotes from and Snowball has a stemmer for (ISO 639-1 codes, as
// quotes.primary_language holds them).
inline constexpr const char* kStemLanguages[] = {"en", "nl", "de", "fr",
                                                 "es", "ru", "it", "pt"};

// meta('search_stems') of an index stemmed by this build; change it with
// kStemLanguages or the way stems are made.
inline constexpr char kSearchStemsFormat[] =
    "snowball-1:en,nl,de,fr,es,ru,it,pt";

// The stems column of a quote with text `text` in primary language
// `primary_language` ("en"): the folded stems of its words, joined by
// spaces and each once; empty when the language is not one of
// kStemLanguages.
std::string StemsText(const NameAnalyzer& names, std::string_view text,
                      std::string_view primary_language);

// One word of a query: matched by its folded form in the quote's words and
// speaker names (`exact`), or by any of `stems` in the quote's stems.
struct QueryWord {
  std::string exact;
  std::vector<std::string> stems;  // distinct; may include `exact`
};

// The words of `query` in order, each once (by `exact`). Their exact forms
// are the words of names.Fold(query) (FtsWords); a word that folds into
// several words ("ﬁnal" does not, "l'état" is two words already) gets no
// stems.
std::vector<QueryWord> SearchQueryWords(const NameAnalyzer& names,
                                        std::string_view query);

// When meta('search_stems') differs from kSearchStemsFormat, recomputes the
// stems column of every quote (in batches of rows, in one IMMEDIATE
// transaction: on PostgreSQL under the writer lock, so that servers
// starting at once re-index once) and records the format. Returns true iff
// the index was rewritten.
absl::StatusOr<bool> ReindexSearchStems(Connection& conn,
                                        const NameAnalyzer& names);

}  // namespace quotewire::store_internal

#endif  // QUOTEWIRE_SERVER_STORE_SEARCH_TERMS_H_

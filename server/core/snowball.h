// Snowball stemmers (Debian's libstemmer) by language, shared by extraction
// (reporting verbs listed by their lemma) and the store (search matches a
// word's inflections).
//
//   SnowballStem("en", "elections") == "elect"
//   SnowballStem("german", "wahlen") == "wahl"
//   SnowballStem("cs", "volby")      == ""      (no Czech stemmer)
//
// Thread safety: every function may be called from any number of threads:
// each thread owns its stemmers (a Snowball stemmer keeps state between
// calls), created on first use and freed when the thread ends.
#ifndef QUOTEWIRE_SERVER_CORE_SNOWBALL_H_
#define QUOTEWIRE_SERVER_CORE_SNOWBALL_H_

#include <string>
#include <string_view>

namespace quotewire {

// Returns true iff libstemmer has an algorithm named `language`: an ISO
// 639-1 code ("en") or an algorithm name ("english").
bool HasSnowballStemmer(std::string_view language);

// The Snowball stem of the lower-cased UTF-8 word `lower` in `language` (as
// HasSnowballStemmer takes it); empty when there is no such stemmer.
std::string SnowballStem(std::string_view language, std::string_view lower);

}  // namespace quotewire

#endif  // QUOTEWIRE_SERVER_CORE_SNOWBALL_H_

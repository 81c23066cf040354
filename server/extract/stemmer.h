// Snowball stemmers (Debian's libstemmer) by language, so that a reporting
// verb listed once by its lemma in cues.tsv (flag `lemma`) matches every
// inflection with the same stem ("garantir": "garantiu", "garante",
// "garantiram").
//
// By language index; the stemmers themselves are server/core/snowball.h.
//
// Thread safety: Stem() may be called from any number of threads
// (snowball.h).
#ifndef QUOTEWIRE_SERVER_EXTRACT_STEMMER_H_
#define QUOTEWIRE_SERVER_EXTRACT_STEMMER_H_

#include <string>
#include <string_view>

namespace quotewire {
namespace extract {

// The Snowball algorithm of language `lang` (an index into kLanguages):
// "portuguese" for "pt"; null when Snowball has none (Czech, Polish).
const char* SnowballAlgorithm(int lang);

// The Snowball stem of the lower-cased word `lower` in language `lang`;
// empty when the language has no stemmer.
std::string Stem(int lang, std::string_view lower);

}  // namespace extract
}  // namespace quotewire

#endif  // QUOTEWIRE_SERVER_EXTRACT_STEMMER_H_

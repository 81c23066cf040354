// Cue matching: where a reporting phrase of cues.tsv (Lexicon::
// CuesStartingWith) matches the tokens of a document.
//
// A word that starts some cue phrase is not a cue by itself: German "gibt"
// starts "gibt zu" but "Kindergärten gibt es" reports nothing. A phrase
// matches at a token when all its words follow there, or, for a separable
// phrase (cues.tsv flag `sep`, German and Dutch verb brackets), when its
// first word is there and the rest closes the clause a few words later
// ("„…“, räumte der Minister ein", "\"…\", liet de minister weten"): no
// punctuation in between (a title in quotation marks may be), and after it
// punctuation, a quote, a complementiser, a coordinator, a preposition
// ("geeft X toe tegenover de krant") or the end of the sentence.
// ApplyLanguage() (language_detector.h) keeps kCueWord only on the tokens
// where a whole phrase matches, so later stages may test the class bit, and
// marks the rest of a separated phrase kCueRest, so that a noun phrase ends
// before it ("liet de gemeente weten": the speaker is "de gemeente").
//
// Thread safety: pure functions of their const arguments.
#ifndef QUOTEWIRE_SERVER_EXTRACT_CUE_MATCH_H_
#define QUOTEWIRE_SERVER_EXTRACT_CUE_MATCH_H_

#include <cstdint>
#include <string_view>

#include "server/extract/document.h"
#include "server/extract/lexicon.h"

namespace quotewire {
namespace extract {

// The phrase matched at a token. `len` is the number of tokens from the
// match on that belong to the cue: all the phrase's words when they are
// adjacent, 1 for a separable phrase whose rest closes the clause later
// (the words in between are its subject and objects); 0 when none matches.
struct CueMatch {
  int len = 0;
  uint8_t flags = 0;  // CueFlag bits of the phrase
  int words = 0;      // the phrase's number of words
  int rest = -1;      // separated: the token of the phrase's second word
};

// The longest phrase of the document's language (doc.lang) that matches at
// token `i` with all its words before token `limit` (adjacent matches
// before separated ones), among the phrases having every CueFlag bit of
// `require` and none of `exclude`. Reads toks[i].classes only for kCueLemma
// (a one-word cue by its Snowball lemma, cues.tsv `lemma`, set by
// ApplyLanguage() after it keeps or clears kCueWord with this test).
CueMatch MatchCueAt(const Lexicon& lex, const Document& doc, int i, int limit,
                    uint8_t require = 0, uint8_t exclude = 0);

// MatchCueAt() for a word `head` written as the first part of token `i`
// ("explique" of "explique-t-elle", "fait" of "fait-il savoir"): a
// one-word phrase, or a phrase whose other words follow token `i`
// adjacently (before `limit`).
bool CueHeadsToken(const Lexicon& lex, const Document& doc,
                   std::string_view head, int i, int limit);

// True when a cue phrase of any language starts at byte `pos` of `text`
// with all its words adjacent (case-insensitive, words of letters
// separated by white space). For stages that run before tokenising.
// `*flags`, when given, gets the CueFlag bits of the phrase that matched.
bool CuePhraseAtText(const Lexicon& lex, std::string_view text, size_t pos,
                     uint8_t* flags = nullptr);

}  // namespace extract
}  // namespace quotewire

#endif  // QUOTEWIRE_SERVER_EXTRACT_CUE_MATCH_H_

// Quote classification: full or partial speech, or a non-speech kind.
// Fourth stage of the sieve; runs before attribution.
//
// Contract (first matching rule wins):
//  - kScare: stage directions "(CROSSTALK.)", "[Applause]".
//  - kTitle: web addresses ("news.bbc.co.uk").
//  - kHeading: the paragraph is only this quotation and the content has no
//    sentence-final punctuation, or uses single marks (headline style) and
//    either lies in the headline block (no earlier paragraph ends like a
//    sentence) or is title-cased (a subhead: 'All Bets Are Off.'); or the
//    paragraph is a short line without final punctuation and without a
//    reporting verb (a title line containing a short quote).
//  - kSlogan: a slogan/placard/chant word (cues.tsv flag `nonspeech`) stands
//    among the few tokens before the quote or right after it ("“Leave!” they
//    chanted"), or the quote is coordinated ("… and “…”") with a slogan.
//  - a quote listed after a title or scare quote of its sentence (only a
//    comma or coordinator between: "„A“, „B“ oder „C“"), without final
//    punctuation and without a reporting verb after it, takes that kind.
//  - kTitle: a short (<= 6 words), title-cased content without final
//    punctuation (a final period inside the marks is allowed after a word,
//    US style) that is not next to a reporting verb; or a short capitalised
//    name right after "according to"/"laut" (a source); where names inflect
//    (Russian, Czech, Polish), a capitalised content of at most three words
//    right after a word, with no reporting verb next to it (a club, firm,
//    paper or show: "тренер «Зенита»", "v pořadu „Hokejový večer“").
//  - kScare: a short (<= 4 words) lower-case content without final
//    punctuation in a sentence with no reporting verb and no reported-speech
//    marker.
//  - kPartial: speech starting in lower case or embedded in running text.
//  - kFull: everything else.
#ifndef QUOTEWIRE_SERVER_EXTRACT_QUOTE_CLASSIFIER_H_
#define QUOTEWIRE_SERVER_EXTRACT_QUOTE_CLASSIFIER_H_

#include <string_view>
#include <vector>

#include "server/extract/document.h"
#include "server/extract/lexicon.h"
#include "server/extract/quote_unit.h"

namespace quotewire {
namespace extract {

// Builds one unit per quotation (joining merged paragraph segments).
std::vector<QuoteUnit> BuildUnits(const Document& doc);

// Sets `kind` of every unit.
void ClassifyQuotes(const Lexicon& lex, const Document& doc,
                    std::vector<QuoteUnit>* units);

// True for a quoted phrase that is speech even without a reporting verb, in
// a language that capitalises nouns: two or more words starting with a
// lower-case word (nouns and names are capitalised, so the phrase starts
// with an article, adjective, adverb or preposition: `als „gefährlichen Irrweg“`, `von „gezielter Provokation“`),
// not next to a naming word (`unter dem Motto „…“`)
// and not right after a media or organisation noun.
bool SpeechLikeFragment(const Lexicon& lex, const Document& doc,
                        const QuoteUnit& u);

// True when the sentence of token `t` has a speech cue outside quotes.
bool SentenceHasSpeechCue(const Lexicon& lex, const Document& doc, int t);

namespace internal {
// The first words of a quote's content, for the length and case tests of
// the rules above (in this header for its test).
struct ContentInfo {
  int words = 0;           // at most 13: the scan stops at the 13th word
  int cap_words = 0;       // words starting upper-case or with a digit
  int long_lower = 0;      // words of 4+ letters starting lower-case, except
                           // prepositions (title case keeps "with" low);
                           // 0 past 12 words
  bool first_upper = false;
  bool first_lower = false;
};
// A word is a run of letters and digits, joined by - ' and U+2019 (which
// are not letters); anything else ends it.
ContentInfo Inspect(const Lexicon& lex, std::string_view text, Span s);
}  // namespace internal

}  // namespace extract
}  // namespace quotewire

#endif  // QUOTEWIRE_SERVER_EXTRACT_QUOTE_CLASSIFIER_H_

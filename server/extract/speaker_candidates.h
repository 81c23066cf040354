// Speaker candidates and their features, for the learned speaker scorer
// (speaker_scorer.h).
//
// After the attribution rules have run, every quote they leave open (a
// speech quote without a speaker or attributed only by the low-confidence
// fallback, and every scare quote, which may be a fragment of somebody's
// speech) gets a list of candidate speakers: the rule's own answer, every
// participant (Document::entities) named in the quote's sentence, the three
// sentences before it or the sentence after it within the paragraph or the
// one before (by name, or by a he/she pronoun of the quote's sentence or the
// one before it, resolved by resolver.h), and the speaker of the previous
// speech quote. Each candidate is
// described by features that carry across languages: distance in tokens and
// sentences, position before or after the quote, punctuation and cue verbs
// between, the candidate's kind and mention count, whether it is the rule's
// answer and how the rule attributed the quote, the quote's shape; besides a
// few hashed lexical features (the words next to the quote and the mention).
//
// Feature indices are 1-based and fixed by this file: a model trained with
// one numbering is only valid with the same numbering (the model test
// retrains it from the train files and compares).
// Thread safety: plain functions of const inputs.
#ifndef QUOTEWIRE_SERVER_EXTRACT_SPEAKER_CANDIDATES_H_
#define QUOTEWIRE_SERVER_EXTRACT_SPEAKER_CANDIDATES_H_

#include <cstdint>
#include <utility>
#include <vector>

#include "server/extract/document.h"
#include "server/extract/lexicon.h"
#include "server/extract/quote_unit.h"

namespace quotewire {
namespace extract {

// Dense features take indices [1, kDenseFeatures]; hashed lexical features
// the next kHashBuckets indices.
inline constexpr int kDenseFeatures = 96;
inline constexpr int kHashBuckets = 1024;
inline constexpr int kNumFeatures = kDenseFeatures + kHashBuckets;

// One candidate speaker of one quote.
struct SpeakerCandidate {
  int entity = -1;   // Document::entities index; -1: the rule's non-name answer
  // The entity's occurrence nearest the quote: a name mention or a pronoun
  // (tokens, inclusive); -1 when outside the window.
  int first_token = -1;
  int last_token = -1;
  bool pronoun = false;  // that occurrence is a pronoun
  bool rule = false;        // the rules' answer
  bool prev_speaker = false;  // the previous speech quote's speaker
  // Active binary features, ascending and distinct, 1-based.
  std::vector<int> features;
};

// Whether the scorer may decide the speaker of `u`: a speech quote the rules
// left without a speaker or attributed by the fallback (kContinuation with
// confidence <= 0.4, or kNone), or a scare quote.
bool IsOpenQuote(const QuoteUnit& u);

// The features of the quote `u` alone (its shape, punctuation and words
// around it, cues in its sentence, the rules' attribution), shared by all
// its candidates; ascending is not guaranteed.
void QuoteFeatures(const Document& doc, const QuoteUnit& u,
                   std::vector<int>* out);

// QuoteFeatures and what tells speech from names of works and media and
// from scare quotes (every word capitalised, a media or naming noun or a
// determiner before it, a hyphen glued after it, a cue next to it; whether
// the sentence mentions a person or an organisation; the phrase's length,
// auxiliaries, pronouns and dictionary status; its position in the
// sentence; the Snowball stem of the nearest cue of the sentence and the
// word before the marks past articles, hashed), ascending: the features of
// the quote-kind model (speaker_scorer.h).
void QuoteKindFeatures(const Lexicon& lex, const Document& doc,
                       const QuoteUnit& u, std::vector<int>* out);
// Sorts `features` (indices in [1, kNumFeatures]) ascending and drops
// repeats.
void SortDistinctFeatures(std::vector<int>* features);

// The QuoteKindFeatures index set when every word of the quote is
// capitalised.
extern const int kTitleCaseFeature;

// Names of works, media and slogans are short: the quote-kind model decides
// only open speech quotes of one paragraph and at most this many words.
inline constexpr int kShortQuoteWords = 5;
bool IsOpenShortSpeech(const Document& doc, const QuoteUnit& u);
// The quotes the quote-kind model decides: open short speech quotes (speech
// or a title or scare quote) and scare quotes of one segment (a scare quote
// or speech of somebody in the sentence: "sprach von „…“").
bool IsKindCandidate(const Document& doc, const QuoteUnit& u);

// The candidates of the open quotes of one document. What does not depend
// on the quote is computed once per document and kept: the speaker each
// mention stands for (a description's person: resolver.h DescribedPerson),
// whether an entity's name is a common word. A quote's window is bounded by
// tokens as well as by sentences (kCandidateWindowTokens), so that one
// sentence of many quotes costs linear time.
class CandidateProposer {
 public:
  CandidateProposer(const Lexicon& lex, const Document& doc);

  // Fills `out` with the candidates of units[index] and their features.
  // `prev_entity` is the entity of the previous speech quote's speaker (-1
  // when none).
  void Propose(const std::vector<QuoteUnit>& units, int index,
               int prev_entity, std::vector<SpeakerCandidate>* out);

  // Mentions and pronouns further than this many tokens from the quote are
  // no candidates (beyond every real window of four sentences).
  static constexpr int kCandidateWindowTokens = 400;

 private:
  // The entity mention `m` (Document::mentions index) proposes: the person
  // a description stands for, else its entity; -1 for none.
  int MentionCandidate(int m);
  // Whether entity `e`'s name is a common word taken for a name.
  bool CommonWordEntity(int e);

  const Lexicon& lex_;
  const Document& doc_;
  std::vector<int> mention_candidate_;  // -2 until computed
  std::vector<int8_t> common_entity_;   // -1 until computed
  // The nearest occurrence of each candidate entity; reused across quotes.
  struct Found {
    int first = -1;  // tokens, inclusive
    int last = -1;
    bool pronoun = false;
    bool possessive = false;
    int distance = 1 << 30;
  };
  std::vector<std::pair<int, Found>> found_;
  std::vector<int> quote_features_;
};

}  // namespace extract
}  // namespace quotewire

#endif  // QUOTEWIRE_SERVER_EXTRACT_SPEAKER_CANDIDATES_H_

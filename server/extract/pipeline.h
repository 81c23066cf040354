// The stages of the extraction sieve, in the order Extractor::Extract() runs
// them, and a way to run a prefix of them (bench/extract_bench measures each
// stage's cost as the difference between two prefixes).
#ifndef QUOTEWIRE_SERVER_EXTRACT_PIPELINE_H_
#define QUOTEWIRE_SERVER_EXTRACT_PIPELINE_H_

#include <string_view>
#include <vector>

#include "server/core/model.h"
#include "server/extract/document.h"
#include "server/extract/lexicon.h"
#include "server/extract/quote_unit.h"
#include "server/extract/speaker_scorer.h"

namespace quotewire {
namespace extract {

enum class Stage {
  kParagraphs,    // text_scan: paragraphs
  kQuotePairing,  // quote_pairing: quotation marks, multi-paragraph quotes
  kTokens,        // text_scan: tokens and sentences outside quotes
  kLanguage,      // language_detector: detection (unless given), lexicon
  kMentions,      // mentions: names, titles, entities, gender, ages
  kClassify,      // quote_classifier: full / partial / heading / title / ...
  kAttribution,   // attribution: explicit -> pronoun / description -> ...
  kScoring,       // speaker_scorer: learned speaker of the open quotes
};
inline constexpr Stage kStages[] = {
    Stage::kParagraphs, Stage::kQuotePairing, Stage::kTokens,
    Stage::kLanguage,   Stage::kMentions,     Stage::kClassify,
    Stage::kAttribution, Stage::kScoring};

// "paragraphs", "quote_pairing", ...
std::string_view StageName(Stage stage);

// Resets `doc` to the article's text and runs the stages up to and including
// `last`; `units` holds the quotes from kClassify on. kScoring runs only with
// a speaker `model` (the extractor's; null: the rules alone), and decides
// quote kinds too with a `kind_model`.
void RunStages(const Lexicon& lex, const Article& article, Stage last,
               Document* doc, std::vector<QuoteUnit>* units,
               const SpeakerModel* model = nullptr,
               const SpeakerModel* kind_model = nullptr);

}  // namespace extract
}  // namespace quotewire

#endif  // QUOTEWIRE_SERVER_EXTRACT_PIPELINE_H_

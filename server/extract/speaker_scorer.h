// The learned speaker scorer: a logistic-regression model over the
// candidates of speaker_candidates.h, trained on the train files of
// ../shared/eval by scripts/train-speaker-model (liblinear, L2R_LR primal)
// and stored as liblinear's text model in data/extract/speaker_model.txt.
//
// It runs after the attribution rules and decides only the quotes the rules
// leave open (IsOpenQuote): it gives the best candidate to a speech quote
// without a speaker or with a fallback speaker, and turns a scare quote into
// a speech fragment of a candidate when that candidate's probability is at
// least kSpeakerThreshold. A quote with a precise rule answer is never
// changed.
//
//   absl::StatusOr<std::unique_ptr<SpeakerModel>> model =
//       SpeakerModel::Load("data/extract/speaker_model.txt");
//   ScoreSpeakers(lex, **model, /*kind_model=*/nullptr, doc, &units);
//
// Thread safety: a SpeakerModel is immutable after Load(); its const methods
// may be called concurrently.
#ifndef QUOTEWIRE_SERVER_EXTRACT_SPEAKER_SCORER_H_
#define QUOTEWIRE_SERVER_EXTRACT_SPEAKER_SCORER_H_

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "server/extract/document.h"
#include "server/extract/lexicon.h"
#include "server/extract/quote_unit.h"
#include "server/extract/speaker_candidates.h"

namespace quotewire {
namespace extract {

// The probability a candidate needs to be chosen.
inline constexpr double kSpeakerThreshold = 0.5;

class SpeakerModel {
 public:
  // Reads a liblinear text model (solver L2R_LR, two classes labelled 0
  // and 1, no bias term, nr_feature == kNumFeatures). Returns NotFound when
  // the file is missing, InvalidArgument naming the line when it is
  // malformed or has another number of features.
  static absl::StatusOr<std::unique_ptr<SpeakerModel>> Load(
      const std::string& path);
  // The same from the file's contents; `name` is used in errors.
  static absl::StatusOr<std::unique_ptr<SpeakerModel>> Parse(
      absl::string_view text, absl::string_view name);

  SpeakerModel(const SpeakerModel&) = delete;
  SpeakerModel& operator=(const SpeakerModel&) = delete;

  // P(the candidate is the speaker) for 1-based binary feature indices;
  // indices beyond the model's weights count zero.
  double Probability(const std::vector<int>& features) const;

 private:
  SpeakerModel() = default;
  std::vector<double> weights_;  // index 0 unused; sign: P(label 1)
};

// Decides the open quotes of `units` (see above). `units` come from
// AttributeQuotes. With a `kind_model` (quote_kind_model.txt, over
// QuoteKindFeatures), a short open speech quote (IsOpenShortSpeech) whose
// probability of being speech
// is below kSpeechThreshold becomes a title (every word capitalised) or a
// scare quote, without speaker; a scare quote of one segment whose
// probability is at least kPromoteThreshold becomes speech of its most
// likely candidate mentioned in its sentence (when that one reaches
// kPromotedSpeakerFloor; else of its best candidate when that one reaches
// kPromotedOtherFloor) (a judged or reported phrase:
// "sprach von „gezielter Provokation“"), or of its best candidate anywhere
// when that one reaches kSpeakerThreshold.
void ScoreSpeakers(const Lexicon& lex, const SpeakerModel& model,
                   const SpeakerModel* kind_model, const Document& doc,
                   std::vector<QuoteUnit>* units);

// The probability an open speech quote needs to stay speech.
inline constexpr double kSpeechThreshold = 0.5;
// The probability a scare quote needs to become speech: above
// kSpeechThreshold, as a promoted quote takes a candidate below
// kSpeakerThreshold (chosen on the train files: 0.5 and 0.6 lowered
// PolNeAR train, 0.8 lowered German train).
inline constexpr double kPromoteThreshold = 0.7;
// The probability the speaker of a promoted quote needs (chosen on the
// train files and the resolved sets: below 0.3 names of other people in the
// sentence took judged phrases of an unnamed subject).
inline constexpr double kPromotedSpeakerFloor = 0.3;
// Without one, its best candidate elsewhere needs this much (0.1, 0.2 and
// 0.3 tried on the train files; 0.1 best for German, the same elsewhere).
inline constexpr double kPromotedOtherFloor = 0.1;

// Calls fn(index, candidates) for every open quote of `units`, in text
// order, with the candidates of speaker_candidates.h (the previous speech
// quote's speaker as the rules left it). Shared by ScoreSpeakers and the
// trainer, so that both see the same candidates.
void ForEachOpenQuote(
    const Lexicon& lex, const Document& doc,
    const std::vector<QuoteUnit>& units,
    const std::function<void(int, const std::vector<SpeakerCandidate>&)>& fn);

// The speaker ScoreSpeakers writes for an entity candidate.
Speaker CandidateSpeaker(const Document& doc, const SpeakerCandidate& c);

}  // namespace extract
}  // namespace quotewire

#endif  // QUOTEWIRE_SERVER_EXTRACT_SPEAKER_SCORER_H_

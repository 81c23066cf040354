#include "server/extract/speaker_scorer.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "server/extract/attribution.h"

namespace quotewire {
namespace extract {

absl::StatusOr<std::unique_ptr<SpeakerModel>> SpeakerModel::Load(
    const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot open ", path));
  std::stringstream buffer;
  buffer << in.rdbuf();
  return Parse(buffer.str(), path);
}

absl::StatusOr<std::unique_ptr<SpeakerModel>> SpeakerModel::Parse(
    absl::string_view text, absl::string_view name) {
  std::unique_ptr<SpeakerModel> model(new SpeakerModel());
  int line_no = 0;
  bool in_weights = false;
  int nr_feature = -1;
  bool label_one_first = false;
  auto error = [&](absl::string_view what) {
    return absl::InvalidArgumentError(
        absl::StrCat(name, ":", line_no, ": ", what));
  };
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++line_no;
    line = absl::StripAsciiWhitespace(line);
    if (line.empty()) continue;
    if (in_weights) {
      double w;
      if (!absl::SimpleAtod(line, &w)) return error("bad weight");
      model->weights_.push_back(w);
      continue;
    }
    std::vector<absl::string_view> f =
        absl::StrSplit(line, ' ', absl::SkipEmpty());
    if (f[0] == "solver_type") {
      if (f.size() != 2 || f[1] != "L2R_LR") return error("solver must be L2R_LR");
    } else if (f[0] == "nr_class") {
      if (f.size() != 2 || f[1] != "2") return error("nr_class must be 2");
    } else if (f[0] == "label") {
      if (f.size() != 3) return error("label needs two classes");
      if (f[1] == "1" && f[2] == "0") {
        label_one_first = true;
      } else if (!(f[1] == "0" && f[2] == "1")) {
        return error("labels must be 0 and 1");
      }
    } else if (f[0] == "nr_feature") {
      if (f.size() != 2 || !absl::SimpleAtoi(f[1], &nr_feature) ||
          nr_feature != kNumFeatures) {
        return error(absl::StrCat("nr_feature must be ", kNumFeatures));
      }
    } else if (f[0] == "bias") {
      double bias;
      if (f.size() != 2 || !absl::SimpleAtod(f[1], &bias) || bias >= 0) {
        return error("the model must have no bias term (bias -1)");
      }
    } else if (f[0] == "w") {
      in_weights = true;
      model->weights_.push_back(0);  // index 0 unused
    } else {
      return error(absl::StrCat("unknown key ", f[0]));
    }
  }
  if (!in_weights || nr_feature < 0 ||
      static_cast<int>(model->weights_.size()) != nr_feature + 1) {
    return absl::InvalidArgumentError(
        absl::StrCat(name, ": missing header or weights"));
  }
  // liblinear's weights favour the first label: make them favour label 1.
  if (!label_one_first) {
    for (double& w : model->weights_) w = -w;
  }
  return model;
}

double SpeakerModel::Probability(const std::vector<int>& features) const {
  double z = 0;
  const int n = static_cast<int>(weights_.size());
  for (int f : features) {
    if (f > 0 && f < n) z += weights_[f];
  }
  return 1.0 / (1.0 + std::exp(-z));
}

void ForEachOpenQuote(
    const Lexicon& lex, const Document& doc,
    const std::vector<QuoteUnit>& units,
    const std::function<void(int, const std::vector<SpeakerCandidate>&)>& fn) {
  CandidateProposer proposer(lex, doc);
  std::vector<SpeakerCandidate> candidates;
  int prev_entity = -1;
  for (int i = 0; i < static_cast<int>(units.size()); ++i) {
    const QuoteUnit& u = units[i];
    if (IsOpenQuote(u)) {
      proposer.Propose(units, i, prev_entity, &candidates);
      if (!candidates.empty()) fn(i, candidates);
    }
    if (IsSpeech(u.kind) &&
        (!u.speaker.name.empty() || !u.speaker.mention.empty())) {
      prev_entity = u.entity;
    }
  }
}

Speaker CandidateSpeaker(const Document& doc, const SpeakerCandidate& c) {
  Speaker sp;
  if (c.entity < 0) return sp;
  const Entity& e = doc.entities[c.entity];
  sp.name = e.name;
  sp.kind = e.kind;
  sp.description = e.description;
  sp.age = e.age;
  if (c.first_token >= 0) {
    const Span span{doc.tokens[c.first_token].start,
                    doc.tokens[c.last_token].end};
    sp.mention = std::string(doc.Slice(span));
    sp.mention_span = span;
  }
  return sp;
}

namespace {

// The most probable candidate mentioned in the sentences of `u`; -1 when
// none. Sets `*p` to its probability.
int BestInSentence(const Document& doc, const QuoteUnit& u,
                   const SpeakerModel& model,
                   const std::vector<SpeakerCandidate>& candidates,
                   double* p) {
  const int first = doc.tokens[u.first_token].sentence;
  const int last = doc.tokens[u.last_token].sentence;
  int best = -1;
  *p = 0;
  for (int k = 0; k < static_cast<int>(candidates.size()); ++k) {
    const SpeakerCandidate& c = candidates[k];
    if (c.first_token < 0 || c.entity < 0) continue;
    const int s = doc.tokens[c.first_token].sentence;
    if (s < first || s > last) continue;
    const double q = model.Probability(c.features);
    if (q > *p) {
      *p = q;
      best = k;
    }
  }
  return best;
}

// "Von „A“ oder „B“ spricht X", "nannte es „A“ und „B“": a scare quote
// joined by a coordinating conjunction alone to a speech phrase of one
// segment with a speaker is that speaker's speech too.
void ShareSpeakerOfCoordinatedPhrases(const Document& doc,
                                      std::vector<QuoteUnit>* units) {
  const auto& toks = doc.tokens;
  auto spoken = [](const QuoteUnit& u) {
    return IsSpeech(u.kind) && u.raw.size() == 1 &&
           (!u.speaker.name.empty() || !u.speaker.mention.empty());
  };
  for (size_t i = 0; i + 1 < units->size(); ++i) {
    QuoteUnit& x = (*units)[i];
    QuoteUnit& y = (*units)[i + 1];
    const int between = x.last_token + 1;
    if (x.last_token < 0 || y.first_token != between + 1 ||
        toks[between].kind != TokKind::kWord ||
        !(toks[between].classes & kCoord) || x.raw.size() != 1 ||
        y.raw.size() != 1) {
      continue;
    }
    QuoteUnit* scare = nullptr;
    const QuoteUnit* speech = nullptr;
    if (x.kind == QuoteKind::kScare && spoken(y)) {
      scare = &x;
      speech = &y;
    } else if (y.kind == QuoteKind::kScare && spoken(x)) {
      scare = &y;
      speech = &x;
    } else {
      continue;
    }
    scare->kind = QuoteKind::kPartial;
    scare->speaker = speech->speaker;
    scare->entity = speech->entity;
    scare->cue = speech->cue;
    scare->outlet = speech->outlet;
    scare->attribution = Attribution::kContinuation;
    scare->confidence = speech->confidence;
  }
}

}  // namespace

void ScoreSpeakers(const Lexicon& lex, const SpeakerModel& model,
                   const SpeakerModel* kind_model, const Document& doc,
                   std::vector<QuoteUnit>* units) {
  // Open speech quotes that are not speech (names of works and media), and
  // scare quotes that are speech of somebody in the sentence.
  std::vector<int> demote;
  std::vector<char> promote(units->size(), 0);
  if (kind_model != nullptr) {
    std::vector<int> features;
    for (int i = 0; i < static_cast<int>(units->size()); ++i) {
      const QuoteUnit& u = (*units)[i];
      if (!IsKindCandidate(doc, u)) continue;
      QuoteKindFeatures(lex, doc, u, &features);
      const double pk = kind_model->Probability(features);
      const bool speech = pk >= kSpeechThreshold;
      if (IsSpeech(u.kind) && !speech) demote.push_back(i);
      if (u.kind == QuoteKind::kScare && pk >= kPromoteThreshold) {
        promote[i] = 1;
      }
    }
  }
  // A promoted quote whose clause has a description or body as subject
  // ("die Bundesregierung sprach von „…“") is that subject's speech: the
  // candidates hold only named people and organisations.
  std::vector<std::pair<int, QuoteUnit>> by_subject =
      DescribedClauseSubjectsSpeak(lex, doc, *units, promote);
  std::vector<char> by_subject_index(units->size(), 0);
  for (auto& [i, u] : by_subject) {
    u.kind = QuoteKind::kPartial;
    by_subject_index[i] = 1;
  }
  // Decide first, apply after: every quote sees the rules' answers.
  std::vector<std::pair<int, SpeakerCandidate>> chosen;
  std::vector<double> probability;
  ForEachOpenQuote(
      lex, doc, *units,
      [&](int index, const std::vector<SpeakerCandidate>& candidates) {
        int best = -1;
        double best_p = 0;
        if (by_subject_index[index]) return;
        for (int k = 0; k < static_cast<int>(candidates.size()); ++k) {
          const double p = model.Probability(candidates[k].features);
          if (p > best_p) {
            best_p = p;
            best = k;
          }
        }
        // A scare quote the kind model takes for speech goes to the most
        // likely speaker mentioned in its sentence, else to its most likely
        // candidate (floors: speaker_scorer.h).
        if (best >= 0 && best_p < kSpeakerThreshold && promote[index]) {
          best = BestInSentence(doc, (*units)[index], model, candidates,
                                &best_p);
          if (best >= 0 && best_p < kPromotedSpeakerFloor) best = -1;
          if (best < 0) {
            // Only a candidate more likely than every one of the sentence.
            for (int k = 0; k < static_cast<int>(candidates.size()); ++k) {
              const double q = model.Probability(candidates[k].features);
              if (q >= kPromotedOtherFloor && q > best_p) {
                best_p = q;
                best = k;
              }
            }
          }
          if (best >= 0) best_p = kSpeakerThreshold;
        }
        if (best < 0 || best_p < kSpeakerThreshold) return;
        const SpeakerCandidate& c = candidates[best];
        if (c.rule || c.entity < 0) return;  // the rules' answer stands
        chosen.push_back({index, c});
        probability.push_back(best_p);
      });
  for (size_t k = 0; k < chosen.size(); ++k) {
    QuoteUnit& u = (*units)[chosen[k].first];
    const SpeakerCandidate& c = chosen[k].second;
    if (u.kind == QuoteKind::kScare) u.kind = QuoteKind::kPartial;
    u.speaker = CandidateSpeaker(doc, c);
    u.entity = c.entity;
    u.cue.clear();
    u.outlet.clear();
    u.attribution = Attribution::kContinuation;
    u.confidence = static_cast<float>(0.4 * probability[k]);
  }
  for (auto& [i, u] : by_subject) (*units)[i] = std::move(u);
  ShareSpeakerOfCoordinatedPhrases(doc, units);
  for (int i : demote) {
    QuoteUnit& u = (*units)[i];
    std::vector<int> features;
    QuoteKindFeatures(lex, doc, u, &features);
    const bool title =
        std::binary_search(features.begin(), features.end(), kTitleCaseFeature);
    u.kind = title ? QuoteKind::kTitle : QuoteKind::kScare;
    u.speaker = Speaker();
    u.entity = -1;
    u.cue.clear();
    u.outlet.clear();
    u.attribution = Attribution::kNone;
    u.confidence = 0;
  }
}

}  // namespace extract
}  // namespace quotewire

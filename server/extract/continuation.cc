// Quotes the explicit rules left without a speaker (rules 3 to 5 of
// attribution.h): coordination `… “A” and “B”`, continuation of the
// previous speech quote of the paragraph or of the previous paragraph, and
// the fallbacks (an earlier speaker within two paragraphs, a reporting
// sentence before the quote, the nearest person named in the paragraph, the
// named subject of the previous sentence).
#include <algorithm>
#include <vector>

#include "server/extract/attributor.h"
#include "server/extract/mentions.h"

namespace quotewire {
namespace extract {
namespace {

// The nearest speech quote before units[ui], or nullptr.
const QuoteUnit* EarlierSpeechQuote(const std::vector<QuoteUnit>& units,
                                    size_t ui) {
  for (size_t pj = ui; pj-- > 0;) {
    if (IsSpeech(units[pj].kind)) return &units[pj];
  }
  return nullptr;
}

// The speaker `probe` found becomes `u`'s, as a continuation of
// `confidence`.
void TakeSpeakerOf(const QuoteUnit& probe, float confidence, QuoteUnit* u) {
  u->speaker = probe.speaker;
  u->entity = probe.entity;
  u->cue = probe.cue;
  u->outlet = probe.outlet;
  u->attribution = Attribution::kContinuation;
  u->confidence = confidence;
}

}  // namespace

void Attributor::ContinueSpeakers(std::vector<QuoteUnit>* units) const {
  const QuoteUnit* prev = nullptr;
  for (QuoteUnit& u : *units) {
    if (!IsSpeech(u.kind)) continue;
    if (u.attribution == Attribution::kNone && prev != nullptr &&
        (!prev->speaker.name.empty() || !prev->speaker.mention.empty())) {
      int pt = prev->last_token, qt = u.first_token;
      bool same_para = toks_[pt].para == toks_[qt].para;
      bool coordinated = same_para && SameSentence(pt, qt);
      for (int k = pt + 1; coordinated && k < qt; ++k) {
        coordinated = toks_[k].kind == TokKind::kPunct ||
                      (toks_[k].classes & kCoord);
      }
      bool opens_para = qt == doc_.para_token_begin[toks_[qt].para];
      bool next_para = toks_[pt].para + 1 == toks_[qt].para && opens_para;
      if (!coordinated && same_para && SpeakerOfSentenceBefore(prev, &u)) {
        prev = &u;
        continue;
      }
      if (!coordinated && (same_para || next_para) &&
          OwnSubjectSpeaks(*prev, &u)) {
        prev = &u;
        continue;
      }
      if (coordinated || same_para || next_para) {
        u.speaker = prev->speaker;
        if (!u.speaker.name.empty()) {
          u.speaker.mention.clear();
          u.speaker.mention_span = {};
        }
        u.entity = prev->entity;
        u.cue = coordinated ? prev->cue : "";
        u.outlet = prev->outlet;
        u.attribution = coordinated ? prev->attribution
                                    : Attribution::kContinuation;
        u.confidence = coordinated ? prev->confidence
                                   : (same_para ? 0.6f : 0.5f);
        if (coordinated) u.speaker.mention = prev->speaker.mention;
      }
    }
    prev = &u;
  }
}

void Attributor::FallBack(std::vector<QuoteUnit>* units) const {
  for (size_t ui = 0; ui < units->size(); ++ui) {
    QuoteUnit& u = (*units)[ui];
    if (!IsSpeech(u.kind) || u.attribution != Attribution::kNone) continue;
    if (u.kind == QuoteKind::kPartial && !InReportedSentence(u.first_token)) {
      continue;
    }
    if (u.kind != QuoteKind::kPartial &&
        SpeakerOfSentenceBefore(EarlierSpeechQuote(*units, ui), &u)) {
      continue;
    }
    if (ContinueEarlierSpeaker(*units, ui, &u)) continue;
    if ((u.kind == QuoteKind::kPartial || OwnParagraph(u)) &&
        SpeakerOfReportingSentenceBefore(&u)) {
      continue;
    }
    if (NearestPersonNamedBefore(&u)) continue;
    if (u.kind != QuoteKind::kPartial) SubjectOfPreviousSentence(&u);
    if (u.attribution == Attribution::kNone && OwnParagraph(u)) {
      SubjectOfLeadInParagraph(&u);
    }
  }
}

bool Attributor::OwnSubjectSpeaks(const QuoteUnit& prev, QuoteUnit* u) const {
  const int qt = u->first_token;
  const int a = SentenceStart(qt);
  // Only a sentence wholly after the previous quote, one clause without
  // punctuation, not in reported speech ("Dies hätten die Beamten „…“
  // verhindert" goes on reporting the previous speaker).
  if (a <= prev.last_token || a >= qt || InReportedSentence(qt)) return false;
  // No cue word either ("Svaz podle něj plánuje …": by the previous
  // speaker's account).
  for (int k = a; k < qt; ++k) {
    if (Is(k, ",") || Is(k, ";") || Is(k, ":") ||
        toks_[k].kind == TokKind::kQuote || (toks_[k].classes & kCueWord)) {
      return false;
    }
  }
  QuoteUnit probe;
  probe.raw = u->raw;
  probe.first_token = u->first_token;
  probe.last_token = u->last_token;
  const NounPhrase np = OpeningSubject(a, qt);
  if (np.kind == NpKind::kName) {
    // A named subject opening it, a lower-case word (the finite verb)
    // after it.
    if (np.first != a || np.mention < 0 || !IsWord(np.last + 1) ||
        toks_[np.last + 1].cap || np.last + 1 >= qt ||
        doc_.mentions[np.mention].entity == prev.entity) {
      return false;
    }
    NamedSubjectOfSentence(a, qt, &probe);
  } else if (np.kind == NpKind::kPronoun || !DescribedSubjectSpeaks(&probe)) {
    return false;
  }
  if (probe.speaker.name.empty() ||
      probe.speaker.name == prev.speaker.name) {
    return false;
  }
  TakeSpeakerOf(probe, std::min(probe.confidence, 0.3f), u);
  return true;
}

bool Attributor::InReportedSentence(int qt) const {
  bool reported = false;
  int b = std::max(SentenceStart(qt), qt - 40);
  int e = std::min(SentenceEnd(qt), qt + 40);
  for (int k = b; k < e && !reported; ++k) {
    reported = (toks_[k].classes & kReported) != 0;
  }
  return reported;
}

bool Attributor::ContinueEarlierSpeaker(const std::vector<QuoteUnit>& units,
                                        size_t ui, QuoteUnit* u) const {
  const int qt = u->first_token;
  const QuoteUnit* prev = nullptr;
  for (size_t pj = ui, steps = 0; pj-- > 0 && steps < 20; ++steps) {
    const QuoteUnit& p = units[pj];
    if (!IsSpeech(p.kind) || p.speaker.name.empty()) continue;
    if (toks_[p.last_token].para + 2 >= toks_[qt].para) prev = &p;
    break;
  }
  // A reporting sentence after the previous quote, ending the previous
  // paragraph, names the speaker of a quote paragraph.
  if (prev != nullptr && OwnParagraph(*u) &&
      toks_[prev->last_token].para + 1 < toks_[qt].para) {
    prev = nullptr;
  }
  if (prev == nullptr) return false;
  u->speaker = prev->speaker;
  u->speaker.mention.clear();
  u->speaker.mention_span = {};
  u->entity = prev->entity;
  u->outlet = prev->outlet;
  u->attribution = Attribution::kContinuation;
  u->confidence = 0.4f;
  return true;
}

bool Attributor::SpeakerOfSentenceBefore(const QuoteUnit* prev,
                                         QuoteUnit* u) const {
  const int qt = u->first_token;
  const int para_begin = doc_.para_token_begin[toks_[qt].para];
  const int end = qt - 1;
  if (end <= para_begin || !toks_[qt].sent_start ||
      !(Is(end, ".") || Is(end, "!") || Is(end, "?"))) {
    return false;
  }
  // The sentence starts after the last sentence end or quotation mark
  // before it (a sentence may run on after a closing quote).
  int b = std::max(SentenceStart(end), para_begin);
  for (int k = end - 1; k >= b; --k) {
    if (toks_[k].kind == TokKind::kQuote || Is(k, ".") || Is(k, "!") ||
        Is(k, "?")) {
      b = k + 1;
      break;
    }
  }
  if (b >= end || !IsWord(b) || !toks_[b].cap ||
      (prev != nullptr && prev->last_token >= b)) {
    return false;
  }
  QuoteUnit probe;
  probe.raw = u->raw;
  if (!PreFrom(b, end, &probe) || probe.speaker.name.empty()) {
    probe = QuoteUnit();
    probe.raw = u->raw;
    // "Der ältere Bruder des Papstes, Georg Ratzinger, war …": a role
    // phrase and the name in apposition to it.
    const NounPhrase role = ParseNpForward(b, end);
    int role_last = -1;
    const NounPhrase named = AppositiveName(role, end, &role_last);
    int comma = -1;
    const NounPhrase set_off = NameSetOffInSubject(b, end, &comma);
    if (role_last >= 0 && named.kind == NpKind::kName) {
      SetSpeaker(named, -1, 0, role.first, role_last, &probe);
    } else if (set_off) {
      SetSpeaker(set_off, -1, 0, b, comma - 1, &probe);
    } else {
      NamedSubjectOfSentence(b, end, &probe);
    }
    if (probe.speaker.kind != SpeakerKind::kPerson) return false;
  }
  if (probe.speaker.name.empty() ||
      (prev != nullptr && ((probe.entity >= 0 && probe.entity == prev->entity) ||
                           probe.speaker.name == prev->speaker.name))) {
    return false;
  }
  TakeSpeakerOf(probe, 0.4f, u);
  return true;
}

NounPhrase Attributor::NameSetOffInSubject(int b, int end, int* comma) const {
  // The subject opens the sentence with its article and runs without a
  // verb (lower-case words other than articles and adjectives of it) to
  // the comma.
  if (!(toks_[b].classes & kDet)) return NounPhrase();
  for (int k = b + 1; k < end && k < b + 8; ++k) {
    if (Is(k, ",")) {
      const NounPhrase np = ParseNpForward(k + 1, end);
      if (np.kind != NpKind::kName || !Is(np.last + 1, ",")) break;
      const Entity& e = doc_.entities[doc_.mentions[np.mention].entity];
      if (e.kind != SpeakerKind::kPerson && !e.person_evidence) break;
      *comma = k;
      return np;
    }
    if (!IsWord(k) || (toks_[k].classes & kCueWord)) break;
  }
  return NounPhrase();
}

bool Attributor::SpeakerOfReportingSentenceBefore(QuoteUnit* u) const {
  const int qt = u->first_token;
  int end = SentenceStart(qt);
  int floor = toks_[qt].para > 0
                  ? doc_.para_token_begin[toks_[qt].para - 1]
                  : 0;
  bool done = false;
  for (int n = 0; n < 3 && end > floor && !done; ++n) {
    int b = std::max(SentenceStart(end - 1), floor);
    int a = b;
    for (int k = end - 1; k >= b; --k) {
      if (toks_[k].kind == TokKind::kQuote) {
        a = k + 1;
        break;
      }
    }
    QuoteUnit probe;
    probe.raw = u->raw;
    if (PreFrom(a, end, &probe) && !probe.speaker.name.empty()) {
      u->speaker = probe.speaker;
      u->entity = probe.entity;
      u->cue = probe.cue;
      u->attribution = Attribution::kContinuation;
      u->confidence = 0.4f;
      done = true;
    }
    end = b;
  }
  return done;
}

bool Attributor::NearestPersonNamedBefore(QuoteUnit* u) const {
  const int qt = u->first_token;
  const int para_begin = doc_.para_token_begin[toks_[qt].para];
  // The answer of a Q&A interview ("A: …") is the interviewee's: the
  // nearest person named before it anywhere in the article.
  const bool answer = doc_.raw_quotes[u->raw.front()].open == ':';
  auto it = std::lower_bound(
      doc_.mentions.begin(), doc_.mentions.end(), qt,
      [](const Mention& m, int v) { return m.last_token < v; });
  for (int steps = 0; it != doc_.mentions.begin() && steps < 50; ++steps) {
    --it;
    if (it->last_token < para_begin && !answer) break;
    const Entity& ent = doc_.entities[it->entity];
    if (ent.kind != SpeakerKind::kPerson && !ent.person_evidence) continue;
    if (ClauseInitial(it->first_token) && CommonWordName(ent.name, ent.name)) {
      continue;  // "Wörtlich heißt es"
    }
    u->speaker.name = ent.name;
    u->speaker.kind = SpeakerKind::kPerson;
    u->entity = it->entity;
    u->attribution = Attribution::kContinuation;
    u->confidence = 0.3f;
    return true;
  }
  return false;
}

void Attributor::SubjectOfPreviousSentence(QuoteUnit* u) const {
  const int qt = u->first_token;
  const int para_begin = doc_.para_token_begin[toks_[qt].para];
  int prev_end = qt - 1;
  if (prev_end < para_begin || toks_[prev_end].kind != TokKind::kPunct) return;
  int b = SentenceStart(prev_end);
  // Skip a lead-in ending with a colon ("Europapolitik: Die SPD …").
  for (int k = b; k < prev_end && k < b + 4; ++k) {
    if (Is(k, ":")) b = k + 1;
  }
  NamedSubjectOfSentence(b, prev_end, u);
}

void Attributor::SubjectOfLeadInParagraph(QuoteUnit* u) const {
  const int para = toks_[u->first_token].para;
  if (para == 0) return;
  const int prev_end = doc_.para_token_begin[para] - 1;
  if (prev_end < 0 || toks_[prev_end].para != para - 1 || !Is(prev_end, ".")) {
    return;
  }
  const int b = std::max(SentenceStart(prev_end),
                         doc_.para_token_begin[para - 1]);
  for (int k = b; k < prev_end; ++k) {
    if (toks_[k].kind == TokKind::kQuote) return;
  }
  // "She pauses.\n\n“Well, thank you so much.”": a he/she subject is
  // resolved to its person.
  const NounPhrase np = ParseNpForward(b, prev_end);
  if (np.kind == NpKind::kPronoun &&
      (np.gender == Gender::kMale || np.gender == Gender::kFemale)) {
    SetSpeaker(np, -1, 0, -1, -1, u);
    u->attribution = Attribution::kContinuation;
    u->confidence = 0.3f;
    return;
  }
  NamedSubjectOfSentence(b, prev_end, u);
}

void Attributor::NamedSubjectOfSentence(int b, int end, QuoteUnit* u) const {
  NounPhrase np = ParseNpForward(b, end);
  if (!np || np.kind != NpKind::kName || np.mention < 0) return;
  // The subject itself, not a name after its verb ("Vale praised Ross's
  // plan" read like "Clinton spokesman Brian Fallon").
  for (int k = b; k < doc_.mentions[np.mention].first_token; ++k) {
    if (toks_[k].kind == TokKind::kWord && !toks_[k].cap) {
      const int m = MentionAtToken(doc_, b);
      if (m < 0 || doc_.mentions[m].first_token != b) return;
      np = ParseNpForward(b, doc_.mentions[m].last_token + 1);
      if (!np || np.kind != NpKind::kName) return;
      break;
    }
  }
  SetSpeaker(np, -1, 0, -1, -1, u);
  u->attribution = Attribution::kContinuation;
  u->confidence = 0.3f;
}

}  // namespace extract
}  // namespace quotewire

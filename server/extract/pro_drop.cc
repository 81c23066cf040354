// Pro-drop cues ("«…», disse.", "„…“ dodala.", "«…» —dijo."): the speaker is
// the person the passage is about, agreeing with the verb's gender.
#include "server/extract/attributor.h"

#include <algorithm>

#include "server/extract/mentions.h"

namespace quotewire {
namespace extract {

bool Attributor::TryProDrop(int cue, int cue_len, QuoteUnit* u) const {
  if (!lex_.DropsSubject(doc_.lang)) return false;
  if (PreviousSubjectSpeaks(cue, cue_len, u)) return true;
  if (RomanceLanguage() && SubjectAfterPreviousQuote(cue, cue_len, u)) {
    return true;
  }
  const Gender verb = lex_.VerbGender(doc_.lang, toks_[cue].lower);
  const bool gendered = verb == Gender::kMale || verb == Gender::kFemale;
  const int qt = u->first_token;
  const int floor_para = std::max(0, toks_[qt].para - 2);
  const auto last = std::lower_bound(
      doc_.mentions.begin(), doc_.mentions.end(), qt,
      [](const Mention& m, int v) { return m.last_token < v; });
  // Where the verb marks a gender, a person known to have it first, then
  // one of unknown gender ("dodała": Zielińska before "Piotrem Mazurem").
  for (int pass = gendered ? 0 : 1; pass < 2; ++pass) {
    auto it = last;
    for (int steps = 0; it != doc_.mentions.begin() && steps < 50; ++steps) {
      --it;
      if (toks_[it->first_token].para < floor_para) break;
      if (it->entity < 0) continue;
      const Entity& ent = doc_.entities[it->entity];
      // A person, or a full name nothing says is an organisation.
      if (ent.kind != SpeakerKind::kPerson && !ent.person_evidence &&
          (ent.kind != SpeakerKind::kUnknown || ent.name_tokens < 2)) {
        continue;
      }
      if (CommonWordName(ent.name, ent.name)) continue;
      if (AddresseeOfItsSentence(*it)) continue;
      const Gender g = EntityGender(ent);
      if (pass == 0 ? g != verb
                    : gendered && (g == Gender::kMale || g == Gender::kFemale) &&
                          g != verb) {
        continue;
      }
      u->speaker.name = ent.name;
      u->speaker.kind = SpeakerKind::kPerson;
      u->entity = it->entity;
      u->cue = Text(cue, cue + cue_len - 1);
      u->attribution = Attribution::kContinuation;
      u->confidence = 0.5f;
      return true;
    }
  }
  return false;
}

// "«…», ha lamentado Heredia en declaraciones a Canal Sur. «…», ha
// confesado.": the medium a quote was told to is named after an addressee
// phrase of its sentence, and it is no one the passage is about.
bool Attributor::AddresseeOfItsSentence(const Mention& m) const {
  if (m.entity < 0 || m.first_token < 1) return false;
  const int s0 = SentenceStart(m.first_token);
  const std::string outlet = FindOutlet(s0, SentenceEnd(m.first_token));
  return !outlet.empty() && outlet == doc_.entities[m.entity].name;
}

bool Attributor::RomanceLanguage() const {
  return lex_.Has(doc_.lang, Lexicon::Trait::kOpeningSubjectSpeaks);
}

bool Attributor::PreviousSubjectSpeaks(int cue, int cue_len,
                                       QuoteUnit* u) const {
  const int qt = u->first_token;
  if (!RomanceLanguage() || qt < 1 || SameSentence(qt - 1, qt) ||
      toks_[qt - 1].para != toks_[qt].para) {
    return false;
  }
  return SentenceSubjectSpeaks(qt - 1, cue, cue_len, u);
}

bool Attributor::SubjectAfterPreviousQuote(int cue, int cue_len,
                                           QuoteUnit* u) const {
  const int qt = u->first_token;
  int c = qt - 1;
  if (c >= 0 && toks_[c].kind == TokKind::kQuote) --c;
  const int floor = std::max(0, qt - 12);
  while (c > floor && toks_[c].kind != TokKind::kQuote) --c;
  if (c <= floor || toks_[c].para != toks_[qt].para) return false;
  int i = c + 1;
  while (i < qt && toks_[i].kind == TokKind::kPunct && !Is(i, ".")) ++i;
  if (i < qt && IsWord(i) && (toks_[i].classes & kAux) &&
      MatchCue(i + 1, qt).len > 0) {
    ++i;
  }
  const CueMatch m = MatchCue(i, qt);
  if (m.len == 0 || (m.flags & kCueNonSpeech)) return false;
  const NounPhrase np = ParseNpForward(i + m.len, qt);
  if (!np || np.kind == NpKind::kName) return false;
  return PhraseSpeaks(np, cue, cue_len, u);
}

bool Attributor::SentenceSubjectSpeaks(int t, int cue, int cue_len,
                                       QuoteUnit* u) const {
  const NounPhrase np = OpeningSubject(SentenceStart(t), t);
  if (!np || np.kind == NpKind::kName) return false;
  return PhraseSpeaks(np, cue, cue_len, u);
}

bool Attributor::PhraseSpeaks(const NounPhrase& np, int cue, int cue_len,
                              QuoteUnit* u) const {
  QuoteUnit probe;
  probe.raw = u->raw;
  probe.first_token = u->first_token;
  probe.last_token = u->last_token;
  SetSpeaker(np, -1, 0, np.first, np.last, &probe);
  if (probe.entity < 0 || probe.speaker.kind != SpeakerKind::kPerson) {
    return false;
  }
  u->speaker = probe.speaker;
  u->speaker.mention.clear();
  u->speaker.mention_span = {};
  u->entity = probe.entity;
  u->cue = Text(cue, cue + cue_len - 1);
  u->attribution = Attribution::kContinuation;
  u->confidence = 0.5f;
  return true;
}

}  // namespace extract
}  // namespace quotewire

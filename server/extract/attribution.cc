#include "server/extract/attribution.h"

#include <algorithm>
#include <cstdlib>
#include <string>
#include <string_view>

#include "absl/strings/match.h"

#include "server/extract/attributor.h"
#include "server/extract/cue_match.h"
#include "server/extract/dictionary.h"
#include "server/extract/mentions.h"
#include "server/extract/quote_classifier.h"
#include "server/extract/resolver.h"
#include "server/extract/text_scan.h"

namespace quotewire {
namespace extract {

CueMatch Attributor::MatchCue(int i, int limit) const {
  if (i < 0 || i >= limit || !(toks_[i].classes & kCueWord)) return CueMatch();
  return MatchCueAt(lex_, doc_, i, limit);
}

void Attributor::Run(std::vector<QuoteUnit>* units) {
  nonspeech_.assign(doc_.raw_quotes.size(), 0);
  // Units whose speaker was a common word (CommonWordSpeaker), with it.
  std::vector<std::pair<size_t, QuoteUnit>> set_aside;
  for (const QuoteUnit& u : *units) {
    if (IsSpeech(u.kind)) continue;
    for (int r : u.raw) nonspeech_[r] = 1;
  }
  for (QuoteUnit& u : *units) {
    if (!IsSpeech(u.kind)) continue;
    if (TrySpeakerLabel(&u)) continue;
    int qt = u.first_token;
    bool colon_before = qt > 0 && SameSentence(qt - 1, qt) && Is(qt - 1, ":");
    if (colon_before || ClosesSentence(u)) {
      if (!TryPre(&u)) TryPost(&u);
    } else {
      if (!TryPost(&u)) TryPre(&u);
    }
    if (CommonWordSpeaker(u)) {
      // Left to the continuation and fallback passes below; taken back
      // when they find nobody.
      QuoteUnit found = u;
      u = QuoteUnit();
      u.raw = found.raw;
      u.first_token = found.first_token;
      u.last_token = found.last_token;
      u.kind = found.kind;
      set_aside.emplace_back(&u - units->data(), std::move(found));
    }
  }
  // Coordination and continuation.
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
  // Fallback for speech still without a speaker: a full quote, or a
  // fragment in a sentence marked as reported speech, continues the nearest
  // earlier speaker within two paragraphs, else the nearest person named
  // before it in the paragraph.
  for (size_t ui = 0; ui < units->size(); ++ui) {
    QuoteUnit& u = (*units)[ui];
    if (!IsSpeech(u.kind) || u.attribution != Attribution::kNone) continue;
    int qt = u.first_token;
    if (u.kind == QuoteKind::kPartial) {
      bool reported = false;
      int b = std::max(SentenceStart(qt), qt - 40);
      int e = std::min(SentenceEnd(qt), qt + 40);
      for (int k = b; k < e && !reported; ++k) {
        reported = (toks_[k].classes & kReported) != 0;
      }
      if (!reported) continue;
    }
    const QuoteUnit* prev = nullptr;
    for (size_t pj = ui, steps = 0; pj-- > 0 && steps < 20; ++steps) {
      const QuoteUnit& p = (*units)[pj];
      if (!IsSpeech(p.kind) || p.speaker.name.empty()) continue;
      if (toks_[p.last_token].para + 2 >= toks_[qt].para) prev = &p;
      break;
    }
    // A reporting sentence after the previous quote, ending the previous
    // paragraph, names the speaker of a quote paragraph.
    if (prev != nullptr && OwnParagraph(u) &&
        toks_[prev->last_token].para + 1 < toks_[qt].para) {
      prev = nullptr;
    }
    if (prev != nullptr) {
      u.speaker = prev->speaker;
      u.speaker.mention.clear();
      u.speaker.mention_span = {};
      u.entity = prev->entity;
      u.outlet = prev->outlet;
      u.attribution = Attribution::kContinuation;
      u.confidence = 0.4f;
      continue;
    }
    int para_begin = doc_.para_token_begin[toks_[qt].para];
    // The speaker of the closest earlier reporting sentence (up to three
    // sentences back, within this or the previous paragraph), for a fragment
    // or for a quote that is a paragraph of its own after that sentence
    // ("Mr Avery said the town was abandoned.\n\n‘We have been ignored.’").
    if (u.kind == QuoteKind::kPartial || OwnParagraph(u)) {
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
        probe.raw = u.raw;
        if (PreFrom(a, end, &probe) && !probe.speaker.name.empty()) {
          u.speaker = probe.speaker;
          u.entity = probe.entity;
          u.cue = probe.cue;
          u.attribution = Attribution::kContinuation;
          u.confidence = 0.4f;
          done = true;
        }
        end = b;
      }
      if (done) continue;
    }
    bool found = false;
    // The answer of a Q&A interview ("A: …") is the interviewee's: the
    // nearest person named before it anywhere in the article.
    const bool answer = doc_.raw_quotes[u.raw.front()].open == ':';
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
      u.speaker.name = ent.name;
      u.speaker.kind = SpeakerKind::kPerson;
      u.entity = it->entity;
      u.attribution = Attribution::kContinuation;
      u.confidence = 0.3f;
      found = true;
      break;
    }
    if (found) continue;
    if (u.kind != QuoteKind::kPartial) {
      // "Die SPD will am Kurs festhalten. „Wir wollen …“": the named subject
      // of the previous sentence of the paragraph.
      int prev_end = qt - 1;
      if (prev_end >= para_begin && toks_[prev_end].kind == TokKind::kPunct) {
        int b = SentenceStart(prev_end);
        // Skip a lead-in ending with a colon ("Europapolitik: Die SPD …").
        for (int k = b; k < prev_end && k < b + 4; ++k) {
          if (Is(k, ":")) b = k + 1;
        }
        NounPhrase np = ParseNpForward(b, prev_end);
        if (np && np.kind == NpKind::kName) {
          SetSpeaker(np, -1, 0, -1, -1, &u);
          u.attribution = Attribution::kContinuation;
          u.confidence = 0.3f;
        }
      }
    }
  }
  for (auto& [index, found] : set_aside) {
    QuoteUnit& u = (*units)[index];
    if (u.attribution == Attribution::kNone) u = std::move(found);
  }
  for (QuoteUnit& u : *units) {
    // A common word the fallbacks above took for a name ("Wörtlich heißt
    // es darin: „…“") is no speaker; the quote stays speech.
    bool common_word = false;
    if (u.attribution == Attribution::kContinuation && CommonWordSpeaker(u) &&
        u.speaker.mention_span.end > u.speaker.mention_span.start &&
        ClauseInitial(TokenAt(u.speaker.mention_span.start))) {
      u.speaker = Speaker();
      u.entity = -1;
      u.cue.clear();
      u.attribution = Attribution::kNone;
      u.confidence = 0;
      common_word = true;
    }
    // A fragment nobody is reported as saying is a scare quote, except a
    // quoted phrase (SpeechLikeFragment): that is the speech of its
    // clause's subject, first or right after the first field and the verb
    // ("Außerdem halte die Fraktion den Schritt für „…“").
    if (u.kind == QuoteKind::kPartial && u.attribution == Attribution::kNone &&
        !common_word) {
      if (!SpeechLikeFragment(lex_, doc_, u)) {
        u.kind = QuoteKind::kScare;
      } else {
        const int qt = u.first_token;
        int k = ClauseStart(qt);
        NounPhrase np = ParseNpForward(k, qt);
        if (!SubjectSpeaks(np)) {
          // Verb second: the subject follows the first field and the verb.
          if (np) {
            k = np.last + 1;
          } else if (toks_[k].classes & kPrep) {
            while (k < qt && (toks_[k].classes & kPrep)) {
              NounPhrase object = ParseNpForward(k + 1, qt);
              k = object ? object.last + 1 : k + 2;
            }
          } else {
            ++k;
          }
          np = ParseNpForward(k + 1, qt);
        }
        if (SubjectSpeaks(np)) {
          SetSpeaker(np, -1, 0, -1, -1, &u);
          u.attribution = Attribution::kContinuation;
          u.confidence = 0.2f;
        }
        if (u.attribution == Attribution::kNone) u.kind = QuoteKind::kScare;
      }
    }
    // The addressee written between the cue and the speaker is the outlet,
    // not part of the speaker's role ("сообщил РИА Новости пресс-секретарь
    // Кремля Дмитрий Песков").
    Speaker& sp = u.speaker;
    // "сообщил РИА Новости источник": an unnamed speaker after the outlet.
    if (!u.outlet.empty() && sp.kind != SpeakerKind::kOrganization &&
        absl::StartsWith(sp.name, u.outlet + " ")) {
      sp.name.erase(0, u.outlet.size() + 1);
    }
    if (!u.outlet.empty() && absl::StartsWith(sp.description, u.outlet + " ")) {
      sp.description.erase(0, u.outlet.size() + 1);
      std::string_view written = doc_.Slice(sp.mention_span);
      if (absl::StartsWith(sp.mention, u.outlet + " ") &&
          absl::StartsWith(Sv(written), u.outlet + " ")) {
        sp.mention.erase(0, u.outlet.size() + 1);
        sp.mention_span.start += static_cast<int32_t>(u.outlet.size() + 1);
      }
    }
  }
}

void AttributeQuotes(const Lexicon& lex, const Document& doc,
                     std::vector<QuoteUnit>* units) {
  Attributor(lex, doc).Run(units);
}

bool IsCommonWordName(const Lexicon& lex, const Document& doc,
                      const std::string& name, const std::string& mention) {
  // A description as written ("das Amt") describes its speaker; an
  // acronym ("EADS") is a name.
  if (name.empty() || name.find(' ') != std::string::npos ||
      mention.find(' ') != std::string::npos ||
      !lex.CapitalisesNouns(doc.language) || IsAcronymWord(name)) {
    return false;
  }
  const std::string lower = LowerWord(name);
  // "Der Spiegel berichtet": a known news medium is a name.
  if (lex.IsKnownOutlet(lower) || lex.IsKnownOutlet(LowerWord(mention))) {
    return false;
  }
  if (!lex.IsCommonWord(doc.lang, lower) ||
      lex.FirstNameGender(lower) != Gender::kUnknown ||
      (lex.Classes(lower) & (kRole | kTitle | kGroup | kOrg | kMedia)) ||
      lex.EndsWithRole(lower)) {
    return false;
  }
  Gender g;
  if (lex.RoleCompound(doc.language, lower, &g)) return false;
  for (const Entity& e : doc.entities) {
    if (e.name.size() > name.size() && absl::EndsWith(e.name, name) &&
        e.name[e.name.size() - name.size() - 1] == ' ') {
      return false;
    }
  }
  return true;
}

}  // namespace extract
}  // namespace quotewire

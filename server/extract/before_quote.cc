// Attributions before the quote (rule 2 of attribution.h): `X said: “…”`,
// `according to X, “…”`, verb-second `sagte Filep Karma: „…“`, participles
// `…, saying, “…”`, a colon without a verb, a previous paragraph ending with a
// colon, a previous sentence ending with its attribution.
#include "server/extract/attributor.h"

#include <algorithm>
#include <utility>

#include "server/extract/dictionary.h"
#include "server/extract/mentions.h"
#include "server/extract/resolver.h"

namespace quotewire {
namespace extract {

bool Attributor::TryPre(QuoteUnit* u) const {
  int qt = u->first_token;
  if (NameBeforeParenthesis(u)) return true;
  // Titles and names in quotation marks inside the reporting clause
  // („Iceland Nature Conservation Association“) do not end it.
  int a = std::max(SentenceStart(qt), prev_speech_token_[u->raw.front()] + 1);
  // The subject of a fronted clause follows its conjunction.
  const bool fronted = a == SentenceStart(qt) && QuoteInFrontedClause(*u);
  if (fronted) ++a;
  if (PreFrom(a, qt, u)) return true;
  // "Während Shakira erklärte, …, „…“": a capitalised subject the name
  // finder did not know, right before the fronted clause's cue.
  if (fronted) {
    const CueMatch cue = MatchCue(a + 1, qt);
    const NounPhrase np = cue.len > 0 && !(cue.flags & kCueNonSpeech)
                              ? SubjectOfParticiple(a, a + 1)
                              : NounPhrase();
    if (np && np.last == a) {
      SetSpeaker(np, a + 1, cue.len, -1, -1, u);
      return true;
    }
  }
  // "…, Schiff said. “The other factor …”": the previous sentence of the
  // paragraph ends with its attribution.
  if (a == qt && qt > 0 && toks_[qt - 1].para == toks_[qt].para &&
      toks_[qt - 1].kind == TokKind::kPunct) {
    int end = qt - 1;  // the final punctuation
    int b = SentenceStart(end);
    for (int k = end; k > b; --k) {
      if (toks_[k - 1].kind == TokKind::kQuote) {
        b = k;
        break;
      }
    }
    // A cue inside a "that" clause reports something else ("Grant said,
    // adding that the talks would resume on Friday.").
    bool late_cue = false;
    for (int k = std::max(b, end - 4); k < end; ++k) {
      if (MatchCue(k, end).len) late_cue = true;
    }
    for (int k = b; late_cue && k < end; ++k) {
      if (IsWord(k) && (toks_[k].classes & kThat)) late_cue = false;
    }
    if (late_cue && PreFrom(b, end, u)) {
      u->attribution = Attribution::kContinuation;
      u->confidence = 0.6f;
      return true;
    }
  }
  // A quote opening its paragraph after a paragraph that ends with a colon
  // ("Caddell continued:", "The New York Times reports:").
  int para = toks_[qt].para;
  if (qt == doc_.para_token_begin[para] && para > 0) {
    int end = doc_.para_token_begin[para];
    int last = end - 1;
    if (last >= 0 && toks_[last].para == para - 1 && Is(last, ":")) {
      int b = SentenceStart(last);
      if (b < doc_.para_token_begin[para - 1]) b = doc_.para_token_begin[para - 1];
      for (int k = last; k > b; --k) {
        if (toks_[k - 1].kind == TokKind::kQuote) {
          b = k;
          break;
        }
      }
      return PreFrom(b, end, u);
    }
  }
  return false;
}

bool Attributor::NameBeforeParenthesis(QuoteUnit* u) const {
  // "…, Mohammed ElBaradei („Mir fällt niemand ein …“), und …": the whole
  // parenthesis is the quote, right after a person's name.
  const int qt = u->first_token, lt = u->last_token;
  if (qt < 2 || !Is(qt - 1, "(") || !SameSentence(qt - 2, qt) ||
      lt + 1 >= static_cast<int>(toks_.size())) {
    return false;
  }
  int close = lt + 1;
  if (toks_[close].kind == TokKind::kPunct && !Is(close, ")") &&
      close + 1 < static_cast<int>(toks_.size())) {
    ++close;
  }
  if (!Is(close, ")")) return false;
  const int m = MentionAtToken(doc_, qt - 2);
  if (m < 0 || doc_.mentions[m].last_token != qt - 2 ||
      doc_.mentions[m].kind != MentionKind::kName ||
      doc_.mentions[m].entity < 0 ||
      doc_.entities[doc_.mentions[m].entity].kind != SpeakerKind::kPerson) {
    return false;
  }
  NounPhrase np;
  np.kind = NpKind::kName;
  np.mention = m;
  np.first = doc_.mentions[m].first_token;
  np.last = qt - 2;
  SetSpeaker(np, -1, 0, -1, -1, u);
  return true;
}

bool Attributor::PreFrom(int a, int qt, QuoteUnit* u) const {
  for (int c = qt - 1; c >= a; --c) {
    CueMatch cue = MatchCue(c, qt);
    if (cue.len == 0 || (cue.flags & (kCueNonSpeech | kCueAfterOnly))) continue;
    // "Pour la ministre, « … »": only when the cue opens its sentence.
    if ((cue.flags & kCueOpensSentence) && !toks_[c].sent_start) continue;
    if (qt - (c + cue.len) > 20) break;
    // "Laut „Reuters“ zeichnet Moskau das Bild eines „…“": the medium
    // named in marks after an inverted cue is the source.
    if ((cue.flags & kCueInverted) && TitleAfterCue(c + cue.len, qt)) {
      SetTitleSpeaker(c + cue.len, c + cue.len, c, cue.len, u);
      u->outlet = FindOutlet(a, SentenceEnd(qt - 1));
      return true;
    }
    int desc_first = -1, desc_last = -1;
    NounPhrase np =
        (cue.flags & kCueInverted)
            ? SpeakerOfInvertedCue(c, cue, qt, &desc_first, &desc_last)
            : SpeakerOfCueBefore(a, c, cue, qt, &desc_first, &desc_last);
    if (!np && (cue.flags & kCueImpersonal)) {
      np = SourceOfImpersonalCue(a, c, cue, qt);
    }
    if (!np) continue;
    SetSpeaker(np, c, cue.len, desc_first, desc_last, u);
    u->outlet = FindOutlet(a, SentenceEnd(qt - 1));
    return true;
  }
  return PreColonWithoutVerb(a, qt, u);
}

bool Attributor::DescribedSubjectSpeaks(QuoteUnit* u) const {
  // Only where nouns are capitalised: there they end the subject phrase
  // reliably (in English and Portuguese the train and resolved sets lost
  // more than they gained).
  if (!lex_.CapitalisesNouns(doc_.language)) return false;
  const int qt = u->first_token;
  const int a = SentenceStart(qt);
  // The subject of the nearest cue before the quote in its sentence, else
  // the subject opening the sentence (not the object of a fronted
  // preposition: "Auf Twitter zeigte sich …").
  NounPhrase np;
  int c = qt - 1, cue_len = 0, desc_first = -1, desc_last = -1;
  for (; c >= a && !np; --c) {
    const CueMatch cue = MatchCue(c, qt);
    if (cue.len == 0 || (cue.flags & (kCueNonSpeech | kCueAfterOnly |
                                      kCueInverted | kCueImpersonal))) {
      continue;
    }
    if (qt - (c + cue.len) > 20) break;
    np = SpeakerOfCueBefore(a, c, cue, qt, &desc_first, &desc_last);
    // A description that cannot speak is the verb's object ("verurteilte
    // die Tat als „…“").
    if (np.kind == NpKind::kNominal && !PersonOrSpeakingNoun(np.head)) {
      np = NounPhrase();
      desc_first = desc_last = -1;
    }
    if (np) cue_len = cue.len;
  }
  if (np) {
    ++c;
  } else {
    c = -1;
    // The antecedent of a relative clause holding the quote ("der Verband,
    // der den Plan als „…“ bezeichnete"), else the sentence's subject:
    // opening it, after a fronted phrase and the finite verb ("In einer
    // Erklärung nannte die Behörde …"), or a bare plural ("Experten
    // rechnen mit „…“").
    np = RelativeAntecedent(a, qt);
    if (!SpeakingDescription(np)) {
      np = OpeningSubject(a, qt);
      if (np && PrepositionBefore(np.first, a)) np = NounPhrase();
    }
    // Those two only in the sentence's first clause ("Am Montag tagten die
    // Minister, der Wetterdienst rechnet mit „…“").
    bool one_clause = true;
    for (int k = a; k < qt && one_clause; ++k) {
      one_clause = !Is(k, ",") && !Is(k, ";");
    }
    if (one_clause && !SpeakingDescription(np) &&
        !(np && np.kind != NpKind::kNominal)) {
      np = SubjectAfterFrontedPhrase(a, qt);
    }
    if (!np && one_clause) np = BareOpeningSubject(a, qt);
  }
  // A name or pronoun there is left to the speaker scorer's candidates.
  if (!np || np.kind != NpKind::kNominal || !PersonOrSpeakingNoun(np.head)) {
    return false;
  }
  QuoteUnit probe;
  probe.raw = u->raw;
  probe.first_token = u->first_token;
  probe.last_token = u->last_token;
  SetSpeaker(np, c, cue_len, desc_first, desc_last, &probe);
  if (probe.speaker.name.empty() && probe.speaker.mention.empty()) {
    return false;
  }
  u->speaker = probe.speaker;
  u->entity = probe.entity;
  u->cue = probe.cue;
  u->outlet.clear();
  u->attribution = Attribution::kContinuation;
  u->confidence = 0.2f;
  return true;
}

bool Attributor::SpeakingDescription(const NounPhrase& np) const {
  return np && np.kind == NpKind::kNominal && PersonOrSpeakingNoun(np.head);
}

NounPhrase Attributor::RelativeAntecedent(int a, int qt) const {
  // The clause of the quote opens with a relative pronoun after a comma;
  // the phrase before the comma is its antecedent.
  for (int k = qt - 1; k > a + 1 && k >= qt - 16; --k) {
    if (!Is(k, ",") && !Is(k, ";")) continue;
    const int rel = k + 1;
    if (!Is(k, ",") || !IsWord(rel) || !IsWord(rel + 1) ||
        toks_[rel + 1].cap ||
        !lex_.InList(Lexicon::List::kRelative, toks_[rel].lower,
                     doc_.lang)) {
      return NounPhrase();
    }
    // The longest phrase that ends at the comma, back to a preposition.
    NounPhrase np;
    for (int st = k - 1; st >= a && st >= k - 8 && IsWord(st); --st) {
      if (toks_[st].classes & kPrep) break;
      const NounPhrase p = ParseNpForward(st, k);
      if (p && p.first == st && p.last + 1 == k) np = p;
    }
    const int head = np ? HeadBeforeGenitive(np.first, a) : -1;
    if (head >= 0) np.first = np.head = head;
    return np;
  }
  return NounPhrase();
}

int Attributor::SkipFrontedPrepositions(int k, int limit) const {
  while (k < limit && IsWord(k) && (toks_[k].classes & kPrep)) {
    const NounPhrase object = ParseNpForward(k + 1, limit);
    k = object ? object.last + 1 : k + 2;
  }
  return k;
}

NounPhrase Attributor::SubjectAfterFrontedPhrase(int a, int qt) const {
  // Verb second: a prepositional phrase or one adverb, the finite verb,
  // then the subject ("Am Montag bezeichnete die Behörde …").
  if (!lex_.InvertsAfterAdverbial(doc_.lang) || !IsWord(a) ||
      (toks_[a].classes & (kDet | kIndef | kPronoun)) ||
      MentionAtToken(doc_, a) >= 0) {
    return NounPhrase();
  }
  int k = (toks_[a].classes & kPrep) ? SkipFrontedPrepositions(a, qt) : a + 1;
  // A name or noun after the object ("auf dem Kurznachrichtendienst
  // Twitter", "auf ihrer Website"): the finite verb is written lower-case.
  while (k < qt && IsWord(k) && toks_[k].cap) ++k;
  if (k + 1 >= qt || !IsWord(k) || toks_[k].cap ||
      (toks_[k].classes & (kPrep | kDet | kIndef | kThat | kCoord))) {
    return NounPhrase();
  }
  const int s = SkipAdverbsAndAddressee(k + 1, qt);
  NounPhrase np = ParseNpForward(s, qt);
  if (!np || np.first != s || !(toks_[s].classes & kDet)) return NounPhrase();
  return np;
}

NounPhrase Attributor::BareOpeningSubject(int a, int qt) const {
  // A bare plural person noun ("Meteorologen rechnen mit „…“"), the
  // finite verb right after it or after its genitive complement.
  if (!IsWord(a) || (toks_[a].classes & (kDet | kIndef | kPrep | kPronoun)) ||
      MentionAtToken(doc_, a) >= 0 ||
      !((toks_[a].classes & kGroup) ||
        lex_.PluralNoun(doc_.lang, toks_[a].lower))) {
    return NounPhrase();
  }
  NounPhrase np = ParseNpForward(a, qt);
  if (!np || np.first != a || np.head != a || !SpeakingDescription(np)) {
    return NounPhrase();
  }
  return np;
}

void Attributor::ChantsSpeak(std::vector<QuoteUnit>* units) const {
  int chant_last = -1;  // last token of the last quote made speech here
  const QuoteUnit* chant = nullptr;
  for (QuoteUnit& u : *units) {
    // No speech, or speech nobody was found for (a fragment left so
    // becomes a scare quote).
    if (u.kind == QuoteKind::kHeading ||
        (IsSpeech(u.kind) && u.attribution != Attribution::kNone)) {
      continue;
    }
    const int qt = u.first_token;
    // "Parolen wie „…“ oder „…“": the second shares the first's speaker.
    if (chant != nullptr && qt >= 2 && chant_last == qt - 2 &&
        IsWord(qt - 1) && (toks_[qt - 1].classes & kCoord)) {
      QuoteUnit shared = *chant;
      shared.raw = u.raw;
      shared.first_token = u.first_token;
      shared.last_token = u.last_token;
      u = std::move(shared);
      chant = &u;
      chant_last = u.last_token;
      continue;
    }
    const int n = ChantNounBefore(qt);
    if (n < 0) continue;
    QuoteUnit probe;
    probe.raw = u.raw;
    probe.first_token = u.first_token;
    probe.last_token = u.last_token;
    probe.kind = QuoteKind::kFull;
    if (!ChantSpeaker(n, qt, &probe) ||
        (probe.speaker.name.empty() && probe.speaker.mention.empty())) {
      continue;
    }
    probe.attribution = Attribution::kExplicit;
    u = std::move(probe);
    chant = &u;
    chant_last = u.last_token;
  }
}

int Attributor::ChantNounBefore(int qt) const {
  for (int k = qt - 1; k >= 0 && k >= qt - 6 && IsWord(k) &&
                       SameSentence(k, qt);
       --k) {
    if (ChantNoun(k)) return k;
  }
  return -1;
}

bool Attributor::ChantNoun(int k) const {
  if (!IsWord(k) ||
      (!toks_[k].cap && lex_.CapitalisesNouns(doc_.language))) {
    return false;
  }
  const std::string_view w = toks_[k].lower;
  // The word, or a tail of it of six bytes or more that starts a
  // character (a compound's last noun).
  for (size_t i = 0; i + 6 <= w.size(); ++i) {
    if ((static_cast<unsigned char>(w[i]) & 0xC0) == 0x80) continue;
    if (lex_.InList(Lexicon::List::kChant, w.substr(i), doc_.lang)) {
      return true;
    }
  }
  return false;
}

bool Attributor::ChantSpeaker(int n, int qt, QuoteUnit* u) const {
  const int a = SentenceStart(qt);
  // "Bänder mit der Aufschrift „…“", "Anhänger der Gruppe „…“ mit der
  // Parole „…“": the phrase right before the preposition bears it.
  const int p = n - 2;
  if (p - 1 > a && IsWord(n - 1) && (toks_[n - 1].classes & kDet) &&
      IsWord(p) && !toks_[p].cap && (toks_[p].classes & kPrep)) {
    const int e = p - 1;
    // Its first word: capitalised words and articles, a lower-case word
    // only after an article ("der rechtsnationalistischen Gruppe").
    int first = e;
    while (first - 1 > a && IsWord(first - 1) &&
           (toks_[first - 1].cap || (toks_[first - 1].classes & kDet) ||
            (IsWord(first - 2) && (toks_[first - 2].classes & kDet))) &&
           !(toks_[first - 1].classes & kPrep)) {
      --first;
    }
    if (toks_[e].kind == TokKind::kQuote && nonspeech_[toks_[e].quote] &&
        ShortName(toks_[e].quote)) {
      SetTitleSpeaker(first, e, -1, 0, u);
      return true;
    }
    // A noun: its phrase, else the noun alone (with its article).
    if (IsWord(e) && toks_[e].cap && !(toks_[e].classes & (kDet | kPrep))) {
      NounPhrase np = ParseNpForward(first, p);
      if (!np || np.last != e || (np.kind == NpKind::kNominal && np.head != e)) {
        np = NounPhrase();
        np.kind = NpKind::kNominal;
        np.first = (toks_[e - 1].classes & kDet) ? e - 1 : e;
        np.last = np.head = e;
      }
      SetSpeaker(np, -1, 0, -1, -1, u);
      return true;
    }
  }
  // Else the sentence's subject: opening it ("Sie schrieben Parolen wie
  // „…“"), or after a fronted phrase and the finite verb ("Unter dem Motto
  // „…“ zogen die Demonstranten … und skandierten Parolen wie „…“").
  NounPhrase np = OpeningSubject(a, n);
  if (np && np.first > a && IsWord(np.first - 1) &&
      (toks_[np.first - 1].classes & kPrep)) {
    np = NounPhrase();
  }
  if (!np && IsWord(a) && (toks_[a].classes & kPrep)) {
    int k = SkipFrontedPrepositions(a, n);
    // Its genitive complement ("Im Vorfeld der abgesagten Parade"), a name
    // in marks ("Unter dem Motto „…“").
    if (IsWord(k) && (toks_[k].classes & kGenitive)) {
      ++k;
      while (k < n && IsWord(k) && !toks_[k].cap) ++k;
    }
    while (k < n && ((toks_[k].kind == TokKind::kQuote &&
                      nonspeech_[toks_[k].quote]) ||
                     (IsWord(k) && toks_[k].cap))) {
      ++k;
    }
    if (k + 1 < n && IsWord(k) && !toks_[k].cap &&
        !(toks_[k].classes & (kPrep | kDet | kIndef | kThat | kCoord))) {
      const int s = SkipAdverbsAndAddressee(k + 1, n);
      np = ParseNpForward(s, n);
      if (np && np.first != s) np = NounPhrase();
    }
  }
  // Not the chant itself ("Die Sprechchöre „…“ erklangen"); a description
  // only of people or a body.
  if (!np || np.last >= n ||
      (np.kind == NpKind::kNominal && !SpeakingDescription(np))) {
    // Nobody chants it: the place it is written on, fronted ("Auf dem
    // Transparent war die Parole „…“ zu lesen").
    np = FrontedPlace(a, n);
    if (!np) return false;
  }
  SetSpeaker(np, -1, 0, -1, -1, u);
  return true;
}

NounPhrase Attributor::FrontedPlace(int a, int limit) const {
  if (!IsWord(a) || !(toks_[a].classes & kPrep)) return NounPhrase();
  NounPhrase np = ParseNpForward(a + 1, limit);
  if (!np && a + 2 < limit && IsWord(a + 1) && IsWord(a + 2) &&
      (toks_[a + 1].classes & kDet) && toks_[a + 2].cap) {
    // An article and a noun the parser takes for no description
    // ("dem Plakat").
    np.kind = NpKind::kNominal;
    np.first = a + 1;
    np.last = np.head = a + 2;
  }
  if (!np || np.first != a + 1 || np.kind != NpKind::kNominal ||
      !toks_[np.head].cap || (toks_[np.head].classes & kTimeWord) ||
      ChantNoun(np.head)) {
    return NounPhrase();
  }
  return np;
}

void Attributor::WrittenSourcesSpeak(std::vector<QuoteUnit>* units) const {
  if (!lex_.CapitalisesNouns(doc_.language)) return;
  for (QuoteUnit& u : *units) {
    if (!IsSpeech(u.kind) || !u.speaker.name.empty() ||
        !u.speaker.mention.empty()) {
      continue;
    }
    NounPhrase np = RelativeWrittenPlace(u.first_token);
    if (!np) np = SubjectAnnouncingQuote(u.first_token);
    if (!np) continue;
    QuoteUnit probe;
    probe.raw = u.raw;
    probe.first_token = u.first_token;
    probe.last_token = u.last_token;
    probe.kind = u.kind;
    SetSpeaker(np, -1, 0, -1, -1, &probe);
    if (probe.speaker.name.empty() && probe.speaker.mention.empty()) continue;
    probe.attribution = Attribution::kContinuation;
    probe.confidence = 0.2f;
    u = std::move(probe);
  }
}

NounPhrase Attributor::SubjectAnnouncingQuote(int qt) const {
  if (qt < 2 || !Is(qt - 1, ":") || !SameSentence(qt - 1, qt)) {
    return NounPhrase();
  }
  // The clause before the colon (after the sentence's last comma) holds
  // "folgende" + noun ("folgenden Kommentar dazu:").
  const int colon = qt - 1;
  int s = colon;
  bool announced = false;
  while (s > 0 && SameSentence(s - 1, colon) && !Is(s - 1, ",") &&
         toks_[s - 1].kind != TokKind::kQuote) {
    --s;
    announced |= IsWord(s) && !toks_[s].cap &&
                 lex_.InList(Lexicon::List::kFollowing, toks_[s].lower,
                             doc_.lang);
  }
  if (!announced) return NounPhrase();
  // Its subject: opening it, else after one adverb and the finite verb, or
  // right after the finite verb opening the clause ("…, veröffentlichte der
  // Verfasser …").
  NounPhrase np = OpeningSubject(s, colon);
  if (np && ((toks_[np.first].classes & kPrep) ||
             (np.first > s && (toks_[np.first - 1].classes & kPrep)))) {
    np = NounPhrase();
  }
  const int after_fronted = (IsWord(s) && (toks_[s].classes & kPrep))
                                ? SkipFrontedPrepositions(s, colon)
                                : s + 1;
  for (int v : {s, after_fronted}) {
    if (np || v + 1 >= colon) continue;
    if (!IsWord(v) || toks_[v].cap ||
        (toks_[v].classes & (kPrep | kDet | kIndef | kThat | kCoord))) {
      continue;
    }
    const NounPhrase p = ParseNpForward(v + 1, colon);
    if (p && p.first == v + 1 && p.kind != NpKind::kPronoun &&
        !lex_.InList(Lexicon::List::kFollowing, toks_[v + 1].lower,
                     doc_.lang)) {
      np = p;
    }
  }
  if (!np || (np.kind == NpKind::kNominal && !SpeakingDescription(np) &&
              !(toks_[np.head].classes & kDocNoun))) {
    return NounPhrase();
  }
  return np;
}

NounPhrase Attributor::RelativeWrittenPlace(int qt) const {
  // The colon before the quote, or closing the paragraph before it.
  if (qt < 2 || !Is(qt - 1, ":") ||
      !(SameSentence(qt - 1, qt) ||
        qt == doc_.para_token_begin[toks_[qt].para])) {
    return NounPhrase();
  }
  const int a = SentenceStart(qt - 1);
  // The clause before the colon: a preposition, a lower-case article
  // standing for the antecedent, a lower-case word (nouns are capitalised):
  // "…, auf dem geschrieben stand:", "…, in dem es heißt:".
  int k = qt - 2;
  while (k > a && k >= qt - 12 && IsWord(k)) --k;
  if (k <= a + 1 || !Is(k, ",") || !IsWord(k + 3) || k + 3 >= qt - 1 ||
      toks_[k + 1].cap || !(toks_[k + 1].classes & kPrep) ||
      toks_[k + 2].cap || !(toks_[k + 2].classes & kDet) ||
      toks_[k + 3].cap) {
    return NounPhrase();
  }
  // The antecedent ends at the comma, or before a verb closing its clause
  // ("ein Zettel kleben, auf dem …").
  int e = k - 1;
  if (IsWord(e) && !toks_[e].cap && !(toks_[e].classes & kDet) && e - 1 > a) {
    --e;
  }
  if (!IsWord(e) || !toks_[e].cap || (toks_[e].classes & kPrep)) {
    return NounPhrase();
  }
  NounPhrase np;
  for (int st = e; st >= a && st >= e - 8 && IsWord(st); --st) {
    if (toks_[st].classes & kPrep) break;
    const NounPhrase p = ParseNpForward(st, e + 1);
    if (p && p.first == st && p.last == e && p.kind != NpKind::kPronoun) {
      np = p;
    }
  }
  if (!np) {
    np.kind = NpKind::kNominal;
    np.first = (IsWord(e - 1) && (toks_[e - 1].classes & kDet)) ? e - 1 : e;
    np.last = np.head = e;
  }
  return np;
}

NounPhrase Attributor::SpeakerOfInvertedCue(int c, const CueMatch& cue, int qt,
                                            int* desc_first,
                                            int* desc_last) const {
  // "nach Ansicht von Christian Wulff": the cue's noun takes its speaker
  // after a preposition.
  int r = c + cue.len;
  if (IsWord(r) && !toks_[r].cap && (toks_[r].classes & kPrep) &&
      IsWord(r + 1) && toks_[r + 1].cap && !ParseNpForward(r, qt)) {
    ++r;
  }
  const NounPhrase role = ParseNpForward(r, qt);
  int role_last = -1;
  NounPhrase np = AppositiveName(role, qt, &role_last);
  np = NameThenOrgNoun(np, qt);
  if (role_last >= 0) {
    // "Selon la porte-parole du gouvernement, Maud Bregeon, « … »".
    *desc_first = role.first;
    *desc_last = role_last;
  }
  if (!np) np = InvertedObjectPronoun(c + cue.len, qt);
  // A pronoun inside the phrase: "по его словам", "según él".
  for (int k = c + 1; !np && k < c + cue.len; ++k) {
    np = InvertedObjectPronoun(k, k + 1);
  }
  return np;
}

NounPhrase Attributor::SpeakerOfCueBefore(int a, int c, const CueMatch& cue,
                                          int qt, int* desc_first,
                                          int* desc_last) const {
  const NounPhrase quoted = SubjectOfQuotedPassive(a, c, c + cue.len - 1);
  if (quoted) return quoted;
  int appositive_end = -1;
  // "a White House official who spoke anonymously said Wednesday, “…”": the
  // subject ends before a relative clause (not set off by commas) that
  // runs up to the cue.
  int subject_end = c;
  for (int k = c - 1; k > a + 1 && k >= c - 12 && IsWord(k); --k) {
    if ((toks_[k].classes & kPersonRelative) && IsWord(k - 1)) {
      subject_end = k;
      break;
    }
  }
  NounPhrase np = ParseSubjectBackward(subject_end, a, &appositive_end);
  np = NameBeforeOpenAppositive(np, c, a, &appositive_end);
  if (np && appositive_end >= 0) {
    *desc_first = np.last + 1;
    *desc_last = appositive_end;
  }
  // Verb-second order: a name right after the cue and before the colon
  // beats a description before it ("Der Zeitung sagte Filep Karma:").
  // A phrase right before the quote is the verb's object ("calling the
  // borrowing “reckless”", "called Trump “a liar”"), not its speaker.
  // Time adverbs and a reflexive pronoun may stand between the cue and
  // the phrase after it ("äußerte sich Ministerin X:").
  const int after_cue = SkipAdverbsAndAddressee(c + cue.len, qt);
  // "said it was “safe”": a neuter pronoun after the verb is the
  // subject of what was said, never the speaker.
  const auto parse_after = [&]() {
    NounPhrase after = ParseNpForward(after_cue, qt);
    if (after.kind == NpKind::kPronoun &&
        after.gender == Gender::kNeuter) {
      after = NounPhrase();
    }
    return after;
  };
  const bool addressee_after = CueTakesAddressee(c, cue);
  if (!addressee_after && (!np || np.kind == NpKind::kNominal)) {
    NounPhrase after = parse_after();
    if (after && after.last + 1 == qt && after.kind != NpKind::kPronoun &&
        toks_[qt].kind == TokKind::kQuote &&
        !InvertedSubjectBeforeQuote(after, c)) {
      after = NounPhrase();
    }
    if (after && after.kind == NpKind::kPronoun && after.last + 1 == qt &&
        PersonSubjectOpensClause(np, c)) {
      after = NounPhrase();
    }
    if (after && after.kind != NpKind::kNominal) {
      int k = after.last + 1;
      while (k < qt && k <= after.last + 4 && IsWord(k)) ++k;
      if (k == qt || Is(k, ":") || ClosesWindow(k, qt) ||
          WordsToColon(after.last + 1, qt)) {
        np = after;
        *desc_first = *desc_last = -1;
      }
    }
  }
  if (!np && !addressee_after) {
    // "said Sen. Tim Kaine: “…”", German inversion "sagte Filep Karma:",
    // "entgegnete Suttner empört:".
    NounPhrase after = parse_after();
    if (after && after.last + 1 == qt && after.kind != NpKind::kPronoun &&
        toks_[qt].kind == TokKind::kQuote &&
        !InvertedSubjectBeforeQuote(after, c)) {
      after = NounPhrase();
    }
    // A description there must name a speaker ("sagte der Sprecher:"),
    // not an object ("erläutert die Arbeitshypothese so:").
    if (after && after.kind == NpKind::kNominal &&
        !(toks_[after.head].classes & kTitle) &&
        !PersonOrSpeakingNoun(after.head)) {
      after = NounPhrase();
    }
    if (after) {
      int k = after.last + 1;
      while (k < qt && k <= after.last + 4 && IsWord(k)) ++k;
      if (k == qt || Is(k, ":") || Is(after.last + 1, ",") ||
          ClosesWindow(k, qt) || WordsToColon(after.last + 1, qt) ||
          PrepositionalPhraseToComma(after.last + 1, k)) {
        np = after;
      }
    }
  }
  if (!np && !addressee_after) np = PronounAfterFrontedVerb(a, c, cue, qt);
  if (!np && (Is(c - 1, ",") || lex_.EndsLikeParticiple(doc_.lang, toks_[c].lower) ||
              (IsWord(c - 1) && (toks_[c - 1].classes & kCoord)))) {
    np = SubjectOfCueBeforeComma(a, c);
    if (!np) np = SubjectOfParticiple(a, c);
  }
  return np;
}

NounPhrase Attributor::PronounAfterFrontedVerb(int a, int c,
                                               const CueMatch& cue,
                                               int qt) const {
  if (!lex_.InvertsAfterAdverbial(doc_.lang) || c <= a || !IsWord(a) ||
      (toks_[a].classes & (kDet | kIndef | kPronoun | kCoord | kThat)) ||
      MentionAtToken(doc_, a) >= 0) {
    return NounPhrase();
  }
  const int fronted_end =
      (toks_[a].classes & kPrep) ? SkipFrontedPrepositions(a, c) : a + 1;
  if (fronted_end != c) return NounPhrase();
  const int k = SkipAdverbsAndAddressee(c + cue.len, qt);
  const NounPhrase np = ParseNpForward(k, qt);
  if (np.kind != NpKind::kPronoun || np.first != k ||
      (np.gender != Gender::kMale && np.gender != Gender::kFemale &&
       np.gender != Gender::kPlural)) {
    return NounPhrase();
  }
  // The quote in the verb's own clause: no other cue before it.
  for (int j = np.last + 1; j < qt; ++j) {
    if (MatchCue(j, qt).len > 0) return NounPhrase();
  }
  return np;
}

NounPhrase Attributor::SubjectOfCueBeforeComma(int a, int c) const {
  // "Ryan and Trump will meet next week, Spicer said, adding, “…”": a
  // reporting clause right before the comma gives its own subject, not the
  // sentence's.
  const int comma = c - 1;
  if (comma - 2 < a || !Is(comma, ",")) return NounPhrase();
  for (int c2 = comma - 1; c2 >= a && c2 >= comma - 3; --c2) {
    const CueMatch cue = MatchCue(c2, comma);
    if (cue.len == 0 || c2 + cue.len != comma ||
        (cue.flags & (kCueNonSpeech | kCueInverted))) {
      continue;
    }
    int appositive_end = -1;
    const NounPhrase np = ParseSubjectBackward(c2, a, &appositive_end);
    if (np && np.kind != NpKind::kNominal && np.last + 1 == c2 &&
        (np.first == a || Is(np.first - 1, ","))) {
      return np;
    }
    return NounPhrase();
  }
  return NounPhrase();
}

bool Attributor::PersonSubjectOpensClause(const NounPhrase& np,
                                          int c) const {
  if (!np || np.kind != NpKind::kNominal || np.head < 0 ||
      np.last + 1 != c || !toks_[np.first].sent_start ||
      (toks_[np.first].classes & kObjectCase)) {
    return false;
  }
  return (toks_[np.head].classes & kTitle) || PersonOrSpeakingNoun(np.head);
}

NounPhrase Attributor::SourceOfImpersonalCue(int a, int c,
                                             const CueMatch& cue,
                                             int qt) const {
  // A description only: a name there is as often a place ("In Berlin
  // heißt es").
  const auto source_after = [&](int p, int limit) {
    if (p < 0 || p >= limit || !IsWord(p) || !(toks_[p].classes & kPrep)) {
      return NounPhrase();
    }
    const NounPhrase np = ParseNpForward(p + 1, limit);
    if (np.kind != NpKind::kNominal || np.head < 0) return NounPhrase();
    bool document = false;
    for (int k = np.first; k <= np.last; ++k) {
      document |= (toks_[k].classes & kDocNoun) ||
                  lex_.EndsWithClass(toks_[k].lower, kDocNoun);
    }
    return document || SpeakingNoun(np.head) ? np : NounPhrase();
  };
  const int b = std::max(a, SentenceStart(c));
  for (int p = b; p < c; ++p) {
    const NounPhrase np = source_after(p, c);
    if (np) return np;
  }
  for (int p = c + cue.len; p < qt && p <= c + cue.len + 3; ++p) {
    const NounPhrase np = source_after(p, qt);
    if (np) return np;
  }
  return NounPhrase();
}

NounPhrase Attributor::SubjectOfQuotedPassive(int a, int c,
                                              int last) const {
  if (!lex_.InList(Lexicon::List::kPassiveSubject, toks_[last].lower,
                   doc_.lang)) {
    return NounPhrase();
  }
  // A longer cue ending here ("wie folgt zitiert") is read at its start.
  for (int k = std::max(a, c - 3); k < c; ++k) {
    if (k + MatchCue(k, last + 1).len == last + 1) return NounPhrase();
  }
  for (int k = c - 1; k >= a && k >= c - 15; --k) {
    if (!IsWord(k) ||
        !lex_.InList(Lexicon::List::kPassive, toks_[k].lower, doc_.lang)) {
      continue;
    }
    const NounPhrase np = ParseNpForward(k + 1, c);
    if (np && np.kind != NpKind::kNominal) return np;
    break;
  }
  return NounPhrase();
}

bool Attributor::CueTakesAddressee(int c, const CueMatch& cue) const {
  if (cue.words != 1 || lex_.InvertsAfterAdverbial(doc_.lang)) return false;
  const auto* phrases = lex_.OutletPhrasesStartingWith(toks_[c].lower);
  if (phrases == nullptr) return false;
  for (const std::vector<std::string>& phrase : *phrases) {
    if (phrase.size() == 1) return true;
  }
  return false;
}

bool Attributor::WordsToColon(int k, int qt) const {
  // "erklärte er zu einem Projekt im Bereich der Energie: „…“": the
  // subject after the cue, then the rest of its clause up to the colon.
  if (k >= qt - 1 || qt - k > kMaxWordsToColon || !Is(qt - 1, ":")) {
    return false;
  }
  for (int e = k; e < qt - 1; ++e) {
    if (!IsWord(e) || (toks_[e].classes & (kCueWord | kThat | kCoord))) {
      return false;
    }
  }
  return true;
}

bool Attributor::QuoteInFrontedClause(const QuoteUnit& u) const {
  const int qt = u.first_token;
  const int s0 = SentenceStart(qt);
  if (!IsWord(s0) || !lex_.InList(Lexicon::List::kSubordinator,
                                  toks_[s0].lower, doc_.lang)) {
    return false;
  }
  // The main clause follows the quote after a comma.
  const int after = u.last_token + 1;
  if (after >= SentenceEnd(qt) || !Is(after, ",")) return false;
  for (int k = s0 + 1; k < qt; ++k) {
    if (toks_[k].kind == TokKind::kQuote || Is(k, ":")) return false;
    if (IsWord(k) && (toks_[k].classes & kCueWord)) return true;
  }
  return false;
}

NounPhrase Attributor::SubjectOfParticiple(int a, int c) const {
  // "Trump …, saying, “…”", "Medvedev bedankte sich … und sagte:":
  // the subject of the sentence.
  NounPhrase np = ParseNpForward(a, c);
  // A description keeps only a person, group or organisation head
  // ("Chinesische Politiker haben … angekündigt").
  if (np && np.kind == NpKind::kNominal &&
      !(toks_[np.head].classes & (kRole | kGroup | kOrg | kTitle))) {
    np = NounPhrase();
  }
  // A capitalised word before a pronoun is a verb or an adverb
  // ("Sollten sie …").
  bool pronoun_next = a + 1 < c && (toks_[a + 1].classes & kPronoun);
  if (!np && lex_.CapitalisesNouns(doc_.language) && toks_[a].cap &&
      IsWord(a) && !pronoun_next &&
      !(toks_[a].classes & (kStop | kDet | kIndef | kPrep)) &&
      !lex_.HasNounSuffix(doc_.lang, toks_[a].lower)) {
    // A capitalised subject the name finder did not know, with the
    // capitalised words after it that are no common words ("Jana
    // Roth, eine Sprecherin des Amtes, sagte").
    np.kind = NpKind::kNominal;
    np.first = np.last = np.head = a;
    while (np.last + 1 < c && np.last < a + 2 && IsWord(np.last + 1) &&
           toks_[np.last + 1].cap &&
           lex_.dictionary().Has(doc_.lang) &&
           !lex_.IsCommonWord(doc_.lang, toks_[np.last + 1].lower) &&
           !lex_.IsCommonWord(doc_.lang, toks_[a].lower)) {
      np.last = np.head = np.last + 1;
    }
  }
  return np;
}

int Attributor::AffiliatedPerson(int a, int body) const {
  const Mention& b = doc_.mentions[MentionAtToken(doc_, body)];
  if (b.entity < 0 || IsPersonLike(doc_.entities[b.entity])) return -1;
  int k = body - 1;
  for (int words = 0; k > a && words < 2 && IsWord(k) && !toks_[k].cap &&
                      !(toks_[k].classes & kPrep);
       --k, ++words) {
  }
  if (k <= a || !IsWord(k) || !(toks_[k].classes & kPrep)) return -1;
  const int p = MentionAtToken(doc_, k - 1);
  if (p < 0 || doc_.mentions[p].last_token != k - 1 ||
      doc_.mentions[p].first_token < a || doc_.mentions[p].entity < 0 ||
      doc_.entities[doc_.mentions[p].entity].kind != SpeakerKind::kPerson) {
    return -1;
  }
  return p;
}

bool Attributor::PreColonWithoutVerb(int a, int qt, QuoteUnit* u) const {
  // A colon right before the quote without a reporting verb: the subject of
  // the sentence ("Clinton described the key quality: “…”").
  int colon = qt - 1 >= a && Is(qt - 1, ":") ? qt - 1 : -1;
  if (colon >= 0) {
    // A name right before the colon ("Ähnlich US-Präsident George W. Bush:").
    int m = MentionAtToken(doc_, colon - 1);
    NounPhrase np;
    if (m >= 0 && doc_.mentions[m].last_token == colon - 1 &&
        doc_.mentions[m].first_token >= a) {
      np = ParseNpForward(doc_.mentions[m].first_token, colon);
      // "Voorzitter Ingrid Hermans van zwemvereniging De Maasduikers:": a
      // body named after a person, a preposition and at most two
      // lower-case words is the person's affiliation.
      const int p = AffiliatedPerson(a, doc_.mentions[m].first_token);
      if (p >= 0) np = ParseNpForward(doc_.mentions[p].first_token, colon);
    }
    // "X delivered a blunt message to Y: “…”", "a adressé un message à Y :":
    // a name after a preposition is the object of the sentence's verb;
    // the sentence's subject speaks.
    if (np && PrepositionBefore(np.first, a)) {
      NounPhrase subject = ParseNpForward(a, colon);
      if (!subject) subject = OpeningSubject(a, colon);  // "la ministra …"
      if (subject && subject.last < np.first &&
          (subject.kind == NpKind::kName ||
           subject.kind == NpKind::kPronoun ||
           (toks_[subject.head].classes & (kRole | kOrg | kGroup | kTitle)) ||
           PersonOrSpeakingNoun(subject.head))) {
        np = subject;
      }
    }
    if (!np) np = SubjectAfterOpeningClause(a, colon);
    if (!np) np = ParseNpForward(a, colon);
    // "Der deutsche Regierungssprecher, Steffen Seibert, …:": the name in
    // apposition wins over the description.
    if (np && np.kind == NpKind::kNominal && np.last + 2 < colon &&
        Is(np.last + 1, ",")) {
      NounPhrase name = ParseNpForward(np.last + 2, colon);
      if (name.kind == NpKind::kName) np = name;
    }
    // "fue tajante en declaraciones a la Cadena SER: «…»": the medium the
    // subject spoke to is no speaker.
    if (np && np.kind == NpKind::kName) {
      std::string outlet = FindOutlet(SentenceStart(colon), colon);
      if (!outlet.empty() &&
          Text(np.first, np.last).find(outlet) != std::string::npos) {
        u->outlet = std::move(outlet);
        return false;
      }
    }
    if (np && (np.kind != NpKind::kNominal ||
               (toks_[np.head].classes & (kRole | kOrg | kGroup)) ||
               PersonOrSpeakingNoun(np.head))) {
      SetSpeaker(np, -1, 0, -1, -1, u);
      u->confidence *= 0.8f;
      return true;
    }
  }
  return false;
}

bool Attributor::PrepositionBefore(int first, int a) const {
  // The word before `first`, or before its article, is a preposition.
  int k = first - 1;
  if (k > a && IsWord(k) && (toks_[k].classes & kDet) && !toks_[k].cap &&
      !(toks_[k].classes & kPrep)) {
    --k;
  }
  return k >= a && IsWord(k) && !toks_[k].cap && (toks_[k].classes & kPrep);
}

NounPhrase Attributor::SubjectAfterOpeningClause(int a, int colon) const {
  // The sentence opens with a participle or adverbial, no subject: not a
  // determiner, pronoun or name.
  if (a < 0 || a >= colon || !IsWord(a) || !toks_[a].sent_start ||
      (toks_[a].classes & (kDet | kPrep | kPronoun)) ||
      MentionAtToken(doc_, a) >= 0) {
    return NounPhrase();
  }
  int comma = a + 1;
  while (comma < colon && !Is(comma, ",")) ++comma;
  const int k = comma + 1;
  if (k >= colon) return NounPhrase();
  NounPhrase np = ParseNpForward(k, colon);
  if (!np || np.first != k) return NounPhrase();
  // A description opens with its article, or is a bare role noun where the
  // language writes no articles ("тренер был краток:").
  if (np.kind == NpKind::kNominal &&
      !((toks_[np.head].classes & kRole) || PersonOrSpeakingNoun(np.head))) {
    return NounPhrase();
  }
  if (np.kind == NpKind::kNominal && !(toks_[k].classes & kDet) &&
      HasArticles(lex_, doc_)) {
    return NounPhrase();
  }
  return np;
}

NounPhrase Attributor::OpeningSubject(int b, int limit) const {
  for (int k = b; k < limit && k <= b + 3; ++k) {
    if (toks_[k].kind != TokKind::kWord ||
        (k > b && toks_[k].cap && !(toks_[k].classes & kDet))) {
      break;
    }
    NounPhrase np = ParseNpForward(k, limit);
    if ((toks_[k].classes & kDet) && k + 1 < limit && IsWord(k + 1) &&
        !toks_[k + 1].cap) {
      // Romance noun phrases are head-first: "la direttrice (generale)".
      np = NounPhrase();
      np.kind = NpKind::kNominal;
      np.first = k;
      np.last = np.head = k + 1;
    }
    const bool subject =
        np.kind == NpKind::kName || np.kind == NpKind::kPronoun ||
        (np.kind == NpKind::kNominal && (toks_[np.first].classes & kDet));
    if (subject && np.first == k) return np;
  }
  return NounPhrase();
}

void Attributor::ColonSubject(QuoteUnit* u) const {
  if (!IsSpeech(u->kind) || u->attribution != Attribution::kNone ||
      !RomanceLanguage()) {
    return;
  }
  const int qt = u->first_token;
  if (qt < 1 || !SameSentence(qt - 1, qt) || !Is(qt - 1, ":")) return;
  const int start = SentenceStart(qt - 1);
  const NounPhrase np = OpeningSubject(start, qt - 1);
  if (!np) {
    // "A reitora pediu calma. Em nota, acrescentou: «…»": a cue without
    // subject right before the colon, after an adverbial and its comma;
    // the subject of the previous sentence of the paragraph speaks.
    const int cue = qt - 2;
    if (lex_.DropsSubject(doc_.lang) && cue > start && IsWord(cue) &&
        (toks_[cue].classes & kCueWord) && Is(cue - 1, ",") && start > 0 &&
        toks_[start - 1].para == toks_[qt].para) {
      SentenceSubjectSpeaks(start - 1, cue, 1, u);
    }
    return;
  }
  SetSpeaker(np, -1, 0, np.first, np.last, u);
  if (u->speaker.name.empty()) {
    // Nothing attributed: back to the unit as pairing made it.
    QuoteUnit bare;
    bare.raw = std::move(u->raw);
    bare.first_token = u->first_token;
    bare.last_token = u->last_token;
    bare.kind = u->kind;
    *u = std::move(bare);
  }
}

}  // namespace extract
}  // namespace quotewire

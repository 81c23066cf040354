// Attributions after the quote (rule 1 of attribution.h): `“…,” said X`,
// `“…,” X said`, `„…“, sagte Merkel`, `« … », a-t-il déclaré`, `„…“, hatte X
// … gesagt`, verb-final clauses, pro-drop cues, `“…” ― Name`, `“…” for …,
// she said`, a quote paragraph before a line `- Name.`.
#include "server/extract/attributor.h"

#include <algorithm>
#include <string>
#include <string_view>

#include "server/extract/cue_match.h"
#include "server/extract/mentions.h"

namespace quotewire {
namespace extract {

namespace {

// "„…,“ řekl po závodě.", "«…», — добавила с улыбкой.": after a pro-drop
// cue whose form gives the subject's gender (the past tense of Czech,
// Polish, Russian), a prepositional phrase to the end of the clause with no
// name, role, pronoun or organisation in it: the cue at token `cue` has no
// subject of its own, and its gender picks the person.
bool SubjectlessTail(const Lexicon& lex, const Document& doc, int cue, int k,
                     int limit) {
  if (!lex.DropsSubject(doc.lang) || k >= limit) return false;
  const std::vector<Token>& toks = doc.tokens;
  const Gender verb = lex.VerbGender(doc.lang, toks[cue].lower);
  if (verb != Gender::kMale && verb != Gender::kFemale) return false;
  if (toks[k].kind != TokKind::kWord || !(toks[k].classes & kPrep)) {
    return false;
  }
  for (int j = k; j < limit; ++j) {
    if (toks[j].kind != TokKind::kWord) continue;
    if (toks[j].cap || MentionAtToken(doc, j) >= 0 ||
        (toks[j].classes & (kRole | kTitle | kGroup | kOrg | kPronoun))) {
      return false;
    }
  }
  return true;
}

}  // namespace

bool Attributor::TryPost(QuoteUnit* u) const {
  int lt = u->last_token;
  // Titles and names in quotation marks („Коммерсанту“) do not end the
  // reporting clause after the quote.
  const int limit = std::min(SentenceEnd(lt),
                             next_clause_quote_token_[u->raw.back()]);
  int i = lt + 1;
  bool dash = false;
  while (i < limit && toks_[i].kind == TokKind::kPunct &&
         (Is(i, ",") || IsDash(i) || Is(i, "(") || Is(i, ":"))) {
    dash = dash || IsDash(i);
    ++i;
  }
  if (i >= limit) return false;
  int s0 = SentenceStart(u->first_token);
  int s1 = SentenceEnd(lt);
  const AfterQuote q{i, limit, dash, s0, s1};
  if (PostInvertedPronoun(q, u)) return true;
  // French "a déclaré X": an auxiliary before the cue.
  int ci = i;
  if (IsWord(ci) && (toks_[ci].classes & kAux) && MatchCue(ci + 1, limit).len) {
    ++ci;
  }
  CueMatch cue = MatchCue(ci, limit);
  if (cue.flags & kCueOpensSentence) cue = CueMatch();
  const int medium_end = DativeMediumAfterCue(ci, cue, limit);
  if (cue.len > 0 && !(cue.flags & kCueNonSpeech) && medium_end < 0 &&
      PostCueThenSpeaker(q, ci, cue, u)) {
    return true;
  }
  if (cue.len > 0 && !(cue.flags & kCueNonSpeech) &&
      PostCueThenPublication(q, ci, cue, u)) {
    return true;
  }
  if (cue.len > 0 && PostImpersonalCue(q, ci, cue, u)) return true;
  if (PostAuxiliaryThenCue(q, u)) return true;
  if (PostVerbFinal(q, ci, cue, u)) return true;
  // "«…», contó a Efe.": an addressee may stand between the cue and the
  // end of the clause of a dropped subject.
  const int after_cue =
      medium_end >= 0 ? medium_end
      : cue.len > 0   ? SkipAdverbsAndAddressee(ci + cue.len, limit)
                      : limit;
  if (cue.len > 0 && !(cue.flags & (kCueNonSpeech | kCueInverted)) &&
      (after_cue >= limit || toks_[after_cue].kind == TokKind::kPunct ||
       SubjectlessTail(lex_, doc_, ci, ci + cue.len, limit)) &&
      TryProDrop(ci, cue.len, u)) {
    if (medium_end >= 0) {
      u->outlet = OutletAt(ci + cue.len, s0, s1, /*named_only=*/true);
    }
    if (u->outlet.empty()) u->outlet = FindOutlet(s0, s1);
    return true;
  }
  return PostSpeakerThenCue(q, u);
}

int Attributor::DativeMediumAfterCue(int ci, const CueMatch& cue,
                                     int limit) const {
  const int k = ci + cue.len;
  if (cue.len == 0 || (cue.flags & (kCueNonSpeech | kCueInverted)) ||
      k >= limit || !lex_.DropsSubject(doc_.lang) ||
      !lex_.Has(doc_.lang, Lexicon::Trait::kAddresseeAfterName)) {
    return -1;
  }
  const Gender verb = lex_.VerbGender(doc_.lang, toks_[ci + cue.len - 1].lower);
  if (verb != Gender::kMale && verb != Gender::kFemale) return -1;
  const int m = MentionAtToken(doc_, k);
  if (m < 0 || doc_.mentions[m].first_token != k) return -1;
  const int end = doc_.mentions[m].last_token + 1;
  if (end < limit && toks_[end].kind != TokKind::kPunct) return -1;
  return KnownOutletEntity(doc_.mentions[m].entity) ? end : -1;
}

bool Attributor::PostInvertedPronoun(const AfterQuote& q,
                                     QuoteUnit* u) const {
  const int i = q.i, limit = q.limit;
  const int s0 = q.s0, s1 = q.s1;
  // French inversion in one token: "a-t-il déclaré", "déclare-t-elle".
  std::string_view w = toks_[i].lower;
  size_t dash = w.rfind('-');
  if (IsWord(i) && dash != std::string_view::npos && dash + 1 < w.size()) {
    std::string_view tail = w.substr(dash + 1);
    std::string_view head = w.substr(0, w.find('-'));
    Gender g;
    if (lex_.Pronoun(tail, &g) && g != Gender::kFirstPerson) {
      int cue_tok = -1;
      if (CueHeadsToken(lex_, doc_, head, i, limit)) cue_tok = i;
      else if (MatchCue(i + 1, limit).len > 0) cue_tok = i + 1;
      if (cue_tok >= 0) {
        NounPhrase np;
        np.kind = NpKind::kPronoun;
        np.first = np.last = i;
        np.gender = g;
        SetSpeaker(np, cue_tok, 1, -1, -1, u);
        u->speaker.mention = std::string(
            doc_.text.substr(toks_[i].end - tail.size(), tail.size()));
        u->speaker.mention_span = {
            toks_[i].end - static_cast<int32_t>(tail.size()), toks_[i].end};
        u->outlet = FindOutlet(s0, s1);  // "a-t-il déclaré auprès du Monde"
        return true;
      }
    }
  }
  return false;
}

bool Attributor::PostCueThenSpeaker(const AfterQuote& q, int ci,
                                    const CueMatch& cue, QuoteUnit* u) const {
  const int i = q.i, limit = q.limit;
  const int s0 = q.s0, s1 = q.s1;
  NounPhrase np = ParseNpForward(ci + cue.len, limit);
  if (!np) {
    // "a déclaré mardi X", "a confié à l'AFP X": time adverbs and an
    // addressee between the cue and the speaker.
    int k = SkipAdverbsAndAddressee(ci + cue.len, limit);
    if (k > ci + cue.len) np = ParseNpForward(k, limit);
  }
  if (!np && IsWord(ci + cue.len) &&
      (toks_[ci + cue.len].classes & (kDet | kIndef))) {
    // "vertelt de moeder van het slachtoffer, Ingrid Bos": a longer
    // description, a comma and a person's name.
    for (int k = ci + cue.len + 1; k < limit && k <= ci + cue.len + 8; ++k) {
      if (Is(k, ",")) {
        NounPhrase name = ParseNpForward(k + 1, limit);
        if (name.kind == NpKind::kName) {
          const Entity& e = doc_.entities[doc_.mentions[name.mention].entity];
          if (e.kind == SpeakerKind::kPerson) np = name;
        }
        break;
      }
      if (!IsWord(k) || (toks_[k].classes & kCueWord)) break;
    }
  }
  // "„…“, zitiert die Zeitung den Sprecher X": a quoting verb's subject is
  // the medium, its object the speaker.
  if (np && lex_.InList(Lexicon::List::kQuoting, toks_[ci].lower, doc_.lang)) {
    const NounPhrase object = ParseNpForward(np.last + 1, limit);
    if (object.kind == NpKind::kName ||
        (object.kind == NpKind::kNominal && PersonOrSpeakingNoun(object.head) &&
         !(toks_[object.head].classes & (kOrg | kMedia)))) {
      np = object;
    }
  }
  const NounPhrase role = np;
  int role_last = -1;
  np = AppositiveName(np, limit, &role_last);
  // "„…“, so charakterisierte ihn der Funktionär Bernard Aubin": after an
  // inverted cue, skip a second reporting verb and an object pronoun.
  for (int skip = ci + cue.len; !np && (cue.flags & kCueInverted) &&
                                skip < limit && skip < ci + cue.len + 2 &&
                                IsWord(skip) &&
                                (toks_[skip].classes &
                                 (kCueWord | kPronoun | kPronMale |
                                  kPronFemale));
       ++skip) {
    np = ParseNpForward(skip + 1, limit);
  }
  if (!np && (cue.flags & kCueInverted)) {
    np = InvertedObjectPronoun(ci + cue.len, limit);
  }
  if (np) {
    int desc_first = -1, desc_last = -1;
    if (role_last >= 0) {
      // "reconoció el portavoz de la ONG, Juan Pérez": the role phrase.
      desc_first = role.first;
      desc_last = role_last;
    } else if (np.kind == NpKind::kName && np.last + 1 < limit &&
               Is(np.last + 1, ",")) {
      desc_first = np.last + 2;
      desc_last = limit - 1;
    }
    SetSpeaker(np, i, ci + cue.len - i, desc_first, desc_last, u);
    u->outlet = FindOutlet(s0, s1);
    return true;
  }
  return false;
}

bool Attributor::PostImpersonalCue(const AfterQuote& q, int ci,
                                   const CueMatch& cue, QuoteUnit* u) const {
  // "„…“, so heißt es in …": the impersonal cue may follow "so".
  int c = ci;
  CueMatch imp = cue;
  if (!(imp.flags & kCueImpersonal)) {
    c = ci + cue.len;
    imp = MatchCue(c, q.limit);
  }
  if (imp.len == 0 || !(imp.flags & kCueImpersonal)) return false;
  NounPhrase np = SourceOfImpersonalCue(c, c, imp, q.limit);
  if (!np) np = ImpersonalSourceBeforeQuote(q, c, imp, u->first_token);
  if (!np) return false;
  SetSpeaker(np, c, imp.len, -1, -1, u);
  u->outlet = FindOutlet(q.s0, q.s1);
  return true;
}

NounPhrase Attributor::ImpersonalSourceBeforeQuote(const AfterQuote& q, int c,
                                                   const CueMatch& cue,
                                                   int qt) const {
  // Only a cue closing the sentence right after the quote ("In einem
  // Schreiben war von einem „…“ die Rede."): its source opens the sentence.
  if (c != q.i) return NounPhrase();
  for (int k = c + cue.len; k < q.limit; ++k) {
    if (toks_[k].kind != TokKind::kPunct) return NounPhrase();
  }
  // A document right after the preposition opening the sentence, before
  // any other noun: it speaks, not the addressee after it ("In einem
  // internen Schreiben an die Mitarbeiter"; the phrase parser stops at the
  // document noun where it is also a cue, "Schreiben").
  const int a = q.s0;
  for (int k = a + 1; IsWord(a) && (toks_[a].classes & kPrep) && k < qt &&
                      k <= a + 4 && IsWord(k);
       ++k) {
    if (toks_[k].cap && ((toks_[k].classes & kDocNoun) ||
                         lex_.EndsWithClass(toks_[k].lower, kDocNoun))) {
      NounPhrase np;
      np.kind = NpKind::kNominal;
      np.first = a + 1;
      np.last = np.head = k;
      return np;
    }
    if (toks_[k].cap || (toks_[k].classes & kPrep)) break;
  }
  return SourceOfImpersonalCue(a, qt, cue, qt);
}

bool Attributor::PostCueThenPublication(const AfterQuote& q, int ci,
                                        const CueMatch& cue,
                                        QuoteUnit* u) const {
  const int first = ci + cue.len;
  int k = first;
  if (k < q.limit && IsWord(k) && (toks_[k].classes & kDet)) ++k;
  if (k >= q.limit || toks_[k].kind != TokKind::kQuote) return false;
  const int r = toks_[k].quote;
  if (!nonspeech_[r] && !ShortName(r)) return false;
  // The clause ends after the title, or a prepositional phrase follows it
  // ("in einem Nachruf"); a name after it is the speaker, the title the
  // medium quoting him ("zitiert die „Computerwoche“ Lynch").
  const int n = k + 1;
  if (n < q.limit && !(IsWord(n) && (toks_[n].classes & kPrep)) &&
      toks_[n].kind != TokKind::kPunct) {
    return false;
  }
  SetTitleSpeaker(first, k, ci, cue.len, u);
  u->outlet = FindOutlet(q.s0, q.s1);
  return true;
}

bool Attributor::PostAuxiliaryThenCue(const AfterQuote& q,
                                      QuoteUnit* u) const {
  const int i = q.i, limit = q.limit;
  const int s0 = q.s0, s1 = q.s1;
  // "„…“, hatte VW-Chef Winterkorn im Interview gesagt": an auxiliary, the
  // speaker, and the reporting participle later in the sentence.
  // "„…“, wird der Minister zitiert": a passive auxiliary, its subject and
  // a participle whose passive subject is the speaker (`passivesubject`).
  const bool aux = IsWord(i) && (toks_[i].classes & kAux);
  if (aux || IsPassiveAux(i)) {
    NounPhrase late = ParseNpForward(i + 1, limit);
    if (late) {
      for (int k = late.last + 1; k < limit && k < late.last + 10; ++k) {
        CueMatch cm = MatchCue(k, limit);
        if (cm.len && !(cm.flags & (kCueNonSpeech | kCueInverted))) {
          if (!aux && !lex_.InList(Lexicon::List::kPassiveSubject,
                                   toks_[k].lower, doc_.lang)) {
            return false;
          }
          SetSpeaker(late, k, cm.len, -1, -1, u);
          u->outlet = FindOutlet(s0, s1);
          return true;
        }
      }
    }
  }
  return false;
}

bool Attributor::PostVerbFinal(const AfterQuote& q, int ci,
                               const CueMatch& cue, QuoteUnit* u) const {
  const int limit = q.limit;
  const int s0 = q.s0, s1 = q.s1;
  // Verb-final clauses: "Minister Ghasi Aridi hat die Zustimmung „…“
  // bekanntgegeben." The subject opens the sentence.
  const int end = ci + cue.len;
  const bool closes =
      end >= limit || toks_[end].kind == TokKind::kPunct ||
      (IsPassiveAux(end) && (end + 1 >= limit || !IsWord(end + 1)));
  if (cue.len > 0 && !(cue.flags & (kCueNonSpeech | kCueInverted)) && closes) {
    // "Seine Werke werden von Kritikern als „…“ bezeichnet": a passive
    // names its agent as the speaker, and its subject is none.
    int agent = -1;
    if (PassiveClause(s0, ci, &agent)) {
      const NounPhrase by = PassiveAgent(agent, u->first_token);
      // "wurden im „Standard“ als „…“ bezeichnet": without an agent, the
      // medium the clause names in marks wrote it.
      if (!by && agent < 0) {
        const int title = TitleInClause(u->first_token, s0);
        if (title < 0) return false;
        SetTitleSpeaker(title, title, ci, cue.len, u);
        return true;
      }
      if (!by || by.kind == NpKind::kPronoun) return false;
      SetSpeaker(by, ci, cue.len, -1, -1, u);
      u->outlet = FindOutlet(s0, s1);
      return true;
    }
    NounPhrase subject = ParseNpForward(s0, u->first_token);
    if (subject && (subject.kind != NpKind::kNominal ||
                    (toks_[subject.head].classes & (kRole | kOrg | kGroup)))) {
      SetSpeaker(subject, ci, cue.len, -1, -1, u);
      u->outlet = FindOutlet(s0, s1);
      return true;
    }
  }
  return false;
}

bool Attributor::NewClauseAfterFragment(const QuoteUnit& u, int c) const {
  if (u.kind != QuoteKind::kPartial ||
      !lex_.InvertsAfterAdverbial(doc_.lang)) {
    return false;
  }
  const int after = c + MatchCue(c, SentenceEnd(c)).len;
  return IsWord(after) && SameSentence(c, after);
}

NounPhrase Attributor::PassiveAgent(int agent, int limit) const {
  if (agent < 0) return NounPhrase();
  NounPhrase by = ParseNpForward(agent + 1, limit);
  // "von Musikkennern als „…“ bezeichnet": where nouns are capitalised, a
  // bare person noun of the dictionary (a dative plural, a compound) that
  // no list names a group is the agent too.
  const int k = agent + 1;
  if (!by && k < limit && IsWord(k) && toks_[k].cap &&
      lex_.CapitalisesNouns(doc_.language) && MentionAtToken(doc_, k) < 0 &&
      !(toks_[k].classes & (kDet | kIndef | kPrep | kPronoun | kStop)) &&
      PersonOrSpeakingNoun(k)) {
    by.kind = NpKind::kNominal;
    by.first = by.last = by.head = k;
  }
  return by;
}

int Attributor::TitleInClause(int qt, int s0) const {
  for (int k = qt - 1; k > s0 && !Is(k, ",") && !Is(k, ";"); --k) {
    if (toks_[k].kind != TokKind::kQuote) continue;
    const int r = toks_[k].quote;
    int p = k - 1;
    if (IsWord(p) && (toks_[p].classes & kDet) && p > s0) --p;
    if (ShortName(r) && IsWord(p) &&
        (toks_[p].classes & kPrep)) {
      return k;
    }
    return -1;
  }
  return -1;
}

bool Attributor::IsPassiveAux(int k) const {
  return IsWord(k) &&
         lex_.InList(Lexicon::List::kPassive, toks_[k].lower, doc_.lang);
}

bool Attributor::PassiveClause(int s0, int ci, int* agent) const {
  if (lex_.InList(Lexicon::List::kPassiveSubject, toks_[ci].lower,
                  doc_.lang)) {
    return false;
  }
  bool passive = IsPassiveAux(ci + 1);
  int b = ci;
  while (b > s0 && !Is(b - 1, ",") && !Is(b - 1, ";") &&
         !(toks_[b - 1].classes & kCoord)) {
    --b;
  }
  for (int k = b; k < ci; ++k) {
    passive = passive || IsPassiveAux(k);
    if (*agent < 0 && IsWord(k) &&
        lex_.InList(Lexicon::List::kAgent, toks_[k].lower, doc_.lang)) {
      *agent = k;
    }
  }
  if (!passive) *agent = -1;
  return passive;
}

bool Attributor::PostSpeakerThenCue(const AfterQuote& q,
                                    QuoteUnit* u) const {
  const int i = q.i, limit = q.limit;
  const bool dash = q.dash;
  const int s0 = q.s0, s1 = q.s1;
  NounPhrase np = ParseNpForward(i, limit);
  int c = -1, desc_first = -1, desc_last = -1;
  if (np && NpThenCue(np, limit, &c, &desc_first, &desc_last) &&
      !NewClauseAfterFragment(*u, c)) {
    const NounPhrase name = PersonInAppositive(np, desc_first, desc_last);
    if (name) {
      SetSpeaker(name, c, MatchCue(c, limit).len, np.first, np.last, u);
    } else {
      SetSpeaker(np, c, MatchCue(c, limit).len, desc_first, desc_last, u);
    }
    u->outlet = FindOutlet(s0, s1);
    return true;
  }
  // "“…,” a White House official who spoke anonymously said": a relative
  // clause between the subject and its cue.
  if (np && np.last + 2 < limit &&
      (toks_[np.last + 1].classes & kPersonRelative)) {
    for (int k = np.last + 2; k < limit && k < np.last + 12 && IsWord(k);
         ++k) {
      const int len = MatchCue(k, limit).len;
      if (len == 0) continue;
      SetSpeaker(np, k, len, -1, -1, u);
      u->outlet = FindOutlet(s0, s1);
      return true;
    }
  }
  // "“…” ― Sonya Herridge": a dash and a bare name closing the sentence.
  if (dash && np.kind == NpKind::kName &&
      (np.last + 1 >= limit || toks_[np.last + 1].kind == TokKind::kPunct)) {
    SetSpeaker(np, -1, 0, -1, -1, u);
    u->cue = "";
    return true;
  }
  // "“…” for criminal behavior, she said.": ", NP cue" closing the sentence.
  for (int k = i; k + 2 < limit && k < i + 20; ++k) {
    if (!Is(k, ",")) continue;
    NounPhrase late = ParseNpForward(k + 1, limit);
    if (!late || !NpThenCue(late, limit, &c, &desc_first, &desc_last)) continue;
    int len = MatchCue(c, limit).len;
    int after = c + len;
    while (after < limit && IsWord(after) && after < c + len + 4 &&
           !(toks_[after].classes & kThat)) {
      ++after;
    }
    if (after >= limit || toks_[after].kind == TokKind::kPunct) {
      SetSpeaker(late, c, len, desc_first, desc_last, u);
      u->outlet = FindOutlet(s0, s1);
      return true;
    }
  }
  return false;
}

NounPhrase Attributor::PersonInAppositive(const NounPhrase& np, int first,
                                          int last) const {
  // "another fraternity brother, Stuart Oltchick, recalled": the name
  // (not an organisation's) that the appositive [first, last] is, after a
  // description.
  if (first < 0 || last < first || !DescriptionBeforeCommaName(np)) {
    return NounPhrase();
  }
  const NounPhrase name = ParseNpForward(first, last + 1);
  if (name.kind != NpKind::kName || name.last != last) return NounPhrase();
  const Entity& e = doc_.entities[doc_.mentions[name.mention].entity];
  if (e.kind == SpeakerKind::kOrganization) return NounPhrase();
  return name;
}

bool Attributor::NpThenCue(const NounPhrase& np, int limit, int* cue,
                           int* desc_first, int* desc_last) const {
  int k = np.last + 1;
  *desc_first = *desc_last = -1;
  *cue = -1;
  if (k < limit && Is(k, ",")) {
    for (int m = k + 1; m < limit && m < k + 30; ++m) {
      if (MatchCue(m, limit).len == 0) continue;
      int b = m - 1;
      while (b > k && IsWord(b) && (toks_[b].classes & kAux)) --b;
      if (Is(b, ",")) {
        *cue = m;
        *desc_first = k + 1;
        *desc_last = b - 1;
      }
      break;
    }
  } else {
    // "Mr. Morgan of the Sierra Club said": a short prepositional phrase.
    if (k < limit && IsWord(k) && (toks_[k].classes & kPrep)) {
      int m = k + 1;
      while (m < limit && m <= k + 6 && IsWord(m) && !MatchCue(m, limit).len) {
        ++m;
      }
      if (m < limit && MatchCue(m, limit).len) k = m;
    }
    // "the Vermont senator and Democratic presidential candidate told": a
    // role coordinated with another role of the same person, no article.
    if (np.kind == NpKind::kNominal && np.head >= 0 &&
        (toks_[np.head].classes & kRole) && k < limit && IsWord(k) &&
        (toks_[k].classes & kCoord)) {
      int m = k + 1;
      while (m < limit && m <= k + 5 && IsWord(m) && !MatchCue(m, limit).len &&
             !(toks_[m].classes & (kDet | kIndef | kPronoun | kPrep | kCoord |
                                   kThat | kAux))) {
        ++m;
      }
      if (m > k + 1 && m < limit && MatchCue(m, limit).len &&
          (toks_[m - 1].classes & kRole)) {
        k = m;
      }
    }
    while (k < limit && IsWord(k) && (toks_[k].classes & kAux)) ++k;
    if (MatchCue(k, limit).len > 0) *cue = k;
  }
  if (*cue < 0) return false;
  CueMatch cm = MatchCue(*cue, limit);
  return !(cm.flags & (kCueNonSpeech | kCueInverted));
}

bool Attributor::TryDashLineAfter(QuoteUnit* u) const {
  // "“…”" closing its paragraph, then a paragraph "- Bernie Sanders." or
  // "—Jane Roe, tweeting after the speech.": a dash and a name.
  const int lt = u->last_token;
  const int para = toks_[lt].para;
  if (para + 1 >= static_cast<int>(doc_.paragraphs.size())) return false;
  const int next = doc_.para_token_begin[para + 1];
  const int end = doc_.para_token_begin[para + 2];
  for (int k = lt + 1; k < next; ++k) {
    if (toks_[k].kind != TokKind::kPunct) return false;
  }
  if (next >= end || end - next > kMaxDashLineTokens || !IsDash(next)) {
    return false;
  }
  const NounPhrase np = ParseNpForward(next + 1, end);
  if (np.kind != NpKind::kName) return false;
  const int after = np.last + 1;
  if (after < end && !Is(after, ",") && !Is(after, ".")) return false;
  SetSpeaker(np, -1, 0, -1, -1, u);
  u->cue = "";
  return true;
}

bool Attributor::TrySentenceFinalSource(QuoteUnit* u) const {
  const int lt = u->last_token;
  // Not a quotation closing with its own sentence ("„…?“ Dalton …"), nor
  // a name set off by commas ("his book, “…,” that").
  const std::string_view content =
      doc_.Slice(doc_.raw_quotes[u->raw.back()].content);
  if (!content.empty() && (content.back() == '.' || content.back() == '?' ||
                           content.back() == '!')) {
    return false;
  }
  const int qt = u->first_token;
  if (qt > 0 && Is(qt - 1, ",") &&
      ((!content.empty() && content.back() == ',') ||
       (lt + 1 < SentenceEnd(lt) && Is(lt + 1, ",")))) {
    return false;
  }
  const int s1 = SentenceEnd(lt);
  // Within a window of the source (and of the quote for its own cue
  // below): each quote of a long sentence of many costs no more than it.
  constexpr int kFinalSourceWindow = 100;
  if (s1 - lt > kFinalSourceWindow) return false;
  int end = s1;  // the source runs to the closing punctuation
  while (end > lt + 1 && toks_[end - 1].kind == TokKind::kPunct &&
         !Is(end - 1, ",")) {
    --end;
  }
  if (end == s1) return false;
  // The last comma of the sentence, no quote after it.
  int comma = -1;
  for (int k = end - 1; k > lt; --k) {
    if (toks_[k].kind == TokKind::kQuote) return false;
    if (Is(k, ",")) {
      comma = k;
      break;
    }
  }
  if (comma < 0 || comma == lt + 1) return false;  // right after: TryPost
  // The source closes the quote's clause: no colon or semicolon after the
  // quote, no reporting verb of its own before it ("hatte betont, der
  // Angeklagte sei weder „…“").
  for (int k = lt + 1; k < comma; ++k) {
    if (Is(k, ":") || Is(k, ";")) return false;
  }
  for (int k = std::max(SentenceStart(qt), qt - kFinalSourceWindow); k < qt;
       ++k) {
    const CueMatch before = MatchCue(k, u->first_token);
    if (before.len > 0 && !(before.flags & (kCueNonSpeech | kCueInverted))) {
      return false;
    }
  }
  const int ci = comma + 1;
  const CueMatch cue = MatchCue(ci, end);
  if (cue.len == 0 || !(cue.flags & kCueInverted) ||
      (cue.flags & (kCueNonSpeech | kCueOpensSentence))) {
    return false;
  }
  const NounPhrase np = ParseNpForward(ci + cue.len, end);
  if (!np || np.first != ci + cue.len) return false;
  int role_last = -1;
  NounPhrase speaker = AppositiveName(np, end, &role_last);
  if (!speaker) speaker = np;
  if (speaker.last + 1 != end) return false;
  // A person or a body: a name, a he/she pronoun, a description that can
  // speak ("ein Sprecher des Betreibers", "die Polizei").
  if (speaker.kind == NpKind::kNominal && !PersonOrSpeakingNoun(speaker.head)) {
    return false;
  }
  if (speaker.kind == NpKind::kPronoun && speaker.gender == Gender::kNeuter) {
    return false;
  }
  const int desc_first = role_last >= 0 ? np.first : -1;
  const int desc_last = role_last >= 0 ? role_last : -1;
  SetSpeaker(speaker, ci, cue.len, desc_first, desc_last, u);
  u->outlet = FindOutlet(SentenceStart(u->first_token), s1);
  return true;
}

bool Attributor::SpeechBeforeFinalSource(std::vector<QuoteUnit>* units) const {
  bool changed = false;
  for (QuoteUnit& u : *units) {
    if (IsSpeech(u.kind) || u.raw.size() != 1 || ShortName(u.raw[0])) continue;
    const int qt = u.first_token;
    if (qt > 0 && IsWord(qt - 1) &&
        (toks_[qt - 1].cap ||
         (toks_[qt - 1].classes & (kNaming | kMedia | kCueWord)))) {
      continue;
    }
    QuoteUnit probe = u;
    probe.kind = QuoteKind::kPartial;
    if (TrySentenceFinalSource(&probe)) {
      u = std::move(probe);
      changed = true;
    }
  }
  return changed;
}

bool Attributor::IsDash(int i) const {
  return Is(i, "-") || Is(i, "–") || Is(i, "—") || Is(i, "―");
}

}  // namespace extract
}  // namespace quotewire

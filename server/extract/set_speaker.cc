// A noun phrase becomes the quote's speaker: a name its entity (a
// capitalised description "the Nebraskan" the person it describes), a
// pronoun its antecedent (a definite description, a group, the organisation
// of "it"), a description the person it describes; the appositive after the
// phrase (ages, roles) becomes its description.
#include "server/extract/attributor.h"

#include <algorithm>
#include <cstdlib>
#include <string>

#include "server/extract/mentions.h"
#include "server/extract/resolver.h"

namespace quotewire {
namespace extract {

void Attributor::SetSpeaker(const NounPhrase& np, int cue, int cue_len,
                            int desc_first, int desc_last,
                            QuoteUnit* u) const {
  if (np.kind == NpKind::kPronoun && np.gender == Gender::kPlural &&
      cue >= 0 && np.first == np.last &&
      lex_.SingularSheThey(toks_[np.first].lower, toks_[cue].lower)) {
    NounPhrase she = np;
    she.gender = Gender::kFemale;
    SetSpeaker(she, cue, cue_len, desc_first, desc_last, u);
    return;
  }
  Speaker& sp = u->speaker;
  sp.mention = Text(np.first, np.last);
  sp.mention_span = {toks_[np.first].start, toks_[np.last].end};
  u->cue = cue >= 0 ? Text(cue, cue + cue_len - 1) : "";
  switch (np.kind) {
    case NpKind::kName:
      SetNameSpeaker(np, desc_first, u);
      break;
    case NpKind::kPronoun:
      SetPronounSpeaker(np, u);
      break;
    case NpKind::kNominal:
      SetNominalSpeaker(np, cue, u);
      break;
    case NpKind::kNone:
      break;
  }
  SetAppositive(desc_first, desc_last, u);
}

bool Attributor::RoleOfOrganization(const NounPhrase& np,
                                    QuoteUnit* u) const {
  const Mention& m = doc_.mentions[np.mention];
  const int role = m.name_first - 1;
  if (HasArticles(lex_, doc_) || m.name_first != m.last_token ||
      role < np.first || !IsWord(role) ||
      !(toks_[role].classes & (kRole | kTitle)) ||
      doc_.entities[m.entity].name_tokens != 1 ||
      !IsRoleComplement(lex_, doc_, toks_[m.name_first].lower)) {
    return false;
  }
  const int r = ResolveDescribedSpeaker(lex_, doc_, role, role, 0);
  if (r < 0 || r == m.entity) return false;
  const Entity& ent = doc_.entities[r];
  Speaker& sp = u->speaker;
  sp.name = ent.name;
  sp.kind = SpeakerKind::kPerson;
  sp.age = ent.age;
  sp.description = Text(role, m.last_token);
  u->entity = r;
  u->attribution = Attribution::kDescription;
  u->confidence = 0.6f;
  return true;
}

void Attributor::SetNameSpeaker(const NounPhrase& np, int desc_first,
                                QuoteUnit* u) const {
  Speaker& sp = u->speaker;
  const Mention& m = doc_.mentions[np.mention];
  // "the Nebraskan", "le Toulousain", "de Limburger": a capitalised
  // noun after a definite article, never named with a first name, is a
  // description of a person named before.
  if (m.name_first == m.last_token && np.first < m.name_first &&
      (toks_[np.first].classes & kDet) &&
      !(toks_[np.first].classes & kPrep) &&
      doc_.entities[m.entity].name_tokens == 1 &&
      doc_.entities[m.entity].kind != SpeakerKind::kOrganization &&
      !KnownOutletEntity(m.entity)) {
    const int r =
        ResolveDescribedSpeaker(lex_, doc_, np.first, m.name_first, 0);
    if (r >= 0 && r != m.entity) {
      const Entity& ent = doc_.entities[r];
      sp.name = ent.name;
      sp.kind = SpeakerKind::kPerson;
      sp.age = ent.age;
      sp.description = Text(m.name_first, m.last_token);
      u->entity = r;
      u->attribution = Attribution::kDescription;
      u->confidence = 0.6f;
      return;
    }
  }
  if (RoleOfOrganization(np, u)) return;
  const Entity& e = doc_.entities[m.entity];
  sp.name = e.name;
  sp.kind = e.kind == SpeakerKind::kUnknown ? SpeakerKind::kPerson : e.kind;
  // "Der Spiegel berichtet", "The Guardian reported": a news medium.
  std::string scratch;
  if (KnownOutletEntity(m.entity) ||
      (np.first < m.name_first &&
       lex_.IsKnownOutlet(LowerText(np.first, np.last, &scratch)))) {
    sp.kind = SpeakerKind::kOrganization;
  }
  sp.age = np.age > 0 ? np.age : e.age;
  // Titles and roles written before the name ("Interior Minister",
  // "Clinton campaign spokesman") describe the speaker.
  int role_first = np.first;
  if (np.age > 0) ++role_first;
  while (role_first < m.name_first &&
         (toks_[role_first].classes & (kDet | kIndef))) {
    ++role_first;
  }
  if (role_first < m.name_first) {
    sp.description = Text(role_first, m.name_first - 1);
  }
  // "burgemeester Aboutaleb van Rotterdam": a lower-case connector
  // after the name opens what the role is of, up to the clause's end
  // or the next preposition.
  if (desc_first < 0 && np.last + 2 < SentenceEnd(np.last) &&
      IsWord(np.last + 1) && !toks_[np.last + 1].cap &&
      (toks_[np.last + 1].classes & kConn) &&
      (toks_[np.last + 1].classes & kPrep)) {
    const int end = SentenceEnd(np.last);
    int e = np.last + 2;
    if (e < end && IsWord(e) && (toks_[e].classes & kDet) &&
        !toks_[e].cap) {
      ++e;
    }
    const int names = e;
    while (e < end && e < names + 3 && IsWord(e) && toks_[e].cap) ++e;
    if (e > names &&
        (e >= end || !IsWord(e) || NpStop(e, end) ||
         (toks_[e].classes & kPrep))) {
      const std::string of = Text(np.last + 1, e - 1);
      sp.description =
          sp.description.empty() ? of : sp.description + " " + of;
    }
  }
  u->entity = m.entity;
  u->attribution = Attribution::kExplicit;
  u->confidence = 0.9f;
}

void Attributor::SetPronounSpeaker(const NounPhrase& np, QuoteUnit* u) const {
  Speaker& sp = u->speaker;
  if (np.gender == Gender::kNeuter) {
    // "“…,” it said in a statement": the organisation named just
    // before, else the pronoun itself.
    u->attribution = Attribution::kPronoun;
    sp.kind = SpeakerKind::kOrganization;
    u->confidence = 0.4f;
    int e = ResolveOrganizationPronoun(doc_, np.first);
    if (e >= 0) {
      sp.name = doc_.entities[e].name;
      u->entity = e;
      u->confidence = 0.6f;
    }
    return;
  }
  int e = ResolvePronoun(doc_, np.first, np.gender);
  u->attribution = Attribution::kPronoun;
  // A definite description in a more recent sentence than the named
  // antecedent ("Le préfet a appelé au calme. « … », a-t-il dit.").
  int d = DescribedAntecedent(np.first, np.gender);
  if (d >= 0 && e >= 0) {
    int latest = LastMentionBefore(doc_, e, np.first);
    if (latest >= 0 && toks_[latest].sentence >= toks_[d].sentence) d = -1;
  }
  if (d >= 0) {
    Gender hg = Gender::kUnknown;
    lex_.Title(toks_[d].lower, &hg);
    int r = ResolveDescription(lex_, doc_, d, std::string(toks_[d].lower),
                               0, np.gender);
    // The person the description takes up, as the more recent mention
    // ("The mayor rejected that. She described the plan as …" after "Mayor
    // Janet Pruitt"; "De directeur begrijpt de boosheid. Ze belooft …
    // “…,” zegt ze"), else the description itself ("le préfet"). Not the
    // subject of the pronoun's own sentence: "The judge, she argued,
    // should …".
    if (r >= 0) {
      if (e < 0 || toks_[d].sentence < toks_[np.first].sentence) e = r;
    } else {
      sp.name = Text(d, d);
      sp.description = sp.name;
      sp.kind = SpeakerKind::kPerson;
      u->confidence = 0.5f;
      return;
    }
  }
  if (e >= 0) {
    const Entity& ent = doc_.entities[e];
    sp.name = ent.name;
    sp.kind = SpeakerKind::kPerson;
    sp.age = ent.age;
    u->entity = e;
    u->confidence = 0.75f;
  } else if (np.gender == Gender::kPlural) {
    sp.kind = SpeakerKind::kGroup;
    u->confidence = 0.3f;
    // "Opposition supporters marched. “Leave!” they chanted."
    NounPhrase group = GroupAntecedent(np.first);
    if (group) {
      int first = group.first;
      if (toks_[first].classes & (kDet | kIndef)) ++first;
      // The phrase up to its last group noun ("Opposition supporters"),
      // without the verb that follows.
      int last = std::max(first, group.head);
      while (last < group.last && (toks_[last + 1].classes & kGroup)) ++last;
      sp.name = Text(first, last);
      u->confidence = 0.5f;
    }
  } else {
    sp.kind = SpeakerKind::kPerson;
    u->confidence = 0.3f;
  }
}

int Attributor::ClosingPrepPhrase(int k) const {
  const int n = static_cast<int>(toks_.size());
  if (k >= n || !IsWord(k) || toks_[k].cap || !(toks_[k].classes & kPrep)) {
    return -1;
  }
  const int end = SentenceEnd(k);
  int e = k + 1;
  // An article opens a noun phrase only after a preposition: one after a
  // noun starts the clause's object ("aus Leicestershire das Ereignis").
  while (e < end && e < k + 7 && IsWord(e) && toks_[e].para == toks_[k].para &&
         !NpStop(e, end) && !(toks_[e].classes & kPronoun) &&
         (!(toks_[e].classes & kDet) || (toks_[e - 1].classes & kPrep))) {
    ++e;
  }
  if (e == k + 1) return -1;
  if (e < end && e < n && toks_[e].para == toks_[k].para &&
      toks_[e].kind != TokKind::kPunct && toks_[e].kind != TokKind::kQuote) {
    return -1;
  }
  return e;
}


void Attributor::SetNominalSpeaker(const NounPhrase& np, int cue,
                                   QuoteUnit* u) const {
  Speaker& sp = u->speaker;
  const Token& head = toks_[np.head];
  int first = np.first;
  bool indefinite = (toks_[first].classes & kIndef) != 0;
  bool definite = (toks_[first].classes & kDet) != 0;
  if (definite || indefinite) ++first;
  // "a" is a determiner too; "said a senior adviser" introduces
  // someone new, it names nobody named before.
  if (indefinite) definite = false;
  std::string text = first <= np.last ? Text(first, np.last) : sp.mention;
  // "In dem Bericht der Behörde heißt es": after an impersonal cue a
  // document speaks for the body that issued it, never for a person.
  bool document = false;
  if (cue >= 0 && (MatchCue(cue, SentenceEnd(cue)).flags & kCueImpersonal)) {
    for (int k = np.first; k <= np.last; ++k) {
      document |= (toks_[k].classes & kDocNoun) ||
                  lex_.EndsWithClass(toks_[k].lower, kDocNoun);
    }
  }
  if ((head.classes & (kOrg | kMedia)) || document) {
    sp.name = text;
    sp.kind = SpeakerKind::kOrganization;
    // "the agency" after "the European Lunar Agency": the named
    // organisation whose name contains the head noun.
    bool plain = definite && !document;  // "the agency", "the space agency"
    for (int k = first; k < np.head && plain; ++k) plain = !toks_[k].cap;
    // (Not "de gemeente Utrecht": the place names it already.)
    if (plain && np.head <= np.last &&
        !((head.classes & kTerritory) && np.head < np.last)) {
      int e = ResolveOrganization(doc_, np.first, head.lower);
      if (e >= 0) {
        sp.name = doc_.entities[e].name;
        sp.description = text;
        u->entity = e;
      }
    }
    u->attribution = Attribution::kExplicit;
    u->confidence = 0.8f;
  } else if ((head.classes & kGroup) || PluralNounAt(np.head)) {
    // "supporters", "The pensioners", "les ouvriers": a group, never a
    // person taken up by a description.
    sp.name = text;
    // Up to its last group noun, without the verb a long phrase ran into
    // ("Brook protesters interrupted her speech, shouting …"); a
    // complement stays ("supporters of both camps").
    int last = np.head;
    while (last < np.last && (toks_[last + 1].classes & kGroup)) ++last;
    if (last < np.last && first <= last && IsWord(last + 1) &&
        !(toks_[last + 1].classes & (kPrep | kConn | kGenitive))) {
      sp.name = Text(first, last);
    }
    sp.kind = SpeakerKind::kGroup;
    u->attribution = Attribution::kExplicit;
    u->confidence = 0.8f;
  } else {
    int e = -1;
    // "Toller's deputy": a description of someone other than the person
    // named before it.
    const int owner = MentionAtToken(doc_, np.first);
    const bool possessed = owner >= 0 && doc_.mentions[owner].possessive &&
                           doc_.mentions[owner].last_token < np.head;
    // Russian, Czech and Polish write no articles ("сказала министр").
    if (definite || possessed || (!indefinite && !HasArticles(lex_, doc_))) {
      e = ResolveDescribedSpeaker(lex_, doc_, np.first, np.head, np.age);
      if (possessed && e == doc_.mentions[owner].entity) e = -1;
    }
    sp.kind = SpeakerKind::kPerson;
    sp.description = text;
    if (e >= 0) {
      const Entity& ent = doc_.entities[e];
      sp.name = ent.name;
      sp.age = ent.age;
      u->entity = e;
      u->attribution = Attribution::kDescription;
      u->confidence = 0.6f;
    } else {
      sp.name = text;
      // "said a person close to the family", "said one official
      // involved in the talks": after the cue, a new (indefinite)
      // speaker's prepositional phrase closing the clause says who it
      // is.
      const int pp_end = indefinite && cue >= 0 && cue < np.first
                             ? ClosingPrepPhrase(np.last + 1)
                             : -1;
      if (pp_end > np.last + 1) {
        sp.name = Text(first, pp_end - 1);
        sp.mention = Text(np.first, pp_end - 1);
        sp.mention_span = {toks_[np.first].start, toks_[pp_end - 1].end};
      }
      u->attribution = Attribution::kExplicit;
      u->confidence = 0.6f;
    }
    if (np.age > 0) sp.age = np.age;
  }
}

void Attributor::SetAppositive(int desc_first, int desc_last,
                               QuoteUnit* u) const {
  Speaker& sp = u->speaker;
  if (desc_first < 0 || desc_first > desc_last) return;
  // Trim commas and final punctuation.
  while (desc_last >= desc_first && toks_[desc_last].kind == TokKind::kPunct) {
    --desc_last;
  }
  while (desc_first <= desc_last && toks_[desc_first].kind == TokKind::kPunct) {
    ++desc_first;
  }
  // Ages written as ", 39," or ", 54 ans," are not descriptions.
  if (desc_first <= desc_last && toks_[desc_first].kind == TokKind::kNumber) {
    int age = std::atoi(std::string(toks_[desc_first].lower).c_str());
    if (age > 0 && age < 120 && sp.age == 0) sp.age = age;
    ++desc_first;
    if (desc_first <= desc_last && (toks_[desc_first].classes & kAgeUnit)) {
      ++desc_first;
    }
    while (desc_first <= desc_last &&
           toks_[desc_first].kind == TokKind::kPunct) {
      ++desc_first;
    }
  }
  if (desc_first <= desc_last) {
    // A role or affiliation; not a relative clause ("who was there").
    const Token& d = toks_[desc_first];
    bool looks = !d.cap || (d.classes & (kDet | kIndef | kRole | kTitle));
    if ((d.classes & (kStop)) && !(d.classes & (kDet | kIndef))) looks = false;
    if (looks && desc_last - desc_first < 25) {
      sp.description = Text(desc_first, desc_last);
    }
  }
}

int Attributor::DescribedAntecedent(int at, Gender g) const {
  if (at <= 0 || (g != Gender::kMale && g != Gender::kFemale)) return -1;
  int floor = doc_.para_token_begin[std::max(0, toks_[at].para - 1)];
  int end = at;
  for (int n = 0; n < 4 && end > floor; ++n) {
    int b = std::max(SentenceStart(end - 1), floor);
    // Only a sentence's subject: the description opens the sentence.
    for (int k = b; k + 1 < end && k == b; ++k) {
      // A preposition is no article, unless the language itself lists the
      // word as its article (Dutch "de", a preposition elsewhere).
      const uint32_t c = toks_[k].classes;
      const bool own_article =
          (c & kDet) &&
          !(lex_.ClassesIn(toks_[k].lower, kUnlistedLanguage) & kDet);
      if (!(c & kDet) || ((c & kPrep) && !own_article)) continue;
      const Token& h = toks_[k + 1];
      if (h.kind != TokKind::kWord) continue;
      Gender hg = Gender::kUnknown;
      bool title = lex_.Title(h.lower, &hg);
      if (!title && !(h.classes & kRole)) continue;
      if ((g == Gender::kMale && hg == Gender::kFemale) ||
          (g == Gender::kFemale && hg == Gender::kMale)) {
        continue;
      }
      // "the president Vladimir Putin" is a name, found as one.
      if (k + 2 < end && MentionAtToken(doc_, k + 2) >= 0) continue;
      return k + 1;
    }
    end = b;
  }
  return -1;
}

NounPhrase Attributor::GroupAntecedent(int at) const {
  if (at <= 0) return NounPhrase();
  int floor = doc_.para_token_begin[std::max(0, toks_[at].para - 1)];
  int end = at;
  for (int n = 0; n < 3 && end > floor; ++n) {
    int b = std::max(SentenceStart(end - 1), floor);
    NounPhrase np = ParseNpForward(b, end);
    if (np.kind == NpKind::kNominal && np.head >= 0 &&
        (toks_[np.head].classes & kGroup)) {
      return np;
    }
    end = b;
  }
  return NounPhrase();
}

void Attributor::SetTitleSpeaker(int first, int k, int c, int cue_len,
                                 QuoteUnit* u) const {
  Speaker& sp = u->speaker;
  sp = Speaker();
  sp.mention = Text(first, k);
  sp.mention_span = {toks_[first].start, toks_[k].end};
  sp.name = std::string(doc_.Slice(doc_.raw_quotes[toks_[k].quote].content));
  sp.kind = SpeakerKind::kOrganization;
  u->entity = -1;
  u->cue = Text(c, c + cue_len - 1);
  u->attribution = Attribution::kExplicit;
  u->confidence = 0.8f;
}

}  // namespace extract
}  // namespace quotewire

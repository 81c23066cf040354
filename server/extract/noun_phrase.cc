// Noun phrases of the reporting clause: the speaker's phrase read forward
// from a token (names with their titles and roles, pronouns, descriptions,
// organisations), the subject read backward from a cue, a name in apposition
// to a role phrase, a parenthesis after a name, what stands between a cue and
// the speaker after it, and the object pronoun of an inverted cue.
#include "server/extract/attributor.h"

#include <algorithm>

#include "server/extract/dictionary.h"
#include "server/extract/mentions.h"
#include "server/extract/resolver.h"
#include "server/extract/text_scan.h"

namespace quotewire {
namespace extract {

NounPhrase Attributor::ParseNpForward(int i, int limit) const {
  NounPhrase np;
  if (i >= limit || !IsWord(i)) return np;
  const Token& t = toks_[i];
  Gender g;
  if ((t.classes & kPronoun) && lex_.Pronoun(t.lower, &g)) {
    if (g == Gender::kFirstPerson) return np;
    np.kind = NpKind::kPronoun;
    np.first = np.last = i;
    np.gender = g;
    return np;
  }
  int j = i;
  int age = AgeFromToken(lex_, t.lower);
  if (age > 0) ++j;
  int m = j < limit ? MentionAtToken(doc_, j) : -1;
  if (m >= 0 && doc_.mentions[m].first_token == j) {
    return ParseNameForward(i, m, age, limit);
  }
  // Nominal: determiner or role/organisation/group noun.
  if ((t.classes & (kDet | kIndef)) || age > 0 ||
      (t.classes & (kRole | kGroup | kOrg | kMedia)) ||
      BarePluralSubject(i, limit) || BareCompoundSubject(i, limit)) {
    return ParseNominalForward(i, age, limit);
  }
  return ParseModifiersForward(i, limit);
}

NounPhrase Attributor::ParseNameForward(int i, int m, int age,
                                        int limit) const {
  NounPhrase np;
  int last = doc_.mentions[m].last_token;
  // "Clinton spokesman Brian Fallon", "Trump campaign manager Kellyanne
  // Conway": lower-case words then another name.
  int k = last + 1, n = 0;
  auto starts_mention = [&](int x) {
    int mx = MentionAtToken(doc_, x);
    return mx >= 0 && doc_.mentions[mx].first_token == x;
  };
  while (k < limit && n < 3 && toks_[k].kind == TokKind::kWord &&
         !toks_[k].cap && !starts_mention(k) &&
         !NpStop(k, limit) &&
         !(toks_[k].classes & (kStop | kDet | kIndef | kPrep))) {
    ++k;
    ++n;
  }
  // Also "Democratic nominee Hillary Clinton": a mention led by a
  // lower-case title right after the first name; "Twitter's Adam Sharp",
  // "Gallup's Jeffrey M. Jones": the name after a possessive one.
  if ((n > 0 || (k < limit && !toks_[k].cap) ||
       doc_.mentions[m].possessive) &&
      k < limit &&
      (doc_.mentions[m].possessive || !VerbBetweenNames(last + 1, k))) {
    int m2 = MentionAtToken(doc_, k);
    if (m2 >= 0 && doc_.mentions[m2].first_token == k) {
      np.kind = NpKind::kName;
      np.first = i;
      np.last = doc_.mentions[m2].last_token;
      np.mention = m2;
      np.age = age;
      ExtendParenthetical(&np, limit);
      return np;
    }
  }
  // "Belarusian independent news site", "Clinton campaign": a name used as
  // a modifier of an organisation, group or role noun. Not where names
  // inflect: "Podle Dvořáka kabinet", "Według Kowalskiego wójt" are a
  // genitive name, then the clause's subject.
  if (n > 0 && NameCanModifyNoun(m)) {
    for (int h = last + 1; h < k && !VerbBetweenNames(last + 1, h); ++h) {
      if (toks_[h].classes & (kOrg | kGroup | kRole | kMedia)) {
        np.kind = NpKind::kNominal;
        np.first = i;
        np.last = k - 1;
        np.head = h;
        return np;
      }
    }
  }
  if (doc_.mentions[m].possessive) return np;
  np.kind = NpKind::kName;
  np.first = i;
  np.last = last;
  np.mention = m;
  np.age = age;
  ExtendParenthetical(&np, limit);
  return np;
}

bool Attributor::VerbBetweenNames(int b, int e) const {
  // "Senator Ada Quell endorsed Governor Bram Ostrow": the lower-case words
  // between two names end with a word that is no person, organisation or
  // group noun (a verb), so the second name is the verb's object, not the
  // first one's role ("Clinton spokesman Brian Fallon").
  if (e <= b) return false;
  const int h = e - 1;
  if (toks_[h].classes & (kRole | kOrg | kGroup | kMedia | kTitle)) {
    return false;
  }
  return lex_.EndsLikePastVerb(doc_.lang, toks_[h].lower);
}

bool Attributor::NameCanModifyNoun(int m) const {
  if (!lex_.InflectsNames(doc_.language)) return true;
  // An organisation's name may still precede the noun it leaves as the
  // speaker ("сообщил РИА Новости источник").
  const int e = doc_.mentions[m].entity;
  return e < 0 || !IsPersonLike(doc_.entities[e]);
}

NounPhrase Attributor::ParseNominalForward(int i, int age, int limit) const {
  NounPhrase np;
  Gender g;
  const bool det = (toks_[i].classes & (kDet | kIndef)) != 0;
  if (det) {
    const NounPhrase rest = AfterExtendedAttribute(i, limit);
    if (rest) return rest;
  }
  int k = i;
  int head = -1;
  while (k < limit && k - i < 7 && IsWord(k)) {
    // "Hundreds of pro-Sanders demonstrators", "dozens of mourners": a
    // bare plural counts the group noun after its preposition, the head.
    if (k > i && head == i && (toks_[k].classes & kPrep) && !det &&
        PluralNounAt(i) && !(toks_[i].classes & kGroup)) {
      const int group = GroupNounAfter(k + 1, limit);
      if (group >= 0) {  // the phrase ends with it
        head = group;
        k = group + 1;
        break;
      }
    }
    if (k > i && NpStop(k, limit)) break;
    if (k > i && (toks_[k].classes & kPronoun) && lex_.Pronoun(toks_[k].lower, &g)) break;
    // A relative pronoun opens a clause about the head ("a Mexican official
    // who was not authorized to speak"), no part of the phrase.
    if (k > i && (toks_[k].classes & kPersonRelative)) break;
    // A preposition ends the phrase after its head, or after an article
    // and at least two words ("de 34-jarige verdachte tegen de rechter").
    // "a statement from the ministry", "un communiqué du ministère": the
    // document's source.
    if (k > i && k + 1 < limit && (toks_[k].classes & kPrep) &&
        (toks_[k - 1].classes & kDocNoun)) {
      NounPhrase source = ParseNpForward(k + 1, limit);
      if (source.kind == NpKind::kName ||
          (source.kind == NpKind::kNominal &&
           (toks_[source.head].classes & (kOrg | kGroup | kRole)))) {
        if (source.kind == NpKind::kName) source.first = i;
        return source;
      }
    }
    // "les parents d'élèves": an elided preposition and a bare
    // lower-case noun make a compound of the head.
    if (k > i && head >= 0 && k + 1 < limit &&
        (toks_[k].classes & kPrep) && lex_.IsElision(toks_[k].lower) &&
        !toks_[k].cap && IsWord(k + 1) && !toks_[k + 1].cap &&
        !(toks_[k + 1].classes & (kDet | kIndef | kPrep | kStop | kPronoun |
                                  kCueWord | kAux | kThat | kCoord))) {
      k += 2;
      continue;
    }
    if (k > i && (toks_[k].classes & kPrep) &&
        (head >= 0 || (det && k - i >= 3))) {
      // An organisation's name goes on over a capitalised complement
      // ("the Ministry of Defence", "le ministère de l'Intérieur").
      if (head >= 0 && head == k - 1 && (toks_[head].classes & kOrg)) {
        k = OrganisationNameEnd(k, limit);
      }
      // "министр по делам гражданской обороны Александр Куренков": a
      // role's complement written without a comma, then the person.
      if (head >= 0 && (toks_[head].classes & (kRole | kTitle))) {
        NounPhrase person = PersonAfterRoleComplement(i, k, limit);
        if (person) return person;
      }
      break;
    }
    // A participle after the head starts a modifier ("Protesters marching
    // through the streets chanted").
    if (head >= 0 && k > head &&
        lex_.EndsLikeParticiple(doc_.lang, toks_[k].lower) &&
        !(toks_[k].classes & kTitle)) {
      break;
    }
    // Where nouns are capitalised, an article after the head (or any)
    // noun that cannot open a genitive complement starts the verb's
    // object ("„…“, kommentierte der Minister die Entscheidung", "wies
    // der Angeklagte die Vorwürfe zurück"); "der Sprecher des
    // Ministeriums" goes on (words.tsv gen).
    if (((head >= 0 && k > head) || (k > i + 1 && toks_[k - 1].cap)) &&
        (toks_[k].classes & (kDet | kIndef)) &&
        !(toks_[k].classes & (kGenitive | kPrep)) &&
        lex_.CapitalisesNouns(doc_.language)) {
      break;
    }
    // German nouns are capitalised: a lower-case word after the head noun
    // ends the phrase ("einer Bauerngewerkschaft sollen").
    if (k > i && !toks_[k].cap && toks_[k - 1].cap &&
        !(toks_[k - 1].classes & (kDet | kIndef)) &&
        !(toks_[k].classes & (kDet | kIndef)) &&
        lex_.CapitalisesNouns(doc_.language)) {
      break;
    }
    int mk = MentionAtToken(doc_, k);
    if (k > i && mk >= 0 && doc_.mentions[mk].first_token == k) {
      // "the Russian president Vladimir Putin": a name ending the phrase
      // wins; "the New York businessman": a name used as a modifier.
      NounPhrase inner = ParseNpForward(k, limit);
      if (inner.kind == NpKind::kName) {
        int after = inner.last + 1;
        // A name after a preposition ends the phrase too ("het kantoor
        // van president Poetin").
        // In languages that capitalise nouns a lower-case word after the
        // name cannot continue the phrase ("Die SPD will …").
        bool final = after >= limit || !IsWord(after) || toks_[after].cap ||
                     NpStop(after, limit) || (toks_[after].classes & kPrep) ||
                     (toks_[k - 1].classes & kPrep) ||
                     lex_.CapitalisesNouns(doc_.language);
        // A name right after an inner article is a genitive modifier
        // ("Der Sprecher des Programms"), not the head.
        // Also across adjectives ("des deutschen Ministeriums").
        int p = k - 1;
        while (p > i + 1 && p > k - 3 && IsWord(p) && !toks_[p].cap &&
               !(toks_[p].classes & kDet) &&
               lex_.CapitalisesNouns(doc_.language)) {
          --p;
        }
        if (p > i && (toks_[p].classes & kDet) &&
            !(toks_[p].classes & kPrep)) {
          final = false;
        }
        // Where nouns are capitalised, one capitalised word right after
        // the article is a common noun ("erläutert die Arbeitshypothese"),
        // unless it is an acronym ("die SPD").
        if (final && k == i + 1 && inner.first == inner.last && det &&
            lex_.CapitalisesNouns(doc_.language) &&
            !IsAcronymWord(doc_.text.substr(
                toks_[k].start, toks_[k].end - toks_[k].start))) {
          final = false;
        }
        // "de gemeente Utrecht", "la provincia Grosseto": a territorial
        // body and its place name are one organisation.
        if (final && head >= 0 && head == k - 1 &&
            (toks_[head].classes & kTerritory) && !toks_[head].cap &&
            lex_.FirstNameGender(toks_[k].lower) == Gender::kUnknown) {
          np.kind = NpKind::kNominal;
          np.first = i;
          np.last = inner.last;
          np.head = head;
          return np;
        }
        if (final) {
          inner.first = i;
          return inner;
        }
        // "the IMF report said": a document speaks for the name before it.
        if (IsWord(after) && (toks_[after].classes & kDocNoun) &&
            (after + 1 >= limit || !IsWord(after + 1) ||
             NpStop(after + 1, limit))) {
          inner.first = i;
          inner.last = after;
          return inner;
        }
        k = doc_.mentions[mk].last_token + 1;
        continue;
      }
    }
    // The head is the last noun of a compound: "police spokeswoman",
    // "the prime minister's office", "union leader".
    if ((head < 0 || head + 1 == k) &&
        (toks_[k].classes & (kRole | kGroup | kOrg | kMedia | kTitle)) &&
        !(toks_[k].classes & (kDet | kIndef))) {
      head = k;
    }
    // A bare plural noun opening the phrase is its head ("Mourners
    // chanted", "boeren riepen").
    if (head < 0 && k == i && !det &&
        (PluralNounAt(k) || BareCompoundSubject(k, limit))) {
      head = k;
    }
    ++k;
  }
  if (k == i || (det && k == i + 1)) return np;  // a lone article
  if (head < 0) {
    if (!det || k - i > 4) return np;
    head = k - 1;
  }
  np.kind = NpKind::kNominal;
  np.first = i;
  np.last = std::min(k - 1, std::max(head, k - 1));
  np.head = head;
  // "der Mitarbeiter der Firma „Shui Jing Shi“": where nouns are
  // capitalised, a short name in marks right after the complement's noun
  // completes the phrase.
  if (k < limit && k == np.last + 1 && toks_[k].kind == TokKind::kQuote &&
      head < np.last && toks_[np.last].cap && ShortName(toks_[k].quote) &&
      lex_.CapitalisesNouns(doc_.language)) {
    bool genitive = false;
    for (int g = head + 1; g < np.last && !genitive; ++g) {
      genitive = (toks_[g].classes & kGenitive) != 0;
    }
    if (genitive) np.last = k;
  }
  np.age = age;
  for (int h = i; h < k && np.age == 0; ++h) np.age = AgeFromToken(lex_, toks_[h].lower);
  return np;
}

int Attributor::OrganisationNameEnd(int k, int limit) const {
  int j = k + 1;
  if (j < limit && IsWord(j) && (toks_[j].classes & kDet) &&
      !toks_[j].cap) {
    ++j;
  }
  const auto capitalised = [&](int x) {
    if (!IsWord(x)) return false;
    const int m = MentionAtToken(doc_, x);
    if (m >= 0 && doc_.entities[doc_.mentions[m].entity].kind ==
                      SpeakerKind::kPerson) {
      return false;
    }
    return toks_[x].cap || ElidedName(doc_.TokenText(toks_[x])) > 0;
  };
  int e = j;
  while (e < limit && e < j + 4 && capitalised(e)) ++e;
  return e > j ? e : k;
}

NounPhrase Attributor::PersonAfterRoleComplement(int i, int k,
                                                 int limit) const {
  for (int j = k + 1; j < limit && j <= k + 6 && IsWord(j) &&
                      !NpStop(j, limit);
       ++j) {
    int mj = MentionAtToken(doc_, j);
    if (mj < 0 || doc_.mentions[mj].first_token != j) continue;
    // A full name: one capitalised word there is the complement
    // itself ("la ministra de Sanidad dijo", "la ministre de la
    // Santé a dit"), a person only because a cue follows it.
    const Entity& ej = doc_.entities[doc_.mentions[mj].entity];
    if (ej.kind == SpeakerKind::kPerson && ej.name_tokens >= 2) {
      NounPhrase inner = ParseNpForward(j, limit);
      if (inner.kind == NpKind::kName) {
        inner.first = i;
        return inner;
      }
      break;
    }
    j = doc_.mentions[mj].last_token;
  }
  return NounPhrase();
}

NounPhrase Attributor::ParseModifiersForward(int i, int limit) const {
  NounPhrase np;
  const Token& t = toks_[i];
  // Capitalised modifiers before an organisation noun.
  if (t.cap) {
    int k = i;
    while (k < limit && k - i < 5 && IsWord(k) &&
           !NpStop(k, limit) &&
           !(toks_[k].classes & (kPrep | kDet | kIndef))) {
      int mk = MentionAtToken(doc_, k);
      if (k > i && mk >= 0 && doc_.mentions[mk].first_token == k) {
        // "Democratic nominee Hillary Clinton": modifiers of a name.
        NounPhrase inner = ParseNpForward(k, limit);
        if (inner.kind == NpKind::kName) {
          inner.first = i;
          return inner;
        }
        break;
      }
      if (toks_[k].classes & (kOrg | kGroup | kMedia | kRole)) {
        np.kind = NpKind::kNominal;
        np.first = i;
        np.last = k;
        np.head = k;
        return np;
      }
      ++k;
    }
  }
  // Lower-case modifiers before a titled name: "panel Chairman Rep. Jason
  // Chaffetz", "state Del. Marcia Price", "widow Terry Strada"; role
  // compounds: "VW-Chef Winterkorn".
  // Where genitive complements follow their noun without a preposition
  // (word_order.tsv `genitivechain`), lower-case modifiers go on up to the
  // name ("первый заместитель министра иностранных дел Иван Петров");
  // elsewhere three at most.
  const bool chain = lex_.Has(doc_.lang, Lexicon::Trait::kGenitiveChain);
  int passed = -1;  // a capitalised word of the chain, no name
  int coordinated = 0;  // words of a second role after "and"
  if ((!t.cap || lex_.EndsWithRole(t.lower)) &&
      !NpStop(i, limit) && !(t.classes & (kStop | kPrep))) {
    for (int k = i + 1;
         k < limit &&
         (k <= i + 3 + coordinated ||
          (chain && (!toks_[k - 1].cap || k - 1 == passed)));
         ++k) {
      // "former Ohio Gov. and party chairman Ted Marsh": a role
      // coordinated with the title before it goes on to the name.
      if (coordinated == 0 && IsWord(k) && (toks_[k].classes & kCoord) &&
          CoordinatedRole(k)) {
        coordinated = 3;
        continue;
      }
      if (!IsWord(k) || NpStop(k, limit) || (toks_[k].classes & kStop)) break;
      int mk = MentionAtToken(doc_, k);
      if (chain && mk >= 0 && CapitalisedWordOfChain(mk, limit)) {
        passed = k;
        continue;
      }
      if (mk >= 0 && doc_.mentions[mk].first_token == k) {
        NounPhrase inner = ParseNpForward(k, limit);
        if (inner.kind == NpKind::kName) {
          inner.first = i;
          return inner;
        }
        break;
      }
    }
  }
  return np;
}

bool Attributor::CapitalisedWordOfChain(int mention, int limit) const {
  // "ministr zahraničí České republiky Martin Dvořák": a one-word mention
  // that no first name opens, followed by a lower-case word of the chain
  // and then by a name, is an adjective or genitive of the role phrase.
  const Mention& m = doc_.mentions[mention];
  const int k = m.first_token;
  if (m.last_token != k || k + 2 >= limit || !IsWord(k + 1) ||
      toks_[k + 1].cap || NpStop(k + 1, limit) ||
      (toks_[k + 1].classes & (kStop | kPrep | kCoord | kCueWord)) ||
      lex_.FirstNameGender(toks_[k].lower) != Gender::kUnknown) {
    return false;
  }
  for (int j = k + 2; j < limit && j <= k + 4 && IsWord(j); ++j) {
    if (NpStop(j, limit) || (toks_[j].classes & (kStop | kCueWord))) break;
    const int mj = MentionAtToken(doc_, j);
    if (mj >= 0 && doc_.mentions[mj].first_token == j) {
      return doc_.mentions[mj].last_token > j;
    }
  }
  return false;
}

void Attributor::ExtendParenthetical(NounPhrase* np, int limit) const {
  int k = np->last + 1;
  if (k >= limit || !Is(k, "(")) return;
  for (int e = k + 1; e < limit && e <= k + 8; ++e) {
    if (Is(e, ")")) {
      np->last = e;
      return;
    }
  }
}

bool Attributor::InvertedSubjectBeforeQuote(const NounPhrase& after,
                                            int c) const {
  if (!lex_.CapitalisesNouns(doc_.language) || toks_[c].sent_start ||
      c == 0 || !IsWord(c - 1) || !SameSentence(c - 1, c) ||
      (toks_[after.first].classes & kObjectCase)) {
    return false;
  }
  if (after.kind == NpKind::kName) {
    // Not a possessive before a common noun ("nannte Trumps Auftrag"); a
    // compound organisation or person noun taken for a name speaks
    // ("erklärte das Außenministerium:").
    const std::string_view last = toks_[after.last].lower;
    if (doc_.mentions[after.mention].possessive) return false;
    if (PersonOrSpeakingNoun(after.last)) return true;
    return !lex_.IsCommonWord(doc_.lang, last) &&
           lex_.dictionary().CompoundNoun(doc_.lang, last) !=
               Dictionary::Compound::kNoun;
  }
  if (after.kind != NpKind::kNominal || after.head < 0) return false;
  const Token& head = toks_[after.head];
  return (head.classes & (kRole | kGroup | kOrg | kTitle | kMedia)) ||
         lex_.EndsWithRole(head.lower) ||
         lex_.dictionary().PersonNoun(doc_.lang, head.lower) !=
             Dictionary::Person::kNone;
}

bool Attributor::BarePluralSubject(int i, int limit) const {
  if (!PluralNounAt(i)) return false;
  if (i + 1 == limit) return true;  // the phrase reaches the caller's cue
  if (i + 1 > limit || !IsWord(i + 1)) return false;
  const uint32_t next = toks_[i + 1].classes;
  return (next & (kCueWord | kAux)) ||
         ((next & kPrep) && GroupNounAfter(i + 2, limit) >= 0);
}

NounPhrase Attributor::AfterExtendedAttribute(int i, int limit) const {
  // "die in New York City geborene Lopez", "der seit Jahren amtierende
  // Bürgermeister …": where nouns are capitalised, a preposition after
  // the article opens an attribute that a lower-case participle or
  // adjective closes; the phrase after it is the head's.
  NounPhrase none;
  if (!lex_.CapitalisesNouns(doc_.language) || i + 2 >= limit ||
      !IsWord(i + 1) || !(toks_[i + 1].classes & kPrep)) {
    return none;
  }
  constexpr uint32_t kClosed = kDet | kIndef | kPrep | kStop | kCueWord |
                               kAux | kCoord | kThat | kPronoun;
  for (int k = i + 2; k + 1 < limit && k <= i + 8 && IsWord(k); ++k) {
    if (toks_[k].cap || (toks_[k].classes & kClosed)) continue;
    if (!IsWord(k + 1) || !toks_[k + 1].cap) return none;
    NounPhrase rest = ParseNpForward(k + 1, limit);
    if (!rest || rest.kind == NpKind::kPronoun) return none;
    rest.first = i;
    return rest;
  }
  return none;
}

bool Attributor::BareCompoundSubject(int i, int limit) const {
  // "Medienvertreter der Opposition bezeichneten …": where nouns are
  // capitalised, a compound ending in a role, group or body noun, without
  // article, before a genitive article, a reporting verb or auxiliary, or
  // the caller's cue.
  if (!lex_.CapitalisesNouns(doc_.language) || !IsWord(i) || !toks_[i].cap ||
      MentionAtToken(doc_, i) >= 0 ||
      (toks_[i].classes & (kDet | kIndef | kPrep | kPronoun | kStop |
                           kCueWord | kAux | kRole | kGroup | kOrg)) ||
      !lex_.EndsWithClass(toks_[i].lower, kRole | kGroup | kOrg)) {
    return false;
  }
  if (i + 1 == limit) return true;
  return i + 1 < limit && IsWord(i + 1) &&
         (toks_[i + 1].classes & (kGenitive | kCueWord | kAux));
}

bool Attributor::CoordinatedRole(int c) const {
  if (c < 1 || !(toks_[c - 1].classes & (kTitle | kRole))) return false;
  for (int k = c + 1; k < c + 4 && IsWord(k); ++k) {
    if (toks_[k].cap) return false;
    if (toks_[k].classes & (kRole | kTitle)) {
      // The name follows, or starts with the role ("chairman Ted Marsh").
      const int m = MentionAtToken(doc_, k + 1);
      return (m >= 0 && doc_.mentions[m].first_token <= k + 1) ||
             MentionAtToken(doc_, k) >= 0;
    }
  }
  return false;
}

int Attributor::GroupNounAfter(int k, int limit) const {
  for (int g = k; g < limit && g < k + 3 && IsWord(g) && !NpStop(g, limit);
       ++g) {
    if (toks_[g].classes & (kPrep | kDet | kCueWord | kStop)) break;
    if ((toks_[g].classes & kGroup) || PluralNounAt(g)) return g;
  }
  return -1;
}

bool Attributor::PluralNounAt(int k) const {
  constexpr uint32_t kClosed = kStop | kAux | kCueWord | kPronoun | kPrep |
                               kDet | kIndef | kThat | kCoord | kTimeWord |
                               kDocNoun | kNaming | kCueRest;
  // A role or title keeps its own reading: Dutch "arts" is one doctor.
  constexpr uint32_t kOwnReading = kRole | kTitle;
  return k >= 0 && IsWord(k) &&
         (!toks_[k].cap ||
          (toks_[k].sent_start && MentionAtToken(doc_, k) < 0)) &&
         !(toks_[k].classes & (kClosed | kOwnReading)) &&
         lex_.PluralNoun(doc_.lang, toks_[k].lower);
}

int Attributor::HeadBeforeGenitive(int first, int a) const {
  const int h = first - 1;
  if (h < a || !(toks_[first].classes & kGenitive) ||
      !lex_.CapitalisesNouns(doc_.language) || !IsWord(h) || !toks_[h].cap ||
      (toks_[h].classes & (kDet | kIndef | kPrep | kPronoun | kCueWord |
                           kStop | kNpStopWords)) ||
      !PersonOrSpeakingNoun(h)) {
    return -1;
  }
  return h;
}

bool Attributor::PersonOrSpeakingNoun(int head) const {
  return head >= 0 &&
         (SpeakingNoun(head) || lex_.EndsWithRole(toks_[head].lower) ||
          lex_.dictionary().PersonNoun(doc_.lang, toks_[head].lower) !=
              Dictionary::Person::kNone);
}

NounPhrase Attributor::NameThenOrgNoun(const NounPhrase& np,
                                       int limit) const {
  const int next = np.last + 1;
  if (np.kind != NpKind::kName || np.first != np.last || next >= limit ||
      !IsWord(next) || !toks_[next].cap ||
      !(toks_[next].classes & (kOrg | kMedia)) || np.mention < 0) {
    return np;
  }
  const int e = doc_.mentions[np.mention].entity;
  if (e < 0 || IsPersonLike(doc_.entities[e])) return np;
  NounPhrase org = np;
  org.kind = NpKind::kNominal;
  org.mention = -1;
  org.head = next;
  org.last = next;
  return org;
}

NounPhrase Attributor::NameBeforeOpenAppositive(const NounPhrase& np, int c,
                                                int a,
                                                int* appositive_end) const {
  if (!np || np.kind == NpKind::kPronoun || *appositive_end >= 0) return np;
  for (int k = np.first - 1; k - 1 >= a; --k) {
    if (!IsWord(k) && !Is(k, ",") && !Is(k, "(") && !Is(k, ")")) return np;
    if (IsWord(k) && (toks_[k].classes & (kCoord | kCueWord))) return np;
    if (!Is(k, ",")) continue;
    if (!IsWord(k + 1) || !(toks_[k + 1].classes & (kDet | kIndef))) return np;
    const int m = MentionAtToken(doc_, k - 1);
    if (m < 0) return np;
    const Mention& men = doc_.mentions[m];
    if (men.last_token != k - 1 || men.possessive || men.entity < 0) return np;
    const Entity& e = doc_.entities[men.entity];
    if (e.kind == SpeakerKind::kOrganization ||
        (e.kind != SpeakerKind::kPerson && e.name_tokens < 2)) {
      return np;
    }
    // Only titles or names may stand before it in the clause.
    for (int t = men.first_token - 1; t >= a && !toks_[t + 1].sent_start;
         --t) {
      if (!IsWord(t) || !toks_[t].cap) return np;
    }
    NounPhrase name;
    name.kind = NpKind::kName;
    name.mention = m;
    name.first = men.first_token;
    name.last = men.last_token;
    *appositive_end = c - 1;
    return name;
  }
  return np;
}

NounPhrase Attributor::ParseSubjectBackward(int c, int a,
                                            int* appositive_end) const {
  NounPhrase none;
  *appositive_end = -1;
  int j = c - 1;
  while (j >= a && IsWord(j) && (toks_[j].classes & kAux)) --j;
  if (j < a) return none;
  // "Rep. Gwen Moore (D-Wis.) said"
  if (Is(j, ")")) {
    int o = j - 1;
    while (o > a && o > j - 9 && !Is(o, "(")) --o;
    if (Is(o, "(") && o - 1 >= a) {
      NounPhrase np = ParseSubjectBackward(o, a, appositive_end);
      if (np) np.last = j;
      return np;
    }
  }
  if (toks_[j].lower == ",") {
    return SubjectBeforeAppositive(a, j, appositive_end);
  }
  // "Ein Vertreter der „nordlicht solar ag“ bezeichnet": a name in
  // quotation marks (no speech) after an article completes the noun
  // before it; the subject is that noun's phrase.
  if (toks_[j].kind == TokKind::kQuote && nonspeech_[toks_[j].quote] &&
      j - 2 >= a && IsWord(j - 1) && (toks_[j - 1].classes & kDet) &&
      IsWord(j - 2) && toks_[j - 2].cap &&
      !(toks_[j - 2].classes & (kDet | kPrep | kCueWord | kStop))) {
    NounPhrase np = ParseSubjectBackward(j - 1, a, appositive_end);
    if (np && np.last == j - 2) {
      np.last = j;
      return np;
    }
    return none;
  }
  int m = MentionAtToken(doc_, j);
  // "Der Sprecher des Programms teilte": a name after a noun and an article
  // is a genitive modifier, not the subject.
  if (m >= 0) {
    int f = doc_.mentions[m].first_token;
    const int p = f - 1;  // the word before the name
    // Also across adjectives ("des deutschen Bundesministeriums").
    if (lex_.CapitalisesNouns(doc_.language)) {
      for (int n = 0; n < 2 && f - 2 >= a && IsWord(f - 1) &&
                      !toks_[f - 1].cap && !(toks_[f - 1].classes & kDet);
           ++n) {
        --f;
      }
    }
    if (f - 2 >= a && (toks_[f - 1].classes & kDet) &&
        !(toks_[f - 1].classes & kPrep) && IsWord(f - 2) &&
        !(toks_[f - 2].classes & (kDet | kPrep | kCueWord | kStop))) {
      m = -1;
    }
    // A name after a preposition is its object ("Sascha Kempf vom
    // Max-Planck-Institut in Heidelberg erläutert", "a researcher at
    // Harvard said"); the subject is further back. A participle takes it as
    // its subject ("footage of Hillary Clinton asking").
    // Also across an article ("la ministre de la Santé a dit").
    int q = p;
    if (q - 1 > a && IsWord(q) && (toks_[q].classes & kDet) &&
        !toks_[q].cap && IsWord(q - 1) && (toks_[q - 1].classes & kPrep)) {
      --q;
    }
    if (m >= 0 && q > a && IsWord(q) && (toks_[q].classes & kPrep) &&
        !lex_.EndsLikeParticiple(doc_.lang, toks_[c].lower)) {
      m = -1;
    }
    // "De gemeente Zwolle laat weten": the place names the territorial
    // body before it, which is the subject.
    if (m >= 0 && p >= a && IsWord(p) && (toks_[p].classes & kTerritory) &&
        !toks_[p].cap) {
      m = -1;
    }
  }
  if (m >= 0 && !doc_.mentions[m].possessive) {
    NounPhrase np;
    np.kind = NpKind::kName;
    np.mention = m;
    np.first = doc_.mentions[m].first_token;
    np.last = doc_.mentions[m].last_token;
    if (np.first > a) np.age = AgeFromToken(lex_, toks_[np.first - 1].lower);
    if (np.first > a && np.age > 0) --np.first;
    return np;
  }
  Gender g;
  if ((toks_[j].classes & kPronoun) && lex_.Pronoun(toks_[j].lower, &g)) {
    if (g == Gender::kFirstPerson) return none;
    NounPhrase np;
    np.kind = NpKind::kPronoun;
    np.first = np.last = j;
    np.gender = g;
    return np;
  }
  return SubjectOpeningClause(c, a, j);
}

bool Attributor::NameInComplement(const NounPhrase& np) const {
  const int f = doc_.mentions[np.mention].first_token;
  for (int k = np.first; k < f; ++k) {
    if (IsWord(k) && (toks_[k].classes & kPrep) &&
        !(toks_[k].classes & kDet)) {
      return true;
    }
  }
  return false;
}

NounPhrase Attributor::SubjectBeforeAppositive(int a, int j,
                                               int* appositive_end) const {
  // "X, 39, a mother of six, told": the first phrase followed by a comma;
  // a full name wins over a description it follows ("Der Innenminister
  // Frankreichs, Nicolas Sarkozy, verteidigte").
  NounPhrase first;
  for (int k = a; k < j; ++k) {
    // Only the clause's first phrase, or a name set off by commas, or the
    // subject of an opening "As X, …, put it:".
    if (k != a && !Is(k - 1, ",") && !AfterAsConjunction(k, a)) continue;
    NounPhrase np = ParseNpForward(k, j);
    if (!np || np.last + 1 > j || toks_[np.last + 1].lower != ",") continue;
    if (np.kind != NpKind::kName && k != a) continue;
    if (np.kind == NpKind::kName &&
        doc_.entities[doc_.mentions[np.mention].entity].name_tokens >= 2 &&
        !NameInComplement(np)) {
      *appositive_end = j - 1;
      return np;
    }
    if (!first) first = np;
    k = np.last;
  }
  if (first) *appositive_end = j - 1;
  return first;
}

bool Attributor::AfterAsConjunction(int k, int a) const {
  const int as = k - 1;
  return as >= a && IsWord(as) && (as == a || Is(as - 1, ",")) &&
         lex_.InList(Lexicon::List::kAsClause, toks_[as].lower, doc_.lang);
}

NounPhrase Attributor::SubjectOpeningClause(int c, int a, int j) const {
  NounPhrase none;
  // The last clause start before the cue.
  int s = a;
  for (int k = j; k > a; --k) {
    if (toks_[k - 1].lower == "," || toks_[k - 1].lower == ";" ||
        toks_[k - 1].kind == TokKind::kQuote) {
      s = k;
      break;
    }
  }
  for (int start = s; start <= j && start < s + 3; ++start) {
    // A phrase after a preposition is not the subject ("Gegenüber einer
    // Zeitung sagte Filep Karma").
    // An article that is also a preposition elsewhere (Dutch "de",
    // Portuguese "a") opens the subject.
    if ((toks_[start].classes & kPrep) && !(toks_[start].classes & kDet)) break;
    NounPhrase np = ParseNpForward(start, c);
    if (np) {
      // Accept only when the phrase reaches the cue, or a name/pronoun
      // subject is followed by a short adjunct ("in a speech to protesters").
      if (np.last >= j || np.kind != NpKind::kNominal ||
          (toks_[np.last + 1].classes & (kPrep | kDet)) ||
          lex_.EndsLikeParticiple(doc_.lang, toks_[np.last + 1].lower)) {
        return np;
      }
    }
    if (!IsWord(start) || (toks_[start].classes & (kDet | kIndef))) break;
  }
  return none;
}

NounPhrase Attributor::AppositiveName(const NounPhrase& np, int limit,
                                      int* role_last) const {
  if (!np || np.kind == NpKind::kPronoun) return np;
  int k = np.last + 1;
  // A prepositional complement of a role noun ("la ministre de la Santé").
  if (np.kind == NpKind::kNominal && k < limit && IsWord(k) &&
      (toks_[k].classes & kPrep)) {
    int j = k;
    while (j < limit && j < k + 6 && IsWord(j) &&
           !NpStop(j, limit)) {
      ++j;
    }
    if (j < limit && Is(j, ",")) k = j;
  }
  if (k + 1 >= limit || !Is(k, ",")) return np;
  // The phrase must be a role ("el alcalde de Sevilla", "le ministre du
  // Travail"), not a person's name.
  if (np.kind == NpKind::kName) {
    const Entity& e = doc_.entities[doc_.mentions[np.mention].entity];
    if (e.kind == SpeakerKind::kPerson || e.person_evidence) return np;
  }
  // "el consejero de Hacienda, Ignacio Soto": an article and a lower-case
  // noun also make a role phrase when a person's name follows.
  bool role = (toks_[np.first].classes & kDet) && np.first + 1 <= np.last &&
              IsWord(np.first + 1) && !toks_[np.first + 1].cap;
  role = role || DescriptionBeforeCommaName(np);
  int role_end = np.kind == NpKind::kName
                     ? doc_.mentions[np.mention].first_token
                     : np.last + 1;
  for (int h = np.first; h < role_end; ++h) {
    if (toks_[h].classes & (kRole | kTitle)) role = true;
  }
  if (!role) return np;
  NounPhrase name = ParseNpForward(k + 1, limit);
  if (name.kind != NpKind::kName) return np;
  const Entity& e = doc_.entities[doc_.mentions[name.mention].entity];
  if (e.kind == SpeakerKind::kOrganization) return np;
  if (e.kind != SpeakerKind::kPerson && !e.person_evidence &&
      !(toks_[np.first].classes & (kRole | kTitle))) {
    bool titled = false;
    for (int h = np.first; h < role_end; ++h) {
      titled = titled || (toks_[h].classes & (kRole | kTitle));
    }
    if (!titled) return np;
  }
  if (role_last != nullptr) *role_last = k - 1;
  return name;
}

bool Attributor::DescriptionBeforeCommaName(const NounPhrase& np) const {
  // "said another Twitter user, Johanna Bayer", "Hadley's campaign manager,
  // Jeff Weaver, said": a description with a determiner or a possessive and
  // a lower-case head noun, where a comma sets a person's name off after it
  // (word_order.tsv `rolebeforecommaname`).
  return np.kind == NpKind::kNominal && np.head >= 0 && IsWord(np.head) &&
         !toks_[np.head].cap &&
         lex_.Has(doc_.lang, Lexicon::Trait::kRoleBeforeCommaName) &&
         ((toks_[np.first].classes & (kDet | kIndef)) ||
          toks_[np.first].possessive);
}

int Attributor::SkipAdverbsAndAddressee(int k, int limit) const {
  // Time adverbs, also after a determiner ("este lunes", "ce matin").
  while (k < limit && IsWord(k) && !toks_[k].cap) {
    if (toks_[k].classes & kAux) {
      ++k;
    } else if ((toks_[k].classes & (kDet | kIndef)) && k + 1 < limit &&
               IsWord(k + 1) && (toks_[k + 1].classes & kAux) &&
               !toks_[k + 1].cap) {
      k += 2;
    } else {
      break;
    }
  }
  if (k + 1 < limit && IsWord(k) && (toks_[k].classes & kPrep) &&
      !toks_[k].cap) {
    int j = k + 1;
    if (j < limit && IsWord(j) && (toks_[j].classes & kDet) && !toks_[j].cap) {
      ++j;
    }
    // An elided article with the name ("l'AFP") or capitalised words that
    // do not start a person's name.
    if (j < limit && IsWord(j) && !toks_[j].cap &&
        ElidedName(doc_.TokenText(toks_[j])) > 0) {
      return j + 1;
    }
    int n = 0;
    while (j < limit && IsWord(j) && toks_[j].cap && n < 4) {
      int m = MentionAtToken(doc_, j);
      if (m >= 0 && doc_.entities[doc_.mentions[m].entity].kind ==
                        SpeakerKind::kPerson) {
        break;
      }
      if (m >= 0 && doc_.mentions[m].first_token == j &&
          lex_.FirstNameGender(toks_[j].lower) != Gender::kUnknown) {
        break;
      }
      ++j;
      ++n;
    }
    if (n > 0) return j;
    // "признал в интервью «Коммерсанту» бывший министр X": a short
    // addressee phrase, possibly with a title in quotation marks, before
    // a person's name.
    bool medium = false;  // the phrase names a medium
    for (int x = k + 1; x < limit && x <= k + 5; ++x) {
      if (toks_[x].kind == TokKind::kPunct ||
          (IsWord(x) && (toks_[x].classes & kCueWord))) {
        break;
      }
      if (!IsWord(x) || (toks_[x].classes & kMedia)) {
        medium = true;
        continue;
      }
      if (!medium) continue;
      NounPhrase np = ParseNpForward(x, limit);
      if (np.kind != NpKind::kName) continue;
      const Entity& e = doc_.entities[doc_.mentions[np.mention].entity];
      if (e.kind == SpeakerKind::kPerson || e.person_evidence) return x;
    }
  }
  // "ha detto dell'accordo il ministro X", "dijo sobre el acuerdo el
  // ministro X", "a déclaré jusqu'à présent le ministre X": a lower-case
  // prepositional phrase (a topic complement or a time adverbial), when a
  // subject follows it.
  if (k + 1 < limit && IsWord(k) && (toks_[k].classes & kPrep) &&
      !toks_[k].cap) {
    int j = k + 1;
    if (j < limit && IsWord(j) && (toks_[j].classes & kPrep) && !toks_[j].cap) {
      ++j;  // "jusqu'à"
    }
    if (j < limit && IsWord(j) && (toks_[j].classes & (kDet | kIndef)) &&
        !toks_[j].cap) {
      ++j;  // "dijo en un comunicado el Ministerio"
    }
    const auto starts_mention = [&](int x) {
      const int m = MentionAtToken(doc_, x);
      return m >= 0 && doc_.mentions[m].first_token == x;
    };
    int n = 0;
    while (j < limit && n < 2 && IsWord(j) && !toks_[j].cap &&
           !(toks_[j].classes & (kDet | kIndef | kPrep | kPronoun | kCueWord |
                                 kCueRest | kThat | kCoord)) &&
           !starts_mention(j)) {
      ++j;
      ++n;
    }
    while (j < limit && IsWord(j) && !toks_[j].cap &&
           (toks_[j].classes & kAux)) {
      ++j;
    }
    if (n > 0) {
      NounPhrase np = ParseNpForward(j, limit);
      if (np.kind == NpKind::kName ||
          (np.kind == NpKind::kNominal && np.head >= 0 &&
           (toks_[np.head].classes & (kRole | kTitle | kOrg | kGroup)))) {
        return j;
      }
    }
  }
  return k;
}

NounPhrase Attributor::InvertedObjectPronoun(int i, int limit) const {
  NounPhrase np;
  if (i >= limit || !IsWord(i) ||
      !(toks_[i].classes & (kPronMale | kPronFemale | kPronoun))) {
    return np;
  }
  if (i + 1 < limit && IsWord(i + 1)) return np;  // "her lawyer"
  Gender g = Gender::kUnknown;
  if (!lex_.Pronoun(toks_[i].lower, &g)) {
    if (toks_[i].classes & kPronMale) g = Gender::kMale;
    if (toks_[i].classes & kPronFemale) g = Gender::kFemale;
  }
  if (g != Gender::kMale && g != Gender::kFemale) return np;
  np.kind = NpKind::kPronoun;
  np.first = np.last = i;
  np.gender = g;
  return np;
}

}  // namespace extract
}  // namespace quotewire

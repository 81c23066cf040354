#include "server/extract/resolver.h"

#include <algorithm>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"

#include "server/extract/attribution.h"
#include "server/extract/mentions.h"
#include "server/extract/text_scan.h"

namespace quotewire {
namespace extract {
namespace {

// Classes of words that are never a role.
constexpr uint32_t kNotRole = kDet | kIndef | kConn | kAux | kCoord | kThat |
                              kStop | kPrep | kPronoun | kGenitive |
                              kCueWord;

// Number of leading bytes `a` and `b` share.
size_t CommonPrefix(std::string_view a, std::string_view b) {
  size_t n = 0;
  while (n < a.size() && n < b.size() && a[n] == b[n]) ++n;
  return n;
}

}  // namespace

namespace {

// `w` without an elided article ("l'élue", "l’avocat" give "élue",
// "avocat").
std::string_view StripElision(std::string_view w) {
  if (w.size() > 2 && (w[1] == '\'') && (w[0] == 'l' || w[0] == 'd')) {
    return w.substr(2);
  }
  if (w.size() > 4 && w.substr(1, 3) == "\u2019" &&
      (w[0] == 'l' || w[0] == 'd')) {
    return w.substr(4);
  }
  return w;
}

}  // namespace

namespace {

// SameRole of two words without their elided articles.
bool SameBareRole(std::string_view head, std::string_view word) {
  // Every match below shares the last byte (a compound) or the first five
  // (one stem): most pairs of a scan of an article's role words differ in
  // both, and are told apart here.
  if (!head.empty() && !word.empty() && head.back() != word.back() &&
      head.front() != word.front()) {
    return false;
  }
  if (head == word) return true;
  const std::string_view shorter = head.size() < word.size() ? head : word;
  const std::string_view longer = head.size() < word.size() ? word : head;
  // A compound ending in the other ("Sportdirektorin" and "Direktorin",
  // "SPD-Politiker" and "Politiker", "jeugdarts" and "arts").
  if (shorter.size() >= 4 &&
      longer.compare(longer.size() - shorter.size(), shorter.size(),
                     shorter) == 0) {
    return true;
  }
  // Inflections and gender forms of one stem ("ministr", "ministra";
  // "starostka", "starostky"; "Politiker", "Politikerin"; "élu", "élue").
  const size_t common = CommonPrefix(head, word);
  return common >= 5 && common + 3 >= longer.size();
}

}  // namespace

bool SameRole(std::string_view head, std::string_view word) {
  if (head == word) return true;
  // An elided article is no part of the noun.
  return SameBareRole(StripElision(head), StripElision(word));
}

namespace {

// The role class (role_classes.tsv) of the role noun `word` in `lang`: the
// class of the word itself, else of a member it is a compound or inflection
// of ("SPD-Politikerin" of "politikerin", "Vorstandschefin" of "chefin");
// 0 when none. Two nouns of one class can describe the same person.
int RoleClassOf(const Lexicon& lex, int lang, std::string_view word) {
  word = StripElision(word);
  if (const int c = lex.RoleClass(lang, word)) return c;
  for (const auto& [member, c] : lex.RoleClassMembers(lang)) {
    if (SameRole(member, word)) return c;
  }
  return 0;
}

}  // namespace

bool IsPersonLike(const Entity& e) {
  return e.kind == SpeakerKind::kPerson ||
         (e.kind == SpeakerKind::kUnknown && e.person_evidence);
}

namespace {

bool Compatible(const Entity& e, Gender g) {
  Gender eg = EntityGender(e);
  if (g == Gender::kMale) return eg != Gender::kFemale;
  if (g == Gender::kFemale) return eg != Gender::kMale;
  return true;
}

}  // namespace

namespace {

// The number of mentions that end before token `at` (doc.mentions is in
// text order).
int MentionsBefore(const Document& doc, int at) {
  return static_cast<int>(
      std::lower_bound(doc.mentions.begin(), doc.mentions.end(), at,
                       [](const Mention& m, int v) { return m.last_token < v; }) -
      doc.mentions.begin());
}

// The person of compatible gender mentioned last among the first `end`
// mentions (within a sentence, the first: the subject), within
// `max_sentences` sentences.
int AntecedentAmong(const Document& doc, int end, Gender gender,
                    bool strong_only, int max_sentences, bool full_names) {
  auto compatible = [&](const Entity& e) {
    Gender eg = strong_only ? e.strong : EntityGender(e);
    if (gender == Gender::kMale) return eg != Gender::kFemale;
    if (gender == Gender::kFemale) return eg != Gender::kMale;
    return true;
  };
  int sentences = 0;
  int examined = 0;
  // Sentence by sentence, most recent first; inside a sentence left to right
  // (the subject comes first), non-possessive mentions before possessive ones.
  while (end > 0 && sentences < max_sentences && examined < 400) {
    int sent = doc.tokens[doc.mentions[end - 1].last_token].sentence;
    int begin = end;
    while (begin > 0 && end - begin < 200 &&
           doc.tokens[doc.mentions[begin - 1].last_token].sentence == sent) {
      --begin;
    }
    auto fits = [&](const Mention& men) {
      const Entity& e = doc.entities[men.entity];
      const bool person =
          IsPersonLike(e) ||
          (full_names && e.name_tokens >= 2 && e.kind == SpeakerKind::kUnknown);
      return person && compatible(e);
    };
    bool possessives = false;
    for (int m = begin; m < end && examined < 400; ++m, ++examined) {
      const Mention& men = doc.mentions[m];
      if (men.possessive) {
        possessives = true;
      } else if (fits(men)) {
        return men.entity;
      }
    }
    // Then the possessive ones, only in a sentence that has one (a second
    // pass over the sentence, counted as such).
    if (possessives) {
      for (int m = begin; m < end && examined < 400; ++m, ++examined) {
        const Mention& men = doc.mentions[m];
        if (men.possessive && fits(men)) return men.entity;
      }
    } else {
      examined = std::min(400, examined + (end - begin));
    }
    end = begin;
    ++sentences;
  }
  return -1;
}

// AntecedentAmong() the mentions before token `at`.
int Antecedent(const Document& doc, int at, Gender gender, bool strong_only,
               int max_sentences, bool full_names) {
  return AntecedentAmong(doc, MentionsBefore(doc, at), gender, strong_only,
                         max_sentences, full_names);
}

}  // namespace

int FindAntecedent(const Document& doc, int at, Gender gender,
                   bool strong_only) {
  return FindAntecedentAmong(doc, MentionsBefore(doc, at), gender,
                             strong_only);
}

int FindAntecedentAmong(const Document& doc, int mentions_before,
                        Gender gender, bool strong_only) {
  if (gender != Gender::kMale && gender != Gender::kFemale) return -1;
  return AntecedentAmong(doc, mentions_before, gender, strong_only,
                         /*max_sentences=*/12, /*full_names=*/false);
}

int NearestPerson(const Document& doc, int at, Gender gender,
                  int max_sentences) {
  return Antecedent(doc, at, gender, /*strong_only=*/false, max_sentences,
                    /*full_names=*/true);
}

int ResolveOrganizationPronoun(const Document& doc, int at) {
  if (at <= 0 || at >= static_cast<int>(doc.tokens.size())) return -1;
  const Token& pron = doc.tokens[at];
  auto it = std::lower_bound(
      doc.mentions.begin(), doc.mentions.end(), at,
      [](const Mention& m, int v) { return m.last_token < v; });
  for (int steps = 0; it != doc.mentions.begin() && steps < 30; ++steps) {
    --it;
    const Token& t = doc.tokens[it->last_token];
    if (t.para + 1 < pron.para || t.sentence + 3 < pron.sentence) break;
    if (doc.entities[it->entity].kind == SpeakerKind::kOrganization) {
      return it->entity;
    }
  }
  return -1;
}

namespace {

// The subject of the sentence before token `at`, or of its own sentence when
// a name opens it: its first mention, when that is a person, or a name of
// two or more words of no known kind ("L'administratrice, Laurence Aubert,
// dispose de six mois. Elle s'est montrée prudente"), of compatible
// gender. -1 when the sentence names no such subject first.
int RecentSubject(const Document& doc, int at, Gender gender) {
  if (at <= 0 || at >= static_cast<int>(doc.tokens.size())) return -1;
  auto end = std::lower_bound(
      doc.mentions.begin(), doc.mentions.end(), at,
      [](const Mention& m, int v) { return m.last_token < v; });
  if (end == doc.mentions.begin()) return -1;
  const int sent = doc.tokens[(end - 1)->last_token].sentence;
  if (sent + 1 < doc.tokens[at].sentence) return -1;
  auto first = end - 1;
  while (first != doc.mentions.begin() &&
         doc.tokens[(first - 1)->last_token].sentence == sent) {
    --first;
  }
  if (first->possessive || first->entity < 0) return -1;
  const Entity& e = doc.entities[first->entity];
  const bool person = IsPersonLike(e) || (e.name_tokens >= 2 &&
                                          e.kind == SpeakerKind::kUnknown);
  if (!person || !Compatible(e, gender)) return -1;
  return first->entity;
}

}  // namespace

int ResolvePronoun(const Document& doc, int at, Gender gender) {
  if (gender != Gender::kMale && gender != Gender::kFemale) return -1;
  const int subject = RecentSubject(doc, at, gender);
  if (subject >= 0) return subject;
  const int e = Antecedent(doc, at, gender, /*strong_only=*/false,
                           /*max_sentences=*/12, /*full_names=*/false);
  if (e >= 0) return e;
  // "„…”, zegt ze. Karin Hendriks heeft een winkel": when no known person
  // fits before, the person of that gender whose full name opens the next
  // sentence.
  const std::vector<Token>& toks = doc.tokens;
  auto it = std::lower_bound(
      doc.mentions.begin(), doc.mentions.end(), at,
      [](const Mention& m, int v) { return m.first_token <= v; });
  for (; it != doc.mentions.end() &&
         toks[it->first_token].sentence <= toks[at].sentence + 1;
       ++it) {
    if (toks[it->first_token].sentence <= toks[at].sentence) continue;
    const Entity& ent = doc.entities[it->entity];
    if (toks[it->first_token].sent_start && it->name_first < it->last_token &&
        ent.kind == SpeakerKind::kPerson && ent.strong == gender) {
      return it->entity;
    }
    break;
  }
  // When no known person fits, one named with first name and surname
  // ("Maren Thiel") with no title or known first name.
  return Antecedent(doc, at, gender, /*strong_only=*/false,
                    /*max_sentences=*/12, /*full_names=*/true);
}

namespace {

// Gender compatibility classes of a description: male, female, any.
int GenderClass(Gender g) {
  return g == Gender::kMale ? 0 : g == Gender::kFemale ? 1 : 2;
}

}  // namespace

// Built once per document, so that each resolution costs a few lookups
// instead of a pass over every entity and mention.
struct ResolverIndex {
  // ResolveDescription.
  bool descriptions_built = false;
  // The person-like entity with an age, most mentioned first.
  absl::flat_hash_map<int, int> by_age;
  // The role words written with the people of the article (a few dozen):
  // each with the entities (ascending) it is written with, found by the
  // word's id (Token::word_id) and scanned in full by a description.
  static constexpr int kClassUnknown = -1;
  struct RoleWord {
    std::string_view word;
    std::string_view bare;  // without an elided article (StripElision)
    int role_class = kClassUnknown;  // RoleClassOf, when first asked
    std::vector<int> entities;
  };
  std::vector<RoleWord> roles;  // the first num_roles are this article's
  size_t num_roles = 0;
  std::vector<int32_t> role_of_word;  // by word id: index into roles, or -1
  // Entities with a mention followed within its sentence by a preposition
  // and the word ("John Doe, a spokesman for the mayor": "mayor"): the
  // word's id (Token::word_id), the entity and the word's token, in the
  // order found (a few dozen per article: scanned, not hashed).
  // Built with places_of when first needed (related_built).
  struct Related {
    int32_t word;
    int32_t entity;
    int32_t token;
  };
  bool related_built = false;
  std::vector<Related> related;
  // The words written with each entity (roles and related inverted;
  // built by the first description with modifiers, words_built), and the
  // capitalised words after a preposition right after its name or
  // appositive ("Sen. Paul Kessing of Nebraska": "nebraska"): the article's
  // attributes of the entity, matched against a description's modifiers.
  bool words_built = false;
  absl::flat_hash_map<int, std::vector<std::string_view>> words_of;
  absl::flat_hash_map<int, std::vector<std::string_view>> places_of;
  // Languages without articles: the organisation a person's role noun is
  // written with as its genitive complement ("Главный тренер «Факела»
  // Дмитрий Зуев", "Trener Pogoni Łukasz Nowicki"), lower-case.
  absl::flat_hash_map<int, std::vector<std::string_view>> complements_of;
  // Person-like entities of each gender class, most mentions first (then
  // in entity order): built by the first description that falls back to
  // the most mentioned person (ranked_built).
  bool ranked_built = false;
  std::vector<int> ranked[3];
  // DescribedPerson's answer for each mention (by index into
  // Document::mentions; kNotResolved until asked): the candidates of every
  // quote near a mention ask it again.
  static constexpr int32_t kNotResolved = -2;
  std::vector<int32_t> described_person;

  // LastMentionBefore and EntityByLastWord.
  bool mentions_built = false;
  std::vector<std::vector<int>> entity_mentions;  // ascending, by entity
  size_t entity_mentions_used = 0;  // the lists of this document
  // The most mentioned entity (the first of equals) of each word ending a
  // mention, by word id (Token::word_id; -1: none), and by text for a
  // mention ending in a token without one.
  std::vector<int32_t> by_last_word;
  absl::flat_hash_map<std::string_view, int> by_last_other;

  // The lists of the description maps of earlier documents, empty with
  // their capacity kept: an article's index then allocates only for lists
  // longer than any before (Document::Reset keeps the index).
  std::vector<std::vector<std::string_view>> spare_words;
};

namespace {

// The list of `key` in `map`, a spare one when the key is new.
template <typename Map, typename List>
List& ListOf(Map* map, typename Map::key_type key, std::vector<List>* spare) {
  auto [it, added] = map->try_emplace(key);
  if (added && !spare->empty()) {
    it->second = std::move(spare->back());
    spare->pop_back();
  }
  return it->second;
}

// Empties `map` into `spare`. The map itself starts anew, so that its
// iteration order is that of a fresh map.
template <typename Map, typename List>
void Recycle(Map* map, std::vector<List>* spare) {
  for (auto& entry : *map) {
    entry.second.clear();
    spare->push_back(std::move(entry.second));
  }
  *map = Map();
}

}  // namespace

void ClearResolverIndex(ResolverIndex* index) {
  ResolverIndex& x = *index;
  x.descriptions_built = false;
  x.words_built = false;
  x.related_built = false;
  x.described_person.clear();
  x.by_age = {};
  // The role words keep their lists' capacity for the next article.
  for (size_t r = 0; r < x.num_roles; ++r) x.roles[r].entities.clear();
  x.num_roles = 0;
  x.related.clear();
  Recycle(&x.words_of, &x.spare_words);
  Recycle(&x.places_of, &x.spare_words);
  Recycle(&x.complements_of, &x.spare_words);
  x.ranked_built = false;
  for (std::vector<int>& ranked : x.ranked) ranked.clear();
  x.mentions_built = false;
  // The lists keep their capacity for the next article (MentionIndex only
  // grows the vector of them); the map is only looked up.
  for (size_t e = 0; e < x.entity_mentions_used; ++e) {
    x.entity_mentions[e].clear();
  }
  x.entity_mentions_used = 0;
  x.by_last_word.clear();
  x.by_last_other.clear();
}

namespace {

ResolverIndex& IndexOf(const Document& doc) {
  if (doc.resolver_index == nullptr) {
    doc.resolver_index = std::make_shared<ResolverIndex>();
  }
  return *doc.resolver_index;
}

// The head nouns of the noun phrase a name is the apposition of (Romance
// word order; English "His attorney, Michael Durante"), up to
// eight words before it: the word after each determiner of the phrase
// and its complements ("La présidente de la région, Sylvie Perrin", "il capogruppo dell'opposizione Davide
// Ruggeri", "O presidente da câmara, Rui Fontes"), past one comma right
// before the name. `add_word(k, entity)` records token k.
template <typename AddWord>
void AddRoleNounsOfNounPhraseBefore(const Document& doc, const Mention& m,
                                    AddWord add_word) {
  int k = m.name_first - 1;
  if (k >= 0 && doc.tokens[k].lower == ",") --k;
  const int sent = doc.tokens[m.name_first].sentence;
  for (int words = 0; k >= 0 && words < 8; --k, ++words) {
    const Token& t = doc.tokens[k];
    if (t.kind != TokKind::kWord || t.sentence != sent) break;
    // Another person's name ends the phrase; a place or body in it does
    // not ("de Mobilidade", "de Vénissieux"), nor one the name's own
    // mention took in ("al exalcalde de Torrebaja Francisco Muñoz").
    const int other = MentionAtToken(doc, k);
    if (other >= 0 && doc.mentions[other].entity != m.entity &&
        IsPersonLike(doc.entities[doc.mentions[other].entity])) {
      break;
    }
    // "The board's chairman, Robert Venn": the noun after a possessive.
    if (t.possessive) {
      if (k + 1 < m.name_first) add_word(k + 1, m.entity);
      break;
    }
    // The capitalised complement of a preposition ("la concejala de
    // Urbanismo", "la directrice de l'ARS"): the body the role is of.
    if (t.cap && k > 0 &&
        ((doc.tokens[k - 1].classes & kPrep) ||
         (k > 1 && (doc.tokens[k - 1].classes & kDet) &&
          (doc.tokens[k - 2].classes & kPrep)))) {
      add_word(k, m.entity);
    }
    if (!(t.classes & kDet)) continue;
    if (k + 1 < m.name_first) add_word(k + 1, m.entity);
    // The noun after the adjectives of the determiner ("Son nouvel
    // entraîneur, Laurent Gauthier").
    for (int j = k + 2; j < m.name_first && j <= k + 3; ++j) {
      const Token& w = doc.tokens[j];
      if (w.kind != TokKind::kWord || w.cap || (w.classes & kPrep)) break;
      add_word(j, m.entity);
    }
    // Past a determiner only into the phrase it is the complement of
    // ("de la région"), never into the clause before ("considerou a").
    if (k == 0 || !(doc.tokens[k - 1].classes & kPrep)) break;
  }
}

// The lower-case name in quotation marks of token k ("«Факела»"): one or
// two words starting with a capital, "" otherwise.
std::string_view QuotedName(const Document& doc, int k) {
  const Token& t = doc.tokens[k];
  if (t.kind != TokKind::kQuote || t.quote < 0) return {};
  const Span c = doc.raw_quotes[t.quote].content;
  if (c.empty() || c.size() > 40) return {};
  std::string_view lower(doc.lower_text.data() + c.start, c.size());
  if (std::count(lower.begin(), lower.end(), ' ') > 1) return {};
  if (doc.text.substr(c.start, c.size()) == lower) return {};  // no capital
  return lower;
}

// The genitive complement of a role noun at token k in a language without
// articles: a name in quotation marks or a capitalised word right after it
// that is no person's name ("тренер «Зенита»", "trener Górnika"); "" when
// none.
std::string_view ComplementAfter(const Document& doc, int k) {
  const int next = k + 1;
  if (next >= static_cast<int>(doc.tokens.size()) ||
      doc.tokens[next].sentence != doc.tokens[k].sentence) {
    return {};
  }
  const Token& t = doc.tokens[next];
  if (t.kind == TokKind::kQuote) return QuotedName(doc, next);
  if (t.kind != TokKind::kWord || !t.cap || t.lower.size() < 3) return {};
  // A person's name (one named in full), not the words before it that
  // its mention takes in.
  const int other = MentionAtToken(doc, next);
  if (other >= 0 && doc.mentions[other].name_first <= next) {
    const Entity& ent = doc.entities[doc.mentions[other].entity];
    if (IsPersonLike(ent) && ent.name_tokens >= 2) return {};
  }
  return t.lower;
}

// Two complements name the same organisation: equal or forms of one stem.
bool SameComplement(std::string_view a, std::string_view b) {
  return a == b || SameRole(a, b);
}

// "Thomas Rivière a signé mercredi. L'ailier de 24 ans arrive de Rennes.":
// a sentence opening with an article and a role noun no one is written
// with takes up the subject of the sentence before it in its paragraph (its
// first mention, a person), whose role the noun becomes.
template <typename AddWord>
void AddRolesOfOpeningDescriptions(const Lexicon& lex, const Document& doc,
                                   AddWord add_word,
                                   const ResolverIndex* index) {
  if (!HasArticles(lex, doc)) return;
  const int tokens = static_cast<int>(doc.tokens.size());
  // The determiner opens its sentence: the first tokens of the sentences
  // (Tokenize marks exactly those sent_start), not every token, are tried.
  for (const int32_t k : doc.sentence_first) {
    if (k < 1) continue;
    if (k + 2 >= tokens) break;
    const Token& det = doc.tokens[k];
    const Token& head = doc.tokens[k + 1];
    if (!det.sent_start || det.kind != TokKind::kWord ||
        !(det.classes & kDet) || (det.classes & kPrep) ||
        head.kind != TokKind::kWord || head.cap || !(head.classes & kRole) ||
        head.sentence != det.sentence || MentionAtToken(doc, k + 2) >= 0 ||
        index->role_of_word[head.word_id] >= 0) {
      continue;
    }
    // The previous sentence's first mention, in the same paragraph.
    auto m = std::lower_bound(
        doc.mentions.begin(), doc.mentions.end(), k,
        [](const Mention& x, int v) { return x.first_token < v; });
    if (m == doc.mentions.begin()) continue;
    const int prev = det.sentence - 1;
    while (m != doc.mentions.begin() &&
           doc.tokens[(m - 1)->first_token].sentence >= prev) {
      --m;
    }
    if (m == doc.mentions.end() ||
        doc.tokens[m->first_token].sentence != prev ||
        doc.tokens[m->first_token].para != det.para || m->entity < 0 ||
        m->possessive) {
      continue;
    }
    const Entity& e = doc.entities[m->entity];
    if (!IsPersonLike(e) &&
        !(e.kind == SpeakerKind::kUnknown && e.name_tokens >= 2)) {
      continue;
    }
    add_word(k + 1, m->entity);
  }
}

void BuildDescriptionIndex(const Lexicon& lex, const Document& doc,
                           ResolverIndex* index) {
  index->descriptions_built = true;
  const int n = static_cast<int>(doc.entities.size());
  auto more_mentioned = [&](int a, int b) {
    return doc.entities[a].mentions > doc.entities[b].mentions;
  };
  index->role_of_word.assign(doc.words.size(), -1);
  // The entities written with role word `lower` (of word id `id`).
  auto role_list = [&](std::string_view lower,
                       int32_t id) -> std::vector<int>& {
    int32_t slot = -1;
    if (id >= 0) {
      slot = index->role_of_word[id];
    } else {  // no word of the document (not expected): by text
      for (size_t r = 0; r < index->num_roles && slot < 0; ++r) {
        if (index->roles[r].word == lower) slot = static_cast<int32_t>(r);
      }
    }
    if (slot < 0) {
      slot = static_cast<int32_t>(index->num_roles++);
      if (index->roles.size() < index->num_roles) index->roles.emplace_back();
      ResolverIndex::RoleWord& role = index->roles[slot];
      role.word = lower;
      role.bare = StripElision(lower);
      role.role_class = ResolverIndex::kClassUnknown;
      if (id >= 0) index->role_of_word[id] = slot;
    }
    return index->roles[slot].entities;
  };
  for (int e = 0; e < n; ++e) {
    const Entity& ent = doc.entities[e];
    for (const std::string& role : ent.roles) {
      role_list(role, doc.words.Find(role)).push_back(e);
    }
    if (!IsPersonLike(ent)) continue;
    if (ent.age != 0) {
      auto [it, added] = index->by_age.try_emplace(ent.age, e);
      if (!added && more_mentioned(e, it->second)) it->second = e;
    }
  }
  const int tokens = static_cast<int>(doc.tokens.size());
  // The words written with each person's name: before it in its sentence
  // ("Trainer Uwe Sommerfeld", "l'élue Anne Roy", "ředitel školy Jan Dvořák")
  // and in an appositive after it ("Jan Dvořák, ředitel školy,").
  // Returns false at a word that ends the run of role words.
  auto add_word = [&](int k, int e) {
    const Token& t = doc.tokens[k];
    if (t.kind != TokKind::kWord || (t.classes & kNotRole)) return false;
    if (t.lower.size() < 3) return true;
    std::vector<int>& list = role_list(t.lower, t.word_id);
    if (std::find(list.begin(), list.end(), e) == list.end()) list.push_back(e);
    return true;
  };
  // French, Spanish, Italian and Portuguese put the role phrase before an
  // apposed name.
  const bool romance = lex.Has(doc.lang, Lexicon::Trait::kRoleBeforeName);
  // Others when a comma sets the name off ("His attorney, Michael Durante,
  // said").
  const bool role_before_comma =
      lex.Has(doc.lang, Lexicon::Trait::kRoleBeforeCommaName);
  const bool no_articles = !HasArticles(lex, doc);
  int previous_last = -1;
  for (const Mention& m : doc.mentions) {
    const int e = m.entity;
    if (m.kind == MentionKind::kName && e >= 0 &&
        IsPersonLike(doc.entities[e])) {
      const int sent = doc.tokens[m.name_first].sentence;
      // Words before a name: only of people named in full ("am 9. März").
      // Without articles, past the quoted complement of a role noun
      // ("Главный тренер «Факела» Дмитрий Зуев"), which is not counted.
      for (int k = m.name_first - 1, words = 0;
           doc.entities[e].name_tokens >= 2 && k > previous_last &&
           words < 3 && doc.tokens[k].sentence == sent;
           --k) {
        if (no_articles && k > 0 && k - 1 > previous_last &&
            doc.tokens[k - 1].kind == TokKind::kWord) {
          const std::string_view quoted = QuotedName(doc, k);
          if (!quoted.empty()) {
            ListOf(&index->complements_of, e, &index->spare_words)
                .push_back(quoted);
            continue;
          }
        }
        if (!add_word(k, e)) break;
        ++words;
        if (no_articles && k + 1 < m.name_first) {
          std::string_view c = ComplementAfter(doc, k);
          if (!c.empty() && c != doc.tokens[k].lower &&
              doc.tokens[k + 1].kind == TokKind::kWord) {
            ListOf(&index->complements_of, e, &index->spare_words)
                .push_back(c);
          }
        }
      }
      if (romance || (role_before_comma && m.name_first > 0 &&
                      doc.tokens[m.name_first - 1].lower == ",")) {
        AddRoleNounsOfNounPhraseBefore(doc, m, add_word);
      }
      int k = m.last_token + 1;
      // A parenthesis after the name: "Sen. Tom Wells (D-Texas)".
      if (k < tokens && doc.tokens[k].lower == "(") {
        for (int j = k + 1; j < tokens && j <= k + 4 &&
                            doc.tokens[j].lower != ")" &&
                            doc.tokens[j].sentence == sent;
             ++j) {
          add_word(j, e);
        }
      }
      if (k < tokens && doc.tokens[k].lower == "," &&
          !SubjectAfterComma(doc, k)) {
        ++k;
        if (k < tokens && (doc.tokens[k].classes & (kDet | kIndef))) ++k;
        for (; k < tokens && k <= m.last_token + 5 && add_word(k, e); ++k) {
        }
      }
    }
    previous_last = m.last_token;
  }
  AddRolesOfOpeningDescriptions(lex, doc, add_word, index);
}

// ResolverIndex::ranked of `gender`'s class, built on the first call: the
// person-like entities sorted once (any gender: class 2), then those of
// each gender in that order.
const std::vector<int>& RankedPersons(const Document& doc,
                                      ResolverIndex* index, Gender gender) {
  if (!index->ranked_built) {
    index->ranked_built = true;
    std::vector<int>& any = index->ranked[GenderClass(Gender::kUnknown)];
    for (int e = 0; e < static_cast<int>(doc.entities.size()); ++e) {
      if (IsPersonLike(doc.entities[e])) any.push_back(e);
    }
    std::stable_sort(any.begin(), any.end(), [&](int a, int b) {
      return doc.entities[a].mentions > doc.entities[b].mentions;
    });
    for (Gender g : {Gender::kMale, Gender::kFemale}) {
      for (int e : any) {
        if (Compatible(doc.entities[e], g)) {
          index->ranked[GenderClass(g)].push_back(e);
        }
      }
    }
  }
  return index->ranked[GenderClass(gender)];
}

// An entity a description may stand for: a person, or a full name of no
// known kind when a role is written with it
// (AddRolesOfOpeningDescriptions).
bool MayBeDescribed(const Entity& e) {
  return IsPersonLike(e) ||
         (e.kind == SpeakerKind::kUnknown && e.name_tokens >= 2);
}

// ResolverIndex::related and places_of, from the words after each mention
// of an entity a description may stand for (no other's are asked).
void BuildRelated(const Document& doc, ResolverIndex* index) {
  index->related_built = true;
  const int tokens = static_cast<int>(doc.tokens.size());
  for (const Mention& m : doc.mentions) {
    if (!MayBeDescribed(doc.entities[m.entity])) continue;
    const int sent = doc.tokens[m.last_token].sentence;
    const int end = std::min<int>(m.last_token + 9, tokens - 1);
    for (int k = m.last_token + 1; k < end; ++k) {
      if (doc.tokens[k].sentence != sent) break;
      // "Pilar Sanz, y la concejala de Urbanismo": a coordinated person's
      // words are not the name's.
      if ((doc.tokens[k].classes & kCoord) &&
          !(doc.tokens[k].classes & kPrep)) {
        break;
      }
      if (!(doc.tokens[k].classes & kPrep)) continue;
      int w = k + 1;
      if (doc.tokens[w].classes & (kDet | kIndef)) ++w;
      if (w < tokens) {
        index->related.push_back({doc.tokens[w].word_id, m.entity, w});
      }
      if (w == k + 1 && w < tokens && doc.tokens[w].cap &&
          doc.tokens[w].kind == TokKind::kWord &&
          IsPersonLike(doc.entities[m.entity])) {
        const int other = MentionAtToken(doc, w);
        if (other < 0 ||
            !IsPersonLike(doc.entities[doc.mentions[other].entity])) {
          ListOf(&index->places_of, m.entity, &index->spare_words)
              .push_back(doc.tokens[w].lower);
        }
      }
    }
  }
}

// ResolverIndex::words_of, from the description index and `related`.
void BuildWordsOf(const Document& doc, ResolverIndex* index) {
  index->words_built = true;
  if (!index->related_built) BuildRelated(doc, index);
  for (size_t r = 0; r < index->num_roles; ++r) {
    const ResolverIndex::RoleWord& role = index->roles[r];
    for (int e : role.entities) {
      ListOf(&index->words_of, e, &index->spare_words).push_back(role.word);
    }
  }
  // (The order of each entity's words does not matter: ModifierMatches
  // asks whether any of them matches.)
  for (const ResolverIndex::Related& r : index->related) {
    ListOf(&index->words_of, r.entity, &index->spare_words)
        .push_back(doc.tokens[r.token].lower);
  }
}

// True when `word` ends in a demonym's ending (endings.tsv `demonym`) after
// at least one letter.
bool DemonymEnding(const Lexicon& lex, std::string_view word) {
  for (const std::string& end : lex.Endings(Lexicon::Ending::kDemonym)) {
    if (word.size() > end.size() &&
        word.compare(word.size() - end.size(), end.size(), end) == 0) {
      return true;
    }
  }
  return false;
}

// True when `word` names a person from `place` ("nebraskan" and "nebraska",
// "texan" and "texas", "floridian" and "florida", "brooklynite" and
// "brooklyn"): the place's letters but its last, and a short ending
// (endings.tsv `demonym`).
bool Demonym(const Lexicon& lex, std::string_view word,
             std::string_view place) {
  if (place.size() < 4 || word.size() < place.size() ||
      word.size() > place.size() + 4) {
    return false;
  }
  if (CommonPrefix(word, place) + 1 < place.size()) return false;
  return DemonymEnding(lex, word);
}

// How many of the description's modifiers ("former", "florida" of "the
// former Florida governor"; "democratic", "ohio" of "the Democratic senator
// from Ohio") the article writes with entity `e`.
int ModifierMatches(const Lexicon& lex, const ResolverIndex& index, int e,
                    const std::vector<std::string>& modifiers) {
  if (modifiers.empty()) return 0;
  static const std::vector<std::string_view> kNone;
  auto words = index.words_of.find(e);
  auto places = index.places_of.find(e);
  const std::vector<std::string_view>& w =
      words == index.words_of.end() ? kNone : words->second;
  const std::vector<std::string_view>& p =
      places == index.places_of.end() ? kNone : places->second;
  int n = 0;
  for (const std::string& m : modifiers) {
    bool hit = false;
    for (std::string_view x : w) {
      hit = SameRole(m, x) || Demonym(lex, m, x) || Demonym(lex, x, m);
      if (hit) break;
    }
    for (size_t i = 0; !hit && i < p.size(); ++i) {
      hit = m == p[i] || Demonym(lex, m, p[i]);
    }
    n += hit;
  }
  return n;
}

// A common noun taken for a name, without gender evidence ("hatte
// Freispruch gefordert": German capitalises every noun), is described by
// no description.
bool CommonNounEntity(const Lexicon& lex, const Document& doc, int e) {
  const Entity& ent = doc.entities[e];
  return ent.strong == Gender::kUnknown &&
         IsCommonWordName(lex, doc, ent.name, ent.name);
}

// The person of compatible gender named last before token `at` (the
// subject first within its sentence) in the sentence of `at` or the one
// before it, in the same paragraph; the agency named in the description's
// own sentence ("«…», disse à Lusa o jogador") is passed over. -1 when
// none.
int RecentPerson(const Document& doc, int at, Gender gender,
                 std::string_view head) {
  if (at <= 0 || at >= static_cast<int>(doc.tokens.size())) return -1;
  const int e = NearestPerson(doc, at, gender, /*max_sentences=*/2);
  if (e < 0 || !IsPersonLike(doc.entities[e])) return -1;
  const int last = LastMentionBefore(doc, e, at);
  if (last < 0) return -1;
  const Token& here = doc.tokens[at];
  const Token& there = doc.tokens[last];
  if (there.para != here.para) return -1;
  if (there.sentence + 1 >= here.sentence) return e;
  // "W roli głównej wystąpił Tadeusz Rybicki. Aktor przez trzy miesiące
  // pływał … „…” – wspomina aktor.": the sentence between opens with the
  // same role noun, about the same person.
  if (there.sentence + 2 != here.sentence) return -1;
  int k = at;
  while (k > last && doc.tokens[k].sentence >= here.sentence) --k;
  while (k > last && !doc.tokens[k].sent_start) --k;
  if (k <= last || doc.tokens[k].kind != TokKind::kWord ||
      !SameRole(head, doc.tokens[k].lower)) {
    return -1;
  }
  return e;
}

// In a language without articles, an entity never named with more than
// one word: after a role noun it may be an organisation in the genitive
// ("Kapitán Komety", whose title even gives it a gender) rather than a
// person, whom news names in full.
bool WeakName(const Lexicon& lex, const Document& doc, int e) {
  return doc.entities[e].name_tokens == 1 && !HasArticles(lex, doc);
}

// The genitive complement after the head noun `head` of a description
// starting at token `at`, in a language without articles ("тренер
// «Зенита»", "trener Górnika"); "" when none.
std::string_view DescriptionComplement(const Lexicon& lex, const Document& doc,
                                       int at, std::string_view head) {
  if (at < 0 || HasArticles(lex, doc)) return {};
  const int tokens = static_cast<int>(doc.tokens.size());
  for (int k = at; k < tokens && k <= at + 3; ++k) {
    if (doc.tokens[k].sentence != doc.tokens[at].sentence) break;
    if (doc.tokens[k].kind == TokKind::kWord && doc.tokens[k].lower == head) {
      return ComplementAfter(doc, k);
    }
  }
  return {};
}

// The token after the sentence of token `at`; 0 when `at` is no token.
int EndOfSentence(const Document& doc, int at) {
  const int tokens = static_cast<int>(doc.tokens.size());
  if (at <= 0 || at >= tokens) return 0;
  int k = at;
  while (k < tokens && doc.tokens[k].sentence == doc.tokens[at].sentence) ++k;
  return k;
}

int DescribedEntity(const Lexicon& lex, const Document& doc,
                    ResolverIndex& index, int at,
                    const std::string& head, int age, Gender gender,
                    const std::vector<std::string>& modifiers) {
  if (age > 0) {
    auto it = index.by_age.find(age);
    if (it != index.by_age.end()) return it->second;
  }
  // The person described by a word of the same role, the one mentioned
  // last before `at` ("the chief" after "Police Chief Ann Lee" and "her
  // deputy Tom Ray"), else the most mentioned.
  // Failing that, by a word of the same role class ("l'élue" after "la
  // maire Anne Roy", "il tecnico" after "l'allenatore Marco Neri").
  // Its role class, for the second pass only.
  int role_class = 0;
  const std::string_view bare_head = StripElision(head);
  // The same role wins over the same class unless a person of the class
  // matches more of the modifiers ("the former Vermont governor" after
  // "Former Vermont Gov. Alan Brisco" and "Moyle, the current governor").
  // "тренер «Зенита»" describes no coach written with another club
  // ("Главный тренер «Спартака» Игорь Мельников").
  const std::string_view complement = DescriptionComplement(lex, doc, at, head);
  auto other_complement = [&](int e) {
    if (complement.empty()) return false;
    auto it = index.complements_of.find(e);
    if (it == index.complements_of.end()) return false;
    for (std::string_view c : it->second) {
      if (SameComplement(c, complement)) return false;
    }
    return true;
  };
  int same_role = -1;
  int same_role_matches = 0;
  for (int pass = 0; pass < 2; ++pass) {
    if (pass == 1) {
      role_class = RoleClassOf(lex, doc.lang, head);
      if (role_class == 0) break;
    }
    int best = -1;
    int best_last = -1;
    int best_matches = 0;
    bool best_weak = false;
    for (size_t r = 0; r < index.num_roles; ++r) {
      ResolverIndex::RoleWord& role = index.roles[r];
      if (pass == 1 && role.role_class == ResolverIndex::kClassUnknown) {
        role.role_class = RoleClassOf(lex, doc.lang, role.word);
      }
      if (pass == 0 ? (head != role.word && !SameBareRole(bare_head, role.bare))
                    : role.role_class != role_class) {
        continue;
      }
      for (int e : role.entities) {
        const Entity& ent = doc.entities[e];
        if (!MayBeDescribed(ent) || !Compatible(ent, gender) ||
            CommonNounEntity(lex, doc, e) || other_complement(e)) {
          continue;
        }
        const int last = at > 0 ? LastMentionBefore(doc, e, at) : -1;
        // A description takes up someone already named.
        if (at > 0 && last < 0) continue;
        // A person named in full first: without articles a one-word name
        // after a role noun may be the organisation the role is of
        // ("Kapitán Komety věnoval gól"). Then the one whose
        // attributes match most of the modifiers, then the one mentioned
        // last.
        const bool weak = WeakName(lex, doc, e);
        const int matches = ModifierMatches(lex, index, e, modifiers);
        if (best < 0 || (!weak && best_weak) ||
            (weak == best_weak &&
             (matches > best_matches ||
              (matches == best_matches &&
               (last > best_last ||
                (last == best_last &&
                 (ent.mentions > doc.entities[best].mentions ||
                  // A full tie: the first named, not the hash map's order
                  // (which may differ between runs).
                  (ent.mentions == doc.entities[best].mentions &&
                   e < best)))))))) {
          best = e;
          best_last = last;
          best_matches = matches;
          best_weak = weak;
        }
      }
    }
    if (pass == 0) {
      same_role = best;
      same_role_matches = best_matches;
      if (best >= 0 && modifiers.empty()) return best;
    } else if (best >= 0 &&
               (same_role < 0 || best_matches > same_role_matches)) {
      return best;
    }
  }
  if (same_role >= 0) return same_role;
  // "the Nebraskan" after "Sen. Paul Kessing of Nebraska": a person from
  // the place the head noun names, the one mentioned last (only a head
  // with a demonym's ending names one).
  if (DemonymEnding(lex, head)) {
    if (!index.related_built) BuildRelated(doc, &index);
    int best = -1;
    int best_last = -1;
    for (const auto& [e, places] : index.places_of) {
      const Entity& ent = doc.entities[e];
      if (!Compatible(ent, gender)) continue;
      bool from = false;
      for (std::string_view p : places) from = from || Demonym(lex, head, p);
      if (!from) continue;
      const int last = at > 0 ? LastMentionBefore(doc, e, at) : -1;
      if (at > 0 && last < 0) continue;
      if (best < 0 || last > best_last || (last == best_last && e < best)) {
        best = e;
        best_last = last;
      }
    }
    if (best >= 0) return best;
  }
  if (!(lex.Classes(head) & kRole)) return -1;
  // "John Doe, a spokesman for the mayor, …": a person described in
  // relation to the head noun is not the one it names.
  absl::flat_hash_set<int> related;
  if (!index.related_built) BuildRelated(doc, &index);
  // The head is a role word: if the article writes it, by its word id.
  const int32_t head_id = doc.words.Find(head);
  for (const ResolverIndex::Related& r : index.related) {
    if (head_id >= 0 && r.word == head_id) related.insert(r.entity);
  }
  // No one is known by this role: the person the passage is about, named in
  // the sentence before the description or in its own ("Председатель
  // комитета Олег Смирягин предложил … «…», — отметил депутат"), when the
  // modifiers do not point elsewhere.
  const int recent = RecentPerson(doc, at, gender, head);
  if (recent >= 0 && !related.contains(recent) &&
      !CommonNounEntity(lex, doc, recent) && !other_complement(recent)) {
    return recent;
  }
  // The most mentioned, unless another matches more of the modifiers;
  // one named by the end of the description's sentence first (a
  // description takes up someone already named, not a person the article
  // names more often later), else anyone (a headline's "la sindaca").
  const int named_by = EndOfSentence(doc, at);
  int best = -1;
  int best_matches = 0;
  for (int pass = 0; pass < 2 && best < 0; ++pass) {
    for (int e : RankedPersons(doc, &index, gender)) {
      if (related.contains(e) || CommonNounEntity(lex, doc, e)) continue;
      if (pass == 0 && named_by > 0 &&
          LastMentionBefore(doc, e, named_by) < 0) {
        continue;
      }
      const int matches = ModifierMatches(lex, index, e, modifiers);
      if (best < 0 || matches > best_matches) {
        best = e;
        best_matches = matches;
      }
    }
  }
  return best;
}

}  // namespace

bool IsRoleComplement(const Lexicon& lex, const Document& doc,
                      std::string_view lower) {
  ResolverIndex& index = IndexOf(doc);
  if (!index.descriptions_built) BuildDescriptionIndex(lex, doc, &index);
  for (const auto& [e, complements] : index.complements_of) {
    for (std::string_view c : complements) {
      if (SameComplement(c, lower)) return true;
    }
  }
  return false;
}

int ResolveDescription(const Lexicon& lex, const Document& doc, int at,
                       const std::string& head, int age, Gender gender) {
  return ResolveDescription(lex, doc, at, head, age, gender, {});
}

int ResolveDescription(const Lexicon& lex, const Document& doc, int at,
                       const std::string& head, int age, Gender gender,
                       const std::vector<std::string>& modifiers) {
  ResolverIndex& index = IndexOf(doc);
  if (!index.descriptions_built) BuildDescriptionIndex(lex, doc, &index);
  if (!modifiers.empty() && !index.words_built) BuildWordsOf(doc, &index);
  // A feminine noun ("Anwältin", "l'élue") describes no man.
  const Gender own = lex.RoleNounGender(doc.lang, head);
  if (own != Gender::kUnknown) {
    if (gender == Gender::kMale || gender == Gender::kFemale) {
      if (gender != own) return -1;
    } else {
      gender = own;
    }
  }
  return DescribedEntity(lex, doc, index, at, head, age, gender, modifiers);
}

namespace {

const ResolverIndex& MentionIndex(const Document& doc) {
  ResolverIndex& index = IndexOf(doc);
  if (index.mentions_built) return index;
  index.mentions_built = true;
  if (index.entity_mentions.size() < doc.entities.size()) {
    index.entity_mentions.resize(doc.entities.size());
  }
  index.entity_mentions_used = doc.entities.size();
  index.by_last_word.assign(doc.words.size(), -1);
  for (int i = 0; i < static_cast<int>(doc.mentions.size()); ++i) {
    const Mention& m = doc.mentions[i];
    index.entity_mentions[m.entity].push_back(i);
    const Token& last = doc.tokens[m.last_token];
    if (last.word_id >= 0) {
      int32_t& best = index.by_last_word[last.word_id];
      if (best < 0 ||
          doc.entities[m.entity].mentions > doc.entities[best].mentions) {
        best = m.entity;
      }
      continue;
    }
    auto [it, added] = index.by_last_other.try_emplace(last.lower, m.entity);
    if (!added && doc.entities[m.entity].mentions >
                      doc.entities[it->second].mentions) {
      it->second = m.entity;
    }
  }
  return index;
}

}  // namespace

int LastMentionBefore(const Document& doc, int entity, int before) {
  const std::vector<int>& list = MentionIndex(doc).entity_mentions[entity];
  auto it = std::partition_point(list.begin(), list.end(), [&](int i) {
    return doc.mentions[i].first_token < before;
  });
  return it == list.begin() ? -1 : doc.mentions[*(it - 1)].last_token;
}

int EntityByLastWord(const Document& doc, std::string_view lower) {
  const ResolverIndex& index = MentionIndex(doc);
  const int32_t id = doc.words.Find(lower);
  if (id >= 0 && index.by_last_word[id] >= 0) return index.by_last_word[id];
  auto it = index.by_last_other.find(lower);
  return it == index.by_last_other.end() ? -1 : it->second;
}

namespace {

// True when the lower-cased words `a` and `b` share all their letters but
// the last two of the shorter, and at least three ("mašk", "mašek").
bool SameNameStem(std::string_view a, std::string_view b) {
  size_t common = 0;
  while (common < a.size() && common < b.size() && a[common] == b[common]) {
    ++common;
  }
  // Back to the start of a character.
  while (common > 0 && common < a.size() &&
         (static_cast<unsigned char>(a[common]) & 0xC0) == 0x80) {
    --common;
  }
  auto letters = [](std::string_view w) {
    int n = 0;
    for (char c : w) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return n;
  };
  const int shared = letters(a.substr(0, common));
  return shared >= 3 &&
         shared >= std::min(letters(a), letters(b)) - 2;
}

}  // namespace

void PreferWrittenNominative(const Lexicon& lex, Document* doc) {
  auto split = [](const std::string& name, std::string* first,
                  std::string* last) {
    const size_t a = name.find(' ');
    const size_t b = name.rfind(' ');
    if (a == std::string::npos) return false;
    *first = LowerWord(std::string_view(name).substr(0, a));
    *last = LowerWord(std::string_view(name).substr(b + 1));
    return true;
  };
  std::string first, last, ofirst, olast;
  for (Entity& e : doc->entities) {
    if (!e.derived_name || !split(e.name, &first, &last)) continue;
    const Gender g = lex.FirstNameGender(first);
    const Entity* best = nullptr;
    for (const Entity& o : doc->entities) {
      if (o.derived_name || o.name_tokens != e.name_tokens ||
          o.kind == SpeakerKind::kOrganization ||
          !split(o.name, &ofirst, &olast) ||
          lex.FirstNameGender(ofirst) != g || !SameNameStem(first, ofirst) ||
          !SameNameStem(last, olast)) {
        continue;
      }
      if (best == nullptr || o.mentions > best->mentions) best = &o;
    }
    if (best != nullptr) e.name = best->name;
  }
}

int ResolveOrganization(const Document& doc, int at,
                        std::string_view head_lower) {
  // The mentions of entities that are not persons with a word of their
  // name equal to the head, walked in text order (a few calls per article:
  // no index). A word is compared by its id, a token without one by text.
  const int32_t head_id = doc.words.Find(head_lower);
  auto names_head = [&](const Mention& m) {
    const Entity& e = doc.entities[m.entity];
    if (e.kind == SpeakerKind::kPerson || e.person_evidence) return false;
    for (int t = m.name_first; t <= m.last_token; ++t) {
      const Token& tok = doc.tokens[t];
      if (tok.word_id >= 0 ? tok.word_id == head_id : tok.lower == head_lower) {
        return true;
      }
    }
    return false;
  };
  // Mentions are in text order and do not overlap: the nearest before `at`
  // is the last one ending before it, the nearest after the first one
  // ending at or after it. Distance after `at` counts double; on a tie the
  // earlier mention wins.
  const Mention* before = nullptr;
  const Mention* after = nullptr;
  for (const Mention& m : doc.mentions) {
    if (!names_head(m)) continue;
    if (m.last_token < at) {
      before = &m;
    } else {
      after = &m;
      break;
    }
  }
  int best = -1;
  int best_dist = 0;
  if (before != nullptr) {
    const Mention& m = *before;
    best = m.entity;
    best_dist = at - m.last_token;
  }
  if (after != nullptr) {
    const Mention& m = *after;
    const int dist = 2 * (m.first_token - at);
    if (best < 0 || dist < best_dist) best = m.entity;
  }
  return best;
}

bool HasArticles(const Lexicon& lex, const Document& doc) {
  return !lex.Has(doc.lang, Lexicon::Trait::kNoArticles);
}

Gender VerbGender(const Lexicon& lex, const Document& doc, int verb) {
  if (verb < 0 || verb >= static_cast<int>(doc.tokens.size())) {
    return Gender::kUnknown;
  }
  const Token& t = doc.tokens[verb];
  if (t.kind != TokKind::kWord || !(t.classes & kCueWord)) {
    return Gender::kUnknown;
  }
  // word_order.tsv `verbgender`; a plural ending gives no person's gender.
  const Gender g = lex.VerbGender(doc.lang, t.lower);
  return g == Gender::kPlural ? Gender::kUnknown : g;
}

Gender DescriptionGender(const Lexicon& lex, const Document& doc, int first,
                         int head) {
  Gender g = Gender::kUnknown;
  // A title of the article's language: German "Manager" is male, Italian
  // "la manager" a woman.
  if ((doc.tokens[head].classes & kTitle) &&
      lex.TitleIn(doc.language, doc.tokens[head].lower, &g) &&
      (g == Gender::kMale || g == Gender::kFemale)) {
    return g;
  }
  // The noun's ending before the article: "der Anwältin" is a genitive.
  g = lex.RoleNounGender(doc.lang, doc.tokens[head].lower);
  if (g != Gender::kUnknown) return g;
  if (first < head) {
    g = lex.ArticleGender(doc.lang, doc.tokens[first].lower);
    if (g != Gender::kUnknown) return g;
  }
  // The reporting verb before or after the description.
  g = VerbGender(lex, doc, first - 1);
  if (g == Gender::kUnknown) g = VerbGender(lex, doc, head + 1);
  return g;
}

int DescribedPerson(const Lexicon& lex, const Document& doc,
                    const Mention& m) {
  if (m.kind != MentionKind::kName || m.entity < 0 ||
      m.name_first != m.last_token || m.name_first == 0) {
    return -1;
  }
  const int det = m.name_first - 1;
  const Token& d = doc.tokens[det];
  if (d.kind != TokKind::kWord || !(d.classes & kDet) || (d.classes & kPrep) ||
      d.sentence != doc.tokens[m.name_first].sentence) {
    return -1;
  }
  const Entity& e = doc.entities[m.entity];
  if (e.name_tokens != 1 || e.kind == SpeakerKind::kOrganization) return -1;
  // Resolved once per mention of the document.
  int32_t* cached = nullptr;
  const Mention* const mentions = doc.mentions.data();
  if (&m >= mentions && &m < mentions + doc.mentions.size()) {
    const size_t at = static_cast<size_t>(&m - mentions);
    std::vector<int32_t>& described = IndexOf(doc).described_person;
    if (described.empty()) {
      described.assign(doc.mentions.size(), ResolverIndex::kNotResolved);
    }
    cached = &described[at];
    if (*cached != ResolverIndex::kNotResolved) return *cached;
  }
  // Only a word of a person's role: "the Kremlin" describes nobody.
  const Token& head = doc.tokens[m.name_first];
  const Gender gender = DescriptionGender(lex, doc, det, m.name_first);
  int r = ResolveDescription(lex, doc, det, std::string(head.lower), 0, gender);
  if (r < 0 && (head.classes & (kRole | kTitle))) {
    r = NearestPerson(doc, det, gender, /*max_sentences=*/4);
  }
  if (r == m.entity) r = -1;
  if (cached != nullptr) *cached = r;
  return r;
}

std::vector<std::string> DescriptionModifiers(const Document& doc, int first,
                                              int head) {
  std::vector<std::string> out;
  const int tokens = static_cast<int>(doc.tokens.size());
  if (head < 0 || head >= tokens) return out;
  auto add = [&](int k) {
    const Token& t = doc.tokens[k];
    if (t.kind == TokKind::kWord && !(t.classes & kNotRole) &&
        t.lower.size() >= 3 &&
        !(t.lower[0] >= '0' && t.lower[0] <= '9')) {
      out.emplace_back(t.lower);
    }
  };
  for (int k = std::max(first, 0); k < head; ++k) add(k);
  // "the senator from Ohio", "the mayor of Oakdale".
  int k = head + 1;
  if (k + 1 < tokens && doc.tokens[k].kind == TokKind::kWord &&
      (doc.tokens[k].classes & kPrep) &&
      doc.tokens[k].sentence == doc.tokens[head].sentence) {
    ++k;
    if (k + 1 < tokens && (doc.tokens[k].classes & kDet)) ++k;
    if (doc.tokens[k].sentence == doc.tokens[head].sentence) add(k);
  }
  return out;
}

namespace {

// The entity of the person named right after the comma at token `comma`,
// also past a second appositive set off by commas ("der Vorsitzende der
// Gewerkschaft X, Nachfolgerin der Y, Anna Berg, sagte"): -1 when none.
int AppositivePersonAfterComma(const Lexicon& lex, const Document& doc,
                               int head, int comma) {
  const auto& toks = doc.tokens;
  const int tokens = static_cast<int>(toks.size());
  const auto person_at = [&](int k) {
    auto m = std::lower_bound(
        doc.mentions.begin(), doc.mentions.end(), k,
        [](const Mention& x, int v) { return x.first_token < v; });
    if (m != doc.mentions.end() && m->first_token == k && m->entity >= 0 &&
        doc.entities[m->entity].kind != SpeakerKind::kOrganization) {
      return m->entity;
    }
    return -1;
  };
  const int direct = person_at(comma + 1);
  if (direct >= 0) return direct;
  // A second appositive right after the description: a few words, no
  // verb of speaking or participle ("the report said, referring to …"), no
  // clause opener, then a comma and a person's name closed by a comma.
  for (int k = head + 1; k < comma; ++k) {
    if (toks[k].classes & kCueWord) return -1;
  }
  const int sentence = toks[comma].sentence;
  for (int k = comma + 1; k < tokens && k <= comma + 7; ++k) {
    const Token& t = toks[k];
    if (t.sentence != sentence) return -1;
    if (t.lower == ",") {
      if (k == comma + 1) return -1;
      const int e = person_at(k + 1);
      if (e < 0) return -1;
      int last = k + 1;
      while (last + 1 < tokens && MentionAtToken(doc, last + 1) >= 0 &&
             doc.mentions[MentionAtToken(doc, last + 1)].entity == e) {
        ++last;
      }
      return last + 1 < tokens && toks[last + 1].lower == "," ? e : -1;
    }
    if (t.kind != TokKind::kWord || (t.classes & kCueWord) ||
        lex.EndsLikeParticiple(doc.lang, t.lower)) {
      return -1;
    }
    // A clause opens right after the comma ("…, der am Montag …").
    if (k == comma + 1 &&
        ((t.classes & (kThat | kConn | kCoord | kPronoun)) ||
         lex.InList(Lexicon::List::kRelative, t.lower, doc.lang))) {
      return -1;
    }
  }
  return -1;
}

}  // namespace

int ResolveDescribedSpeaker(const Lexicon& lex, const Document& doc,
                            int first, int head, int age) {
  // "der Trainer der Frankfurter, Michael Skibbe": the name in apposition.
  const int tokens = static_cast<int>(doc.tokens.size());
  for (int k = head + 1; k < tokens && k <= head + 6; ++k) {
    const Token& t = doc.tokens[k];
    if (t.sentence != doc.tokens[head].sentence || t.kind == TokKind::kQuote) {
      break;
    }
    if (t.lower != ",") continue;
    const int name = AppositivePersonAfterComma(lex, doc, head, k);
    if (name >= 0) return name;
    break;
  }
  const Gender gender = DescriptionGender(lex, doc, first, head);
  int e = ResolveDescription(lex, doc, first,
                             std::string(doc.tokens[head].lower), age, gender,
                             DescriptionModifiers(doc, first, head));
  if (e >= 0) return e;
  // A description no role names ("le Toulousain", "de Limburger") stands for
  // the person of its gender the passage is about; one of no known gender
  // ("the official") may be someone not named at all.
  if (gender != Gender::kMale && gender != Gender::kFemale) return -1;
  // Past common nouns taken for names, to the person before them.
  int at = first;
  for (int tries = 0; tries < 3; ++tries) {
    e = NearestPerson(doc, at, gender, /*max_sentences=*/4);
    if (e < 0 || !CommonNounEntity(lex, doc, e)) return e;
    const int last = LastMentionBefore(doc, e, at);
    if (last < 0) return -1;
    at = doc.mentions[MentionAtToken(doc, last)].first_token;
  }
  return -1;
}

}  // namespace extract
}  // namespace quotewire

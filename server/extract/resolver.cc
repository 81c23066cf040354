#include "server/extract/resolver.h"

#include <algorithm>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"

#include "server/extract/mentions.h"

namespace quotewire {
namespace extract {
namespace {

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

int FindAntecedent(const Document& doc, int at, Gender gender,
                   bool strong_only) {
  if (gender != Gender::kMale && gender != Gender::kFemale) return -1;
  auto compatible = [&](const Entity& e) {
    Gender eg = strong_only ? e.strong : EntityGender(e);
    if (gender == Gender::kMale) return eg != Gender::kFemale;
    return eg != Gender::kMale;
  };
  // Mentions before `at`.
  int end = static_cast<int>(
      std::lower_bound(doc.mentions.begin(), doc.mentions.end(), at,
                       [](const Mention& m, int v) { return m.last_token < v; }) -
      doc.mentions.begin());
  int sentences = 0;
  int examined = 0;
  // Sentence by sentence, most recent first; inside a sentence left to right
  // (the subject comes first), non-possessive mentions before possessive ones.
  while (end > 0 && sentences < 12 && examined < 400) {
    int sent = doc.tokens[doc.mentions[end - 1].last_token].sentence;
    int begin = end;
    while (begin > 0 && end - begin < 200 &&
           doc.tokens[doc.mentions[begin - 1].last_token].sentence == sent) {
      --begin;
    }
    for (int pass = 0; pass < 2; ++pass) {
      for (int m = begin; m < end && examined < 400; ++m, ++examined) {
        const Mention& men = doc.mentions[m];
        if (men.possessive != (pass == 1)) continue;
        const Entity& e = doc.entities[men.entity];
        if (!IsPersonLike(e) || !compatible(e)) continue;
        return men.entity;
      }
    }
    end = begin;
    ++sentences;
  }
  return -1;
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

int ResolvePronoun(const Document& doc, int at, Gender gender) {
  return FindAntecedent(doc, at, gender, /*strong_only=*/false);
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
  // Entities (ascending) with a role word.
  absl::flat_hash_map<std::string_view, std::vector<int>> by_role;
  // Entities with a mention followed within its sentence by a preposition
  // and the word ("John Doe, a spokesman for the mayor": "mayor").
  absl::flat_hash_map<std::string_view, std::vector<int>> related;
  // Person-like entities of each gender class, most mentions first (then
  // in entity order).
  std::vector<int> ranked[3];
  // Results by head noun, age and gender class.
  absl::flat_hash_map<std::string, int> memo;

  // LastMentionBefore and EntityByLastWord.
  bool mentions_built = false;
  std::vector<std::vector<int>> entity_mentions;  // ascending, by entity
  absl::flat_hash_map<std::string_view, int> by_last_word;

  // ResolveOrganization.
  bool organizations_built = false;
  // Mentions (ascending) of entities that are not persons, by the words of
  // their names.
  absl::flat_hash_map<std::string_view, std::vector<int>> org_mentions;
};

namespace {

ResolverIndex& IndexOf(const Document& doc) {
  if (doc.resolver_index == nullptr) {
    doc.resolver_index = std::make_shared<ResolverIndex>();
  }
  return *doc.resolver_index;
}

void BuildDescriptionIndex(const Document& doc, ResolverIndex* index) {
  index->descriptions_built = true;
  const int n = static_cast<int>(doc.entities.size());
  auto more_mentioned = [&](int a, int b) {
    return doc.entities[a].mentions > doc.entities[b].mentions;
  };
  for (int e = 0; e < n; ++e) {
    const Entity& ent = doc.entities[e];
    for (const std::string& role : ent.roles) index->by_role[role].push_back(e);
    if (!IsPersonLike(ent)) continue;
    if (ent.age != 0) {
      auto [it, added] = index->by_age.try_emplace(ent.age, e);
      if (!added && more_mentioned(e, it->second)) it->second = e;
    }
    for (Gender g : {Gender::kMale, Gender::kFemale, Gender::kUnknown}) {
      if (Compatible(ent, g)) index->ranked[GenderClass(g)].push_back(e);
    }
  }
  for (std::vector<int>& ranked : index->ranked) {
    std::stable_sort(ranked.begin(), ranked.end(), more_mentioned);
  }
  const int tokens = static_cast<int>(doc.tokens.size());
  for (const Mention& m : doc.mentions) {
    const int sent = doc.tokens[m.last_token].sentence;
    const int end = std::min<int>(m.last_token + 9, tokens - 1);
    for (int k = m.last_token + 1; k < end; ++k) {
      if (doc.tokens[k].sentence != sent) break;
      if (!(doc.tokens[k].classes & kPrep)) continue;
      int w = k + 1;
      if (doc.tokens[w].classes & (kDet | kIndef)) ++w;
      if (w < tokens) index->related[doc.tokens[w].lower].push_back(m.entity);
    }
  }
}

int DescribedEntity(const Lexicon& lex, const Document& doc,
                    const ResolverIndex& index, const std::string& head,
                    int age, Gender gender) {
  if (age > 0) {
    auto it = index.by_age.find(age);
    if (it != index.by_age.end()) return it->second;
  }
  int best = -1;
  auto role = index.by_role.find(head);
  if (role != index.by_role.end()) {
    for (int e : role->second) {
      const Entity& ent = doc.entities[e];
      if (!IsPersonLike(ent) || !Compatible(ent, gender)) continue;
      if (best < 0 || ent.mentions > doc.entities[best].mentions) best = e;
    }
  }
  if (best >= 0) return best;
  if (!(lex.Classes(head) & kRole)) return -1;
  // "John Doe, a spokesman for the mayor, …": a person described in
  // relation to the head noun is not the one it names.
  absl::flat_hash_set<int> related;
  auto it = index.related.find(head);
  if (it != index.related.end()) related.insert(it->second.begin(), it->second.end());
  for (int e : index.ranked[GenderClass(gender)]) {
    if (!related.contains(e)) return e;
  }
  return -1;
}

}  // namespace

int ResolveDescription(const Lexicon& lex, const Document& doc, int at,
                       const std::string& head, int age, Gender gender) {
  (void)at;
  ResolverIndex& index = IndexOf(doc);
  if (!index.descriptions_built) BuildDescriptionIndex(doc, &index);
  std::string key = absl::StrCat(head, "\t", age, "\t", GenderClass(gender));
  auto [it, added] = index.memo.try_emplace(std::move(key), -1);
  if (added) it->second = DescribedEntity(lex, doc, index, head, age, gender);
  return it->second;
}

namespace {

const ResolverIndex& MentionIndex(const Document& doc) {
  ResolverIndex& index = IndexOf(doc);
  if (index.mentions_built) return index;
  index.mentions_built = true;
  index.entity_mentions.resize(doc.entities.size());
  for (int i = 0; i < static_cast<int>(doc.mentions.size()); ++i) {
    const Mention& m = doc.mentions[i];
    index.entity_mentions[m.entity].push_back(i);
    auto [it, added] =
        index.by_last_word.try_emplace(doc.tokens[m.last_token].lower, m.entity);
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
  auto it = index.by_last_word.find(lower);
  return it == index.by_last_word.end() ? -1 : it->second;
}

int ResolveOrganization(const Document& doc, int at,
                        std::string_view head_lower) {
  ResolverIndex& index = IndexOf(doc);
  if (!index.organizations_built) {
    index.organizations_built = true;
    for (int i = 0; i < static_cast<int>(doc.mentions.size()); ++i) {
      const Mention& m = doc.mentions[i];
      const Entity& e = doc.entities[m.entity];
      if (e.kind == SpeakerKind::kPerson || e.person_evidence) continue;
      for (int t = m.name_first; t <= m.last_token; ++t) {
        std::vector<int>& list = index.org_mentions[doc.tokens[t].lower];
        if (list.empty() || list.back() != i) list.push_back(i);
      }
    }
  }
  auto it = index.org_mentions.find(head_lower);
  if (it == index.org_mentions.end()) return -1;
  // Mentions are in text order and do not overlap: the nearest before `at`
  // is the last one ending before it, the nearest after the first one
  // ending at or after it. Distance after `at` counts double; on a tie the
  // earlier mention wins.
  const std::vector<int>& list = it->second;
  auto after = std::partition_point(list.begin(), list.end(), [&](int i) {
    return doc.mentions[i].last_token < at;
  });
  int best = -1;
  int best_dist = 0;
  if (after != list.begin()) {
    const Mention& m = doc.mentions[*(after - 1)];
    best = m.entity;
    best_dist = at - m.last_token;
  }
  if (after != list.end()) {
    const Mention& m = doc.mentions[*after];
    const int dist = 2 * (m.first_token - at);
    if (best < 0 || dist < best_dist) best = m.entity;
  }
  return best;
}

}  // namespace extract
}  // namespace quotewire

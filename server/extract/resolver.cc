#include "server/extract/resolver.h"

#include <algorithm>
#include <vector>

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

int ResolveDescription(const Lexicon& lex, const Document& doc, int at,
                       const std::string& head, int age, Gender gender) {
  int best = -1;
  if (age > 0) {
    for (size_t e = 0; e < doc.entities.size(); ++e) {
      if (doc.entities[e].age == age && IsPersonLike(doc.entities[e])) {
        if (best < 0 || doc.entities[e].mentions > doc.entities[best].mentions) {
          best = static_cast<int>(e);
        }
      }
    }
    if (best >= 0) return best;
  }
  for (size_t e = 0; e < doc.entities.size(); ++e) {
    const Entity& ent = doc.entities[e];
    if (!IsPersonLike(ent) || !Compatible(ent, gender)) continue;
    if (std::find(ent.roles.begin(), ent.roles.end(), head) !=
        ent.roles.end()) {
      if (best < 0 || ent.mentions > doc.entities[best].mentions) {
        best = static_cast<int>(e);
      }
    }
  }
  if (best >= 0) return best;
  if (!(lex.Classes(head) & kRole)) return -1;
  // "John Doe, a spokesman for the mayor, …": a person described in
  // relation to the head noun is not the one it names.
  std::vector<char> related(doc.entities.size(), 0);
  for (const Mention& m : doc.mentions) {
    const int sent = doc.tokens[m.last_token].sentence;
    const int end = std::min<int>(m.last_token + 9, doc.tokens.size() - 1);
    for (int k = m.last_token + 1; k < end; ++k) {
      if (doc.tokens[k].sentence != sent) break;
      if (!(doc.tokens[k].classes & kPrep)) continue;
      int n = k + 1;
      if (doc.tokens[n].classes & (kDet | kIndef)) ++n;
      if (n < static_cast<int>(doc.tokens.size()) && doc.tokens[n].lower == head) {
        related[m.entity] = 1;
      }
    }
  }
  for (size_t e = 0; e < doc.entities.size(); ++e) {
    const Entity& ent = doc.entities[e];
    if (!IsPersonLike(ent) || !Compatible(ent, gender) || related[e]) continue;
    if (best < 0 || ent.mentions > doc.entities[best].mentions) {
      best = static_cast<int>(e);
    }
  }
  return best;
}

int ResolveOrganization(const Document& doc, int at,
                        std::string_view head_lower) {
  int best = -1;
  int best_dist = 0;
  for (const Mention& m : doc.mentions) {
    const Entity& e = doc.entities[m.entity];
    if (e.kind == SpeakerKind::kPerson || e.person_evidence) continue;
    bool has = false;
    for (int t = m.name_first; t <= m.last_token && !has; ++t) {
      has = doc.tokens[t].lower == head_lower;
    }
    if (!has) continue;
    // Before `at` is preferred: distance counts double after it.
    int dist = m.last_token < at ? at - m.last_token
                                 : 2 * (m.first_token - at);
    if (best < 0 || dist < best_dist) {
      best = m.entity;
      best_dist = dist;
    }
  }
  return best;
}

}  // namespace extract
}  // namespace quotewire

// PersonContext: what the articles say about a person beside the name, used
// to decide a join the name keys leave uncertain ("A. Kovalenko" when two
// Kovalenkos are known; "Irina Gorbacheva" and "I. Gorbacheva"). Two kinds
// of evidence:
//   - description words: the roles, affiliations and countries written with
//     the name ("Belarusian opposition leader", "Ukraine's president", "a
//     teacher") as NameAnalyzer::DescriptionWords() gives them;
//   - co-speakers: surname keys of the other people quoted in the same
//     articles (NameKey::surname_key).
// CompareContexts() counts what two contexts share; no shared item is no
// evidence (never evidence against: a person's roles change).
//
// Thread safety: plain values and a pure function.
#ifndef QUOTEWIRE_SERVER_PEOPLE_PERSON_CONTEXT_H_
#define QUOTEWIRE_SERVER_PEOPLE_PERSON_CONTEXT_H_

#include <set>
#include <string>

namespace quotewire {

struct PersonContext {
  std::set<std::string> description_words;
  std::set<std::string> co_speakers;  // surname keys
};

// What two contexts share.
struct ContextEvidence {
  // Shared description words and co-speakers: each is one item.
  int items = 0;
  // For an editor: "description: belarusian, leader; quoted with: xolz".
  std::string summary;
};

// The items `a` and `b` share.
ContextEvidence CompareContexts(const PersonContext& a, const PersonContext& b);

}  // namespace quotewire

#endif  // QUOTEWIRE_SERVER_PEOPLE_PERSON_CONTEXT_H_

// CanonicalizeSpeakerNames works on distinct names, not on quotes, and never
// compares all pairs of names. Names are grouped by surname key; inside a
// group, by the key of their first given name ("first key"). A name's result
// depends only on its first key `f` and its number of given names `g`: the
// candidates are the names whose first key is compatible with `f` and that
// have at least `g` given names (a surname alone: every other name of the
// group). Candidates are ambiguous when two of their first keys are
// incompatible (two different people); otherwise the fullest candidate wins
// (most given names, then longest display, then first in the text).
//
// Cost: compatible first keys are found by comparing every pair of a
// group's first keys when there are at most kMaxPairwiseKeys of them, else
// only among equal keys and initials (an oversized group of one surname is
// not real news; its names are still never merged wrongly). The ambiguity
// check walks candidates until two incompatible keys appear; until then the
// keys seen are pairwise compatible, a set of a few keys at most (one
// initial, and full given names one edit apart). So the whole step is linear
// in the number of quotes and distinct names, with a small constant.
#include "server/analysis/speaker_names.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"

namespace quotewire {
namespace {

// Groups with more distinct first keys than this find compatible keys
// through equal keys and initials only.
constexpr size_t kMaxPairwiseKeys = 64;

// A distinct speaker name of the article.
struct Name {
  NameKey key;
  size_t first = 0;  // index of its first quote
};

// True iff `a` is a fuller form than `b`: more given names, then a longer
// display, then (equal otherwise) earlier in the text.
bool Fuller(const Name& a, const Name& b) {
  if (a.key.given_keys.size() != b.key.given_keys.size()) {
    return a.key.given_keys.size() > b.key.given_keys.size();
  }
  if (a.key.display.size() != b.key.display.size()) {
    return a.key.display.size() > b.key.display.size();
  }
  return a.first < b.first;
}

// True iff `a` is strictly fuller than `b` by given names and display
// length (position aside): only such a form replaces a name.
bool StrictlyFuller(const Name& a, const Name& b) {
  if (a.key.given_keys.size() != b.key.given_keys.size()) {
    return a.key.given_keys.size() > b.key.given_keys.size();
  }
  return a.key.display.size() > b.key.display.size();
}

// The names of one surname that share a first key.
struct FirstKey {
  const NameKey* representative = nullptr;
  // Names with this first key, most given names first, and for each the
  // fullest of the names up to it (so of those with at least its number of
  // given names).
  std::vector<size_t> names;
  std::vector<size_t> fullest;
  // Compatible first keys (itself included), most given names first;
  // computed on first use.
  std::vector<size_t> compatible;
  bool compatible_known = false;
};

class SurnameGroup {
 public:
  SurnameGroup(const NameAnalyzer& names, const std::vector<Name>& all,
               const std::vector<size_t>& members)
      : names_(names), all_(all), members_(members) {
    for (size_t n : members_) {
      const NameKey& key = all_[n].key;
      if (key.given_keys.empty()) continue;
      auto [it, added] = index_.try_emplace(key.given_keys[0], keys_.size());
      if (added) {
        keys_.emplace_back();
        keys_.back().representative = &key;
        first_.push_back(key.given_keys[0]);
        if (key.given_keys[0].size() == 1) initials_[key.given_keys[0][0]] = it->second;
        by_letter_[key.given_keys[0][0]].push_back(it->second);
      }
      keys_[it->second].names.push_back(n);
    }
    for (FirstKey& fk : keys_) {
      std::stable_sort(fk.names.begin(), fk.names.end(), [&](size_t a, size_t b) {
        return all_[a].key.given_keys.size() > all_[b].key.given_keys.size();
      });
      size_t best = fk.names[0];
      for (size_t n : fk.names) {
        if (Fuller(all_[n], all_[best])) best = n;
        fk.fullest.push_back(best);
      }
    }
    by_max_given_.resize(keys_.size());
    for (size_t k = 0; k < keys_.size(); ++k) by_max_given_[k] = k;
    SortByMaxGiven(&by_max_given_);
  }

  // The display `name` (a member) takes.
  const std::string& Canonical(size_t name) {
    const Name& self = all_[name];
    if (self.key.given_keys.empty()) return SurnameAlone(name);
    const size_t f = FirstKeyOf(self.key);
    const size_t g = self.key.given_keys.size();
    auto [it, added] = classes_.try_emplace(std::make_pair(f, g), kNone);
    if (added) it->second = FullestCandidate(Compatible(f), g);
    const size_t best = it->second;
    if (best == kNone || !StrictlyFuller(all_[best], self)) {
      return self.key.display;
    }
    return all_[best].key.display;
  }

 private:
  static constexpr size_t kNone = static_cast<size_t>(-1);

  size_t MaxGiven(size_t k) const {
    return all_[keys_[k].names[0]].key.given_keys.size();
  }

  void SortByMaxGiven(std::vector<size_t>* ks) const {
    std::stable_sort(ks->begin(), ks->end(), [&](size_t a, size_t b) {
      return MaxGiven(a) > MaxGiven(b);
    });
  }

  bool KeysCompatible(size_t a, size_t b) const {
    return a == b || names_.Compare(*keys_[a].representative,
                                    *keys_[b].representative) !=
                         NameAnalyzer::Match::kDifferent;
  }

  size_t FirstKeyOf(const NameKey& key) const {
    return index_.find(key.given_keys[0])->second;
  }

  // The first keys compatible with key `f`, most given names first.
  const std::vector<size_t>& Compatible(size_t f) {
    FirstKey& fk = keys_[f];
    if (fk.compatible_known) return fk.compatible;
    fk.compatible_known = true;
    std::vector<size_t> candidates;
    if (keys_.size() <= kMaxPairwiseKeys) {
      candidates = by_max_given_;
    } else {
      const std::string& key = first_[f];
      if (key.size() == 1) {
        candidates = by_letter_[key[0]];
      } else {
        candidates.push_back(f);
        auto it = initials_.find(key[0]);
        if (it != initials_.end()) candidates.push_back(it->second);
      }
      SortByMaxGiven(&candidates);
    }
    for (size_t k : candidates) {
      if (KeysCompatible(f, k)) fk.compatible.push_back(k);
    }
    return fk.compatible;
  }

  // The fullest name among the keys `ks` (most given names first) with at
  // least `g` given names; kNone when two of those keys are incompatible.
  size_t FullestCandidate(const std::vector<size_t>& ks, size_t g) const {
    std::vector<size_t> seen;  // pairwise compatible so far
    size_t best = kNone;
    for (size_t k : ks) {
      if (MaxGiven(k) < g) break;
      for (size_t s : seen) {
        if (!KeysCompatible(s, k)) return kNone;
      }
      seen.push_back(k);
      const FirstKey& fk = keys_[k];
      // The last name with at least `g` given names.
      size_t i = std::partition_point(
                     fk.names.begin(), fk.names.end(),
                     [&](size_t n) { return all_[n].key.given_keys.size() >= g; }) -
                 fk.names.begin();
      const size_t candidate = fk.fullest[i - 1];
      if (best == kNone || Fuller(all_[candidate], all_[best])) best = candidate;
    }
    return best;
  }

  // A surname alone: every other name of the group is a candidate.
  const std::string& SurnameAlone(size_t name) {
    const Name& self = all_[name];
    if (!surname_alone_known_) {
      surname_alone_known_ = true;
      ambiguous_ =
          !keys_.empty() && FullestCandidate(by_max_given_, 1) == kNone;
      for (size_t n : members_) {
        if (top_[0] == kNone || Fuller(all_[n], all_[top_[0]])) {
          top_[1] = top_[0];
          top_[0] = n;
        } else if (top_[1] == kNone || Fuller(all_[n], all_[top_[1]])) {
          top_[1] = n;
        }
      }
    }
    const size_t best = top_[0] == name ? top_[1] : top_[0];
    if (ambiguous_ || best == kNone || !StrictlyFuller(all_[best], self)) {
      return self.key.display;
    }
    return all_[best].key.display;
  }

  const NameAnalyzer& names_;
  const std::vector<Name>& all_;
  const std::vector<size_t>& members_;
  std::vector<FirstKey> keys_;
  std::vector<std::string> first_;  // first key of keys_[k]
  absl::flat_hash_map<std::string, size_t> index_;  // inverse of first_
  absl::flat_hash_map<char, size_t> initials_;
  absl::flat_hash_map<char, std::vector<size_t>> by_letter_;
  std::vector<size_t> by_max_given_;  // every key, most given names first
  // Fullest candidate per (first key, number of given names).
  absl::flat_hash_map<std::pair<size_t, size_t>, size_t> classes_;
  bool surname_alone_known_ = false;
  bool ambiguous_ = false;
  size_t top_[2] = {kNone, kNone};
};

}  // namespace

void CanonicalizeSpeakerNames(const NameAnalyzer& names,
                              std::vector<Quote>* quotes) {
  // Each distinct name is analysed once.
  std::vector<Name> all;
  std::vector<size_t> name_of(quotes->size(), static_cast<size_t>(-1));
  absl::flat_hash_map<std::string, size_t> by_text;
  absl::flat_hash_map<std::string, std::vector<size_t>> by_surname;
  std::vector<std::string> surnames;  // in order of first appearance
  for (size_t i = 0; i < quotes->size(); ++i) {
    Speaker& speaker = (*quotes)[i].speaker;
    if (speaker.kind != SpeakerKind::kPerson || speaker.name.empty()) continue;
    auto [it, added] = by_text.try_emplace(speaker.name, all.size());
    if (added) {
      all.push_back(Name{names.Analyze(speaker.name), i});
      const std::string& surname = all.back().key.surname_key;
      if (!surname.empty()) {
        auto& members = by_surname[surname];
        if (members.empty()) surnames.push_back(surname);
        members.push_back(it->second);
      }
    }
    name_of[i] = it->second;
    const NameKey& key = all[it->second].key;
    if (!key.display.empty()) speaker.name = key.display;
  }
  std::vector<const std::string*> canonical(all.size(), nullptr);
  for (const std::string& surname : surnames) {
    const std::vector<size_t>& members = by_surname[surname];
    SurnameGroup group(names, all, members);
    for (size_t n : members) canonical[n] = &group.Canonical(n);
  }
  for (size_t i = 0; i < quotes->size(); ++i) {
    if (name_of[i] == static_cast<size_t>(-1)) continue;
    const std::string* name = canonical[name_of[i]];
    if (name != nullptr) (*quotes)[i].speaker.name = *name;
  }
}

}  // namespace quotewire

#include "server/analysis/speaker_names.h"

#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"

namespace quotewire {

void CanonicalizeSpeakerNames(const NameAnalyzer& names,
                              std::vector<Quote>* quotes) {
  // Each distinct name is analysed once; quotes are compared only with
  // quotes whose speaker has the same surname key.
  std::vector<NameKey> keys(quotes->size());
  absl::flat_hash_map<std::string, NameKey> analysed;
  absl::flat_hash_map<std::string, std::vector<size_t>> by_surname;
  for (size_t i = 0; i < quotes->size(); ++i) {
    Speaker& speaker = (*quotes)[i].speaker;
    if (speaker.kind != SpeakerKind::kPerson || speaker.name.empty()) continue;
    auto it = analysed.find(speaker.name);
    if (it == analysed.end()) {
      it = analysed.emplace(speaker.name, names.Analyze(speaker.name)).first;
    }
    keys[i] = it->second;
    if (!keys[i].display.empty()) speaker.name = keys[i].display;
    if (!keys[i].surname_key.empty()) {
      by_surname[keys[i].surname_key].push_back(i);
    }
  }
  for (size_t i = 0; i < quotes->size(); ++i) {
    const NameKey& key = keys[i];
    if (key.surname_key.empty()) continue;
    // Candidates: the same person written at least as fully.
    std::vector<size_t> fuller;
    for (size_t j : by_surname[key.surname_key]) {
      if (j == i || keys[j].surname_key.empty()) continue;
      NameAnalyzer::Match m = names.Compare(key, keys[j]);
      if (m == NameAnalyzer::Match::kDifferent) continue;
      if (keys[j].given_keys.size() < key.given_keys.size()) continue;
      fuller.push_back(j);
    }
    if (fuller.empty()) continue;
    // A surname alone is ambiguous when two of its full names differ.
    bool ambiguous = false;
    for (size_t a = 0; a < fuller.size() && !ambiguous; ++a) {
      for (size_t b = a + 1; b < fuller.size() && !ambiguous; ++b) {
        ambiguous = names.Compare(keys[fuller[a]], keys[fuller[b]]) ==
                    NameAnalyzer::Match::kDifferent;
      }
    }
    if (ambiguous) continue;
    size_t best = i;
    for (size_t j : fuller) {
      const NameKey& b = keys[best];
      const NameKey& c = keys[j];
      if (c.given_keys.size() > b.given_keys.size() ||
          (c.given_keys.size() == b.given_keys.size() &&
           c.display.size() > b.display.size())) {
        best = j;
      }
    }
    (*quotes)[i].speaker.name = keys[best].display;
  }
}

}  // namespace quotewire

#include "server/people/person_context.h"

#include <algorithm>
#include <iterator>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace quotewire {
namespace {

std::vector<std::string> Shared(const std::set<std::string>& a,
                                const std::set<std::string>& b) {
  std::vector<std::string> out;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(),
                        std::back_inserter(out));
  return out;
}

}  // namespace

ContextEvidence CompareContexts(const PersonContext& a,
                                const PersonContext& b) {
  ContextEvidence evidence;
  const std::vector<std::string> words =
      Shared(a.description_words, b.description_words);
  const std::vector<std::string> people = Shared(a.co_speakers, b.co_speakers);
  evidence.items = static_cast<int>(words.size() + people.size());
  std::vector<std::string> parts;
  if (!words.empty()) {
    parts.push_back(absl::StrCat("description: ", absl::StrJoin(words, ", ")));
  }
  if (!people.empty()) {
    parts.push_back(absl::StrCat("quoted with: ", absl::StrJoin(people, ", ")));
  }
  evidence.summary = absl::StrJoin(parts, "; ");
  return evidence;
}

}  // namespace quotewire

// Measures same-person decisions of NameAnalyzer on a list of spellings:
// every pair of lines of a name_pairs.tsv file (GROUP<TAB>NAME<TAB>CONVENTION)
// is one decision, "same person" when Compare() says kSame, correct when the
// two lines share GROUP. Prints precision and recall, then the wrong pairs.
//
//   name_pairs_eval DATA_DIR PAIRS_FILE
//
// Exit status: 0 after printing, 1 on a bad file or data directory.
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "server/people/name_analyzer.h"

namespace {

struct Entry {
  std::string group;
  std::string name;
  std::string convention;
  quotewire::NameKey key;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s DATA_DIR PAIRS_FILE\n", argv[0]);
    return 1;
  }
  auto names = quotewire::NameAnalyzer::Create(argv[1]);
  if (!names.ok()) {
    std::fprintf(stderr, "%s\n", names.status().ToString().c_str());
    return 1;
  }
  std::ifstream in(argv[2]);
  if (!in) {
    std::fprintf(stderr, "cannot read %s\n", argv[2]);
    return 1;
  }
  std::vector<Entry> entries;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cols = absl::StrSplit(line, '\t');
    if (cols.size() != 3 || cols[0].empty() || cols[1].empty()) {
      std::fprintf(stderr, "%s:%d: expected GROUP<TAB>NAME<TAB>CONVENTION\n",
                   argv[2], number);
      return 1;
    }
    Entry e{cols[0], cols[1], cols[2], (*names)->Analyze(cols[1])};
    entries.push_back(std::move(e));
  }
  long tp = 0, fp = 0, fn = 0, tn = 0;
  std::vector<std::string> errors;
  for (size_t i = 0; i < entries.size(); ++i) {
    for (size_t j = i + 1; j < entries.size(); ++j) {
      const Entry& a = entries[i];
      const Entry& b = entries[j];
      // The same spelling twice (two conventions agree) is no decision.
      if (a.name == b.name) continue;
      const bool truth = a.group == b.group;
      const bool said = (*names)->Compare(a.key, b.key) ==
                        quotewire::NameAnalyzer::Match::kSame;
      if (truth && said) ++tp;
      if (!truth && !said) ++tn;
      if (!truth && said) ++fp;
      if (truth && !said) ++fn;
      if (truth != said) {
        errors.push_back((said ? "false join:  " : "missed join: ") + a.name +
                         " [" + a.convention + ", " + a.key.full_key + "] ~ " +
                         b.name + " [" + b.convention + ", " + b.key.full_key +
                         "]");
      }
    }
  }
  const double precision = tp + fp == 0 ? 1.0 : double(tp) / double(tp + fp);
  const double recall = tp + fn == 0 ? 1.0 : double(tp) / double(tp + fn);
  std::printf("spellings %zu, pairs %ld (same person %ld, different %ld)\n",
              entries.size(), tp + fp + fn + tn, tp + fn, fp + tn);
  std::printf("joined %ld: correct %ld, wrong %ld; missed %ld\n", tp + fp, tp,
              fp, fn);
  std::printf("precision %.4f  recall %.4f\n", precision, recall);
  for (const std::string& e : errors) std::printf("%s\n", e.c_str());
  return 0;
}

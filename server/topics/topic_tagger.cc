// TopicTagger implementation. The taxonomy file format is documented at the
// top of data/topics.tsv:
//   topic<TAB>ID<TAB>DISPLAY NAME           declares a topic (file order)
//   ID<TAB>LANG<TAB>PATTERN, PATTERN, ...   patterns of one language ("*"
//                                           for all languages)
// A pattern is one or more words that must appear as consecutive word
// tokens; each word is exact ("vote"), a prefix ("elect*"), or a suffix
// ("*wahl", for German and Dutch compounds). Patterns and text are folded
// the same way (TextFolder: case, diacritics and script), so "élect*" and
// "выбор*" are ASCII prefixes "elect" and "vybor".
//
// Matching is one pass over the folded word tokens: a hash map for exact
// first words and two tries (prefixes, reversed suffixes) yield the
// candidate patterns at each token; only multi-word candidates look further.
#include "server/topics/topic_tagger.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "server/core/status_macros.h"
#include "server/people/data_file.h"
#include "server/people/text_folder.h"

namespace quotewire {
namespace {

enum class WordMode { kExact, kPrefix, kSuffix };

struct PatternWord {
  std::string text;
  WordMode mode = WordMode::kExact;

  bool Matches(std::string_view token) const {
    switch (mode) {
      case WordMode::kExact:
        return token == text;
      case WordMode::kPrefix:
        return token.size() >= text.size() &&
               token.compare(0, text.size(), text) == 0;
      case WordMode::kSuffix:
        return token.size() >= text.size() &&
               token.compare(token.size() - text.size(), text.size(), text) ==
                   0;
    }
    return false;
  }
};

struct Pattern {
  int topic = 0;
  int language = 0;  // index into languages_; 0 is "*"
  std::vector<PatternWord> words;
};

// A trie over word-token characters ([a-z0-9], the only characters of
// Tokens()): each node lists the patterns whose first word ends there.
// Children are a fixed array, so a step is one load.
class Trie {
 public:
  Trie() : nodes_(1) {}
  void Add(std::string_view key, int pattern) {
    int node = 0;
    for (char c : key) {
      const int slot = Slot(c);
      if (slot < 0) return;  // no token can contain it: never matches
      int child = nodes_[node].next[slot];
      if (child == 0) {
        nodes_.emplace_back();
        child = static_cast<int>(nodes_.size()) - 1;
        nodes_[node].next[slot] = child;
      }
      node = child;
    }
    nodes_[node].patterns.push_back(pattern);
  }
  // Calls `fn(pattern)` for the patterns of every key that is a prefix of `s`
  // (walking forward) or of reversed `s` (when `reverse`).
  template <typename Fn>
  void Collect(std::string_view s, bool reverse, Fn&& fn) const {
    int node = 0;
    const int n = static_cast<int>(s.size());
    for (int i = 0; i < n; ++i) {
      const int slot = Slot(reverse ? s[n - 1 - i] : s[i]);
      if (slot < 0) return;
      node = nodes_[node].next[slot];
      if (node == 0) return;
      for (int p : nodes_[node].patterns) fn(p);
    }
  }

 private:
  static constexpr int kSlots = 36;
  static int Slot(char c) {
    if (c >= 'a' && c <= 'z') return c - 'a';
    if (c >= '0' && c <= '9') return 26 + (c - '0');
    return -1;
  }
  struct Node {
    int next[kSlots] = {};  // 0: no child (the root is nobody's child)
    std::vector<int> patterns;
  };
  std::vector<Node> nodes_;
};

// Token views ([a-z0-9]+) into folded text, without copies.
std::vector<std::string_view> TokenViews(std::string_view folded) {
  std::vector<std::string_view> tokens;
  size_t start = 0;
  bool in = false;
  for (size_t i = 0; i < folded.size(); ++i) {
    const char c = folded[i];
    const bool word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (word && !in) {
      start = i;
      in = true;
    } else if (!word && in) {
      tokens.push_back(folded.substr(start, i - start));
      in = false;
    }
  }
  if (in) tokens.push_back(folded.substr(start));
  return tokens;
}

// Lower-case ASCII word tokens ([a-z0-9]+) of folded text.
std::vector<std::string> Tokens(std::string_view folded) {
  std::vector<std::string> tokens;
  std::string current;
  for (char c : folded) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      current.push_back(c);
    } else if (!current.empty()) {
      tokens.push_back(std::move(current));
      current.clear();
    }
  }
  if (!current.empty()) tokens.push_back(std::move(current));
  return tokens;
}

// "nl-BE" -> "nl"; lower case.
std::string PrimaryLanguage(std::string_view tag) {
  std::string s(tag.substr(0, tag.find_first_of("-_")));
  for (char& c : s) c = absl::ascii_tolower(static_cast<unsigned char>(c));
  return s;
}

// Shortest word a prefix or suffix pattern may have: shorter stems match too
// much ("el*").
constexpr size_t kMinStem = 3;

class TopicTaggerImpl : public TopicTagger {
 public:
  absl::Status Load(const std::string& path) {
    QW_ASSIGN_OR_RETURN(folder_, TextFolder::Create());
    languages_.push_back("*");
    QW_ASSIGN_OR_RETURN(std::vector<DataLine> lines, ReadDataLines(path));
    absl::flat_hash_map<std::string, int> topic_index;
    for (const DataLine& line : lines) {
      std::vector<std::string> cols = absl::StrSplit(line.text, '\t');
      if (cols.size() != 3) {
        return DataError(path, line.number,
                         "expected three TAB-separated columns");
      }
      if (cols[0] == "topic") {
        const std::string& id = cols[1];
        if (id.empty() ||
            id.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") !=
                std::string::npos) {
          return DataError(
              path, line.number,
              "topic id must be lower-case ASCII letters, digits, '-'");
        }
        if (cols[2].empty())
          return DataError(path, line.number, "empty display name");
        if (!topic_index.emplace(id, static_cast<int>(taxonomy_.size()))
                 .second) {
          return DataError(path, line.number,
                           absl::StrCat("duplicate topic ", id));
        }
        taxonomy_.push_back({id, cols[2]});
        continue;
      }
      auto topic = topic_index.find(cols[0]);
      if (topic == topic_index.end()) {
        return DataError(
            path, line.number,
            absl::StrCat("unknown topic \"", cols[0],
                         "\" (declare it with a `topic` line first)"));
      }
      const std::string lang = cols[1] == "*" ? "*" : PrimaryLanguage(cols[1]);
      if (lang.empty()) return DataError(path, line.number, "empty language");
      int lang_index = AddLanguage(lang);
      for (absl::string_view raw :
           absl::StrSplit(cols[2], ',', absl::SkipWhitespace())) {
        QW_ASSIGN_OR_RETURN(
            Pattern pattern,
            ParsePattern(std::string_view(raw.data(), raw.size()), path,
                         line.number));
        pattern.topic = topic->second;
        pattern.language = lang_index;
        AddPattern(std::move(pattern));
      }
    }
    if (taxonomy_.empty()) return DataError(path, 0, "no topics declared");
    return absl::OkStatus();
  }

  const std::vector<TopicInfo>& taxonomy() const override { return taxonomy_; }

  std::vector<std::string> Tag(std::string_view quote, std::string_view context,
                               std::string_view language) const override {
    const int lang = FindLanguage(PrimaryLanguage(language));
    std::vector<bool> hit(taxonomy_.size(), false);
    TagText(quote, lang, &hit);
    TagText(context, lang, &hit);
    std::vector<std::string> out;
    for (size_t i = 0; i < hit.size(); ++i) {
      if (hit[i]) out.push_back(taxonomy_[i].id);
    }
    return out;
  }

  const TopicInfo* Find(std::string_view id_or_name) const override {
    std::string key = folder_->Fold(id_or_name);
    for (const TopicInfo& t : taxonomy_) {
      if (folder_->Fold(t.id) == key || folder_->Fold(t.display_name) == key) {
        return &t;
      }
    }
    return nullptr;
  }

 private:
  // Index of a pattern language ("*" is 0), added when new.
  int AddLanguage(const std::string& lang) {
    for (size_t i = 0; i < languages_.size(); ++i) {
      if (languages_[i] == lang) return static_cast<int>(i);
    }
    languages_.push_back(lang);
    return static_cast<int>(languages_.size()) - 1;
  }
  // Index of a text language with patterns of its own, or -1 (apply every
  // language's patterns) when empty or unknown.
  int FindLanguage(const std::string& lang) const {
    for (size_t i = 1; i < languages_.size(); ++i) {
      if (languages_[i] == lang) return static_cast<int>(i);
    }
    return -1;
  }

  absl::StatusOr<Pattern> ParsePattern(std::string_view raw,
                                       const std::string& path,
                                       int line) const {
    Pattern pattern;
    for (absl::string_view w :
         absl::StrSplit(absl::string_view(raw.data(), raw.size()), ' ',
                        absl::SkipEmpty())) {
      std::string_view s(w.data(), w.size());
      const bool star_front = !s.empty() && s.front() == '*';
      const bool star_back = s.size() > 1 && s.back() == '*';
      if (star_front && star_back) {
        return DataError(
            path, line,
            absl::StrCat("pattern word \"", w,
                         "\": use a prefix or a suffix, not both"));
      }
      if (star_front) s.remove_prefix(1);
      if (star_back) s.remove_suffix(1);
      // A written word may fold to several ("re-elect*" is "re" "elect*");
      // the wildcard belongs to the outer one on its side.
      std::vector<std::string> tokens = Tokens(folder_->Fold(s));
      if (tokens.empty()) {
        return DataError(
            path, line,
            absl::StrCat("pattern word \"", w, "\" has no letters or digits"));
      }
      for (size_t k = 0; k < tokens.size(); ++k) {
        PatternWord word;
        word.text = std::move(tokens[k]);
        if (star_front && k == 0) word.mode = WordMode::kSuffix;
        if (star_back && k + 1 == tokens.size()) word.mode = WordMode::kPrefix;
        if (word.mode != WordMode::kExact && word.text.size() < kMinStem) {
          return DataError(
              path, line,
              absl::StrCat("stem \"", w, "\" is shorter than ", kMinStem));
        }
        pattern.words.push_back(std::move(word));
      }
    }
    if (pattern.words.empty()) return DataError(path, line, "empty pattern");
    return pattern;
  }

  void AddPattern(Pattern pattern) {
    const int id = static_cast<int>(patterns_.size());
    const PatternWord& first = pattern.words[0];
    switch (first.mode) {
      case WordMode::kExact:
        exact_[first.text].push_back(id);
        break;
      case WordMode::kPrefix:
        prefixes_.Add(first.text, id);
        break;
      case WordMode::kSuffix: {
        std::string reversed(first.text.rbegin(), first.text.rend());
        suffixes_.Add(reversed, id);
        break;
      }
    }
    patterns_.push_back(std::move(pattern));
  }

  void TagText(std::string_view text, int lang, std::vector<bool>* hit) const {
    if (text.empty()) return;
    const std::string folded = folder_->Fold(text);
    const std::vector<std::string_view> tokens = TokenViews(folded);
    for (size_t i = 0; i < tokens.size(); ++i) {
      auto consider = [&](int c) {
        const Pattern& p = patterns_[c];
        if ((*hit)[p.topic]) return;
        if (lang >= 0 && p.language != 0 && p.language != lang) return;
        if (p.words.size() > tokens.size() - i) return;
        bool all = true;
        for (size_t k = 1; k < p.words.size() && all; ++k) {
          all = p.words[k].Matches(tokens[i + k]);
        }
        if (all) (*hit)[p.topic] = true;
      };
      auto it = exact_.find(absl::string_view(tokens[i].data(), tokens[i].size()));
      if (it != exact_.end()) {
        for (int c : it->second) consider(c);
      }
      prefixes_.Collect(tokens[i], /*reverse=*/false, consider);
      suffixes_.Collect(tokens[i], /*reverse=*/true, consider);
    }
  }

  std::unique_ptr<TextFolder> folder_;
  std::vector<TopicInfo> taxonomy_;
  std::vector<std::string> languages_;
  std::vector<Pattern> patterns_;
  absl::flat_hash_map<std::string, std::vector<int>> exact_;
  Trie prefixes_;
  Trie suffixes_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<TopicTagger>> TopicTagger::Create(
    const std::string& taxonomy_file) {
  auto tagger = std::make_unique<TopicTaggerImpl>();
  QW_RETURN_IF_ERROR(tagger->Load(taxonomy_file));
  return std::unique_ptr<TopicTagger>(std::move(tagger));
}

}  // namespace quotewire

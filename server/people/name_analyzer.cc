// NameAnalyzer implementation. Data files (all under `data_dir`/names/):
//   titles.txt     one title or role per line, may span several words
//                  ("Interior Minister", "de heer"); matched on folded tokens,
//                  trailing dots ignored ("Dr." == "Dr"). A mention is cut
//                  after the last title among its first 8 words that still
//                  leaves a name word after it.
//   particles.txt  name particles (van, von, de, bin; `weak` ones such as
//                  Ben and Al only in lower case or after a given name):
//                  skipped in keys, so "Ursula von der Leyen" and "von der
//                  Leyen" share the surname key of "Leyen".
//   suffixes.txt   generational suffixes dropped from keys (Jr, Sr, III).
//   variants.tsv   ordered rewrite rules `pattern<TAB>replacement` (RE2 over
//                  a folded ASCII token; \1 in the replacement refers to a
//                  group) applied in file order to every name token. Plain
//                  literal rules ("oe", "^ie", "ine$") bypass RE2.
//   context_stopwords.txt  (optional) words of descriptions that are no
//                  evidence of who a person is (DescriptionWords()); no key
//                  uses them.
//   given_names.tsv  groups of equivalent first names, tab-separated, one
//                  group a line (Mikhail, Michail, Michał, Mykhailo): each
//                  name's variant key maps to the key of the group's first
//                  name, so the given keys of a group are equal.
//
// Keys: the surname is the last word with a letter (after dropping
// suffixes); the given names are the words before it except particles, split
// at hyphens and dots ("Jean-Marie", "A.G."). Compare() looks at the first
// given name only: equal keys, an initial, or (both >= 6 letters) one
// substitution or transposition or a non-final insertion make kSame.
#include "server/people/name_analyzer.h"

#include <algorithm>
#include <cstdint>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/synchronization/mutex.h"
#include "re2/re2.h"
#include "server/core/absl_compat.h"
#include "server/core/status_macros.h"
#include "server/core/utf8.h"
#include "unicode/uchar.h"
#include "server/people/data_file.h"
#include "server/people/text_folder.h"

namespace quotewire {
namespace {

// Titles are looked for only among the first few tokens of a mention.
constexpr int kMaxTitlePrefixTokens = 8;

struct TokenPos {
  size_t start;
  size_t end;
};

// Length of the whitespace sequence (ASCII space/tab/CR/LF, U+00A0, U+2009,
// U+202F) at `s[i]`, or 0.
size_t SpaceAt(std::string_view s, size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r') return 1;
  if (c == 0xC2 && i + 1 < s.size() &&
      static_cast<unsigned char>(s[i + 1]) == 0xA0) {
    return 2;
  }
  if (c == 0xE2 && i + 2 < s.size() &&
      static_cast<unsigned char>(s[i + 1]) == 0x80 &&
      (static_cast<unsigned char>(s[i + 2]) == 0x89 ||
       static_cast<unsigned char>(s[i + 2]) == 0xAF)) {
    return 3;
  }
  return 0;
}

std::vector<TokenPos> SplitSpaces(std::string_view s) {
  std::vector<TokenPos> tokens;
  size_t i = 0;
  while (i < s.size()) {
    size_t n = SpaceAt(s, i);
    if (n > 0) {
      i += n;
      continue;
    }
    size_t start = i;
    while (i < s.size() && SpaceAt(s, i) == 0) ++i;
    tokens.push_back({start, i});
  }
  return tokens;
}

bool IsAsciiAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

// A folded token reduced for title and particle lookup: trailing dots,
// commas and colons removed ("Dr." -> "dr", "Sen.," -> "sen").
std::string LookupForm(std::string folded) {
  while (!folded.empty() && (folded.back() == '.' || folded.back() == ',' ||
                             folded.back() == ':')) {
    folded.pop_back();
  }
  return folded;
}

bool HasLetter(std::string_view folded) {
  for (char c : folded) {
    if (c >= 'a' && c <= 'z') return true;
  }
  return false;
}

// Only lower-case ASCII letters and digits of `folded`.
std::string AlnumOnly(std::string_view folded) {
  std::string out;
  for (char c : folded) {
    if (IsAsciiAlnum(c)) out.push_back(c);
  }
  return out;
}

// Removes a possessive ending ("'s", "’s", or a bare trailing apostrophe
// after s: "Vaessens'") from a token as written.
std::string_view StripPossessive(std::string_view token) {
  static constexpr std::string_view kEndings[] = {"'s", "\xE2\x80\x99s", "'S",
                                                  "\xE2\x80\x99S"};
  for (std::string_view e : kEndings) {
    if (token.size() > e.size() && token.substr(token.size() - e.size()) == e) {
      return token.substr(0, token.size() - e.size());
    }
  }
  if (token.size() > 2 && token.back() == '\'' &&
      (token[token.size() - 2] == 's' || token[token.size() - 2] == 'S')) {
    return token.substr(0, token.size() - 1);
  }
  if (token.size() > 4 && token.substr(token.size() - 3) == "\xE2\x80\x99" &&
      (token[token.size() - 4] == 's' || token[token.size() - 4] == 'S')) {
    return token.substr(0, token.size() - 3);
  }
  return token;
}

// Removes leading and trailing punctuation that never belongs to a name:
// quotation marks, brackets, commas, colons, semicolons, and trailing
// periods after more than one letter ("Lukashenko." but not "A.").
std::string_view TrimPunct(std::string_view t) {
  auto is_trim_byte = [](char c) {
    return c == '"' || c == '(' || c == ')' || c == '[' || c == ']' ||
           c == ',' || c == ';' || c == ':' || c == '!' || c == '?' ||
           c == '\'' || c == '*';
  };
  // Typographic quotes and guillemets (3-byte E2 80 9x and 2-byte C2 AB/BB).
  auto quote_len_front = [](std::string_view s) -> size_t {
    if (s.size() >= 3 && static_cast<unsigned char>(s[0]) == 0xE2 &&
        static_cast<unsigned char>(s[1]) == 0x80) {
      unsigned char c = static_cast<unsigned char>(s[2]);
      if (c >= 0x98 && c <= 0x9F) return 3;
    }
    if (s.size() >= 2 && static_cast<unsigned char>(s[0]) == 0xC2 &&
        (static_cast<unsigned char>(s[1]) == 0xAB ||
         static_cast<unsigned char>(s[1]) == 0xBB)) {
      return 2;
    }
    return 0;
  };
  auto quote_len_back = [](std::string_view s) -> size_t {
    if (s.size() >= 3 && static_cast<unsigned char>(s[s.size() - 3]) == 0xE2 &&
        static_cast<unsigned char>(s[s.size() - 2]) == 0x80) {
      unsigned char c = static_cast<unsigned char>(s.back());
      if (c >= 0x98 && c <= 0x9F && c != 0x99) return 3;  // keep ’ (possessive)
    }
    if (s.size() >= 2 && static_cast<unsigned char>(s[s.size() - 2]) == 0xC2 &&
        (static_cast<unsigned char>(s.back()) == 0xAB ||
         static_cast<unsigned char>(s.back()) == 0xBB)) {
      return 2;
    }
    return 0;
  };
  bool changed = true;
  while (changed && !t.empty()) {
    changed = false;
    if (is_trim_byte(t.front())) {
      t.remove_prefix(1);
      changed = true;
    } else if (size_t n = quote_len_front(t); n > 0) {
      t.remove_prefix(n);
      changed = true;
    }
    if (t.empty()) break;
    if (is_trim_byte(t.back()) &&
        !(t.back() == '\'' && t.size() > 1 &&
          (t[t.size() - 2] == 's' || t[t.size() - 2] == 'S'))) {
      t.remove_suffix(1);
      changed = true;
    } else if (size_t n = quote_len_back(t); n > 0) {
      t.remove_suffix(n);
      changed = true;
    } else if (t.back() == '.' && t.size() > 2 && t[t.size() - 2] != '.' &&
               t.find('.') == t.size() - 1) {
      // "Lukashenko." -> "Lukashenko"; keeps "A." and "A.G.".
      t.remove_suffix(1);
      changed = true;
    }
  }
  return t;
}

// True iff `word` starts with an upper-case letter.
bool StartsUpper(std::string_view word) {
  size_t pos = 0;
  return !word.empty() && u_isupper(static_cast<UChar32>(DecodeUtf8(word, &pos)));
}

// True iff `word` has a lower-case letter and no upper-case one ("ally",
// "éleveuse"; not "el-Abidine", not "26-year-old" without letters first).
bool IsLowerWord(std::string_view word) {
  bool lower = false;
  for (size_t pos = 0; pos < word.size();) {
    const UChar32 c = static_cast<UChar32>(DecodeUtf8(word, &pos));
    if (u_isupper(c) || u_istitle(c)) return false;
    lower = lower || u_islower(c);
  }
  return lower;
}

// Optimal string alignment distance, capped: returns `cap + 1` as soon as the
// distance is known to exceed `cap`.
int BoundedOsaDistance(std::string_view a, std::string_view b, int cap) {
  const int n = static_cast<int>(a.size());
  const int m = static_cast<int>(b.size());
  if (std::abs(n - m) > cap) return cap + 1;
  std::vector<std::vector<int>> d(n + 1, std::vector<int>(m + 1));
  for (int i = 0; i <= n; ++i) d[i][0] = i;
  for (int j = 0; j <= m; ++j) d[0][j] = j;
  for (int i = 1; i <= n; ++i) {
    int row_min = cap + 1;
    for (int j = 1; j <= m; ++j) {
      int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      int v =
          std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        v = std::min(v, d[i - 2][j - 2] + 1);
      }
      d[i][j] = v;
      row_min = std::min(row_min, v);
    }
    if (row_min > cap) return cap + 1;
  }
  return d[n][m];
}

// Given-name keys are compatible when equal, when one is an initial of the
// other, or when both are long (>= 6 letters) and differ by one substitution
// or transposition, or by one letter inserted before the end (garbled or
// alternative spellings: "aleksandr"/"aleksandar"). Different names such as
// "maria"/"anna", or "ivan"/"ivana", stay apart.
bool GivenCompatible(const std::string& a, const std::string& b) {
  if (a == b) return true;
  if (a.empty() || b.empty()) return false;
  if (a.size() == 1 || b.size() == 1) return a[0] == b[0];
  if (a.size() < 6 || b.size() < 6) return false;
  if (BoundedOsaDistance(a, b, 1) > 1) return false;
  if (a.size() != b.size()) {
    // An extra final letter often marks a different (e.g. feminine) name.
    const std::string& longer = a.size() > b.size() ? a : b;
    const std::string& shorter = a.size() > b.size() ? b : a;
    if (longer.compare(0, shorter.size(), shorter) == 0) return false;
  }
  return true;
}

// A rewrite rule. Rules whose pattern is a plain literal (optionally
// anchored: "oe", "^ie", "ine$") are applied without RE2.
struct VariantRule {
  std::unique_ptr<RE2> pattern;  // null for a literal rule
  std::string literal;
  bool at_start = false;
  bool at_end = false;
  std::string replacement;

  void Apply(std::string* token) const {
    if (pattern != nullptr) {
      RE2::GlobalReplace(token, *pattern, replacement);
      return;
    }
    if (at_start || at_end) {
      if (token->size() < literal.size()) return;
      size_t pos = at_start ? 0 : token->size() - literal.size();
      if (at_start && at_end && token->size() != literal.size()) return;
      if (token->compare(pos, literal.size(), literal) == 0) {
        token->replace(pos, literal.size(), replacement);
      }
      return;
    }
    size_t pos = token->find(literal);
    if (pos == std::string::npos) return;
    std::string out;
    size_t from = 0;
    while (pos != std::string::npos) {
      out.append(*token, from, pos - from);
      out += replacement;
      from = pos + literal.size();
      pos = token->find(literal, from);
    }
    out.append(*token, from, std::string::npos);
    *token = std::move(out);
  }
};

// True iff `s` is only lower-case ASCII letters and digits (non-empty).
bool IsPlainLiteral(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!IsAsciiAlnum(c)) return false;
  }
  return true;
}

class NameAnalyzerImpl : public NameAnalyzer {
 public:
  absl::Status Load(const std::string& data_dir) {
    QW_ASSIGN_OR_RETURN(folder_, TextFolder::Create());
    const std::string dir = data_dir + "/names/";
    QW_RETURN_IF_ERROR(LoadTitles(dir + "titles.txt"));
    QW_RETURN_IF_ERROR(LoadParticles(dir + "particles.txt"));
    QW_RETURN_IF_ERROR(LoadWordSet(dir + "suffixes.txt", &suffixes_));
    QW_RETURN_IF_ERROR(LoadVariants(dir + "variants.tsv"));
    QW_RETURN_IF_ERROR(LoadGivenNames(dir + "given_names.tsv"));
    // Optional, and not part of the fingerprint: stop words change no key.
    if (absl::Status s = LoadWordSet(dir + "context_stopwords.txt", &stopwords_);
        !s.ok() && !absl::IsNotFound(s)) {
      return s;
    }
    // FNV-1a over the files' lines, each file's path-free name first.
    uint64_t hash = 14695981039346656037ull;
    for (const char* file : {"titles.txt", "particles.txt", "suffixes.txt",
                             "variants.tsv", "given_names.tsv"}) {
      QW_ASSIGN_OR_RETURN(std::vector<DataLine> lines,
                          ReadDataLines(dir + file));
      std::string text = file;
      for (const DataLine& line : lines) absl::StrAppend(&text, "\n", line.text);
      for (unsigned char c : text) hash = (hash ^ c) * 1099511628211ull;
    }
    fingerprint_ = absl::StrCat(kKeyVersion, "-", absl::Hex(hash));
    return absl::OkStatus();
  }

  std::string RulesFingerprint() const override { return fingerprint_; }

  // Speaker names recur across articles (the same people are quoted every
  // day), so keys are memoised: a hit costs a hash lookup and a copy instead
  // of a parse and several folds. The memo is bounded and simply emptied
  // when full.
  NameKey Analyze(std::string_view name) const override {
    if (name.size() > kMaxMemoName) return AnalyzeUncached(name);
    {
      absl::MutexLock lock(&memo_mu_);
      auto it = memo_.find(absl::string_view(name.data(), name.size()));
      if (it != memo_.end()) return it->second;
    }
    NameKey key = AnalyzeUncached(name);
    absl::MutexLock lock(&memo_mu_);
    if (memo_.size() >= kMaxMemoEntries) memo_.clear();
    memo_.emplace(std::string(name), key);
    return key;
  }

  NameKey AnalyzeUncached(std::string_view name) const {
    NameKey key;
    const Parsed parsed = Parse(name);
    // The words after the titles, trimmed, with their folded forms.
    std::vector<std::string_view> words;
    std::vector<std::string> folded;
    if (parsed.cut > 0) {
      const std::string_view last = parsed.tokens[parsed.cut - 1];
      const std::string_view described = name.substr(
          0, static_cast<size_t>(last.data() + last.size() - name.data()));
      key.description = folder_->ToNfc(TrimPunct(described));
    }
    for (size_t i = parsed.cut; i < parsed.tokens.size(); ++i) {
      std::string_view w = parsed.trimmed[i];
      if (w.empty()) continue;
      std::string_view raw = parsed.tokens[i];
      // Keep the dot of an abbreviated suffix ("Jr.").
      if (w.data() == raw.data() && w.size() < raw.size() &&
          raw[w.size()] == '.' && suffixes_.contains(parsed.forms[i])) {
        w = raw.substr(0, w.size() + 1);
      }
      words.push_back(w);
      folded.push_back(parsed.forms[i]);
    }
    if (!words.empty()) {
      std::string_view without = StripPossessive(words.back());
      if (without.size() != words.back().size()) {
        words.back() = TrimPunct(without);
        folded.back() = LookupForm(folder_->Fold(words.back()));
        if (words.back().empty()) {
          words.pop_back();
          folded.pop_back();
        }
      }
    }
    key.display = folder_->ToNfc(
        absl::StrJoin(words, " ", [](std::string* out, std::string_view w) {
          out->append(w.data(), w.size());
        }));

    // Drop generational suffixes at the end ("Jr.", "III").
    size_t n = words.size();
    while (n > 1 && suffixes_.contains(folded[n - 1])) --n;
    // The surname: the last word with a letter ("Lukashenko, 65" ends with
    // "Lukashenko"); words after it are dropped from the display too.
    while (n > 0 && !HasLetter(folded[n - 1])) --n;
    if (n == 0) {
      key.display.clear();
      return key;
    }
    if (n < words.size()) {
      while (words.size() > n && !HasLetter(folded.back())) {
        words.pop_back();
        folded.pop_back();
      }
      key.display = folder_->ToNfc(
          absl::StrJoin(words, " ", [](std::string* out, std::string_view w) {
            out->append(w.data(), w.size());
          }));
    }
    // Keys of the surname's parts, joined ("Pérez-Castejón" -> one key).
    for (absl::string_view part : absl::StrSplit(
             absl::string_view(folded[n - 1]), absl::ByAnyChar("-.'"))) {
      key.surname_key += VariantKey(AlnumOnly(Sv(part)));
    }
    for (size_t i = 0; i + 1 < n; ++i) {
      if (IsParticle(folded[i], words[i], !key.given_keys.empty())) continue;
      for (absl::string_view part : absl::StrSplit(absl::string_view(folded[i]),
                                                   absl::ByAnyChar("-."))) {
        std::string k = GivenKey(VariantKey(AlnumOnly(Sv(part))));
        if (!k.empty()) key.given_keys.push_back(std::move(k));
      }
    }
    key.full_key = absl::StrJoin(key.given_keys, " ");
    if (!key.full_key.empty()) key.full_key.push_back(' ');
    key.full_key += key.surname_key;
    return key;
  }

  std::string StripTitles(std::string_view name) const override {
    const Parsed parsed = Parse(name);
    std::string out;
    for (size_t i = parsed.cut; i < parsed.tokens.size(); ++i) {
      if (!out.empty()) out.push_back(' ');
      out.append(parsed.tokens[i].data(), parsed.tokens[i].size());
    }
    return out;
  }

  std::string Fold(std::string_view text) const override {
    return folder_->Fold(text);
  }

  std::set<std::string> DescriptionWords(
      std::string_view description) const override {
    std::set<std::string> out;
    const std::string folded = folder_->Fold(description);
    std::string word;
    auto flush = [&] {
      if (word.size() >= kMinDescriptionWord && !stopwords_.contains(word)) {
        out.insert(word);
      }
      word.clear();
    };
    for (size_t i = 0; i < folded.size(); ++i) {
      const char c = folded[i];
      if (c >= 'a' && c <= 'z') {
        word.push_back(c);
        continue;
      }
      flush();
      // The s of a possessive ("ukraine's president") is no word.
      if (c == '\'' && i + 1 < folded.size() && folded[i + 1] == 's' &&
          (i + 2 == folded.size() || folded[i + 2] < 'a' ||
           folded[i + 2] > 'z')) {
        ++i;
      }
    }
    flush();
    return out;
  }

  Match Compare(const NameKey& a, const NameKey& b) const override {
    if (a.surname_key.empty() || a.surname_key != b.surname_key) {
      return Match::kDifferent;
    }
    if (a.given_keys.empty() && b.given_keys.empty()) return Match::kSame;
    if (a.given_keys.empty() || b.given_keys.empty()) {
      return Match::kSurnameOnly;
    }
    return GivenCompatible(a.given_keys[0], b.given_keys[0])
               ? Match::kSame
               : Match::kDifferent;
  }

 private:
  // Version of the key algorithm in this file; raise it when a change here
  // changes keys.
  static constexpr int kKeyVersion = 2;
  static constexpr size_t kMaxMemoName = 256;
  static constexpr size_t kMinDescriptionWord = 4;
  static constexpr size_t kMaxMemoEntries = 1 << 16;
  mutable absl::Mutex memo_mu_;
  mutable absl::flat_hash_map<std::string, NameKey> memo_
      ABSL_GUARDED_BY(memo_mu_);

  // A mention split into whitespace-separated tokens.
  struct Parsed {
    std::vector<std::string_view> tokens;   // as written
    std::vector<std::string_view> trimmed;  // TrimPunct(token)
    std::vector<std::string> forms;         // LookupForm(Fold(trimmed))
    size_t cut = 0;  // index of the first token after the titles
  };

  Parsed Parse(std::string_view name) const {
    Parsed p;
    for (const TokenPos& t : SplitSpaces(name)) {
      p.tokens.push_back(name.substr(t.start, t.end - t.start));
      p.trimmed.push_back(TrimPunct(p.tokens.back()));
    }
    const int n = static_cast<int>(p.tokens.size());
    // Fold all words in one call (one ICU run for a Cyrillic name); fall
    // back to word by word if folding changed the number of words.
    std::string joined;
    int nonempty = 0;
    for (std::string_view t : p.trimmed) {
      if (t.empty()) continue;
      if (!joined.empty()) joined.push_back(' ');
      joined.append(t.data(), t.size());
      ++nonempty;
    }
    std::string folded_all = folder_->Fold(joined);
    std::vector<TokenPos> folded_tokens = SplitSpaces(folded_all);
    const bool aligned = static_cast<int>(folded_tokens.size()) == nonempty;
    size_t next = 0;
    for (int i = 0; i < n; ++i) {
      if (p.trimmed[i].empty()) {
        p.forms.emplace_back();
      } else if (aligned) {
        const TokenPos& f = folded_tokens[next++];
        p.forms.push_back(
            LookupForm(folded_all.substr(f.start, f.end - f.start)));
      } else {
        p.forms.push_back(LookupForm(folder_->Fold(p.trimmed[i])));
      }
    }
    // Words that cannot be a name on their own: particles and suffixes.
    std::vector<bool> name_after(n + 1, false);
    for (int i = n - 1; i >= 0; --i) {
      const bool name_word = !p.forms[i].empty() &&
                             !particles_.contains(p.forms[i]) &&
                             !suffixes_.contains(p.forms[i]);
      name_after[i] = name_after[i + 1] || name_word;
    }
    // Cut after the last title among the first words that still leaves a
    // name word after it ("Martin Luther King Jr." keeps "King").
    const int limit = std::min(n - 1, kMaxTitlePrefixTokens);
    std::vector<std::string> seq;
    for (int i = 0; i < limit; ++i) {
      for (int len = std::min(max_title_len_, n - 1 - i); len >= 1; --len) {
        seq.assign(p.forms.begin() + i, p.forms.begin() + i + len);
        if (name_after[i + len] && titles_.contains(seq)) {
          p.cut = std::max(p.cut, static_cast<size_t>(i + len));
          break;
        }
      }
    }
    // A description before the name: the name starts after the last
    // possessive ("Tikhanovskaya's campaign ally Maria Kolesnikova") or
    // lower-case word that is no particle ("opposition activist", "la
    // ministre"), when a capitalised name word follows.
    std::vector<bool> capital_after(n + 1, false);
    for (int i = n - 1; i >= 0; --i) {
      capital_after[i] = capital_after[i + 1] ||
                         (StartsUpper(p.trimmed[i]) && !particles_.contains(p.forms[i]));
    }
    for (int i = static_cast<int>(p.cut); i + 1 < n; ++i) {
      if (!name_after[i + 1] || !capital_after[i + 1]) break;
      const std::string_view t = p.trimmed[i];
      const bool possessive = StripPossessive(t).size() < t.size();
      const bool lower_word = IsLowerWord(t) && !particles_.contains(p.forms[i]) &&
                              !suffixes_.contains(p.forms[i]);
      if (possessive || lower_word) p.cut = i + 1;
    }
    // Age descriptors before the name are not part of it, in any language:
    // "26-year-old Yekaterina Gorbina", "de 39-jarige Anna", "der 65-Jährige".
    // A token that starts with a digit, with an article before it, is cut.
    for (size_t i = p.cut; i + 1 < static_cast<size_t>(n); ++i) {
      const bool digit = !p.trimmed[i].empty() && p.trimmed[i][0] >= '0' &&
                         p.trimmed[i][0] <= '9';
      const bool article_before_digit =
          i + 2 < static_cast<size_t>(n) && !p.trimmed[i + 1].empty() &&
          p.trimmed[i + 1][0] >= '0' && p.trimmed[i + 1][0] <= '9' &&
          p.forms[i].size() <= 3;
      if (!(digit || article_before_digit) || !name_after[i + 1]) break;
      p.cut = i + 1;
    }
    return p;
  }

  std::string VariantKey(std::string token) const {
    for (const VariantRule& rule : rules_) rule.Apply(&token);
    return token;
  }

  // The key of a first name's equivalence group, or `key` itself.
  std::string GivenKey(std::string key) const {
    auto it = given_groups_.find(key);
    if (it != given_groups_.end()) return it->second;
    return key;
  }

  // Reads given_names.tsv (see the file comment). InvalidArgument naming the
  // line for a name without letters or one already in another group.
  absl::Status LoadGivenNames(const std::string& path) {
    QW_ASSIGN_OR_RETURN(std::vector<DataLine> lines, ReadDataLines(path));
    for (const DataLine& line : lines) {
      std::string group;
      for (absl::string_view name : absl::StrSplit(line.text, '\t')) {
        std::string key = VariantKey(AlnumOnly(folder_->Fold(Sv(name))));
        if (key.empty()) {
          return DataError(path, line.number,
                           absl::StrCat("name without letters: '", name, "'"));
        }
        if (group.empty()) group = key;
        auto [it, inserted] = given_groups_.emplace(key, group);
        if (!inserted && it->second != group) {
          return DataError(path, line.number,
                           absl::StrCat("'", name, "' (key ", key,
                                        ") is already in the group of '",
                                        it->second, "'"));
        }
      }
    }
    return absl::OkStatus();
  }

  absl::Status LoadTitles(const std::string& path) {
    QW_ASSIGN_OR_RETURN(std::vector<DataLine> lines, ReadDataLines(path));
    for (const DataLine& line : lines) {
      std::vector<std::string> seq;
      for (const TokenPos& t : SplitSpaces(line.text)) {
        std::string form = LookupForm(folder_->Fold(
            std::string_view(line.text).substr(t.start, t.end - t.start)));
        if (form.empty()) {
          return DataError(path, line.number, "title word without letters");
        }
        seq.push_back(std::move(form));
      }
      if (seq.empty()) return DataError(path, line.number, "empty title");
      max_title_len_ = std::max(max_title_len_, static_cast<int>(seq.size()));
      titles_.insert(std::move(seq));
    }
    if (titles_.empty()) return DataError(path, 0, "no titles");
    return absl::OkStatus();
  }

  absl::Status LoadParticles(const std::string& path) {
    QW_ASSIGN_OR_RETURN(std::vector<DataLine> lines, ReadDataLines(path));
    for (const DataLine& line : lines) {
      std::vector<std::string> cols = absl::StrSplit(line.text, '\t');
      if (cols.size() > 2 || SplitSpaces(cols[0]).size() != 1 ||
          (cols.size() == 2 && cols[1] != "weak")) {
        return DataError(path, line.number,
                         "expected `WORD` or `WORD<TAB>weak`");
      }
      std::string form = LookupForm(folder_->Fold(cols[0]));
      particles_.insert(form);
      if (cols.size() == 2) weak_particles_.insert(form);
    }
    return absl::OkStatus();
  }

  // True iff word `i` of a name (folded `form`, `written` as in the text) is
  // a particle. Weak particles ("Ben", "Al") are also given names: they
  // count as particles only when written in lower case or after a given
  // name ("Zine el-Abidine Ben Ali", but "Ben Wallace", "Al Gore").
  bool IsParticle(const std::string& form, std::string_view written,
                  bool after_given) const {
    if (!particles_.contains(form)) return false;
    if (!weak_particles_.contains(form) || after_given) return true;
    return !written.empty() && written.front() >= 'a' && written.front() <= 'z';
  }

  absl::Status LoadWordSet(const std::string& path,
                           absl::flat_hash_set<std::string>* out) {
    QW_ASSIGN_OR_RETURN(std::vector<DataLine> lines, ReadDataLines(path));
    for (const DataLine& line : lines) {
      if (SplitSpaces(line.text).size() != 1) {
        return DataError(path, line.number, "expected one word per line");
      }
      out->insert(LookupForm(folder_->Fold(line.text)));
    }
    return absl::OkStatus();
  }

  absl::Status LoadVariants(const std::string& path) {
    QW_ASSIGN_OR_RETURN(std::vector<DataLine> lines, ReadDataLines(path));
    for (const DataLine& line : lines) {
      std::vector<std::string> cols = absl::StrSplit(line.text, '\t');
      if (cols.size() != 2) {
        return DataError(path, line.number,
                         "expected `pattern<TAB>replacement`");
      }
      RE2::Options options;
      options.set_log_errors(false);
      auto re = std::make_unique<RE2>(cols[0], options);
      if (!re->ok()) {
        return DataError(path, line.number,
                         absl::StrCat("bad pattern: ", re->error()));
      }
      std::string error;
      if (!re->CheckRewriteString(cols[1], &error)) {
        return DataError(path, line.number,
                         absl::StrCat("bad replacement: ", error));
      }
      VariantRule rule;
      rule.replacement = cols[1];
      std::string_view literal = cols[0];
      rule.at_start = !literal.empty() && literal.front() == '^';
      if (rule.at_start) literal.remove_prefix(1);
      rule.at_end = !literal.empty() && literal.back() == '$';
      if (rule.at_end) literal.remove_suffix(1);
      if (IsPlainLiteral(literal) &&
          rule.replacement.find('\\') == std::string::npos) {
        rule.literal = std::string(literal);
      } else {
        rule.pattern = std::move(re);
        rule.at_start = rule.at_end = false;
      }
      rules_.push_back(std::move(rule));
    }
    return absl::OkStatus();
  }

  std::unique_ptr<TextFolder> folder_;
  absl::flat_hash_set<std::vector<std::string>> titles_;
  int max_title_len_ = 1;
  absl::flat_hash_set<std::string> particles_;
  absl::flat_hash_set<std::string> weak_particles_;
  absl::flat_hash_set<std::string> suffixes_;
  absl::flat_hash_set<std::string> stopwords_;  // of descriptions
  std::vector<VariantRule> rules_;
  std::string fingerprint_;
  // Variant key of a first name -> key of its equivalence group.
  absl::flat_hash_map<std::string, std::string> given_groups_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<NameAnalyzer>> NameAnalyzer::Create(
    const std::string& data_dir) {
  auto analyzer = std::make_unique<NameAnalyzerImpl>();
  QW_RETURN_IF_ERROR(analyzer->Load(data_dir));
  return std::unique_ptr<NameAnalyzer>(std::move(analyzer));
}

}  // namespace quotewire

// SourceCatalog implementation.
//
// data/sources.tsv: one source per line,
//   CANONICAL NAME<TAB>KIND<TAB>ALIAS|ALIAS|...
// KIND is `wire` (a news agency whose credits FindWireCredits detects),
// `outlet` (newspaper, broadcaster, site) or `photo` (a picture agency: never
// a wire credit itself, but "EPA/ANP" shows that the ANP next to it is one).
// Aliases may be empty. Lookup is on a key that ignores case, diacritics,
// script (ТАСС = TASS), punctuation and a leading "the".
//
// Wire credits. A wire alias in the text counts as a credit only in a
// crediting position, never as a mere mention ("an AFP journalist said",
// "told Reuters", "according to AFP"):
//   (AFP)  (AFP/Reuters)  MINSK (Reuters) -   parenthesised, alone or with
//                                             other wires
//   Minsk - AFP                               after a dash at a line end
//   AFP - Thousands gathered ...              at a line start before a dash
//   AFP  /  By AFP  /  Door ANP               a line of its own (byline)
//   With AFP  /  (with Reuters and AP)        "with" opening a line/bracket
//   Photo: AFP  /  Bron: ANP  /  Quelle: dpa  after a caption/source label
//   Foto ANP  /  (Photo AFP)                  caption label without colon
//   ©AFP  /  (c) Reuters                      copyright
//   AFP/Getty  EPA/ANP  Reuters/Vasily F.     slash-joined photo credits:
//                                             ending the line, or next to
//                                             another catalogued source
//   Photo by Sergei Gapon / AFP               photo-by credit
//   AFP Photo;  Reuters contributed ...       caption and credit lines
//   Additional reporting by Reuters
// and a wire directly following an accepted credit with only a separator
// between ("With AFP and Reuters", "dpa/AFP").
#include "server/sources/source_catalog.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/hash/hash.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "re2/re2.h"
#include "server/core/status_macros.h"
#include "server/core/utf8.h"
#include "server/people/data_file.h"
#include "server/people/text_folder.h"

namespace quotewire {
namespace {

re2::StringPiece Sp(std::string_view s) {
  return re2::StringPiece(s.data(), s.size());
}

bool IsWordChar(char32_t cp) {
  if (cp < 0x80) {
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
           (cp >= '0' && cp <= '9') || cp == '_';
  }
  return u_isalnum(static_cast<UChar32>(cp));
}

// The code point ending just before byte `pos`, or 0 at the start.
char32_t CodePointBefore(std::string_view text, size_t pos) {
  if (pos == 0) return 0;
  size_t start = pos - 1;
  while (start > 0 &&
         (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80 &&
         pos - start < 4) {
    --start;
  }
  size_t p = start;
  return DecodeUtf8(text, &p);
}

char32_t CodePointAt(std::string_view text, size_t pos) {
  if (pos >= text.size()) return 0;
  return DecodeUtf8(text, &pos);
}

// Removes possessive endings and surrounding quotes/brackets/punctuation and
// collapses whitespace.
std::string CleanName(std::string_view name) {
  std::string collapsed;
  for (absl::string_view part :
       absl::StrSplit(absl::string_view(name.data(), name.size()),
                      absl::ByAnyChar(" \t\r\n"), absl::SkipEmpty())) {
    if (!collapsed.empty()) collapsed.push_back(' ');
    collapsed.append(part.data(), part.size());
  }
  std::string_view s = collapsed;
  bool changed = true;
  while (changed && !s.empty()) {
    changed = false;
    for (std::string_view end :
         {"'s", "\xE2\x80\x99s", "'", "\xE2\x80\x99", "\"", "\xE2\x80\x9D",
          "\xC2\xBB", ")", ",", ";", ":", "."}) {
      if (s.size() > end.size() && s.substr(s.size() - end.size()) == end) {
        // Keep the dot of an abbreviation like "A.P." only when it is not
        // the sole dot ("Reuters." loses it, "U.P.I." keeps it).
        if (end == "." && s.find('.') != s.size() - 1) continue;
        s.remove_suffix(end.size());
        changed = true;
      }
    }
    for (std::string_view begin :
         {"\"", "\xE2\x80\x9C", "\xC2\xAB", "(", "'", "\xE2\x80\x98"}) {
      if (s.size() > begin.size() && s.substr(0, begin.size()) == begin) {
        s.remove_prefix(begin.size());
        changed = true;
      }
    }
    while (!s.empty() && s.front() == ' ') {
      s.remove_prefix(1);
      changed = true;
    }
    while (!s.empty() && s.back() == ' ') {
      s.remove_suffix(1);
      changed = true;
    }
  }
  return std::string(s);
}

// Lower-case ASCII slug of folded text: runs of non-alphanumerics become one
// '-'; no leading or trailing '-'.
std::string Slug(std::string_view folded) {
  std::string out;
  bool dash = false;
  for (char c : folded) {
    bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (alnum) {
      if (dash && !out.empty()) out.push_back('-');
      dash = false;
      out.push_back(c);
    } else {
      dash = true;
    }
  }
  return out;
}

class SourceCatalogImpl : public SourceCatalog {
 public:
  absl::Status Load(const std::string& data_dir) {
    QW_ASSIGN_OR_RETURN(folder_, TextFolder::Create());
    const std::string path = data_dir + "/sources.tsv";
    QW_ASSIGN_OR_RETURN(std::vector<DataLine> lines, ReadDataLines(path));
    std::vector<std::string> wire_aliases;
    for (const DataLine& line : lines) {
      std::vector<std::string> cols = absl::StrSplit(line.text, '\t');
      if (cols.size() < 2 || cols.size() > 3) {
        return DataError(path, line.number,
                         "expected `NAME<TAB>KIND<TAB>ALIAS|ALIAS...`");
      }
      CanonicalSource source;
      source.display_name = CleanName(cols[0]);
      if (source.display_name.empty()) {
        return DataError(path, line.number, "empty source name");
      }
      const std::string& kind = cols[1];
      if (kind != "wire" && kind != "outlet" && kind != "photo") {
        return DataError(path, line.number,
                         "kind must be wire, outlet or photo");
      }
      source.is_wire = kind == "wire";
      source.id = Slug(folder_->Fold(source.display_name));
      if (source.id.empty()) {
        return DataError(path, line.number, "name has no letters or digits");
      }
      if (!ids_.insert(source.id).second) {
        return DataError(path, line.number,
                         absl::StrCat("duplicate source id ", source.id));
      }
      std::vector<std::string> names = {source.display_name};
      if (cols.size() == 3) {
        for (absl::string_view alias :
             absl::StrSplit(cols[2], '|', absl::SkipWhitespace())) {
          std::string cleaned =
              CleanName(std::string_view(alias.data(), alias.size()));
          if (!cleaned.empty()) names.push_back(cleaned);
        }
      }
      source.aliases = names;
      const int index = static_cast<int>(entries_.size());
      for (const std::string& n : names) {
        std::string key = LookupKey(n);
        if (key.empty()) {
          return DataError(path, line.number,
                           absl::StrCat("alias without letters: ", n));
        }
        auto [it, inserted] = by_key_.emplace(key, index);
        if (!inserted && it->second != index) {
          return DataError(path, line.number,
                           absl::StrCat("alias \"", n, "\" already names ",
                                        entries_[it->second].display_name));
        }
        if (source.is_wire) wire_aliases.push_back(n);
        if (kind == "photo" || source.is_wire) credit_aliases_.insert(key);
      }
      entries_.push_back(std::move(source));
    }
    return BuildCreditPatterns(wire_aliases);
  }

  CanonicalSource Canonicalize(std::string_view name) const override {
    std::string cleaned = CleanName(name);
    CanonicalSource result;
    if (cleaned.empty()) return result;
    auto it = by_key_.find(LookupKey(cleaned));
    if (it == by_key_.end()) {
      result.display_name = cleaned;
      result.id = Slug(folder_->Fold(cleaned));
      if (result.id.empty()) {
        result.id =
            absl::StrFormat("source-%016x", absl::Hash<std::string>()(cleaned));
      }
      result.aliases = {cleaned};
      return result;
    }
    result = entries_[it->second];
    bool known =
        std::any_of(result.aliases.begin(), result.aliases.end(),
                    [&](const std::string& a) { return a == cleaned; });
    if (!known) result.aliases.push_back(cleaned);
    return result;
  }

  std::vector<std::string> FindWireCredits(
      std::string_view text) const override {
    std::vector<std::string> out;
    absl::flat_hash_set<int> seen;
    re2::StringPiece input = Sp(text);
    re2::StringPiece match;
    size_t last_credit_end = std::string_view::npos;
    size_t pos = 0;
    while (pos < text.size() && wire_re_->Match(input, pos, text.size(),
                                                RE2::UNANCHORED, &match, 1)) {
      const size_t start = match.data() - text.data();
      const size_t end = start + match.size();
      pos = end > start ? end : start + 1;
      if (IsWordChar(CodePointBefore(text, start)) ||
          IsWordChar(CodePointAt(text, end))) {
        continue;
      }
      std::string_view written = text.substr(start, end - start);
      auto it = by_key_.find(LookupKey(written));
      if (it == by_key_.end()) continue;
      const CanonicalSource& source = entries_[it->second];
      if (!source.is_wire || !CaseAcceptable(written, source)) continue;
      bool credit = IsCredit(text, start, end);
      if (!credit && last_credit_end != std::string_view::npos &&
          last_credit_end <= start) {
        std::string_view gap =
            text.substr(last_credit_end, start - last_credit_end);
        credit = RE2::FullMatch(Sp(gap), *chain_re_);
      }
      if (!credit) continue;
      last_credit_end = end;
      if (seen.insert(it->second).second) out.push_back(source.display_name);
    }
    return out;
  }

 private:
  // Case-insensitive, diacritic- and script-insensitive key; punctuation is
  // a space, dots of abbreviations vanish ("A.P." = "AP"), a leading "the"
  // is dropped.
  std::string LookupKey(std::string_view name) const {
    std::string folded = folder_->Fold(name);
    std::string key;
    bool space = false;
    for (char c : folded) {
      if (c == '.') continue;
      bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
      if (!alnum) {
        space = true;
        continue;
      }
      if (space && !key.empty()) key.push_back(' ');
      space = false;
      key.push_back(c);
    }
    if (key.size() > 4 && key.compare(0, 4, "the ") == 0) key.erase(0, 4);
    return key;
  }

  // Short acronyms must be written as catalogued or in capitals: "AP" and
  // "AFP" count, "ap" or "Afp" do not. Longer names ("Reuters", "REUTERS")
  // match in any case.
  static bool CaseAcceptable(std::string_view written,
                             const CanonicalSource& source) {
    if (written.size() > 4) return true;
    for (const std::string& a : source.aliases) {
      if (a == written) return true;
    }
    for (char c : written) {
      if (c >= 'a' && c <= 'z') return false;
    }
    return true;
  }

  absl::Status BuildCreditPatterns(std::vector<std::string> wire_aliases) {
    // Longest first so that "Agence France-Presse" wins over "France".
    std::sort(wire_aliases.begin(), wire_aliases.end(),
              [](const std::string& a, const std::string& b) {
                return a.size() > b.size();
              });
    std::vector<std::string> escaped;
    for (const std::string& a : wire_aliases) {
      escaped.push_back(RE2::QuoteMeta(a));
    }
    RE2::Options options;
    options.set_case_sensitive(false);
    options.set_log_errors(false);
    options.set_max_mem(64 << 20);
    if (escaped.empty()) escaped.push_back("\\x{FFFF}\\x{FFFE}");  // never
    wire_re_ = std::make_unique<RE2>(
        absl::StrCat("(?:", absl::StrJoin(escaped, "|"), ")"), options);
    if (!wire_re_->ok()) {
      return absl::InternalError(
          absl::StrCat("wire alias pattern: ", wire_re_->error()));
    }
    RE2::Options ci;
    ci.set_case_sensitive(false);
    ci.set_log_errors(false);
    auto make = [&](const char* pattern, std::unique_ptr<RE2>* out) {
      *out = std::make_unique<RE2>(pattern, ci);
      if (!(*out)->ok()) {
        return absl::InternalError(
            absl::StrCat("credit pattern ", pattern, ": ", (*out)->error()));
      }
      return absl::OkStatus();
    };
    // Dashes: - – — and the bar.
    QW_RETURN_IF_ERROR(make(R"((?:^|\s)(?:-|–|—|\|)\s*$)", &dash_left_re_));
    QW_RETURN_IF_ERROR(make(R"(^[\s.]*(?:$|/))", &line_end_right_re_));
    QW_RETURN_IF_ERROR(make(R"(^\s*$)", &blank_re_));
    // "/Sergei Gapon" (one to four capitalised words) up to the line end.
    QW_RETURN_IF_ERROR(make(R"(^/\s*(?:\p{Lu}[\pL.'’-]*\s*){1,4}[)\].]?\s*$)",
                            &slash_name_right_re_));
    QW_RETURN_IF_ERROR(make(R"(^\s+(?:-|–|—|:)\s)", &dash_right_re_));
    QW_RETURN_IF_ERROR(
        make(R"(^\s*(?:by|door|von|par|por|de|от)?\s*$)", &byline_left_re_));
    QW_RETURN_IF_ERROR(
        make(R"((?:^|[(\[\-–—])\s*(?:with|avec|met|mit|con|с)\s+$)",
             &with_left_re_));
    QW_RETURN_IF_ERROR(
        make(R"(^\s*(?:$|[)\].]|,|/|&|\+|(?:and|et|und|en|y|и)\s))",
             &with_right_re_));
    QW_RETURN_IF_ERROR(make(
        R"((?:photos?|fotos?|foto's|images?|pictures?|beeld|bild|bilder|video|credits?|sources?|bron|quelle|quellen|fuente|фото|источник)\s*:\s*(?:[^\n.:]{0,60}[,/;]\s*)?$)",
        &label_left_re_));
    // Caption credit without a colon, opening a line or after a sentence:
    // "Foto ANP", "Photo AFP".
    QW_RETURN_IF_ERROR(
        make(R"((?:^|[.!?)]\s+|\()\s*(?:photos?|fotos?|beeld|bild|image)\s+$)",
             &label_bare_left_re_));
    QW_RETURN_IF_ERROR(
        make(R"((?:©|\(c\)|copyright)\s*$)", &copyright_left_re_));
    QW_RETURN_IF_ERROR(make(
        R"((?:photos?|fotos?|pictures?|images?)\s+(?:by|door|von|par|de|por)\s[^\n()]{0,60}/\s*$)",
        &photo_by_left_re_));
    QW_RETURN_IF_ERROR(make(R"((?:additional\s+)?reporting\s+by\s*$)",
                            &reporting_by_left_re_));
    QW_RETURN_IF_ERROR(
        make(R"(^\s+(?:photos?\b|fotos?\b|(?:also\s+)?contributed\b))",
             &caption_right_re_));
    QW_RETURN_IF_ERROR(make(
        R"(^[\s/,&+\-]*(?:(?:and|with|avec|mit|met|und|en|et|y|con|photos?|fotos?|video)[\s/,&+\-]+)*(?:and|with|avec|mit|met|und|en|et|y|con|photos?|fotos?|video)?[\s/,&+\-]*$)",
        &paren_rest_re_));
    QW_RETURN_IF_ERROR(
        make(R"(\s*(?:,|/|&|\+|and|et|und|en|y|и)?\s*)", &chain_re_));
    return absl::OkStatus();
  }

  // True iff the wire alias at [start, end) of `text` is in a credit
  // position (see the file comment).
  bool IsCredit(std::string_view text, size_t start, size_t end) const {
    size_t line_start = text.rfind('\n', start == 0 ? 0 : start - 1);
    line_start = (line_start == std::string_view::npos || start == 0)
                     ? 0
                     : line_start + 1;
    if (start > 0 && text[start - 1] == '\n') line_start = start;
    size_t line_end = text.find('\n', end);
    if (line_end == std::string_view::npos) line_end = text.size();
    std::string_view left = text.substr(line_start, start - line_start);
    std::string_view right = text.substr(end, line_end - end);
    const re2::StringPiece l = Sp(left), r = Sp(right);

    if (InCreditParentheses(left, right) &&
        !DefinesAcronym(left, start, end, text)) {
      return true;
    }
    if (RE2::PartialMatch(l, *dash_left_re_) &&
        RE2::PartialMatch(r, *line_end_right_re_)) {
      return true;
    }
    if (RE2::FullMatch(l, *blank_re_) &&
        RE2::PartialMatch(r, *dash_right_re_)) {
      return true;
    }
    if (RE2::FullMatch(l, *byline_left_re_) &&
        RE2::PartialMatch(r, *line_end_right_re_)) {
      return true;
    }
    if (RE2::PartialMatch(l, *with_left_re_) &&
        RE2::PartialMatch(r, *with_right_re_)) {
      return true;
    }
    if (RE2::PartialMatch(l, *label_left_re_)) return true;
    if (RE2::PartialMatch(l, *label_bare_left_re_)) return true;
    if (RE2::PartialMatch(l, *copyright_left_re_)) return true;
    if (RE2::PartialMatch(l, *photo_by_left_re_)) return true;
    if (RE2::PartialMatch(l, *reporting_by_left_re_)) return true;
    if (RE2::PartialMatch(r, *caption_right_re_)) return true;
    // Slash-joined photo credits: "AFP/Sergei Gapon" or "EPA/ANP" ending
    // the line, or next to another catalogued source ("AFP/Getty Images").
    // "The Reuters/Ipsos poll showed ..." is none of these.
    const bool slash_before = !left.empty() && left.back() == '/';
    const bool slash_after = !right.empty() && right.front() == '/';
    if (slash_after && (SourceWordAfter(right.substr(1)) ||
                        RE2::PartialMatch(r, *slash_name_right_re_))) {
      return true;
    }
    if (slash_before && (SourceWordBefore(left.substr(0, left.size() - 1)) ||
                         RE2::PartialMatch(r, *line_end_right_re_))) {
      return true;
    }
    return false;
  }

  // "(AFP)", "(AFP/Reuters)", "(with AFP)", "(AP Photo)": the innermost
  // bracket around the match holds only wire aliases and separators.
  bool InCreditParentheses(std::string_view left,
                           std::string_view right) const {
    size_t open = left.find_last_of("([");
    if (open == std::string_view::npos) return false;
    if (left.find_first_of(")]", open) != std::string_view::npos) return false;
    size_t close = right.find_first_of(")]");
    if (close == std::string_view::npos) return false;
    if (right.substr(0, close).find_first_of("([") != std::string_view::npos) {
      return false;
    }
    if (left.size() - open > 80 || close > 80) return false;
    std::string rest = absl::StrCat(
        absl::string_view(left.data() + open + 1, left.size() - open - 1), " ",
        absl::string_view(right.data(), close));
    // Remove other wire aliases.
    RE2::GlobalReplace(&rest, *wire_re_, " ");
    return RE2::FullMatch(rest, *paren_rest_re_);
  }

  // "Agence France-Presse (AFP)": the bracket introduces an abbreviation of
  // the name just before it; not a credit.
  bool DefinesAcronym(std::string_view left, size_t start, size_t end,
                      std::string_view text) const {
    size_t open = left.find_last_of("([");
    std::string_view before = left.substr(0, open);
    while (!before.empty() && (before.back() == ' ' || before.back() == '\t')) {
      before.remove_suffix(1);
    }
    if (before.empty()) return false;
    auto self = by_key_.find(LookupKey(text.substr(start, end - start)));
    if (self == by_key_.end()) return false;
    // Try the last one to six words before the bracket.
    size_t cut = before.size();
    for (int words = 0; words < 6; ++words) {
      size_t space = before.find_last_of(" \t", cut == 0 ? 0 : cut - 1);
      size_t from = space == std::string_view::npos ? 0 : space + 1;
      auto it = by_key_.find(LookupKey(before.substr(from)));
      if (it != by_key_.end() && it->second == self->second) return true;
      if (space == std::string_view::npos || space == 0) break;
      cut = space;
    }
    return false;
  }

  bool SourceWordBefore(std::string_view left) const {
    size_t s = left.find_last_of(" \t(");
    std::string_view word =
        s == std::string_view::npos ? left : left.substr(s + 1);
    return !word.empty() && credit_aliases_.contains(LookupKey(word));
  }

  bool SourceWordAfter(std::string_view right) const {
    size_t e = right.find_first_of(" \t),.;");
    std::string_view word = right.substr(0, e);
    return !word.empty() && credit_aliases_.contains(LookupKey(word));
  }

  std::unique_ptr<TextFolder> folder_;
  std::vector<CanonicalSource> entries_;
  absl::flat_hash_map<std::string, int> by_key_;
  absl::flat_hash_set<std::string> ids_;
  absl::flat_hash_set<std::string> credit_aliases_;
  std::unique_ptr<RE2> wire_re_;
  std::unique_ptr<RE2> dash_left_re_, line_end_right_re_, blank_re_,
      slash_name_right_re_, dash_right_re_, byline_left_re_, with_left_re_,
      with_right_re_, label_left_re_, label_bare_left_re_, copyright_left_re_,
      photo_by_left_re_, reporting_by_left_re_, caption_right_re_,
      paren_rest_re_, chain_re_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<SourceCatalog>> SourceCatalog::Create(
    const std::string& data_dir) {
  auto catalog = std::make_unique<SourceCatalogImpl>();
  QW_RETURN_IF_ERROR(catalog->Load(data_dir));
  return std::unique_ptr<SourceCatalog>(std::move(catalog));
}

}  // namespace quotewire

#include "server/extract/dictionary.h"

#include <iconv.h>
#include <unistd.h>

#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <tuple>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "server/core/utf8.h"
#include "server/core/status_macros.h"
#include "server/extract/text_scan.h"
#include "server/extract/tsv.h"

namespace quotewire {
namespace extract {
namespace {

using HunspellFlags = Dictionary::HunspellFlags;

bool Capitalised(std::string_view word) {
  if (word.empty()) return false;
  size_t pos = 0;
  return IsUpperCp(NextCp(word, &pos));
}

// The stems of a Hunspell .dic file: capitalised stems with noun flags,
// capitalised stems with name flags only, and lower-case stems.
struct HunspellStems {
  absl::flat_hash_set<std::string> nouns;  // as written
  absl::flat_hash_set<std::string> names;  // as written
  absl::flat_hash_set<std::string> persons;  // person nouns, as written
  std::vector<std::string> lower;
  // Lower-case stems that may end a compound (flag `z`, COMPOUNDEND:
  // "skandal/EPSozm", "experte/NFozm"); second: a person noun (`F`).
  std::vector<std::pair<std::string, bool>> tails;
};

// The encoding a Hunspell .dic file is written in: the `SET` line of the
// .aff beside it, UTF-8 when there is none.
std::string HunspellEncoding(const std::string& dic_path) {
  if (dic_path.size() < 4) return "UTF-8";
  std::ifstream aff(dic_path.substr(0, dic_path.size() - 4) + ".aff");
  std::string line;
  while (std::getline(aff, line)) {
    if (line.rfind("SET ", 0) == 0) {
      std::string enc = line.substr(4);
      while (!enc.empty() && (enc.back() == '\r' || enc.back() == ' ')) {
        enc.pop_back();
      }
      return enc;
    }
  }
  return "UTF-8";
}

// `text` converted from `encoding` to UTF-8 (iconv); false when the
// encoding is unknown or the text is not in it.
bool ToUtf8(const std::string& encoding, std::string* text) {
  if (encoding == "UTF-8" || encoding == "utf-8") return true;
  iconv_t cd = iconv_open("UTF-8", encoding.c_str());
  if (cd == reinterpret_cast<iconv_t>(-1)) return false;
  std::string out(text->size() * 2 + 16, '\0');
  char* in_ptr = text->data();
  size_t in_left = text->size();
  char* out_ptr = out.data();
  size_t out_left = out.size();
  const size_t rc = iconv(cd, &in_ptr, &in_left, &out_ptr, &out_left);
  iconv_close(cd);
  if (rc == static_cast<size_t>(-1)) return false;
  out.resize(out.size() - out_left);
  *text = std::move(out);
  return true;
}

// Reads the Hunspell .dic file `path` into `out`, telling stems apart by
// `flags` (its row of dictionaries.tsv). In a language that does not
// capitalise nouns (`noun_language` false) every capitalised stem is a
// name.
bool ReadHunspell(const std::string& path, const HunspellFlags& flags,
                  bool noun_language, HunspellStems* out) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return false;
  std::stringstream buffer;
  buffer << file.rdbuf();
  std::string text = buffer.str();
  if (!ToUtf8(HunspellEncoding(path), &text)) return false;
  std::istringstream in(std::move(text));
  std::string line;
  bool first = true;
  while (std::getline(in, line)) {
    if (first) {  // the entry count
      first = false;
      continue;
    }
    if (line.empty() || line[0] == '\t' || line[0] == ' ' || line[0] == '#') {
      continue;
    }
    const size_t end = line.find_first_of("\t ");
    std::string_view entry(line.data(), end == std::string::npos ? line.size() : end);
    size_t slash = entry.find('/');
    while (slash != std::string_view::npos && slash > 0 &&
           entry[slash - 1] == '\\') {
      slash = entry.find('/', slash + 1);
    }
    std::string_view word = entry.substr(0, slash);
    std::string_view entry_flags =
        slash == std::string_view::npos ? "" : entry.substr(slash + 1);
    const auto has = [&](const std::string& any) {
      return entry_flags.find_first_of(any) != std::string_view::npos;
    };
    if (word.empty() || word.find('\\') != std::string_view::npos) continue;
    if (!Capitalised(word)) {
      out->lower.emplace_back(word);
      if (has(flags.compound_end)) {
        out->tails.emplace_back(word, has(flags.person));
      }
      continue;
    }
    // Flags of inflection and compounding make a noun ("Zitat/EPSTm"); a
    // person noun forms a feminine ("Sprecher/FNSm", "Fischer") and may be
    // a group's description or a surname, so it is kept apart.
    if (!noun_language) {
      out->names.emplace(word);
    } else if (has(flags.person)) {
      out->persons.emplace(word);
    } else if (has(flags.noun)) {
      out->nouns.emplace(word);
    } else {
      out->names.emplace(word);  // "Merkel/S", "Roth", "Ägypten/Sm"
    }
  }
  return true;
}

}  // namespace

Dictionary::Compound Dictionary::CompoundNoun(int lang,
                                              std::string_view lower) const {
  // "eBay-Deutschland", "SPD-Politiker": a hyphenated compound says what
  // it is by its parts, which the caller looks up.
  if (lang < 0 || lang >= kNumLanguages ||
      lower.find('-') != std::string_view::npos) {
    return Compound::kNone;
  }
  const Words& words = Get(lang);
  if (words.noun_tails.empty()) return Compound::kNone;
  // The longest tail first: "korruptionsskandal" -> "skandal".
  for (size_t i = kMinCompoundHead;
       i + kMinCompoundTail <= lower.size(); ++i) {
    if ((static_cast<unsigned char>(lower[i]) & 0xC0) == 0x80) continue;
    const std::string_view rest = lower.substr(i);
    for (std::string_view ending : inflection_.endings) {
      if (rest.size() < ending.size() + kMinCompoundTail ||
          rest.substr(rest.size() - ending.size()) != ending) {
        continue;
      }
      const std::string_view tail = rest.substr(0, rest.size() - ending.size());
      if (words.person_tails.contains(Sv(tail))) return Compound::kPerson;
      if (words.noun_tails.contains(Sv(tail))) return Compound::kNoun;
    }
  }
  return Compound::kNone;
}

Dictionary::Person Dictionary::PersonNoun(int lang,
                                          std::string_view lower) const {
  if (lang < 0 || lang >= kNumLanguages) return Person::kNone;
  const absl::flat_hash_set<std::string>& persons = Get(lang).persons;
  if (persons.empty()) return Person::kNone;
  const auto base = [&](std::string_view w) {
    for (std::string_view ending : inflection_.endings) {
      if (w.size() > ending.size() + 2 &&
          w.substr(w.size() - ending.size()) == ending &&
          persons.contains(Sv(w.substr(0, w.size() - ending.size())))) {
        return true;
      }
    }
    return CompoundNoun(lang, w) == Compound::kPerson;
  };
  if (base(lower)) return Person::kBase;
  // The feminine of flag F: "-in", plural "-innen", replacing a final
  // "-e" ("Expertin" of "Experte").
  for (std::string_view suffix : inflection_.feminine) {
    if (lower.size() <= suffix.size() + 2 ||
        lower.substr(lower.size() - suffix.size()) != suffix) {
      continue;
    }
    const std::string_view stem = lower.substr(0, lower.size() - suffix.size());
    for (const std::string& masculine : inflection_.masculine) {
      if (base(std::string(stem) + masculine)) return Person::kFeminine;
    }
    break;
  }
  return Person::kNone;
}

absl::StatusOr<std::unique_ptr<Dictionary>> Dictionary::Load(
    const std::string& list, const std::string& data_dir,
    LanguageBits noun_languages, NounInflection inflection) {
  QW_ASSIGN_OR_RETURN(std::vector<Row> rows, ReadTsv(list, 3));
  auto dict = std::unique_ptr<Dictionary>(new Dictionary());
  dict->inflection_ = std::move(inflection);
  for (int lang = 0; lang < kNumLanguages; ++lang) {
    dict->langs_[lang].noun_language = (noun_languages >> lang) & 1u;
  }
  for (const Row& row : rows) {
    const std::vector<std::string>& cols = row.cols;
    const auto malformed = [&](std::string_view what) {
      return Malformed(list, row.line, what);
    };
    const int lang = LanguageIndex(cols[0]);
    if (lang < 0) return malformed("unknown language");
    // A stemmer (Lexicon::LoadStemmers reads and checks it).
    if (cols[1] == "snowball") continue;
    const bool hunspell = cols[1] == "hunspell";
    if (!hunspell && cols[1] != "wordlist") {
      return malformed("format must be hunspell, wordlist or snowball");
    }
    HunspellFlags flags;
    if (hunspell && cols.size() == 6) {
      for (int i = 3; i < 6; ++i) {
        if (cols[i].empty()) return malformed("empty flag column (- for none)");
      }
      const auto set = [](const std::string& col) {
        return col == "-" ? std::string() : col;
      };
      flags = {set(cols[3]), set(cols[4]), set(cols[5])};
    } else if (cols.size() != 3) {
      return malformed(hunspell ? "expected lang, format, path[, compound-end, "
                                  "person, noun flags]"
                                : "expected lang, format, path");
    }
    const std::string path =
        !cols[2].empty() && cols[2][0] == '/' ? cols[2]
                                              : data_dir + "/" + cols[2];
    if (access(path.c_str(), R_OK) != 0) {
      dict->missing_.push_back(absl::StrCat(cols[0], " ", path));
      continue;
    }
    dict->langs_[lang].sources.push_back({hunspell, path, std::move(flags)});
  }
  return dict;
}

void Dictionary::LoadAll() const {
  for (int lang = 0; lang < kNumLanguages; ++lang) Get(lang);
}

const Dictionary::Words& Dictionary::Get(int lang) const {
  const Language& l = langs_[lang];
  absl::call_once(l.once, [this, &l] { l.words = Read(l, inflection_); });
  return l.words;
}

Dictionary::Words Dictionary::Read(const Language& l,
                                   const NounInflection& inflection) {
  Words words;
  // The Hunspell stems read so far, for the word lists after.
  HunspellStems known;
  for (const Source& source : l.sources) {
    if (source.hunspell) {
      HunspellStems read;
      // An unreadable file (in an encoding iconv does not know) adds
      // nothing; Load() has checked that it is installed.
      if (!ReadHunspell(source.path, source.flags, l.noun_language, &read)) {
        continue;
      }
      words.common.reserve(words.common.size() + read.lower.size() +
                           read.nouns.size());
      for (const std::string& w : read.lower) {
        words.common.insert(Fingerprint(LowerWord(w)));
      }
      for (const std::string& w : read.nouns) {
        words.common.insert(Fingerprint(LowerWord(w)));
      }
      if (!l.noun_language) {
        for (const std::string& w : read.names) {
          words.names.insert(Fingerprint(w));
        }
        continue;
      }
      // Compound ends that are nouns: their capitalised form is a noun
      // or person noun stem ("skandal" of "Skandal", not a verb's).
      absl::flat_hash_set<std::string> noun_stems;
      for (const std::string& w : read.nouns) noun_stems.insert(LowerWord(w));
      for (const std::string& w : read.persons) {
        noun_stems.insert(LowerWord(w));
        words.persons.insert(LowerWord(w));
      }
      for (auto& [tail, person] : read.tails) {
        if (tail.size() < kMinCompoundTail || !noun_stems.contains(tail)) {
          continue;
        }
        (person ? words.person_tails : words.noun_tails).insert(tail);
      }
      known.nouns.merge(read.nouns);
      known.names.merge(read.names);
      known.persons.merge(read.persons);
      continue;
    }
    std::ifstream file(source.path);
    std::string w;
    while (std::getline(file, w)) {
      if (!w.empty() && w.back() == '\r') w.pop_back();
      if (w.empty()) continue;
      if (!Capitalised(w)) {
        words.common.insert(Fingerprint(LowerWord(w)));
        continue;
      }
      if (!l.noun_language) {
        words.names.insert(Fingerprint(w));
        continue;
      }
      if (known.names.contains(w) || known.persons.contains(w)) continue;
      for (std::string_view ending : inflection.endings) {
        if (w.size() <= ending.size() + 2 ||
            std::string_view(w).substr(w.size() - ending.size()) != ending) {
          continue;
        }
        if (known.nouns.contains(
                Sv(std::string_view(w).substr(0, w.size() - ending.size())))) {
          words.common.insert(Fingerprint(LowerWord(w)));
          break;
        }
      }
    }
  }
  return words;
}

absl::StatusOr<std::shared_ptr<const Dictionary>> Dictionary::LoadShared(
    const std::string& list, const std::string& data_dir,
    LanguageBits noun_languages, const NounInflection& inflection) {
  using Key =
      std::tuple<std::string, std::string, LanguageBits, NounInflection>;
  static std::mutex* mu = new std::mutex();
  static auto* loaded = new std::map<Key, std::shared_ptr<const Dictionary>>();
  const Key key(list, data_dir, noun_languages, inflection);
  // Held while loading, so that Extractors created at once load the files
  // once.
  std::lock_guard<std::mutex> lock(*mu);
  auto it = loaded->find(key);
  if (it != loaded->end()) return it->second;
  QW_ASSIGN_OR_RETURN(std::unique_ptr<Dictionary> dict,
                      Load(list, data_dir, noun_languages, inflection));
  std::shared_ptr<const Dictionary> shared(std::move(dict));
  loaded->emplace(key, shared);
  return shared;
}

}  // namespace extract
}  // namespace quotewire

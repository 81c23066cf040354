// NameAnalyzer: turns a speaker mention into comparable name keys, so that
// "Alexander Lukashenko", "President Lukashenko", "Loekasjenko" and
// "Лукашенко" meet, while "Maria Kolesnikova" and "Anna Kolesnikova" stay apart.
//
// Pipeline (ICU for all Unicode work): NFKC normalisation, transliteration to
// Latin (Cyrillic included), removal of titles and roles ("President",
// "Interior Minister", "Mr", "de heer"), case and diacritic folding, then
// spelling-variant rules for transliterated names across English, Dutch,
// French and German conventions (oe/u, sj/sh, j/y/i, ï, kh/ch, -aya/-aïa),
// loaded from data files: rules, not a list of names.
//
// Thread safety: immutable after Create() (Analyze() keeps an internal,
// mutex-guarded memo of its results); all methods are const and may be
// called concurrently.
#ifndef QUOTEWIRE_SERVER_PEOPLE_NAME_ANALYZER_H_
#define QUOTEWIRE_SERVER_PEOPLE_NAME_ANALYZER_H_

#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace quotewire {

// Comparable keys of one name.
struct NameKey {
  // Display form: NFC, titles stripped, whitespace collapsed, original script
  // and case ("Alexander Lukashenko", "Loekasjenko").
  std::string display;
  // What the name was written with before it, as written: titles, roles,
  // ages and possessive descriptions ("Interior Minister",
  // "Tikhanovskaya's campaign ally"); empty when none. Never part of a name
  // form (an alias).
  std::string description;
  // Folded variant key of the surname (last name token): "lukashenko" and
  // "loekasjenko" give the same key. Empty when the name has no letters.
  std::string surname_key;
  // Folded variant keys of the given names, in order; empty for a surname
  // alone ("Lukashenko").
  std::vector<std::string> given_keys;
  // given_keys and surname_key joined by spaces.
  std::string full_key;
};

class NameAnalyzer {
 public:
  // Loads the title list and variant rules from `data_dir`. InvalidArgument
  // naming file and line for a malformed file; NotFound for a missing one.
  static absl::StatusOr<std::unique_ptr<NameAnalyzer>> Create(
      const std::string& data_dir);
  virtual ~NameAnalyzer() = default;

  // Returns the keys of a person's name as written, titles and roles removed.
  virtual NameKey Analyze(std::string_view name) const = 0;

  // Returns `name` with leading titles and roles removed ("Interior Minister
  // Yury Karayev" -> "Yury Karayev"), as written otherwise.
  virtual std::string StripTitles(std::string_view name) const = 0;

  // Folds any text for matching and search: NFKC, Latin transliteration,
  // lower case, diacritics removed ("Tikhanovskaïa" -> "tikhanovskaia").
  virtual std::string Fold(std::string_view text) const = 0;

  // The content words of a description written with a name ("Belarusian
  // opposition leader" -> {"belarusian", "leader", "opposition"}): folded,
  // split at anything but a letter, a possessive's s dropped, words of fewer
  // than 4 letters and the stop words of names/context_stopwords.txt left
  // out. Evidence for joins (person_context.h), not part of any key.
  virtual std::set<std::string> DescriptionWords(
      std::string_view description) const = 0;

  enum class Match {
    kDifferent,
    // Same surname and one side has no given name ("Lukashenko" vs
    // "Alexander Lukashenko"): the surname alone joins the full name.
    kSurnameOnly,
    // Same surname and compatible given names (equal keys, or one an initial
    // of the other).
    kSame,
  };
  // Compares two analysed names. Different given names with the same surname
  // are kDifferent.
  virtual Match Compare(const NameKey& a, const NameKey& b) const = 0;

  // Identifies the data the keys are computed from (every loaded line of the
  // name files, and the key algorithm's version): equal fingerprints give
  // equal keys. Keys stored under another fingerprint must be recomputed.
  virtual std::string RulesFingerprint() const = 0;

 protected:
  NameAnalyzer() = default;
};

}  // namespace quotewire

#endif  // QUOTEWIRE_SERVER_PEOPLE_NAME_ANALYZER_H_

// Dictionary: which words of a language are common words (nouns, adverbs,
// adjectives, verbs) rather than names, from Debian's spell-checker
// dictionaries and word lists, as listed in data/extract/dictionaries.tsv.
//
// German capitalises every noun, so a capitalised word opening a clause or
// standing before a cue ("Wörtlich:", "Demnach", "Zitat",
// "Korruptionsskandal führte aus") is no speaker when the dictionary knows
// it as a common word and nothing in the article makes it a name.
//
// Every other language writes names, and only names, with a capital: there
// a capitalised word is a common word taken for a name ("However",
// "Meanwhile", "Transcript") when the dictionary knows its lower-case form
// and does not list the word as written among its names ("Bush", "Rose",
// "Trump" are names of the English dictionary besides common words).
//
// Sources (dictionaries.tsv: lang, format, path[, compound-end, person,
// noun flags]; a relative path is taken from the data directory). A Hunspell file in another encoding than UTF-8
// (its .aff says `SET ISO8859-2`) is converted. In a language that does
// not capitalise nouns, a lower-case entry is a common word and a
// capitalised one a name, in both formats. In one that does (German):
//  - `hunspell`: a Hunspell .dic file (stem/flags per line). A lower-case
//    stem is a common word; a capitalised one is a common noun when it has
//    one of the row's noun flags, of inflections or compound parts (German
//    `ENPTJphijg`: "Zitat/EPSTm"), a person noun when it has a person flag,
//    forming a feminine (German `F`: "Sprecher/FNSm", also a surname like
//    "Fischer"), and a name otherwise ("Merkel/S", "Roth", "Ägypten/Sm").
//    Person nouns are no common words here: they describe speakers
//    ("Datenschützer äußerten"). A row without flags has no nouns: every
//    capitalised stem is a name.
//  - `wordlist`: a full-form word list, one word a line (wngerman). A
//    lower-case word is a common word; a capitalised one is a common noun
//    when it is a Hunspell noun stem or one with an inflection ending
//    ("Beispiele", "Landes") and not a Hunspell name or person noun.
// A source file that is not installed is skipped and reported by
// Missing(): the language then has fewer (or no) common words, and no rule
// rejects a speaker for it.
//
// Memory and start-up: per language, one hash set of 64-bit fingerprints
// of the lower-cased common words (and one of the names as written), built
// from the language's files the first time a method asks about that
// language (an article in it), or by LoadAll(): a process that reads only
// English pays for English only. LoadShared() hands the same dictionary
// to every Lexicon of the process, so each language is read once. All ten
// languages: 2.4 million words, about 1.1 s of CPU and 38 MB of heap
// (Release; per language in bench/RESULTS.md, `BM_DictionaryLoad` of
// bench/extract_bench).
//
// Thread safety: all methods are const and safe to call concurrently; a
// language's words are built once (absl::call_once) and immutable after.
// No Hunspell object is kept.
#ifndef QUOTEWIRE_SERVER_EXTRACT_DICTIONARY_H_
#define QUOTEWIRE_SERVER_EXTRACT_DICTIONARY_H_

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/base/call_once.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "server/core/absl_compat.h"
#include "server/extract/lexicon.h"

namespace quotewire {
namespace extract {

class Dictionary {
 public:
  // How languages that capitalise nouns inflect them (lexicon.h).
  using NounInflection = ::quotewire::extract::NounInflection;
  // The flags of a Hunspell source (the last columns of its row), each a
  // set of one-character flags, any of which marks a stem: it may end a
  // compound (`compound_end`, COMPOUNDEND: German `z`), it is a person
  // noun that forms a feminine (`person`: `F`), it is a common noun
  // (`noun`: flags of inflection and compounding, `ENPTJphijg`). Read only
  // in languages that capitalise nouns.
  struct HunspellFlags {
    std::string compound_end;
    std::string person;
    std::string noun;
  };
  // Reads `list` (dictionaries.tsv); `data_dir` resolves relative paths.
  // The sources it names are read on first use of their language.
  // NotFound when `list` is missing, InvalidArgument naming file and line
  // when a row is malformed; a source that is not installed is no error
  // (Missing()).
  // `noun_languages` (bit i: kLanguages[i]) are the languages that
  // capitalise nouns.
  static absl::StatusOr<std::unique_ptr<Dictionary>> Load(
      const std::string& list, const std::string& data_dir,
      LanguageBits noun_languages = 1u << kGerman,
      NounInflection inflection = {});
  // Load(), once per process for the same arguments: later calls return
  // the dictionary loaded by the first (the files are not read again).
  // Errors are not kept: a failed load is tried again.
  static absl::StatusOr<std::shared_ptr<const Dictionary>> LoadShared(
      const std::string& list, const std::string& data_dir,
      LanguageBits noun_languages, const NounInflection& inflection);

  // Reads every language's sources now (a server, so that the first
  // article of a language is not the one that waits for them).
  void LoadAll() const;

  // True when the lower-cased `lower` is a common word of language `lang`
  // (an index into kLanguages).
  bool IsCommonWord(int lang, std::string_view lower) const {
    return lang >= 0 && lang < kNumLanguages &&
           Get(lang).common.contains(Fingerprint(lower));
  }
  // True when `word`, as written, is a name of `lang`'s dictionary ("Bush",
  // "Trump"), in a language that does not capitalise nouns.
  bool IsName(int lang, std::string_view word) const {
    return lang >= 0 && lang < kNumLanguages &&
           Get(lang).names.contains(Fingerprint(word));
  }
  // Compound nouns of a Hunspell dictionary with compounding (German):
  // a lower-cased word made of at least kMinCompoundHead bytes and a noun
  // stem Hunspell allows at the end of a compound (a compound-end flag, at
  // least kMinCompoundTail bytes) with an inflection ending is a compound
  // noun ("korruptionsskandal", "medienberichte"), a person noun when that
  // stem forms a feminine ("klimaexperte", "exstellvertreter"). Such
  // compounds are rarely listed whole. Surnames may look like compounds
  // ("Rosenberg"): callers take this as a common word only where nothing
  // else makes the word a name.
  enum class Compound { kNone, kNoun, kPerson };
  static constexpr size_t kMinCompoundHead = 2;
  static constexpr size_t kMinCompoundTail = 4;
  Compound CompoundNoun(int lang, std::string_view lower) const;
  // Whether `lower` is a person noun of `lang`: a Hunspell noun stem
  // that forms a feminine (a person flag: "richter", "experte"), also
  // inflected ("richtern") or ending a compound ("klimaexperte"): kBase;
  // or such a feminine ("sprecherin", "klimaexpertinnen"): kFeminine.
  enum class Person { kNone, kBase, kFeminine };
  Person PersonNoun(int lang, std::string_view lower) const;
  // True when some source of `lang` was loaded.
  bool Has(int lang) const {
    return lang >= 0 && lang < kNumLanguages && !Get(lang).common.empty();
  }
  // Number of common words of `lang`.
  size_t Size(int lang) const {
    return lang >= 0 && lang < kNumLanguages ? Get(lang).common.size() : 0;
  }
  // The source files listed but not installed ("lang path").
  const std::vector<std::string>& Missing() const { return missing_; }

 private:
  Dictionary() = default;
  // FNV-1a, 64 bits: two words of one language share a fingerprint with
  // a probability of about 1e-7 for the largest dictionary.
  static uint64_t Fingerprint(std::string_view word) {
    uint64_t h = 14695981039346656037ull;
    for (unsigned char c : word) h = (h ^ c) * 1099511628211ull;
    return h;
  }
  // One language's words.
  struct Words {
    absl::flat_hash_set<uint64_t> common;  // fingerprints, lower-cased
    absl::flat_hash_set<uint64_t> names;   // fingerprints, as written
    absl::flat_hash_set<std::string> persons;       // person noun stems
    absl::flat_hash_set<std::string> noun_tails;    // compound ends
    absl::flat_hash_set<std::string> person_tails;  // person compound ends
  };
  struct Source {
    bool hunspell;  // else a word list
    std::string path;
    HunspellFlags flags;  // of a Hunspell source
  };
  // One language's sources, and its words once read.
  struct Language {
    std::vector<Source> sources;  // installed, in the order of the list
    bool noun_language = false;
    mutable absl::once_flag once;
    mutable Words words;
  };
  // `lang`'s words, read on the first call (0 <= lang < kNumLanguages).
  const Words& Get(int lang) const;
  static Words Read(const Language& language,
                    const NounInflection& inflection);

  std::array<Language, kNumLanguages> langs_;
  NounInflection inflection_;
  std::vector<std::string> missing_;
};

}  // namespace extract
}  // namespace quotewire

#endif  // QUOTEWIRE_SERVER_EXTRACT_DICTIONARY_H_

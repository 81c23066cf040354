// Lexicon: the linguistic knowledge of the extraction engine, loaded once from
// the tab-separated files under data/extract/ (see data/extract/README.md).
//
// Every lookup takes a lower-cased word (LowerWord() in text_scan.h) and is a
// hash-map probe; nothing is loaded or compiled per article.
//
// Thread safety: immutable after Load(); all methods are const and safe to
// call concurrently.
#ifndef QUOTEWIRE_SERVER_EXTRACT_LEXICON_H_
#define QUOTEWIRE_SERVER_EXTRACT_LEXICON_H_

#include <array>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "absl/base/attributes.h"
#include "absl/base/optimization.h"
#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "server/core/absl_compat.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace quotewire {
namespace extract {

// Stands for the two-apostrophe mark '' in quote-mark pairs.
inline constexpr char32_t kDoubleApostrophe = 0xE000;

// kNeuter: a pronoun for an organisation or a thing ("it said"); never a
// person's gender.
enum class Gender : uint8_t {
  kUnknown,
  kMale,
  kFemale,
  kPlural,
  kFirstPerson,
  kNeuter
};

// Bit flags of a cue phrase.
enum CueFlag : uint8_t {
  kCueInverted = 1,   // the speaker follows the cue ("according to X")
  kCueAfterOnly = 2,  // only valid right after a quote („…“, so X)
  kCueNonSpeech = 4,  // introduces slogans, placards, chants
  kCueOpensSentence = 8,  // only opening the sentence before the quote
                          // ("Pour X, « … »": `pour` is a preposition too)
  kCueSeparable = 16,  // the words after the first may close the clause
                       // instead of following it ("räumte der Minister
                       // ein", "liet de minister weten"); cue_match.h
  kCueImpersonal = 32,  // an impersonal subject ("heißt es"): the source
                        // is the document or body in a prepositional
                        // phrase of the clause ("In der Erklärung der
                        // Partei heißt es: „…“")
};

// A reporting phrase: its words (lower-case) and flags.
struct CuePhrase {
  std::vector<std::string> words;
  uint8_t flags = 0;
};

// Closed word classes of words.tsv, as bit flags.
enum WordClass : uint32_t {
  kDet = 1u << 0,
  kIndef = 1u << 1,
  kConn = 1u << 2,
  kAux = 1u << 3,
  kCoord = 1u << 4,
  kThat = 1u << 5,
  kOrg = 1u << 6,
  kGroup = 1u << 7,
  kRole = 1u << 8,
  kGeneric = 1u << 9,
  kMedia = 1u << 10,
  kPronMale = 1u << 11,    // him, his
  kPronFemale = 1u << 12,  // her, hers
  kStop = 1u << 13,        // stopwords.tsv, any language
  kTitle = 1u << 14,       // titles.tsv
  // In the lexicon: the first word of some cue phrase. On a token after
  // ApplyLanguage(): a whole cue phrase matches there (cue_match.h), so
  // "gibt" of "gibt zu" is no cue in "Kindergärten gibt es".
  kCueWord = 1u << 15,
  kPrep = 1u << 16,        // prepositions
  kReported = 1u << 17,    // reported_speech.tsv: marks reported speech
  kPronoun = 1u << 18,     // pronouns.tsv
  kOutletCue = 1u << 19,   // first word of an outlets.tsv addr/on phrase
  kNaming = 1u << 20,      // naming verbs ("heißt", "titled")
  kAnswer = 1u << 21,      // answer labels of Q&A interviews ("A:", "R :")
  kAgeUnit = 1u << 22,     // "ans", "jaar", "años" after an age number
  kDocNoun = 1u << 23,     // "report", "statement": speaks for its source
  kGenitive = 1u << 24,    // articles of a genitive complement ("des", "der")
  // Set on tokens by ApplyLanguage(): the rest of a separable cue phrase
  // closing its clause ("ein" of "räumte der Minister ein"; cue_match.h).
  kCueRest = 1u << 25,
  // words.tsv `territory`: a territorial body whose name is the place
  // written after it ("gemeente Utrecht", "provincie Zeeland").
  kTerritory = 1u << 26,
  // Set on tokens by ApplyLanguage(): a one-word cue by its Snowball stem
  // (cues.tsv flag `lemma`: "reclamou" of "reclamar"), next to a quote.
  kCueLemma = 1u << 27,
  // words.tsv `obj`: an article that marks only an object case (German
  // accusative and dative "den", "einem"): its phrase is no subject.
  kObjectCase = 1u << 28,
  // words.tsv `time`: names of weekdays and months ("Tuesday", "Dienstag"):
  // a date, never a speaker nor part of a name.
  kTimeWord = 1u << 29,
  // words.tsv `who`: relative pronouns that stand only for persons (English
  // "who", "whose"): a name they follow is a person's.
  kPersonRelative = 1u << 30,
  // Set by Lexicon::Lookup when the word's classes differ by language ("a":
  // an English article, a Spanish preposition): ApplyLanguage() then keeps
  // only the classes of the article's language.
  kLangSpecific = 1u << 31,
};


// A word of up to seven bytes with its length in the top byte (unique:
// a word's bytes are letters, digits, joiners or UTF-8, never below
// 0x08), else its first eight bytes. Built with overlapping loads. Equal
// keys of short words mean equal words, so a hash table holding keys
// needs no text comparison for them.
inline uint64_t WordKey(std::string_view w) {
  const char* p = w.data();
  const size_t n = w.size();
  uint64_t v;
  if (n >= 8) {
    std::memcpy(&v, p, 8);
    return v;
  }
  if (n >= 4) {
    uint32_t a, b;
    std::memcpy(&a, p, 4);
    std::memcpy(&b, p + n - 4, 4);
    v = a | (static_cast<uint64_t>(b) << (8 * (n - 4)));
  } else if (n > 0) {
    v = static_cast<uint64_t>(static_cast<unsigned char>(p[0])) |
        (static_cast<uint64_t>(static_cast<unsigned char>(p[n / 2]))
         << (8 * (n / 2))) |
        (static_cast<uint64_t>(static_cast<unsigned char>(p[n - 1]))
         << (8 * (n - 1)));
  } else {
    v = 0;
  }
  return v | (static_cast<uint64_t>(n) << 56);
}

// WordKey() of the `n` bytes at `p` when eight bytes from `p` may be read
// (a word inside a longer text): one load and a mask, no branch on the
// length but the one for eight bytes or more.
inline uint64_t WordKeyOfPadded(const char* p, size_t n) {
  // The low n bytes, by length: a load, not a variable shift and a not.
  static constexpr uint64_t kLowBytes[8] = {
      0,          0xFF,           0xFFFF,           0xFFFFFF,
      0xFFFFFFFF, 0xFFFFFFFFFFull, 0xFFFFFFFFFFFFull, 0xFFFFFFFFFFFFFFull};
  uint64_t v;
  std::memcpy(&v, p, 8);
  if (n >= 8) return v;
  return (v & kLowBytes[n]) | (static_cast<uint64_t>(n) << 56);
}

// The mixing step of the word hashes: one 64 x 64 -> 128-bit multiply by
// an odd constant, its halves folded by xor, so that every bit of the
// result depends on every bit of `v` (the low half alone misses the high
// bits of `v`, the high half alone the carries of the low ones).
ABSL_ATTRIBUTE_ALWAYS_INLINE
inline uint64_t WordMix(uint64_t v) {
  const unsigned __int128 p =
      static_cast<unsigned __int128>(v) * 0x9E3779B97F4A7C15ull;
  return static_cast<uint64_t>(p) ^ static_cast<uint64_t>(p >> 64);
}

// WordHashBits() of a word of up to seven bytes, from its WordKey() `key`
// (which holds all of it, its length in the top byte): one WordMix.
ABSL_ATTRIBUTE_ALWAYS_INLINE
inline uint64_t ShortWordHashBits(uint64_t key) { return WordMix(key); }

// A quick hash of a short lower-cased word, shared by the lexicon's word
// index and the per-document WordTable (document.h), so that a word new to
// a document is looked up in the lexicon without hashing it again. Words
// are compared on a match: it only has to spread words over a table. A
// word of up to seven bytes is hashed from its WordKey(), which holds all
// of it: where both are wanted (WordTable::Intern, for every token) the
// compiler builds the key once. WordHashBits() is the hash before its
// last shift (WordMapHash below keeps all 64 bits).
ABSL_ATTRIBUTE_ALWAYS_INLINE
inline uint64_t WordHashBits(std::string_view w) {
  const char* p = w.data();
  const size_t n = w.size();
  if (n < 8) return ShortWordHashBits(WordKey(w));
  uint64_t h = 0x9E3779B97F4A7C15ull ^ n;
  const auto load64 = [](const char* q) {
    uint64_t v;
    std::memcpy(&v, q, 8);
    return v;
  };
  for (size_t i = 0; i + 8 < n; i += 8) h = WordMix(h ^ load64(p + i));
  return WordMix(h ^ load64(p + n - 8));  // the last eight, overlapping
}
inline uint32_t WordHash(std::string_view w) {
  return static_cast<uint32_t>(WordHashBits(w) >> 32);
}

// The hash of the word-keyed containers below: WordHash() with all 64
// bits kept (absl's tables take the low seven bits and the rest
// apart). Cheaper than absl::Hash for the short words they hold.
struct WordMapHash {
  using is_transparent = void;
  size_t operator()(absl::string_view w) const {
    const uint64_t h = WordHashBits(std::string_view(w.data(), w.size()));
    return static_cast<size_t>(h ^ (h >> 32));
  }
};
struct WordMapEq {
  using is_transparent = void;
  bool operator()(absl::string_view a, absl::string_view b) const {
    return a == b;
  }
};

// Word-keyed containers of the lexicon and of the stages.
template <typename V>
using WordMap = absl::flat_hash_map<std::string, V, WordMapHash, WordMapEq>;
using WordSet =
    absl::flat_hash_set<absl::string_view, WordMapHash, WordMapEq>;

// A set of words by two bits each, at two slices of their WordHash(): a
// word with either bit clear is not in it.
class WordFilter {
 public:
  void Add(uint32_t hash) {
    bits_[(hash & 0x7FFF) >> 6] |= 1ull << (hash & 63);
    bits_[(hash >> 17) >> 6] |= 1ull << ((hash >> 17) & 63);
  }
  bool MayHold(uint32_t hash) const {
    return (bits_[(hash & 0x7FFF) >> 6] & (1ull << (hash & 63))) &&
           (bits_[(hash >> 17) >> 6] & (1ull << ((hash >> 17) & 63)));
  }

 private:
  std::array<uint64_t, 512> bits_{};
};

// The languages whose stop-words we count (bit i of a language mask is
// kLanguages[i]); other codes in the data files mean every language.
inline constexpr const char* kLanguages[] = {"en", "nl", "de", "fr", "es",
                                             "ru", "it", "pt", "cs", "pl"};
inline constexpr int kNumLanguages = 10;
// Stop-word language bits of a word (bit i = kLanguages[i]).
using LanguageBits = uint16_t;
static_assert(kNumLanguages <= 16, "LanguageBits holds one bit per language");

// Index of `lang` in kLanguages, -1 when not listed. Constexpr, so rules
// for one language name it: `constexpr int kGerman = LanguageIndex("de")`.
constexpr int LanguageIndex(std::string_view lang) {
  for (int i = 0; i < kNumLanguages; ++i) {
    if (lang == kLanguages[i]) return i;
  }
  return -1;
}
// The language index of an article in a language outside kLanguages: only
// the entries of every language (`*`) apply to it (ClassesIn).
inline constexpr int kUnlistedLanguage = -2;
inline constexpr int kEnglish = LanguageIndex("en");
inline constexpr int kGerman = LanguageIndex("de");

// How the languages that capitalise nouns inflect them (endings.tsv):
// endings tried on a full form to find its Hunspell stem (`noun`: "-e" of
// "Beispiele", "-es" of "Landes"; "" for the stem itself), endings of the
// feminine of a person noun (`feminine`: "-in", "-innen"), and what such
// an ending replaces at the end of the person noun (`masculine`: "", "-e"
// of "Experte" for "Expertin").
struct NounInflection {
  std::vector<std::string> endings;
  std::vector<std::string> feminine;
  std::vector<std::string> masculine;
  bool operator<(const NounInflection& o) const {
    return std::tie(endings, feminine, masculine) <
           std::tie(o.endings, o.feminine, o.masculine);
  }
};

class Dictionary;

class Lexicon {
 public:
  ~Lexicon();
  // Loads every file of `dir`. NotFound when a file is missing,
  // InvalidArgument naming file and line when one is malformed.
  static absl::StatusOr<std::unique_ptr<Lexicon>> Load(const std::string& dir);

  // Quote marks: the closing marks that may close `open`; empty when `open`
  // opens nothing.
  const std::vector<char32_t>& ClosersOf(char32_t open) const;
  // Closers tried only when no regular closer of `open` is in the paragraph
  // (mixed straight/curly marks).
  const std::vector<char32_t>& FallbackClosersOf(char32_t open) const;
  bool IsQuoteMark(char32_t c) const { return marks_.contains(c); }
  // True when byte `b` may start a quotation mark in a text: the first
  // UTF-8 byte of a mark, or an apostrophe when '' is a mark. Scanners skip
  // every other byte.
  bool MayStartQuoteMark(unsigned char b) const { return mark_leads_[b]; }
  // The ASCII bytes that may start a mark (" and ' in quote_marks.tsv).
  const std::string& AsciiMarkLeads() const { return ascii_mark_leads_; }

  // Cue phrases whose first word is `lower`, of language `lang` (an index
  // into kLanguages; -1: of every language); null when none. CAVEAT: the
  // word alone is no cue; MatchCueAt() (cue_match.h) tells whether one of
  // them matches at a token.
  const std::vector<CuePhrase>* CuesStartingWith(std::string_view lower,
                                                 int lang = -1) const;

  // True when language `lang` has cues listed by their lemma (cues.tsv flag
  // `lemma`).
  bool HasLemmaCues(int lang) const {
    return lang >= 0 && lang < kNumLanguages && !lemma_cues_[lang].empty();
  }
  // True when `lower` has the Snowball stem of a cue lemma of `lang`
  // ("garantiu", "garantem" of "garantir"); sets `*flags` to its CueFlag
  // bits. Stems only words passing a filter of the stems' first bytes.
  bool LemmaCue(int lang, std::string_view lower, uint8_t* flags) const;
  // The Snowball stem of the lower-cased word `lower` in language `lang`,
  // by the stemmer its `snowball` row of dictionaries.tsv names; empty when
  // it has none (Czech, Polish).
  std::string Stem(int lang, std::string_view lower) const;

  // Pronoun gender, or nullopt-like kUnknown with `*found` false.
  bool Pronoun(std::string_view lower, Gender* gender) const;
  // True when `lower_pronoun` means "she" with a singular verb and "they"
  // with a plural one (pronouns.tsv gender `s`: Dutch "ze", German "sie")
  // and `lower_verb` lacks the plural ending ("zei ze", "sagte sie").
  bool SingularSheThey(std::string_view lower_pronoun,
                       std::string_view lower_verb) const;
  // Title gender; returns false when `lower` is not a title. Multi-word titles
  // ("de heer") are keyed by their last word with the full phrase in `phrase`.
  // Most words are answered inline, by a filter.
  bool Title(std::string_view lower, Gender* gender) const {
    return title_filter_.MayHold(WordHash(lower)) && ListedTitle(lower, gender);
  }
  // Title() with the gender the title has in `lang` when listed for it.
  bool TitleIn(std::string_view lang, std::string_view lower,
               Gender* gender) const;
  Gender FirstNameGender(std::string_view lower) const {
    return FirstNameGender(lower, WordHash(lower));
  }
  // The same with the word's WordHash() (Document::words keeps it): most
  // words are answered inline, by the filter.
  Gender FirstNameGender(std::string_view lower, uint32_t hash) const {
    if (!first_name_filter_.MayHold(hash)) return Gender::kUnknown;
    return ListedFirstNameGender(lower);
  }
  Gender SurnameGender(std::string_view lower) const;
  // WordClass bits of `lower` in any language (0 when unknown).
  uint32_t Classes(std::string_view lower) const;
  // Word lists of words.tsv that one rule consults where it needs them.
  // They widen the word classes beyond the 32 WordClass bits, which every
  // token carries and which are all taken: a list costs a token nothing.
  enum class List : uint8_t {
    kClitic,  // `clitic`: unstressed pronouns before a Romance verb
    kOutletArticle,  // `outletart`: "the" of "The Guardian"
    kDativeArticle,  // `dative`: "der", "dem" of "sagte der Zeitung"
    kImpersonal,  // `impersonal`: "on" of "-t-on", a subject and no speaker
    kPassive,  // `passive`: "wurde" of "wurde als „…“ bezeichnet"
    kAgent,    // `agent`: "von" of a passive's agent ("von Kritikern")
    // `passivesubject`: participles whose passive subject is the speaker
    // ("zitiert" of "X wurde mit den Worten „…“ zitiert")
    kPassiveSubject,
    // `selfnaming`: "sich", "man" of "nennt sich „…“", "nennt man „…“"
    kSelfNaming,
    kNamingVerb,  // `namingverb`: "nennt" of "nennt sich „…“"
    // `subordinator`: conjunctions that open a clause before the main
    // clause ("Während" of "Während X erklärte, …, „…“, räumte Y ein")
    kSubordinator,
    // `asclause`: "as" of "As X, a former senator, put it: “…”", whose
    // clause the speaker opens
    kAsClause,
    // `legal`: the legal form closing a firm's name ("AG", "GmbH", "e.V",
    // "Ltd", "s.r.o"; without its final dot)
    kLegalForm,
    // `quoting`: reporting verbs whose subject is the medium and whose
    // object is the speaker ("zitiert" of "„…“, zitiert die Zeitung den
    // Minister X")
    kQuoting,
    // `relative`: relative pronouns that open a clause after a comma
    // ("der", "welche" of "der Verband, der …")
    kRelative,
    // `webdomain`: the lower-case last labels of web addresses ("de" of
    // "ndr.de", "co" and "uk" of "bbc.co.uk"): a period before one inside a
    // word joins it and ends no sentence
    kWebDomain,
    // `chant`: nouns of a chanted, shouted or written message of people
    // ("Parolen", "Aufschrift"): a quote after one is that message, speech
    // of the people chanting or of the thing bearing it
    kChant,
    // `following`: "folgende" of "veröffentlichte folgende Erklärung: „…“",
    // announcing the quote after the colon
    kFollowing,
    kNumLists,
  };
  // Endings of endings.tsv that rules test, one kind each.
  enum class Ending : uint8_t {
    kAge,  // `age`: glued to an age number ("26-year-old", "65-jährige")
    kDemonym,  // `demonym`: "-an" of "Nebraskan" (of "Nebraska")
    kGenitive,  // `genitive`: "-s" of "des Fachmagazins"
    // `adjgenitive`: "-ого" of "Калининского округа", "-ého" of
    // "Jihočeského kraje": an adjective in the genitive
    kAdjGenitive,
    // Dictionary::NounInflection of the languages that capitalise nouns:
    kNoun,       // `noun`: "-e" of "Beispiele" (Hunspell stem "Beispiel")
    kFeminine,   // `feminine`: "-in" of "Expertin"
    kMasculine,  // `masculine`: "-e" of "Experte", which "-in" replaces
    kNumEndings,
  };
  // The endings of `kind` of every language, each once, in file order (an
  // empty one for `-`).
  const std::vector<std::string>& Endings(Ending kind) const {
    return endings_[static_cast<int>(kind)];
  }
  // The endings of kNoun, kFeminine and kMasculine, for the dictionaries.
  NounInflection NounForms() const;
  // True when `lower` is in `list` for language `lang` (an index into
  // kLanguages; -1: for any language; kUnlistedLanguage: listed for `*`).
  bool InList(List list, std::string_view lower, int lang = -1) const;
  // The role class (role_classes.tsv) of the role noun `lower`, 1-based, of
  // the language `lang`; 0 when `lower` is in none. Two nouns of one class
  // can describe the same person ("l'élue" and "la maire").
  int RoleClass(int lang, std::string_view lower) const;
  // The members of the role classes of language `lang` (an index into
  // kLanguages), each with its class, for matching compounds and
  // inflections ("SPD-Politikerin"); empty for no listed language.
  const std::vector<std::pair<std::string, int>>& RoleClassMembers(
      int lang) const;
  // WordClass bits of `lower` in language `lang` (an index into kLanguages;
  // -1: any language; kUnlistedLanguage: those of `*` entries only).
  uint32_t ClassesIn(std::string_view lower, int lang) const;
  // ClassesIn() of the word with Lookup() index `index` (>= 0), without
  // hashing the text again.
  uint32_t ClassesInAt(int32_t index, int lang) const;
  // WordClass bits and stop-word language bits in one probe. A word with an
  // elided French article ("l'avocat") has the noun's role, title,
  // organisation and group bits.
  void Lookup(std::string_view lower, uint32_t* classes,
              LanguageBits* stop_languages) const {
    int32_t index;
    Lookup(lower, WordHash(lower), WordKey(lower), classes, stop_languages,
           &index);
  }
  // Lookup() of a word whose WordHash() and WordKey() are known
  // (Tokenize); `*index` identifies the word for ClassesInAt() (-1 when it
  // is not listed).
  void Lookup(std::string_view lower, uint32_t hash, uint64_t key,
              uint32_t* classes, LanguageBits* stop_languages,
              int32_t* index) const;
  // Language bits of a marking letter (letters.tsv), 0 for most letters.
  uint32_t LetterLanguages(char32_t lower_letter) const {
    auto it = letters_.find(lower_letter);
    return it == letters_.end() ? 0 : it->second;
  }
  // Stop-word language bits (bit i = kLanguages[i]).
  uint32_t StopLanguages(std::string_view lower) const;

  // Outlet phrases (outlets.tsv) whose first word is `lower`, addressee
  // phrases ("told", "in an interview with") before medium phrases ("said
  // on"); null when none.
  const std::vector<std::vector<std::string>>* OutletPhrasesStartingWith(
      std::string_view lower) const {
    auto it = outlet_phrases_.find(Sv(lower));
    return it == outlet_phrases_.end() ? nullptr : &it->second;
  }
  // True when `lower` is a common word (noun, adverb, adjective, verb)
  // of language `lang` (an index into kLanguages) by the dictionaries of
  // dictionaries.tsv (dictionary.h); false for a language without one.
  bool IsCommonWord(int lang, std::string_view lower) const;
  // The dictionaries of dictionaries.tsv.
  const Dictionary& dictionary() const { return *dictionary_; }

  // True when `lang` capitalises common nouns (German).
  bool CapitalisesNouns(std::string_view lang) const {
    return noun_suffixes_.contains(Sv(lang));
  }
  // True when `lower` ends like a common noun of `lang`.
  bool HasNounSuffix(std::string_view lang, std::string_view lower) const {
    return HasNounSuffix(LanguageIndex(lang), lower);
  }
  // The same by language index (Document::lang); inline: most words end
  // with a byte that ends no suffix of the language and return here.
  bool HasNounSuffix(int lang, std::string_view lower) const {
    if (lang < 0 || lower.size() < 4) return false;
    const SuffixList& list = noun_suffixes_of_[lang];
    const unsigned char last = lower.back();
    return (list.last_bytes[last >> 6] >> (last & 63) & 1) &&
           HasNounSuffixSlow(list, lower);
  }
  // True when `lower` ends with a title or role word of 4+ letters
  // ("vw-chef", "bundesinnenminister", "polizeisprecher").
  bool EndsWithRole(std::string_view lower) const {
    return EndsWithClass(lower, kTitle | kRole);
  }
  // True when `lower` ends with a word of 4+ letters having one of the
  // WordClass bits of `mask` ("fernsehsender" ends with "sender").
  // Inline: most words end like no listed word of `mask` and return here.
  bool EndsWithClass(std::string_view lower, uint32_t mask) const {
    return lower.size() >= 5 && (end_classes_[EndKey(lower)] & mask) &&
           EndsWithClassSlow(lower, mask);
  }

  // True when `lower` is a compound role noun of `lang` (role_suffixes.tsv):
  // longer than a listed suffix by at least three bytes and ending with it
  // ("gewerkschaftschef", "bundesinnenministerin"). Sets `*gender`.
  bool RoleCompound(std::string_view lang, std::string_view lower,
                    Gender* gender) const {
    return RoleCompound(LanguageIndex(lang), lower, gender);
  }
  // The same by language index (Document::lang).
  bool RoleCompound(int lang, std::string_view lower, Gender* gender) const;

  // `lower` without the longest case ending of `lang` (case_endings.tsv)
  // that leaves at least four letters; `lower` itself when none applies
  // ("смирнова" -> "смирнов", "лукашенко" -> "лукашенко").
  std::string_view CaseStem(std::string_view lang,
                            std::string_view lower) const;
  // True when `lang` inflects names for case (has case_endings.tsv rows).
  bool InflectsNames(std::string_view lang) const {
    return case_endings_.contains(Sv(lang));
  }

  // The nominative of a two-word name written in an oblique case
  // (name_cases.tsv: "Андрея Орлова" -> "Андрей Орлов", "Hany Vondráčkové"
  // -> "Hana Vondráčková"); empty when no rule gives a known first name, or
  // when the first word is a known first name already, unless it is also
  // the oblique case of another one whose gender's surname rules match a
  // surname marking no gender ("Martina Dvořáka" -> "Martin Dvořák").
  // `first` and `surname` are as written; sets `*gender` of the first name.
  std::string NominativeName(std::string_view lang, std::string_view first,
                             std::string_view surname, Gender* gender) const;

  // True when `lower_name` (lower-cased, as written) is a known news medium.
  bool IsKnownOutlet(std::string_view lower_name) const;

  // The known news medium, as written in outlets.tsv, whose name is a
  // determiner (words.tsv `det`) and `lower_rest` ("monde" -> "Le Monde",
  // for "auprès du Monde" where the article is inside the preposition);
  // empty when none.
  std::string KnownOutletAfterArticle(std::string_view lower_rest) const;

  // Prepositions of language `lang` (outlets.tsv `to`: Italian "all'",
  // "a") whose object is an addressee only when it names a known medium
  // or contains a media noun; null when none starts with `lower`.
  struct NamedOutletPhrase {
    std::vector<std::string> words;
    int lang = -1;  // index into kLanguages
  };
  const std::vector<NamedOutletPhrase>* NamedOutletPhrasesStartingWith(
      std::string_view lower) const {
    auto it = named_outlet_phrases_.find(Sv(lower));
    return it == named_outlet_phrases_.end() ? nullptr : &it->second;
  }

  // True when `lower` is an elided article, preposition or complementiser
  // of words.tsv, written with its apostrophe ("l'", "all'", "dell’",
  // "qu'"): Tokenize() writes it as a word of its own, apart from the word
  // it is glued to, and so do the phrases of the data files.
  bool IsElision(std::string_view lower) const {
    return elisions_.contains(Sv(lower));
  }

  // True when language `lang` (an index of kLanguages; -1 for a language
  // outside the list, where every entry applies) puts the subject after the
  // finite verb when an adverbial opens the sentence (word_order.tsv
  // `inverts`: "Daarna zei hij", "Luego declaró el ministro").
  bool InvertsAfterAdverbial(int lang) const {
    return lang < 0 || (inverting_languages_ & (1u << lang)) != 0;
  }

  // True when language `lang` (an index of kLanguages) drops the subject
  // pronoun (word_order.tsv `prodrop`: "«…», disse.", "„…“ dodala."): a cue
  // without a subject names the person the passage is about.
  bool DropsSubject(int lang) const {
    return lang >= 0 && (prodrop_languages_ & (1u << lang)) != 0;
  }
  // The gender of the subject that the ending of `lower_verb` marks in
  // language `lang` (word_order.tsv `verbgender`: Czech "řekla", Polish
  // "powiedziała", Russian "сказала" are a woman's); kUnknown when none.
  Gender VerbGender(int lang, std::string_view lower_verb) const;
  // The gender a singular article of language `lang` gives the description
  // it opens (gender_marks.tsv `article`: "die", "la", "o"); kUnknown when
  // none.
  Gender ArticleGender(int lang, std::string_view lower) const;
  // The gender the ending of role noun `lower` marks in language `lang`
  // (gender_marks.tsv `ending`, the longest that matches: "ministerin",
  // "l'élue", "starostka"; none for "burgemeester"); kUnknown when none.
  Gender RoleNounGender(int lang, std::string_view lower) const;

  // Other facts of a language's grammar that rules test, one word_order.tsv
  // property each (that file says what each means). False for a language
  // outside kLanguages.
  enum class Trait : uint8_t {
    kOpeningSubjectSpeaks,   // `subjectspeaks` (fr es it pt)
    kRoleBeforeName,         // `rolebeforename` (fr es it pt)
    kRoleBeforeCommaName,    // `rolebeforecommaname` (en)
    kAddresseeAfterName,     // `addresseeaftername` (cs pl ru)
    kDativeAddressee,        // `dativeaddressee` (de)
    kBareRoleOpensSentence,  // `barerole` (nl)
    kNoArticles,             // `noarticles` (cs pl ru)
    kArticleMakesNoun,       // `articlenoun` (en)
    kGenitiveChain,          // `genitivechain` (cs pl ru)
    kCyrillic,               // `cyrillic` (ru)
    kTwoSurnames,            // `twosurnames` (es)
    kNumTraits,
  };
  bool Has(int lang, Trait trait) const {
    return lang >= 0 &&
           ((traits_[static_cast<int>(trait)] >> lang) & 1u) != 0;
  }
  // The language of a text that shows none (word_order.tsv `default`: no
  // stop-word nor marking letter of any, and CLD2 not sure); an index into
  // kLanguages.
  int DefaultLanguage() const { return default_language_; }
  // True when `lower` ends like a participle of language `lang`
  // (word_order.tsv `participle`, ending: English "-ing"), which starts a
  // modifier after a noun ("Protesters marching through the streets").
  bool EndsLikeParticiple(int lang, std::string_view lower) const;
  // True when `lower` ends like a past tense of language `lang`
  // (word_order.tsv `past`, ending: English "-ed"), a verb between two names
  // ("Senator Ada Quell endorsed Governor Bram Ostrow").
  bool EndsLikePastVerb(int lang, std::string_view lower) const;
  // True when the lower-case `lower` is a plural common noun of language
  // `lang`: it ends with a plural ending of word_order.tsv (`plural`,
  // ending[, singular ending]: English "-s", French "-x", Dutch "-en",
  // "-ers" for "-er") and the dictionary knows the singular, what is left
  // (at least three bytes) with the singular ending, as a common word
  // ("mourners" of "mourner", "ouvriers", "boeren", "bewoners"). A plural noun names a
  // group of people, never one person ("The pensioners chanted").
  bool PluralNoun(int lang, std::string_view lower) const;

 private:
  // The role, title, organisation and group bits of the noun after an
  // elided article ("l'avocat"; Lookup() of a word of more than three
  // bytes starting with 'l'); 0 when there is none.
  uint32_t ElidedNounClasses(std::string_view lower) const;
  // Lookup's answer for `lower`: its classes, stop-word languages and
  // word_list_ index (-1 when not listed). The word's bucket decides hit or
  // miss without a branch (a key compare per place, the answer masked);
  // only a long word whose first eight bytes match, or a miss in a full
  // bucket, goes on out of line (ProbeAfter). Tokenize looks up each word
  // new to the article, a third of them listed: branches on "slot empty"
  // and "slot taken by another word" mispredicted for one lookup in two.
  struct Probed {
    uint32_t classes;
    LanguageBits stop_languages;
    int32_t index;
  };
  ABSL_ATTRIBUTE_ALWAYS_INLINE
  Probed Probe(std::string_view lower, uint32_t hash, uint64_t key) const {
    const size_t i = hash & word_bucket_mask_;
    const WordBucket& b = word_buckets_[i];
    const uint32_t match = KeyPlaces(b, key);
    // As integers, one branch: a long word's key is only its first eight
    // bytes, and a full bucket may have passed the word to the next.
    const uint32_t long_word = lower.size() >= 8;
    const uint32_t full = b.key[kBucketPlaces - 1] != kNoWordKey;
    if (ABSL_PREDICT_FALSE((long_word & (match != 0)) |
                           (full & (match == 0)))) {
      return ProbeAfter(i, lower, key);
    }
    // At most one place matches a short word (its key is all of it); with
    // none, the last place is read: the bucket is not full, so it is
    // empty and answers "not listed".
    const int j = __builtin_ctz(match | (1u << 2 * (kBucketPlaces - 1))) / 2;
    return {b.classes[j], b.stop_languages[j],
            static_cast<int32_t>(b.index_plus_one[j]) - 1};
  }
  Probed ProbeAfter(size_t bucket, std::string_view lower,
                    uint64_t key) const;
  Lexicon();
  absl::Status LoadQuoteMarks(const std::string& path);
  absl::Status LoadCues(const std::string& path);
  absl::Status LoadPronouns(const std::string& path);
  absl::Status LoadTitles(const std::string& path);
  absl::Status LoadFirstNames(const std::string& path);
  absl::Status LoadSuffixes(const std::string& path);
  absl::Status LoadWords(const std::string& path);
  absl::Status LoadWordOrder(const std::string& path);
  absl::Status LoadOutlets(const std::string& path);
  absl::Status LoadStopwords(const std::string& path);
  absl::Status LoadNounSuffixes(const std::string& path);
  absl::Status LoadReportedSpeech(const std::string& path);
  absl::Status LoadRoleSuffixes(const std::string& path);
  absl::Status LoadRoleClasses(const std::string& path);
  absl::Status LoadCaseEndings(const std::string& path);
  absl::Status LoadNameCases(const std::string& path);
  absl::Status LoadLetters(const std::string& path);
  absl::Status LoadGenderMarks(const std::string& path);
  absl::Status LoadEndings(const std::string& path);
  absl::Status LoadVerbForms(const std::string& path);
  // The `snowball` rows of dictionaries.tsv (Dictionary reads the others).
  absl::Status LoadStemmers(const std::string& path);
  // The lower-cased words of a data-file phrase, with elided forms split
  // off as Tokenize() does ("à l'afp" -> "à", "l'", "afp").
  std::vector<std::string> PhraseWords(std::string_view phrase) const;

  absl::flat_hash_map<char32_t, std::vector<char32_t>> closers_;
  absl::flat_hash_map<char32_t, std::vector<char32_t>> fallback_closers_;
  absl::flat_hash_set<char32_t> marks_;
  std::array<bool, 256> mark_leads_{};
  std::string ascii_mark_leads_;
  // Adds WordClass `bits` to `word` in language `lang` (a code of the data
  // files; "*" or an unlisted code: every language).
  void AddClasses(const std::string& word, std::string_view lang,
                  uint32_t bits);

  WordMap<std::vector<CuePhrase>> cues_;
  std::array<WordMap<std::vector<CuePhrase>>, kNumLanguages> cues_by_lang_;
  WordMap<Gender> pronouns_;
  WordMap<std::string> she_they_;  // pronoun -> plural verb ending
  WordMap<Gender> titles_;
  bool ListedTitle(std::string_view lower, Gender* gender) const;
  // Tokenize asks Title() of every word before a period, and the mention
  // detector of every word before a name: most are none.
  WordFilter title_filter_;
  absl::flat_hash_map<std::string, Gender> title_by_lang_;  // "lang\tword"
  Gender ListedFirstNameGender(std::string_view lower) const;

  WordMap<Gender> first_names_;
  // Most capitalised German nouns are answered without hashing the word
  // again for first_names_.
  WordFilter first_name_filter_;
  std::vector<std::pair<std::string, Gender>> suffixes_;
  // Bit b: some entry of suffixes_ ends with byte b (SurnameGender's
  // filter: most words end with no such byte).
  uint64_t suffix_last_bytes_[4] = {0, 0, 0, 0};
  struct WordInfo {
    uint32_t classes = 0;   // in any language (kLangSpecific when they differ)
    uint32_t common = 0;    // in every language
    int32_t by_lang = -1;   // index into by_lang_, -1 when none
    LanguageBits stop_languages = 0;
  };
  WordMap<WordInfo> words_;
  // Per word with language-specific classes: its classes per language.
  std::vector<std::array<uint32_t, kNumLanguages>> by_lang_;
  // A cheap key of a word (length, first two and last byte) for the bit
  // tables below.
  static uint32_t FilterKey(std::string_view w) {
    if (w.empty()) return 0;
    uint32_t k = static_cast<uint32_t>(w.size()) * 2654435761u;
    k ^= static_cast<unsigned char>(w[0]) * 40503u;
    k ^= static_cast<unsigned char>(w[w.size() > 1 ? 1 : 0]) * 9973u;
    k ^= static_cast<unsigned char>(w.back()) * 131u;
    return (k ^ (k >> 16)) & 0xFFFFu;
  }
  // For EndsWithClass, which probes every tail of a word: the classes of
  // the words of 4+ bytes OR-ed by their last three bytes (hashed), so a
  // word no listed word ends like (for `mask`) costs one load, and OR-ed by
  // FilterKey(), so most tails skip the probe.
  bool EndsWithClassSlow(std::string_view lower, uint32_t mask) const;
  static uint32_t EndKey(std::string_view w) {
    uint32_t v = static_cast<unsigned char>(w[w.size() - 3]) |
                 static_cast<unsigned char>(w[w.size() - 2]) << 8 |
                 static_cast<unsigned char>(w[w.size() - 1]) << 16;
    v *= 2654435761u;
    return v >> 20;  // 12 bits
  }
  std::vector<uint32_t> end_classes_ = std::vector<uint32_t>(4096, 0);
  // By EndKey(), the lengths of the words of 4+ bytes ending so (bit
  // min(length, 63)): EndsWithClassSlow probes only the tails of those
  // lengths.
  std::vector<uint64_t> end_lengths_ = std::vector<uint64_t>(4096, 0);
  std::vector<uint32_t> tail_classes_ = std::vector<uint32_t>(8192, 0);
  // words_ again, by Lookup() index: the text of a long word for the
  // probe's compare, the classes by language for ClassesInAt().
  struct IndexedWord {
    std::string word;
    WordInfo info;
  };
  // Lookup's table: the listed words by WordHash(), four to a bucket of
  // one cache line, each place with its key (WordKey(): all of a short
  // word, so a hit on one loads nothing else) and its answer (an empty
  // place's is "not listed"). Places fill in order; a word whose bucket is
  // full goes to the next one with room.
  static constexpr int kBucketPlaces = 4;
  // No word's key: a word's bytes are never 0xFF.
  static constexpr uint64_t kNoWordKey = ~uint64_t{0};
  struct alignas(64) WordBucket {
    uint64_t key[kBucketPlaces];
    uint32_t classes[kBucketPlaces];
    LanguageBits stop_languages[kBucketPlaces];
    uint16_t index_plus_one[kBucketPlaces];  // into word_list_; 0: empty
  };
  static_assert(sizeof(WordBucket) == 64, "a bucket is one cache line");
  // Bit 2j set when place j of `b` holds `key` (0 <= j < kBucketPlaces).
  static uint32_t KeyPlaces(const WordBucket& b, uint64_t key) {
#ifdef __SSE2__
    // Two places a vector, compared by 32-bit halves: a place holds the
    // key when both of its halves are equal.
    const __m128i k = _mm_set1_epi64x(static_cast<int64_t>(key));
    const auto halves = [&](int j) {
      return static_cast<uint32_t>(_mm_movemask_ps(_mm_castsi128_ps(
          _mm_cmpeq_epi32(
              _mm_load_si128(reinterpret_cast<const __m128i*>(&b.key[j])),
              k))));
    };
    const uint32_t equal = halves(0) | halves(2) << 4;
    return equal & (equal >> 1) & 0x55;
#else
    uint32_t places = 0;
    for (int j = 0; j < kBucketPlaces; ++j) {
      places |= static_cast<uint32_t>(b.key[j] == key) << (2 * j);
    }
    return places;
#endif
  }
  std::vector<IndexedWord> word_list_;
  std::vector<WordBucket> word_buckets_;  // size a power of two
  size_t word_bucket_mask_ = 0;           // word_buckets_.size() - 1
  WordMap<std::vector<std::vector<std::string>>> outlet_phrases_;
  WordMap<std::vector<NamedOutletPhrase>> named_outlet_phrases_;
  absl::flat_hash_set<std::string> elisions_;
  std::array<std::vector<std::string>, static_cast<int>(Ending::kNumEndings)>
      endings_;
  // Per language: verb_forms.tsv rows (infinitive ending, forms), in order.
  std::array<std::vector<std::pair<std::string, std::vector<std::string>>>,
             kNumLanguages>
      verb_forms_;
  // Per language: its Snowball algorithm ("portuguese"), empty when none.
  std::array<std::string, kNumLanguages> stemmers_;
  // Per List: its words with the languages they are listed for.
  std::array<WordMap<LanguageBits>, static_cast<int>(List::kNumLists)>
      lists_;
  absl::flat_hash_set<std::string> known_outlets_;
  // Lower-cased rest of a known medium named with a leading article ->
  // the medium as written.
  absl::flat_hash_map<std::string, std::string> known_after_article_;
  absl::flat_hash_map<std::string, std::vector<std::string>> noun_suffixes_;
  // The same by language index, with the set of the suffixes' last bytes.
  struct SuffixList {
    std::vector<std::string> suffixes;
    uint64_t last_bytes[4] = {0, 0, 0, 0};
  };
  std::array<SuffixList, kNumLanguages> noun_suffixes_of_;
  static bool HasNounSuffixSlow(const SuffixList& list, std::string_view lower);
  // Per language and last two bytes: (suffix, gender), longest first; a
  // bitmap of the last two bytes of every suffix rejects most words at once.
  static uint32_t TailKey(std::string_view w) {
    return (static_cast<uint32_t>(static_cast<unsigned char>(w[w.size() - 2]))
            << 8) |
           static_cast<unsigned char>(w.back());
  }
  std::array<
      absl::flat_hash_map<uint32_t, std::vector<std::pair<std::string, Gender>>>,
      kNumLanguages>
      role_suffixes_;  // by language index
  std::vector<uint64_t> role_tail_filter_ = std::vector<uint64_t>(1024, 0);
  // Per language: case endings of names, longest first.
  absl::flat_hash_map<std::string, std::vector<std::string>> case_endings_;
  struct NameCase {
    char part;  // 'n' first name, 'm' / 'f' surname of a man / woman
    std::string ending;
    std::string nominative;
  };
  absl::flat_hash_map<std::string, std::vector<NameCase>> name_cases_;
  absl::flat_hash_map<char32_t, uint32_t> letters_;
  // By language (kLanguages order): word -> role class (RoleClass), and
  // the members in file order (RoleClassMembers).
  absl::flat_hash_map<std::string, int> role_classes_[kNumLanguages];
  std::vector<std::pair<std::string, int>>
      role_class_members_[kNumLanguages];
  uint32_t inverting_languages_ = 0;  // bit i: kLanguages[i] inverts
  int default_language_ = -1;         // word_order.tsv `default`
  // Per language: stems of cue lemmas -> their CueFlag bits, and a bitmap
  // of the stems' first two bytes.
  std::array<absl::flat_hash_map<std::string, uint8_t>, kNumLanguages>
      lemma_cues_;
  std::array<std::vector<uint64_t>, kNumLanguages> lemma_prefixes_;
  static uint32_t PrefixKey(std::string_view w) {
    return (static_cast<uint32_t>(static_cast<unsigned char>(w[0])) << 8) |
           static_cast<unsigned char>(w[1]);
  }
  std::shared_ptr<const Dictionary> dictionary_;  // shared process-wide
  uint32_t prodrop_languages_ = 0;    // bit i: kLanguages[i] drops subjects
  // Per language: (verb ending, subject gender), longest ending first.
  std::array<std::vector<std::pair<std::string, Gender>>, kNumLanguages>
      verb_endings_;
  // Bit i of traits_[t]: kLanguages[i] has Trait t.
  std::array<uint32_t, static_cast<int>(Trait::kNumTraits)> traits_{};
  // Per language: participle endings (word_order.tsv `participle`).
  std::array<std::vector<std::string>, kNumLanguages> participle_endings_;
  std::array<std::vector<std::string>, kNumLanguages> past_endings_;
  // (ending, what replaces it in the singular)
  std::array<std::vector<std::pair<std::string, std::string>>, kNumLanguages>
      plural_endings_;
  // Per language: gender_marks.tsv articles, and role-noun endings
  // (longest first) with the gender they mark.
  std::array<WordMap<Gender>, kNumLanguages> article_genders_;
  std::array<std::vector<std::pair<std::string, Gender>>, kNumLanguages>
      noun_endings_;
};

// Inline: Tokenize calls it for every word new to a document, and its
// six arguments cost a call more than the probe.
inline void Lexicon::Lookup(std::string_view lower, uint32_t hash,
                            uint64_t key, uint32_t* classes,
                            LanguageBits* stop_languages,
                            int32_t* index) const {
  Probed found = Probe(lower, hash, key);
  // The rare first byte tested first: the other two tests mispredicted.
  if (!lower.empty() && lower[0] == 'l' && lower.size() > 3 &&
      found.classes == 0) {
    found.classes = ElidedNounClasses(lower);
  }
  *classes = found.classes;
  *stop_languages = found.stop_languages;
  *index = found.index;
}

}  // namespace extract
}  // namespace quotewire

#endif  // QUOTEWIRE_SERVER_EXTRACT_LEXICON_H_

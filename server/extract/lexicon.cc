#include "server/extract/lexicon.h"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <sstream>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "server/core/absl_compat.h"
#include "server/core/snowball.h"
#include "server/core/status_macros.h"
#include "server/core/utf8.h"
#include "server/extract/dictionary.h"
#include "server/extract/text_scan.h"
#include "server/extract/tsv.h"

namespace quotewire {
namespace extract {
namespace {

bool ParseGender(std::string_view s, Gender* g) {
  if (s == "m") *g = Gender::kMale;
  else if (s == "f") *g = Gender::kFemale;
  else if (s == "p") *g = Gender::kPlural;
  else if (s == "x") *g = Gender::kFirstPerson;
  else if (s == "-") *g = Gender::kUnknown;
  else return false;
  return true;
}

// The words whose Snowball stems a lemma row of cues.tsv stands for: the
// lemma and its regular third-person forms where Snowball gives them
// another stem than the infinitive's. Romance: present, preterite or passé
// simple, participle ("bromear": bromea, bromeó, bromeado). German keeps
// the -t of weak verbs ("erinnert", "erinnerte", "erinnerten": "erinnert";
// "erinnern": "erinn"), so an infinitive also stands for its third person
// singular, -et after d or t ("antworten": "antwortet", whose stem the past
// "antwortete" shares). The first infinitive ending of the language's
// verb_forms.tsv rows that matches.
std::vector<std::string> LemmaForms(
    const std::vector<std::pair<std::string, std::vector<std::string>>>& rules,
    const std::string& verb) {
  std::vector<std::string> out = {verb};
  for (const auto& [ending, forms] : rules) {
    if (verb.size() <= ending.size() + 2 ||
        verb.compare(verb.size() - ending.size(), ending.size(), ending) != 0) {
      continue;
    }
    const std::string root = verb.substr(0, verb.size() - ending.size());
    for (const std::string& f : forms) out.push_back(root + f);
    break;
  }
  return out;
}

std::vector<std::string> Words(std::string_view phrase) {
  std::vector<std::string> words;
  std::string lower = LowerWord(phrase);
  for (absl::string_view w :
       absl::StrSplit(absl::string_view(lower), ' ', absl::SkipEmpty())) {
    words.emplace_back(w.data(), w.size());
  }
  return words;
}

// `w` with every straight apostrophe written typographically ("l'" ->
// "l’"); empty when it has none.
std::string TypographicVariant(const std::string& w) {
  if (w.find('\'') == std::string::npos) return "";
  return absl::StrReplaceAll(w, {{"'", "\u2019"}});
}

}  // namespace

std::vector<std::string> Lexicon::PhraseWords(std::string_view phrase) const {
  std::vector<std::string> words;
  for (std::string& w : Words(phrase)) {
    // The longest elided form the word starts with.
    size_t cut = 0;
    for (size_t i = 0; i + 1 < w.size(); ++i) {
      const size_t end = w[i] == '\'' ? i + 1
                         : w.compare(i, 3, "\u2019") == 0 ? i + 3
                                                          : 0;
      if (end > 0 && end < w.size() && IsElision(w.substr(0, end))) cut = end;
    }
    if (cut > 0) words.push_back(w.substr(0, cut));
    words.push_back(cut > 0 ? w.substr(cut) : std::move(w));
  }
  return words;
}

void Lexicon::AddClasses(const std::string& word, std::string_view lang,
                         uint32_t bits) {
  WordInfo& info = words_[word];
  info.classes |= bits;
  const int l = LanguageIndex(lang);
  if (l < 0) {
    info.common |= bits;
    return;
  }
  if (info.by_lang < 0) {
    info.by_lang = static_cast<int32_t>(by_lang_.size());
    by_lang_.emplace_back();
    by_lang_.back().fill(0);
  }
  by_lang_[info.by_lang][l] |= bits;
  info.classes |= kLangSpecific;
}

uint32_t Lexicon::ClassesIn(std::string_view lower, int lang) const {
  auto it = words_.find(Sv(lower));
  if (it == words_.end()) return 0;
  const WordInfo& info = it->second;
  if (lang == kUnlistedLanguage) return info.common;
  if (lang < 0 || info.by_lang < 0) return info.classes;
  return info.common | by_lang_[info.by_lang][lang];
}

absl::StatusOr<std::unique_ptr<Lexicon>> Lexicon::Load(const std::string& dir) {
  std::unique_ptr<Lexicon> lex(new Lexicon());
  QW_RETURN_IF_ERROR(lex->LoadQuoteMarks(dir + "/quote_marks.tsv"));
  QW_RETURN_IF_ERROR(lex->LoadStopwords(dir + "/stopwords.tsv"));
  // Words first: their elided forms split the phrases of the other files.
  QW_RETURN_IF_ERROR(lex->LoadWords(dir + "/words.tsv"));
  // Before the cues, whose lemmas stand for these forms and are stemmed.
  QW_RETURN_IF_ERROR(lex->LoadVerbForms(dir + "/verb_forms.tsv"));
  QW_RETURN_IF_ERROR(lex->LoadStemmers(dir + "/dictionaries.tsv"));
  QW_RETURN_IF_ERROR(lex->LoadCues(dir + "/cues.tsv"));
  QW_RETURN_IF_ERROR(lex->LoadPronouns(dir + "/pronouns.tsv"));
  QW_RETURN_IF_ERROR(lex->LoadTitles(dir + "/titles.tsv"));
  QW_RETURN_IF_ERROR(lex->LoadFirstNames(dir + "/first_names.tsv"));
  // German first names after the general list: a name in both keeps the
  // general list's gender.
  QW_RETURN_IF_ERROR(lex->LoadFirstNames(dir + "/first_names_de.tsv"));
  QW_RETURN_IF_ERROR(lex->LoadSuffixes(dir + "/name_suffixes.tsv"));
  QW_RETURN_IF_ERROR(lex->LoadOutlets(dir + "/outlets.tsv"));
  QW_RETURN_IF_ERROR(lex->LoadNounSuffixes(dir + "/capitalised_nouns.tsv"));
  QW_RETURN_IF_ERROR(lex->LoadReportedSpeech(dir + "/reported_speech.tsv"));
  QW_RETURN_IF_ERROR(lex->LoadRoleSuffixes(dir + "/role_suffixes.tsv"));
  QW_RETURN_IF_ERROR(lex->LoadRoleClasses(dir + "/role_classes.tsv"));
  QW_RETURN_IF_ERROR(lex->LoadCaseEndings(dir + "/case_endings.tsv"));
  QW_RETURN_IF_ERROR(lex->LoadNameCases(dir + "/name_cases.tsv"));
  QW_RETURN_IF_ERROR(lex->LoadLetters(dir + "/letters.tsv"));
  QW_RETURN_IF_ERROR(lex->LoadGenderMarks(dir + "/gender_marks.tsv"));
  QW_RETURN_IF_ERROR(lex->LoadEndings(dir + "/endings.tsv"));
  QW_RETURN_IF_ERROR(lex->LoadWordOrder(dir + "/word_order.tsv"));
  LanguageBits noun_languages = 0;
  for (const auto& [lang, suffixes] : lex->noun_suffixes_) {
    const int i = LanguageIndex(lang);
    if (i >= 0) noun_languages |= 1u << i;
  }
  QW_ASSIGN_OR_RETURN(
      lex->dictionary_,
      Dictionary::LoadShared(dir + "/dictionaries.tsv", dir, noun_languages,
                             lex->NounForms()));
  for (const auto& [word, info] : lex->words_) {
    const uint32_t k = FilterKey(word);
    if (word.size() >= 4) {
      lex->end_classes_[EndKey(word)] |= info.classes;
      lex->end_lengths_[EndKey(word)] |= uint64_t{1}
                                         << std::min<size_t>(word.size(), 63);
      lex->tail_classes_[k & 8191] |= info.classes;
    }
  }
  if (lex->words_.size() >= 0xFFFF) {
    return absl::InvalidArgumentError(
        "more than 65534 listed words: WordBucket holds 16-bit indexes");
  }
  lex->word_list_.reserve(lex->words_.size());
  // At most one word a bucket on average: few buckets fill up.
  size_t buckets = 256;
  while (buckets < lex->words_.size()) buckets *= 2;
  WordBucket empty;
  for (int j = 0; j < kBucketPlaces; ++j) {
    empty.key[j] = kNoWordKey;
    empty.classes[j] = 0;
    empty.stop_languages[j] = 0;
    empty.index_plus_one[j] = 0;
  }
  lex->word_buckets_.assign(buckets, empty);
  lex->word_bucket_mask_ = buckets - 1;
  for (const auto& [word, info] : lex->words_) {
    size_t i = WordHash(word) & (buckets - 1);
    while (lex->word_buckets_[i].key[kBucketPlaces - 1] != kNoWordKey) {
      i = (i + 1) & (buckets - 1);
    }
    WordBucket& b = lex->word_buckets_[i];
    int j = 0;
    while (b.key[j] != kNoWordKey) ++j;
    b.key[j] = WordKey(word);
    b.classes[j] = info.classes;
    b.stop_languages[j] = info.stop_languages;
    b.index_plus_one[j] = static_cast<uint16_t>(lex->word_list_.size() + 1);
    lex->word_list_.push_back({word, info});
  }
  return lex;
}

absl::Status Lexicon::LoadQuoteMarks(const std::string& path) {
  QW_ASSIGN_OR_RETURN(std::vector<Row> rows, ReadTsv(path, 2));
  for (const Row& row : rows) {
    char32_t cp[2];
    for (int i = 0; i < 2; ++i) {
      if (row.cols[i] == "''") {
        cp[i] = kDoubleApostrophe;
        continue;
      }
      size_t pos = 0;
      cp[i] = DecodeUtf8(row.cols[i], &pos);
      if (pos != row.cols[i].size() || cp[i] == 0xFFFD) {
        return Malformed(path, row.line, "each mark must be one character");
      }
    }
    if (row.cols.size() > 2 && row.cols[2] == "fallback") {
      fallback_closers_[cp[0]].push_back(cp[1]);
      closers_[cp[0]];  // the opener opens
    } else if (row.cols.size() > 2 && !row.cols[2].empty()) {
      return Malformed(path, row.line, "third column must be 'fallback'");
    } else {
      closers_[cp[0]].push_back(cp[1]);
    }
    marks_.insert(cp[0]);
    marks_.insert(cp[1]);
  }
  for (char32_t mark : marks_) {
    std::string utf8;
    AppendUtf8(mark, &utf8);
    mark_leads_[static_cast<unsigned char>(utf8[0])] = true;
    if (mark == kDoubleApostrophe) mark_leads_['\''] = true;
  }
  for (int b = 0; b < 0x80; ++b) {
    if (mark_leads_[b]) ascii_mark_leads_.push_back(static_cast<char>(b));
  }
  return absl::OkStatus();
}

const std::vector<char32_t>& Lexicon::ClosersOf(char32_t open) const {
  static const std::vector<char32_t>* const kNone = new std::vector<char32_t>();
  auto it = closers_.find(open);
  return it == closers_.end() ? *kNone : it->second;
}

const std::vector<char32_t>& Lexicon::FallbackClosersOf(char32_t open) const {
  static const std::vector<char32_t>* const kNone = new std::vector<char32_t>();
  auto it = fallback_closers_.find(open);
  return it == fallback_closers_.end() ? *kNone : it->second;
}

absl::Status Lexicon::LoadCues(const std::string& path) {
  QW_ASSIGN_OR_RETURN(std::vector<Row> rows, ReadTsv(path, 3));
  for (const Row& row : rows) {
    CuePhrase cue;
    bool lemma = false;
    cue.words = PhraseWords(row.cols[1]);
    if (cue.words.empty()) return Malformed(path, row.line, "empty phrase");
    if (absl::StrContains(row.cols[2], "sep") && cue.words.size() < 2) {
      return Malformed(path, row.line, "sep needs a phrase of two words or more");
    }
    for (absl::string_view f : absl::StrSplit(row.cols[2], ',')) {
      if (f == "inv") cue.flags |= kCueInverted;
      else if (f == "after") cue.flags |= kCueAfterOnly;
      else if (f == "open") cue.flags |= kCueOpensSentence;
      else if (f == "nonspeech") cue.flags |= kCueNonSpeech;
      else if (f == "sep") cue.flags |= kCueSeparable;
      else if (f == "impersonal") cue.flags |= kCueImpersonal;
      else if (f == "lemma") lemma = true;
      else if (f != "-") return Malformed(path, row.line, "unknown flag");
    }
    const std::string_view lang = row.cols[0];
    const int l = LanguageIndex(lang);
    if (lemma) {
      // A verb's lemma: every word of its Snowball stem is a one-word cue.
      if (cue.words.size() != 1) {
        return Malformed(path, row.line, "a lemma is one word");
      }
      if (l < 0 || stemmers_[l].empty()) {
        return Malformed(path, row.line, "no Snowball stemmer for language");
      }
      std::vector<uint64_t>& bits = lemma_prefixes_[l];
      bits.resize(1024, 0);
      for (const std::string& form : LemmaForms(verb_forms_[l], cue.words[0])) {
        const std::string stem = Stem(l, form);
        if (stem.size() < 2) {
          if (form == cue.words[0]) {
            return Malformed(path, row.line, "stem too short");
          }
          continue;
        }
        lemma_cues_[l][stem] |= cue.flags;
        const uint32_t key = PrefixKey(stem);
        bits[key >> 6] |= 1ull << (key & 63);
      }
      continue;
    }
    auto add = [&](const CuePhrase& phrase) {
      const std::string& first = phrase.words[0];
      AddClasses(first, lang, kCueWord);
      cues_[first].push_back(phrase);
      for (int i = 0; i < kNumLanguages; ++i) {
        if (l < 0 || l == i) cues_by_lang_[i][first].push_back(phrase);
      }
    };
    add(cue);
    // Typographic apostrophes are as common as straight ones ("d’après",
    // "s’est indigné"): a phrase written with ' also matches ’.
    bool has_apostrophe = false;
    for (std::string& w : cue.words) {
      if (w.find('\'') == std::string::npos) continue;
      has_apostrophe = true;
      w = absl::StrReplaceAll(w, {{"'", "\u2019"}});
    }
    if (has_apostrophe) add(cue);
  }
  return absl::OkStatus();
}

const std::vector<CuePhrase>* Lexicon::CuesStartingWith(std::string_view lower,
                                                        int lang) const {
  const WordMap<std::vector<CuePhrase>>& cues =
      lang < 0 ? cues_ : cues_by_lang_[lang];
  auto it = cues.find(Sv(lower));
  return it == cues.end() ? nullptr : &it->second;
}

absl::Status Lexicon::LoadPronouns(const std::string& path) {
  QW_ASSIGN_OR_RETURN(std::vector<Row> rows, ReadTsv(path, 3));
  for (const Row& row : rows) {
    Gender g;
    std::string w = LowerWord(row.cols[1]);
    if (row.cols[2] == "s") {
      // She with a singular verb, they with a plural one ("zei ze").
      if (row.cols.size() < 4 || row.cols[3].empty()) {
        return Malformed(path, row.line, "gender s needs a plural verb ending");
      }
      g = Gender::kPlural;
      she_they_[w] = LowerWord(row.cols[3]);
    } else if (row.cols[2] == "n") {
      g = Gender::kNeuter;
    } else if (!ParseGender(row.cols[2], &g)) {
      return Malformed(path, row.line, "gender must be m, f, n, p, s or x");
    }
    pronouns_[w] = g;
    AddClasses(w, row.cols[0], kPronoun);
  }
  return absl::OkStatus();
}

bool Lexicon::SingularSheThey(std::string_view lower_pronoun,
                              std::string_view lower_verb) const {
  auto it = she_they_.find(Sv(lower_pronoun));
  if (it == she_they_.end() || lower_verb.empty()) return false;
  const std::string& plural = it->second;
  return !(lower_verb.size() > plural.size() &&
           lower_verb.substr(lower_verb.size() - plural.size()) == plural);
}

bool Lexicon::Pronoun(std::string_view lower, Gender* gender) const {
  auto it = pronouns_.find(Sv(lower));
  if (it == pronouns_.end()) return false;
  *gender = it->second;
  return true;
}

absl::Status Lexicon::LoadTitles(const std::string& path) {
  QW_ASSIGN_OR_RETURN(std::vector<Row> rows, ReadTsv(path, 3));
  for (const Row& row : rows) {
    Gender g;
    if (!ParseGender(row.cols[2], &g)) {
      return Malformed(path, row.line, "gender must be m, f or -");
    }
    std::vector<std::string> words = PhraseWords(row.cols[1]);
    if (words.empty()) return Malformed(path, row.line, "empty title");
    std::string key = words.back();
    // A word with different genders in different languages (German
    // "Minister" is male, English "minister" either) has no gender unless
    // asked for in one language (TitleIn).
    auto set = [&](const std::string& k) {
      title_filter_.Add(WordHash(k));
      auto [it, inserted] = titles_.try_emplace(k, g);
      if (!inserted && it->second != g) it->second = Gender::kUnknown;
      title_by_lang_[absl::StrCat(row.cols[0], "\t", k)] = g;
    };
    set(key);
    // "Mr." and "Mr" alike.
    if (key.size() > 1 && key.back() == '.') {
      set(key.substr(0, key.size() - 1));
    }
    AddClasses(key, row.cols[0], kTitle);
  }
  return absl::OkStatus();
}

bool Lexicon::TitleIn(std::string_view lang, std::string_view lower,
                      Gender* gender) const {
  if (!Title(lower, gender)) return false;
  // The key "lang\tword", in a buffer on the stack when it fits (no
  // allocation per call).
  char buf[64];
  std::string long_key;
  absl::string_view key;
  const size_t n = lang.size() + 1 + lower.size();
  if (n <= sizeof(buf)) {
    std::memcpy(buf, lang.data(), lang.size());
    buf[lang.size()] = '\t';
    std::memcpy(buf + lang.size() + 1, lower.data(), lower.size());
    key = absl::string_view(buf, n);
  } else {
    long_key = absl::StrCat(Sv(lang), "\t", Sv(lower));
    key = long_key;
  }
  auto it = title_by_lang_.find(key);
  if (it != title_by_lang_.end()) *gender = it->second;
  return true;
}

bool Lexicon::ListedTitle(std::string_view lower, Gender* gender) const {
  auto it = titles_.find(Sv(lower));
  if (it == titles_.end()) return false;
  *gender = it->second;
  return true;
}

absl::Status Lexicon::LoadFirstNames(const std::string& path) {
  QW_ASSIGN_OR_RETURN(std::vector<Row> rows, ReadTsv(path, 2));
  for (const Row& row : rows) {
    Gender g;
    if (!ParseGender(row.cols[1], &g) ||
        (g != Gender::kMale && g != Gender::kFemale)) {
      return Malformed(path, row.line, "gender must be m or f");
    }
    const std::string lower = LowerWord(row.cols[0]);
    first_name_filter_.Add(WordHash(lower));
    first_names_.emplace(lower, g);
  }
  return absl::OkStatus();
}

Gender Lexicon::ListedFirstNameGender(std::string_view lower) const {
  auto it = first_names_.find(Sv(lower));
  return it == first_names_.end() ? Gender::kUnknown : it->second;
}

absl::Status Lexicon::LoadSuffixes(const std::string& path) {
  QW_ASSIGN_OR_RETURN(std::vector<Row> rows, ReadTsv(path, 2));
  for (const Row& row : rows) {
    Gender g;
    if (!ParseGender(row.cols[1], &g)) {
      return Malformed(path, row.line, "gender must be m or f");
    }
    suffixes_.emplace_back(LowerWord(row.cols[0]), g);
    const std::string& suffix = suffixes_.back().first;
    if (suffix.empty()) continue;  // matches no word
    const unsigned char last = static_cast<unsigned char>(suffix.back());
    suffix_last_bytes_[last >> 6] |= 1ull << (last & 63);
  }
  return absl::OkStatus();
}

Gender Lexicon::SurnameGender(std::string_view lower) const {
  if (lower.size() < 3) return Gender::kUnknown;
  const unsigned char last = static_cast<unsigned char>(lower.back());
  if (!(suffix_last_bytes_[last >> 6] & (1ull << (last & 63)))) {
    return Gender::kUnknown;
  }
  size_t best = 0;
  Gender gender = Gender::kUnknown;
  for (const auto& [suffix, g] : suffixes_) {
    if (lower.size() > suffix.size() + 2 && suffix.size() > best &&
        lower.substr(lower.size() - suffix.size()) == suffix) {
      best = suffix.size();
      gender = g;
    }
  }
  return gender;
}

absl::Status Lexicon::LoadWords(const std::string& path) {
  static const std::pair<const char*, uint32_t> kNames[] = {
      {"det", kDet},       {"indef", kIndef}, {"conn", kConn},
      {"aux", kAux},       {"coord", kCoord}, {"that", kThat},
      {"org", kOrg},       {"group", kGroup}, {"role", kRole},
      {"generic", kGeneric}, {"media", kMedia}, {"pm", kPronMale},
      {"pf", kPronFemale}, {"prep", kPrep}, {"naming", kNaming}, {"answer", kAnswer},
      {"ageunit", kAgeUnit}, {"doc", kDocNoun}, {"gen", kGenitive},
      {"territory", kTerritory}, {"obj", kObjectCase}, {"time", kTimeWord},
      {"who", kPersonRelative},
  };
  static const std::pair<const char*, List> kListNames[] = {
      {"clitic", List::kClitic},
      {"outletart", List::kOutletArticle},
      {"dative", List::kDativeArticle},
      {"impersonal", List::kImpersonal},
      {"passive", List::kPassive},
      {"agent", List::kAgent},
      {"passivesubject", List::kPassiveSubject},
      {"selfnaming", List::kSelfNaming},
      {"namingverb", List::kNamingVerb},
      {"subordinator", List::kSubordinator},
      {"asclause", List::kAsClause},
      {"legal", List::kLegalForm},
      {"quoting", List::kQuoting},
      {"relative", List::kRelative},
      {"webdomain", List::kWebDomain},
      {"chant", List::kChant},
      {"following", List::kFollowing},
  };
  QW_ASSIGN_OR_RETURN(std::vector<Row> rows, ReadTsv(path, 3));
  for (const Row& row : rows) {
    uint32_t bit = 0;
    for (const auto& [name, value] : kNames) {
      if (row.cols[2] == name) bit = value;
    }
    bool listed = false;
    for (const auto& [name, list] : kListNames) {
      if (row.cols[2] != name) continue;
      // Every language for `*` or a code outside kLanguages (AddClasses).
      const int lang = LanguageIndex(row.cols[0]);
      const LanguageBits langs = lang < 0 ? static_cast<LanguageBits>(~0u)
                                          : static_cast<LanguageBits>(1u << lang);
      const std::string w = LowerWord(row.cols[1]);
      for (const std::string& v : {w, TypographicVariant(w)}) {
        if (!v.empty()) lists_[static_cast<int>(list)][v] |= langs;
      }
      listed = true;
    }
    if (listed) continue;
    if (bit == 0) return Malformed(path, row.line, "unknown word class");
    std::string w = LowerWord(row.cols[1]);
    // A word ending in an apostrophe is an elided form ("all'", "qu'"),
    // written with either apostrophe.
    std::string typographic = TypographicVariant(w);
    if (w.back() == '\'') {
      elisions_.insert(w);
      elisions_.insert(typographic);
    }
    if (!typographic.empty()) AddClasses(typographic, row.cols[0], bit);
    AddClasses(w, row.cols[0], bit);
  }
  return absl::OkStatus();
}

NounInflection Lexicon::NounForms() const {
  return {Endings(Ending::kNoun), Endings(Ending::kFeminine),
          Endings(Ending::kMasculine)};
}

bool Lexicon::InList(List list, std::string_view lower, int lang) const {
  const WordMap<LanguageBits>& words = lists_[static_cast<int>(list)];
  auto it = words.find(Sv(lower));
  if (it == words.end()) return false;
  if (lang == kUnlistedLanguage) return it->second == LanguageBits(~0u);
  return lang < 0 || lang >= kNumLanguages || ((it->second >> lang) & 1u);
}

Lexicon::Probed Lexicon::ProbeAfter(size_t bucket, std::string_view lower,
                                    uint64_t key) const {
  for (size_t i = bucket;; i = (i + 1) & word_bucket_mask_) {
    const WordBucket& b = word_buckets_[i];
    for (int j = 0; j < kBucketPlaces; ++j) {
      if (b.key[j] == kNoWordKey) return {0, 0, -1};  // the last with room
      const int32_t index = b.index_plus_one[j] - 1;
      if (b.key[j] == key &&
          (lower.size() < 8 || word_list_[index].word == lower)) {
        return {b.classes[j], b.stop_languages[j], index};
      }
    }
  }
}

uint32_t Lexicon::Classes(std::string_view lower) const {
  // The table of Lookup (built from words_ at the end of Load, the same
  // classes), not words_: no string hash, no node chase. While Load runs
  // (the table not built yet), words_.
  if (word_buckets_.empty()) {
    auto it = words_.find(Sv(lower));
    return it == words_.end() ? 0 : it->second.classes;
  }
  return Probe(lower, WordHash(lower), WordKey(lower)).classes;
}

uint32_t Lexicon::ClassesInAt(int32_t index, int lang) const {
  const WordInfo& info = word_list_[index].info;
  if (lang == kUnlistedLanguage) return info.common;
  if (lang < 0 || info.by_lang < 0) return info.classes;
  return info.common | by_lang_[info.by_lang][lang];
}

// Out of line: the hash-map probe would make every Lookup() save and
// restore the registers it needs.
__attribute__((noinline)) uint32_t Lexicon::ElidedNounClasses(
    std::string_view lower) const {
  // An elided article keeps the noun's class: "l'avocat", "l’économiste".
  size_t n = lower[1] == '\'' ? 2 : lower.substr(1, 3) == "\u2019" ? 4 : 0;
  if (n > 0 && lower.size() > n) {
    auto rest = words_.find(Sv(lower.substr(n)));
    if (rest != words_.end()) {
      return rest->second.classes & (kRole | kTitle | kOrg | kGroup);
    }
  }
  return 0;
}

absl::Status Lexicon::LoadOutlets(const std::string& path) {
  QW_ASSIGN_OR_RETURN(std::vector<Row> rows, ReadTsv(path, 2));
  std::vector<std::vector<std::string>> medium;  // after the addressees
  for (const Row& row : rows) {
    if (row.cols[0] == "to") {
      std::vector<std::string> words = PhraseWords(row.cols[1]);
      if (words.empty()) return Malformed(path, row.line, "empty phrase");
      if (row.cols.size() < 3 || LanguageIndex(row.cols[2]) < 0) {
        return Malformed(path, row.line, "`to` needs a language");
      }
      NamedOutletPhrase phrase{words, LanguageIndex(row.cols[2])};
      AddClasses(words[0], "*", kOutletCue);
      named_outlet_phrases_[words[0]].push_back(phrase);
      std::string typographic = TypographicVariant(words[0]);
      if (!typographic.empty()) {
        phrase.words[0] = typographic;
        AddClasses(typographic, "*", kOutletCue);
        named_outlet_phrases_[typographic].push_back(std::move(phrase));
      }
    } else if (row.cols[0] == "addr" || row.cols[0] == "on") {
      std::vector<std::string> words = PhraseWords(row.cols[1]);
      if (words.empty()) return Malformed(path, row.line, "empty phrase");
      AddClasses(words[0], "*", kOutletCue);
      if (row.cols[0] == "addr") {
        outlet_phrases_[words[0]].push_back(std::move(words));
      } else {
        medium.push_back(std::move(words));
      }
    } else if (row.cols[0] == "known") {
      known_outlets_.insert(LowerWord(row.cols[1]));
      // "Le Monde": also known as "Monde" after "du", "au".
      const size_t space = row.cols[1].find(' ');
      if (space != std::string::npos &&
          (Classes(LowerWord(row.cols[1].substr(0, space))) & kDet)) {
        known_after_article_.emplace(LowerWord(row.cols[1].substr(space + 1)),
                                     row.cols[1]);
      }
    } else {
      return Malformed(path, row.line, "kind must be addr, on, to or known");
    }
  }
  for (std::vector<std::string>& words : medium) {
    outlet_phrases_[words[0]].push_back(std::move(words));
  }
  return absl::OkStatus();
}

bool Lexicon::IsKnownOutlet(std::string_view lower_name) const {
  return known_outlets_.contains(Sv(lower_name));
}

std::string Lexicon::KnownOutletAfterArticle(
    std::string_view lower_rest) const {
  auto it = known_after_article_.find(Sv(lower_rest));
  return it == known_after_article_.end() ? "" : it->second;
}

absl::Status Lexicon::LoadStopwords(const std::string& path) {
  QW_ASSIGN_OR_RETURN(std::vector<Row> rows, ReadTsv(path, 2));
  for (const Row& row : rows) {
    int lang = LanguageIndex(row.cols[0]);
    if (lang < 0) return Malformed(path, row.line, "unknown language");
    std::string w = LowerWord(row.cols[1]);
    for (const std::string& v : {w, TypographicVariant(w)}) {
      if (v.empty()) continue;
      words_[v].stop_languages |= static_cast<LanguageBits>(1u << lang);
      // A function word of any language is never a name at a sentence
      // start.
      AddClasses(v, "*", kStop);
    }
  }
  return absl::OkStatus();
}

absl::Status Lexicon::LoadNounSuffixes(const std::string& path) {
  QW_ASSIGN_OR_RETURN(std::vector<Row> rows, ReadTsv(path, 2));
  for (const Row& row : rows) {
    if (row.cols[1].empty()) return Malformed(path, row.line, "empty suffix");
    noun_suffixes_[row.cols[0]].push_back(LowerWord(row.cols[1]));
    const int lang = LanguageIndex(row.cols[0]);
    if (lang < 0) continue;
    SuffixList& list = noun_suffixes_of_[lang];
    list.suffixes.push_back(noun_suffixes_[row.cols[0]].back());
    const unsigned char last = list.suffixes.back().back();
    list.last_bytes[last >> 6] |= 1ull << (last & 63);
  }
  return absl::OkStatus();
}

namespace {

// The index of Lexicon::Trait named `property` in word_order.tsv; -1 when
// none.
int TraitIndex(std::string_view property) {
  using Trait = Lexicon::Trait;
  static constexpr std::pair<std::string_view, Trait> kNames[] = {
      {"subjectspeaks", Trait::kOpeningSubjectSpeaks},
      {"rolebeforename", Trait::kRoleBeforeName},
      {"rolebeforecommaname", Trait::kRoleBeforeCommaName},
      {"addresseeaftername", Trait::kAddresseeAfterName},
      {"dativeaddressee", Trait::kDativeAddressee},
      {"barerole", Trait::kBareRoleOpensSentence},
      {"noarticles", Trait::kNoArticles},
      {"articlenoun", Trait::kArticleMakesNoun},
      {"genitivechain", Trait::kGenitiveChain},
      {"cyrillic", Trait::kCyrillic},
      {"twosurnames", Trait::kTwoSurnames},
  };
  for (const auto& [name, trait] : kNames) {
    if (property == name) return static_cast<int>(trait);
  }
  return -1;
}

}  // namespace

absl::Status Lexicon::LoadWordOrder(const std::string& path) {
  QW_ASSIGN_OR_RETURN(std::vector<Row> rows, ReadTsv(path, 2));
  for (const Row& row : rows) {
    const int lang = LanguageIndex(row.cols[0]);
    if (lang < 0) return Malformed(path, row.line, "unknown language");
    const std::string_view property = row.cols[1];
    if (property == "inverts") {
      inverting_languages_ |= 1u << lang;
    } else if (property == "prodrop") {
      prodrop_languages_ |= 1u << lang;
    } else if (property == "verbgender") {
      // verbgender, ending, gender: a past-tense ending marking the
      // subject's gender ("řekla", "powiedziała", "сказала").
      if (row.cols.size() < 4 || row.cols[2].empty()) {
        return Malformed(path, row.line, "verbgender needs ending and gender");
      }
      Gender g;
      if (row.cols[3] == "m") g = Gender::kMale;
      else if (row.cols[3] == "f") g = Gender::kFemale;
      else if (row.cols[3] == "p") g = Gender::kPlural;
      else return Malformed(path, row.line, "gender must be m, f or p");
      verb_endings_[lang].emplace_back(LowerWord(row.cols[2]), g);
    } else if (property == "default") {
      if (default_language_ >= 0) {
        return Malformed(path, row.line, "a second default language");
      }
      default_language_ = lang;
    } else if (property == "participle") {
      if (row.cols.size() < 3 || row.cols[2].empty()) {
        return Malformed(path, row.line, "participle needs an ending");
      }
      participle_endings_[lang].push_back(LowerWord(row.cols[2]));
    } else if (property == "past") {
      if (row.cols.size() < 3 || row.cols[2].empty()) {
        return Malformed(path, row.line, "past needs an ending");
      }
      past_endings_[lang].push_back(LowerWord(row.cols[2]));
    } else if (property == "plural") {
      if (row.cols.size() < 3 || row.cols[2].empty()) {
        return Malformed(path, row.line, "plural needs an ending");
      }
      plural_endings_[lang].emplace_back(
          LowerWord(row.cols[2]),
          row.cols.size() > 3 ? LowerWord(row.cols[3]) : std::string());
    } else if (const int trait = TraitIndex(property); trait >= 0) {
      traits_[trait] |= 1u << lang;
    } else {
      return Malformed(path, row.line,
                       "unknown property (word_order.tsv lists them)");
    }
  }
  if (default_language_ < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": no language is the default"));
  }
  for (auto& endings : verb_endings_) {
    std::stable_sort(endings.begin(), endings.end(),
                     [](const auto& a, const auto& b) {
                       return a.first.size() > b.first.size();
                     });
  }
  return absl::OkStatus();
}

absl::Status Lexicon::LoadReportedSpeech(const std::string& path) {
  QW_ASSIGN_OR_RETURN(std::vector<Row> rows, ReadTsv(path, 2));
  for (const Row& row : rows) {
    if (LanguageIndex(row.cols[0]) < 0) {
      return Malformed(path, row.line, "unknown language");
    }
    AddClasses(LowerWord(row.cols[1]), row.cols[0], kReported);
  }
  return absl::OkStatus();
}

absl::Status Lexicon::LoadRoleClasses(const std::string& path) {
  QW_ASSIGN_OR_RETURN(std::vector<Row> rows, ReadTsv(path, 2));
  int id = 0;
  for (const Row& row : rows) {
    const int lang = LanguageIndex(row.cols[0]);
    if (lang < 0) return Malformed(path, row.line, "unknown language");
    ++id;
    for (const auto& w :
         absl::StrSplit(row.cols[1], ' ', absl::SkipEmpty())) {
      std::string lower = LowerWord(std::string(w.data(), w.size()));
      AddClasses(lower, row.cols[0], kRole);
      role_classes_[lang][lower] = id;
      role_class_members_[lang].emplace_back(lower, id);
    }
  }
  return absl::OkStatus();
}

const std::vector<std::pair<std::string, int>>& Lexicon::RoleClassMembers(
    int lang) const {
  static const auto* const kNone =
      new std::vector<std::pair<std::string, int>>();
  return lang >= 0 && lang < kNumLanguages ? role_class_members_[lang]
                                           : *kNone;
}

int Lexicon::RoleClass(int lang, std::string_view lower) const {
  if (lang < 0 || lang >= kNumLanguages) return 0;
  auto it = role_classes_[lang].find(Sv(lower));
  return it == role_classes_[lang].end() ? 0 : it->second;
}

absl::Status Lexicon::LoadRoleSuffixes(const std::string& path) {
  QW_ASSIGN_OR_RETURN(std::vector<Row> rows, ReadTsv(path, 3));
  for (const Row& row : rows) {
    if (LanguageIndex(row.cols[0]) < 0) {
      return Malformed(path, row.line, "unknown language");
    }
    Gender g;
    if (!ParseGender(row.cols[2], &g) || g == Gender::kFirstPerson ||
        g == Gender::kPlural) {
      return Malformed(path, row.line, "gender must be m, f or -");
    }
    std::string suffix = LowerWord(row.cols[1]);
    if (suffix.size() < 2) return Malformed(path, row.line, "suffix too short");
    uint32_t key = TailKey(suffix);
    role_tail_filter_[key >> 6] |= 1ull << (key & 63);
    role_suffixes_[LanguageIndex(row.cols[0])][key].emplace_back(
        std::move(suffix), g);
  }
  for (auto& by_tail : role_suffixes_) {
    for (auto& [key, list] : by_tail) {
      std::stable_sort(list.begin(), list.end(),
                       [](const auto& a, const auto& b) {
                         return a.first.size() > b.first.size();
                       });
    }
  }
  return absl::OkStatus();
}

bool Lexicon::RoleCompound(int lang, std::string_view lower,
                           Gender* gender) const {
  if (lang < 0 || lower.size() < 5) return false;
  uint32_t key = TailKey(lower);
  if (!(role_tail_filter_[key >> 6] & (1ull << (key & 63)))) return false;
  const auto& by_tail = role_suffixes_[lang];
  auto tail = by_tail.find(key);
  if (tail == by_tail.end()) return false;
  // The suffixes of a tail share its two bytes: the third from the end
  // tells most of them apart before the whole comparison.
  const char third = lower[lower.size() - 3];
  for (const auto& [suffix, g] : tail->second) {
    if (lower.size() >= suffix.size() + 3 &&
        (suffix.size() < 3 || suffix[suffix.size() - 3] == third) &&
        lower.substr(lower.size() - suffix.size()) == suffix) {
      *gender = g;
      return true;
    }
  }
  return false;
}

absl::Status Lexicon::LoadCaseEndings(const std::string& path) {
  QW_ASSIGN_OR_RETURN(std::vector<Row> rows, ReadTsv(path, 2));
  for (const Row& row : rows) {
    if (LanguageIndex(row.cols[0]) < 0) {
      return Malformed(path, row.line, "unknown language");
    }
    std::string ending = LowerWord(row.cols[1]);
    if (ending.empty()) return Malformed(path, row.line, "empty ending");
    case_endings_[row.cols[0]].push_back(std::move(ending));
  }
  for (auto& [lang, list] : case_endings_) {
    std::stable_sort(list.begin(), list.end(),
                     [](const std::string& a, const std::string& b) {
                       return a.size() > b.size();
                     });
  }
  return absl::OkStatus();
}

absl::Status Lexicon::LoadVerbForms(const std::string& path) {
  QW_ASSIGN_OR_RETURN(std::vector<Row> rows, ReadTsv(path, 3));
  for (const Row& row : rows) {
    const int lang = LanguageIndex(row.cols[0]);
    if (lang < 0) return Malformed(path, row.line, "unknown language");
    if (row.cols.size() != 3 || row.cols[1].empty()) {
      return Malformed(path, row.line, "expected lang, ending, forms");
    }
    std::vector<std::string> forms;
    for (absl::string_view f : absl::StrSplit(row.cols[2], ',')) {
      if (f.empty()) return Malformed(path, row.line, "empty form");
      forms.push_back(LowerWord(std::string_view(f.data(), f.size())));
    }
    verb_forms_[lang].emplace_back(LowerWord(row.cols[1]), std::move(forms));
  }
  return absl::OkStatus();
}

absl::Status Lexicon::LoadStemmers(const std::string& path) {
  QW_ASSIGN_OR_RETURN(std::vector<Row> rows, ReadTsv(path, 3));
  for (const Row& row : rows) {
    if (row.cols[1] != "snowball") continue;
    const int lang = LanguageIndex(row.cols[0]);
    if (lang < 0) return Malformed(path, row.line, "unknown language");
    if (row.cols.size() != 3) {
      return Malformed(path, row.line, "expected lang, snowball, algorithm");
    }
    if (!HasSnowballStemmer(row.cols[2])) {
      return Malformed(path, row.line, "no such Snowball algorithm");
    }
    if (!stemmers_[lang].empty()) {
      return Malformed(path, row.line, "a second stemmer for the language");
    }
    stemmers_[lang] = row.cols[2];
  }
  return absl::OkStatus();
}

std::string Lexicon::Stem(int lang, std::string_view lower) const {
  if (lang < 0 || lang >= kNumLanguages || stemmers_[lang].empty()) return "";
  return SnowballStem(stemmers_[lang], lower);
}

absl::Status Lexicon::LoadEndings(const std::string& path) {
  static const std::pair<const char*, Ending> kKinds[] = {
      {"age", Ending::kAge},
      {"demonym", Ending::kDemonym},
      {"genitive", Ending::kGenitive},
      {"adjgenitive", Ending::kAdjGenitive},
      {"noun", Ending::kNoun},
      {"feminine", Ending::kFeminine},
      {"masculine", Ending::kMasculine},
  };
  QW_ASSIGN_OR_RETURN(std::vector<Row> rows, ReadTsv(path, 3));
  for (const Row& row : rows) {
    if (row.cols[0] != "*" && LanguageIndex(row.cols[0]) < 0) {
      return Malformed(path, row.line, "unknown language");
    }
    int kind = -1;
    for (const auto& [name, value] : kKinds) {
      if (row.cols[1] == name) kind = static_cast<int>(value);
    }
    if (kind < 0) return Malformed(path, row.line, "unknown kind of ending");
    if (row.cols.size() != 3) {
      return Malformed(path, row.line, "expected lang, kind, ending");
    }
    const std::string ending = row.cols[2] == "-" ? "" : LowerWord(row.cols[2]);
    std::vector<std::string>& all = endings_[kind];
    if (std::find(all.begin(), all.end(), ending) == all.end()) {
      all.push_back(ending);
    }
  }
  return absl::OkStatus();
}

absl::Status Lexicon::LoadGenderMarks(const std::string& path) {
  QW_ASSIGN_OR_RETURN(std::vector<Row> rows, ReadTsv(path, 4));
  for (const Row& row : rows) {
    const int lang = LanguageIndex(row.cols[0]);
    if (lang < 0) return Malformed(path, row.line, "unknown language");
    Gender g;
    if (!ParseGender(row.cols[3], &g) || g == Gender::kFirstPerson) {
      return Malformed(path, row.line, "gender must be m, f, p or -");
    }
    const std::string form = LowerWord(row.cols[2]);
    if (form.empty()) return Malformed(path, row.line, "empty form");
    if (row.cols[1] == "article") {
      article_genders_[lang][form] = g;
    } else if (row.cols[1] == "ending") {
      noun_endings_[lang].emplace_back(form, g);
    } else {
      return Malformed(path, row.line, "kind must be article or ending");
    }
  }
  for (auto& endings : noun_endings_) {
    std::stable_sort(endings.begin(), endings.end(),
                     [](const auto& a, const auto& b) {
                       return a.first.size() > b.first.size();
                     });
  }
  return absl::OkStatus();
}

absl::Status Lexicon::LoadLetters(const std::string& path) {
  QW_ASSIGN_OR_RETURN(std::vector<Row> rows, ReadTsv(path, 2));
  for (const Row& row : rows) {
    const int l = LanguageIndex(row.cols[0]);
    if (l < 0) return Malformed(path, row.line, "unknown language");
    std::string_view letters = row.cols[1];
    for (size_t pos = 0; pos < letters.size();) {
      char32_t c = DecodeUtf8(letters, &pos);
      letters_[c] |= 1u << l;
    }
  }
  return absl::OkStatus();
}

absl::Status Lexicon::LoadNameCases(const std::string& path) {
  QW_ASSIGN_OR_RETURN(std::vector<Row> rows, ReadTsv(path, 4));
  for (const Row& row : rows) {
    if (LanguageIndex(row.cols[0]) < 0) {
      return Malformed(path, row.line, "unknown language");
    }
    const std::string& part = row.cols[1];
    if (part != "first" && part != "m" && part != "f") {
      return Malformed(path, row.line, "part must be first, m or f");
    }
    NameCase nc;
    nc.part = part == "first" ? 'n' : part[0];
    nc.ending = LowerWord(row.cols[2]);
    nc.nominative = row.cols[3] == "-" ? "" : LowerWord(row.cols[3]);
    if (nc.ending.empty()) return Malformed(path, row.line, "empty ending");
    name_cases_[row.cols[0]].push_back(std::move(nc));
  }
  return absl::OkStatus();
}

std::string Lexicon::NominativeName(std::string_view lang,
                                    std::string_view first,
                                    std::string_view surname,
                                    Gender* gender) const {
  auto it = name_cases_.find(Sv(lang));
  if (it == name_cases_.end()) return "";
  const std::vector<NameCase>& rules = it->second;
  const std::string lower_first = LowerWord(first);
  const std::string lower_surname = LowerWord(surname);
  // At least two bytes stay ("Ewy" -> "Ewa").
  auto ends = [](std::string_view w, const std::string& e) {
    return w.size() >= e.size() + 2 && w.substr(w.size() - e.size()) == e;
  };
  // The first surname rule of `part` that matches, or null.
  auto surname_rule = [&](char part) -> const NameCase* {
    for (const NameCase& nc : rules) {
      if (nc.part == part && ends(lower_surname, nc.ending)) return &nc;
    }
    return nullptr;
  };
  // A first name written as a nominative stays, unless it is also the
  // oblique case of another first name whose gender's surname rules match
  // and the surname marks no gender of its own ("Martina Dvořáka", "Jana
  // Kowalskiego", "Anny Kowalskiej" are Martin Dvořák, Jan Kowalski, Anna
  // Kowalska; "Jana Nováková" stays).
  const Gender written = FirstNameGender(lower_first);
  if (written != Gender::kUnknown &&
      ((written != Gender::kMale && written != Gender::kFemale) ||
       SurnameGender(lower_surname) != Gender::kUnknown)) {
    return "";
  }
  // Of the first-name rules giving a known first name, the first whose
  // gender's surname rules match the surname ("Petru Novákovi": Petr, not
  // Petra), else the first.
  const NameCase* chosen = nullptr;
  const NameCase* chosen_surname = nullptr;
  Gender g = Gender::kUnknown;
  for (const NameCase& nc : rules) {
    if (nc.part != 'n' || !ends(lower_first, nc.ending)) continue;
    Gender cg = FirstNameGender(
        lower_first.substr(0, lower_first.size() - nc.ending.size()) +
        nc.nominative);
    if (cg != Gender::kMale && cg != Gender::kFemale) continue;
    const NameCase* sr = surname_rule(cg == Gender::kMale ? 'm' : 'f');
    if (written != Gender::kUnknown && sr == nullptr) continue;
    if (chosen == nullptr || (chosen_surname == nullptr && sr != nullptr)) {
      chosen = &nc;
      chosen_surname = sr;
      g = cg;
    }
    if (sr != nullptr) break;
  }
  if (chosen == nullptr) return "";
  std::string name(first.substr(0, first.size() - chosen->ending.size()));
  name += chosen->nominative;
  name += ' ';
  if (chosen_surname != nullptr) {
    name += surname.substr(0, surname.size() - chosen_surname->ending.size());
    name += chosen_surname->nominative;
  } else {
    name += surname;
  }
  *gender = g;
  return name;
}

std::string_view Lexicon::CaseStem(std::string_view lang,
                                   std::string_view lower) const {
  auto it = case_endings_.find(Sv(lang));
  if (it == case_endings_.end()) return lower;
  auto letters = [](std::string_view w) {
    int n = 0;
    for (char c : w) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return n;
  };
  for (const std::string& e : it->second) {
    if (lower.size() > e.size() &&
        lower.substr(lower.size() - e.size()) == e &&
        letters(lower.substr(0, lower.size() - e.size())) >= 4) {
      return lower.substr(0, lower.size() - e.size());
    }
  }
  return lower;
}

bool Lexicon::HasNounSuffixSlow(const SuffixList& list,
                                std::string_view lower) {
  for (const std::string& suffix : list.suffixes) {
    if (lower.size() > suffix.size() + 2 &&
        lower.substr(lower.size() - suffix.size()) == suffix) {
      return true;
    }
  }
  return false;
}

bool Lexicon::EndsWithClassSlow(std::string_view lower, uint32_t mask) const {
  // Every tail ends like `lower`: only the lengths of listed words ending
  // so are tried.
  const uint64_t lengths = end_lengths_[EndKey(lower)];
  for (size_t start = 1; start + 4 <= lower.size(); ++start) {
    if (!(lengths >> std::min<size_t>(lower.size() - start, 63) & 1)) continue;
    // Only at character boundaries.
    if ((static_cast<unsigned char>(lower[start]) & 0xC0) == 0x80) continue;
    std::string_view tail = lower.substr(start);
    if (tail[0] == '-') continue;
    if (!(tail_classes_[FilterKey(tail) & 8191] & mask)) continue;
    // The probe of Lookup(), without its elided-article rule.
    if (Probe(tail, WordHash(tail), WordKey(tail)).classes & mask) return true;
  }
  return false;
}

Lexicon::Lexicon() = default;
Lexicon::~Lexicon() = default;

bool Lexicon::IsCommonWord(int lang, std::string_view lower) const {
  return dictionary_->IsCommonWord(lang, lower);
}

bool Lexicon::LemmaCue(int lang, std::string_view lower,
                       uint8_t* flags) const {
  if (!HasLemmaCues(lang) || lower.size() < 4) return false;
  const uint32_t key = PrefixKey(lower);
  if (!(lemma_prefixes_[lang][key >> 6] & (1ull << (key & 63)))) return false;
  auto it = lemma_cues_[lang].find(Stem(lang, lower));
  if (it == lemma_cues_[lang].end()) return false;
  *flags = it->second;
  return true;
}

bool Lexicon::EndsLikeParticiple(int lang, std::string_view lower) const {
  if (lang < 0 || lang >= kNumLanguages) return false;
  for (const std::string& ending : participle_endings_[lang]) {
    if (lower.size() >= ending.size() &&
        lower.substr(lower.size() - ending.size()) == ending) {
      return true;
    }
  }
  return false;
}

bool Lexicon::EndsLikePastVerb(int lang, std::string_view lower) const {
  if (lang < 0 || lang >= kNumLanguages) return false;
  for (const std::string& ending : past_endings_[lang]) {
    if (lower.size() > ending.size() + 2 &&
        lower.substr(lower.size() - ending.size()) == ending) {
      return true;
    }
  }
  return false;
}

bool Lexicon::PluralNoun(int lang, std::string_view lower) const {
  if (lang < 0 || lang >= kNumLanguages) return false;
  for (const auto& [ending, singular] : plural_endings_[lang]) {
    if (lower.size() >= ending.size() + 3 &&
        lower.substr(lower.size() - ending.size()) == ending) {
      std::string stem(lower.substr(0, lower.size() - ending.size()));
      stem += singular;
      if (IsCommonWord(lang, stem)) return true;
    }
  }
  return false;
}

namespace {

// The gender of the first of `endings` (longest first) that `lower` ends
// with, leaving at least two bytes before it; kUnknown when none.
Gender EndingGender(const std::vector<std::pair<std::string, Gender>>& endings,
                    std::string_view lower) {
  for (const auto& [ending, gender] : endings) {
    if (lower.size() > ending.size() + 1 &&
        lower.substr(lower.size() - ending.size()) == ending) {
      return gender;
    }
  }
  return Gender::kUnknown;
}

}  // namespace

Gender Lexicon::VerbGender(int lang, std::string_view lower_verb) const {
  if (lang < 0 || lang >= kNumLanguages) return Gender::kUnknown;
  return EndingGender(verb_endings_[lang], lower_verb);
}

Gender Lexicon::ArticleGender(int lang, std::string_view lower) const {
  if (lang < 0 || lang >= kNumLanguages) return Gender::kUnknown;
  auto it = article_genders_[lang].find(Sv(lower));
  return it == article_genders_[lang].end() ? Gender::kUnknown : it->second;
}

Gender Lexicon::RoleNounGender(int lang, std::string_view lower) const {
  if (lang < 0 || lang >= kNumLanguages) return Gender::kUnknown;
  return EndingGender(noun_endings_[lang], lower);
}

uint32_t Lexicon::StopLanguages(std::string_view lower) const {
  auto it = words_.find(Sv(lower));
  return it == words_.end() ? 0 : it->second.stop_languages;
}

}  // namespace extract
}  // namespace quotewire

// The word tables that rules consult (Lexicon::List of words.tsv) come from
// data/extract/, not from lists in the code: a row adds a word, a malformed
// row names its file and line.
#include <filesystem>
#include <algorithm>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "server/core/data_dir.h"
#include "server/extract/lexicon.h"
#include "server/extract/mentions.h"
#include "tests/testing/scratch_dir.h"

namespace quotewire::extract {
namespace {

namespace fs = std::filesystem;

// A copy of data/extract whose `file` ends with `extra_rows`.
std::string DataCopyWith(const std::string& name, const std::string& file,
                         const std::string& extra_rows) {
  const fs::path dir = testing_util::ScratchDir(name);
  fs::remove_all(dir);
  fs::copy(quotewire::DefaultDataDir() + "/extract", dir,
           fs::copy_options::recursive);
  std::ofstream(dir / file, std::ios::app) << extra_rows;
  return dir.string();
}

const Lexicon& Shipped() {
  static const Lexicon* lex = [] {
    auto l = Lexicon::Load(quotewire::DefaultDataDir() + "/extract");
    EXPECT_TRUE(l.ok()) << l.status();
    return l.ok() ? l->release() : nullptr;
  }();
  return *lex;
}

// The line number `Malformed()` names: the last line of `file` in `dir`.
std::string LastLineOf(const std::string& dir, const std::string& file) {
  std::ifstream in(fs::path(dir) / file);
  int n = 0;
  for (std::string line; std::getline(in, line);) ++n;
  return file + ":" + std::to_string(n) + ":";
}

void ExpectMalformedAtEnd(const std::string& name, const std::string& file,
                          const std::string& rows) {
  const std::string dir = DataCopyWith(name, file, rows);
  auto lex = Lexicon::Load(dir);
  ASSERT_FALSE(lex.ok()) << rows;
  EXPECT_EQ(lex.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(lex.status().message().find(LastLineOf(dir, file)),
            std::string::npos)
      << lex.status();
}

using L = Lexicon::List;

// The word-keyed tables hash with WordMapHash: a word finds its entry
// by a view as by a string, WordHash() is its upper half, and distinct
// words spread over both parts absl's tables use (the low seven bits
// and the rest).
TEST(LexiconTables, WordMapHashFindsByViewAndSpreads) {
  WordMap<int> map;
  const std::vector<std::string> words = {"a", "ab", "abc", "abcd",
                                          "brindle", "vesklander",
                                          "dunmore-orla", "ž", "kräl"};
  for (size_t i = 0; i < words.size(); ++i) {
    map[words[i]] = static_cast<int>(i);
  }
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string copy = words[i];
    auto it = map.find(absl::string_view(copy));
    ASSERT_NE(it, map.end()) << copy;
    EXPECT_EQ(it->second, static_cast<int>(i));
    EXPECT_EQ(WordHash(copy),
              static_cast<uint32_t>(WordHashBits(copy) >> 32));
  }
  EXPECT_EQ(map.find(absl::string_view("abcde")), map.end());
  std::set<size_t> low, high;
  for (int i = 0; i < 2000; ++i) {
    const std::string w = "w" + std::to_string(i * 7919);
    const size_t h = WordMapHash()(w);
    low.insert(h & 127);
    high.insert((h >> 7) & 4095);
  }
  EXPECT_EQ(low.size(), 128u);
  EXPECT_GT(high.size(), 1500u);
}

TEST(LexiconTables, CliticsPerLanguage) {
  const Lexicon& lex = Shipped();
  const int es = LanguageIndex("es"), fr = LanguageIndex("fr");
  EXPECT_TRUE(lex.InList(L::kClitic, "se"));
  EXPECT_TRUE(lex.InList(L::kClitic, "lhe", LanguageIndex("pt")));
  EXPECT_TRUE(lex.InList(L::kClitic, "lo", es));
  EXPECT_FALSE(lex.InList(L::kClitic, "lo", fr));
  // An apostrophe form matches either apostrophe.
  EXPECT_TRUE(lex.InList(L::kClitic, "s'", fr));
  EXPECT_TRUE(lex.InList(L::kClitic, "s\u2019", fr));
  EXPECT_FALSE(lex.InList(L::kClitic, "dijo"));
  // A language outside kLanguages has only the `*` rows: none here.
  EXPECT_FALSE(lex.InList(L::kClitic, "se", kUnlistedLanguage));
}

// Role classes are by language index: "élue" and "maire" share a class in
// French, "entraîneur" is in another, and no class is found for another
// language or none.
TEST(LexiconTables, RoleClassesPerLanguage) {
  const Lexicon& lex = Shipped();
  const int fr = LanguageIndex("fr");
  const int elue = lex.RoleClass(fr, "élue");
  EXPECT_GT(elue, 0);
  EXPECT_EQ(lex.RoleClass(fr, "maire"), elue);
  EXPECT_GT(lex.RoleClass(fr, "entraîneur"), 0);
  EXPECT_NE(lex.RoleClass(fr, "entraîneur"), elue);
  EXPECT_EQ(lex.RoleClass(fr, "maison"), 0);
  EXPECT_EQ(lex.RoleClass(LanguageIndex("pl"), "élue"), 0);
  EXPECT_EQ(lex.RoleClass(-1, "élue"), 0);
  EXPECT_EQ(lex.RoleClass(kUnlistedLanguage, "élue"), 0);
  EXPECT_TRUE(lex.RoleClassMembers(kUnlistedLanguage).empty());
  const auto& members = lex.RoleClassMembers(fr);
  EXPECT_NE(std::find(members.begin(), members.end(),
                      std::make_pair(std::string("maire"), elue)),
            members.end());
}

TEST(LexiconTables, OutletArticles) {
  const Lexicon& lex = Shipped();
  EXPECT_TRUE(lex.InList(L::kOutletArticle, "the"));
  EXPECT_FALSE(lex.InList(L::kOutletArticle, "a"));
  // Dative articles are German's: "sagte der Zeitung".
  EXPECT_TRUE(lex.InList(L::kDativeArticle, "dem", kGerman));
  EXPECT_TRUE(lex.InList(L::kDativeArticle, "der", kGerman));
  EXPECT_FALSE(lex.InList(L::kDativeArticle, "den", kGerman));
  EXPECT_FALSE(lex.InList(L::kDativeArticle, "der", LanguageIndex("nl")));
}

TEST(LexiconTables, ImpersonalPronouns) {
  const Lexicon& lex = Shipped();
  EXPECT_TRUE(lex.InList(L::kImpersonal, "on", LanguageIndex("fr")));
  EXPECT_FALSE(lex.InList(L::kImpersonal, "on", LanguageIndex("pl")));
  EXPECT_FALSE(lex.InList(L::kImpersonal, "il"));
}

TEST(LexiconTables, ARowAddsAWordToAList) {
  auto lex = Lexicon::Load(
      DataCopyWith("clitic_added", "words.tsv", "*\tmu\tclitic\n"));
  ASSERT_TRUE(lex.ok()) << lex.status();
  EXPECT_TRUE((*lex)->InList(L::kClitic, "mu", LanguageIndex("it")));
  EXPECT_TRUE((*lex)->InList(L::kClitic, "mu", kUnlistedLanguage));
}

// Lookup's table keeps four words to a bucket and passes a word to the
// next bucket when its own is full; a long word's key is only its first
// eight bytes. With thousands of invented rows (buckets fill up; hundreds of
// long words share their first eight bytes), every listed word is found
// with its class and stop-word languages, and no other word is.
TEST(LexiconTables, LookupFindsEveryListedWordAndNoOther) {
  std::string rows;
  std::vector<std::string> listed, unlisted;
  for (int i = 0; i < 3000; ++i) {
    const std::string n = std::to_string(i);
    listed.push_back("zq" + n);                 // short: all in its key
    listed.push_back("zqlongword" + n);         // long: key "zqlongwo"
    unlisted.push_back("zr" + n);
    unlisted.push_back("zqlongword" + n + "x");
    unlisted.push_back("zqlongwore" + n);
  }
  for (const std::string& w : listed) rows += "*\t" + w + "\tmedia\n";
  auto lex = Lexicon::Load(DataCopyWith("lookup_many", "words.tsv", rows));
  ASSERT_TRUE(lex.ok()) << lex.status();
  for (const std::string& w : listed) {
    EXPECT_EQ((*lex)->Classes(w), kMedia) << w;
  }
  for (const std::string& w : unlisted) {
    EXPECT_EQ((*lex)->Classes(w), 0u) << w;
  }
  // Stop-words of the shipped data keep their languages, next to the
  // invented words.
  uint32_t classes = 0;
  LanguageBits languages = 0;
  (*lex)->Lookup("the", &classes, &languages);
  EXPECT_TRUE(classes & kStop);
  EXPECT_TRUE(languages & (1u << kEnglish));
  (*lex)->Lookup("zqlongword17", &classes, &languages);
  EXPECT_EQ(classes, kMedia);
  EXPECT_EQ(languages, 0);
  EXPECT_EQ(Shipped().Classes("zqlongword17"), 0u);
}

// Title() answers through a filter of the listed titles: every row gets
// past it, with and without its period, and other words stay out.
TEST(LexiconTables, ARowAddsATitle) {
  auto lex = Lexicon::Load(DataCopyWith(
      "title_extra", "titles.tsv", "en\tzorbmeister\tf\nen\tvrz.\tm\n"));
  ASSERT_TRUE(lex.ok()) << lex.status();
  Gender g = Gender::kUnknown;
  EXPECT_TRUE((*lex)->Title("zorbmeister", &g));
  EXPECT_EQ(g, Gender::kFemale);
  EXPECT_TRUE((*lex)->Title("vrz.", &g));
  EXPECT_EQ(g, Gender::kMale);
  EXPECT_TRUE((*lex)->Title("vrz", &g));
  EXPECT_FALSE((*lex)->Title("zorbmeisters", &g));
  EXPECT_FALSE((*lex)->Title("vr", &g));
  EXPECT_FALSE(Shipped().Title("zorbmeister", &g));
}

TEST(LexiconTables, UnknownClassNamesFileAndLine) {
  ExpectMalformedAtEnd("class_unknown", "words.tsv", "es\tse\tcliticc\n");
}

TEST(LexiconTables, AgeEndingsFromTheData) {
  const Lexicon& lex = Shipped();
  EXPECT_EQ(AgeFromToken(lex, "26-year-old"), 26);
  EXPECT_EQ(AgeFromToken(lex, "39-jarige"), 39);
  EXPECT_EQ(AgeFromToken(lex, "65-jährigen"), 65);
  EXPECT_EQ(AgeFromToken(lex, "54-летняя"), 54);
  EXPECT_EQ(AgeFromToken(lex, "54-letni"), 0);
  EXPECT_EQ(AgeFromToken(lex, "2020-year"), 0);  // not an age
  EXPECT_EQ(AgeFromToken(lex, "26-page"), 0);
  auto added = Lexicon::Load(
      DataCopyWith("age_added", "endings.tsv", "pl\tage\t-letni\n"));
  ASSERT_TRUE(added.ok()) << added.status();
  EXPECT_EQ(AgeFromToken(**added, "54-letni"), 54);
}

TEST(LexiconTables, DemonymEndingsFromTheData) {
  const std::vector<std::string>& ends =
      Shipped().Endings(Lexicon::Ending::kDemonym);
  for (const char* e : {"n", "ite", "er", "ese", "i"}) {
    EXPECT_NE(std::find(ends.begin(), ends.end(), e), ends.end()) << e;
  }
  // Each ending once, though several languages may list it.
  auto lex = Lexicon::Load(DataCopyWith(
      "demonym_added", "endings.tsv", "nl\tdemonym\tn\nnl\tdemonym\taar\n"));
  ASSERT_TRUE(lex.ok()) << lex.status();
  const std::vector<std::string>& more =
      (*lex)->Endings(Lexicon::Ending::kDemonym);
  EXPECT_EQ(more.size(), ends.size() + 1);
  EXPECT_EQ(more.back(), "aar");
}

// A cue lemma stands for the regular forms of verb_forms.tsv: without the
// rows, "bromeó" is no form of "bromear", nor "erinnert" of "erinnern".
TEST(LexiconTables, LemmaFormsFromTheData) {
  const int es = LanguageIndex("es");
  uint8_t flags = 0;
  EXPECT_TRUE(Shipped().LemmaCue(es, "bromeó", &flags));
  EXPECT_TRUE(Shipped().LemmaCue(kGerman, "erinnert", &flags));
  const std::string dir = DataCopyWith("verb_forms_none", "verb_forms.tsv", "");
  std::ofstream(fs::path(dir) / "verb_forms.tsv", std::ios::trunc)
      << "# lang\tending\tforms\n";
  auto lex = Lexicon::Load(dir);
  ASSERT_TRUE(lex.ok()) << lex.status();
  EXPECT_FALSE((*lex)->LemmaCue(es, "bromeó", &flags));
  EXPECT_FALSE((*lex)->LemmaCue(kGerman, "erinnert", &flags));
  EXPECT_TRUE((*lex)->LemmaCue(es, "bromear", &flags));
}

TEST(LexiconTables, MalformedVerbFormsNameFileAndLine) {
  ExpectMalformedAtEnd("verb_forms_lang", "verb_forms.tsv", "xx\tar\ta\n");
  ExpectMalformedAtEnd("verb_forms_cols", "verb_forms.tsv", "es\tar\n");
  ExpectMalformedAtEnd("verb_forms_empty", "verb_forms.tsv", "es\tar\ta,,o\n");
}

// The Snowball stemmer of a language is its `snowball` row of
// dictionaries.tsv: without the row, the language's cue lemmas cannot be
// stemmed and the first is refused naming its line of cues.tsv.
TEST(LexiconTables, StemmersFromTheData) {
  const int pt = LanguageIndex("pt");
  const int cs = LanguageIndex("cs");
  EXPECT_EQ(Shipped().Stem(pt, "garantiu"), Shipped().Stem(pt, "garantir"));
  EXPECT_FALSE(Shipped().Stem(pt, "garantiu").empty());
  EXPECT_EQ(Shipped().Stem(cs, "řekla"), "");
  const std::string dir = DataCopyWith("stemmer_none", "dictionaries.tsv", "");
  std::string rows;
  {
    std::ifstream in(fs::path(dir) / "dictionaries.tsv");
    for (std::string line; std::getline(in, line);) {
      if (line != "pt\tsnowball\tportuguese") rows += line + "\n";
    }
  }
  std::ofstream(fs::path(dir) / "dictionaries.tsv", std::ios::trunc) << rows;
  auto lex = Lexicon::Load(dir);
  ASSERT_FALSE(lex.ok());
  EXPECT_NE(lex.status().message().find("cues.tsv:"), std::string::npos)
      << lex.status();
  EXPECT_NE(lex.status().message().find("no Snowball stemmer"),
            std::string::npos)
      << lex.status();
}

TEST(LexiconTables, MalformedStemmerNamesFileAndLine) {
  ExpectMalformedAtEnd("stemmer_lang", "dictionaries.tsv",
                       "xx\tsnowball\tenglish\n");
  ExpectMalformedAtEnd("stemmer_name", "dictionaries.tsv",
                       "cs\tsnowball\tczechish\n");
  ExpectMalformedAtEnd("stemmer_cols", "dictionaries.tsv",
                       "cs\tsnowball\tenglish\tx\n");
  ExpectMalformedAtEnd("stemmer_twice", "dictionaries.tsv",
                       "pt\tsnowball\tspanish\n");
}

// name_cases.tsv: a two-word name in an oblique case gets its nominative,
// the first name's gender choosing the surname rules; a nominative stays.
// Invented names.
TEST(LexiconTables, NominativeNameOfObliqueCases) {
  const Lexicon& lex = Shipped();
  const struct {
    const char* lang;
    const char* first;
    const char* surname;
    const char* nominative;  // "" when the name stays
  } kCases[] = {
      {"cs", "Hany", "Vondráčkové", "Hana Vondráčková"},      // genitive
      {"cs", "Haně", "Vondráčkové", "Hana Vondráčková"},      // dative
      {"cs", "Hanou", "Vondráčkovou", "Hana Vondráčková"},    // instrumental
      {"cs", "Jitky", "Malé", "Jitka Malá"},                  // adjectival
      {"cs", "Lence", "Horákové", "Lenka Horáková"},          // k -> c
      {"cs", "Petru", "Novákovi", "Petr Novák"},              // not Petra
      {"cs", "Petrem", "Novákem", "Petr Novák"},
      {"cs", "Jiřího", "Černého", "Jiří Černý"},
      {"cs", "Martina", "Dvořáka", "Martin Dvořák"},  // Martina is a name too
      {"cs", "Jana", "Nováková", ""},                 // a woman's nominative
      {"cs", "Hana", "Vondráčková", ""},
      {"cs", "Petr", "Novák", ""},
      {"pl", "Anny", "Kowalskiej", "Anna Kowalska"},
      {"pl", "Ewy", "Czarneckiej", "Ewa Czarnecka"},  // a short first name
      {"pl", "Annę", "Kowalską", "Anna Kowalska"},
      {"pl", "Magdaleny", "Zielińskiej", "Magdalena Zielińska"},
      {"pl", "Jana", "Kowalskiego", "Jan Kowalski"},
      {"pl", "Tomaszowi", "Wróblewskiemu", "Tomasz Wróblewski"},
      {"pl", "Markiem", "Nowakiem", "Marek Nowak"},
      {"pl", "Jana", "Kowalska", ""},
      {"pl", "Anna", "Nowak", ""},
      {"ru", "Анны", "Ивановой", "Анна Иванова"},
      {"ru", "Сергею", "Петровскому", "Сергей Петровский"},
      {"ru", "Павла", "Дятлова", "Павел Дятлов"},  // a vowel drops
      {"ru", "Александра", "Петровского", "Александр Петровский"},
      {"ru", "Александра", "Иванова", ""},  // a woman's nominative
      {"ru", "Анна", "Иванова", ""},
  };
  for (const auto& c : kCases) {
    Gender g = Gender::kUnknown;
    EXPECT_EQ(lex.NominativeName(c.lang, c.first, c.surname, &g),
              c.nominative)
        << c.lang << " " << c.first << " " << c.surname;
  }
}

TEST(LexiconTables, MalformedEndingNamesFileAndLine) {
  ExpectMalformedAtEnd("ending_kind", "endings.tsv", "en\tages\t-year-old\n");
  ExpectMalformedAtEnd("ending_lang", "endings.tsv", "xx\tage\t-year-old\n");
  ExpectMalformedAtEnd("ending_cols", "endings.tsv", "en\tage\n");
  ExpectMalformedAtEnd("ending_extra", "endings.tsv", "en\tage\t-y\tm\n");
}

}  // namespace
}  // namespace quotewire::extract

// Dictionary (server/extract/dictionary.h): common words told from names by
// Debian's Hunspell dictionaries and word lists of every language. Fails,
// not skips, when they are not installed (scripts/lib/deps.sh installs
// them).
#include "server/core/data_dir.h"
#include "server/extract/dictionary.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "gtest/gtest.h"
#include "server/extract/extractor.h"
#include "server/extract/tsv.h"
#include "tests/testing/scratch_dir.h"

namespace quotewire {
namespace extract {
namespace {

// This process's folder for the files the tests write.
const std::string& TmpDir() {
  static const std::string* const dir = [] {
    auto* d = new std::string(testing_util::ScratchDir("dictionary_test"));
    std::filesystem::create_directories(*d);
    return d;
  }();
  return *dir;
}

const std::string kDataDir = quotewire::DefaultDataDir() + "/extract";

// The noun inflection of the shipped endings.tsv, as Lexicon::Load passes it.
NounInflection ShippedInflection() {
  auto lex = Lexicon::Load(kDataDir);
  EXPECT_TRUE(lex.ok()) << lex.status();
  return lex.ok() ? (*lex)->NounForms() : NounInflection();
}

// The data files of extraction are read as every other data file
// (people/data_file.h): indented comments and CRLF line ends are skipped,
// text that is not UTF-8 is refused naming file and line.
TEST(ReadTsv, ReadsLikeEveryDataFile) {
  const std::string path = TmpDir() + "/read_tsv_test.tsv";
  {
    std::ofstream out(path, std::ios::binary);
    out << "# comment\r\n  # indented comment\r\nen\tsaid\t-\r\n\r\n"
           "de\tsagte\t-\n";
  }
  auto rows = ReadTsv(path, 3);
  ASSERT_TRUE(rows.ok()) << rows.status();
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].line, 3);
  EXPECT_EQ((*rows)[0].cols, (std::vector<std::string>{"en", "said", "-"}));
  EXPECT_EQ((*rows)[1].line, 5);
  {
    std::ofstream out(path, std::ios::binary);
    out << "en\tsaid\t-\nfr\td\xe9" "clare\t-\n";  // Latin-1
  }
  rows = ReadTsv(path, 3);
  EXPECT_EQ(rows.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(rows.status().message(), path + ":2: not valid UTF-8");
  std::remove(path.c_str());
}

TEST(Dictionary, GermanIsInstalled) {
  auto dict = Dictionary::Load(kDataDir + "/dictionaries.tsv", kDataDir,
                               1u << kGerman, ShippedInflection());
  ASSERT_TRUE(dict.ok()) << dict.status();
  for (const std::string& m : (*dict)->Missing()) {
    ADD_FAILURE() << "dictionary not installed: " << m;
  }
  EXPECT_TRUE((*dict)->Has(kGerman));
  EXPECT_GT((*dict)->Size(kGerman), 100000u);
}

TEST(Dictionary, GermanCommonWordsAndNames) {
  auto dict = Dictionary::Load(kDataDir + "/dictionaries.tsv", kDataDir,
                               1u << kGerman, ShippedInflection());
  ASSERT_TRUE(dict.ok()) << dict.status();
  const struct {
    const char* lower;
    bool common;
  } kCases[] = {
      {"zitat", true},      // noun stem
      {"beispiele", true},  // inflected noun of the word list
      {"landes", true},     // genitive
      {"investition", true},
      {"demnach", true},    // sentence adverb
      {"wörtlich", true},   // adverb
      {"merkel", false},    // a name: genitive flag only
      {"roth", false},      // a name without flags
      {"stoiber", false},   // in no list
      {"jana", false},
  };
  for (const auto& c : kCases) {
    EXPECT_EQ((*dict)->IsCommonWord(kGerman, c.lower), c.common) << c.lower;
  }
  EXPECT_FALSE((*dict)->IsCommonWord(kEnglish, "zitat"));
}

TEST(Dictionary, GermanCompoundNouns) {
  auto dict = Dictionary::Load(kDataDir + "/dictionaries.tsv", kDataDir,
                               1u << kGerman, ShippedInflection());
  ASSERT_TRUE(dict.ok()) << dict.status();
  using C = Dictionary::Compound;
  const struct {
    const char* lower;
    C kind;
  } kCases[] = {
      {"korruptionsskandal", C::kNoun},  // Skandal ends compounds
      {"medienberichte", C::kNoun},      // with a plural ending
      {"doktortitels", C::kNoun},        // with a genitive ending
      {"klimaexperte", C::kPerson},      // Experte forms a feminine
      {"exstellvertreter", C::kPerson},
      {"stoiber", C::kNone},
      {"ebay-deutschland", C::kNone},    // hyphenated: no guess
  };
  for (const auto& c : kCases) {
    EXPECT_EQ((*dict)->CompoundNoun(kGerman, c.lower), c.kind) << c.lower;
  }
  EXPECT_EQ((*dict)->CompoundNoun(kEnglish, "korruptionsskandal"), C::kNone);
}

TEST(Dictionary, GermanPersonNouns) {
  auto dict = Dictionary::Load(kDataDir + "/dictionaries.tsv", kDataDir,
                               1u << kGerman, ShippedInflection());
  ASSERT_TRUE(dict.ok()) << dict.status();
  using P = Dictionary::Person;
  const struct {
    const char* lower;
    P kind;
  } kCases[] = {
      {"richter", P::kBase},          // Richter/F...
      {"richtern", P::kBase},         // dative plural
      {"klimaexperte", P::kBase},     // compound
      {"klägerin", P::kFeminine},     // "-in"
      {"expertinnen", P::kFeminine},  // "-e" replaced, plural
      {"skandal", P::kNone},          // a noun, no person
      {"stoiber", P::kNone},
  };
  for (const auto& c : kCases) {
    EXPECT_EQ((*dict)->PersonNoun(kGerman, c.lower), c.kind) << c.lower;
  }
}

// The endings come from endings.tsv: without "-innen" and the "-e" it
// replaces, "Expertinnen" is no feminine of "Experte".
TEST(Dictionary, PersonNounsFollowTheInflectionGiven) {
  NounInflection few;
  few.endings = {""};
  few.feminine = {"in"};
  few.masculine = {""};
  auto dict = Dictionary::Load(kDataDir + "/dictionaries.tsv", kDataDir,
                               1u << kGerman, few);
  ASSERT_TRUE(dict.ok()) << dict.status();
  using P = Dictionary::Person;
  EXPECT_EQ((*dict)->PersonNoun(kGerman, "klägerin"), P::kFeminine);
  EXPECT_EQ((*dict)->PersonNoun(kGerman, "expertinnen"), P::kNone);
  EXPECT_EQ((*dict)->PersonNoun(kGerman, "richtern"), P::kNone);
  EXPECT_EQ((*dict)->PersonNoun(kGerman, "richter"), P::kBase);
}

// Where only names are capitalised, a lower-case entry is a common word
// and a capitalised one a name, in UTF-8 and in ISO 8859-2 (Polish).
TEST(Dictionary, EveryLanguageTellsCommonWordsFromNames) {
  auto dict = Dictionary::Load(kDataDir + "/dictionaries.tsv", kDataDir,
                               1u << kGerman, ShippedInflection());
  ASSERT_TRUE(dict.ok()) << dict.status();
  for (int lang = 0; lang < kNumLanguages; ++lang) {
    EXPECT_GT((*dict)->Size(lang), 20000u) << kLanguages[lang];
  }
  const struct {
    const char* lang;
    const char* lower;  // a common word
    const char* name;   // a name, as written
  } kCases[] = {
      {"en", "meanwhile", "Bush"},  {"en", "officials", "Thursday"},
      {"nl", "woordvoerder", "Amsterdam"}, {"fr", "porte-parole", "Paris"},
      {"es", "portavoz", "Madrid"}, {"it", "portavoce", "Roma"},
      {"pt", "ministro", "Lisboa"}, {"ru", "слово", "Путин"},
      {"cs", "zpráva", "Novák"},    {"pl", "książka", "Wałęsa"},
  };
  for (const auto& c : kCases) {
    const int lang = LanguageIndex(c.lang);
    EXPECT_TRUE((*dict)->IsCommonWord(lang, c.lower)) << c.lang << " " << c.lower;
    EXPECT_TRUE((*dict)->IsName(lang, c.name)) << c.lang << " " << c.name;
  }
  // "Bush" is a common word and a name; "However" is no name.
  EXPECT_TRUE((*dict)->IsCommonWord(kEnglish, "bush"));
  EXPECT_FALSE((*dict)->IsName(kEnglish, "However"));
  // German keeps its noun semantics: a capitalised noun is a common word.
  EXPECT_FALSE((*dict)->IsName(kGerman, "Zitat"));
}

TEST(Dictionary, LoadSharedLoadsOnce) {
  const std::string list = kDataDir + "/dictionaries.tsv";
  auto a = Dictionary::LoadShared(list, kDataDir, 1u << kGerman,
                                  ShippedInflection());
  auto b = Dictionary::LoadShared(list, kDataDir, 1u << kGerman,
                                  ShippedInflection());
  ASSERT_TRUE(a.ok()) << a.status();
  ASSERT_TRUE(b.ok()) << b.status();
  EXPECT_EQ(a->get(), b->get());
}

// A language's words are read on its first use; threads asking about it
// at once all wait for the one read and get the same answers.
TEST(Dictionary, FirstUseFromManyThreadsReadsOnce) {
  const std::string list = TmpDir() + "/dictionaries-threads.tsv";
  const std::string words = TmpDir() + "/words-threads.txt";
  {
    std::ofstream out(list);
    out << "de\twordlist\t" << words << "\n";
    std::ofstream w(words);
    w << "zitat\ndemnach\n";
  }
  auto dict = Dictionary::Load(list, TmpDir());
  ASSERT_TRUE(dict.ok()) << dict.status();
  // Not read yet: a change to the file before the first use is seen.
  {
    std::ofstream w(words, std::ios::app);
    w << "wortlich\n";
  }
  std::vector<int> found(8, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (const char* word : {"zitat", "demnach", "wortlich"}) {
        found[t] += (*dict)->IsCommonWord(kGerman, word);
      }
      found[t] += (*dict)->IsCommonWord(kGerman, "merkel");
    });
  }
  for (std::thread& t : threads) t.join();
  for (int t = 0; t < 8; ++t) EXPECT_EQ(found[t], 3) << "thread " << t;
  EXPECT_EQ((*dict)->Size(kGerman), 3u);
  std::remove(list.c_str());
  std::remove(words.c_str());
}

TEST(Dictionary, MissingSourceIsReportedNotFatal) {
  const std::string list = TmpDir() + "/dictionaries.tsv";
  {
    std::ofstream out(list);
    out << "# lang\tformat\tpath\nde\twordlist\tno-such-file.txt\n";
  }
  auto dict = Dictionary::Load(list, TmpDir());
  ASSERT_TRUE(dict.ok()) << dict.status();
  ASSERT_EQ((*dict)->Missing().size(), 1u);
  EXPECT_FALSE((*dict)->Has(kGerman));
  EXPECT_FALSE((*dict)->IsCommonWord(kGerman, "zitat"));
  std::remove(list.c_str());
}

// The Hunspell flags of a language that capitalises nouns are its row's:
// the same stems are nouns, person nouns and compound ends under the flags
// the row names, and all names without them.
TEST(Dictionary, HunspellFlagsComeFromTheRow) {
  const std::string dic = TmpDir() + "/flags-test.dic";
  {
    std::ofstream out(dic);
    out << "4\nZitat/Q\nSprecher/R\nSkandal/Q\nskandal/Y\n";
  }
  NounInflection few;
  few.endings = {""};
  for (const bool flagged : {true, false}) {
    const std::string list = TmpDir() + "/dictionaries-flags.tsv";
    {
      std::ofstream out(list);
      out << "de\thunspell\t" << dic << (flagged ? "\tY\tR\tAQ\n" : "\n");
    }
    auto dict = Dictionary::Load(list, TmpDir(), 1u << kGerman,
                                 few);
    ASSERT_TRUE(dict.ok()) << dict.status();
    EXPECT_EQ((*dict)->IsCommonWord(kGerman, "zitat"), flagged);
    EXPECT_FALSE((*dict)->IsCommonWord(kGerman, "sprecher"));  // a person
    EXPECT_EQ((*dict)->PersonNoun(kGerman, "sprecher"),
              flagged ? Dictionary::Person::kBase : Dictionary::Person::kNone);
    EXPECT_EQ((*dict)->CompoundNoun(kGerman, "korruptionsskandal"),
              flagged ? Dictionary::Compound::kNoun
                      : Dictionary::Compound::kNone);
    std::remove(list.c_str());
  }
  std::remove(dic.c_str());
}

// A row with some flag columns but not all three, flags on a word list, or
// an empty flag column is refused naming file and line.
TEST(Dictionary, MalformedFlagsNameFileAndLine) {
  const std::string list = TmpDir() + "/dictionaries-badflags.tsv";
  for (const char* row : {"de\thunspell\tx.dic\tz\tF\n",
                          "de\twordlist\tx.txt\tz\tF\tE\n",
                          "de\thunspell\tx.dic\tz\t\tE\n",
                          "de\thunspell\tx.dic\tz\tF\tE\tx\n"}) {
    {
      std::ofstream out(list);
      out << "# lang\tformat\tpath\n" << row;
    }
    auto dict = Dictionary::Load(list, TmpDir());
    ASSERT_FALSE(dict.ok()) << row;
    EXPECT_EQ(dict.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_NE(dict.status().message().find("dictionaries-badflags.tsv:2"),
              std::string::npos)
        << dict.status();
  }
  std::remove(list.c_str());
}

TEST(Dictionary, MalformedRowNamesFileAndLine) {
  const std::string list = TmpDir() + "/dictionaries-bad.tsv";
  {
    std::ofstream out(list);
    out << "de\tspellbook\tx.dic\n";
  }
  auto dict = Dictionary::Load(list, TmpDir());
  ASSERT_FALSE(dict.ok());
  EXPECT_EQ(dict.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(dict.status().message().find("dictionaries-bad.tsv:1"),
            std::string::npos);
  std::remove(list.c_str());
}

}  // namespace
}  // namespace extract
}  // namespace quotewire

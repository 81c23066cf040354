// The language facts rules test (Lexicon::Trait, participle endings) come
// from data/extract/word_order.tsv, not from language codes in the code.
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>

#include "gtest/gtest.h"
#include "server/core/data_dir.h"
#include "server/extract/extractor.h"
#include "server/extract/lexicon.h"
#include "tests/testing/scratch_dir.h"

namespace quotewire::extract {
namespace {

namespace fs = std::filesystem;

// A copy of data/extract whose `file` (word_order.tsv unless named) ends
// with `extra_rows`.
std::string DataCopyWith(const std::string& name, const std::string& extra_rows,
                         const std::string& file = "word_order.tsv") {
  const fs::path dir = testing_util::ScratchDir(name);
  fs::remove_all(dir);
  fs::copy(quotewire::DefaultDataDir() + "/extract", dir, fs::copy_options::recursive);
  std::ofstream(dir / file, std::ios::app) << extra_rows;
  return dir.string();
}

// Rewrites `file` with its line `row` replaced by `replacement` (its own
// line end included; empty: the row is dropped).
void ReplaceRow(const fs::path& file, const std::string& row,
                const std::string& replacement) {
  std::string rows;
  {
    std::ifstream in(file);
    for (std::string line; std::getline(in, line);) {
      rows += line == row ? replacement : line + "\n";
    }
  }
  std::ofstream(file, std::ios::trunc) << rows;
}

TEST(LexiconTraits, ShippedDataNamesTheLanguages) {
  auto lex = Lexicon::Load(quotewire::DefaultDataDir() + "/extract");
  ASSERT_TRUE(lex.ok()) << lex.status();
  using T = Lexicon::Trait;
  EXPECT_TRUE((*lex)->Has(LanguageIndex("fr"), T::kOpeningSubjectSpeaks));
  EXPECT_FALSE((*lex)->Has(kEnglish, T::kOpeningSubjectSpeaks));
  EXPECT_TRUE((*lex)->Has(LanguageIndex("pl"), T::kAddresseeAfterName));
  EXPECT_TRUE((*lex)->Has(kGerman, T::kDativeAddressee));
  EXPECT_TRUE((*lex)->Has(LanguageIndex("nl"), T::kBareRoleOpensSentence));
  EXPECT_TRUE((*lex)->Has(LanguageIndex("ru"), T::kNoArticles));
  EXPECT_FALSE((*lex)->Has(LanguageIndex("ru"), T::kRoleBeforeName));
  EXPECT_TRUE((*lex)->Has(LanguageIndex("cs"), T::kGenitiveChain));
  EXPECT_FALSE((*lex)->Has(kGerman, T::kGenitiveChain));
  EXPECT_TRUE((*lex)->Has(LanguageIndex("ru"), T::kCyrillic));
  EXPECT_FALSE((*lex)->Has(LanguageIndex("pl"), T::kCyrillic));
  EXPECT_TRUE((*lex)->Has(LanguageIndex("es"), T::kTwoSurnames));
  EXPECT_FALSE((*lex)->Has(LanguageIndex("en"), T::kTwoSurnames));
  // A language outside kLanguages has none.
  EXPECT_FALSE((*lex)->Has(-1, T::kNoArticles));
  EXPECT_FALSE((*lex)->Has(kUnlistedLanguage, T::kArticleMakesNoun));
  EXPECT_TRUE((*lex)->EndsLikeParticiple(kEnglish, "marching"));
  EXPECT_FALSE((*lex)->EndsLikeParticiple(kGerman, "sitzung"));
}

TEST(LexiconTraits, ARowGivesALanguageTheTrait) {
  auto lex = Lexicon::Load(DataCopyWith("traits_added", "de\tsubjectspeaks\nde\tparticiple\tend\n"));
  ASSERT_TRUE(lex.ok()) << lex.status();
  EXPECT_TRUE((*lex)->Has(kGerman, Lexicon::Trait::kOpeningSubjectSpeaks));
  EXPECT_TRUE((*lex)->EndsLikeParticiple(kGerman, "lachend"));
}

// The language of a text that shows none is the `default` row's: "en" as
// shipped, German when the row names German.
TEST(LexiconTraits, DefaultLanguageFromTheData) {
  const std::string dir = testing_util::ScratchDir("default_de");
  fs::remove_all(dir);
  fs::create_directories(dir);
  fs::copy(quotewire::DefaultDataDir() + "/extract", fs::path(dir) / "extract",
           fs::copy_options::recursive);
  ReplaceRow(fs::path(dir) / "extract" / "word_order.tsv", "en\tdefault",
             "de\tdefault\n");
  Article article;
  article.text = "12345 67890 2024";  // no word of any language
  for (const auto& [data_dir, want] :
       {std::pair<std::string, std::string>{quotewire::DefaultDataDir(), "en"},
        {dir, "de"}}) {
    auto extractor = Extractor::Create({.data_dir = data_dir});
    ASSERT_TRUE(extractor.ok()) << extractor.status();
    EXPECT_EQ((*extractor)->Extract(article).language, want) << data_dir;
  }
  auto lex = Lexicon::Load(fs::path(dir) / "extract");
  ASSERT_TRUE(lex.ok()) << lex.status();
  EXPECT_EQ((*lex)->DefaultLanguage(), kGerman);
}

// A second default language is refused naming file and line; none at all
// naming the file.
TEST(LexiconTraits, DefaultLanguageOnce) {
  const std::string dir = DataCopyWith("default_twice", "de\tdefault\n");
  auto lex = Lexicon::Load(dir);
  ASSERT_FALSE(lex.ok());
  EXPECT_EQ(lex.status().code(), absl::StatusCode::kInvalidArgument);
  int lines = 0;
  {
    std::ifstream in(fs::path(dir) / "word_order.tsv");
    for (std::string line; std::getline(in, line);) ++lines;
  }
  EXPECT_NE(lex.status().message().find("word_order.tsv:" +
                                        std::to_string(lines) + ":"),
            std::string::npos)
      << lex.status();
  const fs::path none = fs::path(DataCopyWith("default_none", "")) /
                        "word_order.tsv";
  ReplaceRow(none, "en\tdefault", "");
  lex = Lexicon::Load(none.parent_path().string());
  ASSERT_FALSE(lex.ok());
  EXPECT_NE(lex.status().message().find("word_order.tsv"), std::string::npos)
      << lex.status();
}

TEST(LexiconTraits, UnknownPropertyNamesFileAndLine) {
  auto lex = Lexicon::Load(DataCopyWith("traits_unknown", "de\tromance\n"));
  ASSERT_FALSE(lex.ok());
  EXPECT_EQ(lex.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(lex.status().message().find("word_order.tsv"), std::string::npos)
      << lex.status();
}

// The genders of articles, role-noun endings and past-tense verbs come from
// gender_marks.tsv and word_order.tsv, per language.
TEST(LexiconTraits, GenderMarksComeFromTheData) {
  auto lex = Lexicon::Load(quotewire::DefaultDataDir() + "/extract");
  ASSERT_TRUE(lex.ok()) << lex.status();
  const int nl = LanguageIndex("nl");
  EXPECT_EQ((*lex)->ArticleGender(kGerman, "die"), Gender::kFemale);
  EXPECT_EQ((*lex)->ArticleGender(LanguageIndex("pt"), "o"), Gender::kMale);
  EXPECT_EQ((*lex)->ArticleGender(kEnglish, "the"), Gender::kUnknown);
  EXPECT_EQ((*lex)->RoleNounGender(kGerman, "ministerin"), Gender::kFemale);
  EXPECT_EQ((*lex)->RoleNounGender(nl, "schrijfster"), Gender::kFemale);
  // The longest ending decides: "-meester" marks no woman.
  EXPECT_EQ((*lex)->RoleNounGender(nl, "burgemeester"), Gender::kUnknown);
  EXPECT_EQ((*lex)->RoleNounGender(LanguageIndex("cs"), "starostka"),
            Gender::kFemale);
  EXPECT_EQ((*lex)->RoleNounGender(kEnglish, "ministerin"), Gender::kUnknown);
  EXPECT_EQ((*lex)->RoleNounGender(-1, "ministerin"), Gender::kUnknown);
  EXPECT_EQ((*lex)->VerbGender(LanguageIndex("pl"), "powiedziała"),
            Gender::kFemale);
}

TEST(LexiconTraits, AGenderMarkRowIsALanguageFact) {
  auto lex = Lexicon::Load(DataCopyWith(
      "gender_added", "en\tarticle\tthe\t-\nen\tending\tess\tf\n",
      "gender_marks.tsv"));
  ASSERT_TRUE(lex.ok()) << lex.status();
  EXPECT_EQ((*lex)->RoleNounGender(kEnglish, "actress"), Gender::kFemale);
  EXPECT_EQ((*lex)->ArticleGender(kEnglish, "the"), Gender::kUnknown);
  auto bad = Lexicon::Load(
      DataCopyWith("gender_bad", "en\tsuffix\tess\tf\n", "gender_marks.tsv"));
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("gender_marks.tsv"), std::string::npos)
      << bad.status();
}

// EndsWithRole tries only the tails as long as a listed word ending like
// the word: tails of every length, a listed word of 64+ bytes included.
TEST(LexiconTraits, EndsWithRoleFindsATailOfAnyLength) {
  // 64 bytes, and no shorter listed word ends like it.
  const std::string long_role = std::string(59, 'x') + "qvulp";
  auto lex = Lexicon::Load(DataCopyWith(
      "ends_with_role",
      "*\tzqorbelt\trole\n*\tvizzqorbelt\trole\n*\t" + long_role +
          "\trole\n",
      "words.tsv"));
  ASSERT_TRUE(lex.ok()) << lex.status();
  EXPECT_TRUE((*lex)->EndsWithRole("polizeisprecher"));  // "sprecher"
  EXPECT_TRUE((*lex)->EndsWithRole("bundespolizeisprecher"));
  EXPECT_TRUE((*lex)->EndsWithRole("obzqorbelt"));      // 8-byte tail
  EXPECT_TRUE((*lex)->EndsWithRole("altvizzqorbelt"));  // 11-byte tail
  EXPECT_TRUE((*lex)->EndsWithRole("vor" + long_role));  // 64-byte tail
  EXPECT_FALSE((*lex)->EndsWithRole("zqorbelt"));  // no shorter word ends so
  EXPECT_FALSE((*lex)->EndsWithRole("obqorbelt"));
  EXPECT_FALSE((*lex)->EndsWithRole("vor" + std::string(58, 'x') + "qvulp"));
}

}  // namespace
}  // namespace quotewire::extract

#include "server/analysis/analyzer.h"

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/scratch_dir.h"
#include "server/people/name_analyzer.h"
#include "server/sources/source_catalog.h"
#include "server/topics/topic_tagger.h"

namespace quotewire {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

// An article written for this test: a wire dateline and headline credit, a
// full name and a later surname-alone mention of the same person, and two
// people who share a surname.
constexpr char kArticle[] =
    "Thousands rally in Minsk against disputed vote - AFP\n"
    "\n"
    "MINSK (AFP) - Tens of thousands of protesters rallied in Minsk on Sunday "
    "against the disputed presidential election, an AFP journalist said.\n"
    "\n"
    "\"We will not leave the streets until there are new elections,\" said "
    "opposition activist Maria Kolesnikova.\n"
    "\n"
    "President Alexander Lukashenko rejected the demands on Saturday.\n"
    "\n"
    "\"There will be no new vote while I am alive,\" Lukashenko told "
    "supporters.\n"
    "\n"
    "\"The police beat us for three days in detention,\" said Anna "
    "Kolesnikova, a student who was arrested last week.\n";

class AnalyzerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto analyzer = Analyzer::Create(AnalyzerOptions());
    ASSERT_TRUE(analyzer.ok()) << analyzer.status();
    analyzer_ = analyzer->release();
  }
  static void TearDownTestSuite() {
    delete analyzer_;
    analyzer_ = nullptr;
  }
  static const Quote* FindQuote(const AnalyzedArticle& a,
                                const std::string& part) {
    for (const Quote& q : a.quotes) {
      if (q.text.find(part) != std::string::npos) return &q;
    }
    return nullptr;
  }
  static Analyzer* analyzer_;
};
Analyzer* AnalyzerTest::analyzer_ = nullptr;

TEST_F(AnalyzerTest, AnalyzesOwnArticle) {
  Article article;
  article.text = kArticle;
  AnalyzedArticle result = analyzer_->Analyze(article);

  EXPECT_EQ(result.article.language, "en");
  EXPECT_EQ(result.article.text, article.text);
  // Headline and dateline credit AFP once; "an AFP journalist" is a mention.
  EXPECT_THAT(result.wire_credits, ElementsAre("Agence France-Presse"));

  const Quote* maria = FindQuote(result, "We will not leave the streets");
  ASSERT_NE(maria, nullptr);
  EXPECT_EQ(maria->speaker.name, "Maria Kolesnikova");
  EXPECT_EQ(maria->language, "en");
  EXPECT_THAT(maria->topics, Contains("elections"));
  EXPECT_THAT(maria->topics, Not(Contains("health")));

  // The full name appears only outside speaker positions here, so whether
  // the surname gains it is the extractor's resolution; the analysis
  // guarantees the person's name without its title.
  const Quote* luka = FindQuote(result, "There will be no new vote");
  ASSERT_NE(luka, nullptr);
  EXPECT_THAT(luka->speaker.name, HasSubstr("Lukashenko"));
  EXPECT_THAT(luka->speaker.name, Not(HasSubstr("President")));
  EXPECT_THAT(luka->topics, Contains("elections"));

  const Quote* anna = FindQuote(result, "The police beat us");
  ASSERT_NE(anna, nullptr);
  EXPECT_EQ(anna->speaker.name, "Anna Kolesnikova");
  EXPECT_THAT(anna->topics, Contains("justice"));
  // Maria and Anna Kolesnikova remain two people.
  const NameAnalyzer& names = analyzer_->names();
  EXPECT_EQ(names.Compare(names.Analyze(maria->speaker.name),
                          names.Analyze(anna->speaker.name)),
            NameAnalyzer::Match::kDifferent);
}

TEST_F(AnalyzerTest, SurnameAloneTakesTheFullNameOfTheArticle) {
  Article article;
  article.text =
      "\"We are ready for talks,\" said President Alexander Lukashenko.\n\n"
      "\"But there will be no new election,\" said Lukashenko.\n";
  AnalyzedArticle result = analyzer_->Analyze(article);
  const Quote* first = FindQuote(result, "We are ready for talks");
  const Quote* second = FindQuote(result, "no new election");
  ASSERT_NE(first, nullptr);
  ASSERT_NE(second, nullptr);
  EXPECT_EQ(first->speaker.name, "Alexander Lukashenko");
  EXPECT_EQ(second->speaker.name, "Alexander Lukashenko");
  EXPECT_THAT(second->topics, Contains("elections"));
  EXPECT_THAT(first->topics, Contains("diplomacy"));
}

TEST_F(AnalyzerTest, ComponentsAreShared) {
  EXPECT_EQ(analyzer_->sources().Canonicalize("AFP").display_name,
            "Agence France-Presse");
  EXPECT_NE(analyzer_->topics().Find("elections"), nullptr);
  EXPECT_EQ(analyzer_->names().StripTitles("President Lukashenko"),
            "Lukashenko");
}

TEST_F(AnalyzerTest, OwnTopicsFile) {
  const std::filesystem::path dir = testing_util::ScratchDir("analyzer_own");
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "analyzer_topics.tsv").string();
  std::ofstream(path) << "topic\tweather\tWeather\nweather\t*\train*\n";
  AnalyzerOptions options;
  options.topics_file = path;
  auto analyzer = Analyzer::Create(options);
  ASSERT_TRUE(analyzer.ok()) << analyzer.status();
  Article article;
  article.text = "\"It will rain all week,\" said Anna Smith.\n";
  AnalyzedArticle result = (*analyzer)->Analyze(article);
  ASSERT_FALSE(result.quotes.empty());
  EXPECT_THAT(result.quotes[0].topics, ElementsAre("weather"));
}

TEST_F(AnalyzerTest, BadTopicsFileFailsCreate) {
  const std::filesystem::path dir = testing_util::ScratchDir("analyzer_bad");
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "analyzer_bad_topics.tsv").string();
  std::ofstream(path) << "topic\tweather\tWeather\nnope\ten\train\n";
  AnalyzerOptions options;
  options.topics_file = path;
  auto analyzer = Analyzer::Create(options);
  ASSERT_EQ(analyzer.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(analyzer.status().message(),
              HasSubstr("analyzer_bad_topics.tsv:2"));
}

TEST_F(AnalyzerTest, EmptyArticle) {
  Article article;
  AnalyzedArticle result = analyzer_->Analyze(article);
  EXPECT_TRUE(result.quotes.empty());
  EXPECT_TRUE(result.wire_credits.empty());
}

}  // namespace
}  // namespace quotewire

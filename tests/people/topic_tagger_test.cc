#include "server/core/data_dir.h"
#include "server/topics/topic_tagger.h"

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/scratch_dir.h"

namespace quotewire {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

class TopicTaggerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto tagger = TopicTagger::Create(quotewire::DefaultDataDir() +
                                      "/topics.tsv");
    ASSERT_TRUE(tagger.ok()) << tagger.status();
    tagger_ = tagger->release();
  }
  static void TearDownTestSuite() {
    delete tagger_;
    tagger_ = nullptr;
  }
  static const TopicTagger& topics() { return *tagger_; }
  static TopicTagger* tagger_;
};
TopicTagger* TopicTaggerTest::tagger_ = nullptr;

TEST_F(TopicTaggerTest, TaxonomyInFileOrder) {
  const auto& t = topics().taxonomy();
  ASSERT_GE(t.size(), 14u);
  EXPECT_EQ(t[0].id, "elections");
  EXPECT_EQ(t[0].display_name, "Elections");
  std::vector<std::string> ids;
  for (const auto& info : t) ids.push_back(info.id);
  for (const char* id :
       {"protests", "sanctions", "military", "diplomacy", "human-rights",
        "economy", "health", "justice", "media", "energy", "migration",
        "climate", "technology"}) {
    EXPECT_THAT(ids, Contains(id));
  }
}

TEST_F(TopicTaggerTest, Find) {
  ASSERT_NE(topics().Find("elections"), nullptr);
  EXPECT_EQ(topics().Find("ELECTIONS")->id, "elections");
  EXPECT_EQ(topics().Find("Human rights")->id, "human-rights");
  EXPECT_EQ(topics().Find("human-rights")->id, "human-rights");
  EXPECT_EQ(topics().Find("no such topic"), nullptr);
  EXPECT_EQ(topics().Find(""), nullptr);
}

struct TagCase {
  const char* language;
  const char* quote;
  const char* topic;
};

// One expected topic per row, in every language.
TEST_F(TopicTaggerTest, TagsEachLanguage) {
  const TagCase cases[] = {
      {"en", "The elections were valid", "elections"},
      {"en", "The election was valid", "elections"},
      {"en", "They rigged the vote.", "elections"},
      {"nl", "De verkiezingen waren niet eerlijk.", "elections"},
      {"nl", "Sinds de presidentsverkiezingen van zondag", "elections"},
      {"de", "Die Wahlen waren gefälscht.", "elections"},
      {"de", "Die Präsidentschaftswahl war manipuliert.", "elections"},
      {"fr", "Les élections ont été truquées.", "elections"},
      {"es", "Las elecciones fueron un fraude.", "elections"},
      {"ru", "Выборы были сфальсифицированы.", "elections"},
      {"en", "Thousands of protesters rallied in Minsk.", "protests"},
      {"nl", "Duizenden betogers gingen de straat op.", "protests"},
      {"de", "Tausende Demonstranten zogen durch Minsk.", "protests"},
      {"fr", "Des milliers de manifestants ont défilé.", "protests"},
      {"es", "Miles de manifestantes protestaron.", "protests"},
      {"ru", "Тысячи протестующих вышли на митинг.", "protests"},
      {"en", "The EU will impose sanctions.", "sanctions"},
      {"nl", "De EU overweegt sancties.", "sanctions"},
      {"de", "Die EU verhängt Sanktionen.", "sanctions"},
      {"fr", "L'UE prépare des sanctions.", "sanctions"},
      {"es", "La UE impondrá sanciones.", "sanctions"},
      {"ru", "ЕС введёт санкции.", "sanctions"},
      {"en", "Troops were moved to the border.", "military"},
      {"nl", "Het leger staat klaar.", "military"},
      {"de", "Die Armee wurde mobilisiert.", "military"},
      {"fr", "L'armée est prête.", "military"},
      {"es", "El ejército está listo.", "military"},
      {"ru", "Армия готова.", "military"},
      {"en", "He was tortured in detention.", "human-rights"},
      {"nl", "Gevangenen werden gemarteld.", "human-rights"},
      {"de", "Gefangene wurden gefoltert.", "human-rights"},
      {"fr", "Les détenus ont été torturés.", "human-rights"},
      {"es", "Los presos fueron torturados.", "human-rights"},
      {"ru", "Задержанных подвергали пыткам.", "human-rights"},
      {"en", "Riot police arrested hundreds.", "justice"},
      {"nl", "De oproerpolitie heeft 7000 mensen opgepakt.", "justice"},
      {"de", "Die Polizei nahm Hunderte fest; sie wurden verhaftet.",
       "justice"},
      {"fr", "La police a arrêté des centaines de personnes.", "justice"},
      {"es", "La policía detuvo a cientos.", "justice"},
      {"ru", "Полиция задержала сотни человек.", "justice"},
      {"en", "Journalists were stripped of their accreditation.", "media"},
      {"de", "Die Pressefreiheit ist bedroht.", "media"},
      {"en", "Gas prices and the pipeline.", "energy"},
      {"en", "Inflation and the rouble.", "economy"},
      {"en", "Refugees crossed the border.", "migration"},
      {"en", "Climate change is real.", "climate"},
      {"en", "The internet was shut down; Telegram channels kept working.",
       "technology"},
      {"en", "Hospitals treated the wounded.", "health"},
      {"en", "Talks with the Kremlin.", "diplomacy"},
      // Unknown or empty language: every language's patterns apply.
      {"", "Выборы были сфальсифицированы.", "elections"},
      {"pl", "Die Wahlen waren gefälscht.", "elections"},
      {"nl-BE", "De verkiezingen waren niet eerlijk.", "elections"},
  };
  for (const TagCase& c : cases) {
    EXPECT_THAT(topics().Tag(c.quote, "", c.language), Contains(c.topic))
        << c.language << ": " << c.quote;
  }
}

TEST_F(TopicTaggerTest, ContextCounts) {
  EXPECT_THAT(
      topics().Tag("We will not give up.",
                   "the opposition candidate said after the election", "en"),
      Contains("elections"));
  EXPECT_THAT(topics().Tag("We will not give up.", "", "en"), IsEmpty());
}

TEST_F(TopicTaggerTest, NoFalseHits) {
  struct Case {
    const char* language;
    const char* text;
    const char* topic;
  } cases[] = {
      {"en", "The selection of players was announced.", "elections"},
      {"en", "We met in March.", "protests"},
      {"en", "He visited Stockholm.", "economy"},
      {"en", "We were in the south.", "justice"},
      // Language filter: an English word with Dutch patterns only.
      {"nl", "The elections were valid", "elections"},
  };
  for (const auto& c : cases) {
    EXPECT_THAT(topics().Tag(c.text, "", c.language), Not(Contains(c.topic)))
        << c.text;
  }
}

TEST_F(TopicTaggerTest, ResultInTaxonomyOrderOnce) {
  std::vector<std::string> got = topics().Tag(
      "Protesters and protests after the election; elections and sanctions",
      "protest", "en");
  std::vector<std::string> order;
  for (const auto& t : topics().taxonomy()) {
    for (const auto& g : got) {
      if (g == t.id) order.push_back(g);
    }
  }
  EXPECT_EQ(got, order);
  EXPECT_THAT(got, Contains("elections"));
  EXPECT_THAT(got, Contains("protests"));
  EXPECT_THAT(got, Contains("sanctions"));
}

// --- Data file handling ---

class TopicDataTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::filesystem::path dir = testing_util::ScratchDir(
        std::string("topics_") +
        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir);
    path_ = (dir / "topics.tsv").string();
  }
  void Write(const std::string& content) { std::ofstream(path_) << content; }
  std::string path_;
};

TEST_F(TopicDataTest, OwnTaxonomyWithPhrasesPrefixesSuffixes) {
  Write(
      "# own\n"
      "topic\tfood\tFood\n"
      "topic\tweather\tWeather\n"
      "food\ten\tapple pie, bread*\n"
      "food\tde\t*brot\n"
      "weather\t*\tsnow\n");
  auto tagger = TopicTagger::Create(path_);
  ASSERT_TRUE(tagger.ok()) << tagger.status();
  const TopicTagger& t = **tagger;
  EXPECT_THAT(t.Tag("I like apple pie", "", "en"), ElementsAre("food"));
  EXPECT_THAT(t.Tag("I like apple juice", "", "en"), IsEmpty());
  EXPECT_THAT(t.Tag("Fresh breadsticks", "", "en"), ElementsAre("food"));
  EXPECT_THAT(t.Tag("Vollkornbrot", "", "de"), ElementsAre("food"));
  EXPECT_THAT(t.Tag("Vollkornbrot", "", "en"), IsEmpty());
  EXPECT_THAT(t.Tag("Snow and bread", "", "de"), ElementsAre("weather"));
  EXPECT_THAT(t.Tag("snow, bread", "", "en"), ElementsAre("food", "weather"));
}

TEST_F(TopicDataTest, UnknownTopicNamesLine) {
  Write("topic\tfood\tFood\nfod\ten\tbread\n");
  auto tagger = TopicTagger::Create(path_);
  ASSERT_EQ(tagger.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(tagger.status().message(), HasSubstr(":2"));
}

TEST_F(TopicDataTest, ShortStemIsInvalid) {
  Write("topic\tfood\tFood\nfood\ten\tbr*\n");
  auto tagger = TopicTagger::Create(path_);
  ASSERT_EQ(tagger.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(tagger.status().message(), HasSubstr(":2"));
}

TEST_F(TopicDataTest, MissingFileIsNotFound) {
  auto tagger = TopicTagger::Create(path_ + ".missing");
  EXPECT_EQ(tagger.status().code(), absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace quotewire

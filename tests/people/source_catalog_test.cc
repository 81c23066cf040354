#include "server/core/data_dir.h"
#include "server/sources/source_catalog.h"

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
using ::testing::ElementsAreArray;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

class SourceCatalogTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto catalog = SourceCatalog::Create(quotewire::DefaultDataDir());
    ASSERT_TRUE(catalog.ok()) << catalog.status();
    catalog_ = catalog->release();
  }
  static void TearDownTestSuite() {
    delete catalog_;
    catalog_ = nullptr;
  }
  static const SourceCatalog& sources() { return *catalog_; }
  static SourceCatalog* catalog_;
};
SourceCatalog* SourceCatalogTest::catalog_ = nullptr;

TEST_F(SourceCatalogTest, CanonicalizeKnownNames) {
  struct Case {
    const char* in;
    const char* id;
    const char* display;
    bool wire;
  } cases[] = {
      {"AFP", "agence-france-presse", "Agence France-Presse", true},
      {"Agence France-Presse", "agence-france-presse", "Agence France-Presse",
       true},
      {"agence france presse", "agence-france-presse", "Agence France-Presse",
       true},
      {"AFP's", "agence-france-presse", "Agence France-Presse", true},
      {"Reuters", "reuters", "Reuters", true},
      {"REUTERS", "reuters", "Reuters", true},
      {"Reuters’", "reuters", "Reuters", true},
      {"AP", "associated-press", "Associated Press", true},
      {"The Associated Press", "associated-press", "Associated Press", true},
      {"dpa", "deutsche-presse-agentur", "Deutsche Presse-Agentur", true},
      {"ANP", "algemeen-nederlands-persbureau",
       "Algemeen Nederlands Persbureau", true},
      {"ТАСС", "tass", "TASS", true},
      {"РИА Новости", "ria-novosti", "RIA Novosti", true},
      {"al jazeera", "al-jazeera", "Al Jazeera", false},
      {"Al Jazeera's", "al-jazeera", "Al Jazeera", false},
      {"Al-Jazeera", "al-jazeera", "Al Jazeera", false},
      {"Russia Today", "rt", "RT", false},
      {"New York Times", "the-new-york-times", "The New York Times", false},
      {"the New York Times", "the-new-york-times", "The New York Times", false},
      {"NOS", "nos", "NOS", false},
      {"France 24", "france-24", "France 24", false},
      {"Spiegel", "der-spiegel", "Der Spiegel", false},
      {"  Le   Monde ", "le-monde", "Le Monde", false},
  };
  for (const Case& c : cases) {
    CanonicalSource s = sources().Canonicalize(c.in);
    EXPECT_EQ(s.id, c.id) << c.in;
    EXPECT_EQ(s.display_name, c.display) << c.in;
    EXPECT_EQ(s.is_wire, c.wire) << c.in;
  }
}

TEST_F(SourceCatalogTest, AliasesIncludeTheGivenForm) {
  CanonicalSource s = sources().Canonicalize("AFP");
  EXPECT_THAT(s.aliases, Contains("AFP"));
  EXPECT_THAT(s.aliases, Contains("Agence France-Presse"));
  CanonicalSource lower = sources().Canonicalize("agence france presse");
  EXPECT_THAT(lower.aliases, Contains("agence france presse"));
}

TEST_F(SourceCatalogTest, UnknownNamesMapToThemselvesCleaned) {
  CanonicalSource s = sources().Canonicalize("  “Minsk Daily’s”  ");
  EXPECT_EQ(s.display_name, "Minsk Daily");
  EXPECT_EQ(s.id, "minsk-daily");
  EXPECT_FALSE(s.is_wire);
  EXPECT_THAT(s.aliases, ElementsAre("Minsk Daily"));

  CanonicalSource cyr = sources().Canonicalize("Зеркало");
  EXPECT_EQ(cyr.display_name, "Зеркало");
  EXPECT_EQ(cyr.id, "zerkalo");

  CanonicalSource symbols = sources().Canonicalize("★★★");
  EXPECT_FALSE(symbols.id.empty());
  EXPECT_EQ(symbols.display_name, "★★★");

  EXPECT_TRUE(sources().Canonicalize("   ").id.empty());
}

TEST_F(SourceCatalogTest, WireCreditsPositive) {
  struct Case {
    const char* text;
    std::vector<std::string> want;
  } cases[] = {
      {"MINSK (AFP) - Thousands marched on Sunday.", {"Agence France-Presse"}},
      {"MINSK, Aug 16 (Reuters) - Tens of thousands rallied.", {"Reuters"}},
      {"Minsk (AFP/Reuters) Protesters gathered.",
       {"Agence France-Presse", "Reuters"}},
      {"BERLIN (dpa) - Die Regierung sagte ...", {"Deutsche Presse-Agentur"}},
      {"People remember the protester in Minsk - AFP\n\nText follows.",
       {"Agence France-Presse"}},
      {"Headline here – Reuters\nBody.", {"Reuters"}},
      {"Body text.\n\nWith AFP", {"Agence France-Presse"}},
      {"Body text. (With AFP and Reuters)",
       {"Agence France-Presse", "Reuters"}},
      {"Protesters in Minsk. Photo: AFP", {"Agence France-Presse"}},
      {"Betogers in Minsk. Foto: EPA/ANP", {"Algemeen Nederlands Persbureau"}},
      {"Demonstranten in Minsk. Bron: ANP", {"Algemeen Nederlands Persbureau"}},
      {"Demonstranten in Minsk. Quelle: dpa", {"Deutsche Presse-Agentur"}},
      {"Betogers in Minsk. Foto ANP", {"Algemeen Nederlands Persbureau"}},
      {"Demonstranten in Minsk. Bild: dpa", {"Deutsche Presse-Agentur"}},
      {"Protesters march ©AFP", {"Agence France-Presse"}},
      {"Protesters march © Reuters", {"Reuters"}},
      {"Protesters in Minsk on Sunday. AFP/Sergei Gapon",
       {"Agence France-Presse"}},
      {"Protesters in Minsk (Photo by Sergei Gapon / AFP)",
       {"Agence France-Presse"}},
      {"AFP Photo shows a crowd.", {"Agence France-Presse"}},
      {"Crowds in Minsk. AFP/Getty Images", {"Agence France-Presse"}},
      {"Crowds in Minsk. Reuters/Vasily Fedosenko\nBody text.", {"Reuters"}},
      {"Betogers in Minsk. EPA/ANP", {"Algemeen Nederlands Persbureau"}},
      {"AFP\n\nThousands marched.", {"Agence France-Presse"}},
      {"Text.\nAdditional reporting by Reuters", {"Reuters"}},
      {"Text.\nThe Associated Press contributed to this report.",
       {"Associated Press"}},
      {"MOSCOW (AP) — Russia said. (AFP) later. (AP) again.",
       {"Associated Press", "Agence France-Presse"}},
      {"МИНСК (ТАСС) - Текст.", {"TASS"}},
      {"MINSK (REUTERS) - Text.", {"Reuters"}},
  };
  for (const Case& c : cases) {
    EXPECT_THAT(sources().FindWireCredits(c.text), ElementsAreArray(c.want))
        << c.text;
  }
}

TEST_F(SourceCatalogTest, WireMentionsAreNotCredits) {
  const char* cases[] = {
      "The crowd marched, with an AFP journalist estimating the turnout.",
      "Television said 65,000 attended, though an AFP reporter put the number "
      "close to 200,000.",
      "She told AFP that she was afraid.",
      "According to Reuters, the talks failed.",
      "Reuters reported that the talks failed.",
      "(according to AFP) the talks failed",
      "Agence France-Presse (AFP) journalists were detained.",
      "The Associated Press (AP) said nothing.",
      "He gave an interview with AFP on Monday about the vote.",
      "Belta, the state news agency, said",
      "the snap poll was a trap for the opposition",
      "He was afp or ap, or tass, the text said.",
      "In a long sentence about many things, Reuters/Ipsos polling, which was "
      "published on Monday by several outlets, showed support slipping among "
      "voters in the capital and in the regions, analysts said on Tuesday.",
      "The Reuters/Ipsos poll showed Clinton doing better.",
      "This is \"the same advantage,\" reported Reuters.",
      "",
  };
  for (const char* text : cases) {
    EXPECT_THAT(sources().FindWireCredits(text), IsEmpty()) << text;
  }
}

TEST_F(SourceCatalogTest, CreditsListedOncePerSourceInOrder) {
  EXPECT_THAT(
      sources().FindWireCredits(
          "Title - Reuters\n\nMINSK (AFP) - Text. Photo: Reuters\n(AFP)"),
      ElementsAre("Reuters", "Agence France-Presse"));
}

// --- Data file errors ---

class SourceDataTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing_util::ScratchDir(
               std::string("sources_data_") +
               ::testing::UnitTest::GetInstance()->current_test_info()->name())
               .string();
    std::filesystem::create_directories(dir_);
  }
  void Write(const std::string& content) {
    std::ofstream(dir_ + "/sources.tsv") << content;
  }
  std::string dir_;
};

TEST_F(SourceDataTest, BadKindNamesLine) {
  Write("# c\nReuters\twire\t\nFoo\tnewspaper\tF\n");
  auto catalog = SourceCatalog::Create(dir_);
  ASSERT_EQ(catalog.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(catalog.status().message(), HasSubstr("sources.tsv:3"));
}

TEST_F(SourceDataTest, AliasOfTwoSourcesIsInvalid) {
  Write("Reuters\twire\tR\nRadio\toutlet\tR\n");
  auto catalog = SourceCatalog::Create(dir_);
  ASSERT_EQ(catalog.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(catalog.status().message(), HasSubstr("sources.tsv:2"));
}

TEST_F(SourceDataTest, MissingFileIsNotFound) {
  auto catalog = SourceCatalog::Create(dir_ + "/nowhere");
  EXPECT_EQ(catalog.status().code(), absl::StatusCode::kNotFound);
}

TEST_F(SourceDataTest, OwnCatalogueWorks) {
  Write("Minsk Wire\twire\tMW\n");
  auto catalog = SourceCatalog::Create(dir_);
  ASSERT_TRUE(catalog.ok()) << catalog.status();
  EXPECT_THAT((*catalog)->FindWireCredits("MINSK (MW) - Text"),
              ElementsAre("Minsk Wire"));
  EXPECT_THAT((*catalog)->FindWireCredits("MINSK (AFP) - Text"), IsEmpty());
}

}  // namespace
}  // namespace quotewire

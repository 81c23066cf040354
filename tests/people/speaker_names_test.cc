#include "server/analysis/speaker_names.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace quotewire {
namespace {

class SpeakerNamesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto analyzer = NameAnalyzer::Create(QUOTEWIRE_DEFAULT_DATA_DIR);
    ASSERT_TRUE(analyzer.ok()) << analyzer.status();
    names_ = analyzer->release();
  }
  static void TearDownTestSuite() {
    delete names_;
    names_ = nullptr;
  }
  static Quote Q(const std::string& name,
                 SpeakerKind kind = SpeakerKind::kPerson) {
    Quote q;
    q.speaker.name = name;
    q.speaker.kind = kind;
    return q;
  }
  static std::vector<std::string> Run(std::vector<Quote> quotes) {
    CanonicalizeSpeakerNames(*names_, &quotes);
    std::vector<std::string> out;
    for (const Quote& q : quotes) out.push_back(q.speaker.name);
    return out;
  }
  static NameAnalyzer* names_;
};
NameAnalyzer* SpeakerNamesTest::names_ = nullptr;

TEST_F(SpeakerNamesTest, Table) {
  struct Case {
    std::vector<std::string> in;
    std::vector<std::string> want;
  } cases[] = {
      // A surname alone joins the full name of the article, in any spelling.
      {{"President Alexander Lukashenko", "Lukashenko", "Loekasjenko's"},
       {"Alexander Lukashenko", "Alexander Lukashenko",
        "Alexander Lukashenko"}},
      // Fullest form wins, wherever it appears.
      {{"Tikhanovskaya", "Svetlana Tikhanovskaya"},
       {"Svetlana Tikhanovskaya", "Svetlana Tikhanovskaya"}},
      // Titles stripped even without a fuller form.
      {{"Interior Minister Yury Karayev"}, {"Yury Karayev"}},
      {{"de heer Rutte"}, {"Rutte"}},
      // Two people sharing a surname stay apart; the surname alone is left.
      {{"Maria Kolesnikova", "Anna Kolesnikova", "Kolesnikova"},
       {"Maria Kolesnikova", "Anna Kolesnikova", "Kolesnikova"}},
      // Different surnames untouched.
      {{"Vladimir Putin", "Lukashenko"}, {"Vladimir Putin", "Lukashenko"}},
      // Initial and full given name: the fuller one.
      {{"A. Lukashenko", "Alexander Lukashenko"},
       {"Alexander Lukashenko", "Alexander Lukashenko"}},
      // Empty names stay empty.
      {{"", "Lukashenko"}, {"", "Lukashenko"}},
  };
  for (const Case& c : cases) {
    std::vector<Quote> quotes;
    for (const std::string& n : c.in) quotes.push_back(Q(n));
    EXPECT_EQ(Run(quotes), c.want) << c.in[0];
  }
}

TEST_F(SpeakerNamesTest, OrganisationsAndGroupsUntouched) {
  std::vector<Quote> quotes = {Q("the Kremlin", SpeakerKind::kOrganization),
                               Q("President Putin", SpeakerKind::kOrganization),
                               Q("protesters", SpeakerKind::kGroup),
                               Q("Vladimir Putin")};
  EXPECT_EQ(Run(quotes),
            (std::vector<std::string>{"the Kremlin", "President Putin",
                                      "protesters", "Vladimir Putin"}));
}

}  // namespace
}  // namespace quotewire

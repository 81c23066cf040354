#include "server/core/data_dir.h"
#include "server/analysis/speaker_names.h"

#include <random>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "gtest/gtest.h"

namespace quotewire {
namespace {

// The definition of CanonicalizeSpeakerNames, written the direct way (every
// quote against every quote of its surname, every pair of candidates): the
// real one must give the same names at a fraction of the cost.
void ReferenceCanonicalize(const NameAnalyzer& names,
                           std::vector<Quote>* quotes) {
  std::vector<NameKey> keys(quotes->size());
  absl::flat_hash_map<std::string, std::vector<size_t>> by_surname;
  for (size_t i = 0; i < quotes->size(); ++i) {
    Speaker& speaker = (*quotes)[i].speaker;
    if (speaker.kind != SpeakerKind::kPerson || speaker.name.empty()) continue;
    keys[i] = names.Analyze(speaker.name);
    if (!keys[i].display.empty()) speaker.name = keys[i].display;
    if (!keys[i].surname_key.empty()) by_surname[keys[i].surname_key].push_back(i);
  }
  for (size_t i = 0; i < quotes->size(); ++i) {
    const NameKey& key = keys[i];
    if (key.surname_key.empty()) continue;
    std::vector<size_t> fuller;
    for (size_t j : by_surname[key.surname_key]) {
      if (j == i) continue;
      if (names.Compare(key, keys[j]) == NameAnalyzer::Match::kDifferent) continue;
      if (keys[j].given_keys.size() < key.given_keys.size()) continue;
      fuller.push_back(j);
    }
    if (fuller.empty()) continue;
    bool ambiguous = false;
    for (size_t a = 0; a < fuller.size(); ++a) {
      for (size_t b = a + 1; b < fuller.size(); ++b) {
        ambiguous |= names.Compare(keys[fuller[a]], keys[fuller[b]]) ==
                     NameAnalyzer::Match::kDifferent;
      }
    }
    if (ambiguous) continue;
    size_t best = i;
    for (size_t j : fuller) {
      const NameKey& b = keys[best];
      const NameKey& c = keys[j];
      if (c.given_keys.size() > b.given_keys.size() ||
          (c.given_keys.size() == b.given_keys.size() &&
           c.display.size() > b.display.size())) {
        best = j;
      }
    }
    (*quotes)[i].speaker.name = keys[best].display;
  }
}

class SpeakerNamesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto analyzer = NameAnalyzer::Create(quotewire::DefaultDataDir());
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

// Random articles over names that meet in every way the analyser knows
// (initials, spelling variants, one-letter differences, titles, surnames
// alone, several given names, organisations): same result as the reference.
TEST_F(SpeakerNamesTest, SameAsAllPairsDefinition) {
  const std::vector<std::string> given = {
      "", "", "A.", "Alexander", "Aleksandr", "Aleksandar", "Anna", "Ana",
      "Maria", "M.", "Marija", "Ivan", "Ivana", "Svetlana", "Sviatlana",
      "Anna Maria", "A. M.", "Jean-Marie", "J."};
  const std::vector<std::string> surnames = {
      "Lukashenko", "Loekasjenko", "Kolesnikova", "Kolesnikowa",
      "Tikhanovskaya", "Lima", "Lima's", "von der Leyen"};
  const std::vector<std::string> titles = {"", "", "", "President ",
                                           "opposition activist ", "Dr. "};
  std::mt19937 random(13);
  for (int round = 0; round < 3000; ++round) {
    std::vector<Quote> quotes;
    const int n = 1 + static_cast<int>(random() % 12);
    const size_t surname_choices = 1 + random() % surnames.size();
    for (int i = 0; i < n; ++i) {
      std::string name = titles[random() % titles.size()];
      const std::string& g = given[random() % given.size()];
      if (!g.empty()) name += g + " ";
      name += surnames[random() % surname_choices];
      quotes.push_back(Q(name, random() % 10 == 0 ? SpeakerKind::kOrganization
                                                  : SpeakerKind::kPerson));
    }
    std::vector<Quote> want = quotes;
    ReferenceCanonicalize(*names_, &want);
    std::vector<std::string> want_names;
    for (const Quote& q : want) want_names.push_back(q.speaker.name);
    std::vector<std::string> in;
    for (const Quote& q : quotes) in.push_back(q.speaker.name);
    ASSERT_EQ(Run(quotes), want_names) << "round " << round << ": "
                                       << ::testing::PrintToString(in);
  }
}

}  // namespace
}  // namespace quotewire

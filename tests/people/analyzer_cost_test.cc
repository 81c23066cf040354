// The Analyzer's cost grows with the article, not with how often it repeats
// a name, a description or a surname; and an analysis stops when its caller
// stops waiting.
#include <time.h>

#include <algorithm>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gtest/gtest.h"
#include "server/analysis/analyzer.h"

namespace quotewire {
namespace {

constexpr size_t kBytes = 16 << 10;

double ThreadCpuSeconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

// `unit` repeated up to `bytes`.
std::string Repeat(const std::string& unit, size_t bytes) {
  std::string out;
  while (out.size() + unit.size() <= bytes) out += unit;
  return out;
}

// News-like paragraphs, each quoting someone else, with as many quotes per
// byte as the repetitive articles below have sentences.
std::string NormalArticle(size_t bytes) {
  static const char* const kGiven[] = {"Ana",   "Peter",  "Maria", "Yuri",
                                       "Jean",  "Svetlana", "Omar", "Ines",
                                       "Tomas", "Keiko",  "Ravi"};
  static const char* const kSurnames[] = {
      "Lima",  "Novak",   "Okafor", "Berg",  "Tanaka", "Duval", "Haddad",
      "Costa", "Ivanova", "Moreau", "Singh", "Walsh",  "Kerr"};
  static const char* const kRoles[] = {"mayor", "spokeswoman", "minister",
                                       "economist", "union leader"};
  static const char* const kTopics[] = {"the budget", "the strike", "the election",
                                        "the bridge repairs", "the harbour"};
  std::string out;
  for (int i = 0; out.size() < bytes; ++i) {
    const std::string name = absl::StrCat(kGiven[i % 11], " ", kSurnames[i % 13]);
    out += absl::StrCat("\"We will talk about ", kTopics[i % 5], ",\" said ",
                        kRoles[i % 5], " ", name, ". ");
    if (i % 3 == 0) out += "\"Not today,\" the " + std::string(kRoles[i % 5]) + " said. ";
    if (i % 4 == 0) out += absl::StrCat("\"Soon,\" ", kSurnames[i % 13], " added.\n\n");
  }
  out.resize(out.rfind(' ', bytes));
  return out;
}

class AnalyzerCostTest : public ::testing::Test {
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
  // The least CPU time of a few analyses of `text` (after one to warm up).
  static double CpuSeconds(const std::string& text, size_t* quotes) {
    Article article;
    article.text = text;
    article.language = "en";
    *quotes = analyzer_->Analyze(article).quotes.size();
    double best = 1e9;
    for (int run = 0; run < 3; ++run) {
      const double start = ThreadCpuSeconds();
      AnalyzedArticle result = analyzer_->Analyze(article);
      best = std::min(best, ThreadCpuSeconds() - start);
    }
    return best;
  }
  static Analyzer* analyzer_;
};
Analyzer* AnalyzerCostTest::analyzer_ = nullptr;

// One short attributed sentence over and over, a description and a pronoun
// after one named person over and over, many people sharing a surname, an
// interview's speaker labels: each costs at most a few times an ordinary
// article of the same size.
TEST_F(AnalyzerCostTest, RepetitiveArticleCostsLikeAnOrdinaryOne) {
  size_t normal_quotes = 0;
  const std::string normal = NormalArticle(kBytes);
  const double normal_cpu = CpuSeconds(normal, &normal_quotes);
  ASSERT_GT(normal_quotes, 100u);
  std::string surnames;
  for (int i = 0; surnames.size() < kBytes; ++i) {
    surnames += absl::StrCat("\"Yes,\" said Person", i, " Lima. \"No,\" said Lima. ");
  }
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"one name", Repeat("\"Yes,\" said Ana Lima. ", kBytes)},
      {"description",
       Repeat("Interior Minister Ana Lima spoke on Monday. \"We will act,\" the "
              "minister said. \"Soon,\" she added.\n\n",
              kBytes)},
      {"one surname", surnames},
      {"speaker labels",
       Repeat("Ana Lima spoke to Peter Novak.\n\n\"LIMA: We will act.\"\n\n", kBytes)},
  };
  for (const auto& [what, text] : cases) {
    size_t quotes = 0;
    const double cpu = CpuSeconds(text, &quotes);
    EXPECT_GT(quotes, 100u) << what;
    EXPECT_LE(cpu, 5 * normal_cpu)
        << what << ": " << cpu * 1e3 << " ms CPU for " << text.size()
        << " bytes, " << quotes << " quotes; an ordinary article of "
        << normal.size() << " bytes: " << normal_cpu * 1e3 << " ms, "
        << normal_quotes << " quotes";
  }
}

TEST_F(AnalyzerCostTest, StopsWhenCancelledOrPastDeadline) {
  Article article;
  article.text = Repeat("\"Yes,\" said Ana Lima. ", kBytes);
  AnalyzeOptions cancelled;
  cancelled.cancelled = [] { return true; };
  EXPECT_EQ(analyzer_->Analyze(article, cancelled).status().code(),
            absl::StatusCode::kCancelled);
  AnalyzeOptions late;
  late.deadline = absl::Now() - absl::Seconds(1);
  EXPECT_EQ(analyzer_->Analyze(article, late).status().code(),
            absl::StatusCode::kDeadlineExceeded);
  // Cancelled while running: asked again inside the per-quote work.
  int asked = 0;
  AnalyzeOptions midway;
  midway.cancelled = [&asked] { return ++asked > 3; };
  EXPECT_EQ(analyzer_->Analyze(article, midway).status().code(),
            absl::StatusCode::kCancelled);
  EXPECT_EQ(asked, 4);
  // Neither: the whole result.
  AnalyzeOptions patient;
  patient.cancelled = [] { return false; };
  patient.deadline = absl::Now() + absl::Hours(1);
  absl::StatusOr<AnalyzedArticle> full = analyzer_->Analyze(article, patient);
  ASSERT_TRUE(full.ok()) << full.status();
  EXPECT_EQ(full->quotes.size(), analyzer_->Analyze(article).quotes.size());
}

}  // namespace
}  // namespace quotewire

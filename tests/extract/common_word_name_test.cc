// IsCommonWordName where only names are capitalised: a common word written
// capitalised in the middle of a sentence (after a word, a comma or a
// semicolon) is a name there; one capitalised only where any word is (a
// sentence's start, after a colon or a quotation) stays a common word.
// Every sentence is written for this test.
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "server/core/data_dir.h"
#include "server/extract/attribution.h"
#include "server/extract/document.h"
#include "server/extract/extractor.h"
#include "server/extract/lexicon.h"
#include "server/extract/pipeline.h"

namespace quotewire {
namespace {

class CommonWordName : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto lex = extract::Lexicon::Load(DefaultDataDir() + "/extract");
    ASSERT_TRUE(lex.ok()) << lex.status();
    lex_ = std::move(*lex).release();
  }
  static void TearDownTestSuite() { delete lex_; }

  // Runs the stages up to the mentions on `text` (English) into `doc_`
  // (which views the article's text: it is kept in `article_`).
  void Read(const std::string& text) {
    article_.language = "en";
    article_.text = text;
    std::vector<extract::QuoteUnit> units;
    extract::RunStages(*lex_, article_, extract::Stage::kMentions, &doc_,
                       &units);
  }
  bool Common(const std::string& name) {
    return extract::IsCommonWordName(*lex_, doc_, name, name);
  }

  static extract::Lexicon* lex_;
  Article article_;
  extract::Document doc_;
};
extract::Lexicon* CommonWordName::lex_ = nullptr;

// Ten common nouns of ASCII initials (each one word, no role, title,
// group, medium or first name).
const char* const kWords[] = {"Harbor", "Blanket", "Meadow", "Garden",
                              "Window", "Pencil",  "Ladder", "Carpet",
                              "Bottle", "Kitchen"};

TEST_F(CommonWordName, OnlyAtSentenceStartOrAfterColonStaysCommon) {
  Read("Harbor was quiet on Monday. The mayor wrote: Harbor reopens soon. "
       "\"Harbor is ours,\" a fisher said.");
  EXPECT_TRUE(Common("Harbor"));
}

TEST_F(CommonWordName, AfterWordCommaOrSemicolonIsAName) {
  Read("Harbor was quiet. Officials at Harbor said nothing.");
  EXPECT_FALSE(Common("Harbor"));
  Read("Harbor was quiet. The boats left, Harbor said.");
  EXPECT_FALSE(Common("Harbor"));
  Read("Harbor was quiet. The boats left; Harbor said so.");
  EXPECT_FALSE(Common("Harbor"));
  // Lower-case mid-sentence, capitalised only first: still common.
  Read("Harbor was quiet. The harbor was empty.");
  EXPECT_TRUE(Common("Harbor"));
}

// Past the first few words looked for in a document, one pass answers for
// every word; the answers are the same either way, and each word asked
// again keeps its answer.
TEST_F(CommonWordName, ManyWordsOfOneDocument) {
  std::string text;
  for (int i = 0; i < 10; ++i) {
    const std::string w = kWords[i];
    // Each is capitalised inside a sentence too: the even ones after a
    // word, the odd ones after a colon only.
    text += w + " came first. ";
    text += i % 2 == 0 ? "People near " + w + " spoke. "
                       : "They wrote: " + w + " left. ";
  }
  Read(text);
  for (int round = 0; round < 2; ++round) {
    for (int i = 0; i < 10; ++i) {
      EXPECT_EQ(Common(kWords[i]), i % 2 != 0) << kWords[i] << " " << round;
    }
  }
  // Each is a common word where it only opens sentences.
  std::string openers;
  for (const char* w : kWords) openers += std::string(w) + " came first. ";
  Read(openers);
  for (const char* w : kWords) EXPECT_TRUE(Common(w)) << w;
  // In reverse order (the pass first reached by other words).
  Read(text);
  for (int i = 9; i >= 0; --i) {
    EXPECT_EQ(Common(kWords[i]), i % 2 != 0) << kWords[i];
  }
}

// A document reused for the next article answers for that article.
TEST_F(CommonWordName, ReusedDocumentAnswersForItsArticle) {
  Read("Harbor was quiet. Officials at Harbor said nothing.");
  EXPECT_FALSE(Common("Harbor"));
  Read("Blanket was busy. Officials at Blanket said nothing. Harbor was quiet.");
  EXPECT_TRUE(Common("Harbor"));
  EXPECT_FALSE(Common("Blanket"));
}

}  // namespace
}  // namespace quotewire

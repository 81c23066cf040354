// Control characters in article text (C0 other than tab and line breaks, DEL,
// C1: damage that real feeds carry, such as double-encoded UTF-8) separate
// words like spaces; offsets stay into the text as sent.
#include <string>

#include "gtest/gtest.h"
#include "server/extract/extractor.h"

namespace quotewire {
namespace {

class ControlCharsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto extractor = Extractor::Create({});
    ASSERT_TRUE(extractor.ok()) << extractor.status();
    extractor_ = extractor->release();
  }
  static void TearDownTestSuite() {
    delete extractor_;
    extractor_ = nullptr;
  }
  static Extraction Extract(const std::string& text) {
    Article article;
    article.text = text;
    article.language = "en";
    return extractor_->Extract(article);
  }
  static Extractor* extractor_;
};
Extractor* ControlCharsTest::extractor_ = nullptr;

TEST_F(ControlCharsTest, ControlCharactersSeparateWords) {
  // U+0083 (C1), U+0002 (C0) and DEL between the words of the attribution.
  for (const std::string& gap : {std::string("\xC2\x83"), std::string("\x02"),
                                 std::string("\x7F"), std::string("\x1B")}) {
    const std::string text = "\"We will act on the budget,\"" + gap + "said" + gap +
                             "Ana" + gap + "Lima on Monday.\n";
    Extraction e = Extract(text);
    ASSERT_EQ(e.quotes.size(), 1u) << text;
    const Quote& q = e.quotes[0];
    EXPECT_EQ(q.speaker.name, "Ana Lima") << text;
    ASSERT_EQ(q.spans.size(), 1u);
    // Offsets into the text as sent.
    EXPECT_EQ(text.substr(q.spans[0].start, q.spans[0].end - q.spans[0].start),
              "We will act on the budget,");
  }
}

}  // namespace
}  // namespace quotewire

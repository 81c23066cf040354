// ApplyLanguage(): which tokens stay cues once the whole phrase is known.
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "server/core/data_dir.h"
#include "server/extract/document.h"
#include "server/extract/lexicon.h"
#include "server/extract/pipeline.h"

namespace quotewire::extract {
namespace {

// The classes of the first token written `lower` after the stages up to
// ApplyLanguage() over `text` as German, in `doc` (reused by the caller).
uint32_t ClassesOf(const Lexicon& lex, const std::string& text,
                   const std::string& lower, Document* doc) {
  Article a;
  a.text = text;
  a.language = "de";
  std::vector<QuoteUnit> units;
  RunStages(lex, a, Stage::kLanguage, doc, &units);
  for (const Token& t : doc->tokens) {
    if (t.lower == lower) return t.classes;
  }
  ADD_FAILURE() << "no token " << lower;
  return 0;
}

// "räumte" is a cue only with its separated "ein" (cues.tsv has no
// one-word phrase of it), whether or not the article lacks "ein" (where
// the phrase is known not to match without trying it at each token).
TEST(ApplyLanguage, SeparableCueNeedsItsRestInTheArticle) {
  auto lex = Lexicon::Load(quotewire::DefaultDataDir() + "/extract");
  ASSERT_TRUE(lex.ok()) << lex.status();
  const std::string with_rest =
      "Der Vorsteher räumte am Dienstag einen Fehler ein. Er ging.";
  const std::string without_rest =
      "Die Firma räumte am Dienstag das Lager. Der Vorsteher ging.";
  Document doc;
  for (int round = 0; round < 2; ++round) {  // one Document for both
    EXPECT_TRUE(ClassesOf(**lex, with_rest, "räumte", &doc) & kCueWord);
    EXPECT_TRUE(ClassesOf(**lex, with_rest, "ein", &doc) & kCueRest);
    EXPECT_FALSE(ClassesOf(**lex, without_rest, "räumte", &doc) & kCueWord);
  }
}

}  // namespace
}  // namespace quotewire::extract

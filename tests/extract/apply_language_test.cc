// ApplyLanguage(): which tokens stay cues once the whole phrase is known;
// every token of a word gets the same classes of the article's language;
// the candidate tokens it collects for DetectMentions.
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

// Runs the stages up to ApplyLanguage() over `text` in `language`.
void ApplyTo(const Lexicon& lex, const std::string& text,
             const std::string& language, Document* doc) {
  Article a;
  a.text = text;
  a.language = language;
  std::vector<QuoteUnit> units;
  RunStages(lex, a, Stage::kLanguage, doc, &units);
}

// "a" is an English indefinite article and a Spanish preposition: each of
// its tokens, the first and the repeated ones, gets the classes of the
// article's language alone.
TEST(ApplyLanguage, LanguageSpecificWordSameAtEveryOccurrence) {
  auto lex = Lexicon::Load(quotewire::DefaultDataDir() + "/extract");
  ASSERT_TRUE(lex.ok()) << lex.status();
  ASSERT_TRUE((*lex)->Classes("a") & kLangSpecific);
  Document doc;
  for (const char* language : {"en", "es"}) {
    ApplyTo(**lex, "Then a \"x\" a; a, and a a.", language, &doc);
    const uint32_t want =
        (*lex)->ClassesIn("a", LanguageIndex(language)) & ~kLangSpecific;
    int seen = 0;
    for (const Token& t : doc.tokens) {
      if (t.lower != "a") continue;
      EXPECT_EQ(t.classes, want) << language << " token " << seen;
      ++seen;
    }
    EXPECT_EQ(seen, 5) << language;
  }
  EXPECT_NE((*lex)->ClassesIn("a", LanguageIndex("en")),
            (*lex)->ClassesIn("a", LanguageIndex("es")));
}

// The candidate lists are exactly the word tokens that may be gendered
// pronouns, and those capitalised, titles or hyphenated (never a number,
// "2-3"), in order; a shorter article after a longer one in the same
// Document lists only its own.
TEST(ApplyLanguage, CollectsMentionCandidates) {
  auto lex = Lexicon::Load(quotewire::DefaultDataDir() + "/extract");
  ASSERT_TRUE(lex.ok()) << lex.status();
  Document doc;
  for (const char* text :
       {"The minister said she won 2-3 against vice-chair Zorblat Quenn "
        "\"and he lost\", they wrote. Later it rained on him.",
        "Her aunt left."}) {
    ApplyTo(**lex, text, "en", &doc);
    std::vector<int32_t> pronouns, starts;
    for (size_t i = 0; i < doc.tokens.size(); ++i) {
      const Token& t = doc.tokens[i];
      if (t.kind != TokKind::kWord) continue;
      if (t.classes & (kPronoun | kPronMale | kPronFemale)) {
        pronouns.push_back(static_cast<int32_t>(i));
      }
      if (t.cap || (t.classes & kTitle) || doc.word_lex[t.word_id].hyphen) {
        starts.push_back(static_cast<int32_t>(i));
      }
    }
    EXPECT_GE(pronouns.size(), 1u) << text;
    EXPECT_EQ(std::vector<int32_t>(
                  doc.pronoun_tokens.begin(),
                  doc.pronoun_tokens.begin() + doc.num_pronoun_tokens),
              pronouns)
        << text;
    EXPECT_EQ(std::vector<int32_t>(
                  doc.mention_start_tokens.begin(),
                  doc.mention_start_tokens.begin() +
                      doc.num_mention_start_tokens),
              starts)
        << text;
  }
}

}  // namespace
}  // namespace quotewire::extract

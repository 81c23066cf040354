// Table tests of the rules for quotes without an attribution of their own
// (continuation.cc, attribution.cc): coordination, continuation in the
// paragraph and in the next one, the fallbacks, quoted phrases of a
// clause's subject, and transcript speaker labels (speaker_label.cc).
// Every article is invented for this test.
#include "tests/extract/attribution_table.h"

namespace quotewire {
namespace attribution_table {
namespace {

TEST(Continuation, Table) {
  Check({
      // The second of two coordinated quotes keeps the first one's
      // explicit attribution.
      {"EnCoordinatedQuotes", "en",
       "Mayor Laura Bennett called the plan \"reckless\" and \"unfair\" on "
       "Tuesday.",
       {{"reckless", "Laura Bennett", nullptr, Attribution::kExplicit},
        {"unfair", "Laura Bennett", nullptr, Attribution::kExplicit}}},
      {"EnNextQuoteOfParagraph", "en",
       "\"We will appeal,\" lawyer Nora Quinn said. \"The verdict ignores "
       "the evidence.\"",
       {{"The verdict ignores", "Nora Quinn", nullptr,
         Attribution::kContinuation}}},
      {"EnQuoteOpensNextParagraph", "en",
       "\"We will appeal,\" lawyer Nora Quinn said.\n\n\"The verdict "
       "ignores the evidence.\"",
       {{"The verdict ignores", "Nora Quinn", nullptr,
         Attribution::kContinuation}}},
      {"EnReportingSentenceBeforeQuoteParagraph", "en",
       "Mr Avery said the town had been abandoned by the county.\n\n\"We "
       "have been ignored for years.\"",
       {{"We have been ignored", "Avery"}}},
      {"DeNamedSubjectOfPreviousSentence", "de",
       "Die SPD will am Kurs festhalten. „Wir wollen keine neuen Schulden.“",
       {{"Wir wollen keine neuen Schulden", "SPD"}}},
      // Verb second: the subject follows the first field and the verb.
      {"DeQuotedPhraseOfVerbSecondSubject", "de",
       "Der Landtag stimmt am Freitag ab. Zudem hält der Verband die Reform "
       "für „völlig überzogen“.",
       {{"völlig überzogen", "Verband"}}},
      {"DeQuotedPhraseOfSubject", "de",
       "Die Bürgermeisterin Eva Schulz nannte den Beschluss am Dienstag "
       "einen „schweren Fehler“. Sie will dagegen klagen.",
       {{"schweren Fehler", "Eva Schulz"}}},
      {"EnTranscriptLabel", "en",
       "Mike Pence spoke to the host on Sunday.\n\n\"PENCE: Well, look, we "
       "are going to win this.\"",
       {{"we are going to win", "Mike Pence", nullptr,
         Attribution::kExplicit}}},
  });
}

// A fragment nobody is reported as saying is no speech.
TEST(Continuation, FragmentWithoutSpeakerIsScare) {
  Article article;
  article.language = "en";
  article.text =
      "The so-called \"reform\" of the zoning code passed the council on "
      "Tuesday.";
  const Extraction ex = RulesOnly().Extract(article);
  ASSERT_EQ(ex.quotes.size(), 1u);
  EXPECT_EQ(static_cast<int>(ex.quotes[0].kind),
            static_cast<int>(QuoteKind::kScare));
  EXPECT_EQ(ex.quotes[0].speaker.name, "");
}

}  // namespace
}  // namespace attribution_table
}  // namespace quotewire

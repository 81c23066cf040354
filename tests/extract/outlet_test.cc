// Table tests of outlets (outlet.cc): the news medium a speaker addressed,
// and addressees that are none. Every article is invented for this test.
#include "tests/extract/attribution_table.h"

namespace quotewire {
namespace attribution_table {
namespace {

TEST(Outlet, Table) {
  Check({
      {"EnToldKnownMedium", "en",
       "\"The ceasefire will hold,\" Foreign Minister Amal Nasser told Al "
       "Jazeera.",
       {{"The ceasefire will hold", "Amal Nasser", "Al Jazeera"}}},
      {"EnToldTheAssociatedPress", "en",
       "\"We lost everything,\" farmer Joe Miller told The Associated Press.",
       {{"We lost everything", "Joe Miller", "Associated Press"}}},
      {"EnReportersAreNoOutlet", "en",
       "\"We lost everything,\" farmer Joe Miller told reporters.",
       {{"We lost everything", "Joe Miller", ""}}},
      {"FrElidedArticle", "fr",
       "« Nous ne céderons pas », a confié à l'AFP le syndicaliste Marc "
       "Girard.",
       {{"Nous ne céderons pas", "Marc Girard", "AFP"}}},
      {"FrArticleInsidePreposition", "fr",
       "Le député Louis Petit a répondu aux critiques. « Je reste », "
       "a-t-il déclaré auprès du Monde.",
       {{"Je reste", "Louis Petit", "Le Monde"}}},
      {"DeDativeWithoutPreposition", "de",
       "„Die Lage ist ernst“, sagte Gesundheitsminister Karl Lauter der "
       "Deutschen Presse-Agentur.",
       {{"Die Lage ist ernst", "Karl Lauter", "Deutschen Presse-Agentur"}}},
      {"DePartyIsNoOutlet", "de",
       "„Die Lage ist ernst“, sagte Karl Lauter der SPD-Zeitung nicht.",
       {{"Die Lage ist ernst", "Karl Lauter", ""}}},
      // The medium's name ends before an object-case article and a role
      // ("den Sprecher"): no connector of a name.
      {"DeMediumEndsBeforeObjectArticle", "de",
       "Die Polizei sperrte die Straße. „Wir prüfen den Fall“, zitiert der "
       "Sender den Sprecher der Polizei, Jan Roth.",
       {{"Wir prüfen den Fall", "Jan Roth", "Sender"}}},
      // ...also before a person noun no list names ("den Journalisten").
      {"DeMediumEndsBeforeObjectArticleAndPersonNoun", "de",
       "„Wir bleiben hier“, sagte Anna Roth gegenüber dem Sender den "
       "Journalisten.",
       {{"Wir bleiben hier", "Anna Roth", "Sender"}}},
      {"ItMediumEndsAtPersonsName", "it",
       "«Non ci sono soldi», fa sapere la sindaca Giulia Conti all'ANSA.",
       {{"Non ci sono soldi", "Giulia Conti", "ANSA"}}},
  });
}

}  // namespace
}  // namespace attribution_table
}  // namespace quotewire

// Table tests of the speaker's phrase (noun_phrase.cc) and of how it
// becomes the speaker (set_speaker.cc): titles and roles before a name,
// a name after a role phrase and a comma, a parenthesis after a name,
// descriptions resolved to the person they describe, organisations and
// groups, pronouns. Every article is invented for this test.
#include "tests/extract/attribution_table.h"

namespace quotewire {
namespace attribution_table {
namespace {

TEST(NounPhrase, Table) {
  Check({
      // ---- titles, roles and lower-case modifiers before a name ----
      {"EnRoleCompoundBeforeName", "en",
       "\"The campaign is on track,\" campaign spokesman Brian Fallow said "
       "on Sunday.",
       {{"The campaign is on track", "Brian Fallow"}}},
      {"EnParenthesisAfterName", "en",
       "\"This bill hurts farmers,\" Rep. Gwen Morris (D-Wis.) said.",
       {{"This bill hurts farmers", "Gwen Morris"}}},
      {"DeRoleCompoundName", "de",
       "„Wir bauen keine Stellen ab“, sagte VW-Chef Winterkorn am Montag.",
       {{"Wir bauen keine Stellen ab", "Winterkorn"}}},
      {"DeAppositiveNameIsWhole", "de",
       "Lukas Maier, ein Sprecher der Feuerwehr, sagte: „Das Feuer ist "
       "gelöscht.“",
       {{"Das Feuer ist gelöscht", "Lukas Maier"}}},
      // ---- a role phrase with a chain of genitive complements before
      // the name (word_order.tsv `genitivechain`) ----
      {"RuGenitiveChainBeforeName", "ru",
       "Переговоры продлятся до пятницы. «Мы готовы к диалогу», — заявил "
       "первый заместитель министра иностранных дел Иван Петров.",
       {{"Мы готовы к диалогу", "Иван Петров"}}},
      {"CsGenitiveChainBeforeName", "cs",
       "Jednání skončilo bez dohody. „Budeme dál vyjednávat,“ uvedl nový "
       "místopředseda zahraničního výboru poslanecké sněmovny Martin "
       "Dvořák.",
       {{"Budeme dál vyjednávat", "Martin Dvořák"}}},
      {"PlGenitiveChainBeforeName", "pl",
       "Ambasada pozostanie zamknięta. „Sytuacja jest poważna” – "
       "powiedział zastępca dyrektora departamentu spraw zagranicznych "
       "Piotr Nowak.",
       {{"Sytuacja jest poważna", "Piotr Nowak"}}},
      // ---- a role phrase, a comma and a name ----
      {"FrRolePhraseCommaName", "fr",
       "« Le chômage va baisser », a affirmé le ministre du Travail, "
       "Jean-Marc Delorme.",
       {{"Le chômage va baisser", "Jean-Marc Delorme"}}},
      // Another man named before: the role phrase is not resolved to him.
      {"EsRolePhraseCommaNameAfterAnother", "es",
       "Pedro Gómez criticó el plan de la Junta. «No subiremos los "
       "impuestos», dijo el alcalde de Sevilla, Antonio Ruiz.",
       {{"No subiremos los impuestos", "Antonio Ruiz"}}},
      {"NlLongDescriptionCommaName", "nl",
       "\"Hij was een lieve jongen\", vertelt de moeder van het "
       "slachtoffer, Ingrid Bos.",
       {{"Hij was een lieve jongen", "Ingrid Bos"}}},
      // ---- a description resolves to the person it describes ----
      {"EnDescriptionResolved", "en",
       "Senator Mark Evans introduced the bill in March. \"It will pass,\" "
       "the senator said.",
       {{"It will pass", "Mark Evans", nullptr,
         Attribution::kDescription}}},
      {"FrDescriptionResolved", "fr",
       "La maire Sophie Laurent a inauguré le pont samedi. « C'est un grand "
       "jour », a déclaré la maire.",
       {{"C'est un grand jour", "Sophie Laurent"}}},
      // ---- organisations and groups ----
      {"EnOrganisationNoun", "en",
       "\"The figures are wrong,\" the ministry said in a statement.",
       {{"The figures are wrong", "ministry"}}},
      {"NlTerritorialBodyAndPlace", "nl",
       "\"De weg blijft dicht\", aldus de gemeente Utrecht.",
       {{"De weg blijft dicht", "gemeente Utrecht"}}},
      {"EnGroupPronounAntecedent", "en",
       "Opposition supporters marched through the capital. \"Leave now!\" "
       "they chanted.",
       {{"Leave now!", "Opposition supporters"}}},
      // ---- pronouns ----
      {"NlZeWithSingularVerbIsShe", "nl",
       "Burgemeester Anna Visser opende de brug. \"Dit is een mooie dag\", "
       "zei ze.",
       {{"Dit is een mooie dag", "Anna Visser"}}},
      {"EnNeuterPronounIsTheOrganisation", "en",
       "The Federal Aviation Administration grounded the plane on Monday. "
       "\"Safety comes first,\" it said in a statement.",
       {{"Safety comes first", "Federal Aviation Administration"}}},
  });
}

}  // namespace
}  // namespace attribution_table
}  // namespace quotewire

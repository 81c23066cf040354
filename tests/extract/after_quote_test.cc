// Table tests of the attributions after the quote (after_quote.cc): a cue
// then the speaker, the speaker then a cue, an appositive, French inversion,
// an auxiliary before a late participle, a cue known by its lemma after an
// auxiliary, a dash before a bare name. Every
// article is invented for this test.
#include "tests/extract/attribution_table.h"

namespace quotewire {
namespace attribution_table {
namespace {

TEST(AfterQuote, Table) {
  Check({
      // ---- German: a web address is one word, no end of sentence, also as
      // the medium of "zitiert"
      {"DeZitiertWebAddressThenSpeaker", "de",
       "Bei der Demonstration waren viele Menschen. „Das ist eine "
       "Größenordnung, die wir selten sehen“, zitiert radio-nord.de "
       "Polizeisprecher Ralf Meyer.",
       {{"Das ist eine Größenordnung, die wir selten sehen", "Ralf Meyer"}}},
      {"DeWebAddressEndsSentence", "de",
       "„Wir bleiben hier“, sagte Jan Roth laut radio-nord.de. „Wir "
       "gehen“, sagte Petra Lind.",
       {{"Wir bleiben hier", "Jan Roth"}, {"Wir gehen", "Petra Lind"}}},
      // ---- cue, then speaker ----
      {"EnCueThenName", "en",
       "The council met on Monday. \"We will not raise taxes this year,\" "
       "said Mayor Laura Bennett.",
       {{"We will not raise taxes", "Laura Bennett", "",
         Attribution::kExplicit}}},
      {"DeCueThenTitledName", "de",
       "Der Stadtrat tagte am Montag. „Wir werden die Steuern nicht "
       "erhöhen“, sagte Bürgermeisterin Laura Berger.",
       {{"Wir werden die Steuern", "Laura Berger"}}},
      {"NlAldus", "nl",
       "De gemeenteraad vergaderde maandag. \"We verhogen de belasting "
       "niet\", aldus wethouder Pieter de Vries.",
       {{"We verhogen de belasting", "Pieter de Vries"}}},
      {"FrAuxiliaryAndTimeAdverb", "fr",
       "Le conseil s'est réuni lundi. « Nous n'augmenterons pas les impôts », "
       "a déclaré mardi le maire Paul Martin.",
       {{"Nous n'augmenterons pas", "Paul Martin"}}},
      {"ItCueThenName", "it",
       "Il consiglio si è riunito lunedì. «Non aumenteremo le tasse», ha "
       "detto il sindaco Marco Rossi.",
       {{"Non aumenteremo le tasse", "Marco Rossi"}}},
      {"EsRolePhraseCommaName", "es",
       "El pleno se reunió el lunes. «No subiremos los impuestos», dijo el "
       "alcalde de Sevilla, Antonio Ruiz.",
       {{"No subiremos los impuestos", "Antonio Ruiz"}}},
      {"RuDashThenCue", "ru",
       "Завод в Самаре получил новый заказ. «Работы хватит до весны», — "
       "сказал директор завода Олег Петров.",
       {{"Работы хватит до весны", "Олег Петров", nullptr,
         Attribution::kExplicit, "сказал"}}},
      {"PtRolePhraseCommaName", "pt",
       "A câmara aprovou o orçamento. «Não vamos aumentar os impostos», "
       "garantiu o presidente da câmara, Rui Costa.",
       {{"Não vamos aumentar os impostos", "Rui Costa"}}},
      {"PlDashThenCue", "pl",
       "Rada gminy zebrała się w poniedziałek. „Szkoła zostanie "
       "wyremontowana” – powiedział wójt Adam Nowicki.",
       {{"Szkoła zostanie wyremontowana", "Adam Nowicki"}}},
      // A separable verb: the speaker ends before the particle.
      {"NlSeparableVerb", "nl",
       "\"We gaan door met de bouw\", liet de gemeente Zwolle weten.",
       {{"We gaan door met de bouw", "gemeente Zwolle"}}},
      // ---- speaker, then cue ----
      {"EnNameThenCue", "en",
       "The council met on Monday. \"We will not raise taxes,\" Bennett "
       "said, adding that the budget was balanced. Laura Bennett is the "
       "mayor.",
       {{"We will not raise taxes", "Laura Bennett"}}},
      {"EnNameAppositiveCue", "en",
       "Firefighters worked through the night. \"The roof could collapse,\" "
       "Tom Hughes, 52, a captain of the fire service, said on Tuesday.",
       {{"The roof could collapse", "Tom Hughes"}}},
      {"EnPrepositionalPhraseBeforeCue", "en",
       "The plan drew criticism. \"It destroys the wetlands,\" Anne Morgan "
       "of the Sierra Club said.",
       {{"It destroys the wetlands", "Anne Morgan"}}},
      {"EnPronounThenCue", "en",
       "Senator Maria Lopez visited the flooded town on Friday. \"These "
       "families need help now,\" she said.",
       {{"These families need help", "Maria Lopez",
         nullptr, Attribution::kPronoun}}},
      // ---- French inversion in one token ----
      {"FrInvertedPronoun", "fr",
       "La ministre Claire Dubois a visité l'hôpital jeudi. « Les soignants "
       "sont épuisés », a-t-elle déclaré.",
       {{"Les soignants sont épuisés", "Claire Dubois",
         nullptr, Attribution::kPronoun}}},
      // ---- a cue by its Snowball lemma after an auxiliary ----
      {"FrLemmaAfterAuxiliary", "fr",
       "La présidente Sylvie Perrin a présenté son plan. « On recycle des "
       "crédits déjà votés », a accusé Bruno Delmas.",
       {{"On recycle des crédits", "Bruno Delmas", nullptr,
         Attribution::kExplicit}}},
      {"FrLemmaAfterInvertedAuxiliary", "fr",
       "Le conseiller Bruno Delmas a répondu à la présidente, Sylvie Perrin, "
       "qui venait de présenter son plan. « On recycle des crédits déjà "
       "votés », a-t-il accusé.",
       {{"On recycle des crédits", "Bruno Delmas", nullptr,
         Attribution::kPronoun}}},
      // ---- a cue by its lemma whose inflected form Snowball stems apart
      {"EsLemmaOfEarVerb", "es",
       "La escritora Alba Ruiz ganó el premio. Su editora, Teresa Lamas, "
       "habló después. «Será más corta», bromeó la escritora.",
       {{"Será más corta", "Alba Ruiz", nullptr,
         Attribution::kDescription}}},
      // ---- an auxiliary, the speaker, a late participle ----
      {"DeAuxiliaryLateParticiple", "de",
       "Der Konzern legte seine Zahlen vor. „Das Jahr war schwierig“, hatte "
       "Konzernchef Martin Winter im Interview gesagt.",
       {{"Das Jahr war schwierig", "Martin Winter"}}},
      // ---- a dash and a bare name (a pull quote) ----
      {"EnDashBareName", "en",
       "Residents gathered at the town hall.\n\n\"We were never asked.\" "
       "― Sonya Hart",
       {{"We were never asked", "Sonya Hart"}}},
      // ---- ", NP cue" closing the sentence after words about the quote ----
      {"EnLateSpeakerAfterComma", "en",
       "Officer Dana Price spoke after the hearing. Such raids are \"a "
       "pattern of abuse\" for the whole district, she said.",
       {{"a pattern of abuse", "Dana Price"}}},
  });
}

// A sentence closing with an inverted source after a comma (", so X.",
// ", aldus X.", ", according to X.", ", selon X.", ", según X."): X speaks
// every quote of the sentence, also a phrase the classifier took for a
// title or scare quote.
TEST(AfterQuote, SentenceFinalSource) {
  Check({
      {"DeSoDescriptionAfterClause", "de",
       "Minister Peter Krause besuchte am Montag das Werk. Die Anlage war "
       "wegen „Problemen mit dem Strom“ ausgefallen, so Betriebsleiterin "
       "Anna Berg.",
       {{"Problemen mit dem Strom", "Anna Berg"}}},
      {"DeLautAfterClause", "de",
       "Minister Peter Krause besuchte am Montag das Werk. Der Kessel sei "
       "„nicht mehr zu retten“ gewesen, laut Betriebsleiterin Anna Berg.",
       {{"nicht mehr zu retten", "Anna Berg"}}},
      {"NlAldusAfterClause", "nl",
       "Minister Peter de Groot bezocht maandag de fabriek. De installatie "
       "viel uit door \"problemen met de stroom\" in de hal, aldus "
       "bedrijfsleider Anna Berg.",
       {{"problemen met de stroom", "Anna Berg"}}},
      {"EnAccordingToAfterClause", "en",
       "Minister Peter Kraus visited the plant on Monday. The boiler failed "
       "because of \"problems with the power supply\" in the hall, according "
       "to plant manager Anna Berg.",
       {{"problems with the power supply", "Anna Berg"}}},
      {"FrSelonAfterClause", "fr",
       "Le ministre Pierre Morel a visité l'usine lundi. La chaudière est "
       "tombée en panne à cause de « problèmes d'alimentation » dans le "
       "hall, selon la directrice Anne Roux.",
       {{"problèmes d'alimentation", "Anne Roux"}}},
      {"EsSegunAfterClause", "es",
       "El ministro Pedro Gómez visitó la planta el lunes. La caldera se "
       "averió por «problemas con la electricidad» en la nave, según la "
       "directora Ana Ruiz.",
       {{"problemas con la electricidad", "Ana Ruiz"}}},
  });
}

}  // namespace
}  // namespace attribution_table
}  // namespace quotewire

// Table tests of Romance-language constructions: quotations interrupted by
// their own attribution inside one pair of marks (French inverted cues,
// Spanish, Italian and Portuguese dash and comma interruptions, dialogue
// turns resumed after their cue; descriptions resolved by the role phrase
// apposed to a name; the subject of a colon introduction without a cue;
// the subject a pro-drop cue leaves out).
// Every sentence is invented for this test;
// the language is detected, never given.
#include <string>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "server/extract/extractor.h"

namespace quotewire {
namespace {

// An article and exactly the quotes extracted from it, in order, each as
// {text, speaker name} ("" = no speaker).
struct Case {
  const char* name;
  const char* language;  // expected detected language
  const char* text;
  std::vector<std::pair<std::string, std::string>> quotes;
};

const std::vector<Case>& Cases() {
  static const auto* const kCases = new std::vector<Case>{
      {"FrInvertedCueInsideGuillemets", "fr",
       "Marion Lefèvre, directrice de l'école, a reçu les parents. « Nous "
       "n'avons pas été prévenus, confie-t-elle à La Dépêche. La classe "
       "fermera quand même. »",
       {{"Nous n'avons pas été prévenus", "Marion Lefèvre"},
        {"La classe fermera quand même.", "Marion Lefèvre"}}},
      {"FrAuxiliaryInvertedCueInsideGuillemets", "fr",
       "Le maire Gérard Poulain a défendu son budget. « Les impôts ne "
       "bougeront pas, a-t-il affirmé. C'est un engagement. »",
       {{"Les impôts ne bougeront pas", "Gérard Poulain"},
        {"C'est un engagement.", "Gérard Poulain"}}},
      {"FrInvertedAuxiliaryThenAdverbial", "fr",
       "L'actrice Inès Haddour a reçu le prix. « Il y a un an, je passais "
       "mon bac, a-t-elle lancé en riant. Je ne sais pas ce qui m'arrive. »",
       {{"Il y a un an, je passais mon bac", "Inès Haddour"},
        {"Je ne sais pas ce qui m'arrive.", "Inès Haddour"}}},
      {"FrCueClosesTheGuillemets", "fr",
       "Le joueur Hugo Ferrand reste prudent. « Rien n'est encore fait, "
       "a-t-il confié à l'AFP. »",
       {{"Rien n'est encore fait", "Hugo Ferrand"}}},
      {"FrCommaInsideSpeechIsNoCue", "fr",
       "La ministre Odile Garnier a tranché : « Pour les salariés, rien ne "
       "change, et pour les patrons non plus. »",
       {{"Pour les salariés, rien ne change, et pour les patrons non plus.",
         "Odile Garnier"}}},
      // A description takes up the person last named with a role noun of
      // its class (data/extract/role_classes.tsv), not the most mentioned
      // person of its gender.
      {"FrDescriptionOfTheSameRoleClass", "fr",
       "La maire de Vierzon, Claire Aubry, a ouvert la séance. L'avocate "
       "Julie Marchal a regretté l'absence de l'État. Julie Marchal a "
       "rappelé le calendrier, et Julie Marchal a cité le préfet. « Le "
       "canal ne sera pas fermé », a lancé l'édile.",
       {{"Le canal ne sera pas fermé", "Claire Aubry"}}},
      {"EsDescriptionOfTheSameRoleClass", "es",
       "La alcaldesa de Teruel, Pilar Ortiz, presentó el presupuesto. La "
       "consejera Lucía Mena lo criticó, y Lucía Mena pidió más inversión. "
       "Lucía Mena habló después con los vecinos. «No vamos a subir el IBI», "
       "zanjó la regidora.",
       {{"No vamos a subir el IBI", "Pilar Ortiz"}}},
      {"EsDashInterruption", "es",
       "El ministro de Hacienda, Julio Sanz, compareció ayer. «No habrá "
       "subida de impuestos —dijo el ministro—. Lo hemos prometido.»",
       {{"No habrá subida de impuestos", "Julio Sanz"},
        {"Lo hemos prometido.", "Julio Sanz"}}},
      {"EsDashInterruptionProDrop", "es",
       "La alcaldesa Rocío Prieto habló tras el pleno. «Respeto a la "
       "oposición —acentuó—, pero el proyecto sigue adelante.»",
       {{"Respeto a la oposición", "Rocío Prieto"},
        {"pero el proyecto sigue adelante.", "Rocío Prieto"}}},
      {"EsDialogueTurnResumedAfterCue", "es",
       "El doctor Ramón Vidal atendió a la prensa.\n\n"
       "—Faltan médicos en verano —advirtió el doctor—. Y no se contratan "
       "en dos meses.",
       {{"Faltan médicos en verano", "Ramón Vidal"},
        {"Y no se contratan en dos meses.", "Ramón Vidal"}}},
      {"PtDialogueTurnResumedAfterProDropCue", "pt",
       "O secretário Fernando Prates falou com os jornalistas.\n\n"
       "— A porta do diálogo está aberta — disse. — Mas não há dinheiro "
       "para mais.",
       {{"A porta do diálogo está aberta", "Fernando Prates"},
        {"Mas não há dinheiro para mais.", "Fernando Prates"}}},
      {"PtCommaInterruption", "pt",
       "O engenheiro Nuno Brás garantiu que a obra avança. «Vamos trabalhar "
       "por troços, assegurou o engenheiro. A obra fica pronta em março.»",
       {{"Vamos trabalhar por troços", "Nuno Brás"},
        {"A obra fica pronta em março.", "Nuno Brás"}}},
      {"ItCommaInterruptionProDrop", "it",
       "La sindaca Giulia Ferrini ha parlato in consiglio. «Il ponte è "
       "vecchio, ha aggiunto. Non possiamo aspettare.»",
       {{"Il ponte è vecchio", "Giulia Ferrini"},
        {"Non possiamo aspettare.", "Giulia Ferrini"}}},
      // A description takes up the person whose apposed role phrase has the
      // same head noun, not the person quoted just before.
      {"ItDescriptionByRolePhraseBeforeName", "it",
       "Il capogruppo Davide Russo ha protestato. «Così si tagliano le "
       "valli», ha dichiarato Russo.\n\n"
       "Il presidente del consiglio regionale, Franco Zanotti, ha sospeso "
       "la seduta. «In quest'aula non si urla», ha detto il presidente.",
       {{"Così si tagliano le valli", "Davide Russo"},
        {"In quest'aula non si urla", "Franco Zanotti"}}},
      {"FrDescriptionByRolePhraseBeforeName", "fr",
       "Le conseiller Bruno Delage a dénoncé le plan. « C'est de "
       "l'affichage », a accusé Bruno Delage.\n\n"
       "Le préfet de la région, Thierry Vallet, était présent. « Les "
       "versements arriveront en novembre », a assuré le préfet.",
       {{"C'est de l'affichage", "Bruno Delage"},
        {"Les versements arriveront en novembre", "Thierry Vallet"}}},
      // A colon after a clause with no reporting verb: its subject speaks.
      {"ItColonAfterDescriptionSubject", "it",
       "La sindaca Giulia Ferrini ha presentato il progetto. L'assessore "
       "Matteo Gatti ha replicato. «Il verde raddoppia», ha detto Gatti.\n\n"
       "La sindaca ha chiuso la seduta con una battuta: «Chi vuole un "
       "referendum lo chieda alle elezioni.»",
       {{"Il verde raddoppia", "Matteo Gatti"},
        {"Chi vuole un referendum lo chieda alle elezioni.",
         "Giulia Ferrini"}}},
      {"PtColonAfterAdverbialAndDescription", "pt",
       "A reitora Cláudia Morais pediu calma. O secretário Fernando Lopes "
       "prometeu uma proposta. «Venho ao campus», disse Lopes.\n\n"
       "Mais tarde a reitora publicou uma nota: «A universidade "
       "pertence a quem estuda nela.»",
       {{"Venho ao campus", "Fernando Lopes"},
        {"A universidade pertence a quem estuda nela.", "Cláudia Morais"}}},
      // Pro-drop: the description opening the previous sentence is the
      // dropped subject, not the person named last.
      {"PtProDropAfterDescriptionSubject", "pt",
       "A vereadora Sofia Mendes criticou a obra. O presidente Rui Fontes "
       "defendeu o calendário.\n\n"
       "A vereadora considerou a isenção insuficiente perante Rui Fontes. "
       "«Quem perdeu metade da faturação não se salva assim», justificou.",
       {{"Quem perdeu metade da faturação não se salva assim",
         "Sofia Mendes"}}},
      {"EsProDropAfterDescriptionSubject", "es",
       "La portavoz Pilar Gómez criticó el plan. El consejero Raúl Medina lo "
       "defendió.\n\n"
       "La portavoz respondió a Raúl Medina por la tarde. «Las enfermeras "
       "llevamos tres veranos doblando turnos», reclamó.",
       {{"Las enfermeras llevamos tres veranos doblando turnos",
         "Pilar Gómez"}}},
      // A pro-drop cue with an addressee: the medium is no speaker.
      {"EsProDropCueWithAddressee", "es",
       "El agricultor Julián Sáez perdió su casa en el incendio. «Vimos las "
       "llamas detrás del cerro», contó a Efe.",
       {{"Vimos las llamas detrás del cerro", "Julián Sáez"}}},
      {"PtProDropCueWithAddressee", "pt",
       "O bastonário Francisco Leitão criticou o plano do Governo. "
       "“Trezentos médicos não chegam para o distrito”, declarou ao Expresso.",
       {{"Trezentos médicos não chegam para o distrito", "Francisco Leitão"}}},
      // A description takes up the person of that role; her accented first
      // name (first_names.tsv) makes her a person.
      {"PtDescriptionOfAccentedFirstName", "pt",
       "A secretária de Mobilidade, Patrícia Lemos, apresentou o plano. O "
       "vereador Cláudio Ferraz criticou a medida.\n\n"
       "— Os estudos estão publicados desde outubro — rebateu a secretária.",
       {{"Os estudos estão publicados desde outubro", "Patrícia Lemos"}}},
      {"EnCommaBeforeImperativeIsNoCue", "en",
       "Governor Dana Whitfield did not hold back. “Frankly, tell him I "
       "will remember those statements,” Whitfield said.",
       {{"Frankly, tell him I will remember those statements,",
         "Dana Whitfield"}}},
  };
  return *kCases;
}

TEST(RomanceTables, Cases) {
  auto e = Extractor::Create({});
  ASSERT_TRUE(e.ok()) << e.status();
  for (const Case& c : Cases()) {
    Article article;
    article.text = c.text;
    const Extraction ex = (*e)->Extract(article);
    EXPECT_EQ(ex.language, c.language) << c.name << ": language";
    if (ex.quotes.size() != c.quotes.size()) {
      ADD_FAILURE() << c.name << ": " << ex.quotes.size() << " quotes, want "
                    << c.quotes.size();
      continue;
    }
    for (size_t i = 0; i < c.quotes.size(); ++i) {
      const auto& [text, speaker] = c.quotes[i];
      EXPECT_EQ(ex.quotes[i].text, text) << c.name << ": text";
      EXPECT_EQ(ex.quotes[i].speaker.name, speaker)
          << c.name << ": speaker of " << text;
    }
  }
}

}  // namespace
}  // namespace quotewire

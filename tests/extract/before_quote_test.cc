// Table tests of the attributions before the quote (before_quote.cc): a
// subject and cue before a colon, verb-second order, an inverted cue
// ("according to", "selon", "по словам"), a participle, a colon without a
// verb, a previous sentence ending with its attribution, a previous
// paragraph ending with a colon, a pro-drop cue before a colon. Every
// article is invented for this test.
#include "tests/extract/attribution_table.h"

namespace quotewire {
namespace attribution_table {
namespace {

TEST(BeforeQuote, Table) {
  Check({
      // ---- subject, cue, colon ----
      {"EnSubjectCueColon", "en",
       "The port reopened on Monday. Harbour master Ian Clarke said: \"The "
       "channel is safe again.\"",
       {{"The channel is safe again", "Ian Clarke", nullptr,
         Attribution::kExplicit}}},
      {"EnAppositiveAgeCueColon", "en",
       "Hundreds queued for bread. Maria Santos, 39, a mother of six, told "
       "reporters: \"We have nothing left.\"",
       {{"We have nothing left", "Maria Santos"}}},
      {"NlSubjectCueColon", "nl",
       "Het ziekenhuis sloot maandag een afdeling. Directeur Jan Bakker "
       "zei: \"We hebben te weinig verpleegkundigen.\"",
       {{"We hebben te weinig", "Jan Bakker"}}},
      {"CsSubjectCueColon", "cs",
       "Nemocnice v Brně otevřela nové oddělení. Ředitel Pavel Černý v "
       "pondělí řekl: „Čekací doby se zkrátí na polovinu.“",
       {{"Čekací doby se zkrátí", "Pavel Černý"}}},
      // ---- verb-second: the name after the cue ----
      {"DeVerbSecondNameAfterCue", "de",
       "Die Proteste dauern an. Der Zeitung sagte Oppositionsführer Jonas "
       "Keller: „Wir geben nicht auf.“",
       {{"Wir geben nicht auf", "Jonas Keller"}}},
      {"EnCueThenNameColon", "en",
       "The vote was close. Then said Senator Tim Walsh: \"This bill is "
       "dead.\"",
       {{"This bill is dead", "Tim Walsh"}}},
      // ---- inverted cues ----
      {"EnAccordingTo", "en",
       "The bridge will close for repairs. According to engineer Helen "
       "Park, \"the cables are corroded.\"",
       {{"the cables are corroded", "Helen Park"}}},
      {"FrSelonRoleName", "fr",
       "Le gouvernement a présenté son budget. Selon la porte-parole du "
       "gouvernement, Maud Leroy, « les comptes seront équilibrés ».",
       {{"les comptes seront équilibrés", "Maud Leroy"}}},
      {"RuPoSlovamPronoun", "ru",
       "Мэр Иван Соколов посетил новую школу. По его словам, «школа "
       "откроется в сентябре».",
       {{"школа откроется в сентябре", "Иван Соколов"}}},
      {"RuPoSlovamDeclinedName", "ru",
       "Министр Анна Орлова посетила больницу. По словам Орловой, «врачей "
       "не хватает».",
       {{"врачей не хватает", "Анна Орлова"}}},
      // ---- participle after a comma ----
      {"EnParticipleSaying", "en",
       "Governor Ellen Ward vetoed the bill on Friday, saying, \"It would "
       "bankrupt the state.\"",
       {{"It would bankrupt the state", "Ellen Ward"}}},
      // ---- a colon without a reporting verb ----
      {"DeColonWithoutVerb", "de",
       "Die Opposition reagierte gelassen. Ähnlich Fraktionschef Peter "
       "Brandt: „Das ist kein Grund zur Sorge.“",
       {{"Das ist kein Grund", "Peter Brandt"}}},
      // ---- the previous sentence ends with its attribution ----
      {"EnPreviousSentenceAttribution", "en",
       "The talks failed, union leader Rosa Klein said. \"We will strike on "
       "Monday.\"",
       {{"We will strike on Monday", "Rosa Klein", nullptr,
         Attribution::kContinuation}}},
      // ---- a previous paragraph ending with a colon ----
      {"EnPreviousParagraphColon", "en",
       "The minister, Omar Haddad, continued:\n\n\"Nobody will lose their "
       "pension.\"",
       {{"Nobody will lose their pension", "Omar Haddad"}}},
      // ---- a pro-drop cue before a colon: the previous sentence's subject
      {"PtProDropCueBeforeColon", "pt",
       "A reitora, Sílvia Moura, recebeu os grevistas. O secretário Fernando "
       "Leal prometeu uma proposta. A reitora pediu calma às duas partes. "
       "Em nota, acrescentou: “A universidade pertence a quem estuda nela.”",
       {{"A universidade pertence", "Sílvia Moura"}}},
      {"EsProDropCueBeforeColon", "es",
       "La rectora, Pilar Navas, recibió a los huelguistas. El consejero "
       "Tomás Gil prometió una oferta. La rectora pidió calma a las dos "
       "partes. En un comunicado, añadió: «La universidad es de quien "
       "estudia en ella.»",
       {{"La universidad es de quien", "Pilar Navas"}}},
  });
}

// Verb second: a pronoun subject after the fronted adverb and the finite
// verb, an object after it ("So bezeichnete er es als „…“").
TEST(BeforeQuote, PronounAfterFrontedVerb) {
  Check({
      {"DeSoVerbPronounObject", "de",
       "Minister Peter Krause besuchte am Montag Paris. So bezeichnete er "
       "es als eine Chance, „ein neues Kapitel“ in den Beziehungen der "
       "beiden Länder aufzuschlagen.",
       {{"ein neues Kapitel", "Peter Krause"}}},
      {"NlZoVerbPronounObject", "nl",
       "Minister Peter de Groot bezocht maandag Parijs. Zo noemde hij het "
       "een kans om \"een nieuw hoofdstuk\" in de betrekkingen te "
       "beginnen.",
       {{"een nieuw hoofdstuk", "Peter de Groot"}}},
  });
}

// A description, a second appositive and a person's name, each set off by
// commas: the name speaks, not a person of the same role named earlier.
TEST(BeforeQuote, DescriptionThenAppositiveName) {
  Check({
      {"DeDescriptionAppositiveNameBeforeVerb", "de",
       "Der frühere Chef der Gewerkschaft Bau, Heinz Müller, ist tot. Der "
       "Vorsitzende der Dienstleistungsgewerkschaft ver.di, Nachfolgerin der "
       "Gewerkschaft Bau, Frank Berg, würdigte Müller heute als „einen "
       "großen Gewerkschafter“.",
       {{"einen großen Gewerkschafter", "Frank Berg"}}},
      {"DeDescriptionAppositiveNameAfterCue", "de",
       "Der frühere Chef der Gewerkschaft Bau, Heinz Müller, ist tot. „Er "
       "war ein großer Gewerkschafter“, sagte der Vorsitzende der "
       "Dienstleistungsgewerkschaft ver.di, Nachfolgerin der Gewerkschaft "
       "Bau, Frank Berg, am Montag.",
       {{"Er war ein großer Gewerkschafter", "Frank Berg"}}},
      {"EnDescriptionAppositiveName", "en",
       "The former head of the builders union, Henry Miller, has died. \"He "
       "was a great trade unionist,\" said the chair of the services union, "
       "successor of the wood union, Frank Berg, on Monday.",
       {{"He was a great trade unionist", "Frank Berg"}}},
      {"NlDescriptionAppositiveName", "nl",
       "De voormalige voorzitter van de bouwbond, Henk Muller, is overleden. "
       "\"Hij was een groot vakbondsman\", zei de voorzitter van de "
       "dienstenbond, opvolger van de houtbond, Frank Berg, maandag.",
       {{"Hij was een groot vakbondsman", "Frank Berg"}}},
      {"FrDescriptionAppositiveName", "fr",
       "L'ancien chef du syndicat du bâtiment, Henri Moulin, est mort. « "
       "C'était un grand syndicaliste », a déclaré le président du syndicat "
       "des services, successeur du syndicat du bois, Frank Berger, lundi.",
       {{"C'était un grand syndicaliste", "Frank Berger"}}},
  });
}

}  // namespace
}  // namespace attribution_table
}  // namespace quotewire

// Table tests of attribution constructions per language: German common
// words told from names by the dictionary, Czech and Polish
// (quote marks, cue verbs, titles, pronouns, feminine surnames),
// dash-introduced attributions, German quoted phrases in a reporting
// sentence, pro-drop cues whose speaker is the person
// the passage is about, cue verbs found by their Snowball lemma, and the
// Romance constructions (quotations interrupted by their own attribution,
// descriptions resolved to the person of that role). Every
// sentence is invented for this test. The language is never given: it is
// detected.
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "server/extract/extractor.h"

namespace quotewire {
namespace {

struct Expect {
  const char* text;     // Quote.text
  const char* speaker;  // Speaker.name ("" = none)
};

struct Case {
  const char* name;
  const char* language;  // expected detected language
  const char* text;
  std::vector<Expect> quotes;
  // true: `quotes` are all the quotes extracted, in order (the text of
  // each whole); false: each is found among them by its text.
  bool all = false;
};

// The last quote of `ex` whose text is `text`; nullptr when none.
const Quote* QuoteWithText(const Extraction& ex, const std::string& text) {
  const Quote* found = nullptr;
  for (const Quote& q : ex.quotes) {
    if (q.text == text) found = &q;
  }
  return found;
}

const std::vector<Case>& Cases() {
  static const auto* const kCases = new std::vector<Case>{
      // ---- German: common nouns and adverbs are no names (dictionary) ----
      {"DeAdverbBeforeColonIsNoSpeaker", "de",
       "Der Verband stellte am Dienstag seinen Jahresbericht vor. Wörtlich "
       "heißt es darin: „Die Lage der Kliniken ist dramatisch.“",
       {{"Die Lage der Kliniken ist dramatisch.", ""}}},
      {"DeAppositiveNameIsWhole", "de",
       "Jana Roth, eine Sprecherin des Amtes, sagte: „Wir prüfen den "
       "Antrag.“",
       {{"Wir prüfen den Antrag.", "Jana Roth"}}},
      // ---- German: a German first name (first_names_de.tsv) before a
      // surname that is a common word starts the name
      // ---- German: "wissen wollen", "wissen lassen", "verlauten lassen"
      // around the subject are cues (cues.tsv `sep`)
      {"DeWissenWollenAfterQuote", "de",
       "Die Wahl ist seit Sonntag vorbei. „Wo ist meine Stimme?“, wollte "
       "die Ministerin Mara Lenz wissen. „Wir bleiben hier“, ließ der "
       "Sprecher der Gruppe Timo Brandt am Abend verlauten.",
       {{"Wo ist meine Stimme?", "Mara Lenz"},
        {"Wir bleiben hier", "Timo Brandt"}}},
      // ---- German: "heißt es" speaks for the document or body of a
      // prepositional phrase in its clause, never for a person named before
      {"DeHeisstEsInDocument", "de",
       "Die Grafikerin Martha Stein entwarf das neue Logo. Auf der "
       "Festival-Homepage heißt es zur Begründung: „Die Striche wurden "
       "gewählt.“ Der Stadtrat stimmte zu. Dazu hieß es in einem Bericht "
       "der Stadtverwaltung: „Die Kosten sind gering.“",
       {{"Die Striche wurden gewählt.", "Festival-Homepage"},
        {"Die Kosten sind gering.", "Bericht der Stadtverwaltung"}}},
      {"DeHeisstEsAfterQuote", "de",
       "Der Minister Paul Roth besuchte die Schule. „Wir sind bereit, "
       "alles zu tun, um die Schule zu retten“, hieß es aus dem "
       "Ministerium. „Wir fordern mehr Lehrer für alle Schulen, und zwar "
       "sofort“, heißt es in einer "
       "Erklärung des Elternverbands.",
       {{"Wir sind bereit, alles zu tun, um die Schule zu retten",
         "Ministerium"},
        {"Wir fordern mehr Lehrer für alle Schulen, und zwar sofort",
         "Erklärung des Elternverbands"}}},
      // ---- German: a firm's name in marks after an article completes the
      // subject's noun ("Vertreter der „… ag“"), it does not end the phrase
      {"DeNameInMarksInsideSubject", "de",
       "Die Firma baut Solaranlagen. Ein Vertreter der „nordlicht solar "
       "ag“ bezeichnet die Beteiligung als „strategisch“.",
       {{"strategisch", "Vertreter der „nordlicht solar ag“"}}},
      // ---- German: after "zitiert" the medium is the subject, its object
      // the speaker (words.tsv `quoting`)
      {"DeZitiertMediumThenSpeaker", "de",
       "Bei der Demonstration waren viele Menschen. „Das ist eine "
       "Größenordnung, die wir selten sehen“, zitiert die Zeitung den "
       "Polizeisprecher Ralf Meyer.",
       {{"Das ist eine Größenordnung, die wir selten sehen", "Ralf Meyer"}}},
      // ---- German: possessive relatives are determiners of a description
      {"DeDessenDerenDescription", "de",
       "Der Bürgermeister ist verreist. Am Abend teilte dessen "
       "Stellvertreter mit: „Er ruft uns an.“",
       {{"Er ruft uns an.", "Stellvertreter"}}},
      // ---- German: a person description opening the clause is the
      // subject; the pronoun after the cue is the object
      {"DePronounAfterDescribedSubjectIsObject", "de",
       "Die Studie stammt von der Autorin Vera Holm. Kritik kam vom Verband "
       "der Apotheker (BVA). Der Geschäftsführer des BVA nannte sie "
       "„fahrlässig“ und verwies auf andere Studien.",
       {{"fahrlässig", "Geschäftsführer des BVA"}}},
      {"DeGermanFirstNameBeforeNounSurname", "de",
       "Die Stadt will die Sperrstunde verschieben. Ottmar Nicht, "
       "Ordnungsdezernent der Stadt, sagte: „Wir hören uns die Wirte an.“",
       {{"Wir hören uns die Wirte an.", "Ottmar Nicht"}}},
      {"DeGermanFemaleFirstNameResolvesSie", "de",
       "Roswitha Brand leitet das Tierheim seit zehn Jahren. Der Neubau "
       "kommt spät. „Wir haben lange genug gewartet“, sagte sie.",
       {{"Wir haben lange genug gewartet", "Roswitha Brand"}}},
      // ---- German: an appositive whose closing comma is left out
      {"DeOpenAppositiveKeepsName", "de",
       "Der Stadtrat beschloss den Haushalt. Stefan Weckbach, ein "
       "Finanzexperte vom Mieterbund erklärte, der Plan sei „ein "
       "teurer Irrweg für alle Mieter“.",
       {{"ein teurer Irrweg für alle Mieter", "Stefan Weckbach"}}},
      // ---- German: a quote after a sentence about another person is
      // that person's, not the previous quote's speaker's
      {"DeQuoteAfterSentenceAboutAnotherPerson", "de",
       "„Die Zahlen sind gut“, sagte Theo Kirsch von der Sparkasse. Marlene "
       "Vogt war an den Gesprächen beteiligt. „Wir haben lange verhandelt.“",
       {{"Wir haben lange verhandelt.", "Marlene Vogt"}}},
      {"DeQuoteAfterSentenceAboutAppositiveName", "de",
       "„Die Zahlen sind gut“, sagte Theo Kirsch. Der ältere Bruder des "
       "Ministers, Georg Roth, war eingeweiht. „Mein Bruder wünscht sich "
       "mehr Ruhe.“",
       {{"Mein Bruder wünscht sich mehr Ruhe.", "Georg Roth"}}},
      {"DeInvertedCueNounWithVon", "de",
       "„Die Zahlen sind gut“, sagte Theo Kirsch von der Sparkasse.\n\n"
       "Nach Ansicht von Landrat Uwe Brenner ist damit noch nichts "
       "entschieden. „Es ist nur ein Gutachten.“",
       {{"Es ist nur ein Gutachten.", "Uwe Brenner"}}},
      // ---- German: a name and a cue with its own object after a
      // fragment open a new clause
      {"DeNewClauseAfterFragment", "de",
       "Der Verband kritisierte den Schiedsrichter. Stürmer Jan Kloss nannte "
       "seinen Platzverweis „überzogen“, Trainer Uwe Lahm bezeichnete die "
       "vielen Karten als „übertrieben“.",
       {{"überzogen", "Jan Kloss"}, {"übertrieben", "Uwe Lahm"}}},
      // ---- German: a prepositional phrase opening the sentence is no
      // subject; the speaker follows the verb
      {"DePrepositionalFrontFieldIsNoSpeaker", "de",
       "Die Gemeinde plant eine neue Halle. Angesichts der Kosten nannte "
       "Reinhard Jung, Sprecher des Bauernbundes, den Plan „einen teuren "
       "Fehler“.",
       {{"einen teuren Fehler", "Reinhard Jung"}}},
      // ---- German: an unknown first name and surname opening a sentence
      // before a comma and a role noun without article is a person's
      // name; the surname alone then names the speaker
      {"DeNameBeforeBareRoleAppositive", "de",
       "„Das Geld ist weg“, sagte Theo Kirsch von der Sparkasse.\n\n"
       "Gerlind Adlerhorst, Vorsitzende des Vereins, äußerte sich im "
       "Radio. Das habe Methode, sagte Adlerhorst: „Das ist auch in "
       "anderen Firmen üblich.“",
       {{"Das ist auch in anderen Firmen üblich.", "Gerlind Adlerhorst"}}},
      // ---- German: a passive's subject is what the reporting verb
      // describes; its agent is the speaker
      {"DePassiveAgentIsSpeaker", "de",
       "Der Stadtrat stellte den Haushalt vor. Der Entwurf wurde danach "
       "von Kämmerin Anna Roth als „solide und gerecht“ bezeichnet.",
       {{"solide und gerecht", "Anna Roth"}}},
      // ...also a bare person noun no list names (a dative plural, a
      // compound)
      {"DePassiveBarePersonNounAgent", "de",
       "Der Roman erschien im Mai. Er wird von Literaturkennern als "
       "„Wendepunkt der Erzählkunst“ bezeichnet.",
       {{"Wendepunkt der Erzählkunst", "Literaturkennern"}}},
      // ...and without an agent, the medium named in marks in its clause
      {"DePassiveInMediumInMarks", "de",
       "Die Stadtwerke gelten als parteinah. Sie wurden gestern in der "
       "„Morgenpost“ als „ein Staat im Staate“ bezeichnet.",
       {{"ein Staat im Staate", "Morgenpost"}}},
      // A medium in marks after an inverted cue is the source ("laut
      // „Reuters“", "volgens „De Telegraaf“").
      {"DeMediumInMarksAfterInvertedCue", "de",
       "Der Bericht ist brisant. Laut „Nordkurier“ hatte Moskau den "
       "Präsidenten dagegen als „kriegslüsternen Tyrannen ohne jede "
       "Achtung“ beschrieben.",
       {{"kriegslüsternen Tyrannen ohne jede Achtung", "Nordkurier"}}},
      {"NlMediumInMarksAfterInvertedCue", "nl",
       "Het rapport is gevoelig. Volgens „De Stadskrant“ is het plan van de "
       "minister „een gevaarlijke gok die de stad miljoenen gaat kosten“.",
       {{"een gevaarlijke gok die de stad miljoenen gaat kosten",
         "De Stadskrant"}}},
      // A fronted clause's subject the name finder did not know, right
      // before its cue, speaks the quote inside that clause
      {"DeFrontedClauseUnknownNameSubject", "de",
       "Die Show bestreiten Lisa Kern und Zalina. Während Zalina erklärte, "
       "wahnsinnig aufgeregt zu sein, „größer wird es nicht“, räumte Lisa "
       "Kern ein, davon geträumt zu haben.",
       {{"größer wird es nicht", "Zalina"}}},
      // An extended attribute opened by a preposition after the article:
      // the phrase after its participle is the speaker
      {"DeExtendedAttributeBeforeSpeaker", "de",
       "Die Show ist groß. „Jetzt ist es noch schöner“, schrieb die in "
       "Bogotá geborene Sängerin Ana Ruiz.",
       {{"Jetzt ist es noch schöner", "Ana Ruiz"}}},
      // "eines" is an indefinite article too: the genitive phrase after an
      // inverted cue is the speaker
      {"DeIndefiniteGenitiveAfterInvertedCue", "de",
       "Der Richter Jan Seidling sprach. Nach Aussagen eines Gutachters "
       "würden die Hautzellen „wie Pech an der Klinge“ kleben.",
       {{"wie Pech an der Klinge", "Gutachters"}}},
      // A separable cue's middle field may hold eleven or twelve words
      {"DeLongMiddleFieldOfSeparableCue", "de",
       "Die Wahl war knapp. „Wo ist meine Stimme?“, wollen die "
       "Demonstranten in der Hauptstadt seit der Verkündung des amtlichen "
       "Wahlergebnisses wissen.",
       {{"Wo ist meine Stimme?", "Demonstranten"}}},
      {"NlLongMiddleFieldOfSeparableCue", "nl",
       "De brug blijft dicht. „We doen wat we kunnen”, liet de woordvoerster "
       "van de gemeente gisteren na afloop van de vergadering weten.",
       {{"We doen wat we kunnen", "woordvoerster"}}},
      // A short name in marks after the genitive complement completes the
      // speaker's phrase after the cue
      {"DeNameInMarksEndsDescriptionAfterCue", "de",
       "Das Video war gefälscht. „Die meisten Zuschauer dachten, es sei "
       "echt“, so der Mitarbeiter der Produktionsfirma „Blaue Welle“.",
       {{"Die meisten Zuschauer dachten, es sei echt",
         "Mitarbeiter der Produktionsfirma „Blaue Welle“"}}},
      // A surname with a capital inside ("ElFarei") is a name even where it
      // ends like a German noun ("-ei")
      {"DeSurnameWithInnerCapital", "de",
       "Der Preis ging an die Behörde. „Das ist eine große Ehre“, sagte "
       "Ahmed ElFarei am Freitag in Wien.",
       {{"Das ist eine große Ehre", "Ahmed ElFarei"}}},
      // A quote filling a parenthesis right after a person's name is that
      // person's, not the previous speaker's
      {"DeQuoteInParenthesisAfterName", "de",
       "„Ich freue mich sehr“, sagte ein Sprecher. Auch weitere Politiker "
       "gratulierten, so der Chef der Behörde, Karl Brandtner („Niemand hat "
       "diesen Preis mehr verdient als er.“), und die Ministerin.",
       {{"Niemand hat diesen Preis mehr verdient als er.", "Karl Brandtner"}}},
      {"EnQuoteInParenthesisAfterName", "en",
       "\u201cI am very glad,\u201d a spokesman said. Other leaders also sent "
       "their congratulations, among them the agency's chief, Karl Brandtner "
       "(\u201cNobody deserves this prize more than he does.\u201d), and the "
       "minister.",
       {{"Nobody deserves this prize more than he does.", "Karl Brandtner"}}},
      // An unknown name opening its sentence before a comma and a partitive
      // "einer der" + group noun is a person's name
      {"DeNameBeforePartitiveGroup", "de",
       "Der Brief wurde unterzeichnet. Jorin Abassi, einer der Abgeordneten, "
       "verurteilte die Haltung der Regierung: „Diese Regierung hat große "
       "Erfolge.“",
       {{"Diese Regierung hat große Erfolge.", "Jorin Abassi"}}},
      // "Botschaft" (embassy, message) is a body that speaks: the antecedent
      // of the relative clause holding the quote
      {"DeBotschaftIsSpeakingAntecedent", "de",
       "Die Seite wurde gehackt. Die Angreifer hinterließen dort eine kurze "
       "Botschaft, welche die Techniker der Firma als „einen Haufen von "
       "Anfängern“ bezeichnete.",
       {{"einen Haufen von Anfängern", "kurze Botschaft"}}},
      // "in Frage stellen" is a separable cue (after a fronted object its
      // subject follows the verb), not a continuation of the speaker before
      {"DeInFrageStellenIsCue", "de",
       "Der Streit geht weiter. „Die Regel gilt für alle“, sagte Jan Roth. "
       "Die Anwendung der neuen Regel stellte der Vorsitzende Franz Kolbe "
       "dagegen in Frage: „Das ist nicht lebensnah.“",
       {{"Das ist nicht lebensnah.", "Franz Kolbe"}}},
      // A sentence after the quote whose own subject opens it before its
      // verb does not continue the previous speaker: a bare plural person
      // noun, a name
      {"DeOwnSubjectIsNoContinuationBarePlural", "de",
       "„Der Sturm zieht nach Süden“, sagte Jan Roth vom Wetterdienst. "
       "Experten rechnen jedoch mit „sehr starken Regenfällen“ an der "
       "Küste.",
       {{"sehr starken Regenfällen", "Experten"}}},
      {"DeOwnSubjectIsNoContinuationName", "de",
       "„Die Lage ist ernst“, sagte Jan Roth. Maria Kolbe rechnet dagegen "
       "mit „einer raschen Besserung“.",
       {{"einer raschen Besserung", "Maria Kolbe"}}},
      // ...but in reported speech (subjunctive) the subject's sentence
      // goes on reporting the previous speaker
      {"DeOwnSubjectInReportedSpeechContinues", "de",
       "„Die Lage ist ernst“, sagte Jan Roth. Die Beamten hätten den Angriff "
       "„mit einfacher Gewalt“ verhindert.",
       {{"mit einfacher Gewalt", "Jan Roth"}}},
      // ...nor where a cue word in it says whose account it is
      {"CsOwnSubjectWithInvertedCueContinues", "cs",
       "Předseda svazu Petr Novák ocenil výsledky týmu. „Konečně máme "
       "výsledek, kterým přesvědčíme sponzory,“ uvedl předseda. Klub podle "
       "něj plánuje podpořit „celou mládež, která roste“.",
       {{"celou mládež, která roste", "Petr Novák"}}},
      // A bare compound ending in a role noun opens the subject, with its
      // genitive complement ("Medienvertreter der …")
      {"DeBareCompoundRoleSubject", "de",
       "Die Kundgebung verlief ruhig. Medienvertreter der lokalen Presse "
       "bezeichneten jedoch das Auftreten der Polizei als „erstaunlich "
       "zurückhaltend“.",
       {{"erstaunlich zurückhaltend",
         "Medienvertreter der lokalen Presse"}}},
      // ...except where the passive subject is the one quoted
      {"DeQuotedPassiveSubjectIsSpeaker", "de",
       "„Die Zahlen sind gut“, sagte Theo Kirsch. Ministerin Anna Roth "
       "wurde danach mit den Worten „Wir prüfen das genau“ zitiert.",
       {{"Wir prüfen das genau", "Anna Roth"}}},
      {"DeQuotedPassiveSubjectAfterAuxiliary", "de",
       "Der Verein stellte seinen Bericht vor. Zur Lage wird Jan Watzel auf "
       "der Internetseite von Borussia Dortmund wie folgt zitiert: „Wir "
       "prüfen das genau.“",
       {{"Wir prüfen das genau.", "Jan Watzel"}}},
      // ...also after the quote: the passive auxiliary, its subject, then
      // the participle ("„…“, wird X zitiert"), not the previous speaker
      {"DeQuotedPassiveSubjectAfterQuote", "de",
       "„Die Zahlen sind gut“, sagte Theo Kirsch. „Das ist ein großer "
       "Schritt nach vorn“, wird Anna Roth in der Zeitung zitiert.",
       {{"Die Zahlen sind gut", "Theo Kirsch"},
        {"Das ist ein großer Schritt nach vorn", "Anna Roth"}}},
      {"DeQuotedPassiveSubjectWithAppositive", "de",
       "„Die Zahlen sind gut“, sagte Theo Kirsch. Das sei ein „großer "
       "Schritt nach vorn“, wird Anna Roth, Sprecherin des Verbands, "
       "zitiert.",
       {{"großer Schritt nach vorn", "Anna Roth"}}},
      // ---- German: a phrase joined by "und"/"oder" to a quoted phrase of
      // a speaker is that speaker's too ("Von „…“ oder „…“ sprechen X")
      {"DeCoordinatedPhraseSharesSpeaker", "de",
       "Die Ministerin Anna Berg trat am Montag zurück. Von „gezielter“ "
       "oder „bewusster Täuschung“ sprechen Medienberichte.",
       {{"gezielter", "Medienberichte"},
        {"bewusster Täuschung", "Medienberichte"}}},
      {"DeCoordinatedPhraseSharesSpeakerUnd", "de",
       "Die Ministerin Anna Berg trat am Montag zurück. Von „gezielter“ "
       "und „bewusster Täuschung“ sprechen Kritiker.",
       {{"gezielter", "Kritiker"}, {"bewusster Täuschung", "Kritiker"}}},
      {"DeUnknownNameBeforeOpenAppositive", "de",
       "Der Mieterbund lehnt den Plan ab. Jorin Weckbach, der "
       "Vorsitzende des Mieterbundes in Kassel sagte: „Das trifft die "
       "Falschen.“",
       {{"Das trifft die Falschen.", "Jorin Weckbach"}}},
      {"DeInvertedCueNameThenOrgNoun", "de",
       "Am Samstag zogen 3000 Menschen durch die Stadt. Laut Kasseler "
       "Polizei ist die Kundgebung „weitgehend friedlich“ verlaufen.",
       {{"weitgehend friedlich", "Kasseler Polizei"}}},
      // ---- German: a publication in quotation marks as the subject of
      // the cue after the quote; the title is no quote of its own
      {"DePublicationInMarksAfterCue", "de",
       "Die Firma stellte ihr neues Programm vor. „Die neue Version soll "
       "vor allem Entwickler anlocken“, schreibt die „Fachpost“ in ihrer "
       "Ausgabe vom Montag.",
       {{"Die neue Version soll vor allem Entwickler anlocken", "Fachpost"},
        {"Fachpost", ""}},
       true},
      // ---- German: verbs of judging are reporting verbs after a quote
      // (beurteilen, bewerten, werten); the next quote continues their
      // subject, not the speaker of the sentence before
      {"DeJudgingVerbAfterQuotedPhrase", "de",
       "„Das muss man respektieren“, sagte die Ministerin Klara Weiß. Als "
       "„verpasste Chance“ wertete der Fraktionschef der Grünen, Jonas "
       "Brandt, die Reform. „Die Regierung hat versagt.“",
       {{"verpasste Chance", "Jonas Brandt"},
        {"Die Regierung hat versagt.", "Jonas Brandt"}}},
      {"DeJudgingVerbBewertete", "de",
       "Der Plan wurde am Montag vorgestellt. Als „gefährlichen Irrweg“ "
       "bewertete die Vorsitzende Anna Berg den Plan.",
       {{"gefährlichen Irrweg", "Anna Berg"}}},
      // ---- German: "zu" and a person named before is the addressee, no
      // name particle ("soll X zu Y gesagt haben")
      {"DeAddresseeAfterSurnameIsNoParticle", "de",
       "Zwischen dem Trainer Raimund Becker und dem Stürmer Luca Brandt "
       "gab es Streit. Angeblich soll Brandt zu Becker gesagt haben: "
       "„Das ist eine Frechheit.“",
       {{"Das ist eine Frechheit.", "Luca Brandt"}}},
      // ---- German: a function word capitalised inside a sentence after
      // a name is its surname
      {"DeFunctionWordSurname", "de",
       "Die Stadt hat das Spiel abgesagt. „Das ist eine Gefahr für Leib und "
       "Leben“, sagte Lothar Nicht.",
       {{"Das ist eine Gefahr für Leib und Leben", "Lothar Nicht"}}},
      // ---- German: "X lautete:" introduces the words of its subject
      {"DeLautetBeforeColon", "de",
       "Die Prüfer legten am Montag ihren Bericht vor. Das Fazit des "
       "Berichts lautete: „Die Wahl verlief weitgehend fair.“",
       {{"Die Wahl verlief weitgehend fair.", "Fazit des Berichts"}}},
      // ---- German: a time noun after a full name is no part of it
      {"DeTimeNounAfterNameIsNoSurname", "de",
       "Der Chefentwickler der Firma Tobias Renner hat Anfang März die neue "
       "Version gezeigt, die Sprecherin Jana Weiß Ende der Woche den Preis. "
       "„Das wird unser größtes Update“, sagte Renner. „Der Preis bleibt "
       "gleich“, sagte Weiß.",
       {{"Das wird unser größtes Update", "Tobias Renner"},
        {"Der Preis bleibt gleich", "Jana Weiß"}}},
      // ---- German: the noun of a time phrase ("dieser Tage", "vergangene
      // Woche") is no subject (words.tsv time)
      {"DeTimePhraseIsNoSubject", "de",
       "Die Vorsitzende des Lehrerverbands, Petra Wolters, hat sich dieser "
       "Tage gegen den Plan ausgesprochen und gesagt: „Das ist Trickserei.“ "
       "Der Schulleiter Jonas Pohl hat vergangene Woche erklärt: „Wir "
       "warten ab.“",
       {{"Das ist Trickserei.", "Petra Wolters"},
        {"Wir warten ab.", "Jonas Pohl"}}},
      // ---- German: a quote inside a fronted subordinate clause with its
      // own cue is that clause's subject's, not the main clause's after it
      // (words.tsv subordinator)
      {"DeQuoteInFrontedClause", "de",
       "Anna Berg und Lena Koch treten gemeinsam auf. Während Berg "
       "erklärte, sehr froh zu sein, „schöner wird es nicht“, räumte Koch "
       "ein, lange davon geträumt zu haben.",
       {{"schöner wird es nicht", "Anna Berg"}}},
      // ---- German: a campaign speaks as an organisation (words.tsv org);
      // the person after its cue is the accused ("warf X vor")
      {"DeCampaignSpeaksNotItsObject", "de",
       "Anna Berg und Paul Roth streiten seit Wochen. Bergs Kampagne dagegen "
       "warf Roth, nachdem dessen Plan bekannt wurde, vor, er sei nur ein "
       "„typischer Politiker“.",
       {{"typischer Politiker", "Kampagne"}}},
      // ---- German: after an inverted cue, the speaker, a prepositional
      // phrase and a comma open the reported clause with the quote
      {"DeInvertedCueThenPhraseThenReportedClause", "de",
       "„Er ist ein Vorbild für uns alle“, sagte der Sprecher Jonas Pohl. "
       "Später sagte die Ministerin Anna Berg am Abend in Rom, der Papst "
       "„ist ein großer Denker unserer Zeit“.",
       {{"ist ein großer Denker unserer Zeit", "Anna Berg"}}},
      // ---- German: two first names joined by a hyphen are a first name
      // (Hans-Peter), so the surname alone later is that person's
      {"DeHyphenatedFirstName", "de",
       "Heute wurde Hans-Peter Renner als neuer Vereinschef vorgestellt. "
       "Dazu wird Renner auf der Internetseite von Eintracht Neustadt "
       "zitiert: „Es gab bestimmt leichtere Jahre.“",
       {{"Es gab bestimmt leichtere Jahre.", "Hans-Peter Renner"}}},
      // ---- German: a party in parentheses belongs to the name before it
      {"DePartyInParenthesesIsNoSpeaker", "de",
       "Die Lehrer demonstrierten am Dienstag vor dem Landtag. Am Rande "
       "einer Sitzung nahm auch der Ministerpräsident des Landes, Peter "
       "Hallmann (SPD), zu der Frage Stellung. Jeder Lehrer könne „das "
       "Geld jetzt abrufen oder später“.",
       {{"das Geld jetzt abrufen oder später", "Peter Hallmann"}}},
      // ---- German: a compound common noun is no speaker
      {"DeCompoundNounIsNoSpeaker", "de",
       "Die Sprecherin Lena Marquardt nahm Stellung. Zu dem "
       "Bauskandal führte Marquardt aus, dass die Kosten „weit über "
       "dem Plan“ gelegen hätten.",
       {{"weit über dem Plan", "Lena Marquardt"}}},
      // ---- German: a quoted phrase is the speech of its clause's subject
      {"DeQuotedPhraseAfterAls", "de",
       "Die Ministerin Anna Berg bewertete den Plan am Montag als "
       "„gefährlichen Irrweg“. Sie will im Kabinett dagegen stimmen.",
       {{"gefährlichen Irrweg", "Anna Berg"}}},
      {"DeQuotedPhraseVerbSecond", "de",
       "Der Landtag stimmt am Freitag ab. Außerdem hält die Fraktion den "
       "Schritt für „dringend geboten“.",
       {{"dringend geboten", "Fraktion"}}},
      {"DeInvertedSubjectBeforePhrase", "de",
       "Die Klägerin Anna Weber sagte: „Wir hoffen auf ein klares "
       "Urteil.“ In der Begründung "
       "äußerten die Richter „erhebliche rechtliche Bedenken“ gegen das "
       "Gesetz.",
       {{"Wir hoffen auf ein klares Urteil.", "Anna Weber"},
        {"erhebliche rechtliche Bedenken", "Richter"}}},
      // ---- German: a role noun before a name is no part of it
      {"DeGenitiveAndRoleNounBeforeName", "de",
       "Das Spiel endete unentschieden. „Wir wollten mehr“, sagte "
       "Bremens Managerin Petra Ulmer nach dem Spiel.",
       {{"Wir wollten mehr", "Petra Ulmer"}}},
      // ---- German: "Zitat von X hierzu:" introduces X's quote
      {"DeZitatVonBeforeColon", "de",
       "Der Verein trennte sich von Trainer Tobias Brandt. „Ich gehe mit "
       "Stolz“, sagte er dem Bayerischen Rundfunk. „Ich danke den Fans“\n\n"
       "Zitat von Petra Lindau hierzu: „Wir brauchen einen Neuanfang.“",
       {{"Wir brauchen einen Neuanfang.", "Petra Lindau"}}},
      // ---- German: a compound organisation noun after an inverted cue
      {"DeInvertedCueCompoundOrgNoun", "de",
       "Die Ermittlungen zum Absturz dauern an. Dazu gab das "
       "Verkehrsministerium am Abend bekannt: „Der Pilot hat inzwischen "
       "ausgesagt.“",
       {{"Der Pilot hat inzwischen ausgesagt.", "Verkehrsministerium"}}},
      // ---- German: a person noun of the dictionary before a colon
      {"DePersonNounBeforeColonWithoutVerb", "de",
       "Die Opposition wirft der Regierung Untätigkeit vor. Ein Beamter "
       "der Landespolizei: „Hier weiß jeder, wer die Täter sind.“",
       {{"Hier weiß jeder, wer die Täter sind.",
         "Beamter der Landespolizei"}}},
      // ---- German: the subject after the cue, then words up to the colon
      {"DeSubjectAfterCueThenPhraseToColon", "de",
       "Anna Brandner leitet die Firma seit zehn Jahren. Ihr Berater "
       "Klaus Wendt lobt sie sehr. Im Frühjahr erklärte sie vor Kunden zu "
       "einem Projekt der Firma: „Was andere in Jahren planen, bauen wir "
       "in Wochen.“",
       {{"Was andere in Jahren planen, bauen wir in Wochen.",
         "Anna Brandner"}}},
      // ---- German: a capitalised common noun ("Freispruch") is nobody a
      // description stands for; with no person of its gender left, the
      // description stays the speaker
      {"DeDescriptionSkipsCommonNoun", "de",
       "Der 41 Jahre alte Marco F. wurde am Montag verurteilt. Die "
       "Verteidigerin Sabine Lorenz hatte Freispruch gefordert. „Das "
       "Urteil ist zu hart“, sagte die Anwältin nach der Verhandlung.",
       {{"Das Urteil ist zu hart", "Anwältin"}}},
      // ---- German: a description by another noun of the role's class
      {"DeManagerinAfterVorstandschefin", "de",
       "Vorstandschefin Julia Kern stellte am Montag die Zahlen vor. "
       "Betriebsrätin Sandra Wolf kritisierte den Plan. „Das ist ein "
       "schwarzer Tag“, sagte Wolf. „Wir kämpfen um jede Stelle“, fügte "
       "Wolf hinzu. „Wir bleiben in Bielefeld“, sagte die Managerin.",
       {{"Wir bleiben in Bielefeld", "Julia Kern"}}},
      {"DePartyPoliticianAfterMinisterin", "de",
       "Bundesbauministerin Anna Keller stellte das Gesetz vor. "
       "Verbandschefin Maria Roth war skeptisch. „Das reicht nicht“, "
       "sagte Roth. „Wir brauchen mehr Geld“, sagte Roth. „Wir bauen "
       "jedes Jahr mehr“, sagte die SPD-Politikerin.",
       {{"Wir bauen jedes Jahr mehr", "Anna Keller"}}},
      // ---- German: an unknown name in apposition after a role phrase
      {"DeUnknownNameAfterRolePhrase", "de",
       "Die Entscheidung wurde vertagt. „Wir prüfen die Zahlen“, sagte der "
       "Vorsitzende des Mieterbundes, Jorin Weckbach.",
       {{"Wir prüfen die Zahlen", "Jorin Weckbach"}}},
      // ---- English: a sentence-initial common word is no name
      // (dictionary); the sentence's name is the speaker
      {"EnSentenceInitialConjunctionIsNoSpeaker", "en",
       "Senator Mara Quell posted twice on Sunday. \"Really bad flooding in "
       "Dunmore. Many homes lost.\"\n\nThen came another post, followed by "
       "one in which she took credit for \"being right on the levees.\" And "
       "then Quell went fully on the attack, saying, \"Is the governor going "
       "to finally admit the failure? If he does not he should resign!\"",
       {{"Is the governor going to finally admit the failure? If he does not "
         "he should resign!",
         "Mara Quell"}}},
      // ---- English: an indefinite description introduces someone new
      {"EnIndefiniteDescriptionIsNotTheNameInIt", "en",
       "Senator Mara Quell returned to the capital on Monday.\n\n\"That "
       "can go a long way toward good relations,\" said a senior Quell "
       "adviser.",
       {{"That can go a long way toward good relations,",
         "senior Quell adviser"}}},
      {"EnIndefiniteDescriptionWithPrepPhrase", "en",
       "Senator Mara Quell spoke in Dunmore on Monday.\n\n\"Fewer people "
       "will come this time,\" said a person close to the Quells.",
       {{"Fewer people will come this time,",
         "person close to the Quells"}}},
      // ---- English: the phrase after "told" / "telling" is whom the
      // speaker told, never the speaker
      {"EnTellingOutletIsNoSpeaker", "en",
       "Senator Mara Quell flew to Dunmore on Monday.\n\nHours later, "
       "Quell praised the mayor, telling Reuters, \"She has done an "
       "amazing job with the levees.\"",
       {{"She has done an amazing job with the levees.", "Mara Quell"}}},
      {"EnToldAudienceIsNoSpeaker", "en",
       "Governor Tom Hadley spoke in Dunmore on Tuesday.\n\nHadley did "
       "not name his rivals, but told his supporters, \"our state is in "
       "deep trouble. We can fix it together.\"",
       {{"our state is in deep trouble. We can fix it together.",
         "Tom Hadley"}}},
      {"EnTellingTheCrowdIsNoSpeaker", "en",
       "Senator Mara Quell held a rally in Dunmore on Sunday.\n\nQuell "
       "seemed ready to joke about the storm, telling the crowd, \"Some "
       "people got a little wet, have you noticed that?\"",
       {{"Some people got a little wet, have you noticed that?",
         "Mara Quell"}}},
      // ---- A past tense verb between two bare-titled names: the second
      // name is its object, not the first one's role (word_order.tsv past)
      {"EnVerbBetweenTitledNames", "en",
       "Senator Ada Quell endorsed Governor Bram Ostrow on Monday, saying, "
       "\"He is exactly what this state needs.\"",
       {{"He is exactly what this state needs.", "Ada Quell"}}},
      {"EnVerbBeforeGroupNounAfterName", "en",
       "Bram Ostrow spoke first. Senator Ada Quell rallied supporters on "
       "Monday, saying: \"We have to be ready to stop him.\"",
       {{"We have to be ready to stop him.", "Ada Quell"}}},
      {"NlVerbBetweenTitledNames", "nl",
       "De stad kreeg gisteren een nieuwe brug. Wethouder Ada Kwel "
       "feliciteerde burgemeester Bram Oster na de opening, en zei: \"Dit is "
       "een mooie dag voor de stad.\"",
       {{"Dit is een mooie dag voor de stad.", "Ada Kwel"}}},
      // ---- "As X, appositive, put it:" (words.tsv asclause)
      {"EnAsClauseWithAppositive", "en",
       "Bram Ostrow spoke first. As Ada Quell, a former mayor of Dunmore, "
       "put it: \"This bill will not pass.\"",
       {{"This bill will not pass.", "Ada Quell"}}},
      // ---- A colon after the object of a preposition: the sentence's
      // subject speaks, not the person addressed
      {"EnColonAfterPrepositionObject", "en",
       "Senate leader Ada Quell, R-Ohio, delivered a blunt message to Bram "
       "Ostrow: \"It is time to stop attacking your rivals.\"",
       {{"It is time to stop attacking your rivals.", "Ada Quell"}}},
      {"FrColonAfterPrepositionObject", "fr",
       "La ministre Anne Roy a adressé un message clair à Paul Martin : « Il "
       "est temps de cesser ces attaques. »",
       {{"Il est temps de cesser ces attaques.", "Anne Roy"}}},
      {"NlColonAfterPrepositionObject", "nl",
       "Minister Ada Kwel had een duidelijke boodschap voor Bram Oster: \"Het "
       "is tijd om te stoppen met aanvallen.\"",
       {{"Het is tijd om te stoppen met aanvallen.", "Ada Kwel"}}},
      {"EsColonAfterPrepositionObject", "es",
       "La ministra Ana Ruiz tenía un mensaje claro para Pedro Gómez: «Es "
       "hora de dejar los ataques.»",
       {{"Es hora de dejar los ataques.", "Ana Ruiz"}}},
      // ---- "…, X said, adding, “…”": the reporting clause before the
      // participle gives its subject, not the sentence's
      {"EnParticipleAfterReportingClause", "en",
       "Senator Ada Quell spoke on Monday. Ryan and Ostrow will meet next "
       "week, Quell said, adding, \"They need to sit down and talk.\"",
       {{"They need to sit down and talk.", "Ada Quell"}}},
      // ---- English: a person's name set off by commas after a description
      {"EnNameAfterDescriptionAfterCue", "en",
       "Senator Mara Quell spoke on Monday.\n\n\"We are anxious,\" said "
       "another Twitter user, Johanna Bayer.",
       {{"We are anxious,", "Johanna Bayer"}}},
      {"EnNameAfterDescriptionBeforeCue", "en",
       "Tom Hadley ran for mayor in 1990.\n\n\"I hope you don't mind,\" "
       "another fraternity brother, Stuart Oltchick, recalled him saying.",
       {{"I hope you don't mind,", "Stuart Oltchick"}}},
      {"EnNameAfterPossessiveDescription", "en",
       "Tom Hadley ran for mayor in 1990.\n\n\"By December, the south "
       "stuck out,\" Hadley's campaign manager, Jeff Weaver, said in an "
       "interview.",
       {{"By December, the south stuck out,", "Jeff Weaver"}}},
      // ---- Datelines, in every language: a place written in capitals (or
      // with an agency in parentheses) opening the article before a dash
      // is never a speaker or an antecedent
      {"EnDatelineBeforeQuoteIsNoSpeaker", "en",
       "A Shelter That Never Closes.\n\nSANTA ROSA --  ''The doors will "
       "stay open all winter.''\n\nSo says a deep voice at the end of "
       "''Open Doors,'' a film set for release on Feb. 5.\n\nThe film is "
       "a fantasy, written by Ethan Cole.",
       {{"The doors will stay open all winter.", ""}}},
      {"EnDatelineAgencyIsNoAntecedent", "en",
       "SANTA ROSA, Calif. (Reuters) - The budget vote was delayed again "
       "on Tuesday.\n\n"
       "\u201cWe need another week,\u201d it said in a statement.",
       {{"We need another week,", ""}}},
      {"EnDatelineWithRegionIsNoSpeaker", "en",
       "NEW HAVEN, Conn. \u2014 \u201cThis is the day that matters.\u201d\n\n"
       "Voters lined up early on Tuesday.",
       {{"This is the day that matters.", ""}}},
      {"ItDatelineIsNoSpeaker", "it",
       "MONTE ROSA \u2013 \u00abLa strada resta chiusa fino a "
       "marzo.\u00bb\n\n"
       "Il cartello all'ingresso del paese non lascia dubbi.",
       {{"La strada resta chiusa fino a marzo.", ""}}},
      {"FrDatelineIsNoSpeaker", "fr",
       "SAINT DENIS \u2014 \u00ab La route reste ferm\u00e9e jusqu'en "
       "mars. \u00bb\n\n"
       "Le panneau \u00e0 l'entr\u00e9e du village ne laisse aucun doute.",
       {{"La route reste ferm\u00e9e jusqu'en mars.", ""}}},
      // A party in parentheses before a dash is no agency: the name stays
      {"EnNameWithPartyBeforeDashIsNoDateline", "en",
       "The council voted on Tuesday.\n\nJane Ross (D) - \u201cWe will "
       "vote no on this budget,\u201d she told reporters.",
       {{"We will vote no on this budget,", "Jane Ross"}}},
      // ---- English: an opening mark glued to the comma before it
      {"EnOpeningMarkAfterCommaWithoutSpace", "en",
       "Tom Hadley spoke in Dunmore on Monday.\n\nHadley said,\u201cLook, "
       "these posters have no place in a campaign.\u201d",
       {{"Look, these posters have no place in a campaign.", "Tom Hadley"}}},
      // ---- English: a straight opening mark closed by a curly one before
      // the next straight mark
      {"EnStraightOpenerCurlyCloser", "en",
       "Tom Hadley spoke in Dunmore on Monday.\n\n\"Nobody here "
       "understands floods,\u201d said Daniel Benjamin, a former adviser. "
       "\"He is ignorant. He never learns.\"",
       {{"Nobody here understands floods,", "Daniel Benjamin"},
        {"He is ignorant. He never learns.", "Daniel Benjamin"}}},
      // ---- English: a quote paragraph, then a dash and a name on a line
      // of its own
      {"EnDashLineAfterQuoteParagraph", "en",
       "We checked the claims of the debate.\n\n\"Big firms here pay zero "
       "taxes.\"\n\n- Mara Quell.\n\nThis is a complex issue.\n\n"
       "\"The whole idea is something we hear all the time.\"\n\n"
       "-Tom Hadley, speaking after the debate.",
       {{"Big firms here pay zero taxes.", "Mara Quell"},
        {"The whole idea is something we hear all the time.",
         "Tom Hadley"}}},
      // ---- English: a quoted text that quotes with the same marks; the
      // inner pair closes inside, the quotation runs to the outer closer
      {"EnNestedSameCurlyMarks", "en",
       "The rally drew a small crowd.\n\nMara Quell of the Ledger wrote, "
       "\u201cVoters behind the mayor wore \u201cVote Smith\u201d shirts "
       "at the fair in Dunmore. Nobody laughed.\u201d",
       {{"Voters behind the mayor wore \u201cVote Smith\u201d shirts at "
         "the fair in Dunmore. Nobody laughed.",
         "Mara Quell"}}},
      // ---- English: a quote paragraph without attribution after a
      // paragraph whose last sentence has a named subject ----
      {"EnLeadInParagraphSubject", "en",
       "The county fair opened on Friday.\n\nMara Quell is upbeat about "
       "the harvest this year.\n\n\u201cWe have never seen corn this "
       "tall.\u201d",
       {{"We have never seen corn this tall.", "Mara Quell"}}},
      {"EnLeadInParagraphPronounSubject", "en",
       "Dana Miller calls voters from her kitchen.\n\n\u201cHello, this "
       "is Dana,\u201d she says.\n\nShe pauses to look at her list of "
       "names.\n\n\u201cWell, thank you so much for your time "
       "tonight.\u201d",
       {{"Well, thank you so much for your time tonight.", "Dana Miller"}}},
      {"EnLeadInSubjectNotTheNameAfterItsVerb", "en",
       "Mayor Tom Hadley opened the fair.\n\nHadley was joined by Dana "
       "Whitfield, a farmer from Dunmore.\n\nWhitfield praised Hadley's "
       "patience in the drought.\n\n\u201cHe listened to every one of "
       "us.\u201d",
       {{"He listened to every one of us.", "Dana Whitfield"}}},
      // ---- English: the capitalised verbs and nouns of a title-cased
      // headline are no part of a name ----
      {"EnHeadlineSubjectBeforeColon", "en",
       "Whitfield on Mayor Hadley Releasing His Flood Budget: \u2018I Think "
       "He Will.\u2019\n\nSen. Dana Whitfield told reporters on Friday "
       "that the mayor would publish the budget.",
       {{"I Think He Will.", "Dana Whitfield"}}},
      {"EnHeadlineVerbIsNoPartOfName", "en",
       "Hadley Addresses Dunmore Flood: \u2018This Cannot Go On.\u2019\n\n"
       "Mayor Tom Hadley visited the flooded streets of Dunmore on Monday. "
       "He said the town would rebuild.",
       {{"This Cannot Go On.", "Tom Hadley"}}},
      // A common word the article capitalises mid-sentence outside
      // headlines stays a name in one ("baker").
      {"EnHeadlineNameTheBodyCapitalises", "en",
       "Baker Warns City Council Over Flood: \u2018We Will Not Wait.\u2019\n\n"
       "The council met on Monday, and Councillor Jane Baker spoke first.",
       {{"We Will Not Wait.", "Jane Baker"}}},
      // ---- English: a relative clause after a described speaker is no
      // part of the speaker, before or after the quote ----
      {"EnRelativeClauseAfterDescriptionCueFirst", "en",
       "The talks went on.\n\n\u201cWe have seen a growing distrust,\u201d "
       "said a Dunmore official who was not authorized to speak publicly.",
       {{"We have seen a growing distrust,", "Dunmore official"}}},
      {"EnRelativeClauseBeforeCueAfterQuote", "en",
       "The talks went on.\n\n\u201cThere are talks between the two "
       "camps,\u201d a city hall official who spoke anonymously said "
       "Wednesday.",
       {{"There are talks between the two camps,", "city hall official"}}},
      {"EnRelativeClauseBeforeCueBeforeQuote", "en",
       "The talks went on.\n\nA city hall official who spoke anonymously "
       "to discuss the strategy said Wednesday, \u201cThere are talks "
       "between the two camps.\u201d",
       {{"There are talks between the two camps.", "city hall official"}}},
      // ---- English: a reporting verb of answering after a pronoun ----
      {"EnAnsweredAfterOneWordQuote", "en",
       "Asked for his favourite city, Mayor Tom Hadley gave a one word "
       "answer.\n\n\u201cDenver,\u201d he answered.",
       {{"Denver,", "Tom Hadley"}}},
      {"EnNestedSameStraightMarks", "en",
       "The mayor posted twice on Sunday.\n\nTom Hadley tweeted, "
       "\"Witnesses say the driver shouted \"Stop!\" as he fled the "
       "square.\"",
       {{"Witnesses say the driver shouted \"Stop!\" as he fled the square.",
         "Tom Hadley"}}},
      // ---- Dutch: an affiliation after a full name; role synonyms
      {"NlAffiliationAfterFullName", "nl",
       "Wethouder Peter Smit opende het nieuwe centrum. Huisarts Mirjam "
       "Bakker van de GGD Twente maakt zich zorgen. Ze zegt: “We zien "
       "meer zieke kinderen dan vorig jaar.”",
       {{"We zien meer zieke kinderen dan vorig jaar.", "Mirjam Bakker"}}},
      // the subject of the passive "geciteerd worden" is the speaker
      {"NlQuotedPassiveSubjectAfterQuote", "nl",
       "“De cijfers zijn goed,” zei Theo de Kort. “Dit is een grote stap "
       "vooruit voor de club,” wordt Anna de Berg in de krant geciteerd.",
       {{"De cijfers zijn goed,", "Theo de Kort"},
        {"Dit is een grote stap vooruit voor de club,", "Anna de Berg"}}},
      {"NlRaadsmanAfterAdvocaat", "nl",
       "Advocaat Pieter Brouwer vroeg om vrijspraak. Officier van justitie "
       "Kees Mol eiste drie jaar cel. “Dit is een zware zaak,” zei Mol. "
       "“Mijn cliënt was die avond thuis,” zei de raadsman.",
       {{"Mijn cliënt was die avond thuis,", "Pieter Brouwer"}}},
      // ---- Czech ----
      {"CsVerbAfterQuoteWithTitle", "cs",
       "Klub ve středu oznámil změny v kádru. „Musíme hrát rychleji a "
       "odvážněji,“ řekl trenér Petr Novák po tréninku.",
       {{"Musíme hrát rychleji a odvážněji,", "Petr Novák"}}},
      {"CsVerbBeforeColon", "cs",
       "Ministr financí Karel Dvořák ve středu uvedl: „Rozpočet na příští "
       "rok bude vyrovnaný.“",
       {{"Rozpočet na příští rok bude vyrovnaný.", "Karel Dvořák"}}},
      {"CsFeminineSurname", "cs",
       "„Nemocnice potřebuje nové sestry,“ uvedla ředitelka Jana "
       "Procházková na tiskové konferenci.",
       {{"Nemocnice potřebuje nové sestry,", "Jana Procházková"}}},
      {"CsDash", "cs",
       "Starostka Marie Horáková kritizovala plán kraje. „Tohle nikdo "
       "nechtěl“ – řekla novinářům.",
       {{"Tohle nikdo nechtěl", "Marie Horáková"}}},
      {"CsProDropFeminine", "cs",
       "Na schůzi promluvila také poslankyně Eva Svobodová a její kolega "
       "Tomáš Král. Svobodová se ptala na cenu energií. „Lidé už nemají na "
       "zálohy“ dodala.",
       {{"Lidé už nemají na zálohy", "Eva Svobodová"}}},
      {"CsPronoun", "cs",
       "Hasiči přijeli k požáru skladu v Kolíně. Velitel zásahu Martin "
       "Beneš popsal situaci. „Oheň se šířil velmi rychle,“ řekl on.",
       {{"Oheň se šířil velmi rychle,", "Martin Beneš"}}},
      // ---- Polish ----
      {"PlVerbAfterQuoteWithTitle", "pl",
       "Rada miasta zebrała się w czwartek. „Nie zgadzamy się na podwyżki "
       "cen biletów” – powiedział prezydent miasta Marek Nowak.",
       {{"Nie zgadzamy się na podwyżki cen biletów", "Marek Nowak"}}},
      {"PlVerbBeforeColon", "pl",
       "Minister zdrowia Adam Wiśniewski stwierdził: „Szpitale są gotowe "
       "na zimę.”",
       {{"Szpitale są gotowe na zimę.", "Adam Wiśniewski"}}},
      {"PlFeminineSurname", "pl",
       "„To była bardzo trudna decyzja” – zaznaczyła posłanka Anna "
       "Kowalska po głosowaniu w Sejmie.",
       {{"To była bardzo trudna decyzja", "Anna Kowalska"}}},
      {"PlProDropFeminine", "pl",
       "Burmistrz Katarzyna Zielińska spotkała się z mieszkańcami i radnym "
       "Piotrem Mazurem. „Most zostanie otwarty w maju” – dodała.",
       {{"Most zostanie otwarty w maju", "Katarzyna Zielińska"}}},
      {"PlGuillemets", "pl",
       "»Nie ma zgody na likwidację szkoły« – powiedział wójt Jan Lis.",
       {{"Nie ma zgody na likwidację szkoły", "Jan Lis"}}},
      // ---- Czech, Polish, Russian: a role phrase with a chain of genitive
      // complements before the name (word_order.tsv `genitivechain`); the
      // man quoted just before is not its speaker ----
      {"RuGenitiveChainBeforeName", "ru",
       "Министр Сергей Волков выступил в Думе. «Бюджет сбалансирован», — "
       "сказал Волков. «Мы готовы к диалогу», — заявил первый заместитель "
       "министра иностранных дел Иван Петров.",
       {{"Мы готовы к диалогу", "Иван Петров"}}},
      {"CsGenitiveChainBeforeName", "cs",
       "Ministr Pavel Černý vystoupil ve sněmovně. „Rozpočet je "
       "vyrovnaný,“ řekl Černý. „Budeme dál vyjednávat,“ uvedl první "
       "náměstek ministra zahraničních věcí Martin Dvořák.",
       {{"Budeme dál vyjednávat,", "Martin Dvořák"}}},
      {"PlGenitiveChainBeforeName", "pl",
       "Minister Tomasz Wójcik przemawiał w Sejmie. „Budżet jest "
       "zrównoważony” – powiedział Wójcik. „Sytuacja jest poważna” – "
       "powiedział nowy rzecznik prasowy ministerstwa spraw zagranicznych "
       "Piotr Nowak.",
       {{"Sytuacja jest poważna", "Piotr Nowak"}}},
      // ---- Czech, Polish, Russian: a capitalised genitive or adjective
      // that continues the role phrase ("Российской Федерации", "České
      // republiky") is part of the description, not of the name ----
      {"RuCapitalisedGenitiveInRolePhrase", "ru",
       "Переговоры продлятся до пятницы. «Мы готовы к диалогу», — заявил "
       "заместитель министра иностранных дел Российской Федерации Иван "
       "Петров.",
       {{"Мы готовы к диалогу", "Иван Петров"}}},
      {"PlCapitalisedGenitiveInRolePhrase", "pl",
       "Ustawa trafi do Senatu. „Będziemy pilnować praw obywateli” – "
       "powiedział rzecznik Rzeczypospolitej Polskiej Anna Nowak.",
       {{"Będziemy pilnować praw obywateli", "Anna Nowak"}}},
      {"CsCapitalisedAdjectiveInRolePhrase", "cs",
       "Jednání v Bruselu skončilo ve čtvrtek bez dohody. „Budeme dál "
       "vyjednávat,“ uvedl ministr zahraničí České republiky Martin "
       "Dvořák.",
       {{"Budeme dál vyjednávat,", "Martin Dvořák"}}},
      // ---- Czech, Polish, Russian: a bare role noun after the cue is a
      // description of a person named with that role; the verb's gender
      // picks between two people ----
      {"CsRoleNounAfterCue", "cs",
       "Ředitelka školy Jana Malá a starosta Karel Brož otevřeli v pondělí "
       "novou tělocvičnu. „Děti se sem těšily dva roky,“ řekla ředitelka. "
       "„Stála nás dvacet milionů,“ dodal starosta.",
       {{"Děti se sem těšily dva roky,", "Jana Malá"},
        {"Stála nás dvacet milionů,", "Karel Brož"}}},
      {"PlRoleNounAfterDash", "pl",
       "Posłanka Ewa Nowicka i wojewoda Adam Sowa odwiedzili w sobotę "
       "powodzian. „Pomoc dotrze w piątek” – zapewnił wojewoda. „Sprawdzimy "
       "każdy dom” – dodała posłanka.",
       {{"Pomoc dotrze w piątek", "Adam Sowa"},
        {"Sprawdzimy każdy dom", "Ewa Nowicka"}}},
      // ---- Russian, Czech, Polish: a bare role noun after the cue that
      // no one was named with is the person of the sentence before it,
      // not the one mentioned most ----
      {"RuUnknownRoleNounIsPersonOfSentenceBefore", "ru",
       "Губернатор Андрей Кривошеин выступил на сессии. «Бюджет "
       "сбалансирован», — заявил Кривошеин. «Долгов у области нет», — "
       "добавил Кривошеин. Председатель комиссии Олег Смирягин предложил "
       "отложить голосование. «Нам нужно еще две недели», — отметил "
       "депутат.",
       {{"Нам нужно еще две недели", "Олег Смирягин"}}},
      {"CsUnknownRoleNounIsPersonOfSentenceBefore", "cs",
       "Trenér Miroslav Kadlec chválil obranu. „Hráli jsme dobře,“ řekl "
       "Kadlec. „Soupeř nic nevytvořil,“ dodal Kadlec. Jediný gól dal "
       "Ondřej Sýkora. Sýkora věnoval gól zraněnému spoluhráči. „Bylo to "
       "pro Davida,“ dodal útočník.",
       {{"Bylo to pro Davida,", "Ondřej Sýkora"}}},
      {"PlUnknownRoleNounIsPersonOfSentenceBefore", "pl",
       "Trener Legii Krzysztof Baran chwalił drużynę. „Zagraliśmy dobry "
       "mecz” – powiedział Baran. „Jestem zadowolony” – dodał Baran. Gola "
       "zdobył Paweł Szymański. Szymański przyznał, że był zdenerwowany. "
       "„Nogi mi się trzęsły” – mówił napastnik.",
       {{"Nogi mi się trzęsły", "Paweł Szymański"}}},
      // ---- Russian, Polish: the organisation after a role noun ("тренер
      // «Зенита»", "trener Pogoni") tells two people of that role apart ----
      {"RuRoleNounWithQuotedClubComplement", "ru",
       "Наставник «Зенита» Валерий Орлов похвалил игроков. «Ребята "
       "молодцы», — сказал Орлов. Главный тренер «Спартака» Игорь Мельников "
       "признал поражение. «Соперник был сильнее», — отметил Мельников. «Мы "
       "выполнили установку», — добавил тренер «Зенита».",
       {{"Мы выполнили установку", "Валерий Орлов"}}},
      {"PlRoleNounWithClubComplement", "pl",
       "Trener Pogoni Łukasz Nowicki chwalił obronę. „Graliśmy mądrze” – "
       "powiedział Nowicki. Trener Górnika Rafał Górecki był rozczarowany. "
       "„Zabrakło nam sił” – przyznał Górecki. „Teraz czas na puchar” – "
       "dodał trener Pogoni.",
       {{"Teraz czas na puchar", "Łukasz Nowicki"}}},
      // ---- Portuguese: a description after "disse à Lusa" is the person
      // of the sentence before, past the agency named in its own ----
      {"PtDescriptionAfterAgencyIsPersonOfSentenceBefore", "pt",
       "O treinador Paulo Sequeira elogiou a equipa: «Foi uma vitória do "
       "grupo». «Estamos no bom caminho», acrescentou Sequeira. O avançado "
       "Tiago Moura marcou os dois golos. «Ainda não acredito», disse à "
       "Lusa o jogador de 24 anos.",
       {{"Ainda não acredito", "Tiago Moura"}}},
      // ---- Portuguese: a medium after "do" inside a description set off
      // before a name is no speaker ----
      {"PtMediumInDescriptionBeforeName", "pt",
       "O romance foi lançado esta semana em Lisboa. O crítico do semanário "
       "Jornal Sul, Rui Tavares, escreveu que o livro é “uma pequena "
       "obra-prima da ficção portuguesa”.",
       {{"uma pequena obra-prima da ficção portuguesa", "Rui Tavares"}}},
      // ---- Czech: a club after a role noun ("Kapitán Komety") is no
      // person of that role; the one named in full is ----
      {"CsClubAfterRoleNounIsNoPerson", "cs",
       "Rozhodující gól vstřelil kapitán Ondřej Sýkora. Trenér Miroslav "
       "Kadlec chválil tým. „Hráli jsme chytře,“ řekl Kadlec. Kapitán "
       "Komety věnoval gól zraněnému spoluhráči. „Bylo to pro Davida,“ "
       "dodal kapitán.",
       {{"Bylo to pro Davida,", "Ondřej Sýkora"}}},
      // ---- Czech: a time adverb between the cue and its speaker ("řekl
      // později trenér"; also Polish "później", Russian "позже") ----
      {"CsTimeAdverbBetweenCueAndDescription", "cs",
       "Kapitán Sparty Lukáš Novotný vzal vinu na sebe. „Gól jsem zavinil "
       "já,“ přiznal Novotný. Zápas sledoval i reprezentační trenér Aleš "
       "Jindra. „Zeman hraje výborně,“ řekl později trenér reprezentace "
       "serveru iSport.",
       {{"Zeman hraje výborně,", "Aleš Jindra"}}},
      // ---- Polish: the sentence between the name and the description
      // opens with the same role noun ----
      {"PlRoleNounTakenUpTwice", "pl",
       "Film wyreżyserował Marcin Zając. „Chciałem opowiedzieć o morzu” – "
       "mówi reżyser Marcin Zając. „To film o samotności” – dodał Zając. W "
       "roli głównej wystąpił Tadeusz Rybicki. Aktor przez trzy miesiące "
       "pływał z rybakami. „Pierwszego dnia było ciężko” – wspomina aktor.",
       {{"Pierwszego dnia było ciężko", "Tadeusz Rybicki"}}},
      {"RuRoleNounAfterDash", "ru",
       "Директор завода Павел Орехов и мэр города Инна Соловьева открыли "
       "новый цех. «Здесь будет работать двести человек», — сказал директор. "
       "«Город поможет рабочим с жильем», — добавила мэр.",
       {{"Здесь будет работать двести человек", "Павел Орехов"},
        {"Город поможет рабочим с жильем", "Инна Соловьева"}}},
      // ---- Russian, Polish: a bare deputy after the cue, two deputies
      // named, the verb's gender picks the one; the woman quoted just
      // before is not the man's ----
      {"RuBareDeputyVerbGender", "ru",
       "Заместитель министра Иван Петров провел переговоры в Берлине. "
       "Заместитель посла Анна Соколова встретила его в аэропорту. «Мы "
       "обсудили санкции», — сказала Соколова. «Диалог будет продолжен», — "
       "добавил заместитель.",
       {{"Диалог будет продолжен", "Иван Петров"}}},
      {"RuBareDeputyAfterWomanQuoted", "ru",
       "Заместитель министра Иван Петров провел переговоры в Берлине. "
       "«Переговоры были трудными», — сказал Петров. Анна Соколова, "
       "представитель посольства, подтвердила это. «Встреча длилась три "
       "часа», — сказала Соколова. «Диалог будет продолжен», — добавил "
       "заместитель.",
       {{"Диалог будет продолжен", "Иван Петров"}}},
      {"PlBareDeputyVerbGender", "pl",
       "Zastępca ministra Jan Kowalski rozmawiał w Berlinie z ambasadorem. "
       "Zastępczyni ambasadora Anna Nowak powitała go na lotnisku. "
       "„Rozmawialiśmy o sankcjach” – powiedziała Nowak. „Dialog będzie "
       "kontynuowany” – dodał zastępca.",
       {{"Dialog będzie kontynuowany", "Jan Kowalski"}}},
      // ---- Polish, Czech, Russian: a paragraph opened by a dialogue dash,
      // no quotation marks, the cue between two dashes ----
      {"PlEnDashDialogueTurn", "pl",
       "Rolnicy protestowali w poniedziałek przed urzędem wojewódzkim.\n\n"
       "– Nie zgadzamy się z tym – mówi Anna Nowak.\n\n"
       "Urzędnicy obiecali odpowiedź w ciągu tygodnia.",
       {{"Nie zgadzamy się z tym", "Anna Nowak"}}},
      {"CsEnDashDialogueTurn", "cs",
       "Zemědělci v pondělí protestovali před krajským úřadem.\n\n"
       "– To je chyba – řekl Jan Novák.\n\n"
       "Úředníci slíbili odpověď do týdne.",
       {{"To je chyba", "Jan Novák"}}},
      {"RuEmDashDialogueTurn", "ru",
       "Фермеры в понедельник протестовали у здания администрации.\n\n"
       "— Мы не согласны, — сказал Иван Петров.\n\n"
       "Чиновники обещали ответ в течение недели.",
       {{"Мы не согласны", "Иван Петров"}}},
      // ---- a Polish first name gives the gender a pro-drop verb asks for
      {"PlProDropFirstNameGender", "pl",
       "Z mieszkańcami rozmawiali w piątek Beata Wilk i Jacek Pająk. „Nie "
       "zostawimy was samych” – powiedziała.",
       {{"Nie zostawimy was samych", "Beata Wilk"}}},
      // ---- Dutch: a low opening mark closed by a straight one ----
      {"NlLowOpenStraightClose", "nl",
       "De vakbond is boos. „We betalen drie keer zoveel voor gas,\" zei "
       "directeur Els Maes. Voor donderdag is een vergadering gepland.",
       {{"We betalen drie keer zoveel voor gas,", "Els Maes"}}},
      // ---- Dutch: a known first name after a bare role noun ends the
      // role and gives "ze" its antecedent ----
      {"NlFirstNameAfterBareRoleNoun", "nl",
       "Het college wil minder bussen in de binnenstad. Buurtbewoonster "
       "Ellen Claessens is blij met het plan. “We kunnen eindelijk weer "
       "slapen,” zegt ze.",
       {{"We kunnen eindelijk weer slapen,", "Ellen Claessens"}}},
      // ---- a news medium after the name is the addressee (dative) ----
      {"PlDativeOutletAfterName", "pl",
       "Związkowcy protestowali przed fabryką. „Zarząd wypłacił sobie "
       "premie” – powiedział Jerzy Malinowski PAP.",
       {{"Zarząd wypłacił sobie premie", "Jerzy Malinowski"}}},
      {"RuDativeOutletAfterName", "ru",
       "Матч в Самаре закончился вничью. «Первый тайм мы провалили», — "
       "заявил Дмитрий Зуев ТАСС.",
       {{"Первый тайм мы провалили", "Дмитрий Зуев"}}},
      // ---- Czech: more reporting verbs; a gendered pro-drop cue followed
      // only by a prepositional phrase has no subject of its own ----
      {"CsProDropCueThenPrepositionalPhrase", "cs",
       "Plavkyně Tereza Malá vyhrála v sobotu závod na 200 metrů. „Poslední "
       "bazén strašně bolel,“ popsala Malá. Její trenér Jan Hora sledoval "
       "závod z tribuny. „Tahle medaile je malý zázrak,“ řekl po závodě.",
       {{"Poslední bazén strašně bolel,", "Tereza Malá"},
        {"Tahle medaile je malý zázrak,", "Jan Hora"}}},
      // ---- Czech, Polish: "podle X", "zdaniem X", "według X" with X a
      // declined surname of a person named earlier; the noun after it is
      // the clause's subject, not a noun X modifies ----
      {"CsPodleDeclinedSurname", "cs",
       "Ministr zemědělství Josef Hruban představil v úterý novou dotaci. "
       "Podle Hrubana resort „nechce nechat zemědělce bez pomoci“.",
       {{"nechce nechat zemědělce bez pomoci", "Josef Hruban"}}},
      {"PlZdaniemDeclinedFeminineSurname", "pl",
       "Posłanka Joanna Sikorska skrytykowała w piątek projekt ustawy. "
       "Zdaniem Sikorskiej rząd „nie policzył kosztów reformy”.",
       {{"nie policzył kosztów reformy", "Joanna Sikorska"}}},
      {"PlWedlugDeclinedSurnameThenRoleNoun", "pl",
       "Burmistrz Adam Pawlak i radny Tomasz Wrona spierali się o nowy "
       "parking. Według Wrony burmistrz „ignoruje głos mieszkańców”.",
       {{"ignoruje głos mieszkańców", "Tomasz Wrona"}}},
      // ---- Russian: a quotation interrupted by its cue between dashes,
      // the subject a bare role noun; the comma before the dash is no
      // part of the quotation, and the role's synonym finds the person ----
      {"RuInterruptedByDashCueWithRoleNoun", "ru",
       "Вратарь Павел Сомов отразил в субботу два пенальти. «Я просто "
       "читал игру, — рассказал голкипер. — Остальное сделали защитники.»",
       {{"Я просто читал игру", "Павел Сомов"},
        {"Остальное сделали защитники.", "Павел Сомов"}}},
      // ---- Russian: guillemets nested in guillemets; the inner pair
      // closes inside the quotation, which runs to the outer closer ----
      {"RuNestedGuillemets", "ru",
       "Главный тренер «Ротора» Олег Пахомов признал поражение. «Сегодня "
       "«Сокол» был быстрее. Нам нечего возразить» — отметил Пахомов.",
       {{"Сегодня «Сокол» был быстрее. Нам нечего возразить",
         "Олег Пахомов"}}},
      // ---- Dutch: a bare role noun opening the sentence ("Moeder") is no
      // part of the name after it, so "ze" finds that person ----
      {"NlBareRoleNounOpensSentence", "nl",
       "Directeur Yvonne Bos sprak van een verdrietig besluit. Moeder Sanne "
       "de Wit heeft twee kinderen op de school. Zij is het niet eens met het "
       "besluit. “Mijn zoon zit hier al zes jaar,” zegt ze.",
       {{"Mijn zoon zit hier al zes jaar,", "Sanne de Wit"}}},
      // ---- Dash-introduced attributions elsewhere ----
      {"RuHyphenDash", "ru",
       "Завод в Туле остановил одну линию. „Мы ждём новых деталей“, - "
       "говорит директор Сергей Волков.",
       {{"Мы ждём новых деталей", "Сергей Волков"}}},
      // ---- English: a role coordinated with another role before the cue ----
      {"EnCoordinatedRolesThenCue", "en",
       "Senator Ruth Calder spoke on Monday. \"North Korea is a paranoid "
       "nation,\" the independent Vermont senator and Democratic "
       "presidential candidate told ABC.",
       {{"North Korea is a paranoid nation,", "Ruth Calder"}}},
      // ---- English: a place before an abbreviated title is the title's ----
      {"EnPlaceBeforeAbbreviatedTitle", "en",
       "Ann Roy spoke first. \"He did it in 2008 and again in 2012,\" said "
       "former Ohio Gov. and party chairman Ted Marsh.",
       {{"He did it in 2008 and again in 2012,", "Ted Marsh"}}},
      // two coordinated roles before the name after the cue
      {"EnCoordinatedRolesBeforeName", "en",
       "Ann Roy spoke first. \"We built it twice,\" said former governor "
       "and party chairman Ted Marsh.",
       {{"We built it twice,", "Ted Marsh"}}},
      {"EsEmDashTitle", "es",
       "El Gobierno presentó el plan de vivienda en Madrid. «No habrá más "
       "retrasos» — dijo el ministro Luis Ortega.",
       {{"No habrá más retrasos", "Luis Ortega"}}},
      {"EsDialogueDashProDrop", "es",
       "La alcaldesa Carmen Ruiz visitó el barrio inundado el lunes. «Vamos "
       "a reconstruir cada casa» —dijo.",
       {{"Vamos a reconstruir cada casa", "Carmen Ruiz"}}},
      // ---- Pro-drop ----
      {"PtProDropExplicou", "pt",
       "A ministra da Saúde, Marta Lopes, visitou o hospital de Braga. «O "
       "serviço de urgência vai ser reforçado», explicou.",
       {{"O serviço de urgência vai ser reforçado", "Marta Lopes"}}},
      {"PtProDropDisse", "pt",
       "O treinador Rui Barros chegou cedo ao estádio. «A equipa está "
       "pronta para o jogo», disse.",
       {{"A equipa está pronta para o jogo", "Rui Barros"}}},
      {"EsProDropAfirmo", "es",
       "El sindicalista Jorge Paredes habló ante los trabajadores. «La "
       "huelga seguirá hasta el viernes», afirmó.",
       {{"La huelga seguirá hasta el viernes", "Jorge Paredes"}}},
      // ---- Cue verbs from their lemma ----
      {"PtLemmaGarantiu", "pt",
       "«As obras terminam em março», garantiu o autarca Nuno Pires.",
       {{"As obras terminam em março", "Nuno Pires"}}},
      {"PtLemmaReclamou", "pt",
       "«Queremos salários justos», reclamou a sindicalista Paula Reis.",
       {{"Queremos salários justos", "Paula Reis"}}},
      {"PtLemmaAcentuou", "pt",
       "«O país precisa de mais médicos», acentuou o bastonário Rui Faria.",
       {{"O país precisa de mais médicos", "Rui Faria"}}},
      {"PtLemmaJustificou", "pt",
       "«Não havia alternativa», justificou a presidente Inês Duarte.",
       {{"Não havia alternativa", "Inês Duarte"}}},
      {"PtLemmaAssegurou", "pt",
       "«Ninguém ficará sem casa», assegurou o vereador Tiago Moura.",
       {{"Ninguém ficará sem casa", "Tiago Moura"}}},
      {"EsLemmaReclamo", "es",
       "«Necesitamos más profesores», reclamó la consejera Elena Vidal.",
       {{"Necesitamos más profesores", "Elena Vidal"}}},
      {"EsLemmaJustifico", "es",
       "«Era la única salida», justificó el alcalde Pablo Gil.",
       {{"Era la única salida", "Pablo Gil"}}},
      // ---- a first name gives the gender a pronoun asks for ----
      {"FrFirstNameGenderForPronoun", "fr",
       "Josette Rivière préside le club depuis vingt ans. Ce soir-là, "
       "Gwenaël Morvan a pris la parole avant elle. « On nous a prévenus par "
       "un courrier de deux lignes », regrette-t-elle.",
       {{"On nous a prévenus par un courrier de deux lignes",
         "Josette Rivière"}}},
      {"EsFirstNameGenderForPronoun", "es",
       "Montserrat Ibarra perdió sus ahorros. Su vecino, Gonzalo Ferrer, "
       "también fue engañado. «Yo pensaba que eran amigos», dijo ella.",
       {{"Yo pensaba que eran amigos", "Montserrat Ibarra"}}},
      {"PtFirstNameGenderForPronoun", "pt",
       "Filipa Quaresma venceu a maratona. O treinador, Duarte Sarmento, "
       "chorou na meta. «Treinei dois anos para isto», disse ela.",
       {{"Treinei dois anos para isto", "Filipa Quaresma"}}},
      // ---- a first name that is also an agency's name names a person ----
      {"NlFirstNameThatIsAnAgencyWord", "nl",
       "De winkeliers protesteerden op het plein. Ria Postma zat op de "
       "tribune van de gemeenteraad. “Mijn klanten komen niet meer met de "
       "bus,” zegt ze.",
       {{"Mijn klanten komen niet meer met de bus,", "Ria Postma"}}},
      // ---- a news medium before the colon is the addressee ----
      {"EsMediumBeforeColonIsNoSpeaker", "es",
       "La presidenta del club, Marisol Vega, fue tajante en declaraciones "
       "a la Cadena SER: «El delantero no está en venta.»",
       {{"El delantero no está en venta.", "Marisol Vega"}}},
      {"EsMediumBeforeDescriptionIsNoSpeaker", "es",
       "La ministra de Trabajo, Irene Olmedo, visitó la fábrica de Sabadell. "
       "En declaraciones a Efe, la ministra aseguró: “El Gobierno estará "
       "vigilante.”",
       {{"El Gobierno estará vigilante.", "Irene Olmedo"}}},
      // ---- a cue by its lemma before a short object and a colon; a
      // subject after a fronted phrase is no appositive of the name in it ----
      {"PtLemmaCueThenObjectThenColon", "pt",
       "A ministra da Saúde, Marta Lobo, visitou o hospital de Faro. Numa "
       "entrevista à rádio Voz do Algarve, a ministra explicou as razões:\n\n"
       "«Não há médicos suficientes no interior.»",
       {{"Não há médicos suficientes no interior.", "Marta Lobo"}}},
      // ---- a pronoun after a subject description stands for its person
      {"NlPronounAfterSubjectDescription", "nl",
       "Directeur Ilse Vos sprak van een verdrietig besluit.\n\nMoeder "
       "Karin Mulder heeft twee kinderen op de school. “Mijn zoon zit hier "
       "sinds zijn vierde,” zegt ze.\n\nDe directeur begrijpt de boosheid. "
       "Ze belooft dat geen kind tussen wal en schip valt. “Iedere leerling "
       "krijgt een plek,” zegt ze.",
       {{"Iedere leerling krijgt een plek,", "Ilse Vos"}}},
      {"FrPronounAfterSubjectDescription", "fr",
       "La maire, Claire Aubry, a ouvert la séance. L'opposante Julie Marchal "
       "a dénoncé le budget. « Rien n'a été discuté », a-t-elle dit.\n\n"
       "La maire conteste. Elle rappelle les trois réunions publiques. « Tout "
       "le monde a été invité », assure-t-elle.",
       {{"Tout le monde a été invité", "Claire Aubry"}}},
      // ---- Romance languages: quotations interrupted by their own
      // attribution inside one pair of marks (French inverted cues,
      // Spanish, Italian and Portuguese dash and comma interruptions,
      // dialogue turns resumed after their cue), descriptions resolved by
      // the role phrase apposed to a name, the subject of a colon
      // introduction without a cue, the subject a pro-drop cue leaves
      // out. These rows list every quote of the article, in order.
      {"FrInvertedCueInsideGuillemets", "fr",
       "Marion Lefèvre, directrice de l'école, a reçu les parents. « Nous "
       "n'avons pas été prévenus, confie-t-elle à La Dépêche. La classe "
       "fermera quand même. »",
       {{"Nous n'avons pas été prévenus", "Marion Lefèvre"},
        {"La classe fermera quand même.", "Marion Lefèvre"}},
       true},
      {"FrAuxiliaryInvertedCueInsideGuillemets", "fr",
       "Le maire Gérard Poulain a défendu son budget. « Les impôts ne "
       "bougeront pas, a-t-il affirmé. C'est un engagement. »",
       {{"Les impôts ne bougeront pas", "Gérard Poulain"},
        {"C'est un engagement.", "Gérard Poulain"}},
       true},
      {"FrInvertedAuxiliaryThenAdverbial", "fr",
       "L'actrice Inès Haddour a reçu le prix. « Il y a un an, je passais "
       "mon bac, a-t-elle lancé en riant. Je ne sais pas ce qui m'arrive. »",
       {{"Il y a un an, je passais mon bac", "Inès Haddour"},
        {"Je ne sais pas ce qui m'arrive.", "Inès Haddour"}},
       true},
      {"FrCueClosesTheGuillemets", "fr",
       "Le joueur Hugo Ferrand reste prudent. « Rien n'est encore fait, "
       "a-t-il confié à l'AFP. »",
       {{"Rien n'est encore fait", "Hugo Ferrand"}},
       true},
      {"FrCommaInsideSpeechIsNoCue", "fr",
       "La ministre Odile Garnier a tranché : « Pour les salariés, rien ne "
       "change, et pour les patrons non plus. »",
       {{"Pour les salariés, rien ne change, et pour les patrons non plus.",
         "Odile Garnier"}},
       true},
      // A description takes up the person last named with a role noun of
      // its class (data/extract/role_classes.tsv), not the most mentioned
      // person of its gender.
      {"FrDescriptionOfTheSameRoleClass", "fr",
       "La maire de Vierzon, Claire Aubry, a ouvert la séance. L'avocate "
       "Julie Marchal a regretté l'absence de l'État. Julie Marchal a "
       "rappelé le calendrier, et Julie Marchal a cité le préfet. « Le "
       "canal ne sera pas fermé », a lancé l'édile.",
       {{"Le canal ne sera pas fermé", "Claire Aubry"}},
       true},
      {"EsDescriptionOfTheSameRoleClass", "es",
       "La alcaldesa de Teruel, Pilar Ortiz, presentó el presupuesto. La "
       "consejera Lucía Mena lo criticó, y Lucía Mena pidió más inversión. "
       "Lucía Mena habló después con los vecinos. «No vamos a subir el IBI», "
       "zanjó la regidora.",
       {{"No vamos a subir el IBI", "Pilar Ortiz"}},
       true},
      // A capitalised genitive adjective between a role noun and a
      // lower-case noun ("Глава Заречного района") is part of the role
      // phrase, no person the description could take up.
      {"RuGenitiveAdjectiveOfRoleIsNoName", "ru",
       "Мост через реку закроют на ремонт. Глава Заречного района Игорь "
       "Белов обещал открыть объезд.\n\n"
       "Водители недовольны. «Объезд будет готов к пятнице», — уточнил "
       "глава района.",
       {{"Объезд будет готов к пятнице", "Игорь Белов"}}},
      {"CsGenitiveAdjectiveOfRoleIsNoName", "cs",
       "Most přes řeku se zavře kvůli opravě. Starosta Horního okresu Pavel "
       "Beneš slíbil objížďku.\n\n"
       "Řidiči jsou nespokojení. „Objížďka bude hotová do pátku,“ upřesnil "
       "starosta okresu.",
       {{"Objížďka bude hotová do pátku,", "Pavel Beneš"}}},
      // A description takes up a person named before it, not one the
      // article names more often after it.
      {"PtDescriptionTakesUpAPersonNamedBefore", "pt",
       "O hospital vai fechar a maternidade. A presidente do conselho de "
       "administração, Ana Lopes, falou de uma medida difícil.\n\n"
       "«Não temos médicos suficientes», explicou a responsável do "
       "hospital.\n\n"
       "A enfermeira Rita Sousa discorda. «As mães vão sofrer», lamentou "
       "Rita Sousa. Rita Sousa trabalha ali há dez anos.",
       {{"Não temos médicos suficientes", "Ana Lopes"}}},
      // "la manager" takes up the person named with a role of its class
      // ("la direttrice generale"), not another woman.
      {"ItDescriptionOfTheSameRoleClass", "it",
       "La direttrice generale dell'ospedale, Marta Fontana, ha annunciato "
       "la chiusura del reparto. L'assessora Giulia Neri ha protestato, e "
       "Giulia Neri ha chiesto un incontro. Giulia Neri ha scritto alla "
       "regione.\n\n"
       "«Nessun paziente resterà senza cure», ha assicurato la manager.",
       {{"Nessun paziente resterà senza cure", "Marta Fontana"}}},
      // A fronted prepositional phrase naming a club is no subject: the
      // subject after its comma speaks.
      {"PtFrontedPhraseBeforeSubject", "pt",
       "O Académico venceu este sábado o Farense por 3-1. O treinador Nuno "
       "Sá elogiou a equipa: «Foi uma vitória do grupo».\n\n"
       "Do lado do Farense, o capitão Rui Alves pediu desculpa aos adeptos: "
       "«Não estivemos ao nível do jogo».",
       {{"Não estivemos ao nível do jogo", "Rui Alves"}}},
      {"NlTrainerAfterCoach", "nl",
       "Schaatser Bram Vos won zondag in Calgary. Zijn coach Rik Smeets "
       "juichte langs de baan. Bram Vos was blij, en Bram Vos bedankte "
       "iedereen.\n\n"
       "‘Hij is pas twintig,’ aldus de trainer.",
       {{"Hij is pas twintig,", "Rik Smeets"}}},
      // "la Junta" and "la Consejería de Empleo" are institutions
      // (words.tsv org), no person the sentence before a pro-drop cue is
      // about: the cue takes the person named last.
      {"EsJuntaIsNoPersonBeforeProDrop", "es",
       "CÓRDOBA. Las esperas en urgencias han alcanzado su nivel más alto "
       "desde 2015, según los datos publicados ayer por la Consejería de "
       "Empleo.\n\n"
       "El delegado, Carlos Ortega, atribuyó el problema a la falta de "
       "enfermeras. «No podemos inventar enfermeras», dijo Ortega. Añadió "
       "que la Junta contratará a 200 profesionales este año. «Ya hemos "
       "llamado a cuarenta», señaló.",
       {{"Ya hemos llamado a cuarenta", "Carlos Ortega"}}},
      // "la PDG" is a role noun written in capitals (titles.tsv), no
      // organisation's acronym.
      {"FrPdgIsARoleNoun", "fr",
       "La présidente-directrice générale, Claire Martin, ferme l'usine. "
       "La déléguée Nadia Roux proteste, et Nadia Roux appelle à la grève. "
       "Nadia Roux a écrit au préfet.\n\n"
       "« Personne ne sera oublié », a promis la PDG.",
       {{"Personne ne sera oublié", "Claire Martin"}}},
      // A Dutch compound description whose last part is a noun of the
      // class ("ziekenhuisbestuurder": "bestuurder").
      {"NlCompoundDescriptionOfTheSameRoleClass", "nl",
       "Het Maasland Ziekenhuis sluit de kraamafdeling. Volgens "
       "bestuursvoorzitter Ilse Verhoef zijn er te weinig artsen. Wethouder "
       "Petra Smit is boos, en Petra Smit wil een gesprek. Petra Smit schreef "
       "een brief. ‘We hebben geen keuze,’ liet de ziekenhuisbestuurder "
       "weten.",
       {{"We hebben geen keuze,", "Ilse Verhoef"}}},
      {"EsDashInterruption", "es",
       "El ministro de Hacienda, Julio Sanz, compareció ayer. «No habrá "
       "subida de impuestos —dijo el ministro—. Lo hemos prometido.»",
       {{"No habrá subida de impuestos", "Julio Sanz"},
        {"Lo hemos prometido.", "Julio Sanz"}},
       true},
      {"EsDashInterruptionProDrop", "es",
       "La alcaldesa Rocío Prieto habló tras el pleno. «Respeto a la "
       "oposición —acentuó—, pero el proyecto sigue adelante.»",
       {{"Respeto a la oposición", "Rocío Prieto"},
        {"pero el proyecto sigue adelante.", "Rocío Prieto"}},
       true},
      {"EsDialogueTurnResumedAfterCue", "es",
       "El doctor Ramón Vidal atendió a la prensa.\n\n"
       "—Faltan médicos en verano —advirtió el doctor—. Y no se contratan "
       "en dos meses.",
       {{"Faltan médicos en verano", "Ramón Vidal"},
        {"Y no se contratan en dos meses.", "Ramón Vidal"}},
       true},
      {"PtDialogueTurnResumedAfterProDropCue", "pt",
       "O secretário Fernando Prates falou com os jornalistas.\n\n"
       "— A porta do diálogo está aberta — disse. — Mas não há dinheiro "
       "para mais.",
       {{"A porta do diálogo está aberta", "Fernando Prates"},
        {"Mas não há dinheiro para mais.", "Fernando Prates"}},
       true},
      {"PtCommaInterruption", "pt",
       "O engenheiro Nuno Brás garantiu que a obra avança. «Vamos trabalhar "
       "por troços, assegurou o engenheiro. A obra fica pronta em março.»",
       {{"Vamos trabalhar por troços", "Nuno Brás"},
        {"A obra fica pronta em março.", "Nuno Brás"}},
       true},
      {"ItCommaInterruptionProDrop", "it",
       "La sindaca Giulia Ferrini ha parlato in consiglio. «Il ponte è "
       "vecchio, ha aggiunto. Non possiamo aspettare.»",
       {{"Il ponte è vecchio", "Giulia Ferrini"},
        {"Non possiamo aspettare.", "Giulia Ferrini"}},
       true},
      // A description takes up the person whose apposed role phrase has the
      // same head noun, not the person quoted just before.
      {"ItDescriptionByRolePhraseBeforeName", "it",
       "Il capogruppo Davide Russo ha protestato. «Così si tagliano le "
       "valli», ha dichiarato Russo.\n\n"
       "Il presidente del consiglio regionale, Franco Zanotti, ha sospeso "
       "la seduta. «In quest'aula non si urla», ha detto il presidente.",
       {{"Così si tagliano le valli", "Davide Russo"},
        {"In quest'aula non si urla", "Franco Zanotti"}},
       true},
      {"FrDescriptionByRolePhraseBeforeName", "fr",
       "Le conseiller Bruno Delage a dénoncé le plan. « C'est de "
       "l'affichage », a accusé Bruno Delage.\n\n"
       "Le préfet de la région, Thierry Vallet, était présent. « Les "
       "versements arriveront en novembre », a assuré le préfet.",
       {{"C'est de l'affichage", "Bruno Delage"},
        {"Les versements arriveront en novembre", "Thierry Vallet"}},
       true},
      // A colon after a clause with no reporting verb: its subject speaks.
      {"ItColonAfterDescriptionSubject", "it",
       "La sindaca Giulia Ferrini ha presentato il progetto. L'assessore "
       "Matteo Gatti ha replicato. «Il verde raddoppia», ha detto Gatti.\n\n"
       "La sindaca ha chiuso la seduta con una battuta: «Chi vuole un "
       "referendum lo chieda alle elezioni.»",
       {{"Il verde raddoppia", "Matteo Gatti"},
        {"Chi vuole un referendum lo chieda alle elezioni.",
         "Giulia Ferrini"}},
       true},
      {"PtColonAfterAdverbialAndDescription", "pt",
       "A reitora Cláudia Morais pediu calma. O secretário Fernando Lopes "
       "prometeu uma proposta. «Venho ao campus», disse Lopes.\n\n"
       "Mais tarde a reitora publicou uma nota: «A universidade "
       "pertence a quem estuda nela.»",
       {{"Venho ao campus", "Fernando Lopes"},
        {"A universidade pertence a quem estuda nela.", "Cláudia Morais"}},
       true},
      // Pro-drop: the description opening the previous sentence is the
      // dropped subject, not the person named last.
      {"PtProDropAfterDescriptionSubject", "pt",
       "A vereadora Sofia Mendes criticou a obra. O presidente Rui Fontes "
       "defendeu o calendário.\n\n"
       "A vereadora considerou a isenção insuficiente perante Rui Fontes. "
       "«Quem perdeu metade da faturação não se salva assim», justificou.",
       {{"Quem perdeu metade da faturação não se salva assim",
         "Sofia Mendes"}},
       true},
      {"EsProDropAfterDescriptionSubject", "es",
       "La portavoz Pilar Gómez criticó el plan. El consejero Raúl Medina lo "
       "defendió.\n\n"
       "La portavoz respondió a Raúl Medina por la tarde. «Las enfermeras "
       "llevamos tres veranos doblando turnos», reclamó.",
       {{"Las enfermeras llevamos tres veranos doblando turnos",
         "Pilar Gómez"}},
       true},
      // A pro-drop cue with an addressee: the medium is no speaker.
      {"EsProDropCueWithAddressee", "es",
       "El agricultor Julián Sáez perdió su casa en el incendio. «Vimos las "
       "llamas detrás del cerro», contó a Efe.",
       {{"Vimos las llamas detrás del cerro", "Julián Sáez"}},
       true},
      {"PtProDropCueWithAddressee", "pt",
       "O bastonário Francisco Leitão criticou o plano do Governo. "
       "“Trezentos médicos não chegam para o distrito”, declarou ao Expresso.",
       {{"Trezentos médicos não chegam para o distrito", "Francisco Leitão"}},
       true},
      // ---- Resolution to the named person: the name after an inverted cue
      // is a person's, so a later pronoun takes it up over an older one
      {"NlInvertedCueNameIsAPerson", "nl",
       "TILBURG – Jurre de Bruin zit voor het eerst bij de selectie van "
       "Jong Oranje. De 20-jarige spits van Willem II werd maandag gebeld "
       "door bondscoach Henk Vos.\n\n‘Ik zat in de trein toen hij belde,’ "
       "vertelde De Bruin tegen Omroep Brabant.\n\nBij Willem II is trainer "
       "Ruud Hendriks trots, al vindt hij het ‘een beetje vroeg’. ‘Jurre is "
       "nog niet klaar,’ zei hij tegen de NOS.\n\nDe Bruin zelf blijft "
       "nuchter. ‘Ik ga er gewoon van genieten,’ zegt hij.",
       {{"Ik ga er gewoon van genieten,", "Jurre de Bruin"}}},
      // the subject named in full in the sentence just before a pronoun,
      // over a person of that gender named earlier
      {"FrPronounTakesUpTheSubjectBefore", "fr",
       "Les salariés sont inquiets. « On nous a menti », rappelle Nadia "
       "Benali.\n\nL'administratrice judiciaire, "
       "Laurence Aubert, dispose de six mois. Elle s'est montrée prudente : "
       "« Il est trop tôt pour conclure. »",
       {{"Il est trop tôt pour conclure.", "Laurence Aubert"}}},
      // a description takes up the person written with its noun after a
      // possessive and an adjective ("Son nouvel entraîneur, X,")
      {"FrRoleNounAfterPossessiveAndAdjective", "fr",
       "Nantes. Hugo Perrot a prolongé son contrat jusqu'en 2029. Son "
       "ancien entraîneur, Didier Marchal, l'a félicité.\n\n« Il a encore "
       "beaucoup à apprendre », a ajouté l'entraîneur dans un entretien à "
       "Ouest-France.",
       {{"Il a encore beaucoup à apprendre", "Didier Marchal"}}},
      // or with the body its role is of ("la concejala de Urbanismo, X"),
      // not the person coordinated before her
      {"EsDescriptionByTheBodyOfTheRole", "es",
       "HUESCA. La alcaldesa de Jaca, Marta Oliván, y la concejala de "
       "Turismo, Sonia Buil, presentaron ayer el plan.\n\n«Habrá más "
       "autobuses», dijo Oliván.\n\nLos hosteleros piden más plazas de "
       "aparcamiento. «Estamos estudiando dos solares», respondió la edil "
       "de Turismo.",
       {{"Estamos estudiando dos solares", "Sonia Buil"}}},
      // a role noun of no particular office ("la responsable de")
      {"FrResponsableIsARoleNoun", "fr",
       "Rennes. Le centre de vaccination fermera en mai. Sa directrice, "
       "Agathe Le Goff, parle d'une décision difficile.\n\n« Nous "
       "manquons d'infirmiers », a déclaré la responsable du centre à "
       "France Bleu.",
       {{"Nous manquons d'infirmiers", "Agathe Le Goff"}},
       true},
      // the medium after an addressee phrase is who was spoken to, no
      // quotation
      {"RuMediumAfterAddresseePhraseIsNoQuote", "ru",
       "ОМСК. Защитник «Авангарда» Илья Сомов пропустит две игры. Сам "
       "хоккеист в беседе со «Спорт-Днем» заверил, что скоро вернется. "
       "«Ничего страшного нет», — сказал Сомов.",
       {{"Авангарда", ""}, {"Спорт-Днем", ""},
        {"Ничего страшного нет", "Илья Сомов"}},
       true},
      // a colon closing a sentence that opens with a participle: the
      // subject after its comma speaks, not a noun of the participle's phrase
      {"EsSubjectAfterOpeningParticipleBeforeColon", "es",
       "MURCIA. La consejera de Educación, Lorena Gil, presentó el "
       "calendario escolar. El director del instituto Alfonso X, Tomás "
       "Ruiz, pidió más profesores.\n\nPreguntada por los profesores "
       "interinos, la consejera fue tajante: «Habrá oposiciones en junio.»",
       {{"Habrá oposiciones en junio.", "Lorena Gil"}}},
      {"RuSubjectAfterOpeningGerundBeforeColon", "ru",
       "ЯРОСЛАВЛЬ. Главный тренер «Шинника» Олег Дымов остался недоволен "
       "игрой. Капитан команды Павел Жуков уверен в успехе. «Мы еще "
       "поборемся», — отметил Жуков.\n\nОтвечая на вопрос о составе, "
       "тренер был краток: «Изменений не будет.»",
       {{"Изменений не будет.", "Олег Дымов"}}},
      // a quotation interrupted by its cue with a specialist's role noun
      {"RuInterruptedQuoteWithSpecialistNoun", "ru",
       "КАЗАНЬ. Вирусолог Антон Гришин ждет новую волну в марте.\n\n"
       "«Штамм меняется быстро, — пояснил вирусолог. — Прививку лучше "
       "сделать сейчас.»",
       {{"Штамм меняется быстро", "Антон Гришин"},
        {"Прививку лучше сделать сейчас.", "Антон Гришин"}},
       true},
      // a player described by his position (words.tsv role)
      {"FrPlayerDescribedByHisPosition", "fr",
       "Lorient. Yanis Morel a signé un contrat de trois ans avec le FC "
       "Lorient. L'ailier de 22 ans arrive de Guingamp. Son nouvel "
       "entraîneur, Paul Riou, l'a présenté à la presse.\n\nQuestionné sur "
       "son rôle, l'ailier a répondu sans détour : « Je veux jouer "
       "tout de suite. »",
       {{"Je veux jouer tout de suite.", "Yanis Morel"}}},
      // a known medium after the speaker's surname and a preposition is
      // whom he spoke to, not part of his name
      {"ItKnownMediumAfterSurnameIsNoNamePart", "it",
       "LIVORNO – L'amministratore delegato Paolo Fantoni ha presentato il "
       "piano industriale.\n\n«Senza nuovi ordini chiudiamo un reparto», "
       "ha dichiarato Fantoni al Corriere della Sera.",
       {{"Senza nuovi ordini chiudiamo un reparto", "Paolo Fantoni"}}},
      // A description takes up the person of that role; her accented first
      // name (first_names.tsv) makes her a person.
      {"PtDescriptionOfAccentedFirstName", "pt",
       "A secretária de Mobilidade, Patrícia Lemos, apresentou o plano. O "
       "vereador Cláudio Ferraz criticou a medida.\n\n"
       "— Os estudos estão publicados desde outubro — rebateu a secretária.",
       {{"Os estudos estão publicados desde outubro", "Patrícia Lemos"}},
       true},
      // the first of two surnames alone names the person written with both
      {"EsLoneFirstSurnameOfDoubleSurname", "es",
       "SORIA. La alcaldesa, Elvira Montoya Cuesta, presentó ayer las "
       "cuentas. El portavoz de la oposición las criticó.\n\n«Los datos "
       "que da la oposición no son ciertos», replicó Montoya.",
       {{"Los datos que da la oposición no son ciertos",
         "Elvira Montoya Cuesta"}},
       true},
      // the channel a quote was told to is no subject of the next dropped
      // one
      {"EsDroppedSubjectSkipsTheChannelSpokenTo", "es",
       "HUELVA. Un incendio arrasó anoche una nave del polígono. Su dueño, "
       "Tomás Rincón, lo perdió todo.\n\n«Treinta años de trabajo se han "
       "quemado en una hora», ha contado Rincón en declaraciones a Canal "
       "Costa. «No sé si tendré fuerzas para empezar otra vez», ha "
       "confesado.",
       {{"No sé si tendré fuerzas para empezar otra vez", "Tomás Rincón"}}},
      // "de topman" takes up the CEO (role_classes.tsv), not the unionist
      // quoted last
      {"NlTopmanIsTheCeo", "nl",
       "UTRECHT – Zuivelbedrijf Melkland sluit zijn fabriek in Gouda. CEO "
       "Pieter Hermans wijst op de hoge energieprijzen. Vakbondssecretaris "
       "Anja Smit is boos. „Dit komt als een donderslag,” zegt Smit.\n\n"
       "„Melkland blijft een Nederlands bedrijf,” benadrukt de topman.",
       {{"Melkland blijft een Nederlands bedrijf,", "Pieter Hermans"}}},
      // a place after a role noun and a preposition is what the role is of,
      // not part of the name; "el exregidor" takes up the former mayor
      // (role_classes.tsv), not the lawyer quoted last
      {"EsFormerMayorOfPlaceTakenUpAsExregidor", "es",
       "CUENCA. La Audiencia ha condenado al exalcalde de Villamayor "
       "Gregorio Sastre Pinilla por prevaricación. El abogado Diego Ortiz "
       "recurrirá. «La sentencia no se sostiene», ha señalado Ortiz.\n\n"
       "«Siempre actué de buena fe», ha asegurado el exregidor.",
       {{"Siempre actué de buena fe", "Gregorio Sastre Pinilla"}}},
      // a body after a role noun and a preposition is what the role is of
      {"NlBodyAfterRoleIsNoPartOfTheName", "nl",
       "GENT – De stad Gent steunt het nieuwe festival. „Dit wordt een feest "
       "voor de hele stad”, zegt schepen van Cultuur Wim Peeters.",
       {{"Dit wordt een feest voor de hele stad", "Wim Peeters"}}},
      // "de biologe" is a woman (gender_marks.tsv -loge): not the male
      // biologist named last
      {"NlFeminineRoleFormSkipsMaleColleague", "nl",
       "LEIDEN – Het aantal bijen daalt snel. Dat zegt onderzoeker Sanne "
       "Bakker. Bioloog Tim de Vries noemt de cijfers "
       "“zorgwekkend”.\n\n“Er is nog hoop, als gemeenten minder maaien,” "
       "zegt de biologe.",
       {{"Er is nog hoop, als gemeenten minder maaien,", "Sanne Bakker"}}},
      // before a colon without a verb, the body after a person's name and a
      // preposition is the person's affiliation, not the speaker
      {"NlColonAfterNameAndAffiliation", "nl",
       "DELFT – De hockeyclub krijgt een nieuw veld. Penningmeester Joris "
       "Smit van hockeyclub De Uilen: ‘Dit hebben we twintig jaar "
       "gewild.’",
       {{"Dit hebben we twintig jaar gewild.", "Joris Smit"}}},
      // the two surnames alone name the person written in full before
      {"EsTwoSurnamesNameThePersonInFull", "es",
       "BILBAO. La pintora Ana Belén Ferrer Gil inaugura hoy su primera "
       "exposición en el museo.\n\n«Llevo diez años preparando estos "
       "cuadros», contó Ferrer Gil a los periodistas.",
       {{"Llevo diez años preparando estos cuadros", "Ana Belén Ferrer Gil"}}},
      // a dropped subject right after a quote whose cue a description
      // follows is that description's person, not the person named last
      {"EsDroppedSubjectAfterDescribedQuote", "es",
       "TOLEDO. El exdirector del hospital, Julián Mora, ha sido absuelto. La "
       "fiscal Irene Polo ha anunciado que recurrirá. «No estamos de "
       "acuerdo», ha dicho Polo.\n\n«Siempre confié en la justicia», ha "
       "asegurado el exdirector. «Ahora quiero descansar», ha añadido.",
       {{"Ahora quiero descansar", "Julián Mora"}}},
      // a name after a possessive organisation is the speaker, not the
      // organisation
      {"EnPossessiveOrganisationThenName", "en",
       "The race barely moved this week. “What stuns me is how little the "
       "field shifts,” Pollwatch's Adam Sharp said.",
       {{"What stuns me is how little the field shifts,", "Adam Sharp"}}},
      {"EnCueThenPossessiveOrganisationThenName", "en",
       "The race barely moved this week. “Voters want change,” said "
       "Gallup's Jeffrey M. Jones.",
       {{"Voters want change,", "Jeffrey M. Jones"}}},
      // reporting verbs of retort and doubt (cues.tsv)
      {"EnScoffedIsACue", "en",
       "Senator Ana Brook spoke in Ohio on Monday. “That is absurd,” her "
       "rival Lee Dunn scoffed.",
       {{"That is absurd,", "Lee Dunn"}}},
      {"EnCommaBeforeImperativeIsNoCue", "en",
       "Governor Dana Whitfield did not hold back. “Frankly, tell him I "
       "will remember those statements,” Whitfield said.",
       {{"Frankly, tell him I will remember those statements,",
         "Dana Whitfield"}},
       true},
  };
  return *kCases;
}

// "powiedział Malinowski PAP": the known medium after the speaker's name is
// the quote's outlet.
TEST(LanguageTables, DativeOutletAfterName) {
  auto e = Extractor::Create({});
  ASSERT_TRUE(e.ok()) << e.status();
  const struct {
    const char* text;
    const char* outlet;
  } kCases[] = {
      {"Związkowcy protestowali przed fabryką. „Zarząd wypłacił sobie "
       "premie” – powiedział Jerzy Malinowski PAP.",
       "PAP"},
      {"Матч в Самаре закончился вничью. «Первый тайм мы провалили», — "
       "заявил Дмитрий Зуев ТАСС.",
       "ТАСС"},
  };
  for (const auto& c : kCases) {
    Article article;
    article.text = c.text;
    const Extraction ex = (*e)->Extract(article);
    ASSERT_EQ(ex.quotes.size(), 1u) << c.text;
    EXPECT_EQ(ex.quotes[0].outlet, c.outlet) << c.text;
  }
}

TEST(LanguageTables, Cases) {
  auto e = Extractor::Create({});
  ASSERT_TRUE(e.ok()) << e.status();
  for (const Case& c : Cases()) {
    Article article;
    article.text = c.text;
    const Extraction ex = (*e)->Extract(article);
    EXPECT_EQ(ex.language, c.language) << c.name << ": language";
    if (c.all && ex.quotes.size() != c.quotes.size()) {
      ADD_FAILURE() << c.name << ": " << ex.quotes.size() << " quotes, want "
                    << c.quotes.size();
      continue;
    }
    for (size_t i = 0; i < c.quotes.size(); ++i) {
      const Expect& want = c.quotes[i];
      const Quote* found = nullptr;
      if (c.all) {
        EXPECT_EQ(ex.quotes[i].text, want.text) << c.name << ": text";
        found = &ex.quotes[i];
      } else {
        for (const Quote& q : ex.quotes) {
          if (q.text == want.text) found = &q;
        }
      }
      if (found == nullptr) {
        ADD_FAILURE() << c.name << ": quote not found: " << want.text;
        continue;
      }
      EXPECT_EQ(found->speaker.name, want.speaker)
          << c.name << ": speaker of " << want.text;
    }
  }
}

// Items of a list under a line that ends with a colon, each led by a dash,
// are no dialogue turns; a turn with its own cue, or an interview whose
// turns ask questions, still is.
TEST(LanguageTables, DashListItemsAreNoQuotes) {
  auto e = Extractor::Create({});
  ASSERT_TRUE(e.ok()) << e.status();
  const struct {
    const char* text;
    const char* part;  // a part of a quote's text
    bool speech;       // whether a speech quote holds it
  } kCases[] = {
      {"The press club handed out its awards on Saturday. This year's "
       "winners are:\n\n— Jane Marlow of the Daily Ledger, for her reports "
       "on the harbour.\n\n— Tom Birch of the Evening Star, for his series "
       "on schools.\n\nThe dinner followed.",
       "Jane Marlow", false},
      {"The press club handed out its awards on Saturday. This year's "
       "winners are:\n\n— Jane Marlow of the Daily Ledger, for her reports "
       "on the harbour.\n\n— Tom Birch of the Evening Star, for his series "
       "on schools.\n\nThe dinner followed.",
       "Tom Birch", false},
      {"Depuis lundi, la grève paralyse le port. Le maire a été "
       "interrogé :\n\n— Allez-vous céder ?\n\n— Non, jamais.",
       "Non, jamais", true},
      {"Матч закончился вничью. Тренер Иван Зуев сказал:\n\n— Первый тайм "
       "мы провалили, — сказал Зуев.\n\n— Второй был лучше, — добавил "
       "он.",
       "Первый тайм мы провалили", true},
  };
  for (const auto& c : kCases) {
    Article article;
    article.text = c.text;
    const Extraction ex = (*e)->Extract(article);
    bool speech = false;
    for (const Quote& q : ex.quotes) {
      if (IsSpeech(q.kind) && q.text.find(c.part) != std::string::npos) {
        speech = true;
      }
    }
    EXPECT_EQ(speech, c.speech) << c.text;
  }
}

// Weekday and month names are dates: never a speaker, never a name's part.
TEST(LanguageTables, TimeWordsAreNoSpeakers) {
  auto e = Extractor::Create({});
  ASSERT_TRUE(e.ok()) << e.status();
  const struct {
    const char* text;
    const char* speaker;
  } kCases[] = {
      {"The senator met donors in Ohio. His office put out a statement "
       "Tuesday saying, \"We will not back down on this bill.\"",
       "Tuesday"},
      {"Governor Alan Pratt spoke on the radio. Party chairman Rob Keane "
       "later Thursday told Channel 5: \"Both of them will meet next "
       "week.\"",
       "Thursday"},
  };
  for (const auto& c : kCases) {
    Article article;
    article.text = c.text;
    const Extraction ex = (*e)->Extract(article);
    ASSERT_FALSE(ex.quotes.empty()) << c.text;
    for (const Quote& q : ex.quotes) {
      EXPECT_EQ(q.speaker.name.find(c.speaker), std::string::npos)
          << c.text << ": speaker " << q.speaker.name;
    }
  }
}

// Quoted words that nobody says: a name after a naming word ("Motto",
// "Film", "Enzyklika"), the name of a known medium or one after a media
// noun (also in lower case), a medium's name fronted in a prepositional
// phrase before the reporting verb, and a
// phrase whose clause has no speaking subject (the subject of
// another clause of the sentence does not say it).
// Where names inflect, the names of clubs, firms, papers and shows stand in
// quotation marks after the noun they name, declined; they are no speech,
// and the quotation of the same sentence keeps its speaker. A slogan right
// after "motto" is a name however long, also with its own "!".
TEST(LanguageTables, NamesInMarksAreNoSpeech) {
  auto e = Extractor::Create({});
  ASSERT_TRUE(e.ok()) << e.status();
  const struct {
    const char* language;
    const char* text;
    const char* name;     // the quoted name
    const char* speech;   // the quotation ("" = none)
    const char* speaker;  // its speaker
  } kCases[] = {
      {"ru",
       "«Ротор» проиграл дома. «Мы сыграли плохо», — сказал тренер "
       "«Ротора» Олег Пахомов.",
       "Ротора", "Мы сыграли плохо", "Олег Пахомов"},
      {"ru",
       "Директор «Северного берега» Инна Лосева подала иск. «Мы "
       "будем судиться», — сказала Лосева.",
       "Северного берега", "Мы будем судиться", "Инна Лосева"},
      {"cs",
       "Zápas přenášela televize v pořadu „Sportovní neděle“. „Byl to "
       "těžký zápas,“ řekl trenér Jan Hora.",
       "Sportovní neděle", "Byl to těžký zápas,", "Jan Hora"},
      {"pl",
       "Mecz transmitowała telewizja w programie „Gol na żywo”. „To był "
       "trudny mecz” – powiedział trener Adam Sowa.",
       "Gol na żywo", "To był trudny mecz", "Adam Sowa"},
      // A slogan right after "motto" is a name even when it is long and
      // ends in "!".
      {"nl",
       "Ongeveer 500 mensen liepen door de stad onder het motto „Tien jaar "
       "bezuinigen is tien jaar te veel!” „We begrijpen de woede”, zei "
       "burgemeester Karel de Wit.",
       "Tien jaar bezuinigen is tien jaar te veel!", "We begrijpen de woede",
       "Karel de Wit"},
      {"en",
       "About 500 people marched through the city under the motto \"Ten "
       "years of cuts are ten years too many!\" \"We understand the "
       "anger,\" Mayor Karl Webb said.",
       "Ten years of cuts are ten years too many!", "We understand the anger,",
       "Karl Webb"},
  };
  for (const auto& c : kCases) {
    Article article;
    article.text = c.text;
    const Extraction ex = (*e)->Extract(article);
    EXPECT_EQ(ex.language, c.language) << c.text;
    bool spoken = false;
    for (const Quote& q : ex.quotes) {
      if (q.text == c.name) {
        EXPECT_FALSE(IsSpeech(q.kind)) << c.text;
      }
      if (q.text == c.speech && IsSpeech(q.kind)) {
        spoken = true;
        EXPECT_EQ(q.speaker.name, c.speaker) << c.text;
      }
    }
    EXPECT_TRUE(spoken) << c.text << ": no speech " << c.speech;
  }
}

// A German text, a quote of it and its speaker as written (nullptr: the
// quote is no speech).
struct MentionCase {
  const char* text;
  const char* quote;
  const char* mention;
};

void ExpectGermanSpeakerMentions(const Extractor& e,
                                 const std::vector<MentionCase>& cases) {
  for (const MentionCase& c : cases) {
    Article article;
    article.text = c.text;
    const Extraction ex = e.Extract(article);
    EXPECT_EQ(ex.language, "de") << c.text;
    const Quote* found = QuoteWithText(ex, c.quote);
    ASSERT_NE(found, nullptr) << c.text << ": no quote " << c.quote;
    if (c.mention == nullptr) {
      EXPECT_FALSE(IsSpeech(found->kind)) << c.quote;
      continue;
    }
    EXPECT_TRUE(IsSpeech(found->kind)) << c.quote;
    EXPECT_EQ(found->speaker.mention, c.mention) << c.quote;
  }
}

// Chants, slogans and inscriptions of people: a quote right after a chant
// noun (words.tsv `chant`, also the last noun of a compound) is speech of
// the phrase bearing it ("Schilder mit der Aufschrift „…“") or of the
// sentence's subject, after a fronted phrase too; a quote joined to it by
// "oder"/"und" shares that speaker. A quote after a naming noun ("Motto")
// stays a name, and a chant with nobody chanting it stays no speech.
TEST(LanguageTables, GermanChantsAreSpeechOfTheirBearers) {
  auto e = Extractor::Create({});
  ASSERT_TRUE(e.ok()) << e.status();
  const std::vector<MentionCase> kCases = {
      {"Etwa 2000 Menschen kamen zum Rathaus. Unter dem Motto „Luft für "
       "alle“ zogen die Demonstranten durch die Altstadt und skandierten "
       "dabei Parolen wie „Autos raus aus der Stadt“ oder „Wir wollen "
       "atmen“.",
       "Autos raus aus der Stadt", "die Demonstranten"},
      {"Etwa 2000 Menschen kamen zum Rathaus. Unter dem Motto „Luft für "
       "alle“ zogen die Demonstranten durch die Altstadt und skandierten "
       "dabei Parolen wie „Autos raus aus der Stadt“ oder „Wir wollen "
       "atmen“.",
       "Wir wollen atmen", "die Demonstranten"},
      {"Etwa 2000 Menschen kamen zum Rathaus. Unter dem Motto „Luft für "
       "alle“ zogen die Demonstranten durch die Altstadt und skandierten "
       "dabei Parolen wie „Autos raus aus der Stadt“ oder „Wir wollen "
       "atmen“.",
       "Luft für alle", nullptr},
      {"Der Streik dauert an. Vor dem Werk hielten einige Arbeiter Schilder "
       "mit der Aufschrift „Wir bleiben hier“ in die Höhe.",
       "Wir bleiben hier", "Schilder"},
      {"In der Nacht drangen Unbekannte in das Rathaus ein. Die Täter "
       "sprühten Drohparolen wie „Wir kommen wieder“ an die Wand.",
       "Wir kommen wieder", "Die Täter"},
      {"Der Abend blieb ruhig. Die Sprechchöre „Nie wieder Krieg“ hallten "
       "durch die Straßen der Stadt.",
       "Nie wieder Krieg", nullptr},
  };
  ExpectGermanSpeakerMentions(**e, kCases);
}

// English: a slogan someone ran on is theirs (words.tsv `chant` row
// "slogan"); slogans on placards stay no speech (extractor_test).
TEST(LanguageTables, EnglishSloganIsSpeechOfItsUser) {
  auto e = Extractor::Create({});
  ASSERT_TRUE(e.ok()) << e.status();
  Article article;
  article.text =
      "The race was close. Governor Tom Berry ran on the slogan \u201cJobs "
      "First\u201d in 2010 and won by a few votes.";
  const Extraction ex = (*e)->Extract(article);
  EXPECT_EQ(ex.language, "en");
  const Quote* found = QuoteWithText(ex, "Jobs First");
  ASSERT_NE(found, nullptr);
  EXPECT_TRUE(IsSpeech(found->kind));
  EXPECT_EQ(found->speaker.name, "Tom Berry");
}

// Written places where nobody speaks: a quote after a colon closing a
// relative clause of the place ("ein Schild, auf dem geschrieben stand:",
// also before a verb closing the antecedent's clause and across a paragraph
// break) is that place's when the rules find nobody else; a chant nobody
// chants is the fronted place's it is written on; "die Rede" right after a
// quote is the document's opening the sentence. A document whose issuer is
// the subject of a cue keeps the issuer. A clause announcing the quote
// ("folgenden Kommentar:") is its subject's.
TEST(LanguageTables, GermanWrittenPlacesSpeak) {
  auto e = Extractor::Create({});
  ASSERT_TRUE(e.ok()) << e.status();
  const std::vector<MentionCase> kCases = {
      {"Der Brief lag im Kasten. An der Tür hing ein Schild, auf dem "
       "geschrieben stand: „Bitte nicht stören.“",
       "Bitte nicht stören.", "ein Schild"},
      {"Im Flur musste ein Zettel hängen, auf dem geschrieben stand: "
       "„Türen bitte schließen!“",
       "Türen bitte schließen!", "ein Zettel"},
      {"Umstritten ist vor allem das neue Gesetz, in dem es heißt:\n\n"
       "„Jeder Bürger muss sich im Mai melden.“",
       "Jeder Bürger muss sich im Mai melden.", "das neue Gesetz"},
      {"Der Zug zog am Samstag durch die Stadt. Auf dem Transparent war die "
       "Parole „Keine Kürzungen bei der Bildung“ zu lesen.",
       "Keine Kürzungen bei der Bildung", "dem Transparent"},
      {"Die Firma Beta schrieb ihren Kunden einen Brief, in dem es heißt: "
       "„Wir erhöhen die Preise im Mai.“",
       "Wir erhöhen die Preise im Mai.", "Firma Beta"},
      // "folgende" + noun before the colon: the clause's subject (after a
      // fronted phrase and the verb too), a person or a document; nobody
      // without one.
      {"Der Autor reagierte auf die Kritik. Am Abend veröffentlichte der "
       "Verfasser folgenden Kommentar dazu: „Wer mich kritisiert, hat nichts "
       "verstanden.“",
       "Wer mich kritisiert, hat nichts verstanden.", "der Verfasser"},
      {"Die Prüfer sind skeptisch. So enthält der Bericht folgende "
       "Empfehlung: „Die Stadt soll das Projekt sofort stoppen.“",
       "Die Stadt soll das Projekt sofort stoppen.", "der Bericht"},
      {"Das Wetter war schlecht. Am Abend gab es folgende Meldung: „Die "
       "Straße bleibt bis Montag gesperrt.“",
       "Die Straße bleibt bis Montag gesperrt.", ""},
      // "die Rede" closing the sentence after the quote: the document
      // opening it, not the addressee after "an".
      {"Die Firma Alpha will Stellen streichen. In einem internen Schreiben "
       "an die Mitarbeiter war von einem „schwierigen und harten Jahr“ die "
       "Rede.",
       "schwierigen und harten Jahr", "einem internen Schreiben"},
  };
  ExpectGermanSpeakerMentions(**e, kCases);
}

TEST(LanguageTables, GermanPhrasesThatAreNoSpeech) {
  auto e = Extractor::Create({});
  ASSERT_TRUE(e.ok()) << e.status();
  const struct {
    const char* text;
    const char* quote;
  } kCases[] = {
      {"Unter dem Motto „mehr Platz für Räder“ zogen am Samstag etwa 3000 "
       "Radfahrer durch die Innenstadt.",
       "mehr Platz für Räder"},
      {"Das Museum zeigt ab Mai Bilder aus Japan. Eröffnet wird die Schau "
       "mit dem Film „unter dem Vulkan“.",
       "unter dem Vulkan"},
      {"Der Verein hat eine Sperre erwirkt. Um 11:09 Uhr MEZ berichtet die "
       "Online-Ausgabe des „Spiegel“, dass der Anwalt des Vereins eine "
       "Verfügung beantragt hat.",
       "Spiegel"},
      {"Der Absatz steigt. Laut dem Bericht des Fachmagazins "
       "„Automobilwoche“ geht der Chef davon aus, dass neue Stellen "
       "entstehen.",
       "Automobilwoche"},
      {"Minister Hans Kober verteidigte die Reform. In der „Neuen Presse am "
       "Sonntag“ schreibt er, das Gesetz komme zur rechten Zeit.",
       "Neuen Presse am Sonntag"},
      {"Die Räder sind zu schwer. Laut einem Test des Magazins „rad, reise "
       "und tour“ liegen sie über dem Mittel.",
       "rad, reise und tour"},
      {"Zur Veröffentlichung der Enzyklika „Pax in terris nova“ äußerte "
       "sich der Bischof Karl Weber am Sonntag in Köln.",
       "Pax in terris nova"},
      {"Der Kanzler ist im Urlaub. Am Montag tagten die Minister ohne ihn, "
       "der Wetterdienst rechnet mit „sehr starken Niederschlägen“.",
       "sehr starken Niederschlägen"},
      // Right after the naming noun, a longer slogan with its own "!" and a
      // product's name after "die Modelle" are names too.
      {"Etwa 500 Menschen zogen durch die Stadt. Sie demonstrierten unter "
       "dem Motto „Zehn Jahre Sparen sind zehn Jahre zu viel! Schluss "
       "damit!“ Bürgermeister Karl Weber sagte, er verstehe den Ärger.",
       "Zehn Jahre Sparen sind zehn Jahre zu viel! Schluss damit!"},
      {"Die Firma will mehr Autos verkaufen. Als Beispiele nennt die Firma "
       "die Modelle „Falke“ und „Adler“.",
       "Falke"},
      // A verb of naming with a reflexive or impersonal pronoun names a
      // work, a body or a term.
      {"Die Messe findet alle vier Jahre statt. Im Sommer nennt sie sich "
       "„nordart 9“ und dauert zehn Tage.",
       "nordart 9"},
      {"Die Firma teilt ihre Aktien. Das nennt man einen „Aktienteiler“, "
       "sagte Finanzchef Jan Roth.",
       "Aktienteiler"},
      // One word in capitals is an acronym: a name.
      {"Im Mai verkündete der Bund der Kegler, kurz „BDKV“, dass er sich "
       "bewerbe. Präsident Jan Roth nannte das einen guten Tag.",
       "BDKV"},
  };
  for (const auto& c : kCases) {
    Article article;
    article.text = c.text;
    const Extraction ex = (*e)->Extract(article);
    EXPECT_EQ(ex.language, "de") << c.text;
    for (const Quote& q : ex.quotes) {
      if (q.text != c.quote) continue;
      EXPECT_FALSE(IsSpeech(q.kind))
          << c.text << ": speaker " << q.speaker.name;
    }
  }
}

// German reporting verbs the cue lists lacked: the quote is attributed by
// its cue (not guessed from the person the passage is about).
TEST(LanguageTables, CueVerbs) {
  auto e = Extractor::Create({});
  ASSERT_TRUE(e.ok()) << e.status();
  const struct {
    const char* text;
    const char* quote;
    const char* cue;
    const char* speaker;
  } kCases[] = {
      {"Die Raumfahrtfirma von Erik Lanz plant einen neuen Start. Lanz war "
       "mit dem Test zufrieden. In der Meldung auf der Seite der Firma wird "
       "Lanz wie folgt zitiert: „Wir hoffen auf einen Start im Mai.“",
       "Wir hoffen auf einen Start im Mai.", "wie folgt zitiert", "Erik Lanz"},
      {"Die Stadt plant eine neue Brücke. „Der Verkehr wird jeden Tag "
       "schlimmer“, schilderte die Anwohnerin Maria Koch.",
       "Der Verkehr wird jeden Tag schlimmer", "schilderte", "Maria Koch"},
      // English reporting verbs after a quote and its subject.
      {"Senator Ada Quell met the Harbor Council on Monday. \"Keep the "
       "ferry tax in place,\" the council recommended.",
       "Keep the ferry tax in place,", "recommended", "Harbor Council"},
      // German verbs by their lemma (cues.tsv `lemma`): forms not listed.
      {"Die Stadt plant eine neue Brücke. „Wir haben zu lange gewartet“, "
       "erinnerte sich der Bürgermeister Jonas Vogt.",
       "Wir haben zu lange gewartet", "erinnerte", "Jonas Vogt"},
      {"Die Stadt plant eine neue Brücke. „Das Geld ist da“, präzisiert "
       "die Bürgermeisterin Ute Brandt.",
       "Das Geld ist da", "präzisiert", "Ute Brandt"},
      {"Die Stadt plant eine neue Brücke. „Die Planung reicht bei weitem "
       "nicht“, konstatierte die Gutachterin Lea Hahn.",
       "Die Planung reicht bei weitem nicht", "konstatierte", "Lea Hahn"},
      // Czech, Polish and Russian reporting verbs in each gender.
      {"Kometa otočila zápas s Plzní. „V kabině nikdo nekřičel,“ popsal "
       "kapitán Ondřej Sýkora přestávku po druhé třetině.",
       "V kabině nikdo nekřičel,", "popsal", "Ondřej Sýkora"},
      {"Lechia przegrała derby z Arką. „Zabrakło nam odwagi” – zdradził po "
       "meczu trener Dariusz Wilk.",
       "Zabrakło nam odwagi", "zdradził", "Dariusz Wilk"},
      {"Театр открыл сезон. «Я не обижаюсь», — пошутила актриса Анна "
       "Лебедева.",
       "Я не обижаюсь", "пошутила", "Анна Лебедева"},
      // Dutch reporting verbs.
      {"De haven schrapt banen. ‘Niemand staat op straat,’ verzekerde "
       "topman Joost Brink.",
       "Niemand staat op straat,", "verzekerde", "Joost Brink"},
  };
  for (const auto& c : kCases) {
    Article article;
    article.text = c.text;
    const Extraction ex = (*e)->Extract(article);
    const Quote* found = QuoteWithText(ex, c.quote);
    ASSERT_NE(found, nullptr) << c.text;
    EXPECT_EQ(found->cue, c.cue) << c.text;
    EXPECT_EQ(found->speaker.name, c.speaker) << c.text;
  }
}

// German: names of works and media in quotation marks stay no speech: a
// name in a list after a name, a medium's name after an adjective and a
// media noun.
TEST(LanguageTables, DeNamesInMarks) {
  auto e = Extractor::Create({});
  ASSERT_TRUE(e.ok()) << e.status();
  const struct {
    const char* text;
    const char* quote;
  } kCases[] = {
      {"Der Geschichtsverein lädt im Herbst zu Vorträgen ein, darunter "
       "„Brücken und Fähren“, „Zur Geschichte der alten Mühlen am Fluss“ "
       "oder „Bahnhöfe der Region“.",
       "Zur Geschichte der alten Mühlen am Fluss"},
      {"Der Trainer sprach im italienischen Fachblatt „Voce dello Sport“ "
       "über die Saison.",
       "Voce dello Sport"},
      // A firm's name with its legal form last (words.tsv `legal`).
      {"Ein Sprecher der „nordlicht solar ag“ bezeichnete die Beteiligung "
       "als Erfolg.",
       "nordlicht solar ag"},
      {"Auf der Seite ist nur eine Mitteilung des „Förderverein Offene "
       "Archive e.V.“ zu sehen.",
       "Förderverein Offene Archive e.V."},
  };
  for (const auto& c : kCases) {
    Article article;
    article.text = c.text;
    const Extraction ex = (*e)->Extract(article);
    const Quote* found = QuoteWithText(ex, c.quote);
    ASSERT_NE(found, nullptr) << c.text;
    EXPECT_FALSE(IsSpeech(found->kind)) << c.text;
  }
}

// A plural noun (word_order.tsv `plural` and the dictionary, or words.tsv
// `group`) that chants or shouts a quotation is a group speaker, never a
// person: not one taken up by a description, not one named by the
// capital opening the sentence.
TEST(LanguageTables, PluralNounSpeaksAsGroup) {
  auto e = Extractor::Create({});
  ASSERT_TRUE(e.ok()) << e.status();
  const struct {
    const char* text;
    const char* quote;
    const char* speaker;
  } kCases[] = {
      {"Outside the court, mourners chanted \"Justice for Ana!\" as the "
       "hearing began.",
       "Justice for Ana!", "mourners"},
      {"The council voted to close the clinic. The pensioners chanted "
       "\"Hands off our clinic!\" in the square.",
       "Hands off our clinic!", "pensioners"},
      {"The council voted to close the clinic. Pensioners shouted "
       "\"Shame on you!\" at the councillors.",
       "Shame on you!", "Pensioners"},
      {"Devant l'usine, les ouvriers ont crié « Nous ne partirons pas ! » "
       "pendant une heure.",
       "Nous ne partirons pas !", "ouvriers"},
      {"De gemeente wil de regels aanscherpen. Boeren riepen „Geen nieuwe "
       "regels!“ voor het stadhuis.",
       "Geen nieuwe regels!", "Boeren"},
      {"Frente al ayuntamiento, los jubilados gritaron «¡No al cierre!» "
       "durante una hora.",
       "¡No al cierre!", "jubilados"},
      // a count of a group names the group ("Hundreds of demonstrators")
      {"Senator Ana Brook spoke in Ohio. Hundreds of pro-Brook "
       "demonstrators marched through Center City on Monday, chanting \"Ana "
       "or bust!\" for an hour.",
       "Ana or bust!", "Hundreds of pro-Brook demonstrators"},
      // the group speaks, not the verb its long phrase ran into
      {"Senator Ana Brook spoke in Ohio. Demonstrators marched outside, "
       "chanting \"Go home!\" for an hour.",
       "Go home!", "Demonstrators"},
      // "others" is a group of the people just named
      {"Senator Ana Brook spoke in Ohio. Some waved flags. Others shouted, "
       "\"Go home!\" as she left.",
       "Go home!", "Others"},
  };
  for (const auto& c : kCases) {
    Article article;
    article.text = c.text;
    const Extraction ex = (*e)->Extract(article);
    const Quote* found = QuoteWithText(ex, c.quote);
    ASSERT_NE(found, nullptr) << c.text;
    EXPECT_EQ(found->speaker.name, c.speaker) << c.text;
    EXPECT_EQ(found->speaker.kind, SpeakerKind::kGroup) << c.text;
  }
}

// A language without data is recognised (CLD2) and gets only the entries of
// every language: no other language's cue words apply to it.
TEST(LanguageTables, UnlistedLanguages) {
  auto e = Extractor::Create({});
  ASSERT_TRUE(e.ok()) << e.status();
  const struct {
    const char* text;
    const char* language;
  } kDetected[] = {
      {"Regeringen presenterade på tisdagen en ny plan för att bygga fler "
       "bostäder i de största städerna. Enligt förslaget ska kommunerna få "
       "mer pengar för att köpa mark, och byggföretagen ska kunna få lån "
       "med lägre ränta. Oppositionen kritiserade planen och menade att den "
       "kommer för sent för de familjer som redan har svårt att hitta en "
       "lägenhet.",
       "sv"},
      {"A kormány kedden új tervet mutatott be, amelynek célja, hogy több "
       "lakás épüljön a legnagyobb városokban. A javaslat szerint az "
       "önkormányzatok több pénzt kapnak telkek vásárlására, az építőipari "
       "cégek pedig kedvezményes hitelt vehetnek fel. Az ellenzék bírálta a "
       "tervet, mert szerintük túl későn érkezik a családok számára.",
       "hu"},
  };
  for (const auto& c : kDetected) {
    Article article;
    article.text = c.text;
    EXPECT_EQ((*e)->Extract(article).language, c.language) << c.text;
  }
  // Given as Swedish, a German cue verb is no cue.
  Article article;
  article.language = "sv";
  article.text = "„Wir kommen wieder“, sagte Anna Berg.";
  const Extraction ex = (*e)->Extract(article);
  ASSERT_EQ(ex.quotes.size(), 1u);
  // No cue: at most the learned scorer's guess from the nearest name, never
  // an explicit attribution through "sagte".
  EXPECT_EQ(ex.quotes[0].cue, "");
  EXPECT_NE(ex.quotes[0].attribution, Attribution::kExplicit);
  EXPECT_LT(ex.quotes[0].confidence, 0.5f);
}

}  // namespace
}  // namespace quotewire

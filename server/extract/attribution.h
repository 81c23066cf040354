// Attribution: who said each speech quote, with cue verb and outlet. The
// last stages of the sieve, most precise first; a later rule only fills a
// quote that earlier rules left without a speaker.
//
// Where each construction is handled (members of the Attributor class,
// attributor.h; rule numbers as below):
//   `"PENCE: Well, …` (rule 0)                        speaker_label.cc
//   a cue after the quote `“…,” said X` (rule 1)      after_quote.cc
//   a cue without subject after it `«…», disse.`      pro_drop.cc
//   a cue or colon before the quote `X said: “…”`,
//     `according to X`, the previous sentence (rule 2) before_quote.cc
//   the speaker's phrase: names with titles and roles,
//     appositives `el alcalde de Sevilla, X`, the
//     subject read back from a cue, adverbs and the
//     addressee between a cue and its speaker         noun_phrase.cc
//   a phrase becomes the speaker: entity, pronoun and
//     description resolution (resolver.h), ages,
//     descriptions                                    set_speaker.cc
//   outlets `told Al Jazeera`                         outlet.cc
//   coordination, continuation, fallback (rules 3-5)  continuation.cc
//   the order of the rules; quoted phrases of a clause's
//     subject, scare quotes (rule 6)                  attribution.cc
//   the learned choice among candidate speakers for the
//     quotes the rules leave open                     speaker_candidates.h,
//                                                     speaker_scorer.h
//
//  0. Transcript speaker labels inside the quote: `"PENCE: Well, …`.
//  1. Explicit, after the quote: `“…,” said X`, `“…,” X said`, `“…,” he
//     said`, `„…“, sagte Merkel`, `„…“, so X`, `"…", aldus X`, `« … », a
//     déclaré X` (a cue first means the speaker follows it); the speaker may
//     carry an appositive, a parenthesis `(D-Md.)` or a prepositional phrase
//     (`Mr. Morgan of the Sierra Club said`); `„…“, hatte X … gesagt`;
//     `“…” ― Name` (pull quotes); `“…” for criminal behavior, she said`;
//     a quote closing its paragraph before a line `- Bernie Sanders.`.
//  2. Explicit, before the quote: `X said: “…”`, `X told AFP: “…”`,
//     `X, 39, a mother of six, told AFP: “…”`, `according to X, “…”`,
//     `X said Belarus would “…”` (partial quotes), verb-second `Der Zeitung
//     sagte Filep Karma: „…“`, participles `…, saying, “…”`, a colon without
//     a verb (`US-Präsident George W. Bush: „…“`), a previous paragraph that
//     ends with `X continued:`, and a previous sentence of the paragraph that
//     ends with its attribution (`…, Schiff said. “…”`, kContinuation).
//     When the text before the quote ends with a colon this rule runs before
//     rule 1.
//     Subjects are names (titles stripped, appositive kept as description),
//     pronouns (resolved by resolver.h, attribution kPronoun), descriptions
//     (resolved to the entity they describe, kDescription) or organisation /
//     group nouns (speakers of that kind; "the agency" names the article's
//     organisation whose name contains the noun, else keeps the noun).
//     A phrase right after the verb and right before the quote is its object
//     (`calling the borrowing “reckless”`, `called Trump “a liar”`), never
//     the speaker. After an inverted cue an object pronoun is the speaker
//     (`according to him`, `selon lui`). A he/she pronoun resolves to a
//     definite description of a compatible person (`le préfet`) when that
//     is in a more recent sentence than the nearest compatible named person.
//     Titles and names in quotation marks (non-speech kinds) inside the
//     reporting clause do not end it.
//  3. Coordination: `… “A” and “B”` gives B the speaker of A.
//  4. Continuation: a quote without a speaker continues the previous speech
//     quote of its paragraph, or of the previous paragraph when it opens its
//     own paragraph (kContinuation, lower confidence).
//  5. Fallback (kContinuation, confidence <= 0.4): a full quote, or a
//     fragment in a sentence marked as reported speech (reported_speech.tsv),
//     takes the nearest earlier speaker within two paragraphs, the speaker of
//     a reporting sentence just before it, the nearest person named in the
//     paragraph, or the named subject of the previous sentence.
//     A quote that is a paragraph of its own takes the speaker of a
//     reporting sentence ending the previous paragraph (`Mr Avery said the
//     town was abandoned.` / `‘We have been ignored.’`) over an older quote's
//     speaker; the answer of a Q&A interview (`A: …`) takes the nearest
//     person named before it anywhere in the article.
//  6. A fragment (kPartial) still without a speaker becomes kScare.
// Between a cue and the speaker after it, time adverbs (`a déclaré mardi X`,
// `ha dicho este lunes X`), an addressee (`a confié à l'AFP X`, `признал
// в интервью «Коммерсанту» X`) and a lower-case prepositional phrase of at
// most two words after its article, a topic complement or time adverbial
// (`ha detto dell'accordo il ministro X`, `dijo sobre el acuerdo el
// ministro X`, `a déclaré jusqu'à présent le ministre X`), when a name or
// a role, organisation or group noun follows it, are skipped; a role
// phrase followed by a comma and a name gives that name (`dijo el alcalde de
// Sevilla, Antonio Ruiz`, `Pour la ministre de la Santé, Agnès Duval,
// « … »`). A pronoun
// inside an inverted cue is the speaker (`по его словам`, `según él`).
// A Dutch `ze` / German `sie` with a singular cue verb is `she` (pronouns.tsv
// gender `s`). A neuter pronoun (`it`, gender `n`) speaks for the
// organisation named within three sentences before it (`“…,” it said in a
// statement`), else keeps the pronoun as an organisation speaker; right after
// a cue it is what was said about (`said it was “safe”`), never the speaker.
// Cues flagged `open` count only opening the sentence. A cue is a whole
// phrase of cues.tsv matching at a token (cue_match.h), never the first word
// of a phrase alone; a separable verb's particle closing the clause ends the
// speaker's phrase (`"…", liet de minister weten`).
// Outlets: the capitalised object of an addressee phrase (`told Al Jazeera`,
// `in an interview with X`, `said on X television`) when it is a known news
// medium, an acronym or contains a media noun; generic addressees
// (`reporters`) are not outlets. A preposition of outlets.tsv `to` (Italian
// `all'`, `a`) names an outlet only with a known medium or a media noun
// (`fa sapere la sindaca X all'ANSA`); the medium ends where a person's name
// starts (`a Repubblica Luigi Bianchi`). After a preposition that contains
// the article, a known medium is named with its article (`auprès du Monde`:
// `Le Monde`). A pronoun in a French inverted verb keeps the sentence's
// outlet (`a-t-il déclaré auprès du Monde`).
// A territorial body and its place are one organisation speaker (`aldus de
// gemeente Utrecht`, words.tsv `territory`). A lower-case connector after a
// name opens what its role is of and joins the description (`burgemeester
// Aboutaleb van Rotterdam`: description `burgemeester van Rotterdam`). An
// elided preposition and a bare noun stay in the phrase (`les parents
// d'élèves`).
// Non-speech kinds are never given a speaker.
#ifndef QUOTEWIRE_SERVER_EXTRACT_ATTRIBUTION_H_
#define QUOTEWIRE_SERVER_EXTRACT_ATTRIBUTION_H_

#include <utility>
#include <vector>

#include "server/extract/document.h"
#include "server/extract/lexicon.h"
#include "server/extract/quote_unit.h"

namespace quotewire {
namespace extract {

void AttributeQuotes(const Lexicon& lex, const Document& doc,
                     std::vector<QuoteUnit>* units);

// For the quoted phrases the rules left scare quotes and the quote-kind
// model takes for speech (speaker_scorer.h; `promoted[i]` set for unit i):
// when the subject of a phrase's clause is a description or body that can
// speak ("Die Bundesregierung sprach von „…“", "Das Komitee bewertete den
// Plan als „…“"), that subject becomes its speaker (kContinuation; resolved
// to a named antecedent as the rules do). Returns the changed copies with
// their indices; `units` (the document's quotes after the rules: their
// kinds tell which quotation marks are names, not speech) is not changed.
// One attribution pass per document, none where nouns are not capitalised.
std::vector<std::pair<int, QuoteUnit>> DescribedClauseSubjectsSpeak(
    const Lexicon& lex, const Document& doc,
    const std::vector<QuoteUnit>& units, const std::vector<char>& promoted);

// After the learned models (which learn from the rules' output without
// it: the chants' scare quotes stay examples of the quote-kind model): a
// quote left no speech or without speaker after a chant noun of its
// sentence ("skandierten Parolen wie „…“", "Bänder mit der Aufschrift
// „…“") becomes speech of its bearer (Attributor::ChantsSpeak).
void ChantsSpeak(const Lexicon& lex, const Document& doc,
                 std::vector<QuoteUnit>* units);

// True when `name` (with `mention`, as written) is one capitalised word that
// the dictionary knows as a common word ("Demnach", "Wörtlich", "Beispiele";
// where only names are capitalised, one it does not also list as a name:
// "However", not "Bush"), no first name, title, role, group,
// organisation or known news medium, and no surname of a longer name in the
// article ("Papier" of "Hans-Jürgen Papier" stays). Such a word is no
// speaker for the rules nor a candidate of the speaker scorer.
bool IsCommonWordName(const Lexicon& lex, const Document& doc,
                      const std::string& name, const std::string& mention);

}  // namespace extract
}  // namespace quotewire

#endif  // QUOTEWIRE_SERVER_EXTRACT_ATTRIBUTION_H_

// Internal to the attribution stage (attribution.h): the Attributor class
// whose members are defined across the files of its rule families.
//
//   attribution.cc     Run(): the order of the rules; quoted phrases of a
//                      clause's subject, scare quotes, outlets off names
//   continuation.cc    ContinueSpeakers(), FallBack(): coordination,
//                      continuation, fallbacks
//   speaker_label.cc   TrySpeakerLabel()      "PENCE: Well, …"
//   after_quote.cc     TryPost(), NpThenCue() "“…,” said X", "„…“, sagte X"
//   pro_drop.cc        TryProDrop()           "«…», disse."
//   before_quote.cc    TryPre(), PreFrom()    "X said: “…”", "according to X"
//   noun_phrase.cc     ParseNpForward(), ParseSubjectBackward(),
//                      AppositiveName(), ExtendParenthetical(),
//                      SkipAdverbsAndAddressee(), InvertedObjectPronoun()
//   set_speaker.cc     SetSpeaker(), DescribedAntecedent(),
//                      GroupAntecedent(): a phrase becomes the speaker
//   outlet.cc          FindOutlet()           "told Al Jazeera"
//
// Not part of the library's interface: only the files above and their tests
// include it. Thread safety: an Attributor reads its const Lexicon and
// Document and writes the units given to Run(); one per document.
#ifndef QUOTEWIRE_SERVER_EXTRACT_ATTRIBUTOR_H_
#define QUOTEWIRE_SERVER_EXTRACT_ATTRIBUTOR_H_

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "server/extract/attribution.h"
#include "server/extract/cue_match.h"
#include "server/extract/document.h"
#include "server/extract/lexicon.h"
#include "server/extract/quote_unit.h"
#include "server/extract/text_scan.h"

namespace quotewire {
namespace extract {

// True for an acronym of 2 to 6 ASCII capitals ("AFP", "EADS").
inline bool IsAcronymWord(std::string_view w) {
  return w.size() >= 2 && w.size() <= 6 &&
         std::all_of(w.begin(), w.end(),
                     [](char ch) { return ch >= 'A' && ch <= 'Z'; });
}

// Length in bytes of the elided article of "l'AFP" / "l’AFP" when a capital
// follows it, else 0.
inline size_t ElidedName(std::string_view w) {
  size_t n = 0;
  if (w.size() > 2 && (w[0] == 'l' || w[0] == 'L' || w[0] == 'd')) {
    if (w[1] == '\'') n = 2;
    else if (w.substr(1, 3) == "\u2019") n = 4;
  }
  if (n == 0 || n >= w.size()) return 0;
  return IsUpperCp(CpAt(w, n, w.size())) ? n : 0;
}

enum class NpKind { kNone, kName, kPronoun, kNominal };

// A noun phrase over the tokens [first, last].
struct NounPhrase {
  NpKind kind = NpKind::kNone;
  int first = 0;
  int last = 0;
  int mention = -1;
  int head = -1;  // head token of a nominal
  int age = 0;
  Gender gender = Gender::kUnknown;
  explicit operator bool() const { return kind != NpKind::kNone; }
};

constexpr uint32_t kNpStopWords = kAux | kThat | kCoord | kCueRest | kTimeWord;

class Attributor {
 public:
  Attributor(const Lexicon& lex, const Document& doc)
      : lex_(lex), doc_(doc), toks_(doc.tokens) {}

  // attribution.cc: every rule over `units`, in the order of attribution.h.
  void Run(std::vector<QuoteUnit>* units);
  // attribution.cc: records which quotation marks of `units` are no speech
  // (names, titles, scare quotes), as Run() does first.
  void MarkNonSpeech(const std::vector<QuoteUnit>& units);
  // before_quote.cc: when the nearest cue before the quote of `u` in its
  // sentence has a description or body that can speak as its subject
  // (SpeakerOfCueBefore: "die Bundesregierung sprach von „…“"), that
  // phrase becomes the speaker of `u` (SetSpeaker; kContinuation); false
  // otherwise (a name or pronoun there, or no cue), `u` unchanged.
  bool DescribedSubjectSpeaks(QuoteUnit* u) const;
  // A description whose head can speak (PersonOrSpeakingNoun).
  bool SpeakingDescription(const NounPhrase& np) const;
  // The antecedent of the relative clause (`relative` list of words.tsv)
  // that holds the token `qt`: "der Verband, der … „…“"; none when its
  // clause opens otherwise.
  NounPhrase RelativeAntecedent(int a, int qt) const;
  // The first token after the prepositional phrases opening at `k`.
  int SkipFrontedPrepositions(int k, int limit) const;
  // The subject after a fronted phrase and the finite verb of the sentence
  // opening at `a`, in a language that inverts ("In einer Erklärung nannte
  // die Behörde …"); a determiner opens it.
  NounPhrase SubjectAfterFrontedPhrase(int a, int qt) const;
  // A bare plural noun of a person or body opening the sentence at `a`
  // ("Meteorologen rechnen mit „…“").
  NounPhrase BareOpeningSubject(int a, int qt) const;
  // before_quote.cc: a quote that fills a parenthesis right after a
  // person's name is that person's ("X („…“)"); sets the speaker of `u`.
  bool NameBeforeParenthesis(QuoteUnit* u) const;
  // before_quote.cc: a quote the classifier left no speech (slogan, title,
  // scare quote) after a chant noun of its sentence (words.tsv `chant`:
  // "skandierten Parolen wie „…“", "Bänder mit der Aufschrift „…“"), or
  // joined by a coordinator to such a quote, becomes speech of the phrase
  // bearing it ("X mit der Parole") or of the sentence's subject
  // (kExplicit); unchanged when neither is found.
  void ChantsSpeak(std::vector<QuoteUnit>* units) const;
  // The chant noun among the few words right before token `qt`, or -1.
  int ChantNounBefore(int qt) const;
  // True when the word at `k` is a listed chant noun or a compound ending
  // in one ("Hassparolen").
  bool ChantNoun(int k) const;
  // Sets the speaker of `u`, a quote at `qt` after the chant noun at `n`
  // (ChantsSpeak); false when none is found.
  bool ChantSpeaker(int n, int qt, QuoteUnit* u) const;
  // The phrase after the preposition opening the sentence at `a` before
  // `limit`: a place something is written on ("Auf dem Transparent war …");
  // a capitalised noun, no time word; none otherwise.
  NounPhrase FrontedPlace(int a, int limit) const;
  // Where nouns are capitalised: a speech quote nobody was found for after
  // a colon that closes a relative clause of a written place ("ein Zettel,
  // auf dem geschrieben stand: „…“", "das Gesetz, in dem es heißt: „…“")
  // is that place's (kContinuation, low confidence: open to the scorer).
  void WrittenSourcesSpeak(std::vector<QuoteUnit>* units) const;
  // That place for the quote at `qt`; none when the clause is otherwise.
  NounPhrase RelativeWrittenPlace(int qt) const;
  // The subject of the clause before the colon ending right before `qt`
  // that announces the quote with a `following` word ("veröffentlichte der
  // Verfasser folgenden Kommentar dazu: „…“"): a name, a speaking
  // description or a document; none otherwise.
  NounPhrase SubjectAnnouncingQuote(int qt) const;

  // ---- noun_phrase.cc ----
  // The phrase that starts at token `i` and ends before `limit`: a name
  // (with the titles, roles and age before it), a pronoun other than the
  // first person, a description (article or role, organisation, group or
  // media noun) or capitalised modifiers of such a noun; kNone when none.
  NounPhrase ParseNpForward(int i, int limit) const;
  // The steps of ParseNpForward() after a pronoun. A name: mention `m`
  // starting at `i` (after an age at `i` when `age` > 0), with a name
  // after lower-case words ("Clinton spokesman Brian Fallon"), or used as
  // the modifier of a noun ("Clinton campaign").
  NounPhrase ParseNameForward(int i, int m, int age, int limit) const;
  // True when the lower-case words [b, e) between two names end with a past
  // tense verb (word_order.tsv `past`), not a role noun: the name after them
  // is the verb's object.
  bool VerbBetweenNames(int b, int e) const;
  // False where names inflect for case and mention `m` is a person: a
  // person's name before a noun is no modifier of it there ("Podle Dvořáka
  // kabinet …").
  // True when token `k` follows a comparison conjunction (words.tsv
  // `asclause`) that opens the clause at `a` or follows a comma ("As X,").
  bool AfterAsConjunction(int k, int a) const;
  bool NameCanModifyNoun(int m) const;
  // A description opened by an article, an age or a role, organisation,
  // group or media noun: its head is the last such noun of a compound; a
  // name inside it ("the Russian president Vladimir Putin") wins.
  NounPhrase ParseNominalForward(int i, int age, int limit) const;
  // After an organisation noun and the preposition at `k`: the end
  // (exclusive) of the capitalised complement that names it ("the Ministry
  // of Defence", "le ministère de l'Intérieur"); `k` when none.
  int OrganisationNameEnd(int k, int limit) const;
  // After a role noun and the preposition at `k`: a person's full name
  // after the role's complement written without a comma ("министр по
  // делам гражданской обороны Александр Куренков"), as a name phrase that
  // starts at `i`; kNone when none.
  NounPhrase PersonAfterRoleComplement(int i, int k, int limit) const;
  // Modifiers before an organisation noun ("Belarusian News Agency") or
  // before a titled name ("panel Chairman Rep. Jason Chaffetz",
  // "VW-Chef Winterkorn").
  NounPhrase ParseModifiersForward(int i, int limit) const;
  // Where a role phrase takes genitive complements (`genitivechain`): the
  // one-word mention `mention` is a capitalised adjective or genitive of
  // the phrase, followed by a lower-case word and a longer name.
  bool CapitalisedWordOfChain(int mention, int limit) const;
  // The subject of the cue at token `c`, read backward to token `a`; sets
  // `*appositive_end` to the last token of an appositive after the subject
  // ("X, 39, a mother of six, told"), else -1.
  NounPhrase ParseSubjectBackward(int c, int a, int* appositive_end) const;
  // "Stephen Singer, ein Klimaexperte vom WWF erklärte": an appositive
  // whose closing comma is left out. When the subject `np` found before
  // the cue at `c` lies in a phrase that opens with an article right after
  // a comma, and before that comma a person's name opens the clause (at
  // `a` or a sentence start), the name is the subject; `*appositive_end`
  // is set to the token before the cue. Otherwise `np`.
  // "In den Leitsätzen äußerten die Richter „gravierende Bedenken“":
  // where nouns are capitalised (German word order), a reporting verb at
  // `c` after a fronted phrase has its subject right after it, so the
  // phrase `after` it, right before the quote, is the subject when it is a
  // name or a person, group or organisation noun whose article marks no
  // object case ("nannte den Minister „…“" keeps its object).
  bool InvertedSubjectBeforeQuote(const NounPhrase& after, int c) const;
  // "Der Sprecher des Verbands nannte sie „fahrlässig“": a description
  // `np` of a person, group or organisation that opens its sentence right
  // before the cue at `c`, its article in no object case, is the subject,
  // so a pronoun after the cue right before the quote is the object.
  bool PersonSubjectOpensClause(const NounPhrase& np, int c) const;
  // True when the tokens from `k` to a colon right before the quote at
  // `qt` are words only, no cue, complementiser or coordinator, at most
  // kMaxWordsToColon tokens: the rest of a clause whose subject follows
  // its cue ("erklärte er zu einem Projekt im Bereich der Energie: „…“").
  static constexpr int kMaxWordsToColon = 12;
  bool WordsToColon(int k, int qt) const;
  // True when the quote of `u` stands in a clause that opens its sentence
  // with a subordinating conjunction (words.tsv `subordinator`) and has a
  // cue of its own before the quote ("Während X erklärte, froh zu sein,
  // „…“, räumte Y ein"): that clause's subject said it, not the main
  // clause's after the quote.
  bool QuoteInFrontedClause(const QuoteUnit& u) const;
  // True when the words from `k` to the comma at `comma` are a
  // prepositional phrase: the rest of a clause whose subject follows its
  // cue, before the reported clause ("sagte X vor der Presse, Y „…“").
  // German only: its nouns, capitalised, end the phrase reliably.
  bool PrepositionalPhraseToComma(int k, int comma) const {
    return lex_.CapitalisesNouns(doc_.language) && k < comma &&
           Is(comma, ",") && IsWord(k) && !toks_[k].cap &&
           (toks_[k].classes & kPrep);
  }
  // "laut Berliner Polizei", "laut Süddeutscher Zeitung": a one-word
  // name of no person right before a capitalised organisation or media
  // noun belongs to that organisation's name; the phrase (to `limit`) is
  // returned as a description with that head. Otherwise `np`.
  NounPhrase NameThenOrgNoun(const NounPhrase& np, int limit) const;
  NounPhrase NameBeforeOpenAppositive(const NounPhrase& np, int c, int a,
                                      int* appositive_end) const;
  // True when the name of phrase `np` is the object of a preposition
  // inside it ("O crítico do semanário Expresso Norte"): the phrase is a
  // description, its name no speaker.
  bool NameInComplement(const NounPhrase& np) const;
  // Steps of ParseSubjectBackward(), with `j` the last token before the cue
  // `c` (after auxiliaries). A comma at `j`: the clause's first phrase
  // followed by a comma, or a full name set off by commas after a
  // description ("X, 39, a mother of six, told", "Der Innenminister
  // Frankreichs, Nicolas Sarkozy, verteidigte").
  NounPhrase SubjectBeforeAppositive(int a, int j, int* appositive_end) const;
  // A phrase opening the last clause before the cue that reaches the cue,
  // or a name or pronoun followed by a short adjunct ("in a speech to
  // protesters"); not one after a preposition.
  NounPhrase SubjectOpeningClause(int c, int a, int j) const;
  // "le ministre du Travail, Jean-Marc Delorme": a role phrase followed by
  // a comma and a name gives that name; otherwise `np` itself.
  // Sets `*role_last` (when given) to the last token of the role phrase
  // when a name is returned for it.
  NounPhrase AppositiveName(const NounPhrase& np, int limit,
                            int* role_last = nullptr) const;
  // Extends a name over a following "(D-Md.)".
  void ExtendParenthetical(NounPhrase* np, int limit) const;
  // First token after time adverbs (`kAux`) and an addressee ("à l'AFP",
  // "to Reuters") that stand between a cue and its speaker; `k` when none.
  int SkipAdverbsAndAddressee(int k, int limit) const;
  // True when `np` is a description that a person's name set off by a
  // comma may follow as its appositive in the article's language
  // ("another Twitter user, Johanna Bayer"; AppositiveName()).
  bool DescriptionBeforeCommaName(const NounPhrase& np) const;
  // The person's name that the appositive tokens [first, last] after the
  // description `np` are ("another fraternity brother, Stuart Oltchick,
  // recalled"; after_quote.cc); empty when they are none.
  NounPhrase PersonInAppositive(const NounPhrase& np, int first,
                                int last) const;
  // The end (exclusive) of a prepositional phrase opening at token `k`
  // ("to the family", "in the talks") of at most six words that closes its
  // clause (punctuation, a quote or the paragraph's end follow), with no
  // cue, auxiliary, pronoun or second noun phrase in it; -1 when there is
  // none.
  int ClosingPrepPhrase(int k) const;
  // "according to him", "selon lui": an object pronoun closing the phrase
  // after an inverted cue is the speaker.
  NounPhrase InvertedObjectPronoun(int i, int limit) const;

  // ---- outlet.cc ----
  // The outlet named in the tokens [s0, s1), "" when none.
  // French, Spanish, Italian, Portuguese: a quote after a colon that no
  // cue introduces is the speech of the subject opening its sentence
  // ("La sindaca ha chiuso la seduta con una
  // battuta: «…»", "In serata la direttrice ha diffuso una nota: «…»").
  void ColonSubject(QuoteUnit* u) const;
  bool RomanceLanguage() const;
  // The subject opening the clause [b, limit): a name, a he/she pronoun or
  // a definite description, after at most three lower-case words of an
  // adverbial ("In serata la direttrice …").
  NounPhrase OpeningSubject(int b, int limit) const;
  // Romance pro-drop ("«…», justificou."): when the previous sentence of
  // the paragraph opens with a description or a pronoun ("A vereadora
  // considerou …"), the person it stands for is the subject the cue
  // drops, before any person named later in that sentence.
  bool PreviousSubjectSpeaks(int cue, int cue_len, QuoteUnit* u) const;
  // True when mention `m` is the addressee its sentence names ("en
  // declaraciones a Canal Sur"): no speaker of a dropped subject.
  bool AddresseeOfItsSentence(const Mention& m) const;
  // The person a description or pronoun opening the sentence of token `t`
  // stands for is the speaker of `u` with the cue [cue, cue + cue_len).
  bool SentenceSubjectSpeaks(int t, int cue, int cue_len, QuoteUnit* u) const;
  // "«…», ha asegurado el exregidor. «…», ha lamentado.": the description
  // or pronoun inverted after the cue of the quote just before is the
  // subject the cue drops.
  bool SubjectAfterPreviousQuote(int cue, int cue_len, QuoteUnit* u) const;
  // The person description or pronoun `np` stands for is the speaker of `u`
  // with the cue [cue, cue + cue_len).
  bool PhraseSpeaks(const NounPhrase& np, int cue, int cue_len,
                    QuoteUnit* u) const;
  std::string FindOutlet(int s0, int s1) const;
  // The medium named from token `x` on (an article skipped; "l'AFP";
  // capitalised words up to a person's name, "a Repubblica Luigi
  // Bianchi"), "" when it is none: generic ("reporters") or, when
  // `named_only`, neither a known outlet nor a media noun ("sagte
  // Lauterbach der Deutschen Presse-Agentur"; not "der SPD").
  std::string OutletAt(int x, int s0, int s1, bool named_only) const;
  // True when token `k` is an object-case article before a role or a common
  // noun: the medium's name ends before it.
  bool ObjectArticleBeforeRole(int k, int s1) const;
  // The number of `words` matching from token `x` on before `s1`, else 0.
  // The first word is token `x`'s already: the lexicon lists the outlet
  // phrases by their first word.
  int MatchPhrase(int x, int s1, const std::vector<std::string>& words) const;

 private:
  // ---- speaker_label.cc, after_quote.cc, pro_drop.cc, before_quote.cc ----
  // Each sets the unit's speaker, cue and outlet and returns true when its
  // construction is there.
  // Transcript speaker labels: "PENCE: Well, look, …".
  bool TrySpeakerLabel(QuoteUnit* u) const;
  // An attribution after the quote, in its sentence.
  bool TryPost(QuoteUnit* u) const;
  // A quote closing its paragraph, then a short paragraph of a dash and a
  // name ("- Bernie Sanders.", "—Jane Roe, tweeting after the speech."):
  // the name speaks (after_quote.cc).
  bool TryDashLineAfter(QuoteUnit* u) const;
  // A sentence closing with an inverted source after a comma (", so ein
  // Sprecher des Betreibers.", ", according to the police.", ", aldus de
  // minister."): that person or body speaks every quote of the sentence
  // within 100 tokens before it (after_quote.cc).
  bool TrySentenceFinalSource(QuoteUnit* u) const;
  // Units typed scare quote or title whose sentence closes with such a
  // source become partial speech (not a name in marks: not after a naming
  // or media noun or a capitalised word, not a short capitalised name).
  // True when it changed a unit (MarkNonSpeech is then stale).
  bool SpeechBeforeFinalSource(std::vector<QuoteUnit>* units) const;
  static constexpr int kMaxDashLineTokens = 24;
  // Pro-drop ("«…», disse.", "„…“ dodala.", "«…» —dijo."): the cue at token
  // `cue` closes its clause without a subject; the speaker is the most
  // recent person named before the quote (this and the two paragraphs
  // before) whose gender agrees with the verb's ending where the language
  // marks it. False when none or the language keeps its subjects.
  bool TryProDrop(int cue, int cue_len, QuoteUnit* u) const;
  // An attribution before the quote: in its sentence, ending the previous
  // sentence of the paragraph, or a previous paragraph ending with a colon.
  bool TryPre(QuoteUnit* u) const;
  // The explicit-before rule over the tokens [a, qt) preceding a quote:
  // the nearest cue with a speaker, else a colon without a verb.
  bool PreFrom(int a, int qt, QuoteUnit* u) const;
  // The steps of PreFrom() (before_quote.cc) for the cue `cue` at token `c`;
  // each sets the appositive's tokens [*desc_first, *desc_last] when there
  // is one. An inverted cue: the phrase after it ("according to X",
  // "selon la porte-parole, X,", "selon lui", "по его словам").
  NounPhrase SpeakerOfInvertedCue(int c, const CueMatch& cue, int qt,
                                  int* desc_first, int* desc_last) const;
  // Any other cue in [a, qt): its subject before it ("X, 39, told AFP:"),
  // or the name after it ("said Sen. Tim Kaine:", "sagte Filep Karma:").
  NounPhrase SpeakerOfCueBefore(int a, int c, const CueMatch& cue, int qt,
                                int* desc_first, int* desc_last) const;
  // Verb second: one fronted adverb or prepositional phrase from `a`, the
  // cue at `c` as the finite verb, then a he/she/they pronoun as its
  // subject, whatever object follows ("So bezeichnete er es als „…“", "Zo
  // noemde hij het „…“"); kNone otherwise.
  NounPhrase PronounAfterFrontedVerb(int a, int c, const CueMatch& cue,
                                     int qt) const;
  // A cue with an impersonal subject (cues.tsv `impersonal`: "heißt es")
  // at `c`: the phrase after a preposition in its clause, before the cue
  // from `a` or after it up to the quote at `qt`, a description whose head
  // is a medium or organisation noun, or that contains a document noun ("In
  // einer Erklärung der Partei heißt es:", "Auf der Homepage des Vereins
  // heißt es:", "hieß es in einem Bericht:"). kNone when there is none.
  NounPhrase SourceOfImpersonalCue(int a, int c, const CueMatch& cue,
                                   int qt) const;
  // The subject opening the sentence [a, c) of a participle or a
  // coordinated cue ("Trump …, saying, “…”", "… und sagte:").
  // The subject of a reporting clause that ends right before the comma
  // before the participle cue at `c` ("…, Spicer said, adding, “…”").
  NounPhrase SubjectOfCueBeforeComma(int a, int c) const;
  NounPhrase SubjectOfParticiple(int a, int c) const;
  // True when the one-word cue at token `c` is an addressee phrase of
  // outlets.tsv (`told`, `telling`) in a language that keeps the subject
  // before the verb (no word_order.tsv `inverts`): the phrase after it is
  // whom the speaker told ("telling Reuters, “…”", "told his supporters,
  // “…”"), never the speaker.
  // "Dazu wird Watzke auf der Internetseite des Vereins wie folgt
  // zitiert:": the name or pronoun right after the passive auxiliary of a
  // cue (at `c`, its last word at `last`) whose passive subject is the
  // speaker (words.tsv `passivesubject`), not the phrase before the cue;
  // empty when there is none.
  NounPhrase SubjectOfQuotedPassive(int a, int c, int last) const;
  bool CueTakesAddressee(int c, const CueMatch& cue) const;
  // A colon right before the quote without a reporting verb: the subject of
  // the sentence ("Clinton described the key quality: “…”", "US-Präsident
  // George W. Bush: „…“").
  bool PreColonWithoutVerb(int a, int qt, QuoteUnit* u) const;
  // True when the word before token `first` (or before its article) is a
  // preposition: the phrase there is an object ("a message to Y:").
  bool PrepositionBefore(int first, int a) const;
  // The mention of the person a body named at token `body` is the
  // affiliation of ("Ingrid Hermans van zwemvereniging De Maasduikers"),
  // within the clause from `a`; -1 when none.
  int AffiliatedPerson(int a, int body) const;
  // The subject after an opening participle or adverbial and its comma,
  // in a sentence closing with a colon ("Preguntada por su futuro, la
  // consejera fue tajante:", "Отвечая на вопрос, тренер был краток:"); none
  // when the sentence opens with its subject.
  NounPhrase SubjectAfterOpeningClause(int a, int colon) const;

  // ---- attribution.cc: the passes of Run() ----
  // Rules 0 to 2 for every speech unit (TrySpeakerLabel, then TryPre and
  // TryPost, TryPre first after a colon or a quotation closing its
  // sentence). A one-word common-word speaker ("Demnach") is taken off the
  // unit and kept in `set_aside` with the unit's index.
  void AttributeExplicitly(
      std::vector<QuoteUnit>* units,
      std::vector<std::pair<size_t, QuoteUnit>>* set_aside) const;
  // A quotation inside another unit's explicit speaker phrase ("schreibt die
  // „Computerwoche“") names that speaker: it becomes a title.
  void TitlesInSpeakers(std::vector<QuoteUnit>* units) const;
  // Clears a continuation speaker that is a common word opening its clause;
  // true when it did.
  bool DropCommonWordSpeaker(QuoteUnit* u) const;
  // Rule 6 for a fragment still without a speaker: a quoted phrase
  // (SpeechLikeFragment) is the speech of its clause's subject, first or
  // right after the first field and the verb ("Außerdem halte die Fraktion
  // den Schritt für „…“"); otherwise, or without such a subject, kScare.
  void AttributeFragment(QuoteUnit* u) const;
  // The addressee written between the cue and the speaker is the outlet,
  // not part of the speaker's name, description or mention ("сообщил РИА
  // Новости пресс-секретарь Кремля Дмитрий Песков").
  void SeparateOutlet(QuoteUnit* u) const;

  // ---- continuation.cc ----
  // Rules 3 and 4: coordination and continuation of the previous speech
  // quote.
  void ContinueSpeakers(std::vector<QuoteUnit>* units) const;
  // Rule 5, for each speech unit still without a speaker (a fragment only
  // in a sentence marked as reported speech): the first of the steps below
  // that finds one.
  void FallBack(std::vector<QuoteUnit>* units) const;
  // "„…“, sagte A. Meteorologen rechnen mit „…“": a quote in a one-clause
  // sentence after `prev` whose subject (a name, or a description that can
  // speak: DescribedSubjectSpeaks) opens it before a lower-case verb is that
  // subject's, not a continuation of `prev` (kContinuation, confidence at
  // most 0.3: the scorer may overrule it). Not in reported speech.
  bool OwnSubjectSpeaks(const QuoteUnit& prev, QuoteUnit* u) const;
  // True when a reported-speech word (reported_speech.tsv) is in the
  // sentence of token `qt`, at most 40 tokens away.
  bool InReportedSentence(int qt) const;
  // The speaker of the nearest earlier speech quote within two paragraphs
  // (`u` is units[ui]), not across a paragraph for a quote paragraph.
  bool ContinueEarlierSpeaker(const std::vector<QuoteUnit>& units, size_t ui,
                              QuoteUnit* u) const;
  // "„…“, sagte A. B war eingeweiht. „…“": a quote opening its sentence
  // after a sentence of its paragraph that lies wholly after the previous
  // quote `prev` (none: nullptr) and names another speaker, by its
  // reporting clause ("Nach Ansicht von B …") or as its named subject:
  // that speaker (kContinuation, confidence 0.4), not `prev`'s.
  bool SpeakerOfSentenceBefore(const QuoteUnit* prev, QuoteUnit* u) const;
  // "Der ältere Bruder des Papstes, Georg Ratzinger, war …": a person's
  // name set off by commas after the article phrase opening the sentence
  // [b, end); `comma` is the comma before it. Empty when there is none.
  NounPhrase NameSetOffInSubject(int b, int end, int* comma) const;
  // The speaker of the closest earlier reporting sentence (up to three
  // sentences back, within this or the previous paragraph), for a fragment
  // or for a quote that is a paragraph of its own after that sentence
  // ("Mr Avery said the town was abandoned.\n\n‘We have been ignored.’").
  bool SpeakerOfReportingSentenceBefore(QuoteUnit* u) const;
  // The nearest person named before the quote in its paragraph (anywhere
  // before it for the answer of a Q&A interview, "A: …").
  bool NearestPersonNamedBefore(QuoteUnit* u) const;
  // "Die SPD will am Kurs festhalten. „Wir wollen …“": the named subject of
  // the previous sentence of the paragraph.
  void SubjectOfPreviousSentence(QuoteUnit* u) const;
  // "Ms Vale praised the plan.\n\n“It will save lives.”": a quote
  // paragraph without attribution after a paragraph whose last sentence
  // has a named subject (and no quote) takes that subject; a he/she
  // subject ("She pauses.") is resolved to its person.
  void SubjectOfLeadInParagraph(QuoteUnit* u) const;
  // The named subject of the sentence [b, end) becomes the speaker
  // (kContinuation); nothing when the sentence opens with no name.
  void NamedSubjectOfSentence(int b, int end, QuoteUnit* u) const;

  // ---- shared token helpers ----
  bool IsWord(int i) const {
    return i >= 0 && i < static_cast<int>(toks_.size()) &&
           (toks_[i].kind == TokKind::kWord ||
            toks_[i].kind == TokKind::kNumber);
  }
  bool Is(int i, const char* s) const {
    return i >= 0 && i < static_cast<int>(toks_.size()) && toks_[i].lower == s;
  }
  bool SameSentence(int a, int b) const {
    return toks_[a].sentence == toks_[b].sentence &&
           toks_[a].para == toks_[b].para;
  }

  CueMatch MatchCue(int i, int limit) const;
  // True when token `k` ends a noun phrase: a reporting cue that matches
  // there (not merely a word that starts some cue phrase, like "по" of
  // "по словам" or "de" of "de acordo com"), an auxiliary, a complementiser
  // or a coordinator.
  bool NpStop(int k, int limit) const {
    const uint32_t c = toks_[k].classes;
    if (c & kNpStopWords) return true;
    return (c & kCueWord) && MatchCue(k, limit).len > 0;
  }
  // True when the speaker found for `u` is one capitalised word that the
  // dictionary knows as a common word of a language capitalising nouns
  // ("Demnach", "Korruptionsskandal", "Beispiele"), no first name, title,
  // role, group or organisation, and no surname of a longer name in the
  // article ("Papier" of "Hans-Jürgen Papier" stays).
  bool CommonWordSpeaker(const QuoteUnit& u) const {
    return CommonWordName(u.speaker.name, u.speaker.mention);
  }
  // True when token `k` opens a sentence or clause (after a comma or colon)
  // or stands before a colon: where German puts sentence adverbs
  // ("Wörtlich heißt es", "Demnach") and labels ("Zitat:").
  bool ClauseInitial(int k) const {
    return k >= 0 && k < static_cast<int>(toks_.size()) &&
           (toks_[k].sent_start || (k > 0 && (Is(k - 1, ",") || Is(k - 1, ":"))) ||
            (k + 1 < static_cast<int>(toks_.size()) && Is(k + 1, ":")));
  }
  // The token starting at byte `start`, -1 when none.
  int TokenAt(int32_t start) const {
    auto it = std::lower_bound(
        toks_.begin(), toks_.end(), start,
        [](const Token& t, int32_t v) { return t.start < v; });
    return it != toks_.end() && it->start == start
               ? static_cast<int>(it - toks_.begin())
               : -1;
  }
  bool CommonWordName(const std::string& name,
                      const std::string& mention) const {
    return IsCommonWordName(lex_, doc_, name, mention);
  }
  // True when `k` is the final punctuation of a reporting sentence that ends
  // right before `qt` (a window of an earlier sentence, not a quote).
  bool ClosesWindow(int k, int qt) const {
    return k + 1 == qt && toks_[k].kind == TokKind::kPunct &&
           toks_[qt].kind != TokKind::kQuote && !SameSentence(k, qt);
  }
  static bool EndsWith(std::string_view s, const char* suffix) {
    size_t n = std::char_traits<char>::length(suffix);
    return s.size() > n && s.compare(s.size() - n, n, suffix) == 0;
  }
  // LowerWord(Text(first, last)): a view of lower_text where it can be,
  // else of `*scratch`.
  std::string_view LowerText(int first, int last, std::string* scratch) const {
    if (first > last) return "";
    return LowerNormalized(doc_.text, doc_.lower_text, toks_[first].start,
                           toks_[last].end, scratch);
  }
  // True when entity `e`'s name is a known news medium (asked once per
  // entity).
  bool KnownOutletEntity(int e) const {
    if (known_outlet_entity_.empty()) {
      known_outlet_entity_.assign(doc_.entities.size(), -1);
    }
    int8_t& known = known_outlet_entity_[e];
    if (known < 0) {
      known = lex_.IsKnownOutlet(LowerWord(doc_.entities[e].name)) ? 1 : 0;
    }
    return known == 1;
  }
  // Token range as written, white space normalised.
  std::string Text(int first, int last) const {
    if (first > last) return "";
    return NormalizeSpaces(doc_.text.substr(
        toks_[first].start, toks_[last].end - toks_[first].start));
  }
  // An organisation, group, role or media noun (or a compound ending in
  // one): a head that can speak.
  bool SpeakingNoun(int head) const {
    constexpr uint32_t kSpeaking = kOrg | kGroup | kRole | kMedia;
    return head >= 0 && ((toks_[head].classes & kSpeaking) ||
                         lex_.EndsWithClass(toks_[head].lower, kSpeaking));
  }
  // A speaking noun (SpeakingNoun), a compound ending in a role, or a
  // person noun of the dictionary ("Beamter", "Klimaexpertin").
  bool PersonOrSpeakingNoun(int head) const;
  // Where nouns are capitalised, the bare noun (no mention, a person or
  // speaking noun, at `a` or after it) right before the genitive article
  // at `first` that its complement opens ("Vertreter der Opposition",
  // "Landesverband der Mieter"); -1 when none.
  int HeadBeforeGenitive(int first, int a) const;
  // A lower-case plural noun of the dictionary (Lexicon::PluralNoun), no
  // closed-class word, role or title: a group that speaks ("Mourners chanted", "les
  // ouvriers ont crié"), never one person. Capitalised only opening its
  // sentence ("Pensioners shouted"), and then no name of the article.
  bool PluralNounAt(int k) const;
  // The group or plural noun among the (at most three) words from `k`
  // before `limit` ("of pro-Sanders demonstrators"), before any
  // preposition, article or cue; -1 when there is none.
  int GroupNounAfter(int k, int limit) const;
  // True when the coordinator at `c`, after a title or role, opens a
  // lower-case role that a name follows ("Gov. and party chairman Ted
  // Marsh").
  bool CoordinatedRole(int c) const;
  // A plural noun without article at `i` that opens a subject: it reaches
  // `limit` (the cue of the caller), a reporting verb or auxiliary follows ("Mourners chanted", "boeren riepen"), or a
  // preposition and a group noun ("Hundreds of demonstrators"); not a verb
  // in -s after a quotation ("“…,” stars an actor who").
  bool BarePluralSubject(int i, int limit) const;
  // Where nouns are capitalised, a bare compound at `i` ending in a role,
  // group or body noun (no listed word itself: "Medienvertreter") before a
  // genitive article, a reporting verb or auxiliary, or `limit`.
  bool BareCompoundSubject(int i, int limit) const;
  // Where nouns are capitalised, the phrase after an extended attribute
  // that opens with a preposition after the article at `i` ("die in New
  // York City geborene Lopez"), from `i`; none when there is none.
  NounPhrase AfterExtendedAttribute(int i, int limit) const;
  // A subject that can speak: a person, a pronoun or a speaking noun
  // ("Die Fraktion", not "Die Pressemitteilung").
  bool SubjectSpeaks(const NounPhrase& np) const {
    return np && (np.kind != NpKind::kNominal || SpeakingNoun(np.head));
  }
  // First token of the clause of token `t`: after the last comma or
  // semicolon of its sentence before it, unless a verb follows that comma
  // (the end of an insertion: "Anna Berg, die seit 2020 im Amt ist,
  // bewertete …"), then the sentence's first token.
  int ClauseStart(int t) const {
    const int b = SentenceStart(t);
    for (int k = t - 1; k > b; --k) {
      if (!Is(k, ",") && !Is(k, ";")) continue;
      const Token& next = toks_[k + 1];
      const bool verb = next.kind == TokKind::kWord && !next.cap &&
                        !(next.classes & (kDet | kIndef | kPrep | kPronoun |
                                          kThat | kConn | kCoord));
      return verb ? b : k + 1;
    }
    return b;
  }
  int SentenceStart(int t) const {
    return doc_.sentence_first[toks_[t].sentence];
  }
  int SentenceEnd(int t) const {  // exclusive
    return doc_.sentence_end[toks_[t].sentence];
  }
  // True when raw quote `r` is a capitalised name of at most three words
  // without final punctuation ("«Известиями»", "„Financial Times“").
  bool ShortName(int r) const {
    std::string_view c = doc_.Slice(doc_.raw_quotes[r].content);
    if (c.empty() || !IsUpperCp(CpAt(c, 0, c.size()))) return false;
    const char last = c.back();
    if (last == '.' || last == '!' || last == '?' || last == ',') return false;
    int spaces = 0;  // at most two: stop at the third (long speech)
    for (const char ch : c) {
      if (ch == ' ' && ++spaces > 2) return false;
    }
    return true;
  }
  // True when the unit's quotation ends with a period and a capitalised
  // word follows it: the quotation closed its sentence and the words after
  // it open the next one ("X nennt den Vorgang „… hat.“ Ein Sprecher
  // sagte …"). A question or exclamation mark does not close the sentence
  // ("“Who pays?” Smith asked").
  bool ClosesSentence(const QuoteUnit& u) const {
    std::string_view c = doc_.Slice(doc_.raw_quotes[u.raw.back()].content);
    while (!c.empty() && (c.back() == ' ' || c.back() == '\n')) {
      c.remove_suffix(1);
    }
    if (c.empty() || c.back() != '.') return false;
    int next = u.last_token + 1;
    return IsWord(next) && toks_[next].cap && SameSentence(u.last_token, next);
  }
  // True when the unit's quotation is a whole paragraph of its own.
  bool OwnParagraph(const QuoteUnit& u) const {
    const RawQuote& rq = doc_.raw_quotes[u.raw.front()];
    const Span para = doc_.paragraphs[rq.para];
    return rq.outer.start == para.start && rq.outer.end >= para.end - 1 &&
           rq.para > 0;
  }

  // ---- after_quote.cc ----
  // The reporting clause after a quote: its first token `i` after the
  // commas, dashes, parentheses and colons that follow the quote (`dash`
  // when a dash is among them), its end `limit` (exclusive), and the
  // sentence [s0, s1) where the outlet is looked for.
  struct AfterQuote {
    int i;
    int limit;
    bool dash;
    int s0;
    int s1;
  };
  // The steps of TryPost(), in its order; each sets the speaker and outlet
  // and returns true when its construction is there.
  // French inversion in one token: "a-t-il déclaré", "déclare-t-elle".
  bool PostInvertedPronoun(const AfterQuote& q, QuoteUnit* u) const;
  // The cue first (`ci`, matched as `cue`), then the speaker: "“…,” said
  // X", "« … », a déclaré mardi X", "„…“, so charakterisierte ihn der
  // Funktionär X", "according to him".
  // "„…,“ řekla ČTK.", "– powiedziała PAP.": where a language names the
  // addressee in the dative without a preposition (`addresseeaftername`)
  // and drops subjects, a known medium right after a cue at `ci` whose form
  // gives the subject's gender, closing the clause, is the addressee: the
  // token after it; -1 otherwise.
  int DativeMediumAfterCue(int ci, const CueMatch& cue, int limit) const;
  bool PostCueThenSpeaker(const AfterQuote& q, int ci, const CueMatch& cue,
                          QuoteUnit* u) const;
  // An impersonal cue (`heißt es`), alone or after the cue `so`, then the
  // document or body it cites (SourceOfImpersonalCue): "„…“, heißt es in
  // einer Erklärung des Verbands", "„…“, hieß es aus dem Ministerium"; or
  // ImpersonalSourceBeforeQuote.
  bool PostImpersonalCue(const AfterQuote& q, int ci, const CueMatch& cue,
                         QuoteUnit* u) const;
  // The source opening the sentence of an impersonal cue that closes it
  // right after the quote at `qt` ("In einem Schreiben war von einem „…“
  // die Rede"); none otherwise.
  NounPhrase ImpersonalSourceBeforeQuote(const AfterQuote& q, int c,
                                         const CueMatch& cue, int qt) const;
  // The cue, then a publication named in quotation marks as its subject:
  // "„…“, schrieb „Die Zeit“ in einem Nachruf", "„…“, schreibt die
  // „Computerwoche“.": that title speaks, as an organisation.
  bool PostCueThenPublication(const AfterQuote& q, int ci, const CueMatch& cue,
                              QuoteUnit* u) const;
  // "„…“, hatte VW-Chef Winterkorn im Interview gesagt".
  bool PostAuxiliaryThenCue(const AfterQuote& q, QuoteUnit* u) const;
  // A cue closing the clause after a quote inside the sentence: the subject
  // opens the sentence ("Minister X hat die Zustimmung „…“
  // bekanntgegeben.").
  bool PostVerbFinal(const AfterQuote& q, int ci, const CueMatch& cue,
                     QuoteUnit* u) const;
  // The agent of a passive after its preposition at `agent` (-1: none),
  // before `limit`: a noun phrase, or a bare person noun ("von
  // Musikkennern").
  NounPhrase PassiveAgent(int agent, int limit) const;
  // The short name in marks (ShortName: a one-word one may still be taken
  // for a fragment here) after a preposition, and perhaps an article, in
  // the clause of the quote at `qt` before it, from `s0` on ("im
  // „Standard“", "in der „Zeit“"); its token, else -1.
  int TitleInClause(int qt, int s0) const;
  // True when token `k`, before the quote at `qt`, is such a title.
  bool TitleAfterCue(int k, int qt) const {
    return k < qt && toks_[k].kind == TokKind::kQuote &&
           nonspeech_[toks_[k].quote] && ShortName(toks_[k].quote);
  }
  // set_speaker.cc: the title in marks at token `k` speaks as an
  // organisation (mention from `first`), with the cue of `cue_len` words
  // at `c` ("schrieb „Die Zeit“", "laut „Reuters“").
  void SetTitleSpeaker(int first, int k, int c, int cue_len,
                       QuoteUnit* u) const;
  // True when token `k` is a passive auxiliary (words.tsv `passive`).
  bool IsPassiveAux(int k) const;
  // True when the cue at `ci` (none of words.tsv `passivesubject`:
  // "zitiert") closes a passive clause (a
  // passive auxiliary in its clause from `s0`, or right after it: "die als
  // „…“ beschrieben wurden"); `agent` is then the agent preposition's
  // token ("von Kritikern"), else -1. `agent` must be -1 on entry.
  bool PassiveClause(int s0, int ci, int* agent) const;
  // "nannte den Platzverweis „überzogen“, Trainer Jan Löw bezeichnete die
  // Karten als …": where a reporting verb precedes its subject after a
  // quote (word_order.tsv `inverts`), a name and a cue with its own
  // object after a fragment open a new clause (cue at `c`), not the
  // fragment's attribution.
  bool NewClauseAfterFragment(const QuoteUnit& u, int c) const;
  // The speaker, then the cue: "“…,” X said", "“…,” X, a mother of six,
  // said", "“…” ― Name", "“…” for criminal behavior, she said".
  bool PostSpeakerThenCue(const AfterQuote& q, QuoteUnit* u) const;
  bool IsDash(int i) const;
  // An NP followed (after an appositive, parenthesis or prepositional
  // phrase) by a reporting verb; sets the cue token and description range.
  bool NpThenCue(const NounPhrase& np, int limit, int* cue, int* desc_first,
                 int* desc_last) const;

  // ---- set_speaker.cc ----
  // Makes `np` the speaker of `u` with the cue tokens [cue, cue + cue_len)
  // (cue -1: none) and the appositive tokens [desc_first, desc_last] as its
  // description (-1: none); sets the attribution and confidence.
  void SetSpeaker(const NounPhrase& np, int cue, int cue_len,
                  int desc_first, int desc_last, QuoteUnit* u) const;
  // The steps of SetSpeaker(), one per kind of phrase. A name: its entity,
  // the titles and roles before it ("Interior Minister") and a lower-case
  // connector phrase after it ("burgemeester Aboutaleb van Rotterdam") as
  // its description, unless `desc_first` gives one; a capitalised noun
  // after a definite article ("the Nebraskan") describes a person named
  // before.
  void SetNameSpeaker(const NounPhrase& np, int desc_first,
                      QuoteUnit* u) const;
  // Without articles, a role noun before a one-word name that the article
  // writes as the organisation of someone's role ("dodał trener Pogoni"
  // after "Trener Pogoni Łukasz Nowicki"): that role's person
  // (ResolveDescribedSpeaker), set into `u`; false when it is no such
  // phrase or stands for nobody.
  bool RoleOfOrganization(const NounPhrase& np, QuoteUnit* u) const;
  // A pronoun: the organisation of "it", the person it refers to
  // (resolver.h) or a more recent definite description ("le préfet"), the
  // group of "they".
  void SetPronounSpeaker(const NounPhrase& np, QuoteUnit* u) const;
  // A description: an organisation (resolved to the named one containing
  // its noun, "the agency"), a group, or a role resolved to the person it
  // describes; an indefinite one after the cue at `cue` keeps its closing
  // prepositional phrase ("said a person close to the family").
  void SetNominalSpeaker(const NounPhrase& np, int cue, QuoteUnit* u) const;
  // The appositive tokens [desc_first, desc_last] after the phrase: an age
  // (", 39,", ", 54 ans,") and a role or affiliation as the description.
  void SetAppositive(int desc_first, int desc_last, QuoteUnit* u) const;
  // The head token of the nearest definite description of a person ("le
  // préfet", "the spokeswoman") opening a sentence (its subject), of a
  // gender compatible with `g` (kMale or kFemale only), searched in the
  // sentence of `at` and up to three sentences back within two paragraphs;
  // -1 when none.
  int DescribedAntecedent(int at, Gender g) const;
  // The group that opens one of the three sentences before `at` (within two
  // paragraphs), the antecedent of a plural pronoun ("Supporters marched.
  // … they chanted"); kNone when none.
  NounPhrase GroupAntecedent(int at) const;

  const Lexicon& lex_;
  const Document& doc_;
  const std::vector<Token>& toks_;
  // Per raw quote: 1 when its unit is a non-speech kind (set by Run()).
  std::vector<char> nonspeech_;
  // Per raw quote (MarkNonSpeech): the token of the nearest speech quote
  // before it (-1 if none), and of the nearest quote after it that ends a
  // reporting clause (speech, no short name; the token count if none). The
  // clause scans of TryPre and TryPost stop there without walking every
  // title and scare quote between (linear in quotes per sentence).
  std::vector<int> prev_speech_token_;
  std::vector<int> next_clause_quote_token_;
  // Per entity (KnownOutletEntity): 1 a known medium, 0 not, -1 not asked.
  mutable std::vector<int8_t> known_outlet_entity_;
};

}  // namespace extract
}  // namespace quotewire

#endif  // QUOTEWIRE_SERVER_EXTRACT_ATTRIBUTOR_H_

// Pronoun and description resolution: maps "he", "she", "the 65-year-old
// leader", "the president" to a named entity of the article.
//
// Contract:
//  - ResolvePronoun: the most recent name mention before token `at` whose
//    entity is a person (or has person evidence) of compatible gender. A male
//    pronoun never resolves to a female entity and vice versa. Plural and
//    first-person pronouns do not resolve (-1). When no such person fits,
//    an entity of unknown kind named with two or more words counts as one.
//  - ResolveDescription: for a definite description, an entity with the same
//    age when the description gives one; else the most mentioned person whose
//    titles, roles or words written with the name (before it, or in an
//    appositive; or the article and noun opening the sentence after one
//    whose subject it is: "X a signé. L'ailier de 24 ans …") name the same
//    role as the head noun (SameRole), the one
//    mentioned last before `at`; else, for a role noun, the most mentioned
//    person of compatible gender. -1 when nothing fits.
// ResolvePronoun looks back a bounded number of sentences and mentions.
// ResolveDescription and ResolveOrganization build indexes of the document
// on their first call (Document::resolver_index; mentions and entities must
// not change afterwards) and then cost a few lookups per call, so that an
// article's resolutions are linear in its mentions all together.
#ifndef QUOTEWIRE_SERVER_EXTRACT_RESOLVER_H_
#define QUOTEWIRE_SERVER_EXTRACT_RESOLVER_H_

#include <string>
#include <string_view>
#include <vector>

#include "server/extract/document.h"
#include "server/extract/lexicon.h"

namespace quotewire {
namespace extract {

int ResolvePronoun(const Document& doc, int at, Gender gender);

// The antecedent entity of a he/she pronoun at token `at`: sentences are
// searched most recent first, each left to right (subjects first), skipping
// entities that are not persons or whose gender conflicts. With
// `strong_only`, only title/first-name gender counts (used while gender
// evidence is being gathered). -1 when none within 12 sentences.
int FindAntecedent(const Document& doc, int at, Gender gender,
                   bool strong_only);
// FindAntecedent() of a pronoun that the first `mentions_before` mentions
// end before (for a caller walking the pronouns in text order, which knows
// it without a search of doc.mentions).
int FindAntecedentAmong(const Document& doc, int mentions_before,
                        Gender gender, bool strong_only);

// The person of `gender` (any when unknown) mentioned last before token
// `at`, the subject first within a sentence, within `max_sentences`
// sentences; an entity of unknown kind named with two or more words counts
// as a person. -1 when none.
int NearestPerson(const Document& doc, int at, Gender gender,
                  int max_sentences);

// True when `head` and `word` name the same role: equal, apart from an
// elided article ("l'élue"), one a compound ending in the other
// ("Sportdirektorin", "Direktorin") or forms of one stem ("ministr",
// "ministra"; "Politiker", "Politikerin").
bool SameRole(std::string_view head, std::string_view word);

// False for the languages that write no articles (word_order.tsv
// `noarticles`: ru, cs, pl), where a bare role noun is a definite
// description ("сказала министр").
bool HasArticles(const Lexicon& lex, const Document& doc);

// The gender a reporting verb at token `verb` gives its subject: the
// past tense of Russian, Czech and Polish ("сказала", "uvedl";
// word_order.tsv `verbgender`); unknown otherwise.
Gender VerbGender(const Lexicon& lex, const Document& doc, int verb);

// The gender of a description [first, head]: a gendered title of the
// article's language, article ("die", "la", "o") or feminine ending of the
// head ("Ministerin", "l'élue", "starostka"; gender_marks.tsv), or the past
// tense of the reporting verb next to it.
Gender DescriptionGender(const Lexicon& lex, const Document& doc, int first,
                         int head);

// The person a definite description speaker [first, head] stands for:
// ResolveDescription with the description's gender, else the nearest person
// of that gender within four sentences. -1 when none.
int ResolveDescribedSpeaker(const Lexicon& lex, const Document& doc,
                            int first, int head, int age);

// "the Nebraskan", "der Trainer", "le Toulousain": a one-word name mention
// after a definite article, of an entity never named otherwise, is a
// description; the person it stands for (ResolveDescribedSpeaker), -1 when
// the mention is no such description or stands for nobody else.
int DescribedPerson(const Lexicon& lex, const Document& doc, const Mention& m);

// True when the entity is a person or has person evidence.
bool IsPersonLike(const Entity& e);

// True when `lower` is written, in a language without articles, as the
// organisation a person's role noun is of ("Trener Pogoni Łukasz Nowicki":
// "pogoni"): after a role noun it is no person's name ("dodał trener
// Pogoni").
bool IsRoleComplement(const Lexicon& lex, const Document& doc,
                      std::string_view lower);

// `head` is the lower-case head noun, `age` 0 when none given.
int ResolveDescription(const Lexicon& lex, const Document& doc, int at,
                       const std::string& head, int age, Gender gender);

// The same, preferring among the people the head noun fits the one whose
// words written with the name (titles, appositive, "of Nebraska") match most
// of `modifiers`, the description's lower-case words other than the head
// ("former", "florida" of "the former Florida governor"). A head noun that
// names a place's people ("the Nebraskan") describes a person written with
// that place.
int ResolveDescription(const Lexicon& lex, const Document& doc, int at,
                       const std::string& head, int age, Gender gender,
                       const std::vector<std::string>& modifiers);

// The modifiers of a description [first, head]: its words between the
// determiner and the head, and the noun of a prepositional phrase right
// after the head ("the senator from Ohio").
std::vector<std::string> DescriptionModifiers(const Document& doc, int first,
                                              int head);

// The antecedent of a neuter pronoun ("it said"): the organisation named
// most recently before token `at`, within three sentences and the same or
// the previous paragraph. -1 when none.
int ResolveOrganizationPronoun(const Document& doc, int at);

// The organisation a definite description with head noun `head_lower`
// ("agency", "ministry", "party") stands for: the named entity of the article
// that is not a person and whose name contains the head noun as a word,
// nearest before token `at` (else the nearest after it). -1 when none.
int ResolveOrganization(const Document& doc, int at,
                        std::string_view head_lower);

// The last token of the last mention of `entity` that starts before token
// `before`; -1 when none.
int LastMentionBefore(const Document& doc, int entity, int before);

// The entity named by a mention ending in the word `lower` (a speaker
// label's surname: "SMITH:"): the most mentioned such entity, the first
// named on a tie. -1 when none.
int EntityByLastWord(const Document& doc, std::string_view lower);

// A person whose name the mentions derived from an oblique case
// (Entity::derived_name: "Karla Maška" -> "Karel Mašk") takes the name of a
// person the article names in the nominative with a first name of the same
// gender whose words share their stems (all letters but the last two, at
// least three): "Karel Mašek". Lexicon::NominativeName guesses the endings;
// the article's own spelling is better.
void PreferWrittenNominative(const Lexicon& lex, Document* doc);

}  // namespace extract
}  // namespace quotewire

#endif  // QUOTEWIRE_SERVER_EXTRACT_RESOLVER_H_

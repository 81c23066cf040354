// Mention detection and within-article entity clustering. Third stage.
//
// Contract:
//  - A name mention is a run of capitalised tokens outside quotes, optionally
//    led by titles ("Interior Minister Yury Karayev", "president Poetin") and
//    joined by connectors (van, de, von, al-); a sentence-initial capitalised
//    word only counts when the article also capitalises it mid-sentence, when
//    it is a known first name, or when another name token follows.
//  - In languages that capitalise nouns (capitalised_nouns.tsv: German) a
//    capitalised word is a name only with evidence: a first name, a title
//    before it (also inside compounds: "VW-Chef Winterkorn"), a reporting
//    verb next to it, an acronym, a known organisation; never a word with a
//    common-noun ending.
//  - Compound role nouns of such languages (role_suffixes.tsv:
//    "Gewerkschaftschef", "Bundesinnenministerin") are titles: they lead a
//    name, give its gender and are never part of it; a compound role noun
//    next to a reporting verb is not a name either.
//  - A sentence-initial capitalised common word before a known first name
//    ("Challenger Grace Mbeki") is not part of the name. A known news medium
//    (outlets.tsv) before a known first name and a surname is a mention of
//    its own, an organisation ("a Repubblica Luigi Bianchi").
//  - A lower-case connector that is a preposition and no article, after a
//    lone surname led by a title, ends the name: a surname without its first
//    name writes its particle with a capital ("minister Van der Laan"), so
//    "burgemeester Aboutaleb van Rotterdam" is "Aboutaleb".
//  - Where names inflect, a word with a case ending between a title and an
//    unknown first name followed by a gendered surname is a genitive
//    complement of the title ("президент Казахстана Касым-Жомарт Токаев":
//    name "Касым-Жомарт Токаев", role "президент Казахстана"); a
//    capitalised genitive adjective alone between a title and a lower-case
//    noun is no name either ("Глава Калининского округа").
//  - In languages where a fronted adverbial puts the subject after the verb
//    (word_order.tsv), a sentence-initial word before a reporting verb whose
//    subject follows it (pronoun, title, full name, article and role noun)
//    is not a name ("Luego declaró el alcalde", "Sodann erklärte
//    Bürgermeisterin X").
//  - Titles are stripped from the name; mentions sharing a surname (last
//    token) form one Entity whose `name` is the fullest form seen.
//  - Entity kind: organisation when a token is an organisation noun, a known
//    organisation/capital, or an acronym; person when a title, first name,
//    gendered surname, he/she pronoun, or reporting verb points to it.
//  - Gender: titles, first names and gendered surnames (-ova) are strong
//    evidence, and so is a gendered title in an appositive ("Hélène
//    Marchand, éleveuse et présidente du syndicat"); otherwise he/she pronouns are counted for their antecedent
//    (resolver.h). A subject pronoun after a sentence-initial name makes that
//    name a person.
//  - In a title-cased headline (languages that do not capitalise nouns), a
//    reporting verb or a common word of the dictionary that the article
//    capitalises nowhere else mid-sentence ends a name: "Jane Roe Says …",
//    "Roe Addresses Flood Victims" give "Jane Roe" and "Roe".
//  - Ages ("X, 39,", "26-year-old X", "de 39-jarige") are attached.
// Linear in the number of tokens.
#ifndef QUOTEWIRE_SERVER_EXTRACT_MENTIONS_H_
#define QUOTEWIRE_SERVER_EXTRACT_MENTIONS_H_

#include "server/extract/document.h"
#include "server/extract/lexicon.h"

namespace quotewire {
namespace extract {

// Fills doc->mentions and doc->entities; needs tokens.
void DetectMentions(const Lexicon& lex, Document* doc);

namespace internal {
int AgeFromDigits(const Lexicon& lex, std::string_view lower);
}  // namespace internal

// The age in a token like "26-year-old", "39-jarige", "65-Jährige"
// (endings.tsv `age`); else 0. Inline: most words start with no digit.
inline int AgeFromToken(const Lexicon& lex, std::string_view lower) {
  if (lower.empty() || lower[0] < '0' || lower[0] > '9') return 0;
  return internal::AgeFromDigits(lex, lower);
}

// Index into doc.mentions of the name mention covering token `t`, else -1.
int MentionAtToken(const Document& doc, int t);

// Resolved gender of an entity.
Gender EntityGender(const Entity& e);

// True when the words after the comma at token `comma` are the subject of
// a reporting verb that follows them before any other comma ("Numa
// entrevista à rádio X, o ministro explicou", "En declaraciones a Efe, la
// ministra aseguró"), not an appositive of the name before the comma.
bool SubjectAfterComma(const Document& doc, size_t comma);

}  // namespace extract
}  // namespace quotewire

#endif  // QUOTEWIRE_SERVER_EXTRACT_MENTIONS_H_

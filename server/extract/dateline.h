// Datelines of wire news: "LOS ANGELES -- …", "CHARLESTON, S.C. — …",
// "WASHINGTON (Reuters) - …", "PHILADELPHIA, July 25 (UPI) - …",
// "Rom (dpa) – …". The place opening an article's first paragraph before a
// dash names where the story was filed; it is never a person, a speaker or
// an antecedent. Language-independent: only case, punctuation and position.
#ifndef QUOTEWIRE_SERVER_EXTRACT_DATELINE_H_
#define QUOTEWIRE_SERVER_EXTRACT_DATELINE_H_

#include "server/extract/document.h"

namespace quotewire {
namespace extract {

// The token range [*begin, *end) of the dateline before its dash, when one
// of the article's first paragraphs (a headline may come first) opens with
// one: a word written in capitals, or capitalised words with an agency in
// parentheses, then only capitalised words, numbers (dates), commas,
// periods and parentheses, then a dash with text after it. Needs tokens.
bool FindDateline(const Document& doc, int* begin, int* end);

}  // namespace extract
}  // namespace quotewire

#endif  // QUOTEWIRE_SERVER_EXTRACT_DATELINE_H_

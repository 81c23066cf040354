// Language detection by CLD2 and by stop-word counts over the languages of
// kLanguages, and the language-specific word classes that follow from it.
//
// Contract:
//  - When the stop-words (counted as below) leave no doubt (the leading
//    language has kMinStopWords or more, one per six tokens or more, and
//    twice the second's count), they decide and CLD2 is not asked.
//  - Otherwise, a language CLD2 (the Compact Language Detector, libcld2) is
//    sure of over the first 4 KiB is the answer when it is not in
//    kLanguages ("sv", "hu", "uk") and the text has 300 bytes or more: such
//    an article gets the rules of every language and no language's words.
//  - A listed language CLD2 is sure of is the answer unless another
//    language's stop-words (counted as below) are at least twice as frequent.
//  - Otherwise, a text written mostly in Cyrillic letters is in a language
//    written in Cyrillic (word_order.tsv `cyrillic`: "ru").
//  - Otherwise the language whose stop-words (stopwords.tsv) occur most often
//    among the first 2000 words outside quotation marks, as counted by
//    Tokenize() (text_scan.h) while it looks the words up.
//  - When the leading language has fewer than kMinStopWords such stop-words
//    (a short text that is mostly quotation), or two languages tie (words
//    shared by several languages, like "de", count for each), the words
//    inside quotation marks count too, and letters that mark a language
//    (letters.tsv: ç, ñ, ß) break ties.
//  - When no stop-word is seen, the default language (word_order.tsv
//    `default`: "en").
// Linear in the text only for short texts; O(1) otherwise.
#ifndef QUOTEWIRE_SERVER_EXTRACT_LANGUAGE_DETECTOR_H_
#define QUOTEWIRE_SERVER_EXTRACT_LANGUAGE_DETECTOR_H_

#include <string>

#include "server/extract/document.h"
#include "server/extract/lexicon.h"

namespace quotewire {
namespace extract {

inline constexpr int kMinStopWords = 8;

// The detected language of a tokenised document.
std::string DetectLanguage(const Lexicon& lex, const Document& doc);

// Sets doc->lang from doc->language and keeps, on every token whose word
// has language-specific classes (kLangSpecific), only the classes of that
// language ("a" is an article in English, a preposition in Spanish; "il" a
// pronoun in French, an article in Italian). Tokens keep the classes of
// the `*` entries only when the language is not listed in kLanguages (no
// cue word, title or pronoun of another language applies). A
// reporting verb after an indefinite article (in English after any article)
// is a noun and loses kCueWord ("a call for"), and so does every token where
// no whole cue phrase matches (cue_match.h: "gibt" of "gibt zu" in
// "Kindergärten gibt es"). Needs para_token_begin. Its pass over the tokens
// also collects DetectMentions' candidate tokens (Document::pronoun_tokens,
// mention_start_tokens): DetectMentions needs it run first.
void ApplyLanguage(const Lexicon& lex, Document* doc);

}  // namespace extract
}  // namespace quotewire

#endif  // QUOTEWIRE_SERVER_EXTRACT_LANGUAGE_DETECTOR_H_

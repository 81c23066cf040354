// Text scanning: character classes, lower-casing, paragraph segmentation and
// tokenisation with sentence boundaries. The first stage of the sieve.
//
// Contract: paragraphs are the non-blank lines of the text (a paragraph never
// spans a newline). Tokens cover the text outside quotation marks; each quote
// found by quote_pairing.h becomes one kQuote token at its position. A
// sentence ends after . ! ? or … outside quotes. Linear in the text length.
//
// Thread safety: free functions without shared state.
#ifndef QUOTEWIRE_SERVER_EXTRACT_TEXT_SCAN_H_
#define QUOTEWIRE_SERVER_EXTRACT_TEXT_SCAN_H_

#include <string>
#include <string_view>

#include "server/extract/document.h"
#include "server/extract/lexicon.h"

namespace quotewire {
namespace extract {

bool IsSpaceCp(char32_t c);
bool IsLetterCp(char32_t c);
bool IsUpperCp(char32_t c);
bool IsLowerCp(char32_t c);
bool IsDigitCp(char32_t c);
// ( [ { and dashes, after which a quote may open.
bool IsOpeningPunctCp(char32_t c);

// Lower-cases `word` (full Unicode simple case mapping).
std::string LowerWord(std::string_view word);

// Collapses every run of white space (NBSP and other Unicode spaces
// included) into one ASCII space.
std::string NormalizeSpaces(std::string_view s);

// Code point before byte offset `pos` (0 at the start).
char32_t PrevCp(std::string_view text, size_t pos, size_t floor = 0);
// Code point at `pos` (0 at or past `limit`).
char32_t CpAt(std::string_view text, size_t pos, size_t limit);

// Fills doc->paragraphs.
void SplitParagraphs(Document* doc);

// Fills doc->tokens, para_token_begin and quote_token; needs raw_quotes.
void Tokenize(const Lexicon& lex, Document* doc);

}  // namespace extract
}  // namespace quotewire

#endif  // QUOTEWIRE_SERVER_EXTRACT_TEXT_SCAN_H_

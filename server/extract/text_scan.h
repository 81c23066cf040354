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

#include "server/core/utf8.h"
#include "server/extract/document.h"
#include "server/extract/lexicon.h"

namespace quotewire {
namespace extract {

namespace internal {
// The non-ASCII halves of the classes below: a table built once from ICU for
// the code points below U+0800 (Latin, Greek, Cyrillic, Hebrew, Arabic), so
// European text never calls ICU; ICU above.
bool IsSpaceNonAscii(char32_t c);
bool IsLetterNonAscii(char32_t c);
bool IsUpperNonAscii(char32_t c);
bool IsLowerNonAscii(char32_t c);
bool IsDigitNonAscii(char32_t c);
}  // namespace internal

// Character classes. ASCII is answered inline: these run for every
// character of every word.
// Control characters (C0, DEL and C1: U+0001-001F, U+007F-009F) count as
// white space: feeds carry them (double-encoded UTF-8 such as "FranÃ\u0083Â§ois"),
// and offsets stay into the text as sent. U+0000 is the end-of-text marker
// of CpAt() and is not a space.
inline bool IsSpaceCp(char32_t c) {
  if (c < 0x80) return (c > 0 && c <= ' ') || c == 0x7F;
  return internal::IsSpaceNonAscii(c);
}
// Letters and combining marks.
inline bool IsLetterCp(char32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  return internal::IsLetterNonAscii(c);
}
// Upper-case and title-case letters.
inline bool IsUpperCp(char32_t c) {
  if (c < 0x80) return c >= 'A' && c <= 'Z';
  return internal::IsUpperNonAscii(c);
}
inline bool IsLowerCp(char32_t c) {
  if (c < 0x80) return c >= 'a' && c <= 'z';
  return internal::IsLowerNonAscii(c);
}
inline bool IsDigitCp(char32_t c) {
  if (c < 0x80) return c >= '0' && c <= '9';
  return internal::IsDigitNonAscii(c);
}
// ( [ { and dashes, after which a quote may open.
bool IsOpeningPunctCp(char32_t c);

// Lower-cases `word` (full Unicode simple case mapping).
std::string LowerWord(std::string_view word);

// Collapses every run of white space (NBSP and other Unicode spaces
// included) into one ASCII space.
std::string NormalizeSpaces(std::string_view s);

// LowerWord(NormalizeSpaces(text.substr(start, end - start))) without a
// copy where it can: a span of printable ASCII without two spaces in a row
// is its own normal form, and `lower` (the text lower-cased byte for byte,
// Document::lower_text) holds its lower case; the view points there.
// Otherwise the key is built in `*scratch` and the view points there.
std::string_view LowerNormalized(std::string_view text, std::string_view lower,
                                 size_t start, size_t end,
                                 std::string* scratch);

namespace internal {
char32_t PrevCpNonAscii(std::string_view text, size_t pos, size_t floor);
}  // namespace internal

// DecodeUtf8 with the ASCII case inline: every stage walks text code point
// by code point, and most of it is ASCII.
inline char32_t NextCp(std::string_view text, size_t* pos) {
  const unsigned char b = static_cast<unsigned char>(text[*pos]);
  if (b < 0x80) {
    ++*pos;
    return b;
  }
  return DecodeUtf8(text, pos);
}
// Code point before byte offset `pos` (0 at the start).
inline char32_t PrevCp(std::string_view text, size_t pos, size_t floor = 0) {
  if (pos <= floor) return 0;
  const unsigned char b = static_cast<unsigned char>(text[pos - 1]);
  if (b < 0x80) return b;
  return internal::PrevCpNonAscii(text, pos, floor);
}
// Code point at `pos` (0 at or past `limit`).
inline char32_t CpAt(std::string_view text, size_t pos, size_t limit) {
  if (pos >= limit) return 0;
  return NextCp(text, &pos);
}

// Fills doc->paragraphs.
void SplitParagraphs(Document* doc);

// Fills doc->tokens, para_token_begin and quote_token; needs raw_quotes.
// Hyphens and apostrophes inside a word join it ("Jean-Marc", "zo'n"),
// except after an elided form of words.tsv (Lexicon::IsElision): "all'ANSA"
// is the two words "all'" and "ANSA", "L'assessore" is "L'" and "assessore"
// (a capitalised form splits only before a lower-case letter: "D'Alema" is
// one word).
void Tokenize(const Lexicon& lex, Document* doc);

}  // namespace extract
}  // namespace quotewire

#endif  // QUOTEWIRE_SERVER_EXTRACT_TEXT_SCAN_H_

// Quote-mark pairing: finds the quotations of each paragraph and joins the
// paragraphs of a multi-paragraph quotation. The second stage of the sieve.
//
// Contract:
//  - Pairs come from quote_marks.tsv. An opening mark that can also close or
//    be an apostrophe (“ ” " ' ’ ‘ « » ‹ ›) must follow the paragraph start,
//    whitespace, opening punctuation or another mark (a double mark also
//    , : ; . ? ! when a letter follows it: `said,“Look`), and precede a
//    non-space (a letter for single quotes). A straight or curly single closing mark must
//    follow a non-space and precede whitespace, punctuation or the end, so
//    apostrophes inside words (zo'n, it's, Loekasjenko's) never pair.
//  - Only the outermost quotation is kept; the first acceptable closer of the
//    opener ends it, so a wrong-way closing mark (“…, “she said) closes,
//    except that « “ " skip the pairs of the same mark nested inside them
//    when those close before the outer closer (`“… wore “Vote” shirts.”`).
//    Mixed straight/curly closers (`"…”`) are tried only when the paragraph
//    has no regular closer, or (a straight opener's `”`) when they come
//    before it: `"…,” said X. "…"`; two apostrophes ('') stand for a double
//    quote.
//  - An unclosed double quotation runs to the paragraph end; an unclosed
//    single one is dropped (it was an apostrophe).
//  - Newspaper convention: a quote left open at a paragraph end (unclosed, or
//    closed by a mark standing after a space at the very end) continues into
//    the next paragraph when that one starts with an opening mark, unless
//    that paragraph starts a new transcript turn ("WALLACE: …") or a stage
//    direction; the later segment is flagged merged_into_prev.
//  - Dialogue and interview turns: a paragraph opening with an em dash and a
//    capital ("— Мы будем…, — сказала она.", "—No pienso dimitir—, dijo.",
//    "— C'est une erreur, répond X.") is a quotation running to the next
//    dash, else to a comma before a cue word, else to the paragraph end (a
//    trailing comma is not part of it). Its `open` is the dash. A paragraph
//    opening with an answer label (words.tsv `answer`: "A: …") is a
//    quotation of the rest of it (open ':').
//    Either kind is found before the marks of its paragraph.
// Linear in the paragraph length.
#ifndef QUOTEWIRE_SERVER_EXTRACT_QUOTE_PAIRING_H_
#define QUOTEWIRE_SERVER_EXTRACT_QUOTE_PAIRING_H_

#include "server/extract/document.h"
#include "server/extract/lexicon.h"

namespace quotewire {
namespace extract {

// Fills doc->raw_quotes and para_quote_begin; needs doc->paragraphs.
void PairQuotes(const Lexicon& lex, Document* doc);

}  // namespace extract
}  // namespace quotewire

#endif  // QUOTEWIRE_SERVER_EXTRACT_QUOTE_PAIRING_H_

// Quotations interrupted by their own attribution inside one pair of marks,
// as the French, Spanish, Italian and Portuguese press writes them:
//
//   « A, a-t-il affirmé. B »      « A, confie-t-elle à La Voix du Nord. B »
//   «A, ha aggiunto. B»           «A, assegurou o engenheiro. B»
//   «A —dijo el alcalde—. B»      «A —acentuó—, b»     «A —explicó la hija»
//   —A —advirtió el doctor—. B    — A — disse. — B    (dialogue turns)
//
// Each is two quotations, A and B (or only A when the attribution closes the
// quotation); the attribution between them stays outside both, so the later
// stages read it as the cue after A, and B continues A's speaker.
//
// An interruption is a clause after a comma, or between em dashes, whose
// first words are a reporting verb: a cue phrase of cues.tsv without the
// flags inv/open/nonspeech, or a word with the Snowball stem of a cue lemma
// of any language (the language is not known yet at this stage), after at
// most an auxiliary or a clitic ("a-t-il", "ha", "le reprochó", "se quejó").
// The comma form applies to guillemets opened with « only (French, Spanish,
// Italian, Portuguese, Swiss German); the dash form to every mark.
// The verb must show its subject: inverted ("confie-t-elle"), followed by a
// determiner, a pronoun, a bare role, organisation or group noun (languages
// without articles: "«A, — рассказал голкипер. — B»") or a capitalised word
// within two words, or by the
// end of the clause (a pro-drop cue: "—acentuó—"). A comma clause is at most
// 12 words and ends with a full stop before a capital (or the end of the
// quotation), or with a comma; a dash clause is at most 20 words and ends
// with the next dash (or the end of the quotation).
// Linear in the quotation's length.
#ifndef QUOTEWIRE_SERVER_EXTRACT_INTERRUPTED_QUOTE_H_
#define QUOTEWIRE_SERVER_EXTRACT_INTERRUPTED_QUOTE_H_

#include <string_view>
#include <vector>

#include "server/extract/document.h"
#include "server/extract/lexicon.h"

namespace quotewire {
namespace extract {

// Appends `rq` to `*out`, split at the attributions that interrupt it: each
// piece keeps `rq`'s opening mark and paragraph; the first keeps its outer
// start, the last its outer end and open_at_end.
void AppendSplitAtInterruptions(const Lexicon& lex, std::string_view text,
                                const RawQuote& rq, std::vector<RawQuote>* out);

// The second half of a dialogue turn interrupted by its cue ("—A —advirtió
// el doctor—. B", "— A — disse. — B"): `turn` is the first half found by the
// dialogue rule of quote_pairing.cc; fills `*rest` with B (running to the
// next dash or the paragraph end). False when the turn goes on no further.
bool DialogueTurnRest(const Lexicon& lex, std::string_view text, Span para,
                      const RawQuote& turn, RawQuote* rest);

}  // namespace extract
}  // namespace quotewire

#endif  // QUOTEWIRE_SERVER_EXTRACT_INTERRUPTED_QUOTE_H_

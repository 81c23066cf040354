// QuoteUnit: one quotation (one or more paragraph segments) as it moves
// through classification and attribution.
#ifndef QUOTEWIRE_SERVER_EXTRACT_QUOTE_UNIT_H_
#define QUOTEWIRE_SERVER_EXTRACT_QUOTE_UNIT_H_

#include <string>

#include "absl/container/inlined_vector.h"
#include "server/core/model.h"

namespace quotewire {
namespace extract {

struct QuoteUnit {
  // Indices into Document::raw_quotes, text order: nearly always one or two
  // (a quote of one paragraph, or interrupted once), kept in place.
  absl::InlinedVector<int, 2> raw;
  int first_token = -1;     // kQuote token of the first segment
  int last_token = -1;      // kQuote token of the last segment
  QuoteKind kind = QuoteKind::kFull;
  Speaker speaker;
  int entity = -1;          // Document::entities index of the speaker
  std::string cue;
  std::string outlet;
  Attribution attribution = Attribution::kNone;
  float confidence = 0;
};

}  // namespace extract
}  // namespace quotewire

#endif  // QUOTEWIRE_SERVER_EXTRACT_QUOTE_UNIT_H_

// QuoteUnit: one quotation (one or more paragraph segments) as it moves
// through classification and attribution.
#ifndef QUOTEWIRE_SERVER_EXTRACT_QUOTE_UNIT_H_
#define QUOTEWIRE_SERVER_EXTRACT_QUOTE_UNIT_H_

#include <string>
#include <vector>

#include "server/core/model.h"

namespace quotewire {
namespace extract {

struct QuoteUnit {
  std::vector<int> raw;     // indices into Document::raw_quotes, text order
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

// Transcript speaker labels inside the quote (rule 0 of attribution.h):
// `"PENCE: Well, …`.
#include "server/extract/attributor.h"

#include <string>
#include <string_view>

#include "server/extract/resolver.h"
#include "server/extract/text_scan.h"

namespace quotewire {
namespace extract {

bool Attributor::TrySpeakerLabel(QuoteUnit* u) const {
  std::string_view c = doc_.Slice(doc_.raw_quotes[u->raw[0]].content);
  size_t i = 0;
  int upper = 0;
  while (i < c.size() && i < 40 &&
         ((c[i] >= 'A' && c[i] <= 'Z') || c[i] == '.' || c[i] == '-' ||
          c[i] == ' ')) {
    if (c[i] >= 'A' && c[i] <= 'Z') ++upper;
    ++i;
  }
  if (upper < 2 || i >= c.size() || c[i] != ':') return false;
  std::string label(c.substr(0, i));
  while (!label.empty() && label.back() == ' ') label.pop_back();
  size_t sp = label.find_last_of(' ');
  std::string surname = LowerWord(sp == std::string::npos
                                      ? label
                                      : label.substr(sp + 1));
  // The entity with that surname, else the label in title case.
  int best = EntityByLastWord(doc_, surname);
  Speaker& sp_out = u->speaker;
  sp_out.mention = label;
  sp_out.mention_span = {doc_.raw_quotes[u->raw[0]].content.start,
                         doc_.raw_quotes[u->raw[0]].content.start +
                             static_cast<int32_t>(label.size())};
  sp_out.kind = SpeakerKind::kPerson;
  if (best >= 0) {
    sp_out.name = doc_.entities[best].name;
    u->entity = best;
  } else {
    std::string name = LowerWord(label);
    bool start = true;
    for (char& ch : name) {
      if (start && ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 32);
      start = ch == ' ' || ch == '-';
    }
    sp_out.name = name;
  }
  u->attribution = Attribution::kExplicit;
  u->confidence = 0.8f;
  return true;
}

}  // namespace extract
}  // namespace quotewire

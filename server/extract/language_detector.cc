#include "server/extract/language_detector.h"


namespace quotewire {
namespace extract {

std::string DetectLanguage(const Document& doc) {
  int best = 0;
  for (int i = 1; i < kNumLanguages; ++i) {
    if (doc.stop_counts[i] > doc.stop_counts[best]) best = i;
  }
  return doc.stop_counts[best] > 0 ? kLanguages[best] : "en";
}

}  // namespace extract
}  // namespace quotewire

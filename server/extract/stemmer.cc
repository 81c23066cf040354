#include "server/extract/stemmer.h"

#include "server/core/snowball.h"
#include "server/extract/lexicon.h"

namespace quotewire {
namespace extract {

const char* SnowballAlgorithm(int lang) {
  static constexpr const char* kAlgorithms[][2] = {
      {"en", "english"},    {"nl", "dutch"},   {"de", "german"},
      {"fr", "french"},     {"es", "spanish"}, {"ru", "russian"},
      {"it", "italian"},    {"pt", "portuguese"}};
  if (lang < 0 || lang >= kNumLanguages) return nullptr;
  for (const auto& [code, algorithm] : kAlgorithms) {
    if (std::string_view(kLanguages[lang]) == code) return algorithm;
  }
  return nullptr;
}

std::string Stem(int lang, std::string_view lower) {
  const char* algorithm = SnowballAlgorithm(lang);
  if (algorithm == nullptr) return "";
  return SnowballStem(algorithm, lower);
}

}  // namespace extract
}  // namespace quotewire

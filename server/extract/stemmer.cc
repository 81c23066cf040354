#include "server/extract/stemmer.h"

#include <array>

#include "libstemmer.h"
#include "server/extract/lexicon.h"

namespace quotewire {
namespace extract {
namespace {

// One thread's stemmers, by language index.
struct ThreadStemmers {
  std::array<sb_stemmer*, kNumLanguages> by_lang{};
  std::array<bool, kNumLanguages> tried{};
  ~ThreadStemmers() {
    for (sb_stemmer* s : by_lang) {
      if (s != nullptr) sb_stemmer_delete(s);
    }
  }
};

}  // namespace

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
  if (lang < 0 || lang >= kNumLanguages) return "";
  thread_local ThreadStemmers stemmers;
  if (!stemmers.tried[lang]) {
    stemmers.tried[lang] = true;
    if (const char* algorithm = SnowballAlgorithm(lang)) {
      stemmers.by_lang[lang] = sb_stemmer_new(algorithm, "UTF_8");
    }
  }
  sb_stemmer* s = stemmers.by_lang[lang];
  if (s == nullptr) return "";
  const sb_symbol* out = sb_stemmer_stem(
      s, reinterpret_cast<const sb_symbol*>(lower.data()),
      static_cast<int>(lower.size()));
  if (out == nullptr) return "";  // out of memory
  return std::string(reinterpret_cast<const char*>(out),
                     static_cast<size_t>(sb_stemmer_length(s)));
}

}  // namespace extract
}  // namespace quotewire

#include "server/core/snowball.h"

#include <utility>
#include <vector>

#include "libstemmer.h"

namespace quotewire {
namespace {

// One thread's stemmers by language name, null where libstemmer has none;
// a few entries, searched in order.
class ThreadStemmers {
 public:
  ThreadStemmers() = default;
  ThreadStemmers(const ThreadStemmers&) = delete;
  ThreadStemmers& operator=(const ThreadStemmers&) = delete;
  ~ThreadStemmers() {
    for (auto& [name, stemmer] : stemmers_) {
      if (stemmer != nullptr) sb_stemmer_delete(stemmer);
    }
  }

  sb_stemmer* Get(std::string_view language) {
    for (auto& [name, stemmer] : stemmers_) {
      if (name == language) return stemmer;
    }
    std::string name(language);
    sb_stemmer* stemmer = sb_stemmer_new(name.c_str(), "UTF_8");
    stemmers_.emplace_back(std::move(name), stemmer);
    return stemmer;
  }

 private:
  std::vector<std::pair<std::string, sb_stemmer*>> stemmers_;
};

sb_stemmer* ThreadStemmer(std::string_view language) {
  if (language.empty()) return nullptr;
  thread_local ThreadStemmers stemmers;
  return stemmers.Get(language);
}

}  // namespace

bool HasSnowballStemmer(std::string_view language) {
  return ThreadStemmer(language) != nullptr;
}

std::string SnowballStem(std::string_view language, std::string_view lower) {
  sb_stemmer* s = ThreadStemmer(language);
  if (s == nullptr) return "";
  const sb_symbol* out = sb_stemmer_stem(
      s, reinterpret_cast<const sb_symbol*>(lower.data()),
      static_cast<int>(lower.size()));
  if (out == nullptr) return "";  // out of memory
  return std::string(reinterpret_cast<const char*>(out),
                     static_cast<size_t>(sb_stemmer_length(s)));
}

}  // namespace quotewire

// TextFolder: the one Unicode folding used by names, sources and topics, so
// that a query and the text it should find are folded the same way.
//
//   Fold("Tikhanovskaïa")  == "tikhanovskaia"
//   Fold("Лукашенко")      == "lukashenko"    (Russian BGN/PCGN romanisation)
//   Fold("Lukašenko")      == "lukashenko"    (š ž č ż become sh zh ch zh)
//   Fold("Straße ﬁnal")    == "strasse final"
//
// Pipeline: NFKC; Cyrillic through ICU's Russian-Latin/BGN (so Ш is "sh", not
// "š"; soft and hard signs dropped); š/ž/č/ż to sh/zh/ch/zh; any other script
// through Any-Latin; Latin-ASCII (diacritics and ligatures removed,
// typographic quotes and dashes to ASCII); lower case. Pure-ASCII input takes a
// fast path that never touches ICU. Non-letters are kept: Fold() maps text to
// text, it does not tokenise.
//
// Thread safety: immutable after Create(); Fold() and ToNfc() may be called
// concurrently (ICU transliterators are not thread-safe, so each call borrows
// one from a small mutex-guarded pool of clones).
#ifndef QUOTEWIRE_SERVER_PEOPLE_TEXT_FOLDER_H_
#define QUOTEWIRE_SERVER_PEOPLE_TEXT_FOLDER_H_

#include <unicode/uversion.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"

U_NAMESPACE_BEGIN
class Transliterator;
class Normalizer2;
U_NAMESPACE_END

namespace quotewire {

class TextFolder {
 public:
  // Builds the ICU transliterator. Internal if ICU lacks a needed transform.
  static absl::StatusOr<std::unique_ptr<TextFolder>> Create();
  ~TextFolder();

  TextFolder(const TextFolder&) = delete;
  TextFolder& operator=(const TextFolder&) = delete;

  // Folds `text` for matching (see the file comment). Invalid UTF-8 bytes
  // become U+FFFD before folding.
  std::string Fold(std::string_view text) const;

  // Fold() computed by ICU alone, without the ASCII and table fast paths;
  // same result, slower. For tests and measurements.
  std::string FoldWithoutFastPaths(std::string_view text) const;

  // Returns `text` in Unicode Normalization Form C.
  std::string ToNfc(std::string_view text) const;

 private:
  TextFolder() = default;

  std::unique_ptr<icu::Transliterator> Borrow() const;
  void Return(std::unique_ptr<icu::Transliterator> t) const;

  // Folds a run of text that is not all ASCII (see Fold()).
  void FoldWithIcu(std::string_view text, std::string* out) const;

  // Fold of single code points U+0080..U+02FF (Latin-1, Latin Extended) and
  // U+2000..U+206F (general punctuation), computed with ICU at Create():
  // outside Cyrillic and combining marks, folding is context-free, so words
  // made only of ASCII and these code points need no ICU call.
  static constexpr char32_t kTableLow = 0x80, kTableLowEnd = 0x300;
  static constexpr char32_t kTablePunct = 0x2000, kTablePunctEnd = 0x2070;
  const std::string* TableFold(char32_t cp) const;
  std::vector<std::string> low_table_;
  std::vector<std::string> punct_table_;

  const icu::Normalizer2* nfc_ = nullptr;  // ICU singleton; thread-safe
  std::unique_ptr<icu::Transliterator> prototype_;
  mutable absl::Mutex mu_;
  mutable std::vector<std::unique_ptr<icu::Transliterator>> pool_
      ABSL_GUARDED_BY(mu_);
};

// True iff every byte of `text` is ASCII.
bool IsAscii(std::string_view text);

}  // namespace quotewire

#endif  // QUOTEWIRE_SERVER_PEOPLE_TEXT_FOLDER_H_

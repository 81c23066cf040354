#include "server/people/text_folder.h"

#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>
#include <unicode/utypes.h>

#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "server/core/utf8.h"

namespace quotewire {
namespace {

// Rule-based part of the fold. Cyrillic first through BGN/PCGN (readable,
// English-style romanisation that Western newsrooms mostly use); the caron
// letters of Czech/Croatian-style romanisations ("Lukašenko") and Polish ż
// ("Prigożyn", ж) are mapped to the same digraphs so that both spellings meet. The soft and hard signs
// (BGN ʹ ʺ) are dropped so that words stay whole ("Игорь" -> "igor").
constexpr char kFoldRules[] =
    "::NFKC;"
    "::[[:Cyrillic:]] Russian-Latin/BGN;"
    "\u02B9 > ; \u02BA > ;"  // BGN's soft and hard signs: dropped
    "š > sh; Š > Sh; ž > zh; Ž > Zh; č > ch; Č > Ch; ż > zh; Ż > Zh;"
    "::Any-Latin;"
    "::Latin-ASCII;"
    "::Any-Lower;";

}  // namespace

bool IsAscii(std::string_view text) {
  for (unsigned char c : text) {
    if (c >= 0x80) return false;
  }
  return true;
}

absl::StatusOr<std::unique_ptr<TextFolder>> TextFolder::Create() {
  std::unique_ptr<TextFolder> folder(new TextFolder());
  UErrorCode status = U_ZERO_ERROR;
  folder->nfc_ = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) {
    return absl::InternalError(
        absl::StrCat("ICU NFC normaliser: ", u_errorName(status)));
  }
  UParseError parse_error;
  status = U_ZERO_ERROR;
  folder->prototype_.reset(icu::Transliterator::createFromRules(
      icu::UnicodeString::fromUTF8("quotewire-fold"),
      icu::UnicodeString::fromUTF8(kFoldRules), UTRANS_FORWARD, parse_error,
      status));
  if (U_FAILURE(status) || folder->prototype_ == nullptr) {
    return absl::InternalError(
        absl::StrCat("ICU fold transliterator: ", u_errorName(status),
                     " at rule offset ", parse_error.offset));
  }
  // Single-code-point table (see the header).
  auto fill = [&](char32_t from, char32_t to, std::vector<std::string>* table) {
    table->resize(to - from);
    for (char32_t cp = from; cp < to; ++cp) {
      icu::UnicodeString u(static_cast<UChar32>(cp));
      folder->prototype_->transliterate(u);
      u.toUTF8String((*table)[cp - from]);
    }
  };
  fill(kTableLow, kTableLowEnd, &folder->low_table_);
  fill(kTablePunct, kTablePunctEnd, &folder->punct_table_);
  return folder;
}

TextFolder::~TextFolder() = default;

const std::string* TextFolder::TableFold(char32_t cp) const {
  // Combining marks (U+0300..) are outside the low table by construction.
  if (cp >= kTableLow && cp < kTableLowEnd) return &low_table_[cp - kTableLow];
  if (cp >= kTablePunct && cp < kTablePunctEnd) {
    return &punct_table_[cp - kTablePunct];
  }
  return nullptr;
}

void TextFolder::FoldWithIcu(std::string_view text, std::string* out) const {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  std::unique_ptr<icu::Transliterator> t = Borrow();
  t->transliterate(u);
  Return(std::move(t));
  u.toUTF8String(*out);
}

std::unique_ptr<icu::Transliterator> TextFolder::Borrow() const {
  absl::MutexLock lock(&mu_);
  if (!pool_.empty()) {
    std::unique_ptr<icu::Transliterator> t = std::move(pool_.back());
    pool_.pop_back();
    return t;
  }
  return std::unique_ptr<icu::Transliterator>(prototype_->clone());
}

void TextFolder::Return(std::unique_ptr<icu::Transliterator> t) const {
  absl::MutexLock lock(&mu_);
  pool_.push_back(std::move(t));
}

std::string TextFolder::Fold(std::string_view text) const {
  std::string out;
  if (IsAscii(text)) {
    out.assign(text.data(), text.size());
    for (char& c : out) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
  }
  // Words (runs between ASCII whitespace) are folded by table when every
  // code point has an entry; consecutive other words go to ICU together.
  out.reserve(text.size());
  size_t icu_start = std::string_view::npos;  // start of the pending ICU run
  size_t i = 0;
  while (i < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      if (icu_start == std::string_view::npos)
        out.push_back(static_cast<char>(c));
      ++i;
      continue;
    }
    size_t word_end = i;
    bool simple = true;
    while (word_end < text.size()) {
      unsigned char w = static_cast<unsigned char>(text[word_end]);
      if (w == ' ' || w == '\t' || w == '\n' || w == '\r') break;
      if (w < 0x80) {
        ++word_end;
        continue;
      }
      size_t p = word_end;
      char32_t cp = DecodeUtf8(text, &p);
      if (simple && (cp == 0xFFFD || TableFold(cp) == nullptr)) simple = false;
      word_end = p;
    }
    if (simple) {
      if (icu_start != std::string_view::npos) {
        // Flush the pending ICU run, keeping the whitespace before this word.
        size_t run_end = i;
        while (run_end > icu_start &&
               (text[run_end - 1] == ' ' || text[run_end - 1] == '\t' ||
                text[run_end - 1] == '\n' || text[run_end - 1] == '\r')) {
          --run_end;
        }
        FoldWithIcu(text.substr(icu_start, run_end - icu_start), &out);
        out.append(text.data() + run_end, i - run_end);
        icu_start = std::string_view::npos;
      }
      size_t p = i;
      while (p < word_end) {
        unsigned char w = static_cast<unsigned char>(text[p]);
        if (w < 0x80) {
          out.push_back(w >= 'A' && w <= 'Z' ? static_cast<char>(w - 'A' + 'a')
                                             : static_cast<char>(w));
          ++p;
        } else {
          out += *TableFold(DecodeUtf8(text, &p));
        }
      }
    } else if (icu_start == std::string_view::npos) {
      icu_start = i;
    }
    i = word_end;
  }
  if (icu_start != std::string_view::npos) {
    FoldWithIcu(text.substr(icu_start), &out);
  }
  return out;
}

std::string TextFolder::FoldWithoutFastPaths(std::string_view text) const {
  std::string out;
  FoldWithIcu(text, &out);
  return out;
}

std::string TextFolder::ToNfc(std::string_view text) const {
  std::string out;
  if (IsAscii(text)) return std::string(text);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString n = nfc_->normalize(u, status);
  if (U_FAILURE(status)) return std::string(text);
  n.toUTF8String(out);
  return out;
}

}  // namespace quotewire

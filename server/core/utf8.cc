#include "server/core/utf8.h"

#include <algorithm>
#include <string>

#include "absl/strings/str_cat.h"
#include "server/core/absl_compat.h"

namespace quotewire {
namespace {

// Returns the length of the well-formed sequence at text[pos], or 0.
size_t SequenceLength(std::string_view text, size_t pos) {
  const auto byte = [&](size_t i) -> unsigned char {
    return static_cast<unsigned char>(text[i]);
  };
  const unsigned char b0 = byte(pos);
  const size_t left = text.size() - pos;
  if (b0 < 0x80) return 1;
  const auto cont = [&](size_t i) { return (byte(i) & 0xC0) == 0x80; };
  if (b0 >= 0xC2 && b0 <= 0xDF) return left >= 2 && cont(pos + 1) ? 2 : 0;
  if (b0 >= 0xE0 && b0 <= 0xEF) {
    if (left < 3 || !cont(pos + 1) || !cont(pos + 2)) return 0;
    const unsigned char b1 = byte(pos + 1);
    if (b0 == 0xE0 && b1 < 0xA0) return 0;   // overlong
    if (b0 == 0xED && b1 >= 0xA0) return 0;  // surrogate
    return 3;
  }
  if (b0 >= 0xF0 && b0 <= 0xF4) {
    if (left < 4 || !cont(pos + 1) || !cont(pos + 2) || !cont(pos + 3)) return 0;
    const unsigned char b1 = byte(pos + 1);
    if (b0 == 0xF0 && b1 < 0x90) return 0;  // overlong
    if (b0 == 0xF4 && b1 >= 0x90) return 0;  // above U+10FFFF
    return 4;
  }
  return 0;
}

}  // namespace

absl::Status ValidateUtf8(std::string_view text, std::string_view field) {
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t n = SequenceLength(text, pos);
    if (n == 0) {
      return absl::InvalidArgumentError(absl::StrCat(
          Sv(field), ": invalid UTF-8 at byte offset ", pos));
    }
    pos += n;
  }
  return absl::OkStatus();
}

absl::Status ValidateNoControlCharacters(std::string_view text,
                                         std::string_view field) {
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t start = pos;
    const char32_t cp = DecodeUtf8(text, &pos);
    const bool c0 = cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r';
    const bool c1 = cp == 0x7F || (cp >= 0x80 && cp <= 0x9F);
    if (c0 || c1) {
      return absl::InvalidArgumentError(absl::StrCat(
          Sv(field), ": control character U+",
          absl::Hex(static_cast<uint32_t>(cp), absl::kZeroPad4),
          " at byte offset ", start));
    }
  }
  return absl::OkStatus();
}

char32_t DecodeUtf8(std::string_view text, size_t* pos) {
  const size_t n = SequenceLength(text, *pos);
  const auto b = [&](size_t i) {
    return static_cast<char32_t>(static_cast<unsigned char>(text[*pos + i]));
  };
  char32_t cp;
  switch (n) {
    case 1: cp = b(0); break;
    case 2: cp = ((b(0) & 0x1F) << 6) | (b(1) & 0x3F); break;
    case 3: cp = ((b(0) & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F); break;
    case 4:
      cp = ((b(0) & 0x07) << 18) | ((b(1) & 0x3F) << 12) | ((b(2) & 0x3F) << 6) |
           (b(3) & 0x3F);
      break;
    default:
      *pos += 1;
      return 0xFFFD;
  }
  *pos += n;
  return cp;
}

void AppendUtf8(char32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

OffsetConverter::OffsetConverter(std::string_view text, OffsetUnit unit)
    : unit_(unit), size_(static_cast<int32_t>(text.size())) {
  if (unit_ == OffsetUnit::kUtf8) return;
  byte_starts_.reserve(text.size() + 1);
  unit_starts_.reserve(text.size() + 1);
  size_t pos = 0;
  int32_t units = 0;
  while (pos < text.size()) {
    byte_starts_.push_back(static_cast<int32_t>(pos));
    unit_starts_.push_back(units);
    const char32_t cp = DecodeUtf8(text, &pos);
    units += (unit_ == OffsetUnit::kUtf16 && cp >= 0x10000) ? 2 : 1;
  }
  byte_starts_.push_back(static_cast<int32_t>(text.size()));
  unit_starts_.push_back(units);
}

int32_t OffsetConverter::Convert(int32_t byte_offset) const {
  byte_offset = std::clamp(byte_offset, 0, size_);
  if (unit_ == OffsetUnit::kUtf8) return byte_offset;
  // Last character start <= byte_offset.
  auto it = std::upper_bound(byte_starts_.begin(), byte_starts_.end(), byte_offset);
  const size_t index = static_cast<size_t>(it - byte_starts_.begin()) - 1;
  return unit_starts_[index];
}

}  // namespace quotewire

// UTF-8 validation and offset conversion.
//
// Articles arrive as UTF-8; every offset inside Quotewire is a byte offset.
// OffsetConverter turns byte offsets into UTF-16 code units or code points so
// that clients in Java, JavaScript or Python can slice their own strings.
#ifndef QUOTEWIRE_SERVER_CORE_UTF8_H_
#define QUOTEWIRE_SERVER_CORE_UTF8_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "absl/status/status.h"

namespace quotewire {

// Returns OK iff `text` is well-formed UTF-8 (no overlongs, no surrogates, no
// code points above U+10FFFF). Otherwise InvalidArgument naming `field` and
// the byte offset of the first bad sequence.
absl::Status ValidateUtf8(std::string_view text, std::string_view field);

// Returns OK iff `text` holds no C0/C1 control characters other than tab,
// newline and carriage return, and no U+0000. Assumes valid UTF-8.
// Otherwise InvalidArgument naming `field` and the offset.
absl::Status ValidateNoControlCharacters(std::string_view text,
                                         std::string_view field);

enum class OffsetUnit { kUtf8, kUtf16, kCodePoint };

// Converts byte offsets of one text into another unit. Construction is O(n)
// for the non-UTF-8 units; each conversion is O(log n). Immutable after
// construction, so safe to share across threads.
class OffsetConverter {
 public:
  OffsetConverter(std::string_view text, OffsetUnit unit);

  // Returns `byte_offset` in the converter's unit. Offsets inside a multi-byte
  // sequence map to the start of that character; offsets past the end clamp.
  int32_t Convert(int32_t byte_offset) const;

 private:
  OffsetUnit unit_;
  int32_t size_ = 0;
  // For every character start (in byte order): its byte offset and its offset
  // in the target unit. Empty for kUtf8.
  std::vector<int32_t> byte_starts_;
  std::vector<int32_t> unit_starts_;
};

// Decodes the code point starting at `text[*pos]` and advances `*pos`. On a
// malformed sequence returns U+FFFD and advances one byte.
char32_t DecodeUtf8(std::string_view text, size_t* pos);

// Appends the UTF-8 encoding of `cp` to `out`.
void AppendUtf8(char32_t cp, std::string* out);

}  // namespace quotewire

#endif  // QUOTEWIRE_SERVER_CORE_UTF8_H_

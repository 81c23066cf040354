#include "server/core/utf8.h"

#include <string>

#include "gtest/gtest.h"

namespace quotewire {
namespace {

TEST(ValidateUtf8, AcceptsWellFormedText) {
  EXPECT_TRUE(ValidateUtf8("plain", "article.text").ok());
  EXPECT_TRUE(ValidateUtf8("„Zo’n auto’s“ «ça» 「引用」 😀", "article.text").ok());
  EXPECT_TRUE(ValidateUtf8("", "article.text").ok());
}

TEST(ValidateUtf8, RejectsMalformedSequencesNamingFieldAndOffset) {
  struct Case {
    std::string text;
    int offset;
  } cases[] = {
      {"ab\xff", 2},             // invalid lead byte
      {"a\xc3", 1},              // truncated sequence
      {"\xc0\xaf", 0},           // overlong slash
      {"x\xed\xa0\x80", 1},      // UTF-16 surrogate
      {"\xf4\x90\x80\x80", 0},   // above U+10FFFF
      {"ok\xe2\x82", 2},         // truncated euro sign
  };
  for (const Case& c : cases) {
    absl::Status status = ValidateUtf8(c.text, "article.text");
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
    EXPECT_NE(status.message().find("article.text"), std::string::npos);
    EXPECT_NE(status.message().find("offset " + std::to_string(c.offset)),
              std::string::npos)
        << status.message();
  }
}

TEST(ValidateNoControlCharacters, AllowsWhitespaceRejectsControls) {
  EXPECT_TRUE(ValidateNoControlCharacters("a\tb\r\nc", "article.text").ok());
  absl::Status status = ValidateNoControlCharacters("ab\x01", "article.title");
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(status.message().find("article.title"), std::string::npos);
  EXPECT_FALSE(ValidateNoControlCharacters(std::string("a\0b", 3), "f").ok());
  EXPECT_FALSE(ValidateNoControlCharacters("a\xc2\x85", "f").ok());  // U+0085
}

TEST(OffsetConverter, ConvertsToEachUnit) {
  // "é" is 2 bytes / 1 unit; "😀" is 4 bytes / 2 UTF-16 units / 1 code point.
  const std::string text = "aé😀b";
  const int bytes_of_b = 1 + 2 + 4;
  OffsetConverter utf8(text, OffsetUnit::kUtf8);
  OffsetConverter utf16(text, OffsetUnit::kUtf16);
  OffsetConverter cps(text, OffsetUnit::kCodePoint);
  EXPECT_EQ(utf8.Convert(bytes_of_b), 7);
  EXPECT_EQ(utf16.Convert(bytes_of_b), 4);
  EXPECT_EQ(cps.Convert(bytes_of_b), 3);
  EXPECT_EQ(utf16.Convert(static_cast<int>(text.size())), 5);
  EXPECT_EQ(cps.Convert(static_cast<int>(text.size())), 4);
  EXPECT_EQ(cps.Convert(2), 1);     // inside "é": start of that character
  EXPECT_EQ(cps.Convert(1000), 4);  // clamps past the end
  EXPECT_EQ(cps.Convert(-3), 0);
}

TEST(Utf8Codec, RoundTripsCodePoints) {
  for (char32_t cp : {U'a', U'é', U'€', U'😀', U'\u201c'}) {
    std::string encoded;
    AppendUtf8(cp, &encoded);
    size_t pos = 0;
    EXPECT_EQ(DecodeUtf8(encoded, &pos), cp);
    EXPECT_EQ(pos, encoded.size());
  }
}

}  // namespace
}  // namespace quotewire

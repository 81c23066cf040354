// NormalizeSpaces and LowerNormalized: the byte scan that returns text
// needing no change as it is reads the text in words and vectors of
// several bytes, so every kind of white space is placed at every offset of
// texts of every length the scan treats apart (1..3, 4..7, 8..15, 16 and
// more bytes).
#include <string>
#include <string_view>
#include <utility>

#include "gtest/gtest.h"
#include "server/extract/text_scan.h"

namespace quotewire::extract {
namespace {

// White space that NormalizeSpaces turns into one ASCII space.
const char* const kSpaces[] = {
    "  ",            // two spaces
    "\t",            // tab
    "\n",            // line feed
    "\x01",          // any control byte
    "\x7F",          // DEL
    " \r\n ",        // a run of several
    "\xC2\xA0",      // U+00A0 no-break space
    "\xC2\x85",      // U+0085 next line
    "\xE1\x9A\x80",  // U+1680 ogham space mark
    "\xE2\x80\x89",  // U+2009 thin space
    "\xE2\x80\xAF",  // U+202F narrow no-break space
    "\xE3\x80\x80",  // U+3000 ideographic space
};

std::string Repeat(char c, size_t n) { return std::string(n, c); }

TEST(NormalizeSpaces, CollapsesWhiteSpaceAtEveryOffset) {
  for (const char* space : kSpaces) {
    for (size_t n = 2; n <= 40; ++n) {
      for (size_t i = 1; i < n; ++i) {
        const std::string text = Repeat('a', i) + space + Repeat('b', n - i);
        EXPECT_EQ(NormalizeSpaces(text),
                  Repeat('a', i) + " " + Repeat('b', n - i))
            << "length " << n << " offset " << i;
      }
    }
  }
}

TEST(NormalizeSpaces, DropsLeadingAndTrailingWhiteSpace) {
  for (const char* space : kSpaces) {
    for (size_t n = 1; n <= 20; ++n) {
      EXPECT_EQ(NormalizeSpaces(space + Repeat('a', n)), Repeat('a', n));
      EXPECT_EQ(NormalizeSpaces(Repeat('a', n) + space), Repeat('a', n));
    }
  }
  EXPECT_EQ(NormalizeSpaces(" "), "");
  EXPECT_EQ(NormalizeSpaces(""), "");
}

TEST(NormalizeSpaces, KeepsTextWithSingleSpaces) {
  const char* const kTexts[] = {
      "A",
      "Li",
      "Ann",
      "Al Gore",
      "J. Smith",
      "Jean-Luc Mélenchon",
      "Сергей Лавров",
      "Zoë ! Ünal, Çelik",
      "\xE0\xA4\x85 x",  // E0 leads no space
      "a b c d e f g h i j k l m n o p q r s t u v w x y z",
  };
  for (const char* text : kTexts) {
    EXPECT_EQ(NormalizeSpaces(text), text);
  }
}

// LowerNormalized reads the lower case of a span of printable ASCII with
// single spaces from `lower`; any other span is lower-cased and normalised.
// Here `lower` is all '#', so the result shows which way was taken.
TEST(LowerNormalized, ReadsPlainAsciiFromTheLowerText) {
  for (size_t n = 1; n <= 40; ++n) {
    const std::string text = "x " + Repeat('A', n) + " x";
    const std::string lower = Repeat('#', text.size());
    std::string scratch;
    EXPECT_EQ(LowerNormalized(text, lower, 2, 2 + n, &scratch), Repeat('#', n));
    if (n >= 3) {
      std::string spaced = text;
      spaced[2 + n / 2] = ' ';
      EXPECT_EQ(LowerNormalized(spaced, lower, 2, 2 + n, &scratch),
                Repeat('#', n));
    }
  }
}

TEST(LowerNormalized, NormalisesOtherSpansAtEveryOffset) {
  // Each with its lower-cased normal form.
  const std::pair<const char*, const char*> kOthers[] = {
      {"  ", " "}, {"\t", " "}, {"\x7F", " "}, {"\xC3\x89", "\xC3\xA9"}};
  for (const auto& [other, other_normal] : kOthers) {
    for (size_t n = 2; n <= 40; ++n) {
      for (size_t i = 1; i < n; ++i) {
        const std::string span = Repeat('A', i) + other + Repeat('B', n - i);
        const std::string text = "x " + span + " x";
        const std::string lower = Repeat('#', text.size());
        std::string scratch;
        const std::string want =
            Repeat('a', i) + other_normal + Repeat('b', n - i);
        EXPECT_EQ(LowerNormalized(text, lower, 2, 2 + span.size(), &scratch),
                  want)
            << "length " << n << " offset " << i;
      }
    }
  }
}

}  // namespace
}  // namespace quotewire::extract

// The word scan of the quote classifier (quote_classifier.h
// internal::Inspect): it reads the content 16 bytes at a time through byte
// masks. Compared here with the plain reading, one code point at a time,
// on texts built from words, joiners, separators and non-ASCII characters
// at every offset, with spans that end at the text's end (the last bytes
// are read through a padded copy) and short of it.
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "gtest/gtest.h"
#include "server/core/data_dir.h"
#include "server/extract/lexicon.h"
#include "server/extract/quote_classifier.h"
#include "server/extract/text_scan.h"

namespace quotewire::extract {
namespace {

using internal::ContentInfo;

// The definition: a word is a run of letters and digits joined by - ' and
// U+2019; the first 12 words are counted, the 13th stops the scan.
ContentInfo Reference(const Lexicon& lex, std::string_view text, Span s) {
  ContentInfo info;
  std::vector<Span> long_words;
  bool in_word = false, word_lower = false, last_long = false;
  int letters = 0;
  size_t word_start = 0;
  auto end_word = [&](size_t end) {
    if (!in_word) return;
    in_word = false;
    last_long = word_lower && letters >= 4;
    if (last_long) {
      long_words.push_back(
          {static_cast<int>(word_start), static_cast<int>(end)});
    }
  };
  size_t pos = s.start;
  while (pos < static_cast<size_t>(s.end)) {
    const size_t at = pos;
    const char32_t c = NextCp(text, &pos);
    const bool letter = IsLetterCp(c) || IsDigitCp(c);
    if (letter && !in_word) {
      in_word = true;
      letters = 0;
      word_start = at;
      if (++info.words > 12) return info;
      word_lower = IsLowerCp(c);
      const bool upper = IsUpperCp(c) || IsDigitCp(c);
      info.cap_words += upper;
      if (info.words == 1) {
        info.first_upper = upper;
        info.first_lower = word_lower;
      }
    }
    if (letter) {
      ++letters;
    } else if (c != '-' && c != '\'' && c != 0x2019) {
      end_word(at);
    }
  }
  end_word(pos);
  int low_preps = 0;
  bool last_low_prep = false;
  for (const Span w : long_words) {
    last_low_prep =
        lex.Classes(text.substr(w.start, w.end - w.start)) & kPrep;
    if (last_low_prep) {
      ++low_preps;
    } else {
      ++info.long_lower;
    }
  }
  if (last_long && last_low_prep) info.long_lower += low_preps;
  return info;
}

std::string Show(const ContentInfo& i) {
  return std::to_string(i.words) + " words, " + std::to_string(i.cap_words) +
         " capitalised, " + std::to_string(i.long_lower) + " long lower" +
         (i.first_upper ? ", first upper" : "") +
         (i.first_lower ? ", first lower" : "");
}

class QuoteWords : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto lex = Lexicon::Load(DefaultDataDir() + "/extract");
    ASSERT_TRUE(lex.ok()) << lex.status();
    lex_ = std::move(*lex).release();
  }
  static void TearDownTestSuite() { delete lex_; }

  static ContentInfo Words(std::string_view text) {
    return internal::Inspect(*lex_, text,
                             {0, static_cast<int32_t>(text.size())});
  }

  static const Lexicon* lex_;
};
const Lexicon* QuoteWords::lex_ = nullptr;

TEST_F(QuoteWords, CountsWordsAndTheirCase) {
  ContentInfo i = Words("Talks with the Minister of Finance");
  EXPECT_EQ(i.words, 6);
  EXPECT_EQ(i.cap_words, 3);
  EXPECT_EQ(i.long_lower, 0);  // "with" is a preposition
  EXPECT_TRUE(i.first_upper);
  i = Words("a well-known, long-standing plan’s 2nd draft");
  EXPECT_EQ(i.words, 6);  // joined by - and U+2019
  EXPECT_EQ(i.cap_words, 1);
  EXPECT_EQ(i.long_lower, 4);  // well-known long-standing plan’s draft
  EXPECT_TRUE(i.first_lower);
  i = Words("“¿Qué pasó?” — ÉCOLE");
  EXPECT_EQ(i.words, 3);
  EXPECT_EQ(i.cap_words, 2);
  EXPECT_TRUE(i.first_upper);
  EXPECT_EQ(Words("one two three four five six seven eight nine ten eleven "
                  "twelve thirteen fourteen")
                .words,
            13);
  EXPECT_EQ(Words(" -- ' ").words, 0);
}

TEST_F(QuoteWords, AgreesWithTheReadingByCodePoint) {
  const char* const kPieces[] = {
      "a",    "Z",      "7",       "-",          "'",      " ",
      ",",    ".",      "\t",      "word",       "Name",   "with",
      "from", "about",  "running", "\xC3\xA9",   "\xC3\x89",  // é É
      "\xE2\x80\x99",                                          // ’
      "\xE2\x80\x9C",                                          // “
      "\xE2\x80\x94",                                          // —
      "\xF0\x9F\x98\x80",                                      // emoji
      "\xFF",                                                  // invalid
      "\xC3",                                                  // cut short
      "abcdefghijklmnopqrstu", "--",
  };
  std::mt19937 rng(17);
  std::uniform_int_distribution<int> piece(0, std::size(kPieces) - 1);
  int cases = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const int n = static_cast<int>(rng() % 40);
    for (int k = 0; k < n; ++k) text += kPieces[piece(rng)];
    // Every start and end within the first and last bytes.
    for (size_t start = 0; start <= text.size() && start < 4; ++start) {
      for (size_t end = text.size(); end >= start && end + 4 > text.size();
           --end) {
        const Span s{static_cast<int32_t>(start), static_cast<int32_t>(end)};
        const ContentInfo want = Reference(*lex_, text, s);
        const ContentInfo got = internal::Inspect(*lex_, text, s);
        ASSERT_EQ(Show(got), Show(want))
            << "text \"" << text << "\" span " << start << ".." << end;
        ++cases;
        if (end == 0) break;
      }
    }
  }
  EXPECT_GT(cases, 20000);
}

}  // namespace
}  // namespace quotewire::extract

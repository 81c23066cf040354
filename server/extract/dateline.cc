#include "server/extract/dateline.h"

#include <algorithm>

#include "server/extract/text_scan.h"

namespace quotewire {
namespace extract {
namespace {

// The paragraphs that may hold a dateline: a headline, a byline or a
// picture credit may come before it.
constexpr int kDatelineParagraphs = 3;
// Tokens of the place, its region, a date and an agency.
constexpr int kMaxDatelineTokens = 12;

// "WASHINGTON", "MÜNCHEN", "S.C.": at least two letters, all upper-case.
bool WrittenInCapitals(std::string_view word) {
  int letters = 0;
  for (size_t pos = 0; pos < word.size();) {
    const char32_t c = CpAt(word, pos, word.size());
    const unsigned char b = static_cast<unsigned char>(word[pos]);
    pos += b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    if (c == '.' || c == '-' || c == '\'' || c == 0x2019) continue;
    if (!IsUpperCp(c)) return false;
    ++letters;
  }
  return letters >= 2;
}

bool IsDashToken(std::string_view p) {
  return p == "-" || p == "--" || p == "\u2013" || p == "\u2014" ||
         p == "\u2015";
}

std::string_view TextOf(const Document& doc, const Token& t) {
  return doc.text.substr(t.start, t.end - t.start);
}

}  // namespace

bool FindDateline(const Document& doc, int* begin, int* end) {
  const int paras =
      std::min<int>(kDatelineParagraphs,
                    static_cast<int>(doc.para_token_begin.size()) - 1);
  for (int p = 0; p < paras; ++p) {
    const int first = doc.para_token_begin[p];
    const int last = doc.para_token_begin[p + 1];
    if (first >= last) continue;
    const Token& head = doc.tokens[first];
    if (head.kind != TokKind::kWord || !head.cap) continue;
    bool capitals = WrittenInCapitals(TextOf(doc, head));
    bool agency = false;  // "(Reuters)", "(dpa)"; not "(D)", "(R-Texas)"
    bool in_parens = false;
    int words_in_parens = 0;
    for (int i = first + 1; i < last && i < first + kMaxDatelineTokens; ++i) {
      const Token& t = doc.tokens[i];
      const std::string_view text = TextOf(doc, t);
      if (t.kind == TokKind::kPunct && IsDashToken(text)) {
        // The dash ends the dateline; the story follows it.
        int k = i;
        while (k < last && doc.tokens[k].kind == TokKind::kPunct &&
               IsDashToken(TextOf(doc, doc.tokens[k]))) {
          ++k;
        }
        if (k < last && !in_parens && (capitals || agency)) {
          *begin = first;
          *end = i;
          return true;
        }
        break;
      }
      if (t.kind == TokKind::kWord) {
        // Inside parentheses an agency may be written in lower case (dpa).
        if (!t.cap && !in_parens) break;
        if (in_parens) {
          ++words_in_parens;
          agency = words_in_parens == 1 && text.size() >= 2 &&
                   text.find_first_of("-.") == std::string_view::npos;
        }
        continue;
      }
      if (t.kind == TokKind::kNumber) continue;
      if (text == "(") {
        in_parens = true;
        words_in_parens = 0;
      } else if (text == ")") {
        in_parens = false;
      } else if (text != "," && text != ".") {
        break;
      }
    }
  }
  return false;
}

}  // namespace extract
}  // namespace quotewire

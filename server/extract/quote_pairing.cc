#include "server/extract/quote_pairing.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "server/core/utf8.h"
#include "server/extract/text_scan.h"

namespace quotewire {
namespace extract {
namespace {

bool IsSingle(char32_t c) {
  return c == '\'' || c == 0x2018 || c == 0x2019 || c == 0x201A ||
         c == 0x2039 || c == 0x203A;
}

// Marks that are also closers or apostrophes, so context decides.
bool IsAmbiguous(char32_t c) {
  return c == '"' || c == '\'' || c == kDoubleApostrophe || c == 0x201C || c == 0x201D ||
         c == 0x2018 || c == 0x2019 || c == 0xAB || c == 0xBB ||
         c == 0x2039 || c == 0x203A;
}

bool OpenerContext(const Lexicon& lex, std::string_view text, size_t pos,
                   size_t after, const Span& para, char32_t c) {
  char32_t prev = PrevCp(text, pos, para.start);
  char32_t next = CpAt(text, after, para.end);
  if (next == 0) return false;
  if (IsAmbiguous(c)) {
    if (prev != 0 && !IsSpaceCp(prev) && !IsOpeningPunctCp(prev) &&
        !lex.IsQuoteMark(prev)) {
      return false;
    }
  }
  if (IsSpaceCp(next)) {
    // French spacing « Bonjour » only.
    if (c != 0xAB && c != 0xBB) return false;
  }
  if (IsSingle(c)) {
    if (!IsLetterCp(next) && !lex.IsQuoteMark(next) && next != 0x2026 &&
        next != '[') {
      return false;
    }
  }
  return true;
}

bool CloserContext(std::string_view text, size_t pos, size_t after,
                   const Span& para, char32_t c) {
  if (c == '\'' || c == 0x2019) {
    char32_t prev = PrevCp(text, pos, para.start);
    char32_t next = CpAt(text, after, para.end);
    if (prev == 0 || IsSpaceCp(prev)) return false;
    if (IsLetterCp(next) || IsDigitCp(next)) return false;
  }
  return true;
}

// With `skip_nested`, a closer that ends a quotation opened inside (“…”
// within "…") does not count.
bool FindCloser(const Lexicon& lex, std::string_view text, const Span& para,
                size_t from, char32_t open,
                const std::vector<char32_t>& closers, size_t* close_pos,
                size_t* close_end, bool skip_nested = false) {
  if (closers.empty()) return false;
  int depth = 0;
  size_t q = from;
  while (q < static_cast<size_t>(para.end)) {
    unsigned char d = static_cast<unsigned char>(text[q]);
    if (d < 0x80 && d != '"' && d != '\'') {
      ++q;
      continue;
    }
    size_t r = q;
    char32_t e = DecodeUtf8(text, &r);
    if (e == '\'' && r < static_cast<size_t>(para.end) && text[r] == '\'' &&
        open == kDoubleApostrophe) {
      e = kDoubleApostrophe;
      ++r;
    }
    if (skip_nested && e != open) {
      // An inner opener whose regular closer is one of ours.
      const std::vector<char32_t>& inner = lex.ClosersOf(e);
      bool nests = false;
      for (char32_t cl : closers) {
        if (std::find(inner.begin(), inner.end(), cl) != inner.end()) {
          nests = true;
        }
      }
      if (nests && OpenerContext(lex, text, q, r, para, e)) {
        ++depth;
        q = r;
        continue;
      }
    }
    for (char32_t cl : closers) {
      if (cl == e && CloserContext(text, q, r, para, e)) {
        if (depth > 0) {
          --depth;
          break;
        }
        *close_pos = q;
        *close_end = r;
        return true;
      }
    }
    q = r;
  }
  return false;
}

// A transcript speaker label ("PENCE: …") or stage direction starts a new
// turn: such a paragraph never continues the previous quote.
bool StartsNewTurn(std::string_view content) {
  if (!content.empty() && (content.front() == '(' || content.front() == '[')) {
    return true;
  }
  size_t i = 0;
  int upper = 0;
  while (i < content.size() &&
         ((content[i] >= 'A' && content[i] <= 'Z') || content[i] == '.' ||
          content[i] == '-' || content[i] == ' ')) {
    if (content[i] >= 'A' && content[i] <= 'Z') ++upper;
    ++i;
  }
  return upper >= 2 && i < content.size() && content[i] == ':';
}

}  // namespace

void PairQuotes(const Lexicon& lex, Document* doc) {
  std::string_view text = doc->text;
  doc->para_quote_begin.clear();
  for (size_t p = 0; p < doc->paragraphs.size(); ++p) {
    doc->para_quote_begin.push_back(
        static_cast<int32_t>(doc->raw_quotes.size()));
    const Span para = doc->paragraphs[p];
    std::vector<std::pair<char32_t, size_t>> failed;
    size_t pos = para.start;
    while (pos < static_cast<size_t>(para.end)) {
      unsigned char b = static_cast<unsigned char>(text[pos]);
      // Fast skip: every mark is either ASCII " ' or a multi-byte character.
      if (b < 0x80 && b != '"' && b != '\'') {
        ++pos;
        continue;
      }
      size_t after = pos;
      char32_t c = DecodeUtf8(text, &after);
      if (c == '\'' && after < static_cast<size_t>(para.end) &&
          text[after] == '\'' && lex.IsQuoteMark(kDoubleApostrophe)) {
        c = kDoubleApostrophe;
        ++after;
      }
      const std::vector<char32_t>& closers = lex.ClosersOf(c);
      if (closers.empty() || !OpenerContext(lex, text, pos, after, para, c)) {
        pos = after;
        continue;
      }
      // Search the first acceptable closer; mixed-style closers only when
      // the paragraph has no regular one.
      // A failed search from an earlier position fails from here too, which
      // keeps a paragraph full of stray marks linear.
      size_t close_pos = 0, close_end = 0;
      bool found = false;
      auto memo = std::find_if(failed.begin(), failed.end(),
                               [c](const auto& f) { return f.first == c; });
      if (memo == failed.end() || after < memo->second) {
        found = FindCloser(lex, text, para, after, c, closers, &close_pos,
                           &close_end);
        if (!found) {
          found = FindCloser(lex, text, para, after, c,
                             lex.FallbackClosersOf(c), &close_pos, &close_end,
                             /*skip_nested=*/true);
        }
        if (!found) {
          if (memo == failed.end()) failed.emplace_back(c, after);
          else memo->second = after;
        }
      }
      RawQuote rq;
      rq.para = static_cast<int32_t>(p);
      rq.open = c;
      size_t cs = after, ce;
      if (found) {
        ce = close_pos;
        rq.closed = true;
        rq.outer = {static_cast<int32_t>(pos), static_cast<int32_t>(close_end)};
        // A closing mark after a space at the very end of the paragraph is
        // ambiguous: the quote may continue in the next paragraph.
        char32_t before = PrevCp(text, close_pos, after);
        if (close_end == static_cast<size_t>(para.end) && IsSpaceCp(before)) {
          rq.open_at_end = true;
        }
      } else {
        if (IsSingle(c)) {
          pos = after;
          continue;
        }
        ce = para.end;
        rq.outer = {static_cast<int32_t>(pos), para.end};
        rq.open_at_end = true;
      }
      // Trim whitespace.
      while (cs < ce) {
        size_t r = cs;
        if (!IsSpaceCp(DecodeUtf8(text, &r))) break;
        cs = r;
      }
      while (ce > cs) {
        char32_t d = PrevCp(text, ce, cs);
        if (!IsSpaceCp(d)) break;
        ce -= (d < 0x80 ? 1 : d < 0x800 ? 2 : d < 0x10000 ? 3 : 4);
      }
      rq.content = {static_cast<int32_t>(cs), static_cast<int32_t>(ce)};
      // Single-quoted "words" of one or two letters are rock 'n' roll.
      bool keep = ce > cs && !(IsSingle(c) && ce - cs <= 2);
      if (keep) doc->raw_quotes.push_back(rq);
      pos = found ? close_end : static_cast<size_t>(para.end);
      if (!keep) pos = after;
    }
  }
  doc->para_quote_begin.push_back(static_cast<int32_t>(doc->raw_quotes.size()));
  // Multi-paragraph quotations.
  for (size_t p = 0; p + 1 < doc->paragraphs.size(); ++p) {
    int32_t b = doc->para_quote_begin[p], e = doc->para_quote_begin[p + 1];
    if (b == e) continue;
    RawQuote& last = doc->raw_quotes[e - 1];
    if (!last.open_at_end || IsSingle(last.open)) continue;
    int32_t nb = doc->para_quote_begin[p + 1], ne = doc->para_quote_begin[p + 2];
    if (nb == ne) continue;
    RawQuote& next = doc->raw_quotes[nb];
    if (next.outer.start != doc->paragraphs[p + 1].start || IsSingle(next.open) ||
        StartsNewTurn(doc->Slice(next.content))) {
      continue;
    }
    next.merged_into_prev = true;
  }
}

}  // namespace extract
}  // namespace quotewire

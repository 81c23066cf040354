#include "server/extract/quote_pairing.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <utility>
#include <vector>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "server/core/utf8.h"
#include "server/extract/cue_match.h"
#include "server/extract/interrupted_quote.h"
#include "server/extract/text_scan.h"

namespace quotewire {
namespace extract {
namespace {

bool IsDialogueDash(char32_t c) { return c == 0x2014 || c == 0x2015; }
bool IsAnyDash(char32_t c) { return c == 0x2013 || IsDialogueDash(c); }

size_t CpLen(char32_t c) {
  return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
}

// Polish and Czech set dialogue with the en dash, which also leads list
// items and ranges: a paragraph opened by one is a turn only when the
// speech closes at a second dash followed by a cue ("– Nie zgadzamy się z
// tym – mówi Anna Nowak.", "– To je chyba – řekl Novák."). `dash` is where
// the speech closes, `end` the paragraph end.
bool EnDashTurnClosedByCue(const Lexicon& lex, std::string_view text,
                           size_t dash, size_t end) {
  if (dash >= end || CpAt(text, dash, end) != 0x2013) return false;
  size_t w = dash + CpLen(0x2013);
  while (w < end && IsSpaceCp(CpAt(text, w, end))) {
    w += CpLen(CpAt(text, w, end));
  }
  return CuePhraseAtText(lex, text.substr(0, end), w);
}

// Dialogue and interview turns introduced by a dash at the paragraph start
// (Russian, Spanish, French press; Polish and Czech with the en dash, see
// above): "— Мы будем добиваться, — сказала
// Петрова.", "—No pienso dimitir—, dijo.", "— C'est une erreur, répond X."
// The speech runs to the next dash, else to a comma followed by a cue word,
// else to the paragraph end. Returns false when the paragraph is no such
// turn.
bool DialogueTurn(const Lexicon& lex, std::string_view text, Span para,
                  RawQuote* rq) {
  const size_t end = static_cast<size_t>(para.end);
  size_t pos = para.start;
  char32_t c = CpAt(text, pos, end);
  if (!IsAnyDash(c)) return false;
  pos += CpLen(c);
  while (pos < end && IsSpaceCp(CpAt(text, pos, end))) {
    pos += CpLen(CpAt(text, pos, end));
  }
  // A turn starts with a capital letter (or an opening question mark).
  char32_t first = CpAt(text, pos, end);
  if (!IsUpperCp(first) && first != 0xBF && first != 0xA1) return false;
  const size_t cs = pos;
  size_t ce = end, last_cue_comma = 0;
  for (size_t q = cs; q < end;) {
    char32_t d = CpAt(text, q, end);
    if (IsAnyDash(d) && q > cs) {
      ce = q;
      break;
    }
    if (d == ',') {
      // ", répond X": the word after the comma starts a cue.
      size_t w = q + 1;
      while (w < end && IsSpaceCp(CpAt(text, w, end))) w += CpLen(CpAt(text, w, end));
      if (CuePhraseAtText(lex, text.substr(0, end), w)) last_cue_comma = q;
    }
    q += CpLen(d);
  }
  if (ce == end && last_cue_comma > 0) ce = last_cue_comma;
  if (c == 0x2013 && !EnDashTurnClosedByCue(lex, text, ce, end)) return false;
  const size_t outer_end = ce;
  // Trim spaces and a comma that belongs to the dialogue punctuation.
  while (ce > cs) {
    char32_t d = PrevCp(text, ce, cs);
    if (!IsSpaceCp(d) && d != ',') break;
    ce -= CpLen(d);
  }
  if (ce <= cs) return false;
  rq->open = c;
  rq->closed = outer_end < end;
  rq->outer = {para.start, static_cast<int32_t>(outer_end)};
  rq->content = {static_cast<int32_t>(cs), static_cast<int32_t>(ce)};
  return true;
}

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
    // A double mark glued to the punctuation before it opens when a letter
    // follows it (`Ryan said,“Look …”`, `…authorities."We …"`): no quote
    // is open here, so it closes none.
    const bool glued = !IsSingle(c) && IsLetterCp(next) &&
                       (prev == ',' || prev == ':' || prev == ';' ||
                        prev == '.' || prev == '?' || prev == '!');
    if (prev != 0 && !IsSpaceCp(prev) && !IsOpeningPunctCp(prev) &&
        !lex.IsQuoteMark(prev) && !glued) {
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

// Finds the characters that may be quotation marks. Every other character
// would be decoded and dropped by the callers (its ClosersOf is empty and it
// is no closer), so bytes that cannot start a mark are skipped: eight at a
// time while none has its high bit set or equals an ASCII mark.
class MarkScanner {
 public:
  MarkScanner(const Lexicon& lex, std::string_view text)
      : lex_(lex), text_(text) {
    const std::string& ascii = lex.AsciiMarkLeads();
    wide_ = ascii.size() <= 2;
    // A repeated byte when there is only one ASCII mark (or none: 0x80
    // never matches an ASCII byte, and high bytes are looked at anyway).
    uint64_t a = ascii.empty() ? 0x80 : static_cast<unsigned char>(ascii[0]);
    uint64_t b = ascii.size() < 2 ? a : static_cast<unsigned char>(ascii[1]);
    first_ = a * kOnes;
    second_ = b * kOnes;
#ifdef __SSE2__
    first16_ = _mm_set1_epi8(static_cast<char>(a));
    second16_ = _mm_set1_epi8(static_cast<char>(b));
#endif
  }

  // Moves *pos to the next character before `end` that may be a quotation
  // mark and decodes it into *cp, with *after the byte past it. Two straight
  // apostrophes read as one `''` mark when `double_apostrophe`. False when
  // `end` is reached.
  bool Next(int32_t end, bool double_apostrophe, size_t* pos, char32_t* cp,
            size_t* after) const {
    const size_t limit = static_cast<size_t>(end);
    size_t p = *pos;
    while (p < limit) {
#ifdef __SSE2__
      // Sixteen bytes at a time, and straight to the first that may lead
      // a mark.
      if (wide_ && p + 16 <= limit) {
        const __m128i v =
            _mm_loadu_si128(reinterpret_cast<const __m128i*>(text_.data() + p));
        const unsigned flagged = static_cast<unsigned>(_mm_movemask_epi8(
            _mm_or_si128(v, _mm_or_si128(_mm_cmpeq_epi8(v, first16_),
                                         _mm_cmpeq_epi8(v, second16_)))));
        if (flagged == 0) {
          p += 16;
          continue;
        }
        p += static_cast<size_t>(__builtin_ctz(flagged));
      }
#endif
      if (wide_ && p + 8 <= limit && !MayHoldMark(Load(p))) {
        p += 8;
        continue;
      }
      if (!lex_.MayStartQuoteMark(static_cast<unsigned char>(text_[p]))) {
        ++p;
        continue;
      }
      *pos = p;
      *after = p;
      *cp = DecodeUtf8(text_, after);
      if (*cp == '\'' && double_apostrophe && *after < limit &&
          text_[*after] == '\'') {
        *cp = kDoubleApostrophe;
        ++*after;
      }
      return true;
    }
    *pos = p;
    return false;
  }

 private:
  static constexpr uint64_t kOnes = 0x0101010101010101ull;
  static constexpr uint64_t kHigh = 0x8080808080808080ull;

  uint64_t Load(size_t p) const {
    uint64_t w;
    std::memcpy(&w, text_.data() + p, 8);
    return w;
  }
  // Nonzero when a byte of `w` is zero (exact for the lowest such byte,
  // enough to tell whether there is one).
  static uint64_t HasZeroByte(uint64_t w) { return (w - kOnes) & ~w & kHigh; }
  bool MayHoldMark(uint64_t w) const {
    return ((w & kHigh) | HasZeroByte(w ^ first_) | HasZeroByte(w ^ second_)) !=
           0;
  }

  const Lexicon& lex_;
  std::string_view text_;
  bool wide_ = false;  // at most two ASCII marks: the 8-byte test applies
  uint64_t first_ = 0;
  uint64_t second_ = 0;
#ifdef __SSE2__
  __m128i first16_;
  __m128i second16_;
#endif
};

// True when a regular closer of the opener `open` is one of `closers`.
bool ClosedByOneOf(const Lexicon& lex, char32_t open,
                   const std::vector<char32_t>& closers) {
  const std::vector<char32_t>& own = lex.ClosersOf(open);
  for (char32_t cl : closers) {
    if (std::find(own.begin(), own.end(), cl) != own.end()) return true;
  }
  return false;
}

// With `skip_nested`, a closer that ends a quotation opened inside (“…”
// within "…") does not count; with `nest_same`, neither does one that ends
// a quotation opened inside with the same mark («… «Зенит» …»).
bool FindCloser(const Lexicon& lex, const MarkScanner& marks,
                std::string_view text, const Span& para, size_t from,
                char32_t open,
                const std::vector<char32_t>& closers, size_t* close_pos,
                size_t* close_end, bool skip_nested = false,
                bool nest_same = false, int32_t stop = -1) {
  if (closers.empty()) return false;
  const int32_t end = stop >= 0 ? std::min(stop, para.end) : para.end;
  int depth = 0;
  size_t q = from;
  size_t r = 0;
  char32_t e = 0;
  while (marks.Next(end, open == kDoubleApostrophe, &q, &e, &r)) {
    if (nest_same && e == open && OpenerContext(lex, text, q, r, para, e)) {
      ++depth;
      q = r;
      continue;
    }
    if (skip_nested && e != open) {
      // An inner opener whose regular closer is one of ours.
      if (ClosedByOneOf(lex, e, closers) &&
          OpenerContext(lex, text, q, r, para, e)) {
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

// The closer of a straight opener `"` in one pass: the first regular
// closer (FindCloser with `closers`), and the first mixed one
// (`mixed_closers`, as FindCloser with skip_nested) before it, or in the
// whole paragraph when no regular one follows. The regular search returns
// true; *mixed_found tells whether a mixed closer was seen before it (or
// at all when there is none).
bool FindStraightCloser(const Lexicon& lex, const MarkScanner& marks,
                        std::string_view text, const Span& para, size_t from,
                        char32_t open, const std::vector<char32_t>& closers,
                        const std::vector<char32_t>& mixed_closers,
                        size_t* close_pos, size_t* close_end,
                        bool* mixed_found, size_t* mixed_pos,
                        size_t* mixed_end) {
  *mixed_found = false;
  int mixed_depth = 0;
  size_t q = from;
  size_t r = 0;
  char32_t e = 0;
  while (marks.Next(para.end, open == kDoubleApostrophe, &q, &e, &r)) {
    for (char32_t cl : closers) {
      if (cl == e && CloserContext(text, q, r, para, e)) {
        *close_pos = q;
        *close_end = r;
        return true;
      }
    }
    if (!*mixed_found && !mixed_closers.empty()) {
      bool inner_opener = false;
      if (e != open) {
        // An inner opener whose regular closer is one of the mixed ones.
        if (ClosedByOneOf(lex, e, mixed_closers) &&
            OpenerContext(lex, text, q, r, para, e)) {
          ++mixed_depth;
          inner_opener = true;
        }
      }
      if (!inner_opener) {
        for (char32_t cl : mixed_closers) {
          if (cl == e && CloserContext(text, q, r, para, e)) {
            if (mixed_depth > 0) {
              --mixed_depth;
              break;
            }
            *mixed_found = true;
            *mixed_pos = q;
            *mixed_end = r;
            break;
          }
        }
      }
    }
    q = r;
  }
  return false;
}

// The Russian press nests guillemets in guillemets: «Сегодня «Зенит» был
// сильнее», and the English press double quotes in double quotes when it
// quotes a text that quotes (`wrote, “… wearing “Vote Smith” shirts …”`,
// `tweeted, "… shouted "Fire!" as he …"`). The closer of the outer
// quotation when the inner ones close inside it; false when they do not (a
// stray or unclosed inner mark, or a missing closer), and the plain search
// decides.
bool NestedSameMarkCloser(const Lexicon& lex, const MarkScanner& marks,
                          std::string_view text, const Span& para,
                          size_t from, char32_t open,
                          const std::vector<char32_t>& closers,
                          size_t* close_pos, size_t* close_end) {
  return (open == 0xAB || open == 0x201C || open == '"') &&
         FindCloser(lex, marks, text, para, from, open, closers, close_pos,
                    close_end, /*skip_nested=*/false, /*nest_same=*/true);
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

// The answer of a Q&A interview: a paragraph opening with an answer label
// (words.tsv class `answer`: "A: …", "R : …") is a quotation of the rest of
// the paragraph.
bool AnswerTurn(const Lexicon& lex, std::string_view text, Span para,
                RawQuote* rq) {
  const size_t end = static_cast<size_t>(para.end);
  size_t pos = para.start;
  while (pos < end && pos < static_cast<size_t>(para.start) + 4 &&
         IsLetterCp(CpAt(text, pos, end))) {
    pos += CpLen(CpAt(text, pos, end));
  }
  if (pos == static_cast<size_t>(para.start) || !IsUpperCp(CpAt(text, para.start, end))) {
    return false;
  }
  size_t label_end = pos;
  while (pos < end && IsSpaceCp(CpAt(text, pos, end))) pos += CpLen(CpAt(text, pos, end));
  if (pos >= end || text[pos] != ':') return false;
  if (!(lex.Classes(LowerWord(text.substr(para.start, label_end - para.start))) &
        kAnswer)) {
    return false;
  }
  ++pos;
  while (pos < end && IsSpaceCp(CpAt(text, pos, end))) pos += CpLen(CpAt(text, pos, end));
  if (pos >= end || !IsUpperCp(CpAt(text, pos, end))) return false;
  size_t ce = end;
  while (ce > pos && IsSpaceCp(PrevCp(text, ce, pos))) ce -= CpLen(PrevCp(text, ce, pos));
  rq->open = ':';
  rq->closed = false;
  rq->outer = {para.start, para.end};
  rq->content = {static_cast<int32_t>(pos), static_cast<int32_t>(ce)};
  return true;
}

// Trailing spaces trimmed: the last code point of the paragraph, or 0.
char32_t LastCp(std::string_view text, Span para) {
  size_t e = static_cast<size_t>(para.end);
  while (e > static_cast<size_t>(para.start) &&
         IsSpaceCp(PrevCp(text, e, para.start))) {
    e -= CpLen(PrevCp(text, e, para.start));
  }
  return PrevCp(text, e, para.start);
}

// A list laid out as dash-led items under a line that ends with a colon
// ("This year's winners are:" / "— Jane Roe of the Daily Post, ..." /
// "— John Doe of ..."): two or more such items, none with an attribution
// of its own and none a question, are enumerations, not dialogue turns.
// Interviews differ by their questions, reported turns by their cue.
// Marks every paragraph that is such an item.
std::vector<bool> DashListItems(const Lexicon& lex, const Document& doc) {
  std::vector<bool> item(doc.paragraphs.size(), false);
  for (size_t p = 0; p + 2 < doc.paragraphs.size(); ++p) {
    if (LastCp(doc.text, doc.paragraphs[p]) != ':') continue;
    size_t q = p + 1;
    for (; q < doc.paragraphs.size(); ++q) {
      RawQuote turn;
      if (!DialogueTurn(lex, doc.text, doc.paragraphs[q], &turn) ||
          turn.closed || LastCp(doc.text, doc.paragraphs[q]) == '?') {
        break;
      }
    }
    if (q - p - 1 < 2) continue;
    for (size_t i = p + 1; i < q; ++i) item[i] = true;
    p = q - 1;
  }
  return item;
}

}  // namespace

void PairQuotes(const Lexicon& lex, Document* doc) {
  std::string_view text = doc->text;
  const MarkScanner marks(lex, text);
  const std::vector<bool> list_items = DashListItems(lex, *doc);
  doc->para_quote_begin.clear();
  for (size_t p = 0; p < doc->paragraphs.size(); ++p) {
    doc->para_quote_begin.push_back(
        static_cast<int32_t>(doc->raw_quotes.size()));
    const Span para = doc->paragraphs[p];
    std::vector<std::pair<char32_t, size_t>> failed;
    size_t pos = para.start;
    {
      RawQuote turn;
      turn.para = static_cast<int32_t>(p);
      if (!list_items[p] && (DialogueTurn(lex, text, para, &turn) ||
                             AnswerTurn(lex, text, para, &turn))) {
        doc->raw_quotes.push_back(turn);
        pos = turn.outer.end;
        RawQuote rest;
        if (DialogueTurnRest(lex, text, para, turn, &rest)) {
          doc->raw_quotes.push_back(rest);
          pos = rest.outer.end;
        }
      }
    }
    const bool double_apostrophe = lex.IsQuoteMark(kDoubleApostrophe);
    size_t after = 0;
    char32_t c = 0;
    while (marks.Next(para.end, double_apostrophe, &pos, &c, &after)) {
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
        size_t nested_pos = 0, nested_end = 0;
        if (c == '"' && NestedSameMarkCloser(lex, marks, text, para, after, c,
                                             closers, &nested_pos,
                                             &nested_end)) {
          // A straight quote that quotes: its closer after the inner pairs,
          // unless a curly mark closes it before that.
          found = true;
          close_pos = nested_pos;
          close_end = nested_end;
          size_t mixed_pos = 0, mixed_end = 0;
          if (FindCloser(lex, marks, text, para, after, c,
                         lex.FallbackClosersOf(c), &mixed_pos, &mixed_end,
                         /*skip_nested=*/true, /*nest_same=*/false,
                         /*stop=*/static_cast<int32_t>(close_pos)) &&
              mixed_pos < close_pos) {
            close_pos = mixed_pos;
            close_end = mixed_end;
          }
        } else if (c == '"') {
          // `"…,” said X. "…"`: a straight opener closed by a curly mark
          // before the next straight one, which opens the next quote; the
          // curly mark also closes it when no straight one follows. Both
          // in one pass: a paragraph of many straight quotes stays linear.
          bool mixed = false;
          size_t mixed_pos = 0, mixed_end = 0;
          found = FindStraightCloser(lex, marks, text, para, after, c,
                                     closers, lex.FallbackClosersOf(c),
                                     &close_pos, &close_end, &mixed,
                                     &mixed_pos, &mixed_end);
          if (mixed) {
            found = true;
            close_pos = mixed_pos;
            close_end = mixed_end;
          }
        } else {
          found = NestedSameMarkCloser(lex, marks, text, para, after, c,
                                       closers, &close_pos, &close_end) ||
                  FindCloser(lex, marks, text, para, after, c, closers,
                             &close_pos, &close_end) ||
                  FindCloser(lex, marks, text, para, after, c,
                             lex.FallbackClosersOf(c), &close_pos,
                             &close_end, /*skip_nested=*/true);
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
        if (!IsSpaceCp(NextCp(text, &r))) break;
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
      if (keep) AppendSplitAtInterruptions(lex, text, rq, &doc->raw_quotes);
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
        IsDialogueDash(next.open) || IsDialogueDash(last.open) ||
        StartsNewTurn(doc->Slice(next.content))) {
      continue;
    }
    next.merged_into_prev = true;
  }
}

}  // namespace extract
}  // namespace quotewire

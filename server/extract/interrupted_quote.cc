#include "server/extract/interrupted_quote.h"

#include <cstdint>
#include <cstring>
#include <string>

#include "server/extract/cue_match.h"
#include "server/extract/text_scan.h"

namespace quotewire {
namespace extract {
namespace {

constexpr int kMaxCommaClauseWords = 12;
constexpr int kMaxDashClauseWords = 20;

bool IsEmDash(char32_t c) { return c == 0x2014 || c == 0x2015; }
bool IsApostrophe(char32_t c) { return c == '\'' || c == 0x2019; }

// Reads the text of [begin, end) a code point at a time.
class Cursor {
 public:
  Cursor(std::string_view text, size_t pos, size_t end)
      : text_(text), pos_(pos), end_(end) {}
  size_t pos() const { return pos_; }
  bool done() const { return pos_ >= end_; }
  char32_t peek() const { return CpAt(text_, pos_, end_); }
  void next() {
    if (pos_ < end_) NextCp(text_, &pos_);
  }
  void SkipSpaces() {
    while (!done() && IsSpaceCp(peek())) next();
  }
  // Moves past a word of letters (with an elided apostrophe: "l'", "all'");
  // returns it lower-cased.
  std::string Word() {
    const size_t start = pos_;
    while (!done() && IsLetterCp(peek())) next();
    if (pos_ > start && IsApostrophe(peek())) next();
    return LowerWord(text_.substr(start, pos_ - start));
  }

 private:
  std::string_view text_;
  size_t pos_;
  size_t end_;
};

// A reporting verb starts at `pos`: a cue phrase that may follow a quote,
// or a word with the stem of a cue lemma of some language.
bool ReportingVerbAt(const Lexicon& lex, std::string_view text, size_t pos,
                     size_t end, const std::string& word) {
  constexpr uint8_t kNotAfterQuote =
      kCueInverted | kCueOpensSentence | kCueNonSpeech;
  uint8_t flags = 0;
  if (CuePhraseAtText(lex, text.substr(0, end), pos, &flags)) {
    return !(flags & kNotAfterQuote);
  }
  for (int lang = 0; lang < kNumLanguages; ++lang) {
    if (lex.LemmaCue(lang, word, &flags) && !(flags & kNotAfterQuote)) {
      return true;
    }
  }
  return false;
}

// Moves past a French inverted subject pronoun glued to the verb
// ("-t-il", "-elle", "-t-on": pronouns.tsv or words.tsv `impersonal`); true
// when there was one.
bool SkipInvertedPronoun(const Lexicon& lex, Cursor* c) {
  Cursor probe = *c;
  if (probe.peek() != '-') return false;
  probe.next();
  if (probe.peek() == 't') {
    probe.next();
    if (probe.peek() != '-') return false;
    probe.next();
  }
  const std::string pron = probe.Word();
  Gender g;
  if (pron.empty() || (!lex.InList(Lexicon::List::kImpersonal, pron) &&
                       !lex.Pronoun(pron, &g))) {
    return false;
  }
  *c = probe;
  return true;
}

// Unstressed object and reflexive pronouns written before a Romance verb
// ("le reprochó", "se quejó", "s'indigne", "lhe disse"; words.tsv `clitic`).
bool IsClitic(const Lexicon& lex, const std::string& w) {
  return lex.InList(Lexicon::List::kClitic, w);
}

// A role, organisation or group noun written without an article, as
// languages without articles write a subject after the verb ("«A, —
// рассказал голкипер. — B»", "— призналась актриса").
bool BareRoleNounAt(const Lexicon& lex, const std::string& w) {
  return (lex.Classes(w) & (kRole | kOrg | kGroup)) != 0;
}

// True when a word that names or stands for a subject starts at the cursor:
// a capitalised word, a determiner, a pronoun or a bare role noun.
bool SubjectWordAt(const Lexicon& lex, Cursor c) {
  const char32_t first = c.peek();
  if (IsUpperCp(first)) return true;
  if (!IsLowerCp(first)) return false;
  const std::string w = c.Word();
  Gender g;
  return (lex.Classes(w) & kDet) || lex.Pronoun(w, &g) ||
         BareRoleNounAt(lex, w);
}

// True when the clause at `pos` (a lower-case word right after a comma or a
// dash) opens with a reporting verb that shows its subject, before `stop`
// (the clause's end).
bool AttributionClauseAt(const Lexicon& lex, std::string_view text, size_t pos,
                         size_t stop) {
  Cursor c(text, pos, stop);
  if (!IsLowerCp(c.peek())) return false;
  bool inverted = false;  // "a-t-elle lancé en riant"
  for (int skipped = 0; skipped < 2; ++skipped) {
    const size_t word_start = c.pos();
    const std::string w = c.Word();
    if (w.empty()) return false;
    inverted = SkipInvertedPronoun(lex, &c) || inverted;
    const bool aux = (lex.Classes(w) & kAux) != 0;
    if (!aux && ReportingVerbAt(lex, text, word_start, stop, w)) {
      if (inverted) return true;
      // Its subject follows within two words, or nothing does (pro-drop).
      Cursor after = c;
      after.SkipSpaces();
      if (after.done() || !IsLetterCp(after.peek())) return true;
      if (SubjectWordAt(lex, after)) return true;
      after.Word();
      after.SkipSpaces();
      return !after.done() && SubjectWordAt(lex, after);
    }
    // An auxiliary ("a-t-il", "ha") or a clitic ("le", "se", "s'") may
    // come before the verb.
    if (!aux && !inverted && !IsClitic(lex, w)) return false;
    c.SkipSpaces();
  }
  return false;
}

// Counts the words of [begin, end), stopping past `limit`.
int CountWords(std::string_view text, size_t begin, size_t end, int limit) {
  int words = 0;
  bool in_word = false;
  for (Cursor c(text, begin, end); !c.done() && words <= limit; c.next()) {
    const bool letter = !IsSpaceCp(c.peek());
    if (letter && !in_word) ++words;
    in_word = letter;
  }
  return words;
}

// Trims white space (and `also`, when nonzero) off both ends of [*b, *e).
void Trim(std::string_view text, size_t* b, size_t* e, char32_t also = 0) {
  while (*b < *e) {
    size_t r = *b;
    const char32_t d = NextCp(text, &r);
    if (!IsSpaceCp(d)) break;
    *b = r;
  }
  while (*e > *b) {
    const char32_t d = PrevCp(text, *e, *b);
    if (!IsSpaceCp(d) && (also == 0 || d != also)) break;
    *e -= d < 0x80 ? 1 : d < 0x800 ? 2 : d < 0x10000 ? 3 : 4;
  }
}

// An interruption found in a quotation's content.
struct Interruption {
  size_t a_end = 0;    // where the first part's content ends (the , or —)
  size_t b_start = 0;  // where the second part starts; 0: there is none
};

// The clause after the comma at `comma` ends with a full stop before a
// capital (B follows), with the content's end (no B) or with a comma (B
// follows in lower case).
bool CommaInterruption(const Lexicon& lex, std::string_view text, size_t comma,
                       size_t end, Interruption* out) {
  Cursor c(text, comma + 1, end);
  c.SkipSpaces();
  const size_t clause = c.pos();
  size_t stop = end;
  char32_t term = 0;
  for (Cursor s = c; !s.done(); s.next()) {
    const char32_t d = s.peek();
    if (d == '.' || d == ',' || d == ';' || d == ':' || d == '!' || d == '?' ||
        IsEmDash(d) || d == 0xAB || d == 0xBB || d == 0x201C || d == 0x201D ||
        d == '"') {
      stop = s.pos();
      term = d;
      break;
    }
  }
  if (term != 0 && term != '.' && term != ',') return false;
  if (CountWords(text, clause, stop, kMaxCommaClauseWords) >
      kMaxCommaClauseWords) {
    return false;
  }
  if (!AttributionClauseAt(lex, text, clause, stop)) return false;
  out->a_end = comma;
  out->b_start = 0;
  if (term == 0) return true;
  Cursor b(text, stop, end);
  b.next();
  b.SkipSpaces();
  if (b.done()) return true;
  const char32_t first = b.peek();
  if (term == '.' ? !IsUpperCp(first) && first != 0xBF && first != 0xA1
                  : !IsLowerCp(first)) {
    return false;
  }
  out->b_start = b.pos();
  return true;
}

// The first em dash of [from, end), or `end`.
size_t NextEmDash(std::string_view text, size_t from, size_t end) {
  for (Cursor s(text, from, end); !s.done(); s.next()) {
    if (IsEmDash(s.peek())) return s.pos();
  }
  return end;
}

// Moves past the punctuation and spaces that follow a clause's closing dash
// ("—dijo—. B", "—acentuó—, b"); true when B starts there.
bool StartOfResumedQuote(Cursor* b) {
  b->next();
  while (!b->done() && (b->peek() == '.' || b->peek() == ',' ||
                        b->peek() == ';' || b->peek() == ':' ||
                        IsSpaceCp(b->peek()))) {
    b->next();
  }
  return !b->done() &&
         (IsLetterCp(b->peek()) || b->peek() == 0xBF || b->peek() == 0xA1);
}

// The attribution clause after the dash at `dash` runs to the next dash, or
// to `end`; sets `*stop` to where it ends.
bool DashClause(const Lexicon& lex, std::string_view text, size_t dash,
                size_t end, size_t* stop) {
  Cursor c(text, dash, end);
  c.next();
  c.SkipSpaces();
  const size_t clause = c.pos();
  *stop = NextEmDash(text, clause, end);
  return CountWords(text, clause, *stop, kMaxDashClauseWords) <=
             kMaxDashClauseWords &&
         AttributionClauseAt(lex, text, clause, *stop);
}

// The clause after the dash at `dash` runs to the next dash (then B follows
// after optional punctuation) or to the content's end.
bool DashInterruption(const Lexicon& lex, std::string_view text, size_t dash,
                      size_t end, Interruption* out) {
  size_t stop = end;
  if (!DashClause(lex, text, dash, end, &stop)) return false;
  out->a_end = dash;
  out->b_start = 0;
  if (stop == end) return true;
  Cursor b(text, stop, end);
  if (StartOfResumedQuote(&b)) {
    out->b_start = b.pos();
  } else if (!b.done()) {
    return false;
  }
  return true;
}

// True when a code point starting in [begin, end) may be an em dash: its
// UTF-8 bytes (E2 80 94/95; DecodeUtf8 takes no overlong form) occur there.
// A byte test, so that contents without one are not decoded.
bool HasEmDash(std::string_view text, size_t begin, size_t end) {
  const char* p = text.data() + begin;
  const char* const stop = text.data() + end;
  while (p < stop) {
    p = static_cast<const char*>(std::memchr(p, '\xE2', stop - p));
    if (p == nullptr) return false;
    const size_t at = static_cast<size_t>(p - text.data());
    if (at + 2 < text.size() && text[at + 1] == '\x80' &&
        (text[at + 2] == '\x94' || text[at + 2] == '\x95')) {
      return true;
    }
    ++p;
  }
  return false;
}

// The first interruption of content [begin, end); false when none. Comma
// clauses only with `comma_form`.
bool FindInterruption(const Lexicon& lex, std::string_view text, size_t begin,
                      size_t end, bool comma_form, Interruption* out) {
  if (!comma_form && !HasEmDash(text, begin, end)) return false;  // most
  bool letters = false;  // the first part has a letter
  for (Cursor c(text, begin, end); !c.done(); c.next()) {
    const char32_t d = c.peek();
    if (IsLetterCp(d)) letters = true;
    if (!letters) continue;
    if (d == ',' && comma_form &&
        CommaInterruption(lex, text, c.pos(), end, out)) {
      return true;
    }
    if (IsEmDash(d) && DashInterruption(lex, text, c.pos(), end, out)) {
      return true;
    }
  }
  return false;
}

}  // namespace

void AppendSplitAtInterruptions(const Lexicon& lex, std::string_view text,
                                const RawQuote& rq,
                                std::vector<RawQuote>* out) {
  RawQuote piece = rq;
  Interruption cut;
  // The comma form is the French and Romance guillemet style; English
  // quotes break at a cue with a new pair of marks, and a comma there
  // is followed by "tell him", "to say the least".
  const bool comma_form = rq.open == 0xAB;
  while (FindInterruption(lex, text, piece.content.start, piece.content.end,
                          comma_form, &cut)) {
    RawQuote first = piece;
    size_t cs = piece.content.start, ce = cut.a_end;
    // "«A, — сказал он. — B»": the comma before the dash is no part of A.
    Trim(text, &cs, &ce, ',');
    if (ce <= cs) break;
    first.content = {static_cast<int32_t>(cs), static_cast<int32_t>(ce)};
    first.outer.end = static_cast<int32_t>(cut.a_end);
    first.open_at_end = false;
    out->push_back(first);
    if (cut.b_start == 0) {
      // The attribution closes the quotation: what follows is plain text.
      piece.outer.start = static_cast<int32_t>(cut.a_end);
      piece.content = {piece.content.end, piece.content.end};
      return;
    }
    piece.outer.start = static_cast<int32_t>(cut.b_start);
    piece.content.start = static_cast<int32_t>(cut.b_start);
    piece.merged_into_prev = false;
  }
  out->push_back(piece);
}

bool DialogueTurnRest(const Lexicon& lex, std::string_view text, Span para,
                      const RawQuote& turn, RawQuote* rest) {
  const size_t end = static_cast<size_t>(para.end);
  const size_t first_dash = static_cast<size_t>(turn.outer.end);
  if (!turn.closed || first_dash >= end ||
      !IsEmDash(CpAt(text, first_dash, end))) {
    return false;
  }
  // "—advirtió el doctor—. B" closes the clause with a dash; "— disse.
  // — B" closes it with a full stop and opens B with a dash.
  size_t dash = end;
  if (!DashClause(lex, text, first_dash, end, &dash) || dash == end) {
    return false;
  }
  Cursor b(text, dash, end);
  if (!StartOfResumedQuote(&b)) return false;
  size_t bs = b.pos(), be = NextEmDash(text, bs, end);
  const size_t outer_end = be;
  Trim(text, &bs, &be, ',');
  if (be <= bs) return false;
  *rest = turn;
  rest->outer = {static_cast<int32_t>(bs), static_cast<int32_t>(outer_end)};
  rest->content = {static_cast<int32_t>(bs), static_cast<int32_t>(be)};
  rest->closed = outer_end < end;
  return true;
}

}  // namespace extract
}  // namespace quotewire

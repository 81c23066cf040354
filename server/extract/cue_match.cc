#include "server/extract/cue_match.h"

#include <string>

#include "server/extract/text_scan.h"

namespace quotewire {
namespace extract {
namespace {

// Words between a separable verb and the rest of its phrase: the subject
// and objects of the clause ("räumte der Bundesminister am Montag in
// Berlin ein").
constexpr int kMaxMiddleField = 12;

bool IsWordTok(const Token& t) {
  return t.kind == TokKind::kWord || t.kind == TokKind::kNumber;
}

// True when words 1.. of `c` are the tokens from `j` on, all before
// `limit` and in the paragraph of token `i`.
bool RestAt(const Document& doc, const CuePhrase& c, int i, int j,
            int limit) {
  const auto& toks = doc.tokens;
  const int n = static_cast<int>(c.words.size());
  if (j + n - 1 > limit) return false;
  for (int k = 1; k < n; ++k) {
    const Token& t = toks[j + k - 1];
    if (t.para != toks[i].para || !IsWordTok(t) || t.lower != c.words[k]) {
      return false;
    }
  }
  return true;
}

// True when token `k` ends the clause of token `i`: punctuation, a quote,
// a complementiser or coordinator, another sentence or paragraph, or the
// end of the text (`limit` included); or begins a prepositional phrase
// placed after the verb bracket ("geeft X toe tegenover de krant").
bool ClosesClause(const Document& doc, int i, int k, int limit) {
  const auto& toks = doc.tokens;
  if (k >= limit || k >= static_cast<int>(toks.size())) return true;
  const Token& t = toks[k];
  return !IsWordTok(t) || t.sentence != toks[i].sentence ||
         t.para != toks[i].para || (t.classes & (kThat | kCoord)) != 0 ||
         (t.classes & (kPrep | kDet)) == kPrep;
}

}  // namespace

CueMatch MatchCueAt(const Lexicon& lex, const Document& doc, int i, int limit,
                    uint8_t require, uint8_t exclude) {
  CueMatch best;
  const auto& toks = doc.tokens;
  if (i < 0 || i >= limit || i >= static_cast<int>(toks.size()) ||
      toks[i].kind != TokKind::kWord) {
    return best;
  }
  const auto* cues = lex.CuesStartingWith(toks[i].lower, doc.lang);
  if (cues == nullptr) {
    // A one-word cue by its lemma, marked by ApplyLanguage().
    uint8_t flags;
    if ((toks[i].classes & kCueLemma) &&
        lex.LemmaCue(doc.lang, toks[i].lower, &flags) &&
        (flags & require) == require && !(flags & exclude)) {
      best.len = 1;
      best.flags = flags;
      best.words = 1;
    }
    return best;
  }
  bool separated = false;  // `best` is a separated match
  for (const CuePhrase& c : *cues) {
    if ((c.flags & require) != require || (c.flags & exclude)) continue;
    const int n = static_cast<int>(c.words.size());
    // An adjacent match of more words wins; of one word, it leaves a
    // separated match its rest.
    if (n > best.len && RestAt(doc, c, i, i + 1, limit)) {
      best.len = n;
      best.flags = c.flags;
      best.words = n;
      best.rest = -1;
      separated = false;
      continue;
    }
    // A separated phrase is tried when no phrase of two words or more
    // matched adjacently: it tells where the clause ends ("liet" is a cue
    // alone, "liet de gemeente weten" ends the speaker before "weten").
    if (best.len > 1 || separated || !(c.flags & kCueSeparable) || n < 2) {
      continue;
    }
    // The rest of a separable phrase closes the clause: the words between
    // are a middle field without punctuation (titles in quotation marks
    // may be part of it).
    for (int j = i + 2; j <= i + 1 + kMaxMiddleField && j < limit; ++j) {
      const Token& t = toks[j - 1];
      if ((!IsWordTok(t) && t.kind != TokKind::kQuote) ||
          t.sentence != toks[i].sentence || t.para != toks[i].para) {
        break;
      }
      if (RestAt(doc, c, i, j, limit) && ClosesClause(doc, i, j + n - 1, limit)) {
        best.len = 1;
        best.flags = c.flags;
        best.words = n;
        best.rest = j;
        separated = true;
        break;
      }
    }
  }
  return best;
}

bool CueHeadsToken(const Lexicon& lex, const Document& doc,
                   std::string_view head, int i, int limit) {
  const auto* cues = lex.CuesStartingWith(head, doc.lang);
  if (cues == nullptr) return false;
  for (const CuePhrase& c : *cues) {
    if (c.words.size() == 1 || RestAt(doc, c, i, i + 1, limit)) return true;
  }
  return false;
}

bool CuePhraseAtText(const Lexicon& lex, std::string_view text, size_t pos,
                     uint8_t* flags) {
  // The word at `pos` and the next ones, lower-cased, as far as a phrase
  // may need them.
  // The first word is letters only ("explique" of "explique-t-elle"), the
  // next ones keep their joiners ("referiu-se a").
  auto word_at = [&](size_t* p, bool joiners) {
    size_t e = *p;
    while (e < text.size()) {
      const char32_t ch = CpAt(text, e, text.size());
      if (!IsLetterCp(ch) &&
          !(joiners && e > *p && (ch == '-' || ch == '\'' || ch == 0x2019))) {
        break;
      }
      NextCp(text, &e);
    }
    std::string w = LowerWord(text.substr(*p, e - *p));
    *p = e;
    return w;
  };
  size_t p = pos;
  const std::string first = word_at(&p, false);
  if (first.empty()) return false;
  const auto* cues = lex.CuesStartingWith(first);
  if (cues == nullptr) return false;
  for (const CuePhrase& c : *cues) {
    size_t q = p;
    bool ok = true;
    for (size_t k = 1; k < c.words.size() && ok; ++k) {
      const size_t before = q;
      while (q < text.size() && IsSpaceCp(CpAt(text, q, text.size()))) {
        NextCp(text, &q);
      }
      ok = q > before && word_at(&q, true) == c.words[k];
    }
    if (ok) {
      if (flags != nullptr) *flags = c.flags;
      return true;
    }
  }
  return false;
}

}  // namespace extract
}  // namespace quotewire

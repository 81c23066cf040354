#include "server/extract/quote_classifier.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <optional>
#include <vector>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "server/core/utf8.h"
#include "server/extract/cue_match.h"
#include "server/extract/text_scan.h"

namespace quotewire {
namespace extract {
namespace {

bool IsFinalPunct(char32_t c) {
  return c == '.' || c == '!' || c == '?' || c == 0x2026;
}

bool IsSingleMark(char32_t c) {
  return c == '\'' || c == 0x2018 || c == 0x2019 || c == 0x201A ||
         c == 0x2039 || c == 0x203A;
}

}  // namespace

namespace internal {
namespace {

// Bit i of each mask: byte `pos + i` of `text`. Inspect reads words through
// these, 16 bytes at a time, so that its branches are taken per word or per
// 16 bytes, not per character.
struct WordBytes {
  unsigned alnum = 0;   // ASCII letter or digit
  unsigned joiner = 0;  // - or ' (inside a word, not a letter)
  unsigned high = 0;    // a byte of a non-ASCII character
};

// The last bytes of `text` from `pos`, padded with NUL to 16.
[[gnu::noinline]] const char* PaddedTail(std::string_view text, size_t pos,
                                         char* tail) {
  std::memset(tail, 0, 16);
  std::memcpy(tail, text.data() + pos, text.size() - pos);
  return tail;
}

inline WordBytes WordBytesAt(std::string_view text, size_t pos) {
  char tail[16];
  const char* p = pos + 16 <= text.size() ? text.data() + pos
                                           : PaddedTail(text, pos, tail);
  WordBytes m;
#ifdef __SSE2__
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  const __m128i folded = _mm_or_si128(v, _mm_set1_epi8(0x20));
  const __m128i letter =
      _mm_and_si128(_mm_cmpgt_epi8(folded, _mm_set1_epi8('a' - 1)),
                    _mm_cmplt_epi8(folded, _mm_set1_epi8('z' + 1)));
  const __m128i digit =
      _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)),
                    _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)));
  m.alnum = static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(letter, digit)));
  m.joiner = static_cast<unsigned>(
      _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('-')),
                                     _mm_cmpeq_epi8(v, _mm_set1_epi8('\'')))));
  m.high = static_cast<unsigned>(_mm_movemask_epi8(v));
#else
  for (int i = 0; i < 16; ++i) {
    const unsigned char b = static_cast<unsigned char>(p[i]);
    m.alnum |= unsigned{IsLetterCp(b) || IsDigitCp(b)} << i;
    m.joiner |= unsigned{b == '-' || b == '\''} << i;
    m.high |= unsigned{b >= 0x80} << i;
  }
#endif
  return m;
}

// Set bits of `m` (few: joiners inside a word).
int CountBits(unsigned m) {
  int n = 0;
  for (; m != 0; m &= m - 1) ++n;
  return n;
}

}  // namespace

ContentInfo Inspect(const Lexicon& lex, std::string_view text, Span s) {
  ContentInfo info;
  // The long lower-case words, looked up in the lexicon only once the
  // quote has ended within 12 words (past 12 no count is used).
  struct {
    size_t start, end;
  } long_words[12];
  int n_long = 0;
  bool last_long = false;  // the last word is one of them
  // The word being read.
  bool in_word = false;
  size_t word_start = 0;
  int letters = 0;
  bool word_lower = false;
  // False past 12 words: every use of the counts is guarded by words <= 12
  // (cap_words and long_lower by fewer words still), so long quotes stop
  // there.
  auto begin_word = [&](size_t at, char32_t c) {
    if (++info.words > 12) return false;
    in_word = true;
    word_start = at;
    letters = 0;
    word_lower = IsLowerCp(c);
    const bool upper = IsUpperCp(c) | IsDigitCp(c);
    info.cap_words += upper;
    if (info.words == 1) {
      info.first_upper = upper;
      info.first_lower = word_lower;
    }
    return true;
  };
  auto end_word = [&](size_t at) {
    in_word = false;
    last_long = word_lower && letters >= 4;
    long_words[n_long] = {word_start, at};
    n_long += last_long;
  };
  const size_t end = s.end;
  size_t pos = s.start;
  while (pos < end) {
    // The ASCII bytes from pos: n of them, up to 16, to the next non-ASCII
    // byte or the end.
    const WordBytes b = WordBytesAt(text, pos);
    const unsigned in_span = (1u << std::min<size_t>(end - pos, 16)) - 1;
    const int n = __builtin_ctz(b.high | ~in_span);
    const unsigned ascii = (1u << n) - 1;
    const unsigned separators = ascii & ~(b.alnum | b.joiner);
    int i = 0;  // the next byte to read
    for (;;) {
      if (!in_word) {
        const unsigned starts = b.alnum & ascii & (~0u << i);
        if (starts == 0) break;
        i = __builtin_ctz(starts);
        if (!begin_word(pos + i, static_cast<unsigned char>(text[pos + i]))) {
          return info;
        }
      }
      // The word's end: the next separator, or past the ASCII bytes (k == n).
      const int k = __builtin_ctz((separators & (~0u << i)) | (1u << n));
      letters += k - i - CountBits(b.joiner & (~0u << i) & ((1u << k) - 1));
      if (k == n) break;
      end_word(pos + k);
      i = k;
    }
    pos += n;
    if (pos < end && n < 16) {  // a non-ASCII character
      const size_t at = pos;
      const char32_t c = NextCp(text, &pos);
      if (IsLetterCp(c) || IsDigitCp(c)) {
        if (!in_word && !begin_word(at, c)) return info;
        ++letters;
      } else if (in_word && c != 0x2019) {
        end_word(at);
      }
    }
  }
  if (in_word) end_word(pos);
  // Title case keeps prepositions low except as the last word.
  int low_preps = 0;
  bool last_low_prep = false;
  for (int k = 0; k < n_long; ++k) {
    const auto& w = long_words[k];
    last_low_prep = lex.Classes(text.substr(w.start, w.end - w.start)) & kPrep;
    if (last_low_prep) {
      ++low_preps;
    } else {
      info.long_lower++;
    }
  }
  if (last_long && last_low_prep) info.long_lower += low_preps;
  return info;
}

}  // namespace internal

namespace {

using internal::ContentInfo;
using internal::Inspect;

// Strips closing quote marks and brackets to find the final punctuation.
char32_t LastPunct(std::string_view text, Span s) {
  size_t end = s.end;
  while (end > static_cast<size_t>(s.start)) {
    char32_t c = PrevCp(text, end, s.start);
    size_t len = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    if (c == ')' || c == ']' || c == '"' || c == '\'' || c == 0x201D ||
        c == 0x2019 || c == 0x201C || c == 0xBB || c == 0xAB || IsSpaceCp(c)) {
      end -= len;
      continue;
    }
    return c;
  }
  return 0;
}

// A media or organisation noun (`mask`), also in the genitive ("des
// Fachmagazins", "des Magazines"; endings.tsv `genitive`).
bool MediaNoun(const Lexicon& lex, std::string_view lower,
               uint32_t mask = kMedia | kOrg) {
  const auto media = [&](std::string_view w) {
    return (lex.Classes(w) & mask) || lex.EndsWithClass(w, mask);
  };
  if (media(lower)) return true;
  for (const std::string& ending : lex.Endings(Lexicon::Ending::kGenitive)) {
    if (lower.size() > ending.size() + 3 &&
        lower.substr(lower.size() - ending.size()) == ending &&
        media(lower.substr(0, lower.size() - ending.size()))) {
      return true;
    }
  }
  return false;
}

// A title-cased name fronted in a prepositional phrase with the definite
// article before a reporting verb names the medium the verb reports from
// ("In der „Neuen Presse am Abend“ schreibt der Minister", "In “The Daily
// Star” he wrote"): at least two capitalised words and no long lower-case
// word; an indefinite article ("Von einem „Angriff“ sprach er") keeps
// the quote speech.
bool FrontedMediumTitle(const std::vector<Token>& toks, int t, int pb,
                        const ContentInfo& info) {
  if (info.words < 2 || info.words > 6 || info.cap_words < 2 ||
      !info.first_upper || info.long_lower != 0 || t <= pb) {
    return false;
  }
  int k = t - 1;
  if (toks[k].kind != TokKind::kWord) return false;
  if ((toks[k].classes & kDet) && !(toks[k].classes & kPrep)) {
    if (toks[k].classes & kIndef) return false;
    --k;
  }
  return k >= pb && toks[k].sent_start && toks[k].kind == TokKind::kWord &&
         (toks[k].classes & kPrep) && !(toks[k].classes & kIndef);
}

// Where names inflect for case, the press writes the names of clubs,
// firms, papers and shows in quotation marks after the noun they name and
// declines them ("тренер «Зенита»", "директор «Уютного дома»", "v pořadu
// „Hokejový večer“", "w programie „Liga na żywo”"): a capitalised content
// of at most three words, at most one of them a long lower-case word.
// The caller checks that it follows a word, that no reporting verb stands
// next to it and that it has no final punctuation.
bool NameInMarksWhereNamesInflect(const Lexicon& lex, const Document& doc,
                                  const ContentInfo& info) {
  return lex.InflectsNames(doc.language) && info.first_upper &&
         info.words >= 1 && info.words <= 3 && info.long_lower <= 1;
}

// True when the tokens right before token `t` (not before `pb`) are an
// addressee phrase of outlets.tsv of two or more words ("в беседе с", "in
// an interview with"): its object is who was spoken to.
bool AfterAddresseePhrase(const Lexicon& lex, const std::vector<Token>& toks,
                          int t, int pb) {
  for (int s = t - 2; s >= pb && s >= t - 5; --s) {
    if (!(toks[s].classes & kOutletCue)) continue;
    const auto* phrases = lex.OutletPhrasesStartingWith(toks[s].lower);
    if (phrases == nullptr) continue;
    for (const std::vector<std::string>& phrase : *phrases) {
      if (static_cast<int>(phrase.size()) != t - s) continue;
      bool same = true;
      for (int i = 0; same && i < t - s; ++i) {
        same = toks[s + i].kind == TokKind::kWord &&
               toks[s + i].lower == phrase[i];
      }
      if (same) return true;
    }
  }
  return false;
}

}  // namespace

std::vector<QuoteUnit> BuildUnits(const Document& doc) {
  std::vector<QuoteUnit> units;
  units.reserve(doc.raw_quotes.size());
  for (size_t i = 0; i < doc.raw_quotes.size(); ++i) {
    const RawQuote& rq = doc.raw_quotes[i];
    if (rq.merged_into_prev && !units.empty()) {
      units.back().raw.push_back(static_cast<int>(i));
      units.back().last_token = doc.quote_token[i];
      continue;
    }
    // Built in place: a QuoteUnit holds six strings to move otherwise.
    QuoteUnit& u = units.emplace_back();
    u.raw.push_back(static_cast<int>(i));
    u.first_token = doc.quote_token[i];
    u.last_token = doc.quote_token[i];
  }
  return units;
}

namespace {

// LowerWord(s) of a slice `s` of doc.text: ASCII text (most) is lower-cased
// in lower_text at the same offset; else it is built in `*scratch`.
std::string_view LowerSlice(const Document& doc, std::string_view s,
                            std::string* scratch) {
  if (std::none_of(s.begin(), s.end(), [](char ch) { return ch & 0x80; })) {
    const size_t at = static_cast<size_t>(s.data() - doc.text.data());
    return std::string_view(doc.lower_text).substr(at, s.size());
  }
  *scratch = LowerWord(s);
  return *scratch;
}

}  // namespace

// A firm's name written with its legal form last: "der „con energy ag“",
// "des „Förderverein Freies Wissen e.V.“" (words.tsv `legal`).
// `c` is a slice of doc.text.
bool EndsWithLegalForm(const Lexicon& lex, const Document& doc,
                       std::string_view c) {
  while (!c.empty() && (c.back() == '.' || c.back() == ' ')) c.remove_suffix(1);
  const size_t space = c.rfind(' ');
  if (space == std::string_view::npos) return false;
  std::string scratch;
  return lex.InList(Lexicon::List::kLegalForm,
                    LowerSlice(doc, c.substr(space + 1), &scratch), doc.lang);
}

// True when `c` is one word of 2 to 6 capital letters (digits and hyphens
// may join them), no punctuation.
bool IsAcronymQuote(std::string_view c) {
  int letters = 0;
  for (char ch : c) {
    if (ch >= 'A' && ch <= 'Z') {
      ++letters;
    } else if (!(ch >= '0' && ch <= '9') && ch != '-') {
      return false;
    }
  }
  return letters >= 2 && c.size() <= 6;
}

// "Dann nennt sie sich „documenta 12“", "Dies nennt man einen
// „Aktiensplit“": a verb of naming (words.tsv `namingverb`), then a
// reflexive or impersonal pronoun (`selfnaming`; a subject pronoun may
// stand between), then at
// most an article before the quote at token `t`: the quote names a work, a
// body or a term.
bool SelfNamingBefore(const Lexicon& lex, const Document& doc, int t,
                      int pb) {
  const std::vector<Token>& toks = doc.tokens;
  int j = t - 1;
  if (j > pb && (toks[j].classes & (kDet | kIndef))) --j;
  if (j - 1 <= pb || toks[j].kind != TokKind::kWord ||
      !lex.InList(Lexicon::List::kSelfNaming, toks[j].lower, doc.lang)) {
    return false;
  }
  int v = j - 1;
  if (v > pb && (toks[v].classes & kPronoun)) --v;
  return v >= pb && toks[v].kind == TokKind::kWord &&
         lex.InList(Lexicon::List::kNamingVerb, toks[v].lower, doc.lang);
}

bool SpeechLikeFragment(const Lexicon& lex, const Document& doc,
                        const QuoteUnit& u) {
  if (!lex.CapitalisesNouns(doc.language) || u.raw.size() != 1) return false;
  const RawQuote& rq = doc.raw_quotes[u.raw[0]];
  const ContentInfo info = Inspect(lex, doc.text, rq.content);
  if (info.words < 2 || !info.first_lower) return false;
  // The first word is a word of the article's language (not "running
  // mate" in a German article) and has no capitals inside ("iPod nano").
  std::string_view c = doc.Slice(rq.content);
  size_t pos = 0, end = 0;
  while (pos < c.size()) {
    end = pos;
    char32_t cp = NextCp(c, &pos);
    if (!IsLetterCp(cp) && cp != '-') break;
    if (IsUpperCp(cp)) return false;
    end = pos;
  }
  const std::string_view first = c.substr(0, end);
  if (!lex.IsCommonWord(doc.lang, first) &&
      !(lex.Classes(first) & (kDet | kIndef | kPrep | kStop))) {
    return false;
  }
  const auto& toks = doc.tokens;
  const int t = u.first_token;
  const int sent = toks[t].sentence;
  for (int i = t - 3; i <= t + 3; ++i) {
    if (i == t || i < 0 || i >= static_cast<int>(toks.size()) ||
        toks[i].sentence != sent) {
      continue;
    }
    if (toks[i].classes & kNaming) return false;
  }
  if (t > 0 && toks[t - 1].kind == TokKind::kWord &&
      toks[t - 1].sentence == sent &&
      ((toks[t - 1].classes & (kMedia | kOrg)) ||
       lex.EndsWithClass(toks[t - 1].lower, kMedia | kOrg))) {
    return false;
  }
  return true;
}

namespace {

// True when `u` follows `prev` in a list of the same sentence: only a
// comma, a coordinator or both between them, and no reporting verb right
// after `u`.
bool ListedAfter(const Document& doc, const QuoteUnit& prev,
                 const QuoteUnit& u) {
  const auto& toks = doc.tokens;
  const int t = u.first_token;
  if (prev.last_token < 0 || prev.last_token >= t ||
      toks[prev.last_token].sentence != toks[t].sentence) {
    return false;
  }
  const int between = t - prev.last_token - 1;
  if (between < 1 || between > 2) return false;
  for (int i = prev.last_token + 1; i < t; ++i) {
    const bool comma = toks[i].kind == TokKind::kPunct && toks[i].lower == ",";
    if (!comma && !(toks[i].classes & kCoord)) return false;
  }
  const int n = u.last_token + 1;
  return n >= static_cast<int>(toks.size()) || toks[n].sentence != toks[t].sentence ||
         !(toks[n].classes & kCueWord);
}

}  // namespace

namespace {

// What the cue starting at a token reports, to the end of its paragraph
// (MatchCueAt): speech, or not speech (chants, applause). The quotes of a
// paragraph look at the same tokens: each is matched once per document.
class CueKinds {
 public:
  CueKinds(const Lexicon& lex, const Document& doc) : lex_(lex), doc_(doc) {}

  // A speech cue starts at token i.
  bool Speech(int i) { return Kinds(i) & kSpeech; }
  // A cue of no speech starts at token i.
  bool NonSpeech(int i) { return Kinds(i) & kNonSpeech; }

 private:
  enum : uint8_t { kKnown = 1, kSpeech = 2, kNonSpeech = 4 };

  uint8_t Kinds(int i) {
    const auto& toks = doc_.tokens;
    if (!(toks[i].classes & kCueWord)) return 0;
    if (known_.empty()) known_.assign(toks.size(), 0);
    uint8_t& k = known_[i];
    if (k == 0) {
      const int limit = doc_.para_token_begin[toks[i].para + 1];
      k = kKnown;
      if (MatchCueAt(lex_, doc_, i, limit, 0, kCueNonSpeech).len > 0) {
        k |= kSpeech;
      }
      if (MatchCueAt(lex_, doc_, i, limit, kCueNonSpeech).len > 0) {
        k |= kNonSpeech;
      }
    }
    return k;
  }

  const Lexicon& lex_;
  const Document& doc_;
  std::vector<uint8_t> known_;  // per token, 0 until matched
};

bool SentenceHasSpeechCue(const Document& doc, int t, CueKinds* cues) {
  const auto& toks = doc.tokens;
  int sent = toks[t].sentence;
  int para = toks[t].para;
  // At most 40 tokens each way keeps this linear.
  for (int i = t - 1; i >= 0 && i >= t - 40 && toks[i].sentence == sent &&
                      toks[i].para == para;
       --i) {
    if (cues->Speech(i)) return true;
  }
  for (size_t i = t + 1; i < toks.size() && i <= static_cast<size_t>(t) + 40 &&
                         toks[i].sentence == sent && toks[i].para == para;
       ++i) {
    if (cues->Speech(static_cast<int>(i))) return true;
  }
  return false;
}

// Whether a token of [first, end) is a reporting verb (or starts a cue).
bool HasCueWord(const std::vector<Token>& toks, int first, int end) {
  for (int i = first; i < end; ++i) {
    if (toks[i].classes & kCueWord) return true;
  }
  return false;
}

}  // namespace

bool SentenceHasSpeechCue(const Lexicon& lex, const Document& doc, int t) {
  CueKinds cues(lex, doc);
  return SentenceHasSpeechCue(doc, t, &cues);
}

void ClassifyQuotes(const Lexicon& lex, const Document& doc,
                    std::vector<QuoteUnit>* units) {
  const auto& toks = doc.tokens;
  // The first paragraph that ends like a sentence: the headline block (title,
  // standfirst, pulled quotes) lies before it.
  int first_sentence_para = static_cast<int>(doc.paragraphs.size());
  CueKinds cues(lex, doc);
  std::string scratch;  // LowerSlice's
  for (size_t p = 0; p < doc.paragraphs.size(); ++p) {
    char32_t last = PrevCp(doc.text, doc.paragraphs[p].end,
                           doc.paragraphs[p].start);
    if (IsFinalPunct(last) || last == 0x201D || last == '"' || last == 0xBB ||
        last == 0x2019) {
      first_sentence_para = static_cast<int>(p);
      break;
    }
  }
  for (size_t ui = 0; ui < units->size(); ++ui) {
    QuoteUnit& u = (*units)[ui];
    const RawQuote& rq = doc.raw_quotes[u.raw[0]];
    const int t = u.first_token;
    const int para = rq.para;
    const int pb = doc.para_token_begin[para];
    const int pe = doc.para_token_begin[para + 1];
    ContentInfo info = Inspect(lex, doc.text, rq.content);
    char32_t last = LastPunct(doc.text, rq.content);
    bool final_punct = IsFinalPunct(last);
    // Whether the sentence has a speech cue: looked for once, and only by
    // the rules that read it.
    std::optional<bool> sentence_cue;
    auto cue = [&] {
      if (!sentence_cue) sentence_cue = SentenceHasSpeechCue(doc, t, &cues);
      return *sentence_cue;
    };
    bool multi = u.raw.size() > 1;

    // Stage directions: "(CROSSTALK.)", "[Applause]".
    {
      std::string_view c = doc.Slice(rq.content);
      if (!c.empty() && (c.front() == '(' || c.front() == '[')) {
        char close = c.front() == '(' ? ')' : ']';
        size_t e = c.find(close);
        if (e != std::string_view::npos && e + 2 >= c.size()) {
          u.kind = QuoteKind::kScare;
          continue;
        }
      }
    }
    // The name of a known medium is no speech: "die Online-Ausgabe des
    // „Spiegel“", "schrieb „Die Zeit“".
    if (!multi && !final_punct && info.words <= 5 && info.first_upper &&
        lex.IsKnownOutlet(LowerSlice(doc, doc.Slice(rq.content), &scratch))) {
      u.kind = QuoteKind::kTitle;
      continue;
    }
    // Web addresses and handles ("news.bbc.co.uk", "www.x.org") are names.
    {
      std::string_view c = doc.Slice(rq.content);
      bool space = c.find(' ') != std::string_view::npos;
      size_t dot = c.find('.');
      if (!space && dot != std::string_view::npos && dot > 0 &&
          dot + 2 < c.size() && c.back() != '.') {
        u.kind = QuoteKind::kTitle;
        continue;
      }
    }
    if (!multi && info.words <= 12 &&
        EndsWithLegalForm(lex, doc, doc.Slice(rq.content))) {
      u.kind = QuoteKind::kTitle;
      continue;
    }
    // A short term in parentheses is a gloss: "Kreuzungen („Hybride“)".
    if (!multi && info.words <= 3 && t > pb && t + 1 < pe &&
        toks[t - 1].lower == "(" && toks[t + 1].lower == ")") {
      u.kind = QuoteKind::kScare;
      continue;
    }
    // Headings.
    // The paragraph's words, numbers and quotes besides this quote (from
    // Tokenize's counts, without walking its tokens).
    const int others = doc.para_word_begin[para + 1] -
                       doc.para_word_begin[para] +
                       doc.para_quote_begin[para + 1] -
                       doc.para_quote_begin[para] - 1;
    // A whole paragraph in single marks with final punctuation is a
    // headline only in the headline block; later it is a UK-style quote
    // paragraph ("‘We have been ignored for years.’").
    if (!multi && others == 0 && !rq.open_at_end &&
        (!final_punct ||
         (IsSingleMark(rq.open) &&
          (para <= first_sentence_para || info.long_lower == 0))) &&
        info.words <= 12) {
      u.kind = QuoteKind::kHeading;
      continue;
    }
    char32_t para_last = PrevCp(doc.text, doc.paragraphs[para].end,
                                doc.paragraphs[para].start);
    bool para_final = IsFinalPunct(para_last) || para_last == 0x201D ||
                      para_last == '"' || para_last == 0xBB ||
                      para_last == 0x2019 || para_last == ':' ||
                      para_last == 0x201C || para_last == ',';
    if (!multi && others > 0 && others <= 12 && !para_final &&
        info.words <= 6 && (!final_punct || IsSingleMark(rq.open)) &&
        !HasCueWord(toks, pb, pe)) {
      u.kind = QuoteKind::kHeading;
      continue;
    }
    // Slogans: a nonspeech word among the 8 tokens before, or coordination
    // with a preceding slogan.
    bool slogan = false;
    int seen = 0;
    for (int i = t - 1; i >= pb && seen < 8; --i, ++seen) {
      if (toks[i].kind == TokKind::kQuote) {
        // "… “A” and “B”": follow the previous quote's kind.
        if (seen <= 2 && ui > 0 &&
            (*units)[ui - 1].last_token == i &&
            (*units)[ui - 1].kind == QuoteKind::kSlogan) {
          slogan = true;
        }
        break;
      }
      if (toks[i].classes & kCueWord) {
        const bool nonspeech = cues.NonSpeech(i);
        const bool speech = cues.Speech(i);
        if (nonspeech) {
          slogan = true;
          break;
        }
        if (speech) break;
      }
    }
    // "“Leave!” they chanted."
    for (int i = u.last_token + 1, n = 0; !slogan && i < pe && n < 3; ++i, ++n) {
      if (toks[i].sentence != toks[u.last_token].sentence) break;
      if (!(toks[i].classes & kCueWord)) continue;
      const bool nonspeech = cues.NonSpeech(i);
      const bool speech = cues.Speech(i);
      if (nonspeech && !speech) slogan = true;
      break;
    }
    if (slogan && info.words <= 12) {
      u.kind = QuoteKind::kSlogan;
      continue;
    }
    // A name in a list of names: "„A“, „B“ oder „C“" follows the kind of
    // the name before it (titles of talks, books, films).
    if (!multi && !final_punct && info.words <= 12 && ui > 0 &&
        ((*units)[ui - 1].kind == QuoteKind::kTitle ||
         (*units)[ui - 1].kind == QuoteKind::kScare) &&
        ListedAfter(doc, (*units)[ui - 1], u)) {
      u.kind = (*units)[ui - 1].kind;
      continue;
    }
    // Titles and names.
    bool prev_is_cue = false;
    if (t > pb) {
      int i = t - 1;
      if (toks[i].kind == TokKind::kPunct && i > pb) --i;
      prev_is_cue = (toks[i].classes & kCueWord) != 0;
      // "sprach von einem „Angriff auf die Beschäftigten“", "spoke of a
      // “New Cold War”": a reporting verb, a preposition and an article
      // before the quote; not an addressee ("sagte gegenüber der „Bild“"),
      // nor a title-cased headline ("Obama Will Tell of 'Hope'").
      int k = t - 1;
      if (k > pb && (toks[k].classes & (kDet | kIndef)) &&
          !(toks[k].classes & kPrep)) {
        --k;
      }
      if (!prev_is_cue && k > pb && k < t && toks[k].kind == TokKind::kWord &&
          (toks[k].classes & kPrep) && !(toks[k].classes & kOutletCue) &&
          (toks[k - 1].classes & kCueWord) &&
          !(toks[k - 1].classes & kOutletCue) &&
          (!toks[k - 1].cap || toks[k - 1].sent_start)) {
        prev_is_cue = true;
      }
    }
    // A reporting verb right after the quote ("„…“, sagte X").
    bool next_is_cue = false;
    {
      int i = u.last_token + 1;
      while (i < pe && toks[i].kind == TokKind::kPunct) ++i;
      Gender g;
      if (i < pe && toks[i].kind == TokKind::kWord &&
          (toks[i].classes & kAux) && i + 1 < pe) {
        ++i;
      }
      if (i < pe && (toks[i].classes & kCueWord)) next_is_cue = true;
      if (i + 1 < pe && (toks[i].classes & kPronoun) && lex.Pronoun(toks[i].lower, &g) &&
          (toks[i + 1].classes & kCueWord)) {
        next_is_cue = true;
      }
    }
    bool embedded_after_word =
        t > pb && (toks[t - 1].kind == TokKind::kWord ||
                   toks[t - 1].kind == TokKind::kNumber);
    // A nickname between a first name and a surname: Marcia “Cia” Price.
    if (!multi && info.words <= 2 && info.first_upper && !final_punct &&
        last != ',' && t > pb && t + 1 < pe && toks[t - 1].kind == TokKind::kWord &&
        toks[t - 1].cap && toks[t + 1].kind == TokKind::kWord && toks[t + 1].cap) {
      u.kind = QuoteKind::kTitle;
      continue;
    }
    // Titles keep a final period inside the marks in US style
    // (on Fox News’s “Fox and Friends.”).
    bool title_punct = !final_punct || (last == '.' && info.cap_words >= 2 &&
                                        embedded_after_word);
    // A comma closing the quoted words that open a clause of a sentence
    // with a reporting verb is speech ("“It is over,” Mark Stone told Al
    // Jazeera"); after a word it is a US-style title ("the broadcast of “Fox
    // News Sunday,” Pence said").
    bool spoken_comma = last == ',' && !embedded_after_word && cue();
    if (!multi && title_punct && info.words >= 1 && info.words <= 6 &&
        info.first_upper && info.long_lower == 0 && !prev_is_cue &&
        !next_is_cue && !spoken_comma && (info.words >= 2 || !cue())) {
      u.kind = QuoteKind::kTitle;
      continue;
    }
    if (!multi && title_punct && !spoken_comma &&
        FrontedMediumTitle(toks, t, pb, info)) {
      u.kind = QuoteKind::kTitle;
      continue;
    }
    // „DFB“, “NATO”: one word in capitals throughout is an acronym, a name.
    if (!multi && info.words == 1 && IsAcronymQuote(doc.Slice(rq.content))) {
      u.kind = QuoteKind::kTitle;
      continue;
    }
    if (!multi && !final_punct && info.words <= 5 &&
        SelfNamingBefore(lex, doc, t, pb)) {
      u.kind = QuoteKind::kTitle;
      continue;
    }
    // A short name next to a naming word: "„Wikiasari“, so heißt ein
    // Projekt", "a book titled “Crippled America”", "her documentary
    // “13th.”", "Ouisa Davis' commentary, “Melania, tell your immigrant
    // story,” is thoughtful". A name before the quote may keep a US-style
    // final period; a reporting verb after it makes it speech ("In the film,
    // “I was scared,” she says").
    int before = t - 1;
    if (before > pb && toks[before].lower == ",") --before;
    // A capitalised naming noun right before the name keeps it a title even
    // before a reporting verb ("Zur Enzyklika „Deus lux“ äußerte sich").
    bool named_before = before >= pb && (toks[before].classes & kNaming) &&
                        (!next_is_cue || (before == t - 1 && toks[before].cap &&
                                          !toks[before].sent_start));
    // Right after the capitalised naming noun, a longer name or one that
    // ends in its own "!" or "?" is still a name ("unter dem Motto „Wir
    // bleiben hier, wir zahlen nicht!“"), unless a reporting verb follows.
    if (!multi && named_before && before == t - 1 && !next_is_cue &&
        info.words <= 12) {
      u.kind = QuoteKind::kTitle;
      continue;
    }
    if (!multi && (!final_punct || (named_before && last == '.')) &&
        info.words <= 5 && info.first_upper) {
      bool naming = named_before;
      for (int i = u.last_token + 1; !naming && i < pe && i <= u.last_token + 3 &&
                                     toks[i].sentence == toks[u.last_token].sentence;
           ++i) {
        if (toks[i].classes & kNaming) naming = true;
      }
      if (naming) {
        u.kind = QuoteKind::kTitle;
        continue;
      }
    }
    // A short name right after a media or organisation noun names it
    // ("the newspaper “The Post” reported", "Der Fernsehsender „Channel 10“
    // berichtete").
    if (!multi && !final_punct && info.words <= 4 && info.first_upper &&
        info.long_lower == 0 && t > pb && toks[t - 1].kind == TokKind::kWord &&
        MediaNoun(lex, toks[t - 1].lower)) {
      u.kind = QuoteKind::kTitle;
      continue;
    }
    // A medium's name keeps its own spelling after a media noun that is no
    // subject ("im Fachblatt „La Gazzetta dello Sport“", "ein Test des
    // Magazins „auto, motor und sport“"): a longer or lower-case name. Up
    // to two lower-case adjectives may stand before the noun ("im
    // italienischen Fachblatt „…“").
    int article = t - 2;
    for (int n = 0; n < 2 && article > pb && toks[article].kind == TokKind::kWord &&
                    !toks[article].cap &&
                    !(toks[article].classes & (kDet | kPrep | kCueWord));
         ++n) {
      --article;
    }
    if (!multi && !final_punct && info.words <= 6 && !prev_is_cue &&
        t > pb + 1 && toks[t - 1].kind == TokKind::kWord &&
        MediaNoun(lex, toks[t - 1].lower, kMedia) &&
        !toks[article].sent_start &&
        (toks[article].classes & (kDet | kPrep)) &&
        (info.first_upper || info.words <= 4)) {
      u.kind = QuoteKind::kTitle;
      continue;
    }
    // A short name right after an addressee phrase is the medium spoken to
    // ("в беседе с «Известиями»", "in an interview with “The Post”").
    if (!multi && !final_punct && info.words <= 4 && info.first_upper &&
        AfterAddresseePhrase(lex, toks, t, pb)) {
      u.kind = QuoteKind::kTitle;
      continue;
    }
    if (!multi && !final_punct && last != ',' && embedded_after_word &&
        !prev_is_cue && !next_is_cue &&
        NameInMarksWhereNamesInflect(lex, doc, info)) {
      u.kind = QuoteKind::kTitle;
      continue;
    }
    // A short name right after "according to"/"laut" is the source, not
    // speech (Laut „BBC News“ …).
    if (!multi && !final_punct && info.words <= 4 && info.first_upper &&
        t > pb && (toks[t - 1].classes & kCueWord)) {
      const auto* cues = lex.CuesStartingWith(toks[t - 1].lower, doc.lang);
      bool inverted = false;
      if (cues) {
        for (const auto& c : *cues) {
          if (c.words.size() == 1 && (c.flags & kCueInverted)) inverted = true;
        }
      }
      if (inverted) {
        u.kind = QuoteKind::kTitle;
        continue;
      }
    }
    // Scare quotes (unless the sentence is marked as reported speech; the
    // attribution stage turns unattributed fragments into scare quotes).
    // The reported-speech marker is looked for only when the other tests
    // have passed.
    auto reported = [&] {
      for (int i = t - 1; i >= pb && i >= t - 40 &&
                          toks[i].sentence == toks[t].sentence;
           --i) {
        if (toks[i].classes & kReported) return true;
      }
      for (int i = t + 1; i < pe && i <= t + 40 &&
                          toks[i].sentence == toks[t].sentence;
           ++i) {
        if (toks[i].classes & kReported) return true;
      }
      return false;
    };
    if (!multi && !final_punct && info.words <= 4 && !info.first_upper &&
        !cue() && !reported() && !SpeechLikeFragment(lex, doc, u)) {
      u.kind = QuoteKind::kScare;
      continue;
    }
    // Partial or full.
    bool embedded = false;
    if (t > pb) {
      const Token& prev = toks[t - 1];
      embedded = prev.kind == TokKind::kWord || prev.kind == TokKind::kNumber;
      if (prev.classes & kCueWord) embedded = false;
    }
    if (info.first_lower || (embedded && !final_punct)) {
      u.kind = QuoteKind::kPartial;
    } else {
      u.kind = QuoteKind::kFull;
    }
  }
}

}  // namespace extract
}  // namespace quotewire

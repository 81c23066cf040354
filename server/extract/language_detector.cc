#include "server/extract/language_detector.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "cld2/internal/lang_script.h"
#include "cld2/public/compact_lang_det.h"
#include "server/extract/cue_match.h"
#include "server/extract/text_scan.h"

namespace quotewire {
namespace extract {
namespace {

constexpr size_t kScriptPrefix = 4000;  // bytes inspected for the script
// Bytes given to the language identifier: CLD2 is sure of a news article's
// language long before that.
constexpr size_t kIdentifierPrefix = 4096;
// A text shorter than this is never taken for an unlisted language: CLD2
// takes a sentence of Spanish for Galician.
constexpr size_t kMinUnlistedBytes = 300;

constexpr uint64_t kOnes = 0x0101010101010101ull;
constexpr uint64_t kLow7 = 0x7F7F7F7F7F7F7F7Full;
constexpr uint64_t kHigh = 0x8080808080808080ull;

// 0x80 in each byte of `x` that is zero, 0 in the others (exact: no sum
// carries into the next byte).
uint64_t ZeroBytes(uint64_t x) { return ~(((x & kLow7) + kLow7) | x | kLow7); }

// The sum of the eight byte counters of `v` (each at most 255).
int SumBytes(uint64_t v) {
  constexpr uint64_t kEven = 0x00FF00FF00FF00FFull;
  v = (v & kEven) + ((v >> 8) & kEven);  // four 16-bit sums
  return static_cast<int>((v * 0x0001000100010001ull) >> 48);
}

// True when Cyrillic letters outnumber Latin ones in the text's prefix.
// Counts eight bytes at a time in per-byte counters: every article pays
// for this prefix.
bool MostlyCyrillic(std::string_view text) {
  int cyrillic = 0;
  int latin = 0;
  const size_t n = std::min(text.size(), kScriptPrefix);
  size_t i = 0;
#ifdef __SSE2__
  // Sixteen bytes at a time, in per-byte counters (a matching byte's
  // compare gives -1, subtracted), summed by _mm_sad_epu8 every 255 rounds.
  while (i + 16 <= n) {
    __m128i cyr_lanes = _mm_setzero_si128();
    __m128i lat_lanes = _mm_setzero_si128();
    for (int round = 0; round < 255 && i + 16 <= n; ++round, i += 16) {
      const __m128i v =
          _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
      // Bytes D0 and D1.
      const __m128i cyr = _mm_cmpeq_epi8(
          _mm_and_si128(v, _mm_set1_epi8(static_cast<char>(0xFE))),
          _mm_set1_epi8(static_cast<char>(0xD0)));
      // Bytes below 0x80 with (b | 0x20) in 'a'..'z' (signed compares: the
      // others are negative).
      const __m128i y = _mm_or_si128(v, _mm_set1_epi8(0x20));
      const __m128i lat =
          _mm_and_si128(_mm_cmpgt_epi8(y, _mm_set1_epi8('a' - 1)),
                        _mm_cmplt_epi8(y, _mm_set1_epi8('z' + 1)));
      cyr_lanes = _mm_sub_epi8(cyr_lanes, cyr);
      lat_lanes = _mm_sub_epi8(lat_lanes, lat);
    }
    const __m128i zero = _mm_setzero_si128();
    const __m128i cyr_sums = _mm_sad_epu8(cyr_lanes, zero);
    const __m128i lat_sums = _mm_sad_epu8(lat_lanes, zero);
    cyrillic += _mm_cvtsi128_si32(cyr_sums) +
                _mm_cvtsi128_si32(_mm_srli_si128(cyr_sums, 8));
    latin += _mm_cvtsi128_si32(lat_sums) +
             _mm_cvtsi128_si32(_mm_srli_si128(lat_sums, 8));
  }
#endif
  while (i + 8 <= n) {
    uint64_t cyr_lanes = 0;
    uint64_t lat_lanes = 0;
    // At most 255 rounds, so that no byte counter overflows.
    for (int round = 0; round < 255 && i + 8 <= n; ++round, i += 8) {
      uint64_t w;
      std::memcpy(&w, text.data() + i, 8);
      // Bytes D0 and D1.
      const uint64_t cyr = ZeroBytes((w & ~kOnes) ^ (kOnes * 0xD0));
      // Bytes below 0x80 with (b | 0x20) in 'a'..'z'.
      const uint64_t y = w | (kOnes * 0x20);
      const uint64_t from_a = (y & kLow7) + kOnes * (0x80 - 'a');
      const uint64_t above_z = (y & kLow7) + kOnes * (0x80 - 'z' - 1);
      const uint64_t lat = from_a & ~above_z & ~y & kHigh;
      cyr_lanes += cyr >> 7;
      lat_lanes += lat >> 7;
    }
    cyrillic += SumBytes(cyr_lanes);
    latin += SumBytes(lat_lanes);
  }
  for (; i < n; ++i) {
    const unsigned char b = static_cast<unsigned char>(text[i]);
    if (b == 0xD0 || b == 0xD1) {
      ++cyrillic;  // lead byte of U+0400..U+047F
    } else if ((b | 0x20) >= 'a' && (b | 0x20) <= 'z') {
      ++latin;
    }
  }
  return cyrillic > latin;
}

// CLD2's answer over the first kIdentifierPrefix bytes of `text` (cut at a
// character boundary): a language code, or empty when CLD2 is not sure.
std::string IdentifyLanguage(std::string_view text) {
  size_t n = std::min(text.size(), kIdentifierPrefix);
  while (n > 0 && n < text.size() &&
         (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) {
    --n;
  }
  bool reliable = false;
  int valid_prefix = 0;
  const CLD2::Language lang = CLD2::DetectLanguageCheckUTF8(
      text.data(), static_cast<int>(n), /*is_plain_text=*/true, &reliable,
      &valid_prefix);
  if (!reliable || lang == CLD2::UNKNOWN_LANGUAGE) return "";
  const char* code = CLD2::LanguageCode(lang);
  return code == nullptr ? "" : code;
}

// "a-t-il", "ont-elles": an auxiliary with its subject pronoun glued to it.
bool InvertedAuxiliary(const Lexicon& lex, std::string_view lower) {
  const size_t first = lower.find('-');
  const size_t last = lower.rfind('-');
  if (first == std::string_view::npos || last + 1 >= lower.size()) {
    return false;
  }
  Gender g;
  return (lex.Classes(lower.substr(0, first)) & kAux) &&
         lex.Pronoun(lower.substr(last + 1), &g);
}

}  // namespace

std::string DetectLanguage(const Lexicon& lex, const Document& doc) {
  // A language CLD2 is sure of and we have no data for is that language
  // (handled by the rules of every language: `*` entries only); a listed
  // one it is sure of is taken unless the stop-words clearly disagree.
  // CLD2 costs about 40 us per KiB: it is asked only when the stop-words
  // leave doubt (fewer than one token in six, or a close second language).
  int lead = 0, runner_up = 0;
  for (int i = 0; i < kNumLanguages; ++i) {
    const int c = doc.stop_counts[i];
    if (c > lead) {
      runner_up = lead;
      lead = c;
    } else if (c > runner_up) {
      runner_up = c;
    }
  }
  const int tokens = static_cast<int>(std::min<size_t>(doc.tokens.size(), 2400));
  const bool clear = lead >= kMinStopWords && 6 * lead >= tokens &&
                     lead >= 2 * runner_up;
  const std::string identified = clear ? "" : IdentifyLanguage(doc.text);
  const int identified_index = LanguageIndex(identified);
  if (!identified.empty() && identified_index < 0 &&
      doc.text.size() >= kMinUnlistedBytes) {
    return identified;
  }
  // A text mostly in Cyrillic is in a language written in it
  // (word_order.tsv `cyrillic`), the one with most stop-words.
  if (MostlyCyrillic(doc.text)) {
    int cyrillic = -1;
    for (int i = 0; i < kNumLanguages; ++i) {
      if (lex.Has(i, Lexicon::Trait::kCyrillic) &&
          (cyrillic < 0 || doc.stop_counts[i] > doc.stop_counts[cyrillic])) {
        cyrillic = i;
      }
    }
    if (cyrillic >= 0) return kLanguages[cyrillic];
  }
  int counts[kNumLanguages];
  // The two highest counts: a word shared by several languages ("de") adds
  // to each of them, so only the leading language's count says how much
  // evidence there is, and a tie says nothing.
  int top = 0, second = 0;
  for (int i = 0; i < kNumLanguages; ++i) {
    counts[i] = doc.stop_counts[i];
    if (counts[i] > top) {
      second = top;
      top = counts[i];
    } else if (counts[i] > second) {
      second = counts[i];
    }
  }
  if (top < kMinStopWords || top == second) {
    // Short text: count every word, quotations included.
    for (int& c : counts) c = 0;
    std::string_view lower = doc.lower_text.size() == doc.text.size()
                                 ? std::string_view(doc.lower_text)
                                 : std::string_view();
    size_t pos = 0;
    int words = 0;
    while (pos < lower.size() && words < 2000) {
      size_t start = pos;
      while (pos < lower.size() && IsLetterCp(CpAt(lower, pos, lower.size()))) {
        const unsigned char b = static_cast<unsigned char>(lower[pos]);
        pos += b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
      }
      if (pos > start) {
        ++words;
        const uint32_t bits =
            lex.StopLanguages(lower.substr(start, pos - start));
        for (int l = 0; l < kNumLanguages; ++l) {
          if (bits & (1u << l)) counts[l]++;
        }
      } else {
        const unsigned char b = static_cast<unsigned char>(lower[pos]);
        pos += b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
      }
    }
    // Marking letters (letters.tsv) break ties: at most 3 per language.
    int hints[kNumLanguages] = {0};
    for (size_t p = 0; p < lower.size() && p < kScriptPrefix;) {
      const unsigned char b = static_cast<unsigned char>(lower[p]);
      if (b >= 0x80) {
        const uint32_t bits = lex.LetterLanguages(CpAt(lower, p, lower.size()));
        for (int l = 0; l < kNumLanguages; ++l) {
          if ((bits & (1u << l)) && hints[l] < 3) hints[l]++;
        }
      }
      p += b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    }
    for (int l = 0; l < kNumLanguages; ++l) counts[l] = 2 * counts[l] + hints[l];
  }
  int best = 0;
  for (int i = 1; i < kNumLanguages; ++i) {
    if (counts[i] > counts[best]) best = i;
  }
  // CLD2 wins unless the stop-words of another language are at least twice
  // as frequent as its own (a text quoting mostly another language).
  if (identified_index >= 0 &&
      counts[best] < 2 * std::max(counts[identified_index], 1)) {
    return kLanguages[identified_index];
  }
  return kLanguages[counts[best] > 0 ? best : lex.DefaultLanguage()];
}

namespace {

// True when every word of `c` after its first is a word of the article
// (Tokenize puts the text of every word and number token in doc.words).
bool RestWordsInArticle(const Document& doc, const CuePhrase& c) {
  for (size_t k = 1; k < c.words.size(); ++k) {
    if (doc.words.Find(c.words[k]) < 0) return false;
  }
  return true;
}

}  // namespace

void ApplyLanguage(const Lexicon& lex, Document* doc) {
  doc->lang = LanguageIndex(doc->language);
  // Each word's classes in the article's language, decided once per
  // distinct word: function words recur on every line. Unlisted languages
  // keep every language's classes. One entry more than words: the
  // punctuation and quote tokens (word id -1) have no classes.
  const int lang = doc->lang < 0 ? kUnlistedLanguage : doc->lang;
  const int32_t num_words = doc->words.size();
  // Every entry is written below: a scratch buffer that only grows (not
  // zeroed by a resize for each article).
  if (doc->word_lang.size() < static_cast<size_t>(num_words) + 1) {
    doc->word_lang.resize(static_cast<size_t>(num_words) + 1);
  }
  WordLangInfo* const by_word = doc->word_lang.data() + 1;
  by_word[-1] = {0, 0};
  for (int32_t id = 0; id < num_words; ++id) {
    const WordLexInfo& info = doc->word_lex[id];
    uint32_t classes = info.classes;
    if (classes & kLangSpecific) {
      // Only listed words have kLangSpecific: found by index, not text.
      classes = (info.lex_index >= 0
                     ? lex.ClassesInAt(info.lex_index, lang)
                     : lex.ClassesIn(doc->words.text(id), lang)) &
                ~kLangSpecific;
    }
    by_word[id] = {
        classes,
        ((classes & (kPronoun | kPronMale | kPronFemale)) ? kMentionPronoun
                                                          : 0u) |
            ((classes & kTitle) || info.hyphen ? kMentionStart : 0u)};
  }
  // A reporting verb right after an indefinite article is a noun ("a call
  // for", "un appel"), in English after any article ("the call"). Other
  // languages' definite articles double as pronouns before verbs ("comme le
  // dit", German and Dutch relative "die sagte").
  // Both in one pass over the tokens: the previous token's classes are
  // final when a token is reached.
  const bool english = lex.Has(doc->lang, Lexicon::Trait::kArticleMakesNoun);
  std::vector<Token>& toks = doc->tokens;
  // The tokens still starting some cue phrase, for the pass below.
  std::vector<int32_t>& cue_tokens = doc->cue_tokens;
  cue_tokens.clear();
  // In a local: the loop stores to tokens, so toks.size() (a division by
  // the token's 48 bytes) would be computed again at every token.
  const size_t num_toks = toks.size();
  // The same pass collects DetectMentions' candidate tokens (document.h),
  // without data-dependent branches (which mispredict on every other
  // token): every index is stored, and the count grows when it is kept.
  if (doc->pronoun_tokens.size() < num_toks) {
    doc->pronoun_tokens.resize(num_toks);
  }
  if (doc->mention_start_tokens.size() < num_toks) {
    doc->mention_start_tokens.resize(num_toks);
  }
  int32_t* const pronouns_out = doc->pronoun_tokens.data();
  int32_t* const starts_out = doc->mention_start_tokens.data();
  size_t num_pronouns = 0;
  size_t num_starts = 0;
  for (size_t i = 0; i < num_toks; ++i) {
    Token& t = toks[i];
    const WordLangInfo w = by_word[t.word_id];
    t.classes = w.classes;
    const bool word = t.kind == TokKind::kWord;
    pronouns_out[num_pronouns] = static_cast<int32_t>(i);
    num_pronouns += word & ((w.mention & kMentionPronoun) != 0);
    starts_out[num_starts] = static_cast<int32_t>(i);
    num_starts += word & (t.cap | ((w.mention & kMentionStart) != 0));
    if (!(t.classes & kCueWord)) continue;
    if (i > 0) {
      const Token& prev = toks[i - 1];
      if (prev.kind == TokKind::kWord && prev.para == t.para &&
          ((prev.classes & kIndef) || (english && (prev.classes & kDet)))) {
        t.classes &= ~kCueWord;
        continue;
      }
    }
    cue_tokens.push_back(static_cast<int32_t>(i));
  }
  doc->num_pronoun_tokens = num_pronouns;
  doc->num_mention_start_tokens = num_starts;
  // A word that starts a cue phrase is a cue only where the whole phrase
  // matches ("gibt zu", not "Kindergärten gibt es"); the rest of a
  // separated phrase is marked. A phrase of more words matches only in an
  // article having all its other words (MatchCueAt compares them with the
  // tokens' text), which is known per word after its first token: a word
  // with a one-word phrase and no separable one that may match always
  // matches, one with no phrase that may match never does.
  enum : uint8_t { kUnknownYet, kAlways, kNever, kCheck };
  std::vector<uint8_t>& cue_state = doc->word_cue_state;
  cue_state.assign(doc->words.size(), kUnknownYet);
  for (const int32_t i : cue_tokens) {
    Token& t = toks[i];
    if (t.word_id < 0) continue;
    uint8_t& state = cue_state[t.word_id];
    if (state == kUnknownYet) {
      state = kCheck;
      if (const auto* cues = lex.CuesStartingWith(t.lower, doc->lang)) {
        bool one_word = false, separable = false, longer = false;
        for (const CuePhrase& c : *cues) {
          if (c.words.size() == 1) {
            one_word = true;
          } else if (RestWordsInArticle(*doc, c)) {
            longer = true;
            separable |= (c.flags & kCueSeparable) != 0;
          }
        }
        if (one_word && !separable) state = kAlways;
        if (!one_word && !longer) state = kNever;
      }
    }
    if (state == kAlways) continue;
    if (state == kNever) {
      t.classes &= ~kCueWord;
      continue;
    }
    const CueMatch m =
        MatchCueAt(lex, *doc, i, doc->para_token_begin[t.para + 1]);
    if (m.len == 0) t.classes &= ~kCueWord;
    for (int k = m.rest; k >= 0 && k < m.rest + m.words - 1; ++k) {
      toks[k].classes |= kCueRest;
    }
  }
  // Cues listed by their lemma (cues.tsv `lemma`) where a reporting verb
  // stands: right after a quote and its punctuation ("«…», reclamou X",
  // "«…» —justificó"), or before a colon. Only there: a stem is shared by
  // nouns ("a garantia") that elsewhere report nothing.
  if (lex.HasLemmaCues(doc->lang)) {
    // Both places need a quote among the five tokens before the word or a
    // colon among the four after it: only the tokens of those windows
    // (after each quote token, before each colon token) are visited.
    // Neither is found by a pass over the tokens: the quote tokens are
    // those of the raw quotes (ascending), and a colon token starts at a
    // colon of the text (a token's `lower` is a view of lower_text at its
    // start), found by memchr and its token by binary search.
    std::vector<int32_t> quote_toks, colon_toks;
    for (const int32_t q : doc->quote_token) {
      if (q >= 0) quote_toks.push_back(q);
    }
    const std::string_view low = doc->lower_text;
    for (size_t p = low.find(':'); p != std::string_view::npos;
         p = low.find(':', p + 1)) {
      const auto it = std::lower_bound(
          toks.begin(), toks.end(), p, [](const Token& t, size_t v) {
            return static_cast<size_t>(t.start) < v;
          });
      if (it != toks.end() && static_cast<size_t>(it->start) == p &&
          it->lower == ":") {
        colon_toks.push_back(static_cast<int32_t>(it - toks.begin()));
      }
    }
    size_t qi = 0, ci = 0;
    auto next_candidate = [&](size_t from) {
      const int64_t f = static_cast<int64_t>(from);
      while (qi < quote_toks.size() && quote_toks[qi] + int64_t{5} < f) ++qi;
      while (ci < colon_toks.size() && colon_toks[ci] - int64_t{1} < f) ++ci;
      int64_t next = static_cast<int64_t>(num_toks);
      if (qi < quote_toks.size()) {
        next = std::max(f, quote_toks[qi] + int64_t{1});
      }
      if (ci < colon_toks.size()) {
        next = std::min(next, std::max(f, colon_toks[ci] - int64_t{4}));
      }
      return static_cast<size_t>(next);
    };
    for (size_t i = next_candidate(0); i < num_toks;
         i = next_candidate(i + 1)) {
      Token& t = toks[i];
      if (t.kind != TokKind::kWord || t.cap || (t.classes & kCueWord)) {
        continue;
      }
      // The verb may follow up to two auxiliaries or adverbs of the
      // language ("«…», a accusé X", "«…», ha replicato", "«…», a-t-il
      // accusé").
      size_t v = i;
      for (int n = 0; n < 2 && v > 0; ++n) {
        const Token& p = toks[v - 1];
        if (p.para != t.para || p.kind != TokKind::kWord) break;
        if (!(p.classes & kAux) && !InvertedAuxiliary(lex, p.lower)) break;
        --v;
      }
      bool after_quote = false;
      for (size_t k = v; k > 0 && v - k < 3; --k) {
        const Token& p = toks[k - 1];
        if (p.para != t.para) break;
        if (p.kind == TokKind::kQuote) after_quote = true;
        if (p.kind != TokKind::kPunct) break;
      }
      // Before a colon, right away or after a short lower-case object
      // ("explicou as razões:"), when no article makes the word a noun.
      bool before_colon = false;
      for (size_t k = i + 1; k < toks.size() && k <= i + 4; ++k) {
        if (toks[k].para != t.para) break;
        if (toks[k].lower == ":") {
          before_colon = k == i + 1 || i == 0 || !(toks[i - 1].classes & kDet);
          break;
        }
        if (toks[k].kind != TokKind::kWord || toks[k].cap) break;
      }
      if (!after_quote && !before_colon) continue;
      uint8_t flags;
      if (lex.LemmaCue(doc->lang, t.lower, &flags)) {
        t.classes |= kCueWord | kCueLemma;
      }
    }
  }
}

}  // namespace extract
}  // namespace quotewire

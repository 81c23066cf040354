#include "server/extract/text_scan.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <limits>
#include <vector>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <unicode/uchar.h>

#include "server/core/utf8.h"

namespace quotewire {
namespace extract {

namespace {

// ICU's answers for the code points below U+0800, computed once.
constexpr char32_t kSmallCps = 0x800;
enum SmallCpFlag : uint8_t {
  kCpSpace = 1,
  kCpLetter = 2,
  kCpUpper = 4,
  kCpLower = 8,
  kCpDigit = 16,
};

struct SmallCpTable {
  uint8_t flags[kSmallCps];
  // u_tolower (simple case mapping); stays below U+10000.
  char16_t lower[kSmallCps];
};

bool IcuIsSpace(char32_t c) {
  return (c >= 0x80 && c <= 0x9F) || c == 0xA0 || c == 0x202F || c == 0x2009 || c == 0x200A ||
         c == 0x200B || c == 0x3000 || u_isUWhiteSpace(c);
}
bool IcuIsLetter(char32_t c) {
  return u_isalpha(c) || u_getCombiningClass(c) != 0;
}
bool IcuIsUpper(char32_t c) { return u_isupper(c) || u_istitle(c); }

const SmallCpTable& SmallCps() {
  static const SmallCpTable* const table = [] {
    auto* t = new SmallCpTable();
    for (char32_t c = 0; c < kSmallCps; ++c) {
      uint8_t f = 0;
      if (IcuIsSpace(c)) f |= kCpSpace;
      if (IcuIsLetter(c)) f |= kCpLetter;
      if (IcuIsUpper(c)) f |= kCpUpper;
      if (u_islower(c)) f |= kCpLower;
      if (u_isdigit(c)) f |= kCpDigit;
      t->flags[c] = f;
      t->lower[c] = static_cast<char16_t>(u_tolower(c));
    }
    return t;
  }();
  return *table;
}

bool HasSmallCpFlag(char32_t c, uint8_t flag) {
  return (SmallCps().flags[c] & flag) != 0;
}

// Simple lower-case mapping of any code point.
char32_t ToLowerCp(char32_t c) {
  if (c < kSmallCps) return SmallCps().lower[c];
  return static_cast<char32_t>(u_tolower(c));
}

}  // namespace

namespace internal {

bool IsSpaceNonAscii(char32_t c) {
  return c < kSmallCps ? HasSmallCpFlag(c, kCpSpace) : IcuIsSpace(c);
}

bool IsLetterNonAscii(char32_t c) {
  return c < kSmallCps ? HasSmallCpFlag(c, kCpLetter) : IcuIsLetter(c);
}

bool IsUpperNonAscii(char32_t c) {
  return c < kSmallCps ? HasSmallCpFlag(c, kCpUpper) : IcuIsUpper(c);
}

bool IsLowerNonAscii(char32_t c) {
  return c < kSmallCps ? HasSmallCpFlag(c, kCpLower) : u_islower(c) != 0;
}

bool IsDigitNonAscii(char32_t c) {
  return c < kSmallCps ? HasSmallCpFlag(c, kCpDigit) : u_isdigit(c) != 0;
}

}  // namespace internal

bool IsOpeningPunctCp(char32_t c) {
  return c == '(' || c == '[' || c == '{' || c == '-' || c == 0x2013 ||
         c == 0x2014 || c == '/' || c == ':' || c == 0x2026;
}

namespace {
uint64_t LowerAscii8(uint64_t w);
}  // namespace

std::string LowerWord(std::string_view word) {
  // Fast path: an ASCII word (most names and phrases asked about) is
  // copied and lower-cased in place, eight bytes at a time.
  {
    std::string out(word);
    size_t i = 0;
    bool ascii = true;
    for (; i + 8 <= out.size(); i += 8) {
      uint64_t w;
      std::memcpy(&w, out.data() + i, 8);
      if (w & 0x8080808080808080ull) {
        ascii = false;
        break;
      }
      w = LowerAscii8(w);
      std::memcpy(&out[i], &w, 8);
    }
    for (; ascii && i < out.size(); ++i) {
      const unsigned char b = static_cast<unsigned char>(out[i]);
      if (b >= 0x80) {
        ascii = false;
      } else if (b >= 'A' && b <= 'Z') {
        out[i] = static_cast<char>(b + 32);
      }
    }
    if (ascii) return out;
  }
  std::string out;
  out.reserve(word.size());
  size_t pos = 0;
  while (pos < word.size()) {
    unsigned char b = static_cast<unsigned char>(word[pos]);
    if (b < 0x80) {
      out.push_back(b >= 'A' && b <= 'Z' ? static_cast<char>(b + 32)
                                         : static_cast<char>(b));
      ++pos;
      continue;
    }
    char32_t c = DecodeUtf8(word, &pos);
    AppendUtf8(ToLowerCp(c), &out);
  }
  return out;
}

namespace {

#ifdef __SSE2__
uint64_t Load8(const char* p) {
  uint64_t w;
  std::memcpy(&w, p, 8);
  return w;
}
uint64_t Load4(const char* p) {
  uint32_t w;
  std::memcpy(&w, p, 4);
  return w;
}

// One bit per byte of `v`: whether it equals `b`.
int BytesEqual(__m128i v, char b) {
  return _mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(b)));
}
// One bit per byte of `v`: whether it is below 0x20.
int ControlBytes(__m128i v) {
  return _mm_movemask_epi8(
      _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x1F)), v));
}
// One bit per byte of `v`: whether it is a space followed by a space,
// counting only the bytes whose bit is set in `pairs` (those whose next
// byte in `v` is their neighbour in the text).
int SpacePairs(__m128i v, int pairs) {
  const int spaces = BytesEqual(v, ' ');
  return spaces & (spaces >> 1) & pairs;
}

// True when `flagged(v, pairs)` is zero for each 16-byte vector `v` of the
// text `s` (not empty): windows overlapping by one byte, so that each pair
// of neighbouring bytes lies in one window. A text shorter than 16 bytes
// is one vector: its first and last eight bytes, or below eight its first
// and last four, or below four its first, middle and last byte, the rest
// 'a'. No loop over the bytes: its exit mispredicts once per call on the
// varying lengths of names.
template <typename Flagged>
bool NoByteFlagged(std::string_view s, Flagged flagged) {
  const size_t n = s.size();
  const char* p = s.data();
  if (n >= 16) {
    const auto load = [p](size_t i) {
      return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    };
    for (size_t i = 0; i + 16 < n; i += 15) {
      if (flagged(load(i), 0x7FFF) != 0) return false;
    }
    return flagged(load(n - 16), 0x7FFF) == 0;
  }
  // Byte 7 and 8 (below eight: 3 and 4) of the vector are no neighbours;
  // their pair in the text lies in the second half.
  constexpr int64_t kLetters = 0x6161616161616161;
  if (n >= 8) {
    const __m128i v = _mm_set_epi64x(static_cast<int64_t>(Load8(p + n - 8)),
                                     static_cast<int64_t>(Load8(p)));
    return flagged(v, 0x7F7F) == 0;
  }
  if (n >= 4) {
    const uint64_t w = Load4(p) | Load4(p + n - 4) << 32;
    const __m128i v = _mm_set_epi64x(kLetters, static_cast<int64_t>(w));
    return flagged(v, 0x77) == 0;
  }
  const auto byte = [p](size_t i) {
    return static_cast<uint64_t>(static_cast<unsigned char>(p[i]));
  };
  const uint64_t w = static_cast<uint64_t>(kLetters) << 24 | byte(0) |
                     byte(n / 2) << 8 | byte(n - 1) << 16;
  const __m128i v = _mm_set_epi64x(kLetters, static_cast<int64_t>(w));
  return flagged(v, 0x7 >> (4 - n)) == 0;
}

// NormalizeSpaces' byte test: a control byte, DEL, a byte that may lead a
// non-ASCII space (C2, E1..E3; E0 too, to keep the test short) or a space
// followed by a space.
constexpr auto kNotNormalBytes = [](__m128i v, int pairs) {
  const __m128i e0 = _mm_set1_epi8(static_cast<char>(0xE0));
  const __m128i lead_e0_e3 = _mm_cmpeq_epi8(
      _mm_and_si128(v, _mm_set1_epi8(static_cast<char>(0xFC))), e0);
  return ControlBytes(v) | BytesEqual(v, 0x7F) |
         BytesEqual(v, static_cast<char>(0xC2)) |
         _mm_movemask_epi8(lead_e0_e3) | SpacePairs(v, pairs);
};

// LowerNormalized's byte test: anything but printable ASCII, or a space
// followed by a space.
constexpr auto kNotPlainAsciiBytes = [](__m128i v, int pairs) {
  return ControlBytes(v) | _mm_movemask_epi8(v) | BytesEqual(v, 0x7F) |
         SpacePairs(v, pairs);
};

bool NormalText(std::string_view s) {
  return NoByteFlagged(s, kNotNormalBytes);
}
bool PlainAsciiText(std::string_view s) {
  return NoByteFlagged(s, kNotPlainAsciiBytes);
}
#else
// Without SSE2, the same two tests a byte at a time.
bool DoubleSpaceAt(std::string_view s, size_t i) {
  return s[i] == ' ' && i + 1 < s.size() && s[i + 1] == ' ';
}
bool NormalText(std::string_view s) {
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char b = static_cast<unsigned char>(s[i]);
    if (b < 0x20 || b == 0x7F || b == 0xC2 || (b & 0xFC) == 0xE0 ||
        DoubleSpaceAt(s, i)) {
      return false;
    }
  }
  return true;
}
bool PlainAsciiText(std::string_view s) {
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char b = static_cast<unsigned char>(s[i]);
    if (b < 0x20 || b >= 0x7F || DoubleSpaceAt(s, i)) return false;
  }
  return true;
}
#endif  // __SSE2__

}  // namespace

std::string NormalizeSpaces(std::string_view s) {
  // Fast path: text without control bytes, without a byte that may lead a
  // non-ASCII space and with single inner spaces (most names and phrases,
  // Cyrillic and accented ones too) is returned as it is. Every Unicode
  // space (U+0085, U+00A0, U+1680, U+2000..U+200B, U+2028, U+2029, U+202F,
  // U+205F, U+3000) starts with C2, E1, E2 or E3; any other sequence, valid
  // or not, is copied unchanged by the loop below as well.
  if (!s.empty() && s.front() != ' ' && s.back() != ' ' &&
      NormalText(s)) {
    return std::string(s);
  }
  std::string out;
  out.reserve(s.size());
  size_t pos = 0;
  bool space = false;
  while (pos < s.size()) {
    size_t start = pos;
    unsigned char b = static_cast<unsigned char>(s[pos]);
    if (b < 0x80) {
      ++pos;
      if (IsSpaceCp(b)) {
        space = true;
        continue;
      }
      if (space && !out.empty()) out.push_back(' ');
      space = false;
      out.push_back(static_cast<char>(b));
      continue;
    }
    char32_t c = DecodeUtf8(s, &pos);
    if (IsSpaceCp(c)) {
      space = true;
      continue;
    }
    if (space && !out.empty()) out.push_back(' ');
    space = false;
    out.append(s.substr(start, pos - start));
  }
  return out;
}

std::string_view LowerNormalized(std::string_view text, std::string_view lower,
                                 size_t start, size_t end,
                                 std::string* scratch) {
  const std::string_view s = text.substr(start, end - start);
  const bool plain =
      s.empty() || (s.front() != ' ' && s.back() != ' ' &&
                    PlainAsciiText(s));
  if (plain) return lower.substr(start, end - start);
  *scratch = LowerWord(NormalizeSpaces(s));
  return *scratch;
}

char32_t internal::PrevCpNonAscii(std::string_view text, size_t pos,
                                  size_t floor) {
  size_t p = pos - 1;
  while (p > floor && (static_cast<unsigned char>(text[p]) & 0xC0) == 0x80) {
    --p;
  }
  return DecodeUtf8(text, &p);
}

void SplitParagraphs(Document* doc) {
  std::string_view text = doc->text;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    size_t s = pos, e = nl;
    while (s < e && (text[s] == ' ' || text[s] == '\t' || text[s] == '\r')) ++s;
    while (e > s && (text[e - 1] == ' ' || text[e - 1] == '\t' ||
                     text[e - 1] == '\r')) {
      --e;
    }
    // Trim non-ASCII spaces too (NBSP lines).
    while (s < e) {
      size_t p = s;
      char32_t c = NextCp(text, &p);
      if (!IsSpaceCp(c)) break;
      s = p;
    }
    if (s < e) {
      doc->paragraphs.push_back(
          {static_cast<int32_t>(s), static_cast<int32_t>(e)});
    }
    pos = nl + 1;
  }
}

namespace {

constexpr uint64_t kHighBits = 0x8080808080808080ull;

// Lower-cases eight ASCII bytes (every high bit clear): a byte in 'A'..'Z'
// gets 0x20 added. No sum carries into the next byte.
uint64_t LowerAscii8(uint64_t w) {
  constexpr uint64_t kOnes = 0x0101010101010101ull;
  const uint64_t above_z = w + kOnes * (0x7F - 'Z');     // high bit: > 'Z'
  const uint64_t from_a = w + kOnes * (0x80 - 'A');      // high bit: >= 'A'
  const uint64_t upper = from_a & ~above_z & kHighBits;  // 'A'..'Z'
  return w | (upper >> 2);
}

// AppendUtf8 into a buffer; returns the length.
size_t EncodeUtf8(char32_t cp, char* out) {
  if (cp < 0x80) {
    out[0] = static_cast<char>(cp);
    return 1;
  }
  if (cp < 0x800) {
    out[0] = static_cast<char>(0xC0 | (cp >> 6));
    out[1] = static_cast<char>(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    out[0] = static_cast<char>(0xE0 | (cp >> 12));
    out[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out[2] = static_cast<char>(0x80 | (cp & 0x3F));
    return 3;
  }
  out[0] = static_cast<char>(0xF0 | (cp >> 18));
  out[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
  out[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
  out[3] = static_cast<char>(0x80 | (cp & 0x3F));
  return 4;
}

// ASCII letters and digits, for Tokenize's inner loop; kMayJoin marks the
// bytes after which a word may go on: the joiners '-', '\'', '.', ',' and
// every byte of a multi-byte character (all others end a word); kAsciiUpper
// marks 'A'..'Z' (a token's case, IsUpperCp, from the same load).
enum : uint8_t {
  kAsciiLetter = 1,
  kAsciiDigit = 2,
  kMayJoin = 4,
  kAsciiUpper = 8
};
constexpr struct AsciiWordClass {
  uint8_t k[256];
  constexpr AsciiWordClass() : k() {
    for (int c = 'a'; c <= 'z'; ++c) k[c] = kAsciiLetter;
    for (int c = 'A'; c <= 'Z'; ++c) k[c] = kAsciiLetter | kAsciiUpper;
    for (int c = '0'; c <= '9'; ++c) k[c] = kAsciiDigit;
    for (int c = 0x80; c < 0x100; ++c) k[c] = kMayJoin;
    k['-'] = k['\''] = k['.'] = k[','] = kMayJoin;
  }
  uint8_t operator[](unsigned char c) const { return k[c]; }
} kAsciiWordClass;

bool IsApostrophe(char32_t c) { return c == '\'' || c == 0x2019; }

inline bool IsWordChar(char32_t c) { return IsLetterCp(c) || IsDigitCp(c); }

// True when `text` from byte `q` on starts with a lower-case label of a web
// address (words.tsv `webdomain`: "de" of "ndr.de", "co" of "bbc.co.uk")
// followed by no letter or digit: a period before it joins the word
// ("zitiert ndr.de X" is one sentence).
bool WebAddressEndingAt(const Lexicon& lex, std::string_view text, size_t q) {
  size_t e = q;
  while (e < text.size() && text[e] >= 'a' && text[e] <= 'z') ++e;
  if (e < text.size() &&
      ((text[e] >= 'A' && text[e] <= 'Z') || (text[e] >= '0' && text[e] <= '9') ||
       static_cast<unsigned char>(text[e]) >= 0x80)) {
    return false;
  }
  return e > q && lex.InList(Lexicon::List::kWebDomain, text.substr(q, e - q));
}

// Sets bit i % 8 of (*bits)[i / 8] when text[i] is an ASCII letter or
// digit (bits past the text stay clear, and eight bytes of padding follow
// them, for WordRunEnd's unaligned loads). One pass of sixteen bytes a
// turn, so that finding a word's end costs a shift and a count. (Done in
// the lower-casing pass, it cost German text more than it saved: that
// pass leaves its sixteen-byte steps at every umlaut.)
void MarkWordBytes(std::string_view text, std::vector<uint8_t>* bits) {
  const size_t n = text.size();
  bits->assign(n / 8 + 16, 0);
  uint8_t* const out = bits->data();
  size_t i = 0;
#ifdef __SSE2__
  for (; i + 16 <= n; i += 16) {
    const __m128i v =
        _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
    // Signed compares: bytes >= 0x80 are neither letters nor digits.
    const __m128i digit =
        _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)),
                      _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)));
    const __m128i folded = _mm_or_si128(v, _mm_set1_epi8(0x20));
    const __m128i letter =
        _mm_and_si128(_mm_cmpgt_epi8(folded, _mm_set1_epi8('a' - 1)),
                      _mm_cmplt_epi8(folded, _mm_set1_epi8('z' + 1)));
    const uint16_t mask = static_cast<uint16_t>(
        _mm_movemask_epi8(_mm_or_si128(digit, letter)));
    std::memcpy(out + i / 8, &mask, 2);  // little-endian: byte i is bit 0
  }
#endif
  for (; i < n; ++i) {
    if (kAsciiWordClass[static_cast<unsigned char>(text[i])] &
        (kAsciiLetter | kAsciiDigit)) {
      out[i / 8] |= static_cast<uint8_t>(1u << (i % 8));
    }
  }
}

// The end of the run of ASCII letters and digits from byte `e` on (bits
// by MarkWordBytes), at most `stop`.
inline size_t WordRunEnd(const uint8_t* bits, size_t e, size_t stop) {
  while (e < stop) {
    uint64_t w;
    std::memcpy(&w, bits + e / 8, 8);
    w >>= e % 8;  // at least 57 bits of the text from e on
    // Ones from bit 56 on are not counted: a longer run takes another turn.
    const size_t run = static_cast<size_t>(__builtin_ctzll(~w | (1ull << 56)));
    e += run;
    if (run < 56) break;
  }
  return std::min(e, stop);
}

// Adds each word's early_count to the languages of its stop_languages
// bits. As integers, five languages to a 64-bit sum (12-bit lanes: a lane
// sums at most Tokenize's 2000 early words), without a branch per word or
// per bit: most words are no stop-word, and those branches mispredicted.
void SumStopCounts(const std::vector<WordLexInfo>& word_info,
                   int stop_counts[kNumLanguages]) {
  constexpr int kLanes = 5, kLaneBits = 12;
  constexpr int kGroups = (kNumLanguages + kLanes - 1) / kLanes;
  static_assert(kGroups <= 2, "two sums of five lanes");
  // kLaneOnes.k[b]: lane i is 1 when bit i of b is set.
  static constexpr struct LaneOnes {
    uint64_t k[1 << kLanes];
    constexpr LaneOnes() : k() {
      for (int b = 0; b < (1 << kLanes); ++b) {
        for (int i = 0; i < kLanes; ++i) {
          if (b & (1 << i)) k[b] |= uint64_t{1} << (kLaneBits * i);
        }
      }
    }
  } kLaneOnes;
  uint64_t sums[kGroups] = {};
  for (const WordLexInfo& info : word_info) {
    for (int g = 0; g < kGroups; ++g) {
      sums[g] += kLaneOnes.k[(info.stop_languages >> (kLanes * g)) &
                             ((1 << kLanes) - 1)] *
                 info.early_count;
    }
  }
  for (int l = 0; l < kNumLanguages; ++l) {
    stop_counts[l] += static_cast<int>(
        (sums[l / kLanes] >> (kLaneBits * (l % kLanes))) &
        ((1 << kLaneBits) - 1));
  }
}

bool IsSentenceEnd(char32_t c) {
  return c == '.' || c == '!' || c == '?' || c == 0x2026;
}

}  // namespace

void Tokenize(const Lexicon& lex, Document* doc) {
  std::string_view text = doc->text;
  // Lower-case the whole text once, keeping byte offsets.
  std::string& lower = doc->lower_text;
  // A copy, not resize(): resize zero-fills the bytes the loop writes.
  lower.assign(text);
  for (size_t i = 0; i < text.size();) {
#ifdef __SSE2__
    // Sixteen ASCII bytes at a time: most of any article is ASCII. Signed
    // compares serve, as no byte has its high bit set.
    if (i + 16 <= text.size()) {
      const __m128i v =
          _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
      if (_mm_movemask_epi8(v) == 0) {
        const __m128i upper =
            _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('A' - 1)),
                          _mm_cmplt_epi8(v, _mm_set1_epi8('Z' + 1)));
        _mm_storeu_si128(
            reinterpret_cast<__m128i*>(&lower[i]),
            _mm_or_si128(v, _mm_and_si128(upper, _mm_set1_epi8(0x20))));
        i += 16;
        continue;
      }
    }
#endif
    // Eight ASCII bytes at a time (the last few of the text, or where a
    // multi-byte character is near).
    if (i + 8 <= text.size()) {
      uint64_t w;
      std::memcpy(&w, text.data() + i, 8);
      if ((w & kHighBits) == 0) {
        w = LowerAscii8(w);
        std::memcpy(&lower[i], &w, 8);
        i += 8;
        continue;
      }
    }
    unsigned char b = static_cast<unsigned char>(text[i]);
    if (b < 0x80) {
      lower[i] = (b >= 'A' && b <= 'Z') ? static_cast<char>(b + 32)
                                        : static_cast<char>(b);
      ++i;
      continue;
    }
    size_t next = i;
    char32_t c = DecodeUtf8(text, &next);
    // A lower case of another UTF-8 length keeps the character as is.
    char enc[4];
    size_t n = EncodeUtf8(ToLowerCp(c), enc);
    std::memcpy(&lower[i], n == next - i ? enc : text.data() + i, next - i);
    i = next;
  }
  std::string_view lower_view = lower;
  // The thread's scratch, reused: a Document is per call and per thread.
  thread_local std::vector<uint8_t> word_bits_storage;
  MarkWordBytes(text, &word_bits_storage);
  const uint8_t* const word_bits = word_bits_storage.data();
  // Lexicon::Lookup of each distinct word, by word id: a word seen before
  // costs one probe of the document's word table.
  std::vector<WordLexInfo>& word_info = doc->word_lex;
  word_info.clear();
  // Articles have one distinct word per 7 to 20 bytes (13.5 on average
  // in PolNeAR); Intern grows the table when this guesses low. (A guess
  // of one per 16 bytes made 8 of the first 60 PolNeAR articles rehash.)
  doc->words.Fit(text.size() / 12);
  doc->tokens.reserve(text.size() / 5 + 16);
  doc->quote_token.assign(doc->raw_quotes.size(), -1);
  doc->para_token_begin.clear();
  int32_t sentence = 0;
  // Stop-words are counted in the first 2000 words, by distinct word
  // (WordLexInfo::early_count) and summed by language at the end: a token
  // costs one increment, without a test of its position (the words past
  // the 2000th are taken off again at the end, in the rare long article).
  constexpr int kEarlyWords = 2000;
  int words_seen = 0;
  // Sentence bounds, so later stages never walk a sentence token by token;
  // kept as tokens are added (sentence ids never decrease), not by another
  // pass over the tokens.
  doc->sentence_first.clear();
  doc->sentence_end.clear();
  // Sentences opened so far (doc->sentence_first.size(), in a local). A
  // sentence's tokens are consecutive, so the last one ends where the next
  // one opens (and the last at the last token): nothing to keep per token.
  size_t num_sentences = 0;
  auto add_to_sentence = [doc, &num_sentences](int32_t s, size_t index) {
    if (static_cast<size_t>(s) >= num_sentences) {
      if (num_sentences > 0) {
        doc->sentence_end[num_sentences - 1] = static_cast<int32_t>(index);
      }
      // push_back, not resize: resize is a call of its own per sentence.
      while (num_sentences <= static_cast<size_t>(s)) {
        doc->sentence_first.push_back(-1);
        doc->sentence_end.push_back(-1);
        ++num_sentences;
      }
      doc->sentence_first[s] = static_cast<int32_t>(index);
    }
  };
  // doc->tokens.size(), kept here: size() divides by the token's 48 bytes.
  size_t num_tokens = doc->tokens.size();
  for (size_t p = 0; p < doc->paragraphs.size(); ++p) {
    doc->para_token_begin.push_back(static_cast<int32_t>(num_tokens));
    doc->para_word_begin.push_back(words_seen);
    const Span para = doc->paragraphs[p];
    size_t next_quote = doc->para_quote_begin[p];
    const size_t quote_end = doc->para_quote_begin[p + 1];
    // Where the next quote of the paragraph starts (none: the largest
    // offset), so that a token or space tests one local, not the quote.
    const auto start_of = [&](size_t q) {
      return q < quote_end ? static_cast<size_t>(doc->raw_quotes[q].outer.start)
                           : std::numeric_limits<size_t>::max();
    };
    size_t quote_start = start_of(next_quote);
    bool new_sentence = true;
    if (p > 0) ++sentence;
    size_t pos = para.start;
    const size_t limit = para.end;
    while (pos < limit) {
      if (pos >= quote_start) {
        const RawQuote& rq = doc->raw_quotes[next_quote];
        Token t;
        t.kind = TokKind::kQuote;
        t.start = rq.outer.start;
        t.end = rq.outer.end;
        t.quote = static_cast<int32_t>(next_quote);
        t.para = static_cast<int32_t>(p);
        t.sentence = sentence;
        t.sent_start = new_sentence;
        doc->quote_token[next_quote] = static_cast<int32_t>(num_tokens);
        if (new_sentence) add_to_sentence(sentence, num_tokens);
        ++num_tokens;
        new_sentence = false;
        doc->tokens.push_back(std::move(t));
        pos = rq.outer.end;
        quote_start = start_of(++next_quote);
        continue;
      }
      size_t start = pos;
      if (text[pos] == ' ') {
        ++pos;
        continue;
      }
      size_t after = pos;
      char32_t c;
      // The first character's class (kAsciiUpper set when IsUpperCp): an
      // ASCII one by the table, with no space test for a letter or digit.
      uint8_t first_class;
      if (static_cast<unsigned char>(text[pos]) < 0x80) {
        c = static_cast<unsigned char>(text[pos]);
        ++after;
        first_class = kAsciiWordClass[static_cast<unsigned char>(c)] &
                      (kAsciiLetter | kAsciiDigit | kAsciiUpper);
        if (first_class == 0 && IsSpaceCp(c)) {
          pos = after;
          continue;
        }
      } else {
        c = DecodeUtf8(text, &after);
        if (IsSpaceCp(c)) {
          pos = after;
          continue;
        }
        first_class = IsDigitCp(c)    ? kAsciiDigit
                      : IsLetterCp(c) ? kAsciiLetter
                                      : 0;
        if (first_class != 0 && IsUpperCp(c)) first_class |= kAsciiUpper;
      }
      const size_t stop = std::min(limit, quote_start);
      // The token's fields, in locals until it is appended (in place, each
      // field stored once; a local Token was stored and then copied).
      TokKind kind;
      size_t end;
      bool cap = false;
      bool possessive = false;
      uint32_t classes = 0;
      int32_t word_id = -1;
      if (first_class != 0) {
        bool digits_only = first_class == kAsciiDigit;
        end = after;
        bool hyphen = false;
        size_t skip_to = 0;
        while (end < stop) {
          // Runs of ASCII letters and digits, most of any word: found in
          // the bitmap of such bytes, a shift and a count a run.
          if (!digits_only) {
            end = WordRunEnd(word_bits, end, stop);
          } else {
            // A number so far (rare): a letter makes it a word.
            size_t e = end;
            uint8_t seen = 0;
            while (e < stop) {
              const uint8_t k =
                  kAsciiWordClass[static_cast<unsigned char>(text[e])] &
                  (kAsciiLetter | kAsciiDigit);
              if (k == 0) break;
              seen |= k;
              ++e;
            }
            if (seen & kAsciiLetter) digits_only = false;
            end = e;
          }
          if (end >= stop) break;
          // Any other ASCII byte but a joiner ends the word.
          if (!(kAsciiWordClass[static_cast<unsigned char>(text[end])] &
                kMayJoin)) {
            break;
          }
          size_t q = end;
          char32_t d = NextCp(text, &q);
          // (Combining marks are letters: IsLetterCp.)
          if (IsWordChar(d)) {
            if (!IsDigitCp(d)) digits_only = false;
            end = q;
            continue;
          }
          // Internal joiners followed by a word character.
          if (d == '-' || IsApostrophe(d) || d == '.' || d == ',' ||
              d == 0x2011) {
            char32_t e = CpAt(text, q, stop);
            if (IsApostrophe(d) && (e == 's' || e == 'S')) {
              size_t r = q + 1;
              char32_t f = CpAt(text, r, stop);
              if (!IsWordChar(f)) {
                possessive = true;
                skip_to = r;
                break;
              }
            }
            // An elided article or preposition is a word of its own
            // ("all'ANSA", "l’économiste", "qu'il"); a capitalised one only
            // before a lower-case letter ("L'assessore", not "D'Alema").
            if (IsApostrophe(d) && IsWordChar(e) &&
                (IsLowerCp(c) || IsLowerCp(e)) &&
                lex.IsElision(lower_view.substr(start, q - start))) {
              end = q;
              break;
            }
            if (d == ',' && !(digits_only && IsDigitCp(e))) break;
            if (d == '.' && !IsWordChar(e)) break;
            if (d == '.' && digits_only && !IsDigitCp(e)) break;
            if (IsWordChar(e)) {
              if (d == '.') {
                // Only abbreviations like U.S and numbers like 3.5 join.
                size_t seg_start = end;
                while (seg_start > start) {
                  char32_t b = PrevCp(text, seg_start, start);
                  if (!IsWordChar(b)) break;
                  seg_start -= (b < 0x80 ? 1 : b < 0x800 ? 2 : b < 0x10000 ? 3 : 4);
                }
                if (!digits_only && end - seg_start > 1 &&
                    !(IsLowerCp(CpAt(text, seg_start, stop)) &&
                      WebAddressEndingAt(lex, text, q))) {
                  break;
                }
              }
              hyphen |= d == '-';
              end = q;
              continue;
            }
          }
          break;
        }
        // Abbreviation period: single letters ("J.", "U.S.") and titles.
        if (!possessive && end < stop && text[end] == '.') {
          std::string_view w(text.data() + start, end - start);
          // The lower-cased word with its period, without allocating.
          std::string_view lw_dot(lower.data() + start, end - start + 1);
          std::string_view lw(lower.data() + start, end - start);
          Gender g;
          // "U.S", not the web address "ndr.de".
          bool single = (end - start == 1) ||
                        (w.size() >= 2 && w[w.size() - 2] == '.');
          // The byte tests before the second lookup: most words that end
          // a sentence are longer or in lower case.
          if (single || lex.Title(lw_dot, &g) ||
              (w.size() <= 4 && IsUpperCp(c) && lex.Title(lw, &g))) {
            char32_t nxt = CpAt(text, end + 1, limit);
            // Keep the period unless it plainly ends the paragraph.
            if (nxt != 0) ++end;
          }
        }
        kind = digits_only ? TokKind::kNumber : TokKind::kWord;
        cap = (first_class & kAsciiUpper) != 0;
        // Locals, not the token's fields, go to Intern and Lookup: reading
        // back a field just stored in two halves (the view) or stored
        // byte-wise (the lexicon answer) stalls on store forwarding.
        // Constructed, not substr(): the bounds hold, and substr's check
        // costs a compare and a branch per token.
        const std::string_view lw(lower.data() + start, end - start);
        bool added = false;
        uint32_t hash;
        uint64_t key;
        // Eight bytes readable from the word (all but the text's last
        // few): its key is one masked load.
        word_id =
            start + 8 <= lower.size()
                ? doc->words.InternPadded(lw, &added, &hash, &key)
                : doc->words.Intern(lw, &added, &hash, &key);
        // The case of the token, by table: no data-dependent branch. (A
        // number is never capitalised: kCaseLowered alone, which changes
        // no fact of DetectMentions.)
        static constexpr uint8_t kCaseBit[4] = {kCaseLowered, kCaseLowered,
                                                kCaseMidcap, kCaseInitial};
        const uint8_t case_bit =
            kCaseBit[(static_cast<unsigned>(cap) << 1) | new_sentence];
        if (added) {
          LanguageBits stop_languages;
          int32_t lex_index;
          lex.Lookup(lw, hash, key, &classes, &stop_languages, &lex_index);
          // Field by field: a braced temporary is stored in parts and
          // copied as one 8-byte load, which stalls.
          WordLexInfo& info = word_info.emplace_back();
          info.classes = classes;
          info.stop_languages = stop_languages;
          info.hyphen = hyphen;
          info.case_seen = case_bit;
          info.lex_index = lex_index;
          info.early_count = 1;
        } else {
          WordLexInfo& info = word_info[word_id];
          classes = info.classes;
          info.case_seen |= case_bit;
          ++info.early_count;
        }
        ++words_seen;
        pos = possessive ? skip_to : end;
      } else {
        kind = TokKind::kPunct;
        end = after;
        pos = after;
      }
      Token& t = doc->tokens.emplace_back();
      t.start = static_cast<int32_t>(start);
      t.end = static_cast<int32_t>(end);
      t.kind = kind;
      t.cap = cap;
      t.sent_start = new_sentence;
      t.possessive = possessive;
      t.classes = classes;
      t.para = static_cast<int32_t>(p);
      t.sentence = sentence;
      t.word_id = word_id;
      t.lower = std::string_view(lower.data() + start, end - start);
      // The sentence id changes only where a sentence starts.
      if (new_sentence) add_to_sentence(sentence, num_tokens);
      ++num_tokens;
      new_sentence = false;
      // The space after a token, most often one, without another turn of
      // the loop (no quote starts at a space).
      if (pos < limit && text[pos] == ' ') ++pos;
      if (kind == TokKind::kPunct && IsSentenceEnd(c)) {
        // Look ahead: a sentence ends unless a lower-case word follows.
        size_t q = pos;
        while (q < limit) {
          size_t r = q;
          char32_t d = NextCp(text, &r);
          if (!IsSpaceCp(d)) break;
          q = r;
        }
        char32_t d = CpAt(text, q, limit);
        // Ends when upper case, a digit, a quotation mark or the paragraph
        // end follows ("(D-Wis.) said" and "R-Ky., said" do not end).
        if (d == 0 || IsUpperCp(d) || IsDigitCp(d) || lex.IsQuoteMark(d) ||
            d == '(' || d == '[') {
          new_sentence = true;
        }
      }
      if (new_sentence && num_tokens != 0) ++sentence;
    }
  }
  if (num_sentences > 0) {
    doc->sentence_end[num_sentences - 1] = static_cast<int32_t>(num_tokens);
  }
  doc->para_word_begin.push_back(words_seen);
  // Takes the words past the first kEarlyWords off their counts.
  for (size_t i = num_tokens; words_seen > kEarlyWords; --i) {
    const Token& t = doc->tokens[i - 1];
    if (t.word_id < 0) continue;
    --word_info[t.word_id].early_count;
    --words_seen;
  }
  SumStopCounts(word_info, doc->stop_counts);
  doc->para_token_begin.push_back(static_cast<int32_t>(doc->tokens.size()));
}

}  // namespace extract
}  // namespace quotewire

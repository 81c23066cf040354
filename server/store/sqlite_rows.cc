// Row encoding and small text helpers of the SQLite store.

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "server/store/sqlite_store_internal.h"

namespace quotewire {
namespace store_internal {

// ---------------------------------------------------------------------------
// Enumerations as stored.

const char* QuoteKindName(QuoteKind kind) {
  switch (kind) {
    case QuoteKind::kFull:
      return "full";
    case QuoteKind::kPartial:
      return "partial";
    case QuoteKind::kScare:
      return "scare";
    case QuoteKind::kTitle:
      return "title";
    case QuoteKind::kSlogan:
      return "slogan";
    case QuoteKind::kHeading:
      return "heading";
  }
  return "full";
}

QuoteKind ParseQuoteKind(std::string_view s) {
  for (QuoteKind k :
       {QuoteKind::kFull, QuoteKind::kPartial, QuoteKind::kScare,
        QuoteKind::kTitle, QuoteKind::kSlogan, QuoteKind::kHeading}) {
    if (s == QuoteKindName(k)) return k;
  }
  return QuoteKind::kFull;
}

const char* SpeakerKindName(SpeakerKind kind) {
  switch (kind) {
    case SpeakerKind::kUnknown:
      return "unknown";
    case SpeakerKind::kPerson:
      return "person";
    case SpeakerKind::kOrganization:
      return "organization";
    case SpeakerKind::kGroup:
      return "group";
  }
  return "unknown";
}

SpeakerKind ParseSpeakerKind(std::string_view s) {
  for (SpeakerKind k : {SpeakerKind::kUnknown, SpeakerKind::kPerson,
                        SpeakerKind::kOrganization, SpeakerKind::kGroup}) {
    if (s == SpeakerKindName(k)) return k;
  }
  return SpeakerKind::kUnknown;
}

const char* AttributionName(Attribution a) {
  switch (a) {
    case Attribution::kNone:
      return "none";
    case Attribution::kExplicit:
      return "explicit";
    case Attribution::kPronoun:
      return "pronoun";
    case Attribution::kDescription:
      return "description";
    case Attribution::kContinuation:
      return "continuation";
    case Attribution::kEditorial:
      return "editorial";
  }
  return "none";
}

Attribution ParseAttribution(std::string_view s) {
  for (Attribution a : {Attribution::kNone, Attribution::kExplicit,
                        Attribution::kPronoun, Attribution::kDescription,
                        Attribution::kContinuation, Attribution::kEditorial}) {
    if (s == AttributionName(a)) return a;
  }
  return Attribution::kNone;
}

int RelationBit(SourceRelation r) {
  switch (r) {
    case SourceRelation::kPublisher:
      return kRelPublisher;
    case SourceRelation::kOutlet:
      return kRelOutlet;
    case SourceRelation::kWire:
      return kRelWire;
  }
  return kRelPublisher;
}

// ---------------------------------------------------------------------------
// Small text helpers.

int64_t Micros(absl::Time t) { return absl::ToUnixMicros(t); }
absl::Time FromMicros(int64_t us) { return absl::FromUnixMicros(us); }

int64_t FloorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

namespace {

// The publish milliseconds of google.protobuf.Timestamp's range.
constexpr int64_t kMinRidMs = int64_t{-62135596800} * 1000;
constexpr int64_t kMaxRidMs = int64_t{253402300799} * 1000 + 999;
constexpr int64_t kNearMs = int64_t{1} << 42;
constexpr int64_t kEdgeRid = int64_t{1} << 62;

}  // namespace

RidSlot RidSlotForMs(int64_t ms) {
  ms = std::max(kMinRidMs, std::min(ms, kMaxRidMs));
  if (ms >= kNearMs) {
    return RidSlot{kEdgeRid + (ms - kNearMs) * (int64_t{1} << 14),
                   int64_t{1} << 14};
  }
  if (ms >= -kNearMs) return RidSlot{ms * (int64_t{1} << 20), int64_t{1} << 20};
  return RidSlot{-kEdgeRid - (-kNearMs - ms) * (int64_t{1} << 16),
                 int64_t{1} << 16};
}

int64_t RidFloor(int64_t us) {
  return RidSlotForMs(FloorDiv(us, 1000)).base;
}

int64_t RidCeil(int64_t us) {
  if (us == INT64_MIN) return kNoRid;
  const int64_t ms = FloorDiv(us - 1, 1000) + 1;
  if (ms > kMaxRidMs) return INT64_MAX;
  return RidSlotForMs(ms).base;
}

std::string SpansText(const std::vector<Span>& spans) {
  std::string out;
  for (const Span& s : spans) {
    if (!out.empty()) out.push_back(';');
    absl::StrAppend(&out, s.start, "-", s.end);
  }
  return out;
}

std::vector<Span> ParseSpans(std::string_view text) {
  std::vector<Span> spans;
  spans.reserve(std::count(text.begin(), text.end(), ';') + 1);
  for (absl::string_view part :
       absl::StrSplit(Sv(text), ';', absl::SkipEmpty())) {
    std::pair<absl::string_view, absl::string_view> se =
        absl::StrSplit(part, absl::MaxSplits('-', 1));
    Span span;
    if (absl::SimpleAtoi(se.first, &span.start) &&
        absl::SimpleAtoi(se.second, &span.end)) {
      spans.push_back(span);
    }
  }
  return spans;
}

std::string SourcesText(const std::vector<QuoteSource>& sources) {
  // One entry per source: relation bits of all its entries, then the byte
  // lengths of id and display name, then both.
  std::map<std::string_view, std::pair<int, std::string_view>> by_id;
  for (const QuoteSource& s : sources) {
    auto& entry = by_id[s.source_id];
    entry.first |= RelationBit(s.relation);
    entry.second = s.display_name;
  }
  std::string out;
  for (const auto& [id, entry] : by_id) {
    absl::StrAppend(&out, entry.first, ",", id.size(), ",",
                    entry.second.size(), ":", Sv(id), Sv(entry.second));
  }
  return out;
}

std::vector<QuoteSource> ParseSources(std::string_view text) {
  std::vector<QuoteSource> out;
  out.reserve(4);  // publisher, outlet, a wire or two
  while (!text.empty()) {
    int64_t fields[3];
    for (int64_t& field : fields) {
      const size_t end = text.find_first_of(",:");
      if (end == std::string_view::npos ||
          !absl::SimpleAtoi(Sv(text.substr(0, end)), &field) || field < 0) {
        return out;  // malformed: keep what was read
      }
      text.remove_prefix(end + 1);
    }
    const size_t id_size = static_cast<size_t>(fields[1]);
    const size_t name_size = static_cast<size_t>(fields[2]);
    if (id_size > text.size() || name_size > text.size() - id_size) break;
    const std::string_view id = text.substr(0, id_size);
    const std::string_view name = text.substr(id_size, name_size);
    text.remove_prefix(id_size + name_size);
    for (SourceRelation r : {SourceRelation::kPublisher, SourceRelation::kOutlet,
                             SourceRelation::kWire}) {
      if (fields[0] & RelationBit(r)) {
        out.push_back(QuoteSource{std::string(id), std::string(name), r});
      }
    }
  }
  // Publisher, outlet, wire; by id within a relation.
  std::sort(out.begin(), out.end(),
            [](const QuoteSource& a, const QuoteSource& b) {
              const int ra = RelationBit(a.relation), rb = RelationBit(b.relation);
              return ra != rb ? ra < rb : a.source_id < b.source_id;
            });
  return out;
}

std::vector<std::string> SplitList(std::string_view text, char sep) {
  std::vector<std::string> out;
  if (text.empty()) return out;
  out.reserve(std::count(text.begin(), text.end(), sep) + 1);
  for (absl::string_view part :
       absl::StrSplit(Sv(text), sep, absl::SkipEmpty())) {
    out.emplace_back(part);
  }
  return out;
}

std::vector<std::string> FtsWords(std::string_view folded) {
  std::vector<std::string> words;
  std::string current;
  const uint8_t* p = reinterpret_cast<const uint8_t*>(folded.data());
  const int32_t length = static_cast<int32_t>(folded.size());
  int32_t i = 0;
  while (i < length) {
    const int32_t start = i;
    UChar32 cp;
    U8_NEXT(p, i, length, cp);
    if (cp >= 0 && u_isalnum(cp)) {
      current.append(folded.data() + start, i - start);
    } else if (!current.empty()) {
      words.push_back(std::move(current));
      current.clear();
    }
  }
  if (!current.empty()) words.push_back(std::move(current));
  return words;
}

std::string CollapseSpaces(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

std::string Trim(std::string_view text) { return CollapseSpaces(text); }

// ASCII slug of folded text: runs of [a-z0-9] joined by '-', at most 60
// characters.
std::string Slug(std::string_view folded) {
  std::string out;
  bool dash = false;
  for (char c : folded) {
    char lower = absl::ascii_tolower(static_cast<unsigned char>(c));
    if ((lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9')) {
      if (dash && !out.empty()) out.push_back('-');
      dash = false;
      out.push_back(lower);
      if (out.size() >= 60) break;
    } else {
      dash = true;
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

// "en" of "en-GB", lower case.
std::string PrimaryLanguage(std::string_view tag) {
  std::string lower = absl::AsciiStrToLower(Sv(tag.substr(0, tag.find('-'))));
  return lower;
}

std::string EscapeLike(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

std::string JsonArray(const std::vector<std::string>& values) {
  std::string out = "[";
  for (size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out.push_back(',');
    out.push_back('"');
    for (char c : values[i]) {
      unsigned char u = static_cast<unsigned char>(c);
      if (c == '"' || c == '\\') {
        out.push_back('\\');
        out.push_back(c);
      } else if (u < 0x20) {
        static const char kHex[] = "0123456789abcdef";
        out += "\\u00";
        out.push_back(kHex[u >> 4]);
        out.push_back(kHex[u & 0xf]);
      } else {
        out.push_back(c);
      }
    }
    out.push_back('"');
  }
  out.push_back(']');
  return out;
}

std::string_view StripPrefix(std::string_view s, std::string_view prefix,
                             bool* stripped) {
  if (s.substr(0, prefix.size()) == prefix) {
    if (stripped) *stripped = true;
    return s.substr(prefix.size());
  }
  if (stripped) *stripped = false;
  return s;
}

int32_t EffectivePageSize(const PageOptions& page) {
  return page.page_size > 0 ? page.page_size : kDefaultPageSize;
}

StoredQuote ReadQuote(const Stmt& s) {
  StoredQuote out;
  Quote& q = out.quote;
  q.id = s.Text(0);
  out.article_id = s.Text(1);
  q.text = s.Text(3);
  q.spans = ParseSpans(s.TextView(4));
  q.kind = ParseQuoteKind(s.TextView(5));
  q.speaker.name = s.Text(6);
  q.speaker.mention = s.Text(7);
  q.speaker.mention_span.start = static_cast<int32_t>(s.Int(8));
  q.speaker.mention_span.end = static_cast<int32_t>(s.Int(9));
  q.speaker.kind = ParseSpeakerKind(s.TextView(10));
  q.speaker.description = s.Text(11);
  q.speaker.age = static_cast<int>(s.Int(12));
  q.speaker.person_id = s.Text(13);
  q.cue = s.Text(14);
  q.outlet = s.Text(15);
  q.attribution = ParseAttribution(s.TextView(16));
  q.confidence = static_cast<float>(s.Double(17));
  q.topics = SplitList(s.TextView(18), ',');
  q.language = s.Text(19);
  out.publish_time = FromMicros(s.Int(20));
  out.sources = ParseSources(s.TextView(21));
  return out;
}

void BindParams(Stmt& stmt, const std::vector<Param>& params) {
  for (size_t i = 0; i < params.size(); ++i) {
    int index = static_cast<int>(i) + 1;
    if (const int64_t* v = std::get_if<int64_t>(&params[i])) {
      stmt.Bind(index, *v);
    } else {
      stmt.Bind(index, std::get<std::string>(params[i]));
    }
  }
}

}  // namespace store_internal
}  // namespace quotewire

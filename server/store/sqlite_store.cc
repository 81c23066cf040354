#include "server/store/sqlite_store.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "server/core/absl_compat.h"
#include "server/core/status_macros.h"
#include "server/people/name_analyzer.h"
#include "server/sources/source_catalog.h"
#include "server/store/page_token.h"
#include "server/store/schema.h"
#include "server/store/sqlite_db.h"
#include "server/topics/topic_tagger.h"

namespace quotewire {
namespace {

using store_internal::Connection;
using store_internal::PagePosition;
using store_internal::PageTokenCodec;
using store_internal::StableHashHex;
using store_internal::Stmt;
using store_internal::WithTransaction;

constexpr int kRelPublisher = 1;
constexpr int kRelOutlet = 2;
constexpr int kRelWire = 4;
constexpr char kListSep = '\x1f';
constexpr int kMaxQueryWords = 32;
constexpr int kDefaultPageSize = 50;

// Token kinds, one per List method (and ordering).
constexpr char kTokenQuotes = 'Q';
constexpr char kTokenQuotesRelevance = 'R';
constexpr char kTokenPeople = 'P';
constexpr char kTokenSources = 'S';
constexpr char kTokenTopics = 'T';
constexpr char kTokenCorrections = 'C';

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

// quotes.rid (= quote_fts.rowid) orders quotes by publish time: the publish
// millisecond (offset by 2^42, clamped to +-139 years around 1970) shifted
// left by 20 bits, plus a counter within that millisecond. Free-text listings
// walk the FTS index in rowid order and stop after one page instead of
// sorting every match.
constexpr int kRidShift = 20;
constexpr int64_t kRidMsOffset = int64_t{1} << 42;

int64_t FloorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

int64_t RidBaseForMs(int64_t ms) {
  ms = std::max(-kRidMsOffset, std::min(ms, kRidMsOffset - 1));
  return (ms + kRidMsOffset) << kRidShift;
}

// Smallest rid of a quote published at or after `us`.
int64_t RidFloor(int64_t us) { return RidBaseForMs(FloorDiv(us, 1000)); }
// Every quote published before `us` has a smaller rid.
int64_t RidCeil(int64_t us) {
  int64_t ms = FloorDiv(us - 1, 1000) + 1;
  if (ms >= kRidMsOffset) return INT64_MAX;
  return RidBaseForMs(ms);
}

std::string SpansText(const std::vector<Span>& spans) {
  std::string out;
  for (const Span& s : spans) {
    if (!out.empty()) out.push_back(';');
    absl::StrAppend(&out, s.start, "-", s.end);
  }
  return out;
}

std::vector<Span> ParseSpans(const std::string& text) {
  std::vector<Span> spans;
  for (absl::string_view part : absl::StrSplit(text, ';', absl::SkipEmpty())) {
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

std::vector<std::string> SplitList(const std::string& text, char sep) {
  std::vector<std::string> out;
  if (text.empty()) return out;
  for (absl::string_view part : absl::StrSplit(text, sep, absl::SkipEmpty())) {
    out.emplace_back(part);
  }
  return out;
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
                             bool* stripped = nullptr) {
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

// Columns of a quote row, read by ReadQuote().
constexpr char kQuoteColumns[] =
    "q.id, q.article_id, q.ordinal, q.text, q.spans, q.kind, q.speaker_name, "
    "q.speaker_mention, q.mention_start, q.mention_end, q.speaker_kind, "
    "q.speaker_description, q.speaker_age, q.person_id, q.cue, q.outlet, "
    "q.attribution, q.confidence, q.topics, q.language, q.publish_time";

StoredQuote ReadQuote(const Stmt& s) {
  StoredQuote out;
  Quote& q = out.quote;
  q.id = s.Text(0);
  out.article_id = s.Text(1);
  q.text = s.Text(3);
  q.spans = ParseSpans(s.Text(4));
  q.kind = ParseQuoteKind(s.Text(5));
  q.speaker.name = s.Text(6);
  q.speaker.mention = s.Text(7);
  q.speaker.mention_span.start = static_cast<int32_t>(s.Int(8));
  q.speaker.mention_span.end = static_cast<int32_t>(s.Int(9));
  q.speaker.kind = ParseSpeakerKind(s.Text(10));
  q.speaker.description = s.Text(11);
  q.speaker.age = static_cast<int>(s.Int(12));
  q.speaker.person_id = s.Text(13);
  q.cue = s.Text(14);
  q.outlet = s.Text(15);
  q.attribution = ParseAttribution(s.Text(16));
  q.confidence = static_cast<float>(s.Double(17));
  q.topics = SplitList(s.Text(18), ',');
  q.language = s.Text(19);
  out.publish_time = FromMicros(s.Int(20));
  return out;
}

using Param = std::variant<int64_t, std::string>;

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

// One person found by surname, with what its aliases say about a name.
struct Candidate {
  std::string id;
  std::string display;
  bool locked = false;
  int64_t quote_count = 0;
  bool has_full_name = false;  // some alias has given names
  bool same = false;           // some alias is kSame with the name sought
};

// Most quoted first, then id.
bool MoreQuoted(const Candidate* a, const Candidate* b) {
  if (a->quote_count != b->quote_count) return a->quote_count > b->quote_count;
  return a->id < b->id;
}

struct FoundPeople {
  std::vector<std::string> ids;  // best first
  bool ambiguous = false;
};

class SqliteStore : public Store {
 public:
  SqliteStore(const SqliteStoreOptions& options,
              std::unique_ptr<Connection> writer,
              std::vector<std::unique_ptr<Connection>> readers,
              std::string_view secret)
      : names_(*options.names),
        sources_(*options.sources),
        topics_(*options.topics),
        clock_(options.clock ? options.clock : [] { return absl::Now(); }),
        codec_(secret),
        writer_(std::move(writer)),
        has_readers_(!readers.empty()),
        free_readers_(std::move(readers)) {}

  absl::StatusOr<IngestResult> PutArticle(
      const AnalyzedArticle& analyzed) override;
  absl::StatusOr<StoredArticle> GetArticle(std::string_view id) override {
    return Read([&](Connection& c) { return LoadArticle(c, id); });
  }
  absl::StatusOr<std::vector<StoredQuote>> GetArticleQuotes(
      std::string_view id) override {
    return Read([&](Connection& c) -> absl::StatusOr<std::vector<StoredQuote>> {
      QW_RETURN_IF_ERROR(LoadArticle(c, id).status());
      return LoadArticleQuotes(c, id);
    });
  }
  absl::StatusOr<int32_t> DeleteArticle(std::string_view id) override;
  absl::StatusOr<StoredQuote> GetQuote(std::string_view id) override {
    return Read([&](Connection& c) { return LoadQuote(c, id); });
  }
  absl::StatusOr<Page<StoredQuote>> ListQuotes(
      const QuoteFilter& filter, const PageOptions& page) override;
  absl::StatusOr<Page<PersonRecord>> ListPeople(
      std::string_view query, std::optional<SpeakerKind> kind,
      const PageOptions& page) override;
  absl::StatusOr<PersonRecord> GetPerson(std::string_view name) override {
    return Read([&](Connection& c) -> absl::StatusOr<PersonRecord> {
      QW_ASSIGN_OR_RETURN(std::string id, ResolveOnePerson(c, name));
      return LoadPerson(c, id);
    });
  }
  absl::StatusOr<Page<SourceRecord>> ListSources(
      std::string_view query, const PageOptions& page) override;
  absl::StatusOr<Page<TopicRecord>> ListTopics(
      const PageOptions& page) override;
  absl::StatusOr<PersonRecord> MergePeople(
      std::string_view person, const std::vector<std::string>& people,
      std::string_view editor) override;
  absl::StatusOr<std::pair<PersonRecord, PersonRecord>> SplitPerson(
      std::string_view person, const std::vector<std::string>& aliases,
      std::string_view display_name, std::string_view editor) override;
  absl::StatusOr<PersonRecord> RenamePerson(std::string_view person,
                                            std::string_view display_name,
                                            std::string_view editor) override;
  absl::StatusOr<StoredQuote> ReattributeQuote(
      std::string_view quote_id, std::string_view person,
      std::string_view editor) override;
  absl::StatusOr<Page<CorrectionRecord>> ListCorrections(
      const PageOptions& page) override;

 private:
  // Runs `fn(Connection&)` in a read transaction on a pooled connection.
  template <typename Fn>
  auto Read(Fn&& fn) -> decltype(fn(std::declval<Connection&>())) {
    if (!has_readers_) {
      std::lock_guard<std::mutex> lock(write_mu_);
      return WithTransaction(*writer_, "BEGIN", [&] { return fn(*writer_); });
    }
    std::unique_ptr<Connection> conn;
    {
      std::unique_lock<std::mutex> lock(pool_mu_);
      pool_cv_.wait(lock, [&] { return !free_readers_.empty(); });
      conn = std::move(free_readers_.back());
      free_readers_.pop_back();
    }
    auto result = WithTransaction(*conn, "BEGIN", [&] { return fn(*conn); });
    {
      std::lock_guard<std::mutex> lock(pool_mu_);
      free_readers_.push_back(std::move(conn));
    }
    pool_cv_.notify_one();
    return result;
  }

  // Runs `fn(Connection&)` in a write transaction on the writer.
  template <typename Fn>
  auto Write(Fn&& fn) -> decltype(fn(std::declval<Connection&>())) {
    std::lock_guard<std::mutex> lock(write_mu_);
    return WithTransaction(*writer_, "BEGIN IMMEDIATE",
                           [&] { return fn(*writer_); });
  }

  // --- Keys.
  std::string AliasKey(std::string_view name) const {
    return CollapseSpaces(names_.Fold(name));
  }
  std::string SpeakerFtsText(std::string_view speaker_name,
                             std::string_view display) const {
    if (display.empty() || display == speaker_name) {
      return names_.Fold(speaker_name);
    }
    return names_.Fold(absl::StrCat(Sv(speaker_name), " ", Sv(display)));
  }
  absl::StatusOr<std::string> BuildMatch(std::string_view query) const;

  // --- Reading.
  absl::StatusOr<StoredArticle> LoadArticle(Connection& c, std::string_view id);
  absl::StatusOr<std::vector<StoredQuote>> LoadArticleQuotes(
      Connection& c, std::string_view id);
  absl::StatusOr<StoredQuote> LoadQuote(Connection& c, std::string_view id);
  absl::Status FillSources(Connection& c, std::vector<StoredQuote>& quotes);
  absl::StatusOr<PersonRecord> LoadPerson(Connection& c, std::string_view id);
  absl::StatusOr<SourceRecord> LoadSource(Connection& c, std::string_view id);
  absl::StatusOr<std::map<std::string, Candidate>> LoadCandidates(
      Connection& c, const NameKey& key);
  absl::StatusOr<FoundPeople> FindPeople(Connection& c, std::string_view name);
  absl::StatusOr<std::string> ResolveOnePerson(Connection& c,
                                               std::string_view name);
  absl::StatusOr<std::vector<std::string>> FindSources(Connection& c,
                                                       std::string_view name);
  absl::StatusOr<bool> Exists(Connection& c, const char* sql,
                              std::string_view id);

  // --- Writing.
  absl::Status RemoveArticleQuotes(Connection& c, std::string_view article_id,
                                   std::set<std::string>& touched);
  absl::Status AdjustCounts(Connection& c, std::string_view article_id,
                            int sign);
  absl::Status RecomputePerson(Connection& c, std::string_view id);
  absl::Status CollectGarbage(Connection& c, const std::set<std::string>& ids);
  absl::StatusOr<std::string> UpsertSource(Connection& c,
                                           std::string_view name);
  absl::StatusOr<std::string> CreatePerson(Connection& c,
                                           std::string_view display,
                                           SpeakerKind kind, bool locked);
  absl::Status AddAlias(Connection& c, std::string_view person_id,
                        std::string_view alias, SpeakerKind kind);
  absl::Status AddAliasWithKey(Connection& c, std::string_view person_id,
                               std::string_view alias, const NameKey* key);
  absl::Status MaybeUpgradeDisplay(Connection& c, const Candidate& cand,
                                   const NameKey& key);
  absl::Status ReindexPerson(Connection& c, std::string_view person_id);
  absl::Status Pin(Connection& c, std::string_view alias_key,
                   std::string_view person_id, int64_t seq);
  absl::StatusOr<int64_t> RecordCorrection(Connection& c,
                                           std::string_view action,
                                           std::string_view summary,
                                           std::string_view editor,
                                           std::string_view payload);

  struct Resolution {
    std::string person_id;
    bool editorial = false;
  };
  absl::StatusOr<std::vector<Resolution>> ResolveSpeakers(
      Connection& c, const std::vector<Quote>& quotes,
      const std::vector<std::string>& quote_ids);
  absl::StatusOr<std::string> ResolveFullName(Connection& c,
                                              const NameKey& key);
  absl::StatusOr<std::string> ResolveSurname(
      Connection& c, const NameKey& key,
      const std::map<std::string, std::set<std::string>>& in_article);

  const NameAnalyzer& names_;
  const SourceCatalog& sources_;
  const TopicTagger& topics_;
  const std::function<absl::Time()> clock_;
  const PageTokenCodec codec_;

  std::mutex write_mu_;
  std::unique_ptr<Connection> writer_;

  const bool has_readers_;
  std::mutex pool_mu_;
  std::condition_variable pool_cv_;
  std::vector<std::unique_ptr<Connection>> free_readers_;
};

// ---------------------------------------------------------------------------
// Reading helpers.

absl::StatusOr<bool> SqliteStore::Exists(Connection& c, const char* sql,
                                         std::string_view id) {
  QW_ASSIGN_OR_RETURN(Stmt s, c.Prepare(sql));
  s.Bind(1, id);
  return s.Step();
}

absl::StatusOr<StoredArticle> SqliteStore::LoadArticle(Connection& c,
                                                       std::string_view id) {
  QW_ASSIGN_OR_RETURN(
      Stmt s, c.Prepare("SELECT id, client_id, text, title, publisher, url, "
                        "publish_time, language, ingest_time, wire_credits, "
                        "(SELECT count(*) FROM quotes WHERE article_id = a.id) "
                        "FROM articles a WHERE id = ?"));
  s.Bind(1, id);
  QW_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) {
    return absl::NotFoundError(
        absl::StrCat("article '", Sv(id), "' not found"));
  }
  StoredArticle out;
  out.id = s.Text(0);
  out.article.id = s.Text(1);
  out.article.text = s.Text(2);
  out.article.title = s.Text(3);
  out.article.publisher = s.Text(4);
  out.article.url = s.Text(5);
  if (!s.IsNull(6)) out.article.publish_time = FromMicros(s.Int(6));
  out.article.language = s.Text(7);
  out.ingest_time = FromMicros(s.Int(8));
  out.wire_credits = SplitList(s.Text(9), kListSep);
  out.quote_count = static_cast<int32_t>(s.Int(10));
  return out;
}

absl::StatusOr<std::vector<StoredQuote>> SqliteStore::LoadArticleQuotes(
    Connection& c, std::string_view id) {
  static const std::string sql =
      absl::StrCat("SELECT ", kQuoteColumns,
                   " FROM quotes q WHERE q.article_id = ? ORDER BY q.ordinal");
  QW_ASSIGN_OR_RETURN(Stmt s, c.Prepare(sql));
  s.Bind(1, id);
  std::vector<StoredQuote> out;
  while (true) {
    QW_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    out.push_back(ReadQuote(s));
  }
  QW_RETURN_IF_ERROR(FillSources(c, out));
  return out;
}

absl::StatusOr<StoredQuote> SqliteStore::LoadQuote(Connection& c,
                                                   std::string_view id) {
  static const std::string sql =
      absl::StrCat("SELECT ", kQuoteColumns, " FROM quotes q WHERE q.id = ?");
  std::vector<StoredQuote> out;
  {
    QW_ASSIGN_OR_RETURN(Stmt s, c.Prepare(sql));
    s.Bind(1, id);
    QW_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) {
      return absl::NotFoundError(
          absl::StrCat("quote '", Sv(id), "' not found"));
    }
    out.push_back(ReadQuote(s));
  }
  QW_RETURN_IF_ERROR(FillSources(c, out));
  return std::move(out[0]);
}

absl::Status SqliteStore::FillSources(Connection& c,
                                      std::vector<StoredQuote>& quotes) {
  QW_ASSIGN_OR_RETURN(
      Stmt s, c.Prepare("SELECT qs.source_id, s.display_name, qs.relations "
                        "FROM quote_sources qs JOIN sources s "
                        "ON s.id = qs.source_id WHERE qs.quote_id = ? "
                        "ORDER BY qs.source_id"));
  for (StoredQuote& q : quotes) {
    s.Bind(1, q.quote.id);
    std::vector<QuoteSource> found;
    while (true) {
      QW_ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) break;
      int relations = static_cast<int>(s.Int(2));
      for (SourceRelation r :
           {SourceRelation::kPublisher, SourceRelation::kOutlet,
            SourceRelation::kWire}) {
        if (relations & RelationBit(r)) {
          found.push_back(QuoteSource{s.Text(0), s.Text(1), r});
        }
      }
    }
    std::stable_sort(found.begin(), found.end(),
                     [](const QuoteSource& a, const QuoteSource& b) {
                       return RelationBit(a.relation) < RelationBit(b.relation);
                     });
    q.sources = std::move(found);
    s.Reset();
  }
  return absl::OkStatus();
}

absl::StatusOr<PersonRecord> SqliteStore::LoadPerson(Connection& c,
                                                     std::string_view id) {
  PersonRecord out;
  {
    QW_ASSIGN_OR_RETURN(Stmt s,
                        c.Prepare("SELECT id, display_name, kind, quote_count, "
                                  "article_count FROM people WHERE id = ?"));
    s.Bind(1, id);
    QW_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) {
      return absl::NotFoundError(
          absl::StrCat("person '", Sv(id), "' not found"));
    }
    out.id = s.Text(0);
    out.display_name = s.Text(1);
    out.kind = ParseSpeakerKind(s.Text(2));
    out.quote_count = s.Int(3);
    out.article_count = s.Int(4);
  }
  {
    QW_ASSIGN_OR_RETURN(
        Stmt s,
        c.Prepare("SELECT alias FROM person_aliases WHERE person_id = ? "
                  "ORDER BY alias"));
    s.Bind(1, id);
    while (true) {
      QW_ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) break;
      out.aliases.push_back(s.Text(0));
    }
  }
  {
    QW_ASSIGN_OR_RETURN(Stmt s,
                        c.Prepare("SELECT description FROM person_descriptions "
                                  "WHERE person_id = ? ORDER BY description"));
    s.Bind(1, id);
    while (true) {
      QW_ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) break;
      out.descriptions.push_back(s.Text(0));
    }
  }
  {
    QW_ASSIGN_OR_RETURN(
        Stmt s, c.Prepare("SELECT DISTINCT language FROM quotes "
                          "WHERE person_id = ? AND language != '' ORDER BY 1"));
    s.Bind(1, id);
    while (true) {
      QW_ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) break;
      out.languages.push_back(s.Text(0));
    }
  }
  return out;
}

absl::StatusOr<SourceRecord> SqliteStore::LoadSource(Connection& c,
                                                     std::string_view id) {
  SourceRecord out;
  {
    QW_ASSIGN_OR_RETURN(
        Stmt s, c.Prepare("SELECT id, display_name, quote_count, "
                          "publisher_quote_count, outlet_quote_count, "
                          "wire_quote_count FROM sources WHERE id = ?"));
    s.Bind(1, id);
    QW_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) {
      return absl::NotFoundError(
          absl::StrCat("source '", Sv(id), "' not found"));
    }
    out.id = s.Text(0);
    out.display_name = s.Text(1);
    out.quote_count = s.Int(2);
    out.publisher_quote_count = s.Int(3);
    out.outlet_quote_count = s.Int(4);
    out.wire_quote_count = s.Int(5);
  }
  QW_ASSIGN_OR_RETURN(
      Stmt s, c.Prepare("SELECT alias FROM source_aliases WHERE source_id = ? "
                        "ORDER BY alias"));
  s.Bind(1, id);
  while (true) {
    QW_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    std::string alias = s.Text(0);
    if (alias != out.display_name) out.aliases.push_back(std::move(alias));
  }
  return out;
}

absl::StatusOr<std::map<std::string, Candidate>> SqliteStore::LoadCandidates(
    Connection& c, const NameKey& key) {
  std::map<std::string, Candidate> out;
  QW_ASSIGN_OR_RETURN(
      Stmt s,
      c.Prepare("SELECT p.id, p.display_name, p.display_locked, p.quote_count, "
                "a.alias, a.given_keys, a.full_key FROM person_aliases a "
                "JOIN people p ON p.id = a.person_id "
                "WHERE a.surname_key = ? AND p.kind = 'person'"));
  s.Bind(1, key.surname_key);
  while (true) {
    QW_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    Candidate& cand = out[s.Text(0)];
    cand.id = s.Text(0);
    cand.display = s.Text(1);
    cand.locked = s.Int(2) != 0;
    cand.quote_count = s.Int(3);
    NameKey alias_key;
    alias_key.display = s.Text(4);
    alias_key.surname_key = key.surname_key;
    alias_key.given_keys = SplitList(s.Text(5), ' ');
    alias_key.full_key = s.Text(6);
    if (!alias_key.given_keys.empty()) cand.has_full_name = true;
    if (names_.Compare(key, alias_key) == NameAnalyzer::Match::kSame) {
      cand.same = true;
    }
  }
  return out;
}

absl::StatusOr<FoundPeople> SqliteStore::FindPeople(Connection& c,
                                                    std::string_view name) {
  FoundPeople found;
  bool id_only = false;
  std::string text = Trim(StripPrefix(name, "people/", &id_only));
  if (text.empty()) return found;
  // 1. An id, or an id merged away.
  std::string id = text;
  for (int hop = 0; hop < 8; ++hop) {
    QW_ASSIGN_OR_RETURN(bool exists,
                        Exists(c, "SELECT 1 FROM people WHERE id = ?", id));
    if (exists) {
      found.ids.push_back(id);
      return found;
    }
    QW_ASSIGN_OR_RETURN(
        Stmt s,
        c.Prepare("SELECT person_id FROM person_redirects WHERE old_id = ?"));
    s.Bind(1, id);
    QW_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    id = s.Text(0);
  }
  if (id_only) return found;
  auto collect = [&](Stmt& s) -> absl::Status {
    while (true) {
      QW_ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) return absl::OkStatus();
      found.ids.push_back(s.Text(0));
    }
  };
  // 2. A name form exactly as seen.
  {
    QW_ASSIGN_OR_RETURN(Stmt s,
                        c.Prepare("SELECT p.id FROM people p WHERE p.id IN "
                                  "(SELECT person_id FROM person_aliases "
                                  "WHERE alias_key = ?) "
                                  "ORDER BY p.quote_count DESC, p.id"));
    s.Bind(1, AliasKey(text));
    QW_RETURN_IF_ERROR(collect(s));
    if (!found.ids.empty()) return found;
  }
  NameKey key = names_.Analyze(text);
  if (key.surname_key.empty()) return found;
  // 3. The same full name under another spelling.
  if (!key.given_keys.empty()) {
    QW_ASSIGN_OR_RETURN(
        Stmt s, c.Prepare("SELECT p.id FROM people p WHERE p.kind = 'person' "
                          "AND p.id IN (SELECT person_id FROM person_aliases "
                          "WHERE full_key = ?) "
                          "ORDER BY p.quote_count DESC, p.id"));
    s.Bind(1, key.full_key);
    QW_RETURN_IF_ERROR(collect(s));
    if (!found.ids.empty()) return found;
  }
  // 4. By surname, when it names one person.
  QW_ASSIGN_OR_RETURN(auto candidates, LoadCandidates(c, key));
  std::vector<const Candidate*> matching;
  for (const auto& [cid, cand] : candidates) {
    if (key.given_keys.empty() || cand.same || !cand.has_full_name) {
      matching.push_back(&cand);
    }
  }
  std::sort(matching.begin(), matching.end(), MoreQuoted);
  for (const Candidate* cand : matching) found.ids.push_back(cand->id);
  found.ambiguous = found.ids.size() > 1;
  return found;
}

absl::StatusOr<std::string> SqliteStore::ResolveOnePerson(
    Connection& c, std::string_view name) {
  QW_ASSIGN_OR_RETURN(FoundPeople found, FindPeople(c, name));
  if (found.ids.empty()) {
    return absl::NotFoundError(
        absl::StrCat("person '", Sv(name), "' not found"));
  }
  if (found.ambiguous) {
    return absl::NotFoundError(absl::StrCat(
        "person '", Sv(name), "' is ambiguous: ", found.ids.size(),
        " people match (", absl::StrJoin(found.ids, ", "), "); use an id"));
  }
  return found.ids[0];
}

absl::StatusOr<std::vector<std::string>> SqliteStore::FindSources(
    Connection& c, std::string_view name) {
  std::string text = Trim(StripPrefix(name, "sources/"));
  std::set<std::string> ids;
  if (text.empty()) return std::vector<std::string>();
  QW_ASSIGN_OR_RETURN(Stmt s,
                      c.Prepare("SELECT id FROM sources WHERE id = ?1 "
                                "UNION SELECT source_id FROM source_aliases "
                                "WHERE alias_key = ?2 "
                                "UNION SELECT id FROM sources WHERE id = ?3"));
  s.BindAll(absl::AsciiStrToLower(text), AliasKey(text),
            sources_.Canonicalize(text).id);
  while (true) {
    QW_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    ids.insert(s.Text(0));
  }
  return std::vector<std::string>(ids.begin(), ids.end());
}

absl::StatusOr<std::string> SqliteStore::BuildMatch(
    std::string_view query) const {
  std::string folded = names_.Fold(query);
  std::vector<std::string> words;
  std::set<std::string> seen;
  std::string current;
  auto flush = [&] {
    if (!current.empty() && seen.insert(current).second) {
      words.push_back(current);
    }
    current.clear();
  };
  const uint8_t* p = reinterpret_cast<const uint8_t*>(folded.data());
  int32_t length = static_cast<int32_t>(folded.size());
  int32_t i = 0;
  while (i < length) {
    int32_t start = i;
    UChar32 cp;
    U8_NEXT(p, i, length, cp);
    if (cp >= 0 && u_isalnum(cp)) {
      current.append(folded, start, i - start);
    } else {
      flush();
    }
  }
  flush();
  if (words.empty()) {
    return absl::InvalidArgumentError(
        "query: no searchable word (letters or digits)");
  }
  if (static_cast<int>(words.size()) > kMaxQueryWords) {
    return absl::InvalidArgumentError(
        absl::StrCat("query: more than ", kMaxQueryWords, " words"));
  }
  std::string expr;
  for (const std::string& w : words) {
    if (!expr.empty()) expr += " AND ";
    // Words hold only letters and digits: no quote to escape.
    absl::StrAppend(&expr, "\"", w, "\"");
  }
  return expr;
}

// ---------------------------------------------------------------------------
// Writing helpers.

absl::Status SqliteStore::AdjustCounts(Connection& c,
                                       std::string_view article_id, int sign) {
  struct Row {
    std::string id;
    int64_t n[4] = {0, 0, 0, 0};
  };
  auto collect = [&](const char* sql,
                     int columns) -> absl::StatusOr<std::vector<Row>> {
    QW_ASSIGN_OR_RETURN(Stmt s, c.Prepare(sql));
    s.Bind(1, article_id);
    std::vector<Row> rows;
    while (true) {
      QW_ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) break;
      Row r;
      r.id = s.Text(0);
      for (int i = 0; i < columns; ++i) r.n[i] = s.Int(i + 1) * sign;
      rows.push_back(std::move(r));
    }
    return rows;
  };
  QW_ASSIGN_OR_RETURN(
      std::vector<Row> people,
      collect("SELECT person_id, count(*) FROM quotes WHERE article_id = ? "
              "AND speech = 1 AND person_id IS NOT NULL GROUP BY person_id",
              1));
  for (const Row& r : people) {
    QW_ASSIGN_OR_RETURN(
        Stmt s, c.Prepare("UPDATE people SET quote_count = quote_count + ?, "
                          "article_count = article_count + ? WHERE id = ?"));
    QW_RETURN_IF_ERROR(s.BindAll(r.n[0], int64_t{sign}, r.id).Run());
  }
  QW_ASSIGN_OR_RETURN(
      std::vector<Row> topics,
      collect("SELECT t.topic_id, count(*) FROM quote_topics t "
              "JOIN quotes q ON q.id = t.quote_id "
              "WHERE q.article_id = ? AND q.speech = 1 GROUP BY t.topic_id",
              1));
  for (const Row& r : topics) {
    QW_ASSIGN_OR_RETURN(
        Stmt s, c.Prepare("INSERT INTO topic_counts(topic_id, quote_count) "
                          "VALUES (?, ?) ON CONFLICT(topic_id) DO UPDATE SET "
                          "quote_count = quote_count + excluded.quote_count"));
    QW_RETURN_IF_ERROR(s.BindAll(r.id, r.n[0]).Run());
  }
  QW_ASSIGN_OR_RETURN(
      std::vector<Row> sources,
      collect("SELECT s.source_id, count(*), sum((s.relations & 1) != 0), "
              "sum((s.relations & 2) != 0), sum((s.relations & 4) != 0) "
              "FROM quote_sources s JOIN quotes q ON q.id = s.quote_id "
              "WHERE q.article_id = ? AND q.speech = 1 GROUP BY s.source_id",
              4));
  for (const Row& r : sources) {
    QW_ASSIGN_OR_RETURN(
        Stmt s,
        c.Prepare("UPDATE sources SET quote_count = quote_count + ?, "
                  "publisher_quote_count = publisher_quote_count + ?, "
                  "outlet_quote_count = outlet_quote_count + ?, "
                  "wire_quote_count = wire_quote_count + ? WHERE id = ?"));
    QW_RETURN_IF_ERROR(s.BindAll(r.n[0], r.n[1], r.n[2], r.n[3], r.id).Run());
  }
  return absl::OkStatus();
}

absl::Status SqliteStore::RemoveArticleQuotes(Connection& c,
                                              std::string_view article_id,
                                              std::set<std::string>& touched) {
  {
    QW_ASSIGN_OR_RETURN(
        Stmt s, c.Prepare("SELECT DISTINCT person_id FROM quotes "
                          "WHERE article_id = ? AND person_id IS NOT NULL"));
    s.Bind(1, article_id);
    while (true) {
      QW_ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) break;
      touched.insert(s.Text(0));
    }
  }
  QW_RETURN_IF_ERROR(AdjustCounts(c, article_id, -1));
  {
    QW_ASSIGN_OR_RETURN(
        Stmt s, c.Prepare("DELETE FROM quote_fts WHERE rowid IN "
                          "(SELECT rid FROM quotes WHERE article_id = ?)"));
    QW_RETURN_IF_ERROR(s.BindAll(article_id).Run());
  }
  QW_ASSIGN_OR_RETURN(Stmt s,
                      c.Prepare("DELETE FROM quotes WHERE article_id = ?"));
  return s.BindAll(article_id).Run();
}

absl::Status SqliteStore::RecomputePerson(Connection& c, std::string_view id) {
  QW_ASSIGN_OR_RETURN(
      Stmt s,
      c.Prepare(
          "UPDATE people SET "
          "quote_count = (SELECT count(*) FROM quotes "
          "WHERE person_id = ?1 AND speech = 1), "
          "article_count = (SELECT count(DISTINCT article_id) FROM quotes "
          "WHERE person_id = ?1 AND speech = 1) WHERE id = ?1"));
  return s.BindAll(id).Run();
}

absl::Status SqliteStore::CollectGarbage(Connection& c,
                                         const std::set<std::string>& ids) {
  for (const std::string& id : ids) {
    QW_ASSIGN_OR_RETURN(
        Stmt s,
        c.Prepare("DELETE FROM people WHERE id = ?1 AND display_locked = 0 "
                  "AND NOT EXISTS (SELECT 1 FROM quotes WHERE person_id = ?1) "
                  "AND NOT EXISTS (SELECT 1 FROM alias_pins "
                  "WHERE person_id = ?1) "
                  "AND NOT EXISTS (SELECT 1 FROM quote_overrides "
                  "WHERE person_id = ?1)"));
    QW_RETURN_IF_ERROR(s.BindAll(id).Run());
    if (sqlite3_changes(c.db()) > 0) {
      QW_ASSIGN_OR_RETURN(
          Stmt r,
          c.Prepare("DELETE FROM person_redirects WHERE person_id = ?"));
      QW_RETURN_IF_ERROR(r.BindAll(id).Run());
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> SqliteStore::UpsertSource(Connection& c,
                                                      std::string_view name) {
  CanonicalSource canonical = sources_.Canonicalize(name);
  if (canonical.id.empty()) {
    canonical.id = Slug(names_.Fold(name));
    if (canonical.id.empty()) canonical.id = StableHashHex(name);
  }
  if (canonical.display_name.empty()) canonical.display_name = Trim(name);
  {
    QW_ASSIGN_OR_RETURN(
        Stmt s, c.Prepare("INSERT OR IGNORE INTO sources(id, display_name) "
                          "VALUES (?, ?)"));
    QW_RETURN_IF_ERROR(s.BindAll(canonical.id, canonical.display_name).Run());
  }
  std::vector<std::string> aliases = canonical.aliases;
  aliases.push_back(canonical.display_name);
  aliases.push_back(Trim(name));
  for (const std::string& alias : aliases) {
    if (alias.empty()) continue;
    QW_ASSIGN_OR_RETURN(
        Stmt s, c.Prepare("INSERT OR IGNORE INTO source_aliases(source_id, "
                          "alias, alias_key) VALUES (?, ?, ?)"));
    QW_RETURN_IF_ERROR(s.BindAll(canonical.id, alias, AliasKey(alias)).Run());
  }
  return canonical.id;
}

absl::StatusOr<std::string> SqliteStore::CreatePerson(Connection& c,
                                                      std::string_view display,
                                                      SpeakerKind kind,
                                                      bool locked) {
  std::string base = Slug(names_.Fold(display));
  if (base.empty()) base = "person";
  std::string id = base;
  for (int n = 2;; ++n) {
    QW_ASSIGN_OR_RETURN(
        bool taken,
        Exists(c,
               "SELECT 1 FROM people WHERE id = ?1 "
               "UNION ALL SELECT 1 FROM person_redirects WHERE old_id = ?1",
               id));
    if (!taken) break;
    id = absl::StrCat(base, "-", n);
  }
  QW_ASSIGN_OR_RETURN(
      Stmt s, c.Prepare("INSERT INTO people(id, display_name, kind, "
                        "display_locked, create_time) VALUES (?, ?, ?, ?, ?)"));
  QW_RETURN_IF_ERROR(s.BindAll(id, display, SpeakerKindName(kind),
                               int64_t{locked ? 1 : 0}, Micros(clock_()))
                         .Run());
  return id;
}

absl::Status SqliteStore::AddAliasWithKey(Connection& c,
                                          std::string_view person_id,
                                          std::string_view alias,
                                          const NameKey* key) {
  if (alias.empty()) return absl::OkStatus();
  QW_ASSIGN_OR_RETURN(
      Stmt s,
      c.Prepare("INSERT OR IGNORE INTO person_aliases(person_id, alias, "
                "alias_key, surname_key, given_keys, full_key) "
                "VALUES (?, ?, ?, ?, ?, ?)"));
  std::string given = key ? absl::StrJoin(key->given_keys, " ") : "";
  return s
      .BindAll(person_id, alias, AliasKey(alias),
               key ? key->surname_key : std::string(), given,
               key ? key->full_key : std::string())
      .Run();
}

absl::Status SqliteStore::AddAlias(Connection& c, std::string_view person_id,
                                   std::string_view alias, SpeakerKind kind) {
  if (kind == SpeakerKind::kPerson || kind == SpeakerKind::kUnknown) {
    NameKey key = names_.Analyze(alias);
    return AddAliasWithKey(c, person_id, alias,
                           key.surname_key.empty() ? nullptr : &key);
  }
  return AddAliasWithKey(c, person_id, alias, nullptr);
}

absl::Status SqliteStore::ReindexPerson(Connection& c,
                                        std::string_view person_id) {
  std::string display;
  {
    QW_ASSIGN_OR_RETURN(
        Stmt s, c.Prepare("SELECT display_name FROM people WHERE id = ?"));
    s.Bind(1, person_id);
    QW_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) return absl::OkStatus();
    display = s.Text(0);
  }
  std::vector<std::pair<int64_t, std::string>> rows;
  {
    QW_ASSIGN_OR_RETURN(Stmt s,
                        c.Prepare("SELECT rid, speaker_name FROM quotes "
                                  "WHERE person_id = ?"));
    s.Bind(1, person_id);
    while (true) {
      QW_ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) break;
      rows.emplace_back(s.Int(0), s.Text(1));
    }
  }
  for (const auto& [rid, speaker] : rows) {
    QW_ASSIGN_OR_RETURN(
        Stmt s, c.Prepare("UPDATE quote_fts SET speaker = ? WHERE rowid = ?"));
    QW_RETURN_IF_ERROR(s.BindAll(SpeakerFtsText(speaker, display), rid).Run());
  }
  return absl::OkStatus();
}

absl::Status SqliteStore::MaybeUpgradeDisplay(Connection& c,
                                              const Candidate& cand,
                                              const NameKey& key) {
  if (cand.locked || key.given_keys.empty()) return absl::OkStatus();
  NameKey current = names_.Analyze(cand.display);
  bool upgrade = current.given_keys.empty();
  if (!upgrade) {
    // "A. Lukashenko" becomes "Alexander Lukashenko", not the reverse.
    bool current_initials =
        std::all_of(current.given_keys.begin(), current.given_keys.end(),
                    [](const std::string& g) { return g.size() <= 1; });
    bool new_full =
        std::any_of(key.given_keys.begin(), key.given_keys.end(),
                    [](const std::string& g) { return g.size() > 1; });
    upgrade = current_initials && new_full;
  }
  if (!upgrade || key.display == cand.display) return absl::OkStatus();
  QW_ASSIGN_OR_RETURN(
      Stmt s, c.Prepare("UPDATE people SET display_name = ? WHERE id = ? "
                        "AND display_locked = 0"));
  QW_RETURN_IF_ERROR(s.BindAll(key.display, cand.id).Run());
  return ReindexPerson(c, cand.id);
}

absl::Status SqliteStore::Pin(Connection& c, std::string_view alias_key,
                              std::string_view person_id, int64_t seq) {
  if (alias_key.empty()) return absl::OkStatus();
  QW_ASSIGN_OR_RETURN(Stmt s,
                      c.Prepare("INSERT OR REPLACE INTO alias_pins(alias_key, "
                                "person_id, correction_seq) VALUES (?, ?, ?)"));
  return s.BindAll(alias_key, person_id, seq).Run();
}

absl::StatusOr<int64_t> SqliteStore::RecordCorrection(
    Connection& c, std::string_view action, std::string_view summary,
    std::string_view editor, std::string_view payload) {
  QW_ASSIGN_OR_RETURN(
      Stmt s, c.Prepare("INSERT INTO corrections(action, summary, editor, "
                        "create_time, payload) VALUES (?, ?, ?, ?, ?)"));
  QW_RETURN_IF_ERROR(
      s.BindAll(action, summary, editor, Micros(clock_()), payload).Run());
  return sqlite3_last_insert_rowid(c.db());
}

// ---------------------------------------------------------------------------
// Identity resolution.

absl::StatusOr<std::string> SqliteStore::ResolveFullName(Connection& c,
                                                         const NameKey& key) {
  QW_ASSIGN_OR_RETURN(auto candidates, LoadCandidates(c, key));
  std::vector<const Candidate*> same, surname_only;
  for (const auto& [id, cand] : candidates) {
    if (cand.same) {
      same.push_back(&cand);
    } else if (!cand.has_full_name) {
      surname_only.push_back(&cand);
    }
  }
  if (!same.empty()) {
    const Candidate* best =
        *std::min_element(same.begin(), same.end(), MoreQuoted);
    QW_RETURN_IF_ERROR(MaybeUpgradeDisplay(c, *best, key));
    return best->id;
  }
  // A surname-only person takes the full name, unless other full names share
  // the surname: then it holds surnames nobody could place, and stays so.
  const bool other_full_names =
      std::any_of(candidates.begin(), candidates.end(),
                  [](const auto& entry) { return entry.second.has_full_name; });
  if (!surname_only.empty() && !other_full_names) {
    const Candidate* best =
        *std::min_element(surname_only.begin(), surname_only.end(), MoreQuoted);
    QW_RETURN_IF_ERROR(MaybeUpgradeDisplay(c, *best, key));
    return best->id;
  }
  return CreatePerson(c, key.display, SpeakerKind::kPerson, false);
}

absl::StatusOr<std::string> SqliteStore::ResolveSurname(
    Connection& c, const NameKey& key,
    const std::map<std::string, std::set<std::string>>& in_article) {
  auto it = in_article.find(key.surname_key);
  if (it != in_article.end() && it->second.size() == 1) {
    return *it->second.begin();
  }
  QW_ASSIGN_OR_RETURN(auto candidates, LoadCandidates(c, key));
  std::vector<const Candidate*> full, surname_only;
  for (const auto& [id, cand] : candidates) {
    (cand.has_full_name ? full : surname_only).push_back(&cand);
  }
  if (full.size() == 1) return full[0]->id;
  if (!surname_only.empty()) {
    return (*std::min_element(surname_only.begin(), surname_only.end(),
                              MoreQuoted))
        ->id;
  }
  // No one, or several full names: a surname-only person.
  return CreatePerson(c, key.display, SpeakerKind::kPerson, false);
}

absl::StatusOr<std::vector<SqliteStore::Resolution>>
SqliteStore::ResolveSpeakers(Connection& c, const std::vector<Quote>& quotes,
                             const std::vector<std::string>& quote_ids) {
  std::vector<Resolution> out(quotes.size());
  std::vector<bool> done(quotes.size(), false);
  std::vector<NameKey> keys(quotes.size());
  // surname_key -> people named in full in this article.
  std::map<std::string, std::set<std::string>> in_article;

  for (int pass = 0; pass < 2; ++pass) {
    for (size_t i = 0; i < quotes.size(); ++i) {
      if (done[i]) continue;
      const Quote& q = quotes[i];
      if (pass == 0) {
        QW_ASSIGN_OR_RETURN(
            Stmt s, c.Prepare("SELECT o.person_id FROM quote_overrides o "
                              "JOIN people p ON p.id = o.person_id "
                              "WHERE o.quote_id = ?"));
        s.Bind(1, quote_ids[i]);
        QW_ASSIGN_OR_RETURN(bool row, s.Step());
        if (row) {
          out[i] = Resolution{s.Text(0), true};
          done[i] = true;
          continue;
        }
      }
      std::string name = Trim(q.speaker.name);
      if (name.empty()) {
        done[i] = true;
        continue;
      }
      SpeakerKind kind = q.speaker.kind;
      bool is_person =
          kind == SpeakerKind::kPerson || kind == SpeakerKind::kUnknown;
      if (pass == 0 && is_person) keys[i] = names_.Analyze(name);
      const NameKey& key = keys[i];
      if (is_person && key.surname_key.empty()) {
        // No letters: nobody to resolve to.
        done[i] = true;
        continue;
      }
      bool surname_only = is_person && key.given_keys.empty();
      if (pass == 0 && surname_only) continue;  // after the full names
      done[i] = true;

      std::string person_id;
      std::string alias_key = AliasKey(name);
      {
        QW_ASSIGN_OR_RETURN(Stmt s,
                            c.Prepare("SELECT a.person_id FROM alias_pins a "
                                      "JOIN people p ON p.id = a.person_id "
                                      "WHERE a.alias_key = ?"));
        s.Bind(1, alias_key);
        QW_ASSIGN_OR_RETURN(bool row, s.Step());
        if (row) person_id = s.Text(0);
      }
      if (person_id.empty() && !is_person) {
        QW_ASSIGN_OR_RETURN(
            Stmt s, c.Prepare("SELECT p.id FROM people p WHERE p.kind = ? AND "
                              "p.id IN (SELECT person_id FROM person_aliases "
                              "WHERE alias_key = ?) "
                              "ORDER BY p.quote_count DESC, p.id LIMIT 1"));
        s.BindAll(SpeakerKindName(kind), alias_key);
        QW_ASSIGN_OR_RETURN(bool row, s.Step());
        if (row) person_id = s.Text(0);
      }
      if (person_id.empty() && !is_person) {
        QW_ASSIGN_OR_RETURN(person_id, CreatePerson(c, name, kind, false));
      }
      if (person_id.empty() && !surname_only) {
        QW_ASSIGN_OR_RETURN(person_id, ResolveFullName(c, key));
      }
      if (person_id.empty()) {
        QW_ASSIGN_OR_RETURN(person_id, ResolveSurname(c, key, in_article));
      }
      if (is_person && !surname_only) {
        in_article[key.surname_key].insert(person_id);
      }
      // What this sighting teaches about the person.
      QW_RETURN_IF_ERROR(
          AddAliasWithKey(c, person_id, name, is_person ? &key : nullptr));
      std::string mention = Trim(q.speaker.mention);
      if (is_person && q.attribution == Attribution::kExplicit &&
          !mention.empty() && mention != name) {
        NameKey mention_key = names_.Analyze(mention);
        if (mention_key.surname_key == key.surname_key) {
          QW_RETURN_IF_ERROR(
              AddAliasWithKey(c, person_id, mention, &mention_key));
        }
      }
      std::string description = Trim(q.speaker.description);
      if (!description.empty()) {
        QW_ASSIGN_OR_RETURN(
            Stmt s, c.Prepare("INSERT OR IGNORE INTO person_descriptions("
                              "person_id, description) VALUES (?, ?)"));
        QW_RETURN_IF_ERROR(s.BindAll(person_id, description).Run());
      }
      out[i] = Resolution{person_id, false};
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// Store methods.

absl::StatusOr<IngestResult> SqliteStore::PutArticle(
    const AnalyzedArticle& analyzed) {
  const Article& article = analyzed.article;
  const std::string article_id =
      article.id.empty() ? StableHashHex(article.text) : article.id;
  // Stable quote ids: (article, text, occurrence of that text).
  std::vector<std::string> quote_ids;
  {
    std::map<std::string, int> occurrences;
    for (const Quote& q : analyzed.quotes) {
      int n = occurrences[q.text]++;
      quote_ids.push_back(StableHashHex(absl::StrCat(
          article_id, std::string(1, '\0'), q.text, std::string(1, '\0'), n)));
    }
  }
  return Write([&](Connection& c) -> absl::StatusOr<IngestResult> {
    const absl::Time now = clock_();
    const int64_t ingest_us = Micros(now);
    const int64_t publish_us =
        article.publish_time ? Micros(*article.publish_time) : ingest_us;
    IngestResult result;
    std::set<std::string> touched;
    QW_ASSIGN_OR_RETURN(
        result.replaced,
        Exists(c, "SELECT 1 FROM articles WHERE id = ?", article_id));
    if (result.replaced) {
      QW_RETURN_IF_ERROR(RemoveArticleQuotes(c, article_id, touched));
    }
    {
      QW_ASSIGN_OR_RETURN(
          Stmt s,
          c.Prepare(
              "INSERT INTO articles(id, client_id, text_hash, text, "
              "title, publisher, url, publish_time, language, "
              "ingest_time, wire_credits) "
              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
              "ON CONFLICT(id) DO UPDATE SET client_id = excluded.client_id, "
              "text_hash = excluded.text_hash, text = excluded.text, "
              "title = excluded.title, publisher = excluded.publisher, "
              "url = excluded.url, publish_time = excluded.publish_time, "
              "language = excluded.language, "
              "ingest_time = excluded.ingest_time, "
              "wire_credits = excluded.wire_credits"));
      std::optional<int64_t> given_publish;
      if (article.publish_time) given_publish = Micros(*article.publish_time);
      std::string wires;
      for (const std::string& w : analyzed.wire_credits) {
        if (w.empty()) continue;
        if (!wires.empty()) wires.push_back(kListSep);
        wires += w;
      }
      QW_RETURN_IF_ERROR(
          s.BindAll(article_id, article.id, StableHashHex(article.text),
                    article.text, article.title, article.publisher, article.url,
                    given_publish, article.language, ingest_us, wires)
              .Run());
    }
    // Sources related to every quote of the article.
    std::map<std::string, int> article_relations;
    if (!Trim(article.publisher).empty()) {
      QW_ASSIGN_OR_RETURN(std::string id, UpsertSource(c, article.publisher));
      article_relations[id] |= kRelPublisher;
    }
    for (const std::string& wire : analyzed.wire_credits) {
      if (Trim(wire).empty()) continue;
      QW_ASSIGN_OR_RETURN(std::string id, UpsertSource(c, wire));
      article_relations[id] |= kRelWire;
    }
    QW_ASSIGN_OR_RETURN(std::vector<Resolution> resolved,
                        ResolveSpeakers(c, analyzed.quotes, quote_ids));

    // Time-ordered row ids (see RidBaseForMs).
    const int64_t rid_base = RidFloor(publish_us);
    int64_t next_rid = rid_base;
    {
      QW_ASSIGN_OR_RETURN(Stmt s, c.Prepare("SELECT max(rid) FROM quotes "
                                            "WHERE rid >= ? AND rid < ?"));
      s.BindAll(rid_base, rid_base + (int64_t{1} << kRidShift));
      QW_ASSIGN_OR_RETURN(bool row, s.Step());
      if (row && !s.IsNull(0)) next_rid = s.Int(0) + 1;
    }
    if (next_rid + static_cast<int64_t>(analyzed.quotes.size()) >
        rid_base + (int64_t{1} << kRidShift)) {
      return absl::ResourceExhaustedError(
          "store: too many quotes with the same publish millisecond");
    }
    std::map<std::string, std::pair<std::string, SpeakerKind>> people_cache;
    for (size_t i = 0; i < analyzed.quotes.size(); ++i) {
      const Quote& q = analyzed.quotes[i];
      const Resolution& r = resolved[i];
      Speaker speaker = q.speaker;
      Attribution attribution = q.attribution;
      float confidence = q.confidence;
      std::string display;
      if (!r.person_id.empty()) {
        auto cached = people_cache.find(r.person_id);
        if (cached == people_cache.end()) {
          QW_ASSIGN_OR_RETURN(Stmt s,
                              c.Prepare("SELECT display_name, kind FROM people "
                                        "WHERE id = ?"));
          s.Bind(1, r.person_id);
          QW_ASSIGN_OR_RETURN(bool row, s.Step());
          if (!row) return absl::InternalError("resolved person vanished");
          cached = people_cache
                       .emplace(r.person_id,
                                std::make_pair(s.Text(0),
                                               ParseSpeakerKind(s.Text(1))))
                       .first;
        }
        display = cached->second.first;
        if (r.editorial) {
          speaker = Speaker();
          speaker.name = display;
          speaker.kind = cached->second.second;
          attribution = Attribution::kEditorial;
          confidence = 1.0f;
        }
      }
      std::string topics;
      std::vector<std::string> topic_ids;
      for (const std::string& t : q.topics) {
        if (t.empty() ||
            std::find(topic_ids.begin(), topic_ids.end(), t) != topic_ids.end())
          continue;
        topic_ids.push_back(t);
      }
      topics = absl::StrJoin(topic_ids, ",");
      {
        QW_ASSIGN_OR_RETURN(
            Stmt s,
            c.Prepare(
                "INSERT INTO quotes(id, article_id, ordinal, text, spans, "
                "kind, speech, speaker_name, speaker_mention, "
                "mention_start, mention_end, speaker_kind, "
                "speaker_description, speaker_age, person_id, alias_key, "
                "cue, outlet, attribution, confidence, topics, language, "
                "publish_time, rid, primary_language) VALUES (?, ?, ?, ?, "
                "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                "?, ?)"));
        s.BindAll(quote_ids[i], article_id, static_cast<int64_t>(i), q.text,
                  SpansText(q.spans), QuoteKindName(q.kind),
                  int64_t{IsSpeech(q.kind) ? 1 : 0}, speaker.name,
                  speaker.mention, int64_t{speaker.mention_span.start},
                  int64_t{speaker.mention_span.end},
                  SpeakerKindName(speaker.kind), speaker.description,
                  int64_t{speaker.age});
        if (r.person_id.empty()) {
          s.Bind(15, nullptr);
        } else {
          s.Bind(15, r.person_id);
        }
        s.Bind(16, AliasKey(speaker.name));
        s.Bind(17, q.cue);
        s.Bind(18, q.outlet);
        s.Bind(19, AttributionName(attribution));
        s.Bind(20, static_cast<double>(confidence));
        s.Bind(21, topics);
        const std::string& language =
            q.language.empty() ? article.language : q.language;
        s.Bind(22, language);
        s.Bind(23, publish_us);
        s.Bind(24, next_rid);
        s.Bind(25, PrimaryLanguage(language));
        QW_RETURN_IF_ERROR(s.Run());
      }
      const int64_t rid = next_rid++;
      {
        QW_ASSIGN_OR_RETURN(
            Stmt s, c.Prepare("INSERT INTO quote_fts(rowid, body, speaker) "
                              "VALUES (?, ?, ?)"));
        QW_RETURN_IF_ERROR(s.BindAll(rid, names_.Fold(q.text),
                                     SpeakerFtsText(speaker.name, display))
                               .Run());
      }
      for (const std::string& t : topic_ids) {
        QW_ASSIGN_OR_RETURN(
            Stmt s, c.Prepare("INSERT INTO quote_topics(quote_id, topic_id, "
                              "publish_time) VALUES (?, ?, ?)"));
        QW_RETURN_IF_ERROR(s.BindAll(quote_ids[i], t, publish_us).Run());
      }
      std::map<std::string, int> relations = article_relations;
      if (!Trim(q.outlet).empty()) {
        QW_ASSIGN_OR_RETURN(std::string id, UpsertSource(c, q.outlet));
        relations[id] |= kRelOutlet;
      }
      for (const auto& [source_id, bits] : relations) {
        QW_ASSIGN_OR_RETURN(
            Stmt s, c.Prepare("INSERT INTO quote_sources(quote_id, source_id, "
                              "relations, publish_time) VALUES (?, ?, ?, ?)"));
        QW_RETURN_IF_ERROR(
            s.BindAll(quote_ids[i], source_id, int64_t{bits}, publish_us)
                .Run());
      }
      if (!r.person_id.empty()) touched.insert(r.person_id);
    }
    QW_RETURN_IF_ERROR(AdjustCounts(c, article_id, +1));
    QW_RETURN_IF_ERROR(CollectGarbage(c, touched));
    QW_ASSIGN_OR_RETURN(result.article, LoadArticle(c, article_id));
    QW_ASSIGN_OR_RETURN(result.quotes, LoadArticleQuotes(c, article_id));
    return result;
  });
}

absl::StatusOr<int32_t> SqliteStore::DeleteArticle(std::string_view id) {
  return Write([&](Connection& c) -> absl::StatusOr<int32_t> {
    QW_ASSIGN_OR_RETURN(StoredArticle article, LoadArticle(c, id));
    std::set<std::string> touched;
    QW_RETURN_IF_ERROR(RemoveArticleQuotes(c, id, touched));
    QW_ASSIGN_OR_RETURN(Stmt s, c.Prepare("DELETE FROM articles WHERE id = ?"));
    QW_RETURN_IF_ERROR(s.BindAll(id).Run());
    QW_RETURN_IF_ERROR(CollectGarbage(c, touched));
    return article.quote_count;
  });
}

absl::StatusOr<Page<StoredQuote>> SqliteStore::ListQuotes(
    const QuoteFilter& filter, const PageOptions& page) {
  const int32_t page_size = EffectivePageSize(page);
  std::string match;
  if (!filter.query.empty()) {
    QW_ASSIGN_OR_RETURN(match, BuildMatch(filter.query));
  }
  const bool relevance = filter.order_by_relevance && !match.empty();
  const char token_kind = relevance ? kTokenQuotesRelevance : kTokenQuotes;
  const uint64_t fingerprint = codec_.Fingerprint(absl::StrJoin(
      {std::string(filter.person), filter.topic, filter.source,
       filter.source_relation
           ? std::to_string(RelationBit(*filter.source_relation))
           : std::string("-"),
       filter.article, filter.language,
       filter.start_time ? std::to_string(Micros(*filter.start_time))
                         : std::string("-"),
       filter.end_time ? std::to_string(Micros(*filter.end_time))
                       : std::string("-"),
       filter.query, std::string(filter.include_non_speech ? "1" : "0")},
      std::string(1, kListSep)));
  std::optional<PagePosition> position;
  if (!page.page_token.empty()) {
    QW_ASSIGN_OR_RETURN(
        position, codec_.Decode(page.page_token, token_kind, fingerprint));
  }
  return Read([&](Connection& c) -> absl::StatusOr<Page<StoredQuote>> {
    Page<StoredQuote> result;
    std::vector<std::string> person_ids;
    if (!filter.person.empty()) {
      QW_ASSIGN_OR_RETURN(FoundPeople found, FindPeople(c, filter.person));
      if (found.ids.empty()) return result;
      person_ids = std::move(found.ids);
    }
    std::string topic_id;
    if (!filter.topic.empty()) {
      const TopicInfo* topic = topics_.Find(filter.topic);
      if (topic == nullptr) {
        topic = topics_.Find(StripPrefix(filter.topic, "topics/"));
      }
      if (topic == nullptr) return result;
      topic_id = topic->id;
    }
    std::vector<std::string> source_ids;
    if (!filter.source.empty()) {
      QW_ASSIGN_OR_RETURN(source_ids, FindSources(c, filter.source));
      if (source_ids.empty()) return result;
    }
    const int relation_bits =
        filter.source_relation ? RelationBit(*filter.source_relation) : 7;

    // Pick the table that drives the scan, in the order of the result when
    // possible; every other filter is a condition on the quote.
    std::string from;
    std::string time_col = "q.publish_time";
    std::string id_col = "q.id";
    std::vector<std::string> where;
    std::vector<Param> params;
    bool person_done = false, topic_done = false, source_done = false,
         query_done = false;
    // Keyset of the time order: (time_col, id_col), or the time-ordered
    // rowid when the search index drives.
    bool rid_keyset = false;
    if (!relevance && person_ids.size() == 1) {
      from = "quotes q";
      where.push_back("q.person_id = ?");
      params.push_back(person_ids[0]);
      person_done = true;
    } else if (!match.empty()) {
      from = "quote_fts CROSS JOIN quotes q ON q.rid = quote_fts.rowid";
      where.push_back("quote_fts MATCH ?");
      params.push_back(match);
      query_done = true;
      if (!relevance) {
        rid_keyset = true;
        if (filter.start_time) {
          where.push_back("quote_fts.rowid >= ?");
          params.push_back(RidFloor(Micros(*filter.start_time)));
        }
        if (filter.end_time) {
          where.push_back("quote_fts.rowid < ?");
          params.push_back(RidCeil(Micros(*filter.end_time)));
        }
      }
    } else if (!topic_id.empty()) {
      from = "quote_topics d CROSS JOIN quotes q ON q.id = d.quote_id";
      time_col = "d.publish_time";
      id_col = "d.quote_id";
      where.push_back("d.topic_id = ?");
      params.push_back(topic_id);
      topic_done = true;
    } else if (source_ids.size() == 1) {
      from = "quote_sources d CROSS JOIN quotes q ON q.id = d.quote_id";
      time_col = "d.publish_time";
      id_col = "d.quote_id";
      where.push_back("d.source_id = ?");
      params.push_back(source_ids[0]);
      if (relation_bits != 7) {
        where.push_back("(d.relations & ?) != 0");
        params.push_back(int64_t{relation_bits});
      }
      source_done = true;
    } else {
      from = "quotes q";
    }
    if (!person_done && !person_ids.empty()) {
      if (person_ids.size() == 1) {
        where.push_back("q.person_id = ?");
        params.push_back(person_ids[0]);
      } else {
        where.push_back("q.person_id IN (SELECT value FROM json_each(?))");
        params.push_back(JsonArray(person_ids));
      }
    }
    if (!query_done && !match.empty()) {
      // Per-row probe: cheap when another filter drives (an IN list would
      // materialise every match of a common word).
      where.push_back(
          "EXISTS (SELECT 1 FROM quote_fts WHERE quote_fts MATCH ? "
          "AND quote_fts.rowid = q.rid)");
      params.push_back(match);
    }
    if (!topic_done && !topic_id.empty()) {
      where.push_back(
          "EXISTS (SELECT 1 FROM quote_topics t2 WHERE t2.quote_id = q.id "
          "AND t2.topic_id = ?)");
      params.push_back(topic_id);
    }
    if (!source_done && !source_ids.empty()) {
      where.push_back(
          "EXISTS (SELECT 1 FROM quote_sources s2 WHERE s2.quote_id = q.id "
          "AND s2.source_id IN (SELECT value FROM json_each(?)) "
          "AND (s2.relations & ?) != 0)");
      params.push_back(JsonArray(source_ids));
      params.push_back(int64_t{relation_bits});
    }
    if (!filter.article.empty()) {
      where.push_back("q.article_id = ?");
      params.push_back(std::string(StripPrefix(filter.article, "articles/")));
    }
    if (!filter.language.empty()) {
      // "en" matches "en" and "en-GB"; "en-GB" only "en-GB".
      where.push_back("q.primary_language = ?");
      params.push_back(PrimaryLanguage(filter.language));
      if (filter.language.find('-') != std::string::npos) {
        where.push_back("q.language = ? COLLATE NOCASE");
        params.push_back(filter.language);
      }
    }
    if (filter.start_time) {
      where.push_back(time_col + " >= ?");
      params.push_back(Micros(*filter.start_time));
    }
    if (filter.end_time) {
      where.push_back(time_col + " < ?");
      params.push_back(Micros(*filter.end_time));
    }
    if (!filter.include_non_speech) where.push_back("q.speech = 1");
    if (position && rid_keyset) {
      where.push_back("quote_fts.rowid < ?");
      params.push_back(position->b);
    } else if (position && !relevance) {
      where.push_back("(" + time_col + ", " + id_col + ") < (?, ?)");
      params.push_back(position->a);
      params.push_back(position->s);
    }
    std::string sql =
        absl::StrCat("SELECT ", kQuoteColumns, ", q.rid FROM ", from);
    if (!where.empty())
      absl::StrAppend(&sql, " WHERE ", absl::StrJoin(where, " AND "));
    if (relevance) {
      absl::StrAppend(&sql,
                      " ORDER BY bm25(quote_fts), q.publish_time DESC, "
                      "q.id DESC LIMIT ? OFFSET ?");
      params.push_back(int64_t{page_size} + 1);
      params.push_back(position ? position->a : int64_t{0});
    } else if (rid_keyset) {
      absl::StrAppend(&sql, " ORDER BY quote_fts.rowid DESC LIMIT ?");
      params.push_back(int64_t{page_size} + 1);
    } else {
      absl::StrAppend(&sql, " ORDER BY ", time_col, " DESC, ", id_col,
                      " DESC LIMIT ?");
      params.push_back(int64_t{page_size} + 1);
    }
    std::vector<int64_t> rids;
    {
      QW_ASSIGN_OR_RETURN(Stmt s, c.Prepare(sql));
      BindParams(s, params);
      while (true) {
        QW_ASSIGN_OR_RETURN(bool row, s.Step());
        if (!row) break;
        result.items.push_back(ReadQuote(s));
        rids.push_back(s.Int(21));
      }
    }
    if (static_cast<int64_t>(result.items.size()) > page_size) {
      result.items.resize(page_size);
      PagePosition next;
      if (relevance) {
        next.a = (position ? position->a : 0) + page_size;
      } else {
        // Both keysets, so that a token stays usable if the scan shape
        // changes between pages (e.g. a person filter starts matching two
        // people).
        next.a = Micros(result.items.back().publish_time);
        next.s = result.items.back().quote.id;
        next.b = rids[page_size - 1];
      }
      result.next_page_token = codec_.Encode(token_kind, fingerprint, next);
    }
    QW_RETURN_IF_ERROR(FillSources(c, result.items));
    return result;
  });
}

absl::StatusOr<Page<PersonRecord>> SqliteStore::ListPeople(
    std::string_view query, std::optional<SpeakerKind> kind,
    const PageOptions& page) {
  const int32_t page_size = EffectivePageSize(page);
  const std::string text = Trim(query);
  const uint64_t fingerprint = codec_.Fingerprint(absl::StrCat(
      text, std::string(1, kListSep), kind ? SpeakerKindName(*kind) : "-"));
  std::optional<PagePosition> position;
  if (!page.page_token.empty()) {
    QW_ASSIGN_OR_RETURN(
        position, codec_.Decode(page.page_token, kTokenPeople, fingerprint));
  }
  return Read([&](Connection& c) -> absl::StatusOr<Page<PersonRecord>> {
    std::string sql =
        "SELECT p.id, p.quote_count FROM people p WHERE p.quote_count > 0";
    std::vector<Param> params;
    if (kind) {
      sql += " AND p.kind = ?";
      params.push_back(std::string(SpeakerKindName(*kind)));
    }
    if (!text.empty()) {
      NameKey key = names_.Analyze(text);
      std::string folded = AliasKey(text);
      sql +=
          " AND p.id IN (SELECT person_id FROM person_aliases WHERE "
          "alias_key = ? OR alias_key LIKE ? ESCAPE '\\' OR "
          "(? != '' AND surname_key = ?) OR (? != '' AND full_key = ?))";
      params.push_back(folded);
      params.push_back("%" + EscapeLike(folded) + "%");
      std::string surname = key.given_keys.empty() ? key.surname_key : "";
      params.push_back(surname);
      params.push_back(surname);
      params.push_back(key.full_key);
      params.push_back(key.full_key);
    }
    if (position) {
      sql += " AND (p.quote_count, p.id) < (?, ?)";
      params.push_back(position->a);
      params.push_back(position->s);
    }
    sql += " ORDER BY p.quote_count DESC, p.id DESC LIMIT ?";
    params.push_back(int64_t{page_size} + 1);
    std::vector<std::pair<std::string, int64_t>> rows;
    {
      QW_ASSIGN_OR_RETURN(Stmt s, c.Prepare(sql));
      BindParams(s, params);
      while (true) {
        QW_ASSIGN_OR_RETURN(bool row, s.Step());
        if (!row) break;
        rows.emplace_back(s.Text(0), s.Int(1));
      }
    }
    Page<PersonRecord> result;
    if (static_cast<int64_t>(rows.size()) > page_size) {
      rows.resize(page_size);
      result.next_page_token =
          codec_.Encode(kTokenPeople, fingerprint,
                        PagePosition{rows.back().second, 0, rows.back().first});
    }
    for (const auto& [id, count] : rows) {
      QW_ASSIGN_OR_RETURN(PersonRecord person, LoadPerson(c, id));
      result.items.push_back(std::move(person));
    }
    return result;
  });
}

absl::StatusOr<Page<SourceRecord>> SqliteStore::ListSources(
    std::string_view query, const PageOptions& page) {
  const int32_t page_size = EffectivePageSize(page);
  const std::string text = Trim(query);
  const uint64_t fingerprint = codec_.Fingerprint(text);
  std::optional<PagePosition> position;
  if (!page.page_token.empty()) {
    QW_ASSIGN_OR_RETURN(
        position, codec_.Decode(page.page_token, kTokenSources, fingerprint));
  }
  return Read([&](Connection& c) -> absl::StatusOr<Page<SourceRecord>> {
    std::string sql =
        "SELECT s.id, s.quote_count FROM sources s WHERE s.quote_count > 0";
    std::vector<Param> params;
    if (!text.empty()) {
      std::string folded = AliasKey(text);
      sql +=
          " AND (s.id = ? OR s.id = ? OR s.id IN (SELECT source_id FROM "
          "source_aliases WHERE alias_key LIKE ? ESCAPE '\\'))";
      params.push_back(absl::AsciiStrToLower(text));
      params.push_back(sources_.Canonicalize(text).id);
      params.push_back("%" + EscapeLike(folded) + "%");
    }
    if (position) {
      sql += " AND (s.quote_count, s.id) < (?, ?)";
      params.push_back(position->a);
      params.push_back(position->s);
    }
    sql += " ORDER BY s.quote_count DESC, s.id DESC LIMIT ?";
    params.push_back(int64_t{page_size} + 1);
    std::vector<std::pair<std::string, int64_t>> rows;
    {
      QW_ASSIGN_OR_RETURN(Stmt s, c.Prepare(sql));
      BindParams(s, params);
      while (true) {
        QW_ASSIGN_OR_RETURN(bool row, s.Step());
        if (!row) break;
        rows.emplace_back(s.Text(0), s.Int(1));
      }
    }
    Page<SourceRecord> result;
    if (static_cast<int64_t>(rows.size()) > page_size) {
      rows.resize(page_size);
      result.next_page_token =
          codec_.Encode(kTokenSources, fingerprint,
                        PagePosition{rows.back().second, 0, rows.back().first});
    }
    for (const auto& [id, count] : rows) {
      QW_ASSIGN_OR_RETURN(SourceRecord source, LoadSource(c, id));
      result.items.push_back(std::move(source));
    }
    return result;
  });
}

absl::StatusOr<Page<TopicRecord>> SqliteStore::ListTopics(
    const PageOptions& page) {
  const int32_t page_size = EffectivePageSize(page);
  const uint64_t fingerprint = codec_.Fingerprint("topics");
  int64_t offset = 0;
  if (!page.page_token.empty()) {
    QW_ASSIGN_OR_RETURN(
        PagePosition position,
        codec_.Decode(page.page_token, kTokenTopics, fingerprint));
    offset = std::max<int64_t>(0, position.a);
  }
  return Read([&](Connection& c) -> absl::StatusOr<Page<TopicRecord>> {
    std::map<std::string, int64_t> counts;
    {
      QW_ASSIGN_OR_RETURN(
          Stmt s, c.Prepare("SELECT topic_id, quote_count FROM topic_counts"));
      while (true) {
        QW_ASSIGN_OR_RETURN(bool row, s.Step());
        if (!row) break;
        counts[s.Text(0)] = s.Int(1);
      }
    }
    std::vector<TopicRecord> all;
    for (const TopicInfo& t : topics_.taxonomy()) {
      auto it = counts.find(t.id);
      all.push_back(TopicRecord{t.id, t.display_name,
                                it == counts.end() ? 0 : it->second});
    }
    std::stable_sort(all.begin(), all.end(),
                     [](const TopicRecord& a, const TopicRecord& b) {
                       return a.quote_count > b.quote_count;
                     });
    Page<TopicRecord> result;
    for (int64_t i = offset;
         i < static_cast<int64_t>(all.size()) && i < offset + page_size; ++i) {
      result.items.push_back(all[i]);
    }
    if (offset + page_size < static_cast<int64_t>(all.size())) {
      result.next_page_token = codec_.Encode(
          kTokenTopics, fingerprint, PagePosition{offset + page_size, 0, ""});
    }
    return result;
  });
}

absl::StatusOr<Page<CorrectionRecord>> SqliteStore::ListCorrections(
    const PageOptions& page) {
  const int32_t page_size = EffectivePageSize(page);
  const uint64_t fingerprint = codec_.Fingerprint("corrections");
  std::optional<PagePosition> position;
  if (!page.page_token.empty()) {
    QW_ASSIGN_OR_RETURN(
        position,
        codec_.Decode(page.page_token, kTokenCorrections, fingerprint));
  }
  return Read([&](Connection& c) -> absl::StatusOr<Page<CorrectionRecord>> {
    QW_ASSIGN_OR_RETURN(
        Stmt s, c.Prepare("SELECT seq, action, summary, editor, create_time "
                          "FROM corrections WHERE seq < ? "
                          "ORDER BY seq DESC LIMIT ?"));
    s.BindAll(position ? position->a : INT64_MAX, int64_t{page_size} + 1);
    Page<CorrectionRecord> result;
    std::vector<int64_t> seqs;
    while (true) {
      QW_ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) break;
      seqs.push_back(s.Int(0));
      result.items.push_back(CorrectionRecord{std::to_string(s.Int(0)),
                                              s.Text(1), s.Text(2), s.Text(3),
                                              FromMicros(s.Int(4))});
    }
    if (static_cast<int64_t>(result.items.size()) > page_size) {
      result.items.resize(page_size);
      result.next_page_token =
          codec_.Encode(kTokenCorrections, fingerprint,
                        PagePosition{seqs[page_size - 1], 0, ""});
    }
    return result;
  });
}

// ---------------------------------------------------------------------------
// Corrections.

absl::StatusOr<PersonRecord> SqliteStore::MergePeople(
    std::string_view person, const std::vector<std::string>& people,
    std::string_view editor) {
  if (people.empty()) {
    return absl::InvalidArgumentError("people: nobody to merge");
  }
  return Write([&](Connection& c) -> absl::StatusOr<PersonRecord> {
    QW_ASSIGN_OR_RETURN(std::string target, ResolveOnePerson(c, person));
    std::vector<std::string> merged;
    for (const std::string& name : people) {
      QW_ASSIGN_OR_RETURN(std::string id, ResolveOnePerson(c, name));
      if (id == target) {
        return absl::InvalidArgumentError(absl::StrCat(
            "people: cannot merge person '", target, "' into itself"));
      }
      if (std::find(merged.begin(), merged.end(), id) == merged.end()) {
        merged.push_back(id);
      }
    }
    QW_ASSIGN_OR_RETURN(PersonRecord before, LoadPerson(c, target));
    std::vector<std::string> merged_names;
    for (const std::string& id : merged) {
      QW_ASSIGN_OR_RETURN(PersonRecord p, LoadPerson(c, id));
      merged_names.push_back(absl::StrCat(p.display_name, " (", id, ")"));
    }
    QW_ASSIGN_OR_RETURN(
        int64_t seq,
        RecordCorrection(
            c, "merge",
            absl::StrCat("Merged ", absl::StrJoin(merged_names, ", "), " into ",
                         before.display_name, " (", target, ")"),
            editor,
            absl::StrCat("{\"person\":", JsonArray({target}),
                         ",\"merged\":", JsonArray(merged), "}")));
    for (const std::string& id : merged) {
      // Every name form of the merged person now means the target.
      std::vector<std::string> alias_keys;
      {
        QW_ASSIGN_OR_RETURN(
            Stmt s, c.Prepare("SELECT DISTINCT alias_key FROM person_aliases "
                              "WHERE person_id = ?"));
        s.Bind(1, id);
        while (true) {
          QW_ASSIGN_OR_RETURN(bool row, s.Step());
          if (!row) break;
          alias_keys.push_back(s.Text(0));
        }
      }
      const char* statements[] = {
          "INSERT OR IGNORE INTO person_aliases(person_id, alias, alias_key, "
          "surname_key, given_keys, full_key) SELECT ?1, alias, alias_key, "
          "surname_key, given_keys, full_key FROM person_aliases "
          "WHERE person_id = ?2",
          "INSERT OR IGNORE INTO person_descriptions(person_id, description) "
          "SELECT ?1, description FROM person_descriptions WHERE person_id = "
          "?2",
          "UPDATE alias_pins SET person_id = ?1 WHERE person_id = ?2",
          "UPDATE quote_overrides SET person_id = ?1 WHERE person_id = ?2",
          "UPDATE quotes SET person_id = ?1 WHERE person_id = ?2",
          "UPDATE person_redirects SET person_id = ?1 WHERE person_id = ?2",
          "INSERT OR REPLACE INTO person_redirects(old_id, person_id) "
          "VALUES (?2, ?1)",
          "DELETE FROM people WHERE id = ?2",
      };
      for (const char* sql : statements) {
        QW_ASSIGN_OR_RETURN(Stmt s, c.Prepare(sql));
        QW_RETURN_IF_ERROR(s.BindAll(target, id).Run());
      }
      for (const std::string& key : alias_keys) {
        QW_RETURN_IF_ERROR(Pin(c, key, target, seq));
      }
    }
    QW_RETURN_IF_ERROR(RecomputePerson(c, target));
    QW_RETURN_IF_ERROR(ReindexPerson(c, target));
    return LoadPerson(c, target);
  });
}

absl::StatusOr<std::pair<PersonRecord, PersonRecord>> SqliteStore::SplitPerson(
    std::string_view person, const std::vector<std::string>& aliases,
    std::string_view display_name, std::string_view editor) {
  if (aliases.empty()) {
    return absl::InvalidArgumentError("aliases: nothing to split off");
  }
  return Write([&](Connection& c)
                   -> absl::StatusOr<std::pair<PersonRecord, PersonRecord>> {
    QW_ASSIGN_OR_RETURN(std::string id, ResolveOnePerson(c, person));
    QW_ASSIGN_OR_RETURN(PersonRecord before, LoadPerson(c, id));
    struct AliasRow {
      std::string alias, alias_key;
    };
    std::vector<AliasRow> held;
    {
      QW_ASSIGN_OR_RETURN(
          Stmt s, c.Prepare("SELECT alias, alias_key FROM person_aliases "
                            "WHERE person_id = ? ORDER BY alias"));
      s.Bind(1, id);
      while (true) {
        QW_ASSIGN_OR_RETURN(bool row, s.Step());
        if (!row) break;
        held.push_back(AliasRow{s.Text(0), s.Text(1)});
      }
    }
    std::set<std::string> moving;  // aliases as held
    std::string first_alias;
    for (const std::string& wanted : aliases) {
      std::string wanted_key = AliasKey(wanted);
      bool found = false;
      for (const AliasRow& row : held) {
        if (row.alias == wanted || row.alias_key == wanted_key) {
          moving.insert(row.alias);
          if (first_alias.empty()) first_alias = row.alias;
          found = true;
        }
      }
      if (!found) {
        return absl::FailedPreconditionError(absl::StrCat(
            "aliases: '", wanted, "' is not an alias of person '", id, "'"));
      }
    }
    if (moving.size() == held.size()) {
      return absl::FailedPreconditionError(
          "aliases: every alias would move; rename the person instead");
    }
    std::string display = Trim(display_name);
    const bool locked = !display.empty();
    if (display.empty()) display = first_alias;
    QW_ASSIGN_OR_RETURN(
        int64_t seq,
        RecordCorrection(
            c, "split",
            absl::StrCat(
                "Split ",
                absl::StrJoin(
                    std::vector<std::string>(moving.begin(), moving.end()),
                    ", "),
                " off ", before.display_name, " (", id, ") as ", display),
            editor,
            absl::StrCat("{\"person\":", JsonArray({id}), ",\"aliases\":",
                         JsonArray(std::vector<std::string>(moving.begin(),
                                                            moving.end())),
                         "}")));
    QW_ASSIGN_OR_RETURN(std::string new_id,
                        CreatePerson(c, display, before.kind, locked));
    std::set<std::string> moved_keys;
    for (const AliasRow& row : held) {
      bool moves = moving.count(row.alias) > 0;
      if (moves) {
        moved_keys.insert(row.alias_key);
        QW_ASSIGN_OR_RETURN(Stmt s,
                            c.Prepare("UPDATE person_aliases SET person_id = ? "
                                      "WHERE person_id = ? AND alias = ?"));
        QW_RETURN_IF_ERROR(s.BindAll(new_id, id, row.alias).Run());
      }
    }
    // Pin every name form on both sides, so re-ingestion follows the split.
    for (const AliasRow& row : held) {
      bool moves = moved_keys.count(row.alias_key) > 0;
      QW_RETURN_IF_ERROR(Pin(c, row.alias_key, moves ? new_id : id, seq));
    }
    if (locked) {
      // The chosen display name is a name form of the new person.
      QW_RETURN_IF_ERROR(AddAlias(c, new_id, display, before.kind));
      QW_RETURN_IF_ERROR(Pin(c, AliasKey(display), new_id, seq));
    }
    for (const std::string& key : moved_keys) {
      QW_ASSIGN_OR_RETURN(
          Stmt s,
          c.Prepare("UPDATE quotes SET person_id = ?1 "
                    "WHERE person_id = ?2 AND alias_key = ?3 AND id NOT IN "
                    "(SELECT quote_id FROM quote_overrides "
                    "WHERE person_id = ?2)"));
      QW_RETURN_IF_ERROR(s.BindAll(new_id, id, key).Run());
    }
    // The remaining person keeps a display name it still holds.
    if (moved_keys.count(AliasKey(before.display_name)) > 0) {
      std::string best;
      size_t best_given = 0;
      for (const AliasRow& row : held) {
        if (moved_keys.count(row.alias_key)) continue;
        NameKey key = names_.Analyze(row.alias);
        size_t given = key.given_keys.size();
        if (best.empty() || given > best_given ||
            (given == best_given && row.alias.size() > best.size())) {
          best = row.alias;
          best_given = given;
        }
      }
      QW_ASSIGN_OR_RETURN(
          Stmt s, c.Prepare("UPDATE people SET display_name = ? WHERE id = ?"));
      QW_RETURN_IF_ERROR(s.BindAll(best, id).Run());
    }
    QW_RETURN_IF_ERROR(RecomputePerson(c, id));
    QW_RETURN_IF_ERROR(RecomputePerson(c, new_id));
    QW_RETURN_IF_ERROR(ReindexPerson(c, id));
    QW_RETURN_IF_ERROR(ReindexPerson(c, new_id));
    QW_ASSIGN_OR_RETURN(PersonRecord remaining, LoadPerson(c, id));
    QW_ASSIGN_OR_RETURN(PersonRecord split, LoadPerson(c, new_id));
    return std::make_pair(std::move(remaining), std::move(split));
  });
}

absl::StatusOr<PersonRecord> SqliteStore::RenamePerson(
    std::string_view person, std::string_view display_name,
    std::string_view editor) {
  const std::string display = Trim(display_name);
  if (display.empty()) {
    return absl::InvalidArgumentError("display_name: empty");
  }
  return Write([&](Connection& c) -> absl::StatusOr<PersonRecord> {
    QW_ASSIGN_OR_RETURN(std::string id, ResolveOnePerson(c, person));
    QW_ASSIGN_OR_RETURN(PersonRecord before, LoadPerson(c, id));
    QW_ASSIGN_OR_RETURN(
        int64_t seq,
        RecordCorrection(
            c, "rename",
            absl::StrCat("Renamed ", before.display_name, " (", id, ") to ",
                         display),
            editor,
            absl::StrCat("{\"person\":", JsonArray({id}),
                         ",\"from\":", JsonArray({before.display_name}),
                         ",\"to\":", JsonArray({display}), "}")));
    {
      QW_ASSIGN_OR_RETURN(Stmt s,
                          c.Prepare("UPDATE people SET display_name = ?, "
                                    "display_locked = 1 WHERE id = ?"));
      QW_RETURN_IF_ERROR(s.BindAll(display, id).Run());
    }
    QW_RETURN_IF_ERROR(AddAlias(c, id, display, before.kind));
    QW_RETURN_IF_ERROR(Pin(c, AliasKey(display), id, seq));
    QW_RETURN_IF_ERROR(ReindexPerson(c, id));
    return LoadPerson(c, id);
  });
}

absl::StatusOr<StoredQuote> SqliteStore::ReattributeQuote(
    std::string_view quote_id, std::string_view person,
    std::string_view editor) {
  const std::string name = Trim(person);
  if (name.empty()) return absl::InvalidArgumentError("person: empty");
  const std::string qid(StripPrefix(quote_id, "quotes/"));
  return Write([&](Connection& c) -> absl::StatusOr<StoredQuote> {
    QW_ASSIGN_OR_RETURN(StoredQuote before, LoadQuote(c, qid));
    QW_ASSIGN_OR_RETURN(FoundPeople found, FindPeople(c, name));
    std::string id;
    if (found.ambiguous) {
      return absl::InvalidArgumentError(
          absl::StrCat("person: '", name, "' is ambiguous (",
                       absl::StrJoin(found.ids, ", "), "); use an id"));
    }
    if (!found.ids.empty()) {
      id = found.ids[0];
    } else {
      bool is_id = false;
      StripPrefix(name, "people/", &is_id);
      // A lower-case slug ("natalia-eismont") is an id, not a name to create
      // (the service may have stripped "people/").
      is_id = is_id || std::all_of(name.begin(), name.end(), [](char ch) {
                return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
                       ch == '-';
              });
      if (is_id) {
        return absl::NotFoundError(
            absl::StrCat("person '", name, "' not found"));
      }
      std::string display = Trim(names_.StripTitles(name));
      if (display.empty()) display = name;
      QW_ASSIGN_OR_RETURN(
          id, CreatePerson(c, display, SpeakerKind::kPerson, false));
      QW_RETURN_IF_ERROR(AddAlias(c, id, display, SpeakerKind::kPerson));
    }
    QW_ASSIGN_OR_RETURN(PersonRecord target, LoadPerson(c, id));
    const std::string old_id = before.quote.speaker.person_id;
    QW_ASSIGN_OR_RETURN(
        int64_t seq,
        RecordCorrection(
            c, "reattribute",
            absl::StrCat("Quote ", qid, " attributed to ", target.display_name,
                         " (", id, ")",
                         old_id.empty() ? std::string()
                                        : absl::StrCat(", was ", old_id)),
            editor,
            absl::StrCat("{\"quote\":", JsonArray({qid}),
                         ",\"person\":", JsonArray({id}),
                         ",\"previous\":", JsonArray({old_id}), "}")));
    {
      QW_ASSIGN_OR_RETURN(
          Stmt s, c.Prepare("INSERT OR REPLACE INTO quote_overrides(quote_id, "
                            "person_id, correction_seq) VALUES (?, ?, ?)"));
      QW_RETURN_IF_ERROR(s.BindAll(qid, id, seq).Run());
    }
    {
      QW_ASSIGN_OR_RETURN(
          Stmt s,
          c.Prepare(
              "UPDATE quotes SET person_id = ?, speaker_name = ?, "
              "speaker_kind = ?, speaker_mention = '', mention_start = 0, "
              "mention_end = 0, speaker_description = '', "
              "speaker_age = 0, alias_key = ?, attribution = 'editorial', "
              "confidence = 1.0 WHERE id = ?"));
      QW_RETURN_IF_ERROR(s.BindAll(id, target.display_name,
                                   SpeakerKindName(target.kind),
                                   AliasKey(target.display_name), qid)
                             .Run());
    }
    {
      QW_ASSIGN_OR_RETURN(
          Stmt s, c.Prepare("UPDATE quote_fts SET speaker = ? WHERE rowid = "
                            "(SELECT rid FROM quotes WHERE id = ?)"));
      QW_RETURN_IF_ERROR(
          s.BindAll(SpeakerFtsText(target.display_name, ""), qid).Run());
    }
    QW_RETURN_IF_ERROR(RecomputePerson(c, id));
    if (!old_id.empty() && old_id != id) {
      QW_RETURN_IF_ERROR(RecomputePerson(c, old_id));
      QW_RETURN_IF_ERROR(CollectGarbage(c, {old_id}));
    }
    return LoadQuote(c, qid);
  });
}

}  // namespace

absl::StatusOr<std::unique_ptr<Store>> OpenSqliteStore(
    const SqliteStoreOptions& options) {
  if (options.names == nullptr || options.sources == nullptr ||
      options.topics == nullptr) {
    return absl::InvalidArgumentError(
        "SqliteStoreOptions: names, sources and topics are required");
  }
  if (options.path.empty()) {
    return absl::InvalidArgumentError("SqliteStoreOptions: empty path");
  }
  const bool memory = options.path == ":memory:";
  const int flags =
      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_URI;
  QW_ASSIGN_OR_RETURN(
      std::unique_ptr<Connection> writer,
      Connection::Open(options.path, flags, options.busy_timeout_ms));
  QW_RETURN_IF_ERROR(writer->Exec("PRAGMA foreign_keys = ON"));
  if (!memory) {
    QW_ASSIGN_OR_RETURN(std::string mode,
                        writer->QueryText("PRAGMA journal_mode = WAL"));
    if (absl::AsciiStrToLower(mode) != "wal") {
      return absl::FailedPreconditionError(absl::StrCat(
          "sqlite: cannot use WAL journal on ", options.path, " (", mode, ")"));
    }
  }
  QW_RETURN_IF_ERROR(writer->Exec(options.synchronous_full
                                      ? "PRAGMA synchronous = FULL"
                                      : "PRAGMA synchronous = NORMAL"));
  QW_RETURN_IF_ERROR(store_internal::Migrate(*writer).status());
  QW_ASSIGN_OR_RETURN(
      std::string secret,
      writer->QueryText("SELECT value FROM meta WHERE key = 'token_secret'"));
  if (secret.empty()) return absl::InternalError("sqlite: no token secret");

  std::vector<std::unique_ptr<Connection>> readers;
  if (!memory) {
    for (int i = 0; i < std::max(1, options.read_connections); ++i) {
      QW_ASSIGN_OR_RETURN(
          std::unique_ptr<Connection> reader,
          Connection::Open(options.path,
                           SQLITE_OPEN_READWRITE | SQLITE_OPEN_URI,
                           options.busy_timeout_ms));
      QW_RETURN_IF_ERROR(reader->Exec("PRAGMA foreign_keys = ON"));
      QW_RETURN_IF_ERROR(reader->Exec("PRAGMA query_only = ON"));
      readers.push_back(std::move(reader));
    }
  }
  return std::unique_ptr<Store>(
      new SqliteStore(options, std::move(writer), std::move(readers), secret));
}

}  // namespace quotewire

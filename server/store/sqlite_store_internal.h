// Internals of the SQLite store, shared by its source files
// (sqlite_store.cc: open, reads and listings; sqlite_ingest.cc: PutArticle,
// DeleteArticle and identity resolution; sqlite_corrections.cc: editorial
// corrections; sqlite_rows.cc: row encoding helpers). Not a public interface:
// use sqlite_store.h.
//
// Thread safety: SqliteStore methods may be called concurrently; every helper
// taking a Connection& runs on a connection the caller holds exclusively,
// inside the caller's transaction.
#ifndef QUOTEWIRE_SERVER_STORE_SQLITE_STORE_INTERNAL_H_
#define QUOTEWIRE_SERVER_STORE_SQLITE_STORE_INTERNAL_H_

#include <algorithm>
#include <array>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "server/core/absl_compat.h"
#include "server/core/model.h"
#include "server/core/status_macros.h"
#include "server/people/name_analyzer.h"
#include "server/people/person_context.h"
#include "server/sources/source_catalog.h"
#include "server/store/listing_cache.h"
#include "server/store/page_token.h"
#include "server/store/sqlite_db.h"
#include "server/store/sqlite_store.h"
#include "server/store/store.h"
#include "server/topics/topic_tagger.h"

namespace quotewire {
namespace store_internal {

inline constexpr int kRelPublisher = 1;
inline constexpr int kRelOutlet = 2;
inline constexpr int kRelWire = 4;
inline constexpr char kListSep = '\x1f';
inline constexpr int kMaxQueryWords = 32;
inline constexpr int kDefaultPageSize = 50;

// Token kinds, one per List method (and ordering).
inline constexpr char kTokenQuotes = 'Q';
inline constexpr char kTokenQuotesRelevance = 'R';
inline constexpr char kTokenPeople = 'P';
inline constexpr char kTokenSources = 'S';
inline constexpr char kTokenTopics = 'T';
inline constexpr char kTokenCorrections = 'C';
inline constexpr char kTokenSuggestions = 'M';

// quotes.rid (= quote_fts.rowid) orders quotes by publish time: every publish
// millisecond owns a slot of consecutive rids, in time order, and the quotes
// of one millisecond take its rids in ingest order. Free-text listings walk
// the FTS index in rowid order and stop after one page instead of sorting
// every match. The slots cover every google.protobuf.Timestamp (0001-01-01 to
// 9999-12-31; times outside clamp to the ends):
//   1831-04 .. 2109-05 (ms in [-2^42, 2^42)): rid = ms * 2^20 + n, n < 2^20
//     (the rids [-2^62, 2^62));
//   later:   rid = 2^62 + (ms - 2^42) * 2^14 + n, n < 2^14;
//   earlier: rid = -2^62 - (-2^42 - ms) * 2^16 + n, n < 2^16.
// Schema version 7 moved the rids of older files ((ms + 2^42) * 2^20 + n,
// which had no room after 2109-05-15) to this layout.
struct RidSlot {
  int64_t base;  // first rid of the millisecond
  int64_t size;  // rids in it
};
RidSlot RidSlotForMs(int64_t ms);
// Smallest rid of a quote published at or after `us` (Unix microseconds).
int64_t RidFloor(int64_t us);
// Every quote published before `us` has a smaller rid.
int64_t RidCeil(int64_t us);
// Below every rid.
inline constexpr int64_t kNoRid = INT64_MIN;
int64_t FloorDiv(int64_t a, int64_t b);

// Enumerations as stored: lower-case names ("full", "person", "explicit").
const char* QuoteKindName(QuoteKind kind);
QuoteKind ParseQuoteKind(std::string_view s);
const char* SpeakerKindName(SpeakerKind kind);
SpeakerKind ParseSpeakerKind(std::string_view s);
const char* AttributionName(Attribution a);
Attribution ParseAttribution(std::string_view s);
// quote_sources.relations bit of a relation.
int RelationBit(SourceRelation r);

int64_t Micros(absl::Time t);
absl::Time FromMicros(int64_t us);

// Lists inside a row: spans "start-end;start-end", ids joined by `sep`.
std::string SpansText(const std::vector<Span>& spans);
std::vector<Span> ParseSpans(std::string_view text);
std::vector<std::string> SplitList(std::string_view text, char sep);
// The sources of a quote as stored in quotes.sources (filled by ingest and
// by migration 3 from quote_sources): per source id, "<relation bits>,<id
// bytes>,<display name bytes>:<id><display name>". ParseSources returns one
// QuoteSource per relation, publisher first, then outlet, then wire, by id
// within a relation.
std::string SourcesText(const std::vector<QuoteSource>& sources);
std::vector<QuoteSource> ParseSources(std::string_view text);

// The words of folded text, as free-text search sees them: runs of letters
// and digits (u_isalnum), in order.
std::vector<std::string> FtsWords(std::string_view folded);

// Whitespace runs collapsed to one space, ends trimmed.
std::string CollapseSpaces(std::string_view text);
std::string Trim(std::string_view text);
// ASCII slug of folded text: runs of [a-z0-9] joined by '-', at most 60
// characters.
std::string Slug(std::string_view folded);
// "en" of "en-GB", lower case.
std::string PrimaryLanguage(std::string_view tag);
// A JSON array of strings, for json_each() parameters.
std::string JsonArray(const std::vector<std::string>& values);
std::string EscapeLike(std::string_view text);
// `s` without `prefix` when it starts with it.
std::string_view StripPrefix(std::string_view s, std::string_view prefix,
                             bool* stripped = nullptr);
// The page size, or the default for a non-positive one.
int32_t EffectivePageSize(const PageOptions& page);

// How often (SQLite virtual-machine steps) a read asks whether its caller
// cancelled (ScopedCancellation).
inline constexpr int kCancelCheckSteps = 1000;

// Columns of a quote row, read by ReadQuote(). The speaker's name is the
// canonical display name of the person the quote is attributed to (so merges
// and renames show on every quote), else the name the extractor gave.
#define QW_QUOTE_COLUMNS(speaker_name)                                      \
  "q.id, q.article_id, q.ordinal, q.text, q.spans, q.kind, " speaker_name  \
  ", q.speaker_mention, q.mention_start, q.mention_end, q.speaker_kind, "  \
  "q.speaker_description, q.speaker_age, q.person_id, q.cue, q.outlet, "   \
  "q.attribution, q.confidence, q.topics, q.language, q.publish_time, "    \
  "q.sources"
inline constexpr char kQuoteColumns[] = QW_QUOTE_COLUMNS(
    "COALESCE((SELECT p.display_name FROM people p WHERE p.id = q.person_id), "
    "q.speaker_name)");
// The same with the name the extractor gave, for quotes of one known person:
// the caller applies the person's display name (one lookup per page instead
// of one per quote).
inline constexpr char kQuoteColumnsRawSpeaker[] =
    QW_QUOTE_COLUMNS("q.speaker_name");
#undef QW_QUOTE_COLUMNS
inline constexpr int kQuoteColumnCount = 22;
// The quote at the current row of a statement selecting kQuoteColumns first.
StoredQuote ReadQuote(const Stmt& s);

// A bound parameter of dynamically assembled SQL.
using Param = std::variant<int64_t, std::string>;
void BindParams(Stmt& stmt, const std::vector<Param>& params);

// ListQuotes after its names are resolved: ids, not names.
struct ResolvedQuoteFilter {
  std::vector<std::string> person_ids;
  std::string topic_id;
  std::vector<std::string> source_ids;
  int relation_bits = 7;  // quote_sources.relations bits accepted
  std::string match;      // FTS5 expression; empty: no query
  // PostgreSQL: the query's exact words, any of them ('w1':D | 'w2':D), the
  // first key of relevance order. ts_rank weighs a matched lexeme by its
  // position's weight whatever the query term asked, so a stem that is also
  // a word ("election", the Dutch stem of "elections") would rank an
  // inflection as high as the word itself; bm25 sees FTS5's column filters
  // and needs no such key.
  std::string exact_match;
  bool relevance = false;
  std::string article;
  std::string language;
  std::optional<int64_t> start_us;
  std::optional<int64_t> end_us;
  bool include_non_speech = false;
  // Set only with a topic and one source (SqliteStore::SourceDrives): the
  // source has fewer quotes, so it drives the scan and the topic is the
  // per-row check (a topic holds tens of thousands of quotes at 1M, a
  // source's share of them is small: 20x).
  bool source_drives = false;
  // PostgreSQL, free text and one source: the search index drives, the
  // words and the source's lexeme intersected in it (SourceSearchTerm),
  // because the query's estimated matches in the source are few
  // (ChooseTextShape). Unset, the source's listing drives and the
  // text is the per-row check.
  bool text_drives = false;
  // PostgreSQL, free text without a person, topic or source: the RUM index
  // drives (quote_fts_by_doc_rum, postgres_schema.cc version 7), read in
  // time order; `rum_schema` is the schema of the extension's operators. Chosen
  // per call (ChooseTextShape) when the database has the index.
  bool text_rum = false;
  std::string rum_schema;
  // The query runs on PostgreSQL: `match` is a tsquery over quote_fts.doc
  // (postgres_schema.cc) instead of an FTS5 expression.
  bool postgres = false;
  // PostgreSQL: the one person is resolved by the page's own statement
  // (PersonResolutionSql) instead of by id: person_ids is {""}, the query
  // begins with WITH person AS (...) taking `person_params`, and selects the
  // person's display name after q.rid.
  std::string person_sql;
  std::vector<Param> person_params;
};

// PostgreSQL SQL of the id of the person named `name` (the text of a person
// filter) when the first steps of SqliteStore::FindPeople name exactly one,
// as they would: the id itself (a slug naming a person), else, unless `name`
// is "people/<id>", the one person with that alias key; NULL otherwise (a
// merged-away id, no such alias, several people: the caller resolves the
// name itself). Its parameters go to `params`. Empty: no person can match
// (FindPeople answers none).
std::string PersonResolutionSql(std::string_view name, std::string alias_key,
                                std::vector<Param>* params);

// The SELECT of one ListQuotes page: kQuoteColumns (kQuoteColumnsRawSpeaker
// when the filter names one person: raw_speaker), then q.rid; page_size + 1
// rows at most. The table that drives the scan is chosen so that SQLite walks
// an index in result order: a single person (quotes_by_person), else the
// search index in rowid order, else a topic (quote_topics_by_topic) unless
// source_drives, else a single source (quote_sources_by_source), else
// quotes_by_time or
// quotes_by_language. Other filters are per-row conditions.
struct QuoteQuery {
  std::string sql;
  std::vector<Param> params;
  bool rid_keyset = false;  // keyset is q.rid, not (publish_time, id)
  bool raw_speaker = false;  // speaker names as extracted (one person)
};
QuoteQuery BuildQuoteQuery(const ResolvedQuoteFilter& filter,
                           const std::optional<PagePosition>& position,
                           int32_t page_size);

// Per-row conditions that the quote at (`time_col`, `id_col`) has one of the
// filter's sources (with its relation bits) and its topic, for those asked
// for: probes of the source's and the topic's listing index at that key. The
// rows of a walk come in time order, so successive probes land near each
// other in the filter's range (the primary keys, by hashed quote id, put each
// probe on another page of the whole table: 2-5x slower at 1M quotes). The
// source first: a source has far fewer quotes than a topic, so its probe
// fails more often and costs less. On PostgreSQL each probe stays a
// subplan (OFFSET 0): see the definition.
void AppendFacetChecks(const ResolvedQuoteFilter& filter, bool source,
                       bool topic, std::string_view time_col,
                       std::string_view id_col, std::vector<std::string>* where,
                       std::vector<Param>* params);
// A source as a term of the search index, to AND with the words of a
// query: on PostgreSQL the lexeme '@<source id>', quoted for a tsquery (the
// search document holds one per source of the quote: postgres_schema.cc
// version 6, quote_source_keys, which quotes it the same way); on SQLite the
// token 's<hex of the id>' in the FTS5 column source_keys (schema.cc version
// 10; one token, as the tokenizer would split an id at its hyphens).
std::string SourceSearchTerm(std::string_view source_id, bool postgres);
// SQLite's source_keys of a quote of these sources (SourceSearchTerm).
std::string SourceKeysText(const std::vector<std::string>& source_ids);
// PostgreSQL SQL of the first microsecond of the millisecond that the rid in
// `rid_col` was given for (end = 0), or of the next millisecond (end = 1);
// the lowest or highest bigint for rids outside the millisecond slots.
std::string RidMsSql(std::string_view rid_col, int end);
inline constexpr char kMinBigintSql[] = "(-9223372036854775807 - 1)";
inline constexpr char kMaxBigintSql[] = "9223372036854775807";
// The end (exclusive, microseconds) of the millisecond of `rid`'s slot,
// INT64_MAX outside the millisecond slots (RidSlot).
int64_t RidSlotEndUs(int64_t rid);

// The walk of one ListEncodedQuotes page (sqlite_listings.cc): for a filter
// on one person, topic or source, or several of them (each resolved to one
// id; with optional relation bits and time range), rid, publish time and
// quote id of its quotes in page order, after `position`, from the same
// covering listing index as BuildQuoteQuery (the other filters are index
// probes, AppendFacetChecks) and without a limit: the caller reads each
// quote's encoded row by rid (quotes without one are not speech) and stops
// one row past the page.
QuoteQuery BuildListingWalk(const ResolvedQuoteFilter& filter,
                            const std::optional<PagePosition>& position);

// One person found by surname, with what its aliases say about a name.
struct Candidate {
  std::string id;
  std::string display;
  bool locked = false;
  int64_t quote_count = 0;
  bool has_full_name = false;  // some alias has given names
  bool same = false;           // some alias is kSame with the name sought
  // Some alias is kSame by a first name, not by an initial on either side.
  bool exact = false;
  // Some alias has a first name beyond an initial.
  bool full_first_name = false;
};

// What an article says beside one mention of a person (its descriptions and
// the other people quoted): evidence for an uncertain join, built only when
// one is met (MentionContext::Build).
struct MentionContext {
  const Quote* quote;
  const std::vector<Quote>* article_quotes;
  // Co-speakers leave out `surname_key` (the person's own).
  PersonContext Build(const NameAnalyzer& names,
                      std::string_view surname_key) const;
};

// Most quoted first, then id.
inline bool MoreQuoted(const Candidate* a, const Candidate* b) {
  if (a->quote_count != b->quote_count) return a->quote_count > b->quote_count;
  return a->id < b->id;
}

struct FoundPeople {
  std::vector<std::string> ids;  // best first
  bool ambiguous = false;
};

// The files of a database as opened (device and inode of the main file, its
// write-ahead log and its shared-memory index), to notice one deleted or
// replaced: SQLite goes on writing to an unlinked -wal, and the commits not
// yet checkpointed into the main file would be lost on the next open.
// Nothing for an in-memory database. Thread-safe.
class DatabaseFile {
 public:
  explicit DatabaseFile(sqlite3* db);
  // OK while each path still names the file opened (-wal and -shm: once
  // seen; SQLite keeps them while the database is open); Unavailable (for
  // good) once one does not.
  absl::Status Check();

 private:
  struct Identity {
    std::string path;
    bool known = false;  // -wal, -shm: not yet created when first looked at
    uint64_t device = 0;
    uint64_t inode = 0;
  };
  // Whether `file` still names what it named when first seen.
  static bool Same(Identity& file);

  absl::Mutex mu_;
  std::vector<Identity> files_ ABSL_GUARDED_BY(mu_);  // empty: in memory
  std::string gone_path_ ABSL_GUARDED_BY(mu_);        // the first one gone
};

// Count increments of ingested speech quotes: per person (quotes,
// articles), per topic, per source (quotes, of which publisher, outlet and
// wire relations). Ordered by id, so that applying them locks rows in one
// order.
struct IngestCounts {
  std::map<std::string, std::pair<int64_t, int64_t>> people;
  std::map<std::string, int64_t> topics;
  std::map<std::string, std::array<int64_t, 4>> sources;
  void Add(const IngestCounts& other);
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
        encoder_(options.encoder),
        encoded_cache_((size_t{1} << 20) *
                       static_cast<size_t>(std::max(0, options.listing_cache_mib))),
        people_by_name_(options.listing_cache_mib > 0 ? kNameCacheEntries : 0),
        sources_by_name_(options.listing_cache_mib > 0 ? kNameCacheEntries : 0),
        display_names_(options.listing_cache_mib > 0 ? kNameCacheEntries : 0),
        writer_(std::move(writer)),
        postgres_(writer_->postgres()),
        file_(writer_->db()),
        has_readers_(!readers.empty()),
        free_readers_(std::move(readers)) {}

  absl::StatusOr<IngestResult> PutArticle(
      const AnalyzedArticle& analyzed) override;
  absl::StatusOr<std::vector<absl::StatusOr<IngestResult>>> PutArticles(
      const std::vector<AnalyzedArticle>& articles) override;
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
  absl::StatusOr<std::optional<EncodedQuotePage>> ListEncodedQuotes(
      const QuoteFilter& filter, const PageOptions& page) override;
  // Advanced after every write transaction ends (Write()); on PostgreSQL
  // the database's write_generation, which every write transaction of every
  // server bumps (one round trip; nullopt when the database cannot tell).
  // With the readers on a standby (SetPrimary()), the primary's, and only
  // once the standby has replayed it (postgres_store.h).
  std::optional<uint64_t> WriteGeneration() const override {
    if (postgres_) return const_cast<SqliteStore*>(this)->DatabaseGeneration();
    return generation_.load(std::memory_order_acquire);
  }
  // Makes the encoded quotes usable: re-encodes every quote when they are
  // stale or in another format (with an encoder), or marks them stale
  // (without). Once, before the store is shared.
  absl::Status OpenEncodedQuotes();
  // After the name rules changed (RekeyPersonAliases), once before the
  // store is shared: merges the people whose full names now share a first
  // name when no third person holds it and no editor corrected either (a
  // correction by kNameRulesEditor), and suggests merges where the rules
  // leave the join uncertain (sqlite_corrections.cc).
  absl::Status JoinRekeyedPeople();
  // PostgreSQL with the readers on a standby: `primary` is a connection to
  // the primary at `uri`, for WriteGeneration() and Health(); callers that
  // find it busy open more (OnPrimary). Once, before the store is shared.
  // PostgreSQL: the schema of the `rum` extension when the database has
  // the RUM index of free text (RumSchema); empty: no RUM shape.
  void SetRumSchema(std::string schema) { rum_schema_ = std::move(schema); }
  void SetPrimary(std::unique_ptr<Connection> primary, std::string uri) {
    primary_uri_ = std::move(uri);
    primaries_.push_back(std::move(primary));
  }
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
  absl::StatusOr<Page<MergeSuggestionRecord>> ListMergeSuggestions(
      const PageOptions& page) override;
  absl::Status Health() override;

 private:
  std::optional<uint64_t> DatabaseGeneration();
  // write_generation as `c` sees it.
  static absl::StatusOr<int64_t> ReadGeneration(Connection& c);

  // Remembers a DataLoss (Health() answers it from then on).
  static const absl::Status& StatusOf(const absl::Status& s) { return s; }
  template <typename T>
  static const absl::Status& StatusOf(const absl::StatusOr<T>& s) {
    return s.status();
  }
  template <typename Result>
  Result Noted(Result result) {
    if (StatusOf(result).code() == absl::StatusCode::kDataLoss) {
      damaged_.store(true, std::memory_order_relaxed);
    }
    return result;
  }

  // Runs `fn(Connection&)` in a read transaction on a pooled connection.
  template <typename Fn>
  auto Read(Fn&& fn) -> decltype(fn(std::declval<Connection&>())) {
    if (!has_readers_) {
      std::lock_guard<std::mutex> lock(write_mu_);
      return Noted(
          WithTransaction(*writer_, "BEGIN", [&] { return fn(*writer_); }));
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
    return Noted(std::move(result));
  }

  // Runs `fn(Connection&)` in a write transaction on the writer. Caches of
  // committed rows (source_cache_) learn what the transaction wrote only when
  // it commits; the listing caches forget what it may have changed once it
  // has ended, committed or not (a new generation, and the encoded rows it
  // wrote).
  // Refused (Unavailable) once the file was deleted or replaced (Health()).
  //
  // On PostgreSQL the transaction holds the store's writer lock (an advisory
  // lock, sqlite_db.h) exclusively, as SQLite's write lock, unless
  // `concurrent`: then `fn` must take the locks of what it writes itself
  // (LockIngest), and writers of other servers run beside it.
  template <typename Fn>
  auto Write(Fn&& fn, bool concurrent = false)
      -> decltype(fn(std::declval<Connection&>())) {
    std::lock_guard<std::mutex> lock(write_mu_);
    if (absl::Status file = file_.Check(); !file.ok()) return file;
    pending_sources_.clear();
    written_rids_.clear();
    auto result = WithTransaction(
        *writer_,
        concurrent && postgres_ ? "BEGIN CONCURRENT" : "BEGIN IMMEDIATE",
        [&] { return fn(*writer_); });
    generation_.fetch_add(1, std::memory_order_acq_rel);
    if (rewrote_encoded_) {
      encoded_cache_.Clear();
    } else {
      encoded_cache_.Invalidate(written_rids_);
    }
    written_rids_.clear();
    rewrote_encoded_ = false;
    if (result.ok()) {
      for (auto& [name, source] : pending_sources_) {
        source_cache_.emplace(name, std::move(source));
      }
    }
    pending_sources_.clear();
    return Noted(std::move(result));
  }

  // --- Keys.
  std::string AliasKey(std::string_view name) const {
    return CollapseSpaces(names_.Fold(name));
  }
  // Folded text as the search index holds it: as is in SQLite's FTS5
  // (which splits it into words itself), its words (FtsWords) joined by
  // spaces in PostgreSQL, so that both split it alike.
  std::string FtsText(std::string folded) const {
    if (!postgres_) return folded;
    std::string out;
    for (const std::string& word : FtsWords(folded)) {
      if (!out.empty()) out.push_back(' ');
      out += word;
    }
    return out;
  }
  std::string SpeakerFtsText(std::string_view speaker_name,
                             std::string_view display) const {
    if (display.empty() || display == speaker_name) {
      return FtsText(names_.Fold(speaker_name));
    }
    return FtsText(
        names_.Fold(absl::StrCat(Sv(speaker_name), " ", Sv(display))));
  }
  // The search expression of a query (FTS5, or a tsquery on PostgreSQL);
  // on PostgreSQL also `exact`, the tsquery of its exact words only
  // (ResolvedQuoteFilter::exact_match).
  absl::StatusOr<std::string> BuildMatch(std::string_view query,
                                         std::string* exact) const;

  // --- Reading.
  absl::StatusOr<StoredArticle> LoadArticle(Connection& c, std::string_view id);
  absl::StatusOr<std::vector<StoredQuote>> LoadArticleQuotes(
      Connection& c, std::string_view id);
  absl::StatusOr<StoredQuote> LoadQuote(Connection& c, std::string_view id);
  absl::StatusOr<PersonRecord> LoadPerson(Connection& c, std::string_view id);
  // One page of a list ordered by quote count, then id, both descending.
  // `sql` selects `table`.id and `table`.quote_count with its filters (a
  // WHERE clause); this appends the keyset condition after `position`, the
  // order and the limit, issues the next page token (kind `token_kind`) and
  // loads each row with `load(c, id)`.
  template <typename Record, typename Load>
  absl::StatusOr<Page<Record>> CountOrderedPage(
      Connection& c, std::string sql, std::vector<Param> params,
      std::string_view table, char token_kind, uint64_t fingerprint,
      const std::optional<PagePosition>& position, int32_t page_size,
      Load load);
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
  // The person's display name; nullopt when no person has that id.
  absl::StatusOr<std::optional<std::string>> DisplayName(
      Connection& c, std::string_view person_id);
  // The fingerprint page tokens of ListQuotes carry for `filter`.
  uint64_t QuoteFilterFingerprint(const QuoteFilter& filter) const;

  // --- Writing.
  // PutArticle's work inside the caller's write transaction. The counts of
  // topics and sources it adds go to `counts` when given (the caller
  // applies them, ApplyCounts), unless the article replaced a stored one;
  // else they are applied at once, as people's always are.
  absl::StatusOr<IngestResult> PutArticleIn(Connection& c,
                                            const AnalyzedArticle& analyzed,
                                            IngestCounts* counts = nullptr);
  absl::Status ApplyCounts(Connection& c, const IngestCounts& counts);
  // First thing in a concurrent write (Write(fn, true)) that ingests
  // `articles`, on PostgreSQL: takes the advisory locks of what the ingest
  // reads to decide what it writes (sqlite_db.h), so that writers of other
  // servers that touch none of it run beside it. Nothing on SQLite.
  absl::Status LockIngest(Connection& c,
                          const std::vector<const AnalyzedArticle*>& articles);
  absl::Status RemoveArticleQuotes(Connection& c, std::string_view article_id,
                                   std::set<std::string>& touched);
  absl::Status AdjustCounts(Connection& c, std::string_view article_id,
                            int sign);
  absl::Status RecomputePerson(Connection& c, std::string_view id);
  // The topic a filter names, by id, display name or resource name; null
  // when none.
  const TopicInfo* FindTopic(std::string_view topic) const {
    const TopicInfo* found = topics_.Find(topic);
    return found != nullptr ? found
                            : topics_.Find(StripPrefix(topic, "topics/"));
  }
  // Whether a filter on a topic and one source is walked from the source
  // (it has fewer quotes; ResolvedQuoteFilter::source_drives).
  absl::StatusOr<bool> SourceDrives(Connection& c, const ResolvedQuoteFilter& f);
  // --- Encoded quotes (sqlite_listings.cc), kept only with an encoder.
  // Row ids of the quotes `sql` selects (one text parameter).
  absl::StatusOr<std::vector<int64_t>> QuoteRids(Connection& c,
                                                 const char* sql,
                                                 std::string_view param);
  // Removes the encoded rows of these quotes, or encodes them again from
  // their quote rows (speech quotes only). A correction drops the rows of the
  // quotes it changes first and encodes them after.
  absl::Status DropEncodedQuotes(Connection& c,
                                 const std::vector<int64_t>& rids);
  absl::Status EncodeQuotes(Connection& c, const std::vector<int64_t>& rids);
  // Writes the encoded row of one speech quote. `quote.quote.speaker.name` is
  // the name as extracted.
  absl::Status EncodeQuote(Connection& c, const StoredQuote& quote,
                           int64_t rid);
  // One quote of a page being read (ListEncodedQuotes): its keyset and where
  // its encoded row lies in the page's bytes once read.
  struct PageRow {
    int64_t rid;
    int64_t publish_time;
    size_t id_start = 0, id_size = 0;  // the quote id, in a side buffer
    enum { kPending, kFound, kNone } state = kPending;
    size_t start = 0;
    size_t lengths[3] = {0, 0, 0};  // person id, name as extracted, body
    // The name the page shows: the display name, else the one extracted.
    size_t name_start = 0, name_size = 0;
  };
  // Reads the encoded rows of the pending `rows` from encoded_quotes (a few
  // statements for all of them), appends each to `out` as
  // EncodedQuoteCache::AppendTo does and offers it to the cache under
  // `ticket`; a rid without a row (not speech) becomes kNone.
  absl::Status ReadPendingRows(Connection& c, uint64_t ticket,
                               std::vector<PageRow>& rows,
                               std::vector<char>* out);
  absl::Status CollectGarbage(Connection& c, const std::set<std::string>& ids);
  // A source (id and stored display name) by the name written in an
  // article, created with its aliases when new.
  struct SourceRef {
    std::string id;
    std::string display_name;
  };
  absl::StatusOr<SourceRef> UpsertSource(Connection& c, std::string_view name);
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
                                              const NameKey& key,
                                              const MentionContext& mention);
  // --- Uncertain joins (sqlite_ingest.cc). Scores in thousandths: a key
  // match the rules leave uncertain starts at kUncertainScore, each shared
  // item of evidence adds kEvidenceItemScore; first names that differ take
  // kDifferentNamePenalty off.
  static constexpr int kUncertainScore = 500;
  static constexpr int kEvidenceItemScore = 100;
  static constexpr int kMaxUncertainScore = 900;
  static constexpr int kDifferentNamePenalty = 300;
  struct JoinDecision {
    const Candidate* join = nullptr;  // the person the evidence picks
    struct Suggestion {
      std::string person_id;
      std::string evidence;
      int score = 0;
    };
    std::vector<Suggestion> suggestions;  // one per candidate of the pool
  };
  // Picks, among `pool`, the one candidate whose context shares the most
  // with `mention` (none when no candidate shares anything or two share
  // equally); `reason` opens each suggestion's evidence.
  absl::StatusOr<JoinDecision> DecideJoin(
      Connection& c, const NameKey& key, const PersonContext& mention,
      const std::vector<const Candidate*>& pool, std::string_view reason);
  // A person's descriptions and co-speakers (other than `surname_key`).
  absl::StatusOr<PersonContext> LoadPersonContext(Connection& c,
                                                  std::string_view person_id,
                                                  std::string_view surname_key);
  absl::Status JoinPeopleWithSurname(Connection& c,
                                     const std::string& surname_key);
  static constexpr char kNameRulesEditor[] = "name rules";
  template <typename H>
  static bool MoreQuotedHolder(const H& a, const H& b) {
    if (a.quote_count != b.quote_count) return a.quote_count > b.quote_count;
    return a.id < b.id;
  }
  // Moves everything of the `merged` people to `target` (correction `seq`
  // pins their name forms) and removes them.
  absl::Status MergeInto(Connection& c, const std::string& target,
                         const std::vector<std::string>& merged, int64_t seq);
  // Records (or raises the score of) the suggestion to merge `a` and `b`.
  absl::Status SuggestMerge(Connection& c, std::string_view a,
                            std::string_view b, std::string_view shared_key,
                            std::string_view evidence, int score);
  absl::StatusOr<std::string> ResolveSurname(
      Connection& c, const NameKey& key,
      const std::map<std::string, std::set<std::string>>& in_article);

  const NameAnalyzer& names_;
  const SourceCatalog& sources_;
  const TopicTagger& topics_;
  const std::function<absl::Time()> clock_;
  const PageTokenCodec codec_;
  const QuoteEncoder* const encoder_;
  // Set by OpenEncodedQuotes(): encoded_quotes matches the quotes.
  bool encoded_ready_ = false;

  // Listing caches (listing_cache.h). A generation lasts from one write
  // transaction to the next.
  static constexpr size_t kNameCacheEntries = 100000;
  EncodedQuoteCache encoded_cache_;
  std::atomic<uint64_t> generation_{0};
  GenerationMap<FoundPeople> people_by_name_;
  GenerationMap<std::vector<std::string>> sources_by_name_;
  GenerationMap<std::optional<std::string>> display_names_;

  std::mutex write_mu_;
  std::unique_ptr<Connection> writer_;
  // The connections are PostgreSQL ones (postgres_store.h).
  const bool postgres_;
  std::string rum_schema_;  // SetRumSchema
  // The database file as opened, to notice it deleted or replaced.
  DatabaseFile file_;
  std::atomic<bool> damaged_{false};
  // Sources whose row and aliases are committed, by the name as written in
  // articles (sources are never deleted nor renamed), and those written by
  // the running transaction. Guarded by write_mu_.
  std::map<std::string, SourceRef, std::less<>> source_cache_;
  std::map<std::string, SourceRef, std::less<>> pending_sources_;
  // Rids whose encoded row the running transaction wrote or removed, or that
  // it rewrote them all. Guarded by write_mu_.
  std::vector<int64_t> written_rids_;
  bool rewrote_encoded_ = false;

  // Runs `fn(Connection&)` in a read transaction on the primary (readers
  // on a standby: SetPrimary()) on an idle connection, or a new one when
  // every one is busy, so that callers never queue behind each other.
  template <typename Fn>
  auto OnPrimary(Fn&& fn) -> decltype(fn(std::declval<Connection&>())) {
    std::unique_ptr<Connection> conn;
    {
      std::lock_guard<std::mutex> lock(primary_mu_);
      if (!primaries_.empty()) {
        conn = std::move(primaries_.back());
        primaries_.pop_back();
      }
    }
    if (conn == nullptr) {
      absl::StatusOr<std::unique_ptr<Connection>> opened =
          Connection::OpenPostgres(primary_uri_);
      if (!opened.ok()) return opened.status();
      conn = *std::move(opened);
    }
    auto result = WithTransaction(*conn, "BEGIN", [&] { return fn(*conn); });
    std::lock_guard<std::mutex> lock(primary_mu_);
    if (primaries_.size() < kIdlePrimaries) primaries_.push_back(std::move(conn));
    return result;
  }
  // Idle connections to the primary kept open.
  static constexpr size_t kIdlePrimaries = 4;
  // The primary's URI when the readers are on a standby (SetPrimary()),
  // else empty; its idle connections.
  std::string primary_uri_;
  std::mutex primary_mu_;
  std::vector<std::unique_ptr<Connection>> primaries_;

  const bool has_readers_;
  std::mutex pool_mu_;
  std::condition_variable pool_cv_;
  std::vector<std::unique_ptr<Connection>> free_readers_;
};

// PostgreSQL: the key of the advisory lock (kPgWriterLock, key) an ingest
// takes on a name of `kind` (SqliteStore::LockIngest): 'a' article id, 'r'
// rid slot, 'p' person id slug, 'n' surname key, 'k' alias key, 's'
// source id. A 31-bit hash, never 0 (the writer lock itself).
int32_t PgIngestLockKey(char kind, std::string_view name);

// The steps both stores take when opening, once the writer's schema is
// current: re-keys person aliases when the name rules changed, reads the
// page-token secret, builds the store on `writer` and `readers`, makes its
// encoded quotes usable and joins the people the new rules join.
// `options.path` names the database in errors.
// `rum_schema`: SqliteStore::SetRumSchema.
absl::StatusOr<std::unique_ptr<Store>> FinishOpen(
    const SqliteStoreOptions& options, std::unique_ptr<Connection> writer,
    std::vector<std::unique_ptr<Connection>> readers,
    std::unique_ptr<Connection> primary = nullptr,
    std::string rum_schema = std::string());

// How a page of free text is read on PostgreSQL (ListQuotes, no relevance
// order), chosen per call by ChooseTextShape.
enum class TextShape {
  // Free text alone: the planner's plan of the GIN search ordered by rowid
  // (for common words, the primary key walked backward, the words probed
  // per row). With one source: the source's listing walked, the text
  // probed per row.
  kWalk,
  // With one source: the GIN index intersects the words and the source's
  // lexeme, the matches sorted (ResolvedQuoteFilter::text_drives).
  kSearch,
  // Free text alone: the RUM index in time order
  // (ResolvedQuoteFilter::text_rum).
  kRum,
};

// The shape for `matches` estimated matches (of the words and the source's
// lexeme when `source_quotes` >= 0) among `quotes` quotes in all, of which
// the one source holds `source_quotes` (-1: no source); `rum`: the database
// has the RUM index (used for free text alone only). See the thresholds in
// sqlite_store.cc.
TextShape PickTextShape(int64_t matches, int64_t quotes, int64_t source_quotes,
                        bool rum);

// ChooseTextShape's inputs read from the database: the planner's estimate
// of the matches of `f` (EXPLAIN), the quotes in all (pg_class.reltuples
// of quote_fts) and the source's quotes; then PickTextShape. kWalk where
// no other shape applies (SQLite, relevance order, a person, no text, a
// topic, several sources).
absl::StatusOr<TextShape> ChooseTextShape(Connection& c,
                                          const ResolvedQuoteFilter& f);

}  // namespace store_internal
}  // namespace quotewire

#endif  // QUOTEWIRE_SERVER_STORE_SQLITE_STORE_INTERNAL_H_

// Store: durable home of articles, quotes, people, sources, topics and
// editorial corrections. The gRPC service talks only to this interface; the
// embedded default is SQLite (sqlite_store.h), another backend may follow.
//
// Identifiers are returned without their collection prefix ("lukashenko", not
// "people/lukashenko"); the service adds and strips prefixes. Methods that
// take a person accept either its id or any name form.
//
// Thread safety: every method may be called concurrently from any thread.
// Every write is one transaction: on error nothing already stored changes.
#ifndef QUOTEWIRE_SERVER_STORE_STORE_H_
#define QUOTEWIRE_SERVER_STORE_STORE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "server/analysis/analyzer.h"
#include "server/core/model.h"

namespace quotewire {

struct StoredArticle {
  // Store id: the client id when given, else a hash of the text.
  std::string id;
  // As given, with `language` the language used.
  Article article;
  absl::Time ingest_time;
  int32_t quote_count = 0;
  std::vector<std::string> wire_credits;
};

struct StoredQuote {
  // `quote.id` and `quote.speaker.person_id` are set.
  Quote quote;
  std::string article_id;
  std::vector<QuoteSource> sources;
  // The article's publish time, or its ingest time when it has none.
  absl::Time publish_time;
};

struct PersonRecord {
  std::string id;
  std::string display_name;
  SpeakerKind kind = SpeakerKind::kPerson;
  std::vector<std::string> aliases;
  std::vector<std::string> descriptions;
  std::vector<std::string> languages;
  int64_t quote_count = 0;
  int64_t article_count = 0;
};

struct SourceRecord {
  std::string id;
  std::string display_name;
  std::vector<std::string> aliases;
  int64_t quote_count = 0;
  int64_t publisher_quote_count = 0;
  int64_t outlet_quote_count = 0;
  int64_t wire_quote_count = 0;
};

struct TopicRecord {
  std::string id;
  std::string display_name;
  int64_t quote_count = 0;
};

struct CorrectionRecord {
  std::string id;
  std::string action;  // "merge", "split", "rename", "reattribute"
  std::string summary;
  std::string editor;
  absl::Time create_time;
};

// Two people whose names share a key but whose join was uncertain (one
// first name an initial, first names that differ, or several people holding
// the key), kept apart and suggested for an editor to merge (MergePeople of
// the two removes the suggestion).
struct MergeSuggestionRecord {
  std::string person_a;    // person id; person_a < person_b
  std::string person_b;    // person id
  std::string person_a_display;
  std::string person_b_display;
  std::string shared_key;  // the surname key both hold ("lukaxenko")
  std::string evidence;    // what the articles said, for the editor
  double score = 0;        // 0..1: how likely the two are one person
  absl::Time create_time;
};

// Filters of ListQuotes; empty fields do not filter. All combine with AND.
struct QuoteFilter {
  std::string person;   // person id or any name form
  std::string topic;    // topic id or display name
  std::string source;   // source id or any name or alias
  std::optional<SourceRelation> source_relation;
  std::string article;  // article id (client id or hash)
  std::string language;
  std::optional<absl::Time> start_time;  // inclusive
  std::optional<absl::Time> end_time;    // exclusive
  std::string query;    // free text over quote text and speaker names
  bool include_non_speech = false;
  bool order_by_relevance = false;  // only with `query`
};

// Paging of every List method. The service applies the default (50) and
// rejects sizes outside [0, 1000]; the store trusts `page_size`.
struct PageOptions {
  int32_t page_size = 50;
  // Opaque token from a previous page; the store rejects a malformed or forged
  // token, or one issued for other filters, with InvalidArgument naming
  // "page_token".
  std::string page_token;
};

template <typename T>
struct Page {
  std::vector<T> items;
  std::string next_page_token;  // empty on the last page
};

// Stops long store reads for a caller that no longer waits (a cancelled
// rpc): while a scope is alive on a thread, reads made on that thread ask
// `cancelled` now and then and end with absl::CancelledError once it returns
// true. Writes, commits and rollbacks are never interrupted. Scopes nest: the
// innermost counts, and a scope with an empty function shields what runs in
// it.
//
//   ScopedCancellation cancel([ctx] { return ctx->IsCancelled(); });
//   auto page = store.ListQuotes(filter, page_options);
class ScopedCancellation {
 public:
  explicit ScopedCancellation(std::function<bool()> cancelled)
      : cancelled_(std::move(cancelled)), outer_(current_) {
    current_ = this;
  }
  ~ScopedCancellation() { current_ = outer_; }
  ScopedCancellation(const ScopedCancellation&) = delete;
  ScopedCancellation& operator=(const ScopedCancellation&) = delete;

  // What the innermost scope on this thread says; false without one.
  static bool Requested() {
    return current_ != nullptr && current_->cancelled_ && current_->cancelled_();
  }

 private:
  std::function<bool()> cancelled_;
  ScopedCancellation* outer_;
  static inline thread_local ScopedCancellation* current_ = nullptr;
};

// Encodes stored quotes for the store's pre-encoded listings (see
// Store::ListEncodedQuotes): the service supplies its wire form, the store
// keeps one encoded copy of every speech quote per person, topic and source
// it is listed under, in listing order, so that a page is one index range.
//
// Thread safety: Encode() is called from the store's writer only; format()
// once when the store opens.
class QuoteEncoder {
 public:
  virtual ~QuoteEncoder() = default;
  // Names the encoding (and its version). A store whose listings were encoded
  // under another name re-encodes them all when it opens.
  virtual std::string format() const = 0;
  // `quote` without its speaker's person id and name, which change without
  // the quote (merges, renames, a fuller display name) and which the reader
  // adds to each entry (EncodedQuotePage::Entry).
  virtual std::string Encode(const StoredQuote& quote) const = 0;
};

// A page of ListQuotes as encoded entries. The entries view bytes the page
// owns (a vector, whose buffer stays where it is when the page moves), so a
// page can be moved but not copied.
struct EncodedQuotePage {
  struct Entry {
    std::string_view body;          // QuoteEncoder::Encode() of the quote
    std::string_view person_id;     // the speaker's person (no "people/"); may be empty
    std::string_view speaker_name;  // the person's display name, else as extracted
  };
  EncodedQuotePage() = default;
  EncodedQuotePage(EncodedQuotePage&&) = default;
  EncodedQuotePage& operator=(EncodedQuotePage&&) = default;
  EncodedQuotePage(const EncodedQuotePage&) = delete;
  EncodedQuotePage& operator=(const EncodedQuotePage&) = delete;

  std::vector<Entry> entries;
  std::string next_page_token;  // empty on the last page
  std::vector<char> bytes;      // what the entries view
};

struct IngestResult {
  StoredArticle article;
  std::vector<StoredQuote> quotes;
  bool replaced = false;  // an earlier version of the article was replaced
};

// A write committed to the store's database, by this process or by another
// server on the same database (StoreChangeFeed).
struct StoreChange {
  enum class Kind {
    kArticleStored,   // `article_id` was stored (new, or replacing a version)
    kArticleDeleted,  // `article_id` was deleted
    kCorrection,      // an editorial correction (no article_id)
    // The feed lost its connection and may have missed changes while it
    // was away: whatever was derived from earlier changes is suspect.
    kResync,
    // StoreChangeFeed::Mark(article_id) came back through the feed: every
    // change before it committed before the mark was asked for.
    kMark,
  };
  Kind kind = Kind::kResync;
  std::string article_id;  // kMark: the mark's token
};

// Called with the changes of one or more committed transactions, in commit
// order, on the feed's own thread; must not block for long.
using StoreChangeCallback = std::function<void(const std::vector<StoreChange>&)>;

// Writes committed by every process sharing the store's database, for stores
// that several servers share (PostgreSQL). Delivers changes to the callback
// given to Store::WatchChanges() until destroyed; reconnects by itself.
//
// Thread safety: Health() may be called from any thread.
class StoreChangeFeed {
 public:
  virtual ~StoreChangeFeed() = default;
  // OK while the feed is listening; Unavailable while it is reconnecting.
  virtual absl::Status Health() = 0;
  // Commits a mark into the feed and returns once it is committed: the
  // callback later gets a kMark change with `token` after every change
  // committed before this call and before every change committed after it
  // returns (a position in the feed, e.g. where a watch begins). Marks of
  // other processes on the same database are not delivered. Unavailable
  // when the database cannot be reached.
  virtual absl::Status Mark(std::string_view token) = 0;
};

class Store {
 public:
  virtual ~Store() = default;

  // Stores an analysed article and its quotes, resolving speakers to people
  // (editorial corrections take precedence) and sources. Idempotent: the same
  // id, or the same text when no id is given, replaces the earlier version.
  virtual absl::StatusOr<IngestResult> PutArticle(
      const AnalyzedArticle& analyzed) = 0;

  // Stores several articles as PutArticle() would, one after the other, and
  // returns one result per article, in order: an article that fails leaves
  // nothing stored and does not stop the others. Backends may commit the
  // batch together (much cheaper per article than one commit each); the
  // articles are then durable only once PutArticles() returns, and an error
  // of the call itself (e.g. a failed commit) means none was stored.
  virtual absl::StatusOr<std::vector<absl::StatusOr<IngestResult>>>
  PutArticles(const std::vector<AnalyzedArticle>& articles) {
    std::vector<absl::StatusOr<IngestResult>> out;
    out.reserve(articles.size());
    for (const AnalyzedArticle& a : articles) out.push_back(PutArticle(a));
    return out;
  }

  // NotFound when no article has that id.
  virtual absl::StatusOr<StoredArticle> GetArticle(std::string_view id) = 0;
  // The article's quotes in text order; NotFound when no such article.
  virtual absl::StatusOr<std::vector<StoredQuote>> GetArticleQuotes(
      std::string_view id) = 0;
  // Deletes the article and its quotes; returns the number of quotes deleted.
  // NotFound when no such article.
  virtual absl::StatusOr<int32_t> DeleteArticle(std::string_view id) = 0;

  // NotFound when no quote has that id.
  virtual absl::StatusOr<StoredQuote> GetQuote(std::string_view id) = 0;
  // Newest first (publish time, then id) unless ordered by relevance. A filter
  // naming an unknown person, topic or source yields an empty page.
  // InvalidArgument for a bad page token or an unusable query.
  virtual absl::StatusOr<Page<StoredQuote>> ListQuotes(
      const QuoteFilter& filter, const PageOptions& page) = 0;
  // The page ListQuotes(filter, page) returns, as pre-encoded entries, when
  // the store keeps listings for the filter; nullopt when it does not (call
  // ListQuotes). Page tokens of the two are interchangeable. The default
  // keeps no listings.
  virtual absl::StatusOr<std::optional<EncodedQuotePage>> ListEncodedQuotes(
      const QuoteFilter& filter, const PageOptions& page) {
    (void)filter;
    (void)page;
    return std::optional<EncodedQuotePage>();
  }

  // A number that changes whenever a write commits (ingest, delete, any
  // correction), so that two reads made under the same number saw the same
  // data; taken before a read, it lets callers keep that read's answer until
  // the next write (service/response_cache.h). It never decreases. nullopt
  // when the store cannot tell: then nothing may be kept. The default.
  virtual std::optional<uint64_t> WriteGeneration() const {
    return std::nullopt;
  }

  // For stores that several processes share: a feed of the writes every
  // process commits, delivered to `on_change`. The service then publishes
  // WatchQuotes from the feed (its own ingests too). Null (the default,
  // SQLite) when only this process writes: the service's own publishing is
  // enough. (Caches need no feed: WriteGeneration() of a shared store
  // counts every process's writes.)
  virtual absl::StatusOr<std::unique_ptr<StoreChangeFeed>> WatchChanges(
      StoreChangeCallback on_change) {
    (void)on_change;
    return std::unique_ptr<StoreChangeFeed>();
  }

  // Whether the store is fit to serve, cheaply (the health service polls
  // it): OK, or why not. Once the SQLite store has seen its file damaged it
  // answers DataLoss; once its file was deleted or replaced under it,
  // Unavailable (and it refuses writes). Both last until a restart. The
  // default is OK.
  virtual absl::Status Health() { return absl::OkStatus(); }

  // Most quoted first. `query` matches any name form.
  virtual absl::StatusOr<Page<PersonRecord>> ListPeople(
      std::string_view query, std::optional<SpeakerKind> kind,
      const PageOptions& page) = 0;
  // By id or any name form; NotFound when nobody matches.
  virtual absl::StatusOr<PersonRecord> GetPerson(std::string_view name) = 0;
  // Most quoted first.
  virtual absl::StatusOr<Page<SourceRecord>> ListSources(
      std::string_view query, const PageOptions& page) = 0;
  // Most quoted first; every topic of the taxonomy, also those with no quote.
  virtual absl::StatusOr<Page<TopicRecord>> ListTopics(
      const PageOptions& page) = 0;

  // Editorial corrections. Each is recorded with editor and time and survives
  // restarts and re-ingestion of the articles concerned.
  // NotFound for an unknown person or quote; InvalidArgument when merging a
  // person into itself.
  virtual absl::StatusOr<PersonRecord> MergePeople(
      std::string_view person, const std::vector<std::string>& people,
      std::string_view editor) = 0;
  // Returns {remaining person, new person}. FailedPrecondition when an alias is
  // not held by the person or every alias would move.
  virtual absl::StatusOr<std::pair<PersonRecord, PersonRecord>> SplitPerson(
      std::string_view person, const std::vector<std::string>& aliases,
      std::string_view display_name, std::string_view editor) = 0;
  virtual absl::StatusOr<PersonRecord> RenamePerson(
      std::string_view person, std::string_view display_name,
      std::string_view editor) = 0;
  // `person` is an id or a name; a name nobody has creates a person.
  virtual absl::StatusOr<StoredQuote> ReattributeQuote(
      std::string_view quote_id, std::string_view person,
      std::string_view editor) = 0;
  // Newest first.
  virtual absl::StatusOr<Page<CorrectionRecord>> ListCorrections(
      const PageOptions& page) = 0;
  // Merge suggestions of people still apart, highest score first.
  virtual absl::StatusOr<Page<MergeSuggestionRecord>> ListMergeSuggestions(
      const PageOptions& page) = 0;
};

}  // namespace quotewire

#endif  // QUOTEWIRE_SERVER_STORE_STORE_H_

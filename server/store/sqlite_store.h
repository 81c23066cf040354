// SQLite backend of the Store (store.h): one database file, opened with
//
//   SqliteStoreOptions options;
//   options.path = "/var/lib/quotewire/quotewire.db";
//   options.names = &analyzer->names();
//   options.sources = &analyzer->sources();
//   options.topics = &analyzer->topics();
//   QW_ASSIGN_OR_RETURN(std::unique_ptr<Store> store,
//                       OpenSqliteStore(options));
//
// Storage: WAL journal, foreign keys on, synchronous=NORMAL by default: a
// committed write survives a crash of the process, but the last transactions
// before a power failure or OS crash may be lost (never corrupted); set
// `synchronous_full` to make every commit durable at the cost of an fsync.
// The schema is versioned; OpenSqliteStore() applies pending migrations in one
// transaction and refuses (FailedPrecondition) a database written by a newer
// build.
//
// Ownership: Quotewire's files carry PRAGMA application_id
// kQuotewireApplicationId ("QWIR"). Opening refuses (FailedPrecondition) a
// file with another application id, or with none and tables that are not
// Quotewire's; a file of an older build (no id, Quotewire's tables) is
// adopted and stamped, an empty one stamped.
//
// Integrity: opening runs PRAGMA quick_check (unless `check_on_open` is off)
// and refuses a damaged file with DataLoss. Any later call on which SQLite
// reports corruption (SQLITE_CORRUPT, SQLITE_NOTADB), or that reads a string
// that is not valid UTF-8, fails with DataLoss, and from then on Health()
// answers DataLoss. If the file, its -wal or its -shm is deleted or replaced
// (another inode at its path) while the store runs, Health() answers
// Unavailable and every write fails with Unavailable instead of going into
// a file nobody will open again;
// reads go on answering from the open file. Both conditions last until the
// store is reopened. Error messages carry no SQL, table or column names; the
// detail goes to stderr.
//
// Concurrency: one write connection behind a mutex and a pool of read
// connections (WAL readers see the last committed state and do not block the
// writer). ":memory:" uses a single connection for both.
//
// Identity resolution, when an article is stored (first rule that applies):
//  1. an editor's reattribution of that quote (by its stable id);
//  2. an editor's pin of the name form (from merge, split, rename);
//  3. organisations and groups: the person of that kind with the same folded
//     name;
//  4. a full name ("Maria Kolesnikova") joins a person with a compatible full
//     name (NameAnalyzer::Compare kSame; the most quoted if several), else
//     the surname-only person of that surname when no other full name has
//     it (its display name becomes the full name unless an editor locked it;
//     "A. Lukashenko" likewise becomes "Alexander Lukashenko"), else a new
//     person;
//  5. a surname alone ("Kolesnikova") joins the person named in full with that
//     surname in the same article; else the only person with that surname and
//     a full name; when several full names share the surname it does not
//     guess: it joins (or creates) a surname-only person, which an editor can
//     merge.
// Person ids are ASCII slugs of the first display name ("maria-kolesnikova",
// "-2" on collision) and never change; after a merge, the merged ids redirect.
// People left with no quote and no editorial record are deleted.
//
// Quote ids are derived from (article id, quote text, occurrence of that text
// in the article), so re-ingesting an article gives its quotes the same ids
// and reattributions survive. Article ids are the client id, else 16 hex
// digits of a hash of the text.
//
// Counts (quote_count, article_count of people, sources, topics) count speech
// quotes only, like ListQuotes without include_non_speech.
//
// Free-text queries are folded with NameAnalyzer::Fold and split into words
// (letters and digits); every word must match, as a quoted FTS5 phrase bound
// as a parameter (operators and punctuation in the input are never syntax):
// the word itself in quote text or speaker names (as written, and the
// person's display name), or one of its Snowball stems among the stems of
// the quote's words in the quote's language (search_terms.h). A query with no word, or more than 32 words, is
// InvalidArgument("query: ..."). Newest-first listings with a query (and no
// single person) walk the search index in publish-time order; quotes
// published in the same millisecond then come newest-ingested first instead
// of by id. Relevance order (bm25) pages by offset.
//
// Filters: `person` matches the ids of GetPerson's lookup, and every person
// of an ambiguous surname; `source` an id, canonical name or alias
// (case-insensitive, also through SourceCatalog); `language` "en" matches
// "en" and "en-GB", "en-GB" only itself. ListPeople/ListSources `query`
// matches any name form by substring, surname or full-name key.
//
// Lookups of a person by name (GetPerson, filters, corrections): an id (or
// a merged id), then a name form exactly as seen, then the same full name in
// another spelling, then the surname when it names one person (NotFound
// "ambiguous" otherwise). ReattributeQuote creates a person for a name nobody
// has, but treats "people/x" and a lower-case slug ("natalia-eismont") as an
// id: NotFound when unknown.
//
// Page tokens carry a keyed MAC (per-database secret in the meta table) and a
// hash of the filters; see page_token.h.
//
// Thread safety: every method may be called concurrently.
#ifndef QUOTEWIRE_SERVER_STORE_SQLITE_STORE_H_
#define QUOTEWIRE_SERVER_STORE_SQLITE_STORE_H_

#include <functional>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "server/store/store.h"

namespace quotewire {

class NameAnalyzer;
class SourceCatalog;
class TopicTagger;

struct SqliteStoreOptions {
  // Database file; ":memory:" for a private in-memory database (tests).
  std::string path = "quotewire.db";
  // Required; not owned; must outlive the store.
  const NameAnalyzer* names = nullptr;
  const SourceCatalog* sources = nullptr;
  const TopicTagger* topics = nullptr;
  // Optional; not owned; must outlive the store. With an encoder the store
  // keeps every speech quote pre-encoded (ListEncodedQuotes serves a filter
  // on exactly one person, topic or source, with an optional time range and
  // source relation, from them); without one it keeps none and marks those
  // in the file stale, so that the next open with an encoder re-encodes every
  // quote (seconds per million quotes).
  const QuoteEncoder* encoder = nullptr;
  // Time of ingests and corrections; default absl::Now.
  std::function<absl::Time()> clock;
  // How long a connection waits for a lock held by another process.
  int busy_timeout_ms = 5000;
  // Read connections besides the writer (file databases only); at least 1.
  int read_connections = 4;
  // PRAGMA synchronous=FULL instead of NORMAL (see above).
  bool synchronous_full = false;
  // Page cache of the write connection, in MiB (SQLite's default is 2 MiB).
  // Measured with bench/store_bench: a larger writer cache saves reads from
  // the OS but costs more CPU than it saves beyond ~8 MiB (the index leaves
  // one ingest touches at a million quotes are random and do not stay cached
  // anyway).
  int writer_cache_mib = 8;
  // Page cache of each read connection, in MiB. Listings read the rows they
  // show from listing_cache_mib below; what stays here is the listing
  // indexes' pages and rows not cached there. At a million quotes 32 MiB
  // serves as many listings per second over gRPC as 64 MiB (scripts/bench),
  // for 128 MiB less resident memory with 4 readers.
  int reader_cache_mib = 32;
  // Memory for encoded quotes kept outside SQLite (with an encoder), in MiB;
  // 0 keeps none and no answers to name lookups either. Listings read the
  // rows they show from it instead of searching SQLite's B-tree for each
  // (~1.4 µs per quote at a million quotes), and reuse the people or source a
  // name resolved to and display names until the next write.
  int listing_cache_mib = 64;
  // Run PRAGMA quick_check when opening (O(file size): seconds per GB), and
  // refuse a damaged file with DataLoss.
  bool check_on_open = true;
  // WAL size (pages of 4 KiB) at which a commit checkpoints into the
  // database. Pages rewritten by many ingests between two checkpoints (counts,
  // index interiors, the search index) are copied once per checkpoint, so a
  // larger WAL writes less; it costs disk space and recovery time.
  int wal_autocheckpoint_pages = 16384;
};

// PRAGMA application_id of Quotewire's database files: "QWIR" in ASCII.
inline constexpr int32_t kQuotewireApplicationId = 0x51574952;

// Opens (creating if needed) and migrates the database. InvalidArgument when a
// required option is missing; FailedPrecondition for a database from a newer
// build or of another program; DataLoss for a damaged file;
// Internal/Unavailable for other SQLite errors. Messages of errors about the
// file start with its path.
absl::StatusOr<std::unique_ptr<Store>> OpenSqliteStore(
    const SqliteStoreOptions& options);

}  // namespace quotewire

#endif  // QUOTEWIRE_SERVER_STORE_SQLITE_STORE_H_

// PostgreSQL backend of the Store (store.h), for several Quotewire servers
// sharing one database:
//
//   PostgresStoreOptions options;
//   options.uri = "postgresql://quotewire@db.example/quotewire";
//   options.names = &analyzer->names();
//   options.sources = &analyzer->sources();
//   options.topics = &analyzer->topics();
//   QW_ASSIGN_OR_RETURN(std::unique_ptr<Store> store,
//                       OpenPostgresStore(options));
//
// Same answers as the SQLite store: it runs the SQLite store's code
// (sqlite_store.h documents identity resolution, ids, counts, filters and
// page tokens) on PostgreSQL connections (sqlite_db.h, postgres_db.h), with
// the schema of postgres_schema.h. What differs:
//  - Free text: a tsvector of the folded words of quote text and speaker
//    names and of the quote's stems (to_tsvector('simple') of what
//    search_terms.h computes, word for word as FTS5 matches them;
//    quote_fts.doc, GIN index). Relevance order is ts_rank instead of bm25.
//  - Writes: ingests of different servers run side by side; each holds
//    advisory locks on the articles, surnames, names and sources it
//    resolves (two ingests naming the same person wait for each other:
//    identity resolution reads what the other would create); corrections
//    and deletions wait for every other writer (sqlite_db.h). Every write
//    transaction bumps write_generation in its COMMIT's message, so the
//    row's lock is held only while the commit runs and its value changes
//    atomically with the data: WriteGeneration() is that value, read in
//    its own snapshot before a read takes its own, so a cache keyed by it
//    never outlives a write acknowledged by any server (a page filed under
//    generation g was read after g was committed; any write acknowledged
//    later commits g + 1 or more with it). Reading it costs one round trip.
//    Writes whose answers are not read (the rows of an ingest) are queued
//    and sent together (PgConn::Send).
//  - No pre-encoded listings (ListEncodedQuotes answers nullopt) and no
//    in-process name caches: another server may write at any time.
//  - Failures: a lost connection or a database that does not answer makes
//    calls fail with Unavailable, and Health() too; each connection
//    reconnects at its next use, so the store recovers by itself. Every
//    article is one transaction (PutArticles: one for the batch, a savepoint
//    per article), so a server killed mid-ingest leaves whole articles.
//  - Reads run in REPEATABLE READ, READ ONLY transactions (one snapshot per
//    call) and stop when the caller cancels (ScopedCancellation): before
//    each statement, and a running statement by PQcancel (postgres_db.h).
//  - Reads on a standby (read_uri): the read connections open there, so a
//    read may lag the primary by the standby's replay delay: a listing or
//    GetArticle may miss writes acknowledged moments before, on this server
//    or another. WriteGeneration() then reads the generation on the primary
//    (one more connection) and on the standby, and answers the primary's
//    only when the standby has replayed it (nullopt otherwise): a response
//    cache keyed by it never files a lagging answer under a newer
//    generation, so a cached page never outlives a write acknowledged
//    anywhere; while the standby lags, responses are simply not cached.
//    Costs two round trips instead of one. Health() checks both databases.
//
// Thread safety: every method may be called concurrently.
#ifndef QUOTEWIRE_SERVER_STORE_POSTGRES_STORE_H_
#define QUOTEWIRE_SERVER_STORE_POSTGRES_STORE_H_

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

struct PostgresStoreOptions {
  // libpq URI: postgresql://user:password@host:port/database?param=value.
  std::string uri;
  // Required; not owned; must outlive the store.
  const NameAnalyzer* names = nullptr;
  const SourceCatalog* sources = nullptr;
  const TopicTagger* topics = nullptr;
  // Time of ingests and corrections; default absl::Now.
  std::function<absl::Time()> clock;
  // Read connections besides the writer; at least 1.
  int read_connections = 4;
  // Where the read connections go (--db_read): a streaming-replication
  // standby of `uri`'s database. Empty: `uri`. The writer, migrations and
  // WriteGeneration() stay on `uri` (see "Reads on a standby" above).
  std::string read_uri;
  // Free text may be read from the RUM index when the database has it
  // (schema version 7, extension `rum`: ResolvedQuoteFilter::text_rum).
  // False: never (the GIN and listing shapes only, as without the
  // extension); the index is still kept up to date.
  bool free_text_rum = true;
};

// Connects, applies pending migrations (postgres_schema.h) and opens the
// pool. InvalidArgument for a missing option or a malformed URI; Unavailable
// when the database cannot be reached; FailedPrecondition for a schema newer
// than this build. Messages are one line naming the problem.
absl::StatusOr<std::unique_ptr<Store>> OpenPostgresStore(
    const PostgresStoreOptions& options);

}  // namespace quotewire

#endif  // QUOTEWIRE_SERVER_STORE_POSTGRES_STORE_H_

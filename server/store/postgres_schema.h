// Schema of the store on PostgreSQL and its ordered migrations: the layout
// of the SQLite store's latest schema (schema.cc) in PostgreSQL types, with
// the search index as a tsvector (quote_fts.doc) instead of FTS5.
//
// `schema_version(version, apply_time)` records every migration applied.
// MigratePostgres() takes a transaction-scoped advisory lock
// (pg_advisory_xact_lock(kPostgresMigrationLock)), so that several servers
// starting at once on one database apply each migration once: the others
// wait, then find nothing left to do. A database whose schema is newer than
// this build knows is refused (FailedPrecondition). Migrations are never
// edited after release, only appended.
//
// Thread safety: call on a connection no other thread uses.
#ifndef QUOTEWIRE_SERVER_STORE_POSTGRES_SCHEMA_H_
#define QUOTEWIRE_SERVER_STORE_POSTGRES_SCHEMA_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "server/store/sqlite_db.h"

namespace quotewire {
namespace store_internal {

// The advisory lock key of migrations ("QWIR").
inline constexpr int64_t kPostgresMigrationLock = 0x51574952;

// Highest PostgreSQL schema version this build knows.
int LatestPostgresSchemaVersion();

// Brings the database to the latest version; also makes sure
// meta('token_secret') holds a random secret and write_generation its row.
// Returns the version reached.
absl::StatusOr<int> MigratePostgres(Connection& conn);

// The schema of the `rum` extension, quoted as an identifier when needed,
// when the store's RUM index (migration 7, quote_fts_by_doc_rum) exists
// and is valid; empty otherwise (no extension: free text keeps its GIN and
// listing shapes).
absl::StatusOr<std::string> RumSchema(Connection& conn);

}  // namespace store_internal
}  // namespace quotewire

#endif  // QUOTEWIRE_SERVER_STORE_POSTGRES_SCHEMA_H_

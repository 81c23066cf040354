// Schema of the SQLite store and its ordered migrations.
//
// `schema_migrations(version, apply_time)` records every migration applied.
// Migrate() runs, inside one IMMEDIATE transaction, every migration newer than
// the database's version up to `target_version`, and refuses a database whose
// schema is newer than this build knows (FailedPrecondition): an older binary
// must not write into a newer layout. Each migration is a list of statements
// that runs once; migrations are never edited after release, only appended.
//
// Thread safety: call on a connection no other thread uses.
#ifndef QUOTEWIRE_SERVER_STORE_SCHEMA_H_
#define QUOTEWIRE_SERVER_STORE_SCHEMA_H_

#include <string>

#include "absl/status/statusor.h"
#include "server/store/sqlite_db.h"

namespace quotewire {
namespace store_internal {

// `bytes` random bytes (std::random_device) as lower-case hex.
std::string RandomHex(int bytes);

// Highest schema version this build knows.
int LatestSchemaVersion();

// The version recorded in the database; 0 for an empty database.
absl::StatusOr<int> SchemaVersion(Connection& conn);

// Brings the database to `target_version` (default: the latest). Also makes
// sure meta('token_secret') holds a random 32-byte secret. Returns the
// version reached.
absl::StatusOr<int> Migrate(Connection& conn, int target_version = -1);

}  // namespace store_internal
}  // namespace quotewire

#endif  // QUOTEWIRE_SERVER_STORE_SCHEMA_H_

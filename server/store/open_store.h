// One way to open the store named by --db: a PostgreSQL URI
// (postgresql://... or postgres://...) opens the PostgreSQL store
// (postgres_store.h), anything else is a SQLite file (sqlite_store.h).
#ifndef QUOTEWIRE_SERVER_STORE_OPEN_STORE_H_
#define QUOTEWIRE_SERVER_STORE_OPEN_STORE_H_

#include <memory>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "server/store/sqlite_store.h"
#include "server/store/store.h"

namespace quotewire {

// Whether `db` names a PostgreSQL database rather than a SQLite file.
bool IsPostgresDb(std::string_view db);

// `db` (a --db or --db_read value) fit for a log line or an error message:
// the password of a URI's user info (postgresql://user:PASSWORD@host/db) and
// the value of every `password=` parameter (?password=..., or key=value
// connection strings) replaced by "****"; anything else is kept as is.
std::string RedactDbUri(std::string_view db);

// Opens `options.path` as above. No error message names a password:
// where one quotes --db or --db_read, it quotes RedactDbUri of it. For PostgreSQL, names, sources, topics,
// clock and read_connections apply; the SQLite-only options are ignored.
// `read_db` (--db_read), when not empty, is a PostgreSQL URI of a standby
// that the reads go to (PostgresStoreOptions::read_uri); InvalidArgument
// when `options.path` is not PostgreSQL.
absl::StatusOr<std::unique_ptr<Store>> OpenStore(
    const SqliteStoreOptions& options, std::string_view read_db = {});

}  // namespace quotewire

#endif  // QUOTEWIRE_SERVER_STORE_OPEN_STORE_H_

#include "server/store/open_store.h"

#include <string>

#include "absl/status/status.h"

#include "server/core/status_macros.h"
#include "server/store/postgres_changes.h"
#include "server/store/postgres_db.h"
#include "server/store/postgres_store.h"

namespace quotewire {

bool IsPostgresDb(std::string_view db) {
  return store_internal::IsPostgresUri(db);
}

absl::StatusOr<std::unique_ptr<Store>> OpenStore(
    const SqliteStoreOptions& options, std::string_view read_db) {
  if (!IsPostgresDb(options.path)) {
    if (!read_db.empty()) {
      return absl::InvalidArgumentError(
          "db_read: a read standby needs a PostgreSQL --db "
          "(postgresql://...), not a SQLite file");
    }
    return OpenSqliteStore(options);
  }
  PostgresStoreOptions pg;
  pg.uri = options.path;
  pg.names = options.names;
  pg.sources = options.sources;
  pg.topics = options.topics;
  pg.clock = options.clock;
  pg.read_connections = options.read_connections;
  pg.read_uri = std::string(read_db);
  QW_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, OpenPostgresStore(pg));
  // WatchChanges(): the writes of every server on the database (LISTEN on
  // the primary: a standby accepts none).
  PgChangeFeed::Options feed;
  feed.conninfo = options.path;
  return WithPostgresChangeFeed(std::move(store), feed, !read_db.empty());
}

}  // namespace quotewire

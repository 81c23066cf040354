#include "server/store/open_store.h"

#include "server/core/status_macros.h"
#include "server/store/postgres_changes.h"
#include "server/store/postgres_db.h"
#include "server/store/postgres_store.h"

namespace quotewire {

bool IsPostgresDb(std::string_view db) {
  return store_internal::IsPostgresUri(db);
}

absl::StatusOr<std::unique_ptr<Store>> OpenStore(
    const SqliteStoreOptions& options) {
  if (!IsPostgresDb(options.path)) return OpenSqliteStore(options);
  PostgresStoreOptions pg;
  pg.uri = options.path;
  pg.names = options.names;
  pg.sources = options.sources;
  pg.topics = options.topics;
  pg.clock = options.clock;
  pg.read_connections = options.read_connections;
  QW_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, OpenPostgresStore(pg));
  // WatchChanges(): the writes of every server on the database.
  PgChangeFeed::Options feed;
  feed.conninfo = options.path;
  return WithPostgresChangeFeed(std::move(store), feed);
}

}  // namespace quotewire

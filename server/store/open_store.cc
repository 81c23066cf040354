#include "server/store/open_store.h"

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
  return OpenPostgresStore(pg);
}

}  // namespace quotewire

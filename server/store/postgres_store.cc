#include "server/store/postgres_store.h"

#include <algorithm>
#include <cstdio>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "server/core/status_macros.h"
#include "server/store/postgres_db.h"
#include "server/store/postgres_schema.h"
#include "server/store/sqlite_store_internal.h"

namespace quotewire {
namespace {

// The connection errors name --db ("db: ..."); those of the read connections
// name --db_read.
absl::Status ForReadUri(const absl::Status& status) {
  absl::string_view message = status.message();
  absl::ConsumePrefix(&message, "db: ");
  return absl::Status(status.code(), absl::StrCat("db_read: ", message));
}

}  // namespace

absl::StatusOr<std::unique_ptr<Store>> OpenPostgresStore(
    const PostgresStoreOptions& options) {
  using store_internal::Connection;
  if (options.names == nullptr || options.sources == nullptr ||
      options.topics == nullptr) {
    return absl::InvalidArgumentError(
        "PostgresStoreOptions: names, sources and topics are required");
  }
  if (!store_internal::IsPostgresUri(options.uri)) {
    return absl::InvalidArgumentError(
        "db: a PostgreSQL URI starts with postgresql:// or postgres://");
  }
  const bool standby = !options.read_uri.empty();
  if (standby && !store_internal::IsPostgresUri(options.read_uri)) {
    return absl::InvalidArgumentError(
        "db_read: a PostgreSQL URI starts with postgresql:// or postgres://");
  }
  QW_ASSIGN_OR_RETURN(std::unique_ptr<Connection> writer,
                      Connection::OpenPostgres(options.uri));
  QW_RETURN_IF_ERROR(store_internal::MigratePostgres(*writer).status());
  // Which shapes free text has (postgres_schema.cc version 7), said once.
  QW_ASSIGN_OR_RETURN(std::string rum_schema,
                      store_internal::RumSchema(*writer));
  std::fprintf(
      stderr, "quotewire store: PostgreSQL free text: %s\n",
      rum_schema.empty()
          ? "GIN index and listings (no RUM index: extension rum not "
            "installed or not created)"
          : options.free_text_rum
                ? "GIN index, listings and the RUM index in time order"
                : "GIN index and listings (RUM index present, not used: "
                  "free_text_rum off)");
  if (!options.free_text_rum) rum_schema.clear();
  std::vector<std::unique_ptr<Connection>> readers;
  for (int i = 0; i < std::max(1, options.read_connections); ++i) {
    absl::StatusOr<std::unique_ptr<Connection>> reader =
        Connection::OpenPostgres(standby ? options.read_uri : options.uri);
    if (!reader.ok()) return standby ? ForReadUri(reader.status()) : reader.status();
    (*reader)->StopOnCancellation();
    readers.push_back(std::move(*reader));
  }
  // The generation is read on the primary (postgres_store.h).
  std::unique_ptr<Connection> primary;
  if (standby) {
    QW_ASSIGN_OR_RETURN(primary, Connection::OpenPostgres(options.uri));
  }
  // The SQLite store's code on PostgreSQL connections, without what only a
  // single process may keep (postgres_store.h).
  SqliteStoreOptions sqlite;
  sqlite.path = options.uri;
  sqlite.names = options.names;
  sqlite.sources = options.sources;
  sqlite.topics = options.topics;
  sqlite.clock = options.clock;
  sqlite.encoder = nullptr;
  sqlite.listing_cache_mib = 0;
  return store_internal::FinishOpen(sqlite, std::move(writer),
                                    std::move(readers), std::move(primary),
                                    std::move(rum_schema));
}

}  // namespace quotewire

#include "server/store/open_store.h"

#include <string>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_replace.h"

#include "server/core/absl_compat.h"
#include "server/core/status_macros.h"
#include "server/store/postgres_changes.h"
#include "server/store/postgres_db.h"
#include "server/store/postgres_store.h"

namespace quotewire {

bool IsPostgresDb(std::string_view db) {
  return store_internal::IsPostgresUri(db);
}

namespace {

constexpr std::string_view kRedacted = "****";

// Whether `text` at `at` starts the key `password=` (any case) of a
// parameter: at the start, or after '?', '&' or white space.
bool PasswordKeyAt(std::string_view text, size_t at) {
  constexpr std::string_view kKey = "password=";
  if (text.size() - at < kKey.size()) return false;
  if (at > 0 && text[at - 1] != '?' && text[at - 1] != '&' &&
      !absl::ascii_isspace(static_cast<unsigned char>(text[at - 1]))) {
    return false;
  }
  for (size_t i = 0; i < kKey.size(); ++i) {
    if (absl::ascii_tolower(static_cast<unsigned char>(text[at + i])) != kKey[i]) {
      return false;
    }
  }
  return true;
}

// `status` with every occurrence of `db` in its message replaced by
// RedactDbUri(db).
absl::Status Redacted(const absl::Status& status, std::string_view db) {
  if (status.ok() || db.empty()) return status;
  const std::string redacted = RedactDbUri(db);
  if (redacted == db) return status;
  return absl::Status(status.code(),
                      absl::StrReplaceAll(std::string(status.message()),
                                          {{Sv(db), redacted}}));
}

absl::StatusOr<std::unique_ptr<Store>> OpenUnredacted(
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

}  // namespace

std::string RedactDbUri(std::string_view db) {
  std::string out;
  out.reserve(db.size());
  size_t i = 0;
  // The user info of scheme://user:password@host: up to the last '@' before
  // the query (a password may hold '/' or '@' its writer did not escape).
  const size_t scheme = db.find("://");
  if (scheme != std::string_view::npos) {
    const size_t authority = scheme + 3;
    const size_t query = db.find('?', authority);
    const size_t at = db.substr(0, query).rfind('@');
    if (at != std::string_view::npos && at > authority) {
      const size_t colon = db.substr(0, at).find(':', authority);
      if (colon != std::string_view::npos) {
        out.append(db.substr(0, colon + 1));
        out.append(kRedacted);
        i = at;
      }
    }
  }
  while (i < db.size()) {
    if (!PasswordKeyAt(db, i)) {
      out.push_back(db[i++]);
      continue;
    }
    const size_t value = i + std::string_view("password=").size();
    out.append(db.substr(i, value - i));
    out.append(kRedacted);
    i = value;
    if (i < db.size() && db[i] == '\'') {  // key='quoted value'
      ++i;
      while (i < db.size() && db[i] != '\'') i += db[i] == '\\' ? 2 : 1;
      if (i < db.size()) ++i;
    } else {
      while (i < db.size() && db[i] != '&' &&
             !absl::ascii_isspace(static_cast<unsigned char>(db[i]))) {
        ++i;
      }
    }
  }
  return out;
}

absl::StatusOr<std::unique_ptr<Store>> OpenStore(
    const SqliteStoreOptions& options, std::string_view read_db) {
  absl::StatusOr<std::unique_ptr<Store>> store =
      OpenUnredacted(options, read_db);
  if (store.ok()) return store;
  return Redacted(Redacted(store.status(), options.path), read_db);
}

}  // namespace quotewire

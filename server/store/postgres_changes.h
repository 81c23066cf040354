// PgChangeFeed: the StoreChangeFeed of a PostgreSQL database that several
// quotewire servers share.
//
// Writes announce themselves inside their own transaction: triggers on the
// articles and corrections tables call pg_notify() on one channel, so a
// notification is delivered (to every listening server, in commit order)
// exactly when its transaction commits, and never for a transaction rolled
// back or cut short by a crash. Payloads are 'a' or 'd' followed by the
// article id (stored, deleted) and 'c' (a correction). Mark() sends 'm',
// the feed's own random instance id, ':' and the mark's token, from a
// connection of its own in a transaction of its own: notifications reach a
// listener in commit order, so the mark comes back after every write that
// committed before it.
//
//   PgChangeFeed::Options options;
//   options.conninfo = "postgresql://quotewire@db/quotewire";
//   auto feed = PgChangeFeed::Start(options, [](const auto& changes) { ... });
//
// One connection LISTENs on a thread of its own; when it breaks (the
// database restarts) the feed reports a kResync change at once (watches
// waiting for a mark need not wait for the database), reconnects (at once,
// then every `reconnect_delay`) and reports a second kResync once listening
// again, since notifications sent meanwhile are lost: two per lost
// connection, often back to back.
//
// Thread safety: Health() may be called from any thread; the callback runs
// on the feed's thread.
//
// WithPostgresChangeFeed() gives a PostgreSQL store its WatchChanges().
#ifndef QUOTEWIRE_SERVER_STORE_POSTGRES_CHANGES_H_
#define QUOTEWIRE_SERVER_STORE_POSTGRES_CHANGES_H_

#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "server/store/store.h"

typedef struct pg_conn PGconn;

namespace quotewire {

class PgChangeFeed final : public StoreChangeFeed {
 public:
  struct Options {
    // libpq connection string or URI of the database.
    std::string conninfo;
    // The notification channel. Empty: "qw_" and the current schema, so
    // that stores in different schemas of one database (search_path) do
    // not hear each other (channels are per database).
    std::string channel;
    // Tables whose writes are announced, and the article id column.
    std::string articles_table = "articles";
    std::string article_id_column = "id";
    std::string corrections_table = "corrections";
    // Install (or replace) the triggers when starting. Safe when several
    // servers start at once (advisory lock).
    bool install_triggers = true;
    // Between attempts to reconnect.
    absl::Duration reconnect_delay = absl::Milliseconds(250);
    // With reads on a standby (WithPostgresChangeFeed): how long a
    // notification of stored articles is held back for the standby to
    // replay them.
    absl::Duration standby_catch_up_wait = absl::Seconds(2);
  };

  // Connects, installs the triggers and starts listening. Unavailable when
  // the database cannot be reached; the error names the problem.
  static absl::StatusOr<std::unique_ptr<PgChangeFeed>> Start(
      const Options& options, StoreChangeCallback on_change);

  ~PgChangeFeed() override;
  PgChangeFeed(const PgChangeFeed&) = delete;
  PgChangeFeed& operator=(const PgChangeFeed&) = delete;

  absl::Status Health() override;
  absl::Status Mark(std::string_view token) override;

  // The SQL that installs the notifying triggers (idempotent).
  static std::string TriggerSql(const Options& options);

  // Decodes one notification payload; nullopt for one it does not know. A
  // mark's article_id is everything after the 'm' (instance id, ':', token).
  static std::optional<StoreChange> ParsePayload(std::string_view payload);

 private:
  PgChangeFeed(const Options& options, StoreChangeCallback on_change);
  void Run();
  // Opens a connection that LISTENs; null on failure (*error says why).
  PGconn* ConnectListener(std::string* error);

  Options options_;
  const StoreChangeCallback on_change_;
  int stop_fd_ = -1;  // eventfd that wakes the listener to stop
  std::atomic<bool> listening_{false};
  std::thread thread_;

  // The listener connection, owned by the feed's thread while it runs.
  PGconn* listener_ = nullptr;

  // "<instance id>:", the prefix of this feed's marks.
  std::string mark_prefix_;
  // The connection that sends marks (opened on first use, again after it
  // breaks).
  absl::Mutex mark_mu_;
  PGconn* marker_ ABSL_GUARDED_BY(mark_mu_) = nullptr;
};

// `store` (a PostgreSQL store at `options.conninfo`) with WatchChanges()
// starting a PgChangeFeed; every other call goes to `store`. With
// `reads_on_standby` (the store reads on a standby, --db_read), the feed
// holds back a notification of stored articles until the standby has
// replayed it (store->WriteGeneration() answers; at most
// options.standby_catch_up_wait), so that the service finds the articles it
// loads.
std::unique_ptr<Store> WithPostgresChangeFeed(std::unique_ptr<Store> store,
                                              const PgChangeFeed::Options& options,
                                              bool reads_on_standby = false);

}  // namespace quotewire

#endif  // QUOTEWIRE_SERVER_STORE_POSTGRES_CHANGES_H_

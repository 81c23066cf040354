// PostgreSQL side of the store's database layer (sqlite_db.h): a libpq
// connection that reconnects by itself, and the statement that Stmt runs when
// its Connection is a PostgreSQL one. The store's SQL is written once, in the
// subset both databases understand; TranslateSql() rewrites the few SQLite
// spellings it keeps (placeholders, INDEXED BY hints, json_each, CROSS JOIN
// ... ON, COLLATE NOCASE) into PostgreSQL's.
//
// Values travel as parameters of statements prepared once per connection
// (PQprepare, PQexecPrepared; again after a reconnection): integers typed
// int8, doubles float8, text untyped (the server infers the column's type),
// as bound the first time. Results are read whole; booleans read as integers
// (t = 1).
//
// Errors: a lost connection, a server shutting down or refusing connections,
// a serialization failure or deadlock are Unavailable (retry); a cancelled
// statement is Cancelled, a full disk ResourceExhausted, anything else
// Internal. Messages carry no SQL; the detail goes to stderr.
//
// Thread safety: as Connection, one thread at a time.
#ifndef QUOTEWIRE_SERVER_STORE_POSTGRES_DB_H_
#define QUOTEWIRE_SERVER_STORE_POSTGRES_DB_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

typedef struct pg_conn PGconn;
typedef struct pg_result PGresult;

namespace quotewire {
namespace store_internal {

// `sql` with every SQLite placeholder (`?`, `?N`) as `$N` and the SQLite
// spellings above rewritten. `*used` (when given) gets one entry per
// parameter number, whether the SQL names it (SQLite lets a statement leave
// a bound parameter unused; PostgreSQL needs its type: text).
std::string TranslateSql(std::string_view sql, std::vector<bool>* used);

// PostgreSQL type oid of text.
inline constexpr unsigned kPgText = 25;

// Whether `db` names a PostgreSQL database (a postgresql:// or postgres://
// URI) rather than a SQLite file.
bool IsPostgresUri(std::string_view db);

struct PgResultDeleter {
  void operator()(PGresult* result) const;
};
using PgResultPtr = std::unique_ptr<PGresult, PgResultDeleter>;

class PgConn {
 public:
  // Connects to `uri`; Unavailable naming the problem when the server cannot
  // be reached, InvalidArgument for a malformed URI.
  static absl::StatusOr<std::unique_ptr<PgConn>> Open(const std::string& uri);
  ~PgConn();
  PgConn(const PgConn&) = delete;
  PgConn& operator=(const PgConn&) = delete;

  // Runs `sql` (already translated) with `values` (nullopt: NULL) of `types`
  // (0: inferred). `what` names the statement in stderr logs. Reconnects first
  // when the connection was lost outside a transaction.
  absl::StatusOr<PgResultPtr> Run(const std::string& sql,
                                  const std::vector<std::optional<std::string>>& values,
                                  const std::vector<unsigned>& types);
  // Parameterless SQL, several statements allowed.
  absl::Status Exec(std::string_view sql);
  // Queues `sql` as Run() would run it, without waiting for its outcome
  // (see above); errors are reported by Flush() or the next Run() or
  // Exec(). changes() does not count queued statements. `sql` must outlive
  // the next Flush().
  absl::Status Send(const std::string& sql,
                    const std::vector<std::optional<std::string>>& values,
                    const std::vector<unsigned>& types);
  // Waits for every queued statement; the first one's error, if any (the
  // rest of the queue is then skipped by the server, and the transaction
  // has failed).
  absl::Status Flush();

  // Whether a transaction is open (or failed and not yet rolled back).
  bool InTransaction() const;
  // From now on Run() honours ScopedCancellation (store.h): Cancelled
  // before a statement starts when the caller has cancelled, and a
  // statement running when the caller cancels is cancelled on the server
  // (PQcancel; asked every kCancelPollMs while waiting). For read
  // connections: a write's statements must not stop half way.
  void StopOnCancellation() { cancellable_ = true; }
  // Rows the last INSERT, UPDATE or DELETE changed.
  int64_t changes() const { return changes_; }

 private:
  explicit PgConn(std::string uri, PGconn* conn)
      : uri_(std::move(uri)), conn_(conn) {}
  // Outside a transaction, a connection found broken is opened again.
  absl::Status EnsureConnected();
  absl::Status ResultStatus(const PGresult* result, std::string_view what);

  // Waits for the reply to the statement just sent, cancelling it on the
  // server when the caller cancels (StopOnCancellation).
  void AwaitReply();

  std::string uri_;
  PGconn* conn_;
  int64_t changes_ = 0;
  bool cancellable_ = false;
  // Names of the statements prepared on this connection, by SQL; forgotten
  // when it reconnects.
  std::unordered_map<std::string, std::string> prepared_;
  // Queued (Send) and not yet flushed, in order: its SQL (owned by the
  // caller's cache, for the log) and the name prepared by that step
  // (forgotten again when its PREPARE fails), empty for an execute.
  struct Queued {
    const std::string* sql;
    std::string prepared;
  };
  std::vector<Queued> queued_;
};

// One statement run on a PgConn: bound, executed at the first Step(), its
// rows read in order.
class PgStatement {
 public:
  // `used`: TranslateSql()'s, owned by the connection's cache.
  PgStatement(PgConn* conn, const std::string* sql,
              const std::vector<bool>* used)
      : conn_(conn),
        sql_(sql),
        used_(used),
        values_(used->size()),
        types_(used->size(), 0) {}

  void Bind(int index, std::optional<std::string> value, unsigned type);
  absl::StatusOr<bool> Step();
  // Queued on the connection (PgConn::Send) instead of run.
  absl::Status Defer();
  void Reset();

  int64_t Int(int col) const;
  double Double(int col) const;
  std::string_view TextView(int col) const;
  bool IsNull(int col) const;

 private:
  PgConn* conn_;
  const std::string* sql_;  // translated; owned by the connection's cache
  const std::vector<bool>* used_;
  std::vector<std::optional<std::string>> values_;
  std::vector<unsigned> types_;
  bool bind_error_ = false;
  PgResultPtr result_;
  int row_ = -1;
  int rows_ = 0;
};

}  // namespace store_internal
}  // namespace quotewire

#endif  // QUOTEWIRE_SERVER_STORE_POSTGRES_DB_H_

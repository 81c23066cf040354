// Thin RAII layer over the SQLite C API used by the SQLite store: a
// Connection with a cache of prepared statements, a Stmt that binds
// parameters and steps, and WithTransaction() running a function inside
// BEGIN ... COMMIT (ROLLBACK on any error).
//
// A Connection may instead hold a PostgreSQL connection (OpenPostgres(),
// postgres_db.h): the store's SQL then runs there, translated by
// TranslateSql(). Transactions map as follows:
//  - "BEGIN" (reads) opens a REPEATABLE READ, READ ONLY transaction.
//  - "BEGIN IMMEDIATE" (writes) opens a READ COMMITTED one holding the
//    writer lock (advisory lock kPgWriterLock, 0) exclusively: it waits for
//    every other writer of every server and keeps them waiting, as SQLite's
//    write lock does (corrections, deletions, migrations of data).
//  - "BEGIN CONCURRENT" (ingests, PostgreSQL only) opens one without it: the
//    ingest takes that lock shared and the keyed locks (kPgWriterLock, key)
//    of the articles, speakers and sources it resolves
//    (SqliteStore::LockIngest), so ingests through several servers run side
//    by side unless they name the same person, article or source.
//  - "COMMIT" of a write transaction first bumps the row of
//    write_generation, in the same message ("UPDATE ...; COMMIT": no round
//    trip between them), so its row lock is held only while the commit
//    runs, not for the transaction; its value is the store's
//    WriteGeneration() and changes atomically with the data committed.
//
// Every SQL text given to Prepare() is a constant of the store; values always
// travel as bound parameters.
//
// Thread safety: a Connection is used by one thread at a time (the store hands
// connections out under a mutex); it is opened with SQLITE_OPEN_NOMUTEX.
#ifndef QUOTEWIRE_SERVER_STORE_SQLITE_DB_H_
#define QUOTEWIRE_SERVER_STORE_SQLITE_DB_H_

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "server/store/postgres_db.h"
#include "server/store/store.h"

namespace quotewire {
namespace store_internal {

// The class of the writers' advisory locks on PostgreSQL (see above).
inline constexpr int64_t kPgWriterLock = 0x51570001;

// PostgreSQL type oids of bound integers and doubles.
inline constexpr unsigned kPgInt8 = 20;
inline constexpr unsigned kPgFloat8 = 701;

// Maps an SQLite result code to an absl::Status: BUSY/LOCKED are
// Unavailable (retryable), FULL is ResourceExhausted, INTERRUPT Cancelled,
// CORRUPT/NOTADB DataLoss, the rest Internal. The message is short and
// carries no SQL, table or column name (clients see it): the detail (`what`,
// usually the statement, and SQLite's message) goes to stderr, except for
// BUSY, LOCKED and INTERRUPT, which are routine.
absl::Status SqliteError(sqlite3* db, int rc, std::string_view what);

// Whether `text` is well-formed UTF-8 (as ValidateUtf8 in core/utf8.h), with
// a fast path for ASCII.
bool IsValidUtf8(std::string_view text);

// A prepared statement, borrowed from its Connection's cache (or owned when
// the cached one is in use). Reset and unbound on destruction.
class Stmt {
 public:
  Stmt(Stmt&& other) noexcept;
  Stmt& operator=(Stmt&&) = delete;
  Stmt(const Stmt&) = delete;
  ~Stmt();

  // Binds parameter `index` (1-based). A bind error is reported by Step().
  Stmt& Bind(int index, int64_t value);
  Stmt& Bind(int index, int value) { return Bind(index, int64_t{value}); }
  Stmt& Bind(int index, double value);
  Stmt& Bind(int index, std::string_view value);
  Stmt& Bind(int index, const std::string& value) {
    return Bind(index, std::string_view(value));
  }
  Stmt& Bind(int index, const char* value) {
    return Bind(index, std::string_view(value));
  }
  Stmt& Bind(int index, std::nullptr_t);
  // Binds bytes as a BLOB (text binds are UTF-8 TEXT).
  Stmt& BindBlob(int index, std::string_view bytes);
  Stmt& Bind(int index, const std::optional<int64_t>& value) {
    return value ? Bind(index, *value) : Bind(index, nullptr);
  }
  // Binds every argument in order, starting at parameter 1.
  template <typename... Args>
  Stmt& BindAll(const Args&... args) {
    int index = 0;
    (Bind(++index, args), ...);
    return *this;
  }

  // True when a row is ready, false when done.
  absl::StatusOr<bool> Step();
  // Steps to completion, ignoring rows.
  absl::Status Run();
  // Run() for a write whose rows and Changes() nobody reads. On PostgreSQL
  // it is queued (PgConn::Send) and its error, if any, is reported by the
  // connection's next statement or Connection::Flush(); later statements
  // still see its effect. On SQLite the same as Run().
  absl::Status RunDeferred();
  // Rewinds the statement and clears its bindings, to run it again.
  void Reset();

  int64_t Int(int col) const;
  double Double(int col) const;
  // The text of a column, valid until the next Step(), Reset() or
  // destruction. Text that is not valid UTF-8 (a damaged file: the store
  // writes none) reads as empty and marks the connection
  // (Connection::TakeBadText).
  std::string Text(int col) const;
  std::string_view TextView(int col) const;
  // The bytes of a BLOB (or TEXT) column, valid as TextView().
  std::string_view BlobView(int col) const;
  bool IsNull(int col) const;

 private:
  friend class Connection;
  Stmt(sqlite3* db, sqlite3_stmt* stmt, bool* in_use, std::string_view sql,
       bool* bad_text);
  Stmt(PgConn* conn, const std::string* sql, const std::vector<bool>* used,
       bool* bad_text);

  sqlite3* db_;
  bool* bad_text_;  // the connection's flag (Connection::TakeBadText)
  sqlite3_stmt* stmt_;
  bool* in_use_;  // cache slot flag, or nullptr when this Stmt owns stmt_
  std::string_view sql_;
  int bind_error_ = SQLITE_OK;
  // Set instead of stmt_ on a PostgreSQL connection.
  std::unique_ptr<PgStatement> pg_;
};

class Connection {
 public:
  // `flags` as for sqlite3_open_v2 (SQLITE_OPEN_NOMUTEX is added).
  static absl::StatusOr<std::unique_ptr<Connection>> Open(
      const std::string& path, int flags, int busy_timeout_ms);
  // A connection to the PostgreSQL database at `uri` (PgConn::Open).
  static absl::StatusOr<std::unique_ptr<Connection>> OpenPostgres(
      const std::string& uri);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // A prepared statement for `sql`, from the cache when possible. `sql` must
  // outlive the connection when cached (use string literals or keep the text
  // alive); dynamic SQL is copied into the cache key.
  absl::StatusOr<Stmt> Prepare(std::string_view sql);
  // Waits for the writes queued by Stmt::RunDeferred(); the first one's
  // error. OK at once on SQLite.
  absl::Status Flush();
  // Executes parameterless SQL (pragmas, DDL; several statements allowed).
  absl::Status Exec(std::string_view sql);
  // Runs one parameterless statement, prepared once and cached (BEGIN,
  // COMMIT: sqlite3_exec would parse it again on every call).
  absl::Status Run(std::string_view sql);
  // First column of the first row of parameterless SQL, as text.
  absl::StatusOr<std::string> QueryText(std::string_view sql);

  // PostgreSQL: reads stop when their caller cancels (PgConn::
  // StopOnCancellation); SQLite readers use a progress handler instead.
  void StopOnCancellation() {
    if (pg_) pg_->StopOnCancellation();
  }
  // Null on a PostgreSQL connection.
  sqlite3* db() const { return db_; }
  bool postgres() const { return pg_ != nullptr; }
  // Rows the last INSERT, UPDATE or DELETE changed.
  int64_t Changes() const;

  // Whether a transaction is open (sqlite3_get_autocommit).
  bool InTransaction() const;
  // Rolls back the open transaction, if any; never interrupted. A connection
  // still InTransaction() afterwards must not be used again.
  void LeaveTransaction();
  // Whether a statement of this connection read text that is not valid UTF-8
  // since the last call.
  bool TakeBadText() { return std::exchange(bad_text_, false); }

 private:
  explicit Connection(sqlite3* db) : db_(db) {}
  explicit Connection(std::unique_ptr<PgConn> pg)
      : db_(nullptr), pg_(std::move(pg)) {}

  struct CachedStmt {
    sqlite3_stmt* stmt = nullptr;
    bool in_use = false;
  };
  sqlite3* db_;
  std::unordered_map<std::string, std::unique_ptr<CachedStmt>> cache_;
  bool bad_text_ = false;
  std::unique_ptr<PgConn> pg_;
  // PostgreSQL: the open transaction writes (COMMIT bumps the generation).
  bool pg_writing_ = false;
  // PostgreSQL: translated SQL and its parameter count, by the store's SQL.
  struct Translated {
    std::string sql;
    std::vector<bool> used;
  };
  std::unordered_map<std::string, Translated> translated_;
};

// Runs `fn` (returning absl::Status or absl::StatusOr<T>) between `begin`
// ("BEGIN", "BEGIN IMMEDIATE") and COMMIT; rolls back when `fn` or COMMIT
// fails. Whatever happens, the connection is left outside any transaction
// (Connection::LeaveTransaction), unless even ROLLBACK fails (then
// InTransaction() tells). A transaction that read text that is not valid
// UTF-8 fails with DataLoss (and rolls back).
//
// BEGIN, COMMIT and ROLLBACK are never interrupted (ScopedCancellation): SQLite
// asks the progress handler at the end of a statement too, and an "interrupted"
// BEGIN has already opened its transaction.
template <typename Fn>
auto WithTransaction(Connection& conn, std::string_view begin, Fn&& fn)
    -> decltype(fn()) {
  {
    ScopedCancellation shield(nullptr);
    conn.LeaveTransaction();  // what an earlier failed ROLLBACK left open
    (void)conn.TakeBadText();  // each transaction answers for its own reads
    absl::Status status = conn.Run(begin);
    if (!status.ok()) {
      conn.LeaveTransaction();
      return status;
    }
  }
  auto result = fn();
  ScopedCancellation shield(nullptr);
  if (conn.TakeBadText()) {
    result = absl::DataLossError(
        "store: a stored string is not valid UTF-8; the database file is "
        "damaged");
  }
  if (!result.ok()) {
    conn.LeaveTransaction();
    return result;
  }
  absl::Status status = conn.Run("COMMIT");
  if (!status.ok()) {
    conn.LeaveTransaction();
    return status;
  }
  return result;
}

}  // namespace store_internal
}  // namespace quotewire

#endif  // QUOTEWIRE_SERVER_STORE_SQLITE_DB_H_

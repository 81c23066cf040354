#include "server/store/sqlite_db.h"

#include <cstdio>
#include <cstring>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "server/core/absl_compat.h"
#include "server/core/utf8.h"
#include "server/store/open_store.h"

namespace quotewire {
namespace store_internal {

absl::Status SqliteError(sqlite3* db, int rc, std::string_view what) {
  const int primary = rc & 0xff;
  if (primary != SQLITE_BUSY && primary != SQLITE_LOCKED &&
      primary != SQLITE_INTERRUPT) {
    std::fprintf(stderr, "quotewire store: sqlite error %d (%s): %.*s%s%s\n",
                 rc, sqlite3_errstr(rc), static_cast<int>(what.size()),
                 what.data(), db != nullptr ? ": " : "",
                 db != nullptr ? sqlite3_errmsg(db) : "");
  }
  switch (primary) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return absl::UnavailableError(
          "store: the database is locked by another writer; retry");
    case SQLITE_FULL:
      return absl::ResourceExhaustedError("store: the disk is full");
    case SQLITE_INTERRUPT:
      return absl::CancelledError("store: stopped, the caller cancelled");
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return absl::DataLossError(
          absl::StrCat("store: the database file is damaged (",
                       sqlite3_errstr(rc), ")"));
    default:
      return absl::InternalError(
          absl::StrCat("store: database error (", sqlite3_errstr(rc), ")"));
  }
}

bool IsValidUtf8(std::string_view text) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* end = p + text.size();
  while (p < end) {
    // ASCII eight bytes at a time.
    while (end - p >= 8) {
      uint64_t word;
      std::memcpy(&word, p, 8);
      if ((word & 0x8080808080808080ull) != 0) break;
      p += 8;
    }
    if (p == end) break;
    const unsigned char c = *p;
    if (c < 0x80) {
      ++p;
      continue;
    }
    int n;
    unsigned char lo = 0x80, hi = 0xBF;  // range of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
      n = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      n = 3;
      if (c == 0xE0) lo = 0xA0;  // no overlongs
      if (c == 0xED) hi = 0x9F;  // no surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      n = 4;
      if (c == 0xF0) lo = 0x90;  // no overlongs
      if (c == 0xF4) hi = 0x8F;  // nothing above U+10FFFF
    } else {
      return false;
    }
    if (end - p < n || p[1] < lo || p[1] > hi) return false;
    for (int i = 2; i < n; ++i) {
      if ((p[i] & 0xC0) != 0x80) return false;
    }
    p += n;
  }
  return true;
}

Stmt::Stmt(sqlite3* db, sqlite3_stmt* stmt, bool* in_use, std::string_view sql,
           bool* bad_text)
    : db_(db), bad_text_(bad_text), stmt_(stmt), in_use_(in_use), sql_(sql) {}

Stmt::Stmt(PgConn* conn, const std::string* sql, const std::vector<bool>* used,
           bool* bad_text)
    : db_(nullptr),
      bad_text_(bad_text),
      stmt_(nullptr),
      in_use_(nullptr),
      sql_(*sql),
      pg_(std::make_unique<PgStatement>(conn, sql, used)) {}

Stmt::Stmt(Stmt&& other) noexcept
    : db_(other.db_),
      bad_text_(other.bad_text_),
      stmt_(other.stmt_),
      in_use_(other.in_use_),
      sql_(other.sql_),
      bind_error_(other.bind_error_),
      pg_(std::move(other.pg_)) {
  other.stmt_ = nullptr;
  other.in_use_ = nullptr;
}

Stmt::~Stmt() {
  if (stmt_ == nullptr) return;
  if (in_use_ != nullptr) {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    *in_use_ = false;
  } else {
    sqlite3_finalize(stmt_);
  }
}

Stmt& Stmt::Bind(int index, int64_t value) {
  if (pg_) {
    pg_->Bind(index, std::to_string(value), kPgInt8);
    return *this;
  }
  int rc = sqlite3_bind_int64(stmt_, index, value);
  if (rc != SQLITE_OK && bind_error_ == SQLITE_OK) bind_error_ = rc;
  return *this;
}

Stmt& Stmt::Bind(int index, double value) {
  if (pg_) {
    char text[32];
    std::snprintf(text, sizeof(text), "%.17g", value);
    pg_->Bind(index, std::string(text), kPgFloat8);
    return *this;
  }
  int rc = sqlite3_bind_double(stmt_, index, value);
  if (rc != SQLITE_OK && bind_error_ == SQLITE_OK) bind_error_ = rc;
  return *this;
}

Stmt& Stmt::Bind(int index, std::string_view value) {
  if (pg_) {
    // PostgreSQL refuses text that is not UTF-8 (or holds NUL) where SQLite
    // stores the bytes: such a value (a hostile lookup; the service checks
    // what it stores) travels with U+FFFD for each bad byte, and so finds
    // what the SQLite store would find: nothing.
    if (IsValidUtf8(value) && value.find('\0') == std::string_view::npos) {
      pg_->Bind(index, std::string(value), 0);
    } else {
      std::string clean;
      for (size_t pos = 0; pos < value.size();) {
        const char32_t cp = DecodeUtf8(value, &pos);
        AppendUtf8(cp == 0 ? U'\uFFFD' : cp, &clean);
      }
      pg_->Bind(index, std::move(clean), 0);
    }
    return *this;
  }
  int rc = sqlite3_bind_text64(stmt_, index, value.data(), value.size(),
                               SQLITE_TRANSIENT, SQLITE_UTF8);
  if (rc != SQLITE_OK && bind_error_ == SQLITE_OK) bind_error_ = rc;
  return *this;
}

Stmt& Stmt::BindBlob(int index, std::string_view bytes) {
  if (pg_) return Bind(index, bytes);
  int rc = sqlite3_bind_blob64(stmt_, index, bytes.data(), bytes.size(),
                               SQLITE_TRANSIENT);
  if (rc != SQLITE_OK && bind_error_ == SQLITE_OK) bind_error_ = rc;
  return *this;
}

Stmt& Stmt::Bind(int index, std::nullptr_t) {
  if (pg_) {
    pg_->Bind(index, std::nullopt, 0);
    return *this;
  }
  int rc = sqlite3_bind_null(stmt_, index);
  if (rc != SQLITE_OK && bind_error_ == SQLITE_OK) bind_error_ = rc;
  return *this;
}

absl::StatusOr<bool> Stmt::Step() {
  if (pg_) return pg_->Step();
  if (bind_error_ != SQLITE_OK) {
    return SqliteError(db_, bind_error_, absl::StrCat("bind: ", Sv(sql_)));
  }
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return SqliteError(db_, rc, sql_.substr(0, 200));
}

absl::Status Stmt::Run() {
  while (true) {
    absl::StatusOr<bool> row = Step();
    if (!row.ok()) return row.status();
    if (!*row) return absl::OkStatus();
  }
}

absl::Status Stmt::RunDeferred() {
  if (pg_) return pg_->Defer();
  return Run();
}

void Stmt::Reset() {
  if (pg_) {
    pg_->Reset();
    return;
  }
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  bind_error_ = SQLITE_OK;
}

int64_t Stmt::Int(int col) const {
  if (pg_) return pg_->Int(col);
  return sqlite3_column_int64(stmt_, col);
}
double Stmt::Double(int col) const {
  if (pg_) return pg_->Double(col);
  return sqlite3_column_double(stmt_, col);
}
bool Stmt::IsNull(int col) const {
  if (pg_) return pg_->IsNull(col);
  return sqlite3_column_type(stmt_, col) == SQLITE_NULL;
}
std::string Stmt::Text(int col) const { return std::string(TextView(col)); }
std::string_view Stmt::TextView(int col) const {
  // PostgreSQL checks the encoding of what it stores.
  if (pg_) return pg_->TextView(col);
  const unsigned char* text = sqlite3_column_text(stmt_, col);
  if (text == nullptr) return std::string_view();
  const std::string_view view(reinterpret_cast<const char*>(text),
                              sqlite3_column_bytes(stmt_, col));
  if (!IsValidUtf8(view)) {
    *bad_text_ = true;
    return std::string_view();
  }
  return view;
}

std::string_view Stmt::BlobView(int col) const {
  if (pg_) return pg_->TextView(col);
  const void* bytes = sqlite3_column_blob(stmt_, col);
  if (bytes == nullptr) return std::string_view();
  return std::string_view(static_cast<const char*>(bytes),
                          sqlite3_column_bytes(stmt_, col));
}

absl::StatusOr<std::unique_ptr<Connection>> Connection::Open(
    const std::string& path, int flags, int busy_timeout_ms) {
  sqlite3* db = nullptr;
  int rc =
      sqlite3_open_v2(path.c_str(), &db, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    // A mistyped PostgreSQL URI lands here as a file name: never log or
    // return its password.
    const std::string shown = RedactDbUri(path);
    absl::Status status = SqliteError(db, rc, absl::StrCat("open ", shown));
    sqlite3_close_v2(db);
    return absl::Status(status.code(),
                        absl::StrCat(shown, ": ", status.message()));
  }
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, busy_timeout_ms);
  return std::unique_ptr<Connection>(new Connection(db));
}

absl::StatusOr<std::unique_ptr<Connection>> Connection::OpenPostgres(
    const std::string& uri) {
  absl::StatusOr<std::unique_ptr<PgConn>> pg = PgConn::Open(uri);
  if (!pg.ok()) return pg.status();
  return std::unique_ptr<Connection>(new Connection(*std::move(pg)));
}

Connection::~Connection() {
  for (auto& [sql, cached] : cache_) sqlite3_finalize(cached->stmt);
  if (db_ != nullptr) sqlite3_close_v2(db_);
}

int64_t Connection::Changes() const {
  if (pg_) return pg_->changes();
  return sqlite3_changes(db_);
}

bool Connection::InTransaction() const {
  if (pg_) return pg_->InTransaction();
  return sqlite3_get_autocommit(db_) == 0;
}

absl::StatusOr<Stmt> Connection::Prepare(std::string_view sql) {
  if (pg_) {
    auto it = translated_.find(std::string(sql));
    if (it == translated_.end()) {
      Translated t;
      t.sql = TranslateSql(sql, &t.used);
      it = translated_.emplace(std::string(sql), std::move(t)).first;
    }
    return Stmt(pg_.get(), &it->second.sql, &it->second.used, &bad_text_);
  }
  auto it = cache_.find(std::string(sql));
  if (it != cache_.end() && !it->second->in_use) {
    it->second->in_use = true;
    return Stmt(db_, it->second->stmt, &it->second->in_use, it->first,
                &bad_text_);
  }
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                              SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) {
    return SqliteError(db_, rc, absl::StrCat("prepare: ", Sv(sql)));
  }
  if (it != cache_.end()) {
    // The cached statement is busy (nested use): hand out an owned one.
    return Stmt(db_, stmt, nullptr, it->first, &bad_text_);
  }
  auto cached = std::make_unique<CachedStmt>();
  cached->stmt = stmt;
  cached->in_use = true;
  auto [inserted, ok] = cache_.emplace(std::string(sql), std::move(cached));
  return Stmt(db_, stmt, &inserted->second->in_use, inserted->first,
              &bad_text_);
}

absl::Status Connection::Flush() {
  return pg_ ? pg_->Flush() : absl::OkStatus();
}

absl::Status Connection::Exec(std::string_view sql) {
  if (pg_) return pg_->Exec(sql);
  std::string text(sql);
  char* error = nullptr;
  int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &error);
  if (rc != SQLITE_OK) {
    std::string what = absl::StrCat(text.substr(0, 120), error ? ": " : "",
                                    error ? error : "");
    sqlite3_free(error);
    return SqliteError(nullptr, rc, what);
  }
  return absl::OkStatus();
}

absl::Status Connection::Run(std::string_view sql) {
  if (pg_) {
    static const std::string* const kBeginExclusive = new std::string(
        absl::StrCat("BEGIN; SELECT pg_advisory_xact_lock(", kPgWriterLock,
                     ", 0)"));
    std::string_view begin = sql;
    if (sql == "BEGIN") {
      begin = "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY";
    } else if (sql == "BEGIN IMMEDIATE") {
      begin = *kBeginExclusive;
    } else if (sql == "BEGIN CONCURRENT") {
      begin = "BEGIN";
    } else if (sql == "COMMIT" && pg_writing_) {
      pg_writing_ = false;
      return pg_->Exec("UPDATE write_generation SET value = value + 1; COMMIT");
    } else if (!absl::StartsWith(Sv(sql), "BEGIN")) {
      if (sql == "ROLLBACK") pg_writing_ = false;
      return pg_->Exec(sql);
    }
    pg_writing_ = begin != "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY";
    // A connection the server closed while it was idle (a restart) is
    // noticed only now: open it again and begin once more.
    absl::Status status = pg_->Exec(begin);
    if (absl::IsUnavailable(status) && !pg_->InTransaction()) {
      status = pg_->Exec(begin);
    }
    return status;
  }
  absl::StatusOr<Stmt> stmt = Prepare(sql);
  if (!stmt.ok()) return stmt.status();
  return stmt->Run();
}

void Connection::LeaveTransaction() {
  (void)Flush();  // queued writes are undone below; their errors do not matter
  if (!InTransaction()) return;
  ScopedCancellation shield(nullptr);
  (void)Run("ROLLBACK");
}

absl::StatusOr<std::string> Connection::QueryText(std::string_view sql) {
  absl::StatusOr<Stmt> stmt = Prepare(sql);
  if (!stmt.ok()) return stmt.status();
  absl::StatusOr<bool> row = stmt->Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::string();
  return stmt->Text(0);
}

}  // namespace store_internal
}  // namespace quotewire

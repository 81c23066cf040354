#include "server/store/postgres_db.h"

#include <libpq-fe.h>
#include <poll.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "server/core/absl_compat.h"
#include "server/core/status_macros.h"
#include "server/store/store.h"

namespace quotewire {
namespace store_internal {
namespace {

bool IsIdentChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

// Drops every "INDEXED BY name" (SQLite's index hint).
std::string DropIndexHints(std::string sql) {
  static constexpr std::string_view kHint = " INDEXED BY ";
  size_t at;
  while ((at = sql.find(kHint)) != std::string::npos) {
    size_t end = at + kHint.size();
    while (end < sql.size() && IsIdentChar(sql[end])) ++end;
    sql.erase(at, end - at);
  }
  return sql;
}

// The first line of libpq's message (they end with a newline).
std::string FirstLine(const char* message) {
  std::string text = message != nullptr ? message : "";
  const size_t nl = text.find('\n');
  if (nl != std::string::npos) text.resize(nl);
  return text;
}

}  // namespace

std::string TranslateSql(std::string_view sql, std::vector<bool>* used) {
  std::vector<bool> seen;
  std::string out;
  out.reserve(sql.size() + 16);
  int last = 0;  // highest parameter number so far
  for (size_t i = 0; i < sql.size(); ++i) {
    const char c = sql[i];
    if (c == '\'' || c == '"') {
      // A literal or quoted identifier, copied as is ('' and "" stay inside).
      const size_t end = sql.find(c, i + 1);
      const size_t stop = end == std::string_view::npos ? sql.size() : end + 1;
      out.append(sql.substr(i, stop - i));
      i = stop - 1;
      continue;
    }
    if (c != '?') {
      out.push_back(c);
      continue;
    }
    size_t j = i + 1;
    int number = 0;
    while (j < sql.size() && std::isdigit(static_cast<unsigned char>(sql[j]))) {
      number = number * 10 + (sql[j] - '0');
      ++j;
    }
    if (j == i + 1) number = last + 1;
    if (number > last) last = number;
    if (static_cast<int>(seen.size()) < number) seen.resize(number, false);
    seen[number - 1] = true;
    absl::StrAppend(&out, "$", number);
    i = j - 1;
  }
  if (used != nullptr) *used = std::move(seen);
  out = DropIndexHints(std::move(out));
  if (out.find("json_each(") != std::string::npos) {
    for (int n = 1; n <= last; ++n) {
      absl::StrReplaceAll(
          {{absl::StrCat("json_each($", n, ")"),
            absl::StrCat("json_array_elements_text(CAST($", n,
                         " AS json)) AS j(value)")}},
          &out);
    }
  }
  // SQLite allows ON after CROSS JOIN (which only fixes the join order).
  absl::StrReplaceAll({{"CROSS JOIN", "JOIN"}}, &out);
  return out;
}

bool IsPostgresUri(std::string_view db) {
  return absl::StartsWith(Sv(db), "postgresql://") ||
         absl::StartsWith(Sv(db), "postgres://");
}

void PgResultDeleter::operator()(PGresult* result) const { PQclear(result); }

absl::StatusOr<std::unique_ptr<PgConn>> PgConn::Open(const std::string& uri) {
  char* error = nullptr;
  PQconninfoOption* parsed = PQconninfoParse(uri.c_str(), &error);
  if (parsed == nullptr) {
    std::string message = FirstLine(error);
    PQfreemem(error);
    return absl::InvalidArgumentError(
        absl::StrCat("db: not a usable PostgreSQL URI: ", message));
  }
  PQconninfoFree(parsed);
  PGconn* conn = PQconnectdb(uri.c_str());
  if (conn == nullptr) {
    return absl::ResourceExhaustedError("db: out of memory for a connection");
  }
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string message = FirstLine(PQerrorMessage(conn));
    PQfinish(conn);
    return absl::UnavailableError(
        absl::StrCat("db: cannot connect to PostgreSQL: ", message));
  }
  // Quiet NOTICEs (CREATE ... IF NOT EXISTS) instead of libpq's stderr lines.
  PQsetNoticeProcessor(
      conn, [](void*, const char*) {}, nullptr);
  return std::unique_ptr<PgConn>(new PgConn(uri, conn));
}

PgConn::~PgConn() { PQfinish(conn_); }

bool PgConn::InTransaction() const {
  switch (PQtransactionStatus(conn_)) {
    case PQTRANS_INTRANS:
    case PQTRANS_INERROR:
    case PQTRANS_ACTIVE:
      return true;
    default:
      return false;
  }
}

absl::Status PgConn::EnsureConnected() {
  if (PQstatus(conn_) == CONNECTION_OK) return absl::OkStatus();
  if (InTransaction()) {
    return absl::UnavailableError("store: lost the PostgreSQL connection");
  }
  PQreset(conn_);
  prepared_.clear();
  if (PQstatus(conn_) != CONNECTION_OK) {
    return absl::UnavailableError(
        absl::StrCat("store: cannot reach PostgreSQL: ",
                     FirstLine(PQerrorMessage(conn_))));
  }
  return absl::OkStatus();
}

absl::Status PgConn::ResultStatus(const PGresult* result,
                                  std::string_view what) {
  const ExecStatusType status =
      result != nullptr ? PQresultStatus(result) : PGRES_FATAL_ERROR;
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) {
    const char* tuples = PQcmdTuples(const_cast<PGresult*>(result));
    changes_ = tuples != nullptr ? std::strtoll(tuples, nullptr, 10) : 0;
    return absl::OkStatus();
  }
  const char* state_text =
      result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE)
                        : nullptr;
  const std::string state = state_text != nullptr ? state_text : "";
  const std::string message = FirstLine(
      result != nullptr ? PQresultErrorMessage(result) : PQerrorMessage(conn_));
  if (PQstatus(conn_) != CONNECTION_OK || state.empty() ||
      absl::StartsWith(state, "08") || absl::StartsWith(state, "57P0") ||
      state == "53300") {
    return absl::UnavailableError(
        absl::StrCat("store: PostgreSQL is unavailable: ", message));
  }
  if (state == "40001" || state == "40P01" || state == "55P03") {
    return absl::UnavailableError(
        "store: the database is busy with another writer; retry");
  }
  if (state == "57014") {
    return absl::CancelledError("store: stopped, the caller cancelled");
  }
  std::fprintf(stderr, "quotewire store: postgres error %s: %.*s: %s\n",
               state.c_str(), static_cast<int>(std::min<size_t>(what.size(), 300)),
               what.data(), message.c_str());
  if (state == "53100") {
    return absl::ResourceExhaustedError("store: the disk is full");
  }
  return absl::InternalError(
      absl::StrCat("store: database error (SQLSTATE ", state, ")"));
}

namespace {

// libpq's view of bound values.
struct PgParams {
  explicit PgParams(const std::vector<std::optional<std::string>>& values,
                    const std::vector<unsigned>& types)
      : pointers(values.size()),
        lengths(values.size()),
        oids(types.begin(), types.end()) {
    for (size_t i = 0; i < values.size(); ++i) {
      if (values[i]) {
        pointers[i] = values[i]->c_str();
        lengths[i] = static_cast<int>(values[i]->size());
      }
    }
  }
  std::vector<const char*> pointers;
  std::vector<int> lengths;
  std::vector<Oid> oids;
};

// Queued statements past which Send() flushes: the server's replies to
// them must fit its socket buffer while libpq is still sending (blocking
// mode), which a few hundred command tags do easily.
constexpr size_t kMaxQueued = 256;

}  // namespace

absl::Status PgConn::Send(
    const std::string& sql,
    const std::vector<std::optional<std::string>>& values,
    const std::vector<unsigned>& types) {
  if (queued_.empty()) {
    QW_RETURN_IF_ERROR(EnsureConnected());
    if (PQenterPipelineMode(conn_) != 1) {
      return absl::UnavailableError(
          absl::StrCat("store: PostgreSQL is unavailable: ",
                       FirstLine(PQerrorMessage(conn_))));
    }
  }
  const PgParams params(values, types);
  auto it = prepared_.find(sql);
  if (it == prepared_.end()) {
    std::string name = absl::StrCat("qw", prepared_.size());
    if (PQsendPrepare(conn_, name.c_str(), sql.c_str(),
                      static_cast<int>(params.oids.size()),
                      params.oids.data()) != 1) {
      queued_.push_back({&sql, std::string()});  // reported by Flush()
      return Flush();
    }
    queued_.push_back({&sql, name});
    it = prepared_.emplace(sql, std::move(name)).first;
  }
  if (PQsendQueryPrepared(conn_, it->second.c_str(),
                          static_cast<int>(values.size()),
                          params.pointers.data(), params.lengths.data(),
                          nullptr, 0) != 1) {
    queued_.push_back({&sql, std::string()});
    return Flush();
  }
  queued_.push_back({&sql, std::string()});
  if (queued_.size() >= kMaxQueued) return Flush();
  return absl::OkStatus();
}

absl::Status PgConn::Flush() {
  if (queued_.empty()) return absl::OkStatus();
  absl::Status first;
  if (PQpipelineSync(conn_) != 1) {
    first = absl::UnavailableError(absl::StrCat(
        "store: PostgreSQL is unavailable: ", FirstLine(PQerrorMessage(conn_))));
  }
  // One result per queued step, each followed by a null, then the sync's.
  size_t step = 0;
  int nulls = 0;
  while (first.ok() || PQstatus(conn_) == CONNECTION_OK) {
    PgResultPtr result(PQgetResult(conn_));
    if (result == nullptr) {
      // Two nulls in a row: nothing more will come (a broken connection).
      if (++nulls > 1 && PQstatus(conn_) != CONNECTION_OK) break;
      if (nulls > 2) break;
      continue;
    }
    nulls = 0;
    const ExecStatusType status = PQresultStatus(result.get());
    if (status == PGRES_PIPELINE_SYNC) break;
    if (step >= queued_.size()) continue;  // not ours; cannot happen
    const Queued& queued = queued_[step++];
    absl::Status outcome =
        status == PGRES_PIPELINE_ABORTED
            ? absl::AbortedError("skipped after an earlier error")
            : ResultStatus(result.get(), *queued.sql);
    if (outcome.ok()) continue;
    if (!queued.prepared.empty()) prepared_.erase(*queued.sql);
    if (first.ok() && !absl::IsAborted(outcome)) first = outcome;
  }
  const bool answered = step == queued_.size();
  queued_.clear();
  if (PQpipelineStatus(conn_) != PQ_PIPELINE_OFF &&
      PQexitPipelineMode(conn_) != 1 && first.ok()) {
    first = absl::UnavailableError(absl::StrCat(
        "store: PostgreSQL is unavailable: ", FirstLine(PQerrorMessage(conn_))));
  }
  if (first.ok() && !answered) {
    first = absl::UnavailableError("store: PostgreSQL did not answer");
  }
  return first;
}

absl::StatusOr<PgResultPtr> PgConn::Run(
    const std::string& sql,
    const std::vector<std::optional<std::string>>& values,
    const std::vector<unsigned>& types) {
  QW_RETURN_IF_ERROR(Flush());
  if (absl::Status connected = EnsureConnected(); !connected.ok()) {
    return connected;
  }
  const PgParams params(values, types);
  const auto& pointers = params.pointers;
  const auto& lengths = params.lengths;
  std::vector<Oid> oids = params.oids;
  auto it = prepared_.find(sql);
  if (it == prepared_.end()) {
    std::string name = absl::StrCat("qw", prepared_.size());
    PgResultPtr prepared(PQprepare(conn_, name.c_str(), sql.c_str(),
                                   static_cast<int>(oids.size()), oids.data()));
    QW_RETURN_IF_ERROR(ResultStatus(prepared.get(), sql));
    it = prepared_.emplace(sql, std::move(name)).first;
  }
  if (!cancellable_) {
    PgResultPtr result(PQexecPrepared(conn_, it->second.c_str(),
                                      static_cast<int>(values.size()),
                                      pointers.data(), lengths.data(), nullptr,
                                      0));
    QW_RETURN_IF_ERROR(ResultStatus(result.get(), sql));
    return result;
  }
  if (ScopedCancellation::Requested()) {
    return absl::CancelledError("store: stopped, the caller cancelled");
  }
  if (PQsendQueryPrepared(conn_, it->second.c_str(),
                          static_cast<int>(values.size()), pointers.data(),
                          lengths.data(), nullptr, 0) != 1) {
    return ResultStatus(nullptr, sql);
  }
  AwaitReply();
  PgResultPtr result(PQgetResult(conn_));
  while (PGresult* rest = PQgetResult(conn_)) PQclear(rest);
  QW_RETURN_IF_ERROR(ResultStatus(result.get(), sql));
  return result;
}

void PgConn::AwaitReply() {
  // How often a running statement asks whether its caller cancelled.
  constexpr int kCancelPollMs = 10;
  bool cancelled = false;
  while (PQisBusy(conn_)) {
    pollfd socket{PQsocket(conn_), POLLIN, 0};
    const int ready = ::poll(&socket, 1, kCancelPollMs);
    if (ready < 0 && errno != EINTR) return;  // PQgetResult reports it
    if (ready > 0 && PQconsumeInput(conn_) == 0) return;
    if (!cancelled && ScopedCancellation::Requested()) {
      cancelled = true;
      if (PGcancel* cancel = PQgetCancel(conn_)) {
        char error[256];
        (void)PQcancel(cancel, error, sizeof(error));  // best effort
        PQfreeCancel(cancel);
      }
    }
  }
}

absl::Status PgConn::Exec(std::string_view sql) {
  QW_RETURN_IF_ERROR(Flush());
  QW_RETURN_IF_ERROR(EnsureConnected());
  const std::string text(sql);
  PgResultPtr result(PQexec(conn_, text.c_str()));
  return ResultStatus(result.get(), text);
}

void PgStatement::Bind(int index, std::optional<std::string> value,
                       unsigned type) {
  if (index < 1 || index > static_cast<int>(values_.size())) {
    bind_error_ = true;
    return;
  }
  values_[index - 1] = std::move(value);
  types_[index - 1] = type == 0 && !(*used_)[index - 1] ? kPgText : type;
}

absl::StatusOr<bool> PgStatement::Step() {
  if (!result_) {
    if (bind_error_) {
      std::fprintf(stderr, "quotewire store: bind out of range: %s\n",
                   sql_->c_str());
      return absl::InternalError("store: database error (bind)");
    }
    QW_ASSIGN_OR_RETURN(result_, conn_->Run(*sql_, values_, types_));
    rows_ = PQntuples(result_.get());
    row_ = -1;
  }
  if (row_ + 1 >= rows_) {
    row_ = rows_;
    return false;
  }
  ++row_;
  return true;
}

absl::Status PgStatement::Defer() {
  if (bind_error_) {
    std::fprintf(stderr, "quotewire store: bind out of range: %s\n",
                 sql_->c_str());
    return absl::InternalError("store: database error (bind)");
  }
  return conn_->Send(*sql_, values_, types_);
}

void PgStatement::Reset() {
  result_.reset();
  for (auto& v : values_) v.reset();
  for (auto& t : types_) t = 0;
  bind_error_ = false;
  row_ = -1;
  rows_ = 0;
}

int64_t PgStatement::Int(int col) const {
  if (row_ < 0 || row_ >= rows_) return 0;
  const char* v = PQgetvalue(result_.get(), row_, col);
  if (v[0] == 't' && v[1] == '\0') return 1;
  if (v[0] == 'f' && v[1] == '\0') return 0;
  return std::strtoll(v, nullptr, 10);
}

double PgStatement::Double(int col) const {
  if (row_ < 0 || row_ >= rows_) return 0;
  return std::strtod(PQgetvalue(result_.get(), row_, col), nullptr);
}

std::string_view PgStatement::TextView(int col) const {
  if (row_ < 0 || row_ >= rows_) return std::string_view();
  return std::string_view(PQgetvalue(result_.get(), row_, col),
                          PQgetlength(result_.get(), row_, col));
}

bool PgStatement::IsNull(int col) const {
  if (row_ < 0 || row_ >= rows_) return true;
  return PQgetisnull(result_.get(), row_, col) != 0;
}

}  // namespace store_internal
}  // namespace quotewire

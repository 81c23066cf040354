// What the change feed of servers sharing a PostgreSQL database costs
// (server/store/postgres_changes.h): the commit time of a one-article write
// transaction with and without the notifying trigger, and how long after
// the writer's COMMIT returns the notification reaches another connection's
// feed (p50/p99). In a schema of its own, dropped at the end.
//
//   build/bench/pg_feed_bench --db=postgresql://quotewire@127.0.0.1/quotewire
#include <libpq-fe.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "server/store/postgres_changes.h"

ABSL_FLAG(std::string, db, "", "PostgreSQL URI");
ABSL_FLAG(int, writes, 2000, "Write transactions per measurement");

namespace quotewire {
namespace {

void Exec(PGconn* conn, const std::string& sql) {
  PGresult* result = PQexec(conn, sql.c_str());
  const ExecStatusType status = PQresultStatus(result);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    std::fprintf(stderr, "%s: %s", sql.c_str(), PQresultErrorMessage(result));
    std::exit(1);
  }
  PQclear(result);
}

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(p * v.size()))];
}

// Commit times (µs) of `n` one-row write transactions.
std::vector<double> Writes(PGconn* conn, const std::string& prefix, int n) {
  std::vector<double> us;
  for (int i = 0; i < n; ++i) {
    const absl::Time start = absl::Now();
    Exec(conn, absl::StrCat("BEGIN; INSERT INTO articles VALUES ('", prefix, i,
                            "', repeat('x', 2000)); COMMIT"));
    us.push_back(absl::ToDoubleMicroseconds(absl::Now() - start));
  }
  return us;
}

int Main(const std::string& base) {
  const std::string schema = absl::StrCat("feedbench", getpid());
  PGconn* admin = PQconnectdb(base.c_str());
  if (PQstatus(admin) != CONNECTION_OK) {
    std::fprintf(stderr, "%s", PQerrorMessage(admin));
    return 1;
  }
  PQsetNoticeProcessor(admin, [](void*, const char*) {}, nullptr);
  Exec(admin, "CREATE SCHEMA " + schema);
  const std::string uri = absl::StrCat(
      base, base.find('?') == std::string::npos ? "?" : "&",
      "options=-csearch_path%3D", schema);
  PGconn* writer = PQconnectdb(uri.c_str());
  Exec(writer, "CREATE TABLE articles(id text PRIMARY KEY, text text)");
  Exec(writer, "CREATE TABLE corrections(seq bigint)");
  const int n = absl::GetFlag(FLAGS_writes);

  Writes(writer, "warm", n / 4);
  const std::vector<double> plain = Writes(writer, "plain", n);

  absl::Mutex mu;
  std::vector<absl::Time> arrived;
  PgChangeFeed::Options options;
  options.conninfo = uri;
  auto feed = PgChangeFeed::Start(options, [&](const std::vector<StoreChange>& c) {
    const absl::Time now = absl::Now();
    absl::MutexLock lock(&mu);
    for (size_t i = 0; i < c.size(); ++i) arrived.push_back(now);
  });
  if (!feed.ok()) {
    std::fprintf(stderr, "%s\n", feed.status().ToString().c_str());
    return 1;
  }
  // One write at a time, waiting for its notification: commit time with the
  // trigger, and delivery delay after COMMIT returned.
  std::vector<double> notified_commit;
  std::vector<double> delay;
  for (int i = 0; i < n; ++i) {
    const absl::Time start = absl::Now();
    Exec(writer, absl::StrCat("BEGIN; INSERT INTO articles VALUES ('feed", i,
                              "', repeat('x', 2000)); COMMIT"));
    const absl::Time committed = absl::Now();
    notified_commit.push_back(absl::ToDoubleMicroseconds(committed - start));
    absl::MutexLock lock(&mu);
    auto got = [&] { return arrived.size() > static_cast<size_t>(i); };
    mu.AwaitWithTimeout(absl::Condition(&got), absl::Seconds(5));
    if (!got()) {
      std::fprintf(stderr, "notification %d lost\n", i);
      return 1;
    }
    delay.push_back(std::max(0.0, absl::ToDoubleMicroseconds(arrived[i] - committed)));
  }
  feed->reset();
  PQfinish(writer);
  Exec(admin, "DROP SCHEMA " + schema + " CASCADE");
  PQfinish(admin);

  std::printf("| write transaction (1 article row) | p50 µs | p99 µs |\n");
  std::printf("|---|---|---|\n");
  std::printf("| commit, no trigger | %.0f | %.0f |\n", Percentile(plain, 0.5),
              Percentile(plain, 0.99));
  std::printf("| commit, notifying trigger | %.0f | %.0f |\n",
              Percentile(notified_commit, 0.5), Percentile(notified_commit, 0.99));
  std::printf("| notification arrives after COMMIT returned | %.0f | %.0f |\n",
              Percentile(delay, 0.5), Percentile(delay, 0.99));
  return 0;
}

}  // namespace
}  // namespace quotewire

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  return quotewire::Main(absl::GetFlag(FLAGS_db));
}

// quotewire-server: serves quotewire.v1.QuoteService over gRPC on a SQLite
// store, with the standard health service and server reflection.
//
//   quotewire-server --listen 127.0.0.1:50051 --db ./quotewire.db
//
// Prints "quotewire-server listening on HOST:PORT" to stderr when ready
// (with --listen HOST:0 the port is the one chosen). SIGTERM and SIGINT shut
// down gracefully: watches end, in-flight calls get --shutdown_grace_seconds to
// finish, the store is closed. SIGHUP reloads --auth_token_file.
#include <malloc.h>
#include <pthread.h>
#include <signal.h>
#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <thread>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "server/analysis/analyzer.h"
#include "server/service/grpc_server.h"
#include "server/service/proto_conversion.h"
#include "server/service/quote_service.h"
#include "server/service/token_auth.h"
#include "server/store/sqlite_store.h"

ABSL_FLAG(std::string, listen, "127.0.0.1:50051",
          "host:port to listen on; port 0 picks a free port");
ABSL_FLAG(std::string, db, "./quotewire.db",
          "SQLite database file (created when missing); \":memory:\" keeps "
          "nothing across restarts");
ABSL_FLAG(std::string, data_dir, QUOTEWIRE_DEFAULT_DATA_DIR,
          "directory of the linguistic data files");
ABSL_FLAG(std::string, topics_file, "",
          "topic taxonomy file (default: DATA_DIR/topics.tsv)");
ABSL_FLAG(std::string, auth_token_file, "",
          "token file, lines 'TOKEN [write|read] [label]'; reloaded on SIGHUP");
ABSL_FLAG(bool, require_read_token, false,
          "read rpcs need a token too (needs --auth_token_file)");
ABSL_FLAG(bool, allow_unauthenticated_writes, false,
          "allow listening beyond loopback without --auth_token_file");
ABSL_FLAG(int32_t, max_message_bytes, 8 * 1024 * 1024,
          "largest gRPC message the server receives; must exceed "
          "--max_article_bytes");
ABSL_FLAG(int64_t, max_article_bytes, 2 * 1024 * 1024,
          "largest article text accepted (RESOURCE_EXHAUSTED beyond)");
ABSL_FLAG(int32_t, max_batch_articles, 1000,
          "most articles in one BatchIngestArticles call");
ABSL_FLAG(std::string, tls_cert, "", "PEM certificate chain; enables TLS");
ABSL_FLAG(std::string, tls_key, "", "PEM private key for --tls_cert");
ABSL_FLAG(std::string, tls_client_ca, "",
          "PEM certificate authorities of client certificates; when set, "
          "clients must present a certificate they signed (mutual TLS)");
ABSL_FLAG(int32_t, busy_timeout_ms, 5000, "SQLite busy timeout");
ABSL_FLAG(int32_t, list_threads, quotewire::QuoteServiceOptions().list_threads,
          "Threads that run ListQuotes");
ABSL_FLAG(bool, listings, true,
          "Keep every quote pre-encoded for ListQuotes by person, topic or "
          "source (1.4-1.8x the listing rate; ~20% more disk). Turning it off "
          "and on again re-encodes every quote at start-up");
ABSL_FLAG(int32_t, read_cache_mib, quotewire::SqliteStoreOptions().reader_cache_mib,
          "SQLite page cache of each of the 4 read connections, MiB");
ABSL_FLAG(int32_t, listing_cache_mib,
          quotewire::SqliteStoreOptions().listing_cache_mib,
          "memory for pre-encoded quotes kept outside SQLite, MiB (0: none, "
          "and no cached name lookups either)");
ABSL_FLAG(int32_t, response_cache_mib,
          quotewire::QuoteServiceOptions().response_cache_mib,
          "memory for ListQuotes responses kept until the next write, MiB "
          "(0: none)");
ABSL_FLAG(int32_t, max_grpc_memory_mib,
          quotewire::GrpcServerOptions().max_grpc_memory_bytes >> 20,
          "memory gRPC may use for all connections and calls together "
          "(resource quota), MiB; 0: unbounded");
ABSL_FLAG(int32_t, max_streams_per_connection,
          quotewire::GrpcServerOptions().max_streams_per_connection,
          "calls open at once on one connection; more wait");
ABSL_FLAG(int32_t, max_pending_response_mib,
          quotewire::QuoteServiceOptions().max_pending_response_bytes >> 20,
          "ListQuotes responses not yet read by their clients, MiB; beyond, "
          "new listings are RESOURCE_EXHAUSTED");
ABSL_FLAG(int32_t, max_watchers, quotewire::QuoteServiceOptions().max_watchers,
          "WatchQuotes streams open at once (RESOURCE_EXHAUSTED beyond)");
ABSL_FLAG(int32_t, watch_buffer_kib,
          quotewire::QuoteServiceOptions().watch_buffer_bytes >> 10,
          "quotes a WatchQuotes stream may fall behind by, KiB, before it "
          "ends with RESOURCE_EXHAUSTED");
ABSL_FLAG(int32_t, max_batch_mib,
          quotewire::QuoteServiceOptions().max_batch_bytes >> 20,
          "bytes of articles in one BatchIngestArticles call, MiB "
          "(RESOURCE_EXHAUSTED beyond, nothing stored)");
ABSL_FLAG(int32_t, ingest_window_mib,
          quotewire::QuoteServiceOptions().max_ingest_window_bytes >> 20,
          "bytes of articles all BatchIngestArticles calls together hold "
          "before their commit, MiB (RESOURCE_EXHAUSTED beyond, retry)");
ABSL_FLAG(int32_t, trim_interval_seconds, 10,
          "how often free heap memory is given back to the system (glibc "
          "malloc_trim); 0: never");
ABSL_FLAG(int32_t, shutdown_grace_seconds, 5,
          "time in-flight calls get to finish on SIGTERM/SIGINT");

namespace quotewire {
namespace {

void Log(const std::string& line) {
  std::fprintf(stderr, "quotewire-server: %s\n", line.c_str());
  std::fflush(stderr);
}

int Fail(const absl::Status& status) {
  Log(absl::StrCat("error: ", status.ToString()));
  return 1;
}

// "host:0" with the chosen port put in.
std::string WithPort(const std::string& address, int port) {
  const size_t colon = address.rfind(':');
  if (colon == std::string::npos) return absl::StrCat(address, ":", port);
  return absl::StrCat(address.substr(0, colon + 1), port);
}

int Run() {
  // Block the signals we handle before gRPC starts threads, so that every
  // thread inherits the mask and sigwait() below receives them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  const std::string listen = absl::GetFlag(FLAGS_listen);
  const int64_t max_article_bytes = absl::GetFlag(FLAGS_max_article_bytes);
  const int32_t max_message_bytes = absl::GetFlag(FLAGS_max_message_bytes);
  if (max_article_bytes <= 0 || max_message_bytes <= max_article_bytes) {
    return Fail(absl::InvalidArgumentError(
        "--max_message_bytes must be larger than --max_article_bytes > 0"));
  }

  TokenAuthOptions auth_options;
  auth_options.token_file = absl::GetFlag(FLAGS_auth_token_file);
  auth_options.require_read_token = absl::GetFlag(FLAGS_require_read_token);
  if (auth_options.require_read_token && auth_options.token_file.empty()) {
    return Fail(absl::InvalidArgumentError(
        "--require_read_token needs --auth_token_file"));
  }
  if (auth_options.token_file.empty() &&
      !absl::GetFlag(FLAGS_allow_unauthenticated_writes)) {
    // Decided on the addresses the host resolves to, not on its spelling.
    const absl::Status loopback = RequireLoopback(listen);
    if (!loopback.ok()) {
      return Fail(absl::FailedPreconditionError(absl::StrCat(
          "refusing to listen on ", listen, " (", loopback.message(),
          ") without --auth_token_file; give one, or "
          "--allow_unauthenticated_writes to accept writes from anyone")));
    }
  }
  absl::StatusOr<std::unique_ptr<TokenAuthenticator>> auth =
      TokenAuthenticator::Create(auth_options);
  if (!auth.ok()) return Fail(auth.status());
  struct stat token_stat;
  if (!auth_options.token_file.empty() &&
      stat(auth_options.token_file.c_str(), &token_stat) == 0 &&
      (token_stat.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
    Log(absl::StrCat("warning: ", auth_options.token_file,
                     " is accessible to group or others; chmod 600 it"));
  }

  AnalyzerOptions analyzer_options;
  analyzer_options.data_dir = absl::GetFlag(FLAGS_data_dir);
  analyzer_options.topics_file = absl::GetFlag(FLAGS_topics_file);
  absl::StatusOr<std::unique_ptr<Analyzer>> analyzer =
      Analyzer::Create(analyzer_options);
  if (!analyzer.ok()) return Fail(analyzer.status());

  SqliteStoreOptions store_options;
  store_options.path = absl::GetFlag(FLAGS_db);
  store_options.names = &(*analyzer)->names();
  store_options.sources = &(*analyzer)->sources();
  store_options.topics = &(*analyzer)->topics();
  store_options.clock = [] { return absl::Now(); };
  store_options.busy_timeout_ms = absl::GetFlag(FLAGS_busy_timeout_ms);
  store_options.reader_cache_mib = absl::GetFlag(FLAGS_read_cache_mib);
  store_options.listing_cache_mib = absl::GetFlag(FLAGS_listing_cache_mib);
  // Pre-encoded quotes for ListQuotes (encoded on the first start after an
  // upgrade: seconds per million quotes).
  const ListingEncoder listing_encoder;
  if (absl::GetFlag(FLAGS_listings)) store_options.encoder = &listing_encoder;
  auto store = OpenSqliteStore(store_options);
  if (!store.ok()) return Fail(store.status());

  QuoteServiceOptions service_options;
  service_options.max_article_bytes = max_article_bytes;
  service_options.max_batch_articles = absl::GetFlag(FLAGS_max_batch_articles);
  service_options.list_threads = absl::GetFlag(FLAGS_list_threads);
  service_options.response_cache_mib = absl::GetFlag(FLAGS_response_cache_mib);
  service_options.max_watchers = absl::GetFlag(FLAGS_max_watchers);
  service_options.max_pending_response_bytes =
      static_cast<int64_t>(
          std::max(1, absl::GetFlag(FLAGS_max_pending_response_mib)))
      << 20;
  service_options.watch_buffer_bytes =
      static_cast<size_t>(std::max(1, absl::GetFlag(FLAGS_watch_buffer_kib)))
      << 10;
  service_options.max_batch_bytes =
      static_cast<int64_t>(std::max(1, absl::GetFlag(FLAGS_max_batch_mib))) << 20;
  service_options.max_ingest_window_bytes =
      static_cast<int64_t>(std::max(1, absl::GetFlag(FLAGS_ingest_window_mib)))
      << 20;
  QuoteServiceImpl service(analyzer->get(), store->get(), auth->get(),
                           service_options);

  GrpcServerOptions server_options;
  server_options.listen_address = listen;
  server_options.max_receive_message_bytes = max_message_bytes;
  server_options.max_grpc_memory_bytes =
      static_cast<int64_t>(std::max(0, absl::GetFlag(FLAGS_max_grpc_memory_mib)))
      << 20;
  server_options.max_streams_per_connection =
      absl::GetFlag(FLAGS_max_streams_per_connection);
  server_options.tls_cert_file = absl::GetFlag(FLAGS_tls_cert);
  server_options.tls_key_file = absl::GetFlag(FLAGS_tls_key);
  server_options.tls_client_ca_file = absl::GetFlag(FLAGS_tls_client_ca);
  absl::StatusOr<StartedServer> started =
      StartGrpcServer(server_options, &service);
  if (!started.ok()) return Fail(started.status());

  Log(absl::StrCat("database ", store_options.path, "; auth ",
                   (*auth)->enabled()
                       ? absl::StrCat((*auth)->token_count(), " tokens")
                       : std::string("off (loopback only)"),
                   server_options.tls_cert_file.empty() ? "; plaintext"
                   : server_options.tls_client_ca_file.empty()
                       ? "; TLS"
                       : "; TLS with client certificates"));
  std::fprintf(stderr, "quotewire-server listening on %s\n",
               WithPort(listen, started->port).c_str());
  std::fflush(stderr);

  // Gives free heap memory back to the system now and then: glibc keeps
  // what a burst of large messages or slow clients freed.
  std::atomic<bool> stopping{false};
  std::thread trimmer;
  if (const int interval = absl::GetFlag(FLAGS_trim_interval_seconds);
      interval > 0) {
    trimmer = std::thread([&stopping, interval] {
      while (!stopping.load()) {
        for (int i = 0; i < interval * 10 && !stopping.load(); ++i) {
          absl::SleepFor(absl::Milliseconds(100));
        }
        malloc_trim(0);
      }
    });
  }

  for (;;) {
    int signal_number = 0;
    if (sigwait(&signals, &signal_number) != 0) continue;
    if (signal_number == SIGHUP) {
      const absl::Status reloaded = (*auth)->Reload();
      Log(reloaded.ok()
              ? absl::StrCat("SIGHUP: reloaded ", (*auth)->token_count(),
                             " tokens")
              : absl::StrCat("SIGHUP: reload failed, old tokens kept: ",
                             reloaded.ToString()));
      continue;
    }
    Log(absl::StrCat("signal ", signal_number, ": shutting down"));
    break;
  }

  stopping.store(true);
  if (trimmer.joinable()) trimmer.join();
  service.EndWatches();
  if (grpc::HealthCheckServiceInterface* health =
          started->server->GetHealthCheckService()) {
    health->Shutdown();
  }
  started->server->Shutdown(
      std::chrono::system_clock::now() +
      std::chrono::seconds(absl::GetFlag(FLAGS_shutdown_grace_seconds)));
  started->server->Wait();
  const ResponseCache::Stats cached = service.response_cache_stats();
  store->reset();
  Log(absl::StrCat("stopped; ListQuotes response cache: ", cached.hits,
                   " hits, ", cached.misses, " misses"));
  return 0;
}

}  // namespace
}  // namespace quotewire

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "Serves quotewire.v1.QuoteService.\n"
      "  quotewire-server --listen 127.0.0.1:50051 --db ./quotewire.db");
  absl::ParseCommandLine(argc, argv);
  // Debian's Abseil is built with deadlock detection on: every absl::Mutex
  // lock and destruction (gRPC takes several per call) then updates a
  // process-wide lock graph under one global lock. A server has no use for
  // it.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  return quotewire::Run();
}

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

#include "server/core/data_dir.h"
#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "absl/strings/str_split.h"
#include "server/analysis/analyzer.h"
#include "server/http/http_gateway.h"
#include "server/http/rpc_observer.h"
#include "server/service/grpc_server.h"
#include "server/service/proto_conversion.h"
#include "server/service/quote_service.h"
#include "server/service/token_auth.h"
#include "server/store/open_store.h"
#include "server/store/sqlite_store.h"

ABSL_FLAG(std::string, listen, "127.0.0.1:50051",
          "host:port to listen on; port 0 picks a free port");
ABSL_FLAG(std::string, db, "./quotewire.db",
          "SQLite database file (created when missing); \":memory:\" keeps "
          "nothing across restarts; or a PostgreSQL URI "
          "(postgresql://user@host/database?...) shared by several servers");
ABSL_FLAG(std::string, db_read, "",
          "with a PostgreSQL --db: a libpq URI of a streaming-replication "
          "standby that reads go to (writes stay on --db); reads may lag "
          "the primary by the standby's replay delay");
ABSL_FLAG(std::string, data_dir, quotewire::DefaultDataDir(),
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
ABSL_FLAG(bool, skip_db_check, false,
          "start without PRAGMA quick_check of --db (it reads the whole file: "
          "seconds per GB); a damaged file then starts, and health turns "
          "NOT_SERVING at the first damage a call meets");
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
ABSL_FLAG(int32_t, watch_stall_seconds,
          absl::ToInt64Seconds(
              quotewire::QuoteServiceOptions().watch_stall_timeout),
          "a WatchQuotes stream whose client accepts no quote for this long "
          "ends with RESOURCE_EXHAUSTED and frees its place (--max_watchers)");
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
ABSL_FLAG(std::string, http_listen, "",
          "host:port of the HTTP/JSON API, /v1/openapi.json and /metrics "
          "(empty: no HTTP); port 0 picks a free port");
ABSL_FLAG(std::string, cors_origins, "",
          "comma-separated origins whose pages may call the HTTP API "
          "(\"*\": any); empty: no CORS");
ABSL_FLAG(std::string, http_static_dir, QUOTEWIRE_DEFAULT_WEB_DIR,
          "directory served under / on the HTTP listener (the quote desk by "
          "default, when that directory exists); empty: none");
ABSL_FLAG(int32_t, http_threads, quotewire::HttpGatewayOptions().threads,
          "HTTP connections served at once (each kept-alive connection and "
          "each event stream holds one)");
ABSL_FLAG(int32_t, http_max_event_streams,
          quotewire::HttpGatewayOptions().max_event_streams,
          "WatchQuotes event streams open at once over HTTP (429 beyond); "
          "keep below --http_threads");
ABSL_FLAG(int32_t, http_keep_alive_requests,
          quotewire::HttpGatewayOptions().keep_alive_max_requests,
          "requests served on one kept-alive HTTP connection");
ABSL_FLAG(std::string, log_format, "text",
          "text: no per-rpc log; json: one JSON line per rpc on stderr "
          "(method, status, duration, peer; never a token or a text)");

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

// The HTTP/JSON gateway on --http_listen over an in-process channel to
// `server`, with /metrics from `metrics`; null when --http_listen is empty.
absl::StatusOr<std::unique_ptr<HttpGateway>> StartHttp(
    grpc::Server& server, RpcMetrics* metrics, int32_t max_message_bytes,
    bool auth_enabled) {
  HttpGatewayOptions options;
  options.listen_address = absl::GetFlag(FLAGS_http_listen);
  if (options.listen_address.empty()) return nullptr;
  if (!auth_enabled && !IsLoopbackAddress(options.listen_address) &&
      !absl::GetFlag(FLAGS_allow_unauthenticated_writes)) {
    return absl::FailedPreconditionError(absl::StrCat(
        "refusing to serve HTTP on ", options.listen_address,
        " beyond loopback without --auth_token_file; give one, or "
        "--allow_unauthenticated_writes to accept writes from anyone"));
  }
  options.threads = absl::GetFlag(FLAGS_http_threads);
  options.max_event_streams = absl::GetFlag(FLAGS_http_max_event_streams);
  options.keep_alive_max_requests = absl::GetFlag(FLAGS_http_keep_alive_requests);
  options.max_body_bytes = static_cast<size_t>(max_message_bytes);
  options.static_dir = absl::GetFlag(FLAGS_http_static_dir);
  // The default quote desk is served only where the source tree still is.
  struct stat web_dir;
  if (options.static_dir == QUOTEWIRE_DEFAULT_WEB_DIR &&
      (stat(options.static_dir.c_str(), &web_dir) != 0 || !S_ISDIR(web_dir.st_mode))) {
    options.static_dir.clear();
  }
  for (absl::string_view origin :
       absl::StrSplit(absl::GetFlag(FLAGS_cors_origins), ',', absl::SkipEmpty())) {
    options.cors_origins.emplace_back(origin);
  }
  options.metrics = [metrics] { return metrics->Render(); };
  grpc::ChannelArguments channel_args;
  channel_args.SetMaxReceiveMessageSize(-1);
  channel_args.SetMaxSendMessageSize(-1);
  return HttpGateway::Start(options, server.InProcessChannel(channel_args),
                            v1::ListQuotesRequest::descriptor()->file()->FindServiceByName(
                                "QuoteService"));
}

// Gauges and counters read at scrape time.
void AddServerMetrics(RpcMetrics* metrics, const QuoteServiceImpl* service,
                      const HttpGateway* http, const std::string& db_path) {
  metrics->AddCallback("quotewire_watch_subscribers", "gauge",
                       "WatchQuotes streams open (gRPC and HTTP)",
                       [service] { return double(service->watcher_count()); });
  metrics->AddCallback("quotewire_response_cache_hits_total", "counter",
                       "ListQuotes answered from the response cache",
                       [service] { return double(service->response_cache_stats().hits); });
  metrics->AddCallback("quotewire_response_cache_misses_total", "counter",
                       "ListQuotes computed (not in the response cache)",
                       [service] { return double(service->response_cache_stats().misses); });
  metrics->AddCallback("quotewire_store_bytes", "gauge",
                       "Size of the database file and its write-ahead log",
                       [db_path] {
                         double bytes = 0;
                         struct stat file;
                         for (const std::string& path : {db_path, db_path + "-wal"}) {
                           if (stat(path.c_str(), &file) == 0) bytes += file.st_size;
                         }
                         return bytes;
                       });
  if (http != nullptr) {
    metrics->AddCallback("quotewire_http_event_streams", "gauge",
                         "HTTP event streams (WatchQuotes) open",
                         [http] { return double(http->event_streams()); });
  }
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
  analyzer_options.load_all_dictionaries = true;
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
  store_options.check_on_open = !absl::GetFlag(FLAGS_skip_db_check);
  auto store = OpenStore(store_options, absl::GetFlag(FLAGS_db_read));
  if (!store.ok()) {
    if (store.status().code() == absl::StatusCode::kDataLoss &&
        store_options.check_on_open) {
      Log("hint: --skip_db_check starts on it anyway, to salvage what reads");
    }
    return Fail(store.status());
  }

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
  service_options.watch_stall_timeout =
      absl::Seconds(std::max(1, absl::GetFlag(FLAGS_watch_stall_seconds)));
  service_options.max_batch_bytes =
      static_cast<int64_t>(std::max(1, absl::GetFlag(FLAGS_max_batch_mib))) << 20;
  service_options.max_ingest_window_bytes =
      static_cast<int64_t>(std::max(1, absl::GetFlag(FLAGS_ingest_window_mib)))
      << 20;
  QuoteServiceImpl service(analyzer->get(), store->get(), auth->get(),
                           service_options);
  if (const absl::Status feed = service.ChangeFeedHealth(); !feed.ok()) {
    std::fprintf(stderr, "quotewire-server: %s\n", feed.ToString().c_str());
    return 1;
  }

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
  const std::string log_format = absl::GetFlag(FLAGS_log_format);
  if (log_format != "text" && log_format != "json") {
    return Fail(absl::InvalidArgumentError("--log_format: text or json"));
  }
  RpcMetrics metrics;
  const RpcObserverOptions observer{&metrics,
                                    log_format == "json" ? stderr : nullptr};
  server_options.observer = [observer] {
    return std::make_unique<RpcObserverFactory>(observer);
  };
  absl::StatusOr<StartedServer> started =
      StartGrpcServer(server_options, &service);
  if (!started.ok()) return Fail(started.status());
  absl::StatusOr<std::unique_ptr<HttpGateway>> http = StartHttp(
      *started->server, &metrics, max_message_bytes, (*auth)->enabled());
  if (!http.ok()) return Fail(http.status());
  AddServerMetrics(&metrics, &service, http->get(), store_options.path);

  Log(absl::StrCat("database ", RedactDbUri(store_options.path),
                   absl::GetFlag(FLAGS_db_read).empty()
                       ? std::string()
                       : absl::StrCat(" (reads on ",
                                      RedactDbUri(absl::GetFlag(FLAGS_db_read)),
                                      ")"),
                   "; auth ",
                   (*auth)->enabled()
                       ? absl::StrCat((*auth)->token_count(), " tokens")
                       : std::string("off (loopback only)"),
                   server_options.tls_cert_file.empty() ? "; plaintext"
                   : server_options.tls_client_ca_file.empty()
                       ? "; TLS"
                       : "; TLS with client certificates"));
  if (*http != nullptr) {
    std::fprintf(stderr, "quotewire-server HTTP on %s\n",
                 WithPort(absl::GetFlag(FLAGS_http_listen), (*http)->port()).c_str());
  }
  std::fprintf(stderr, "quotewire-server listening on %s\n",
               WithPort(listen, started->port).c_str());
  std::fflush(stderr);

  // Once a second: health follows the store (Store::Health(): a damaged,
  // deleted or replaced database file); every --trim_interval_seconds, free
  // heap memory goes back to the system (glibc keeps what a burst of large
  // messages or slow clients freed).
  bool serving = true;
  const int trim_interval = absl::GetFlag(FLAGS_trim_interval_seconds);
  int seconds_since_trim = 0;
  for (;;) {
    const struct timespec poll = {1, 0};
    const int signal_number = sigtimedwait(&signals, nullptr, &poll);
    if (signal_number < 0) {
      if (trim_interval > 0 && ++seconds_since_trim >= trim_interval) {
        malloc_trim(0);
        seconds_since_trim = 0;
      }
      absl::Status health = (*store)->Health();
      if (health.ok()) health = service.ChangeFeedHealth();
      grpc::HealthCheckServiceInterface* service_health =
          started->server->GetHealthCheckService();
      if (health.ok() != serving && service_health != nullptr) {
        serving = health.ok();
        service_health->SetServingStatus(serving);
        service_health->SetServingStatus("quotewire.v1.QuoteService", serving);
        Log(serving ? std::string("health: SERVING")
                    : absl::StrCat("health: NOT_SERVING: ", health.ToString()));
      }
      continue;
    }
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

  service.EndWatches();
  if (*http != nullptr) (*http)->Stop();
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

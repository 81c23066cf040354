// What an operator watches: RpcMetrics counts every rpc the server handles
// (by method, status code and transport), its latency and the calls in
// flight, plus gauges and counters the server registers (stored articles,
// cache hits, watch subscribers), and renders them in the Prometheus text
// format. RpcObserverFactory is the gRPC server interceptor that feeds it and,
// when asked, logs one JSON line per rpc:
//
//   {"time":"2026-12-06T06:01:02.345Z","method":"quotewire.v1.QuoteService/ListQuotes",
//    "code":"OK","duration_ms":0.412,"peer":"ipv4:127.0.0.1:53412","transport":"grpc"}
//
// never a token, a request or a response. Calls made by the HTTP gateway
// (in-process) are reported with transport "http" and the HTTP client's
// address as peer.
//
// Thread safety: every method may be called concurrently.
#ifndef QUOTEWIRE_SERVER_HTTP_RPC_OBSERVER_H_
#define QUOTEWIRE_SERVER_HTTP_RPC_OBSERVER_H_

#include <grpcpp/support/server_interceptor.h>

#include <array>
#include <atomic>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace quotewire {

class RpcMetrics {
 public:
  // Upper bounds of the latency histogram buckets, seconds.
  static constexpr std::array<double, 14> kBuckets = {
      0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01,
      0.025,  0.05,    0.1,    0.25,  0.5,    1,     5};

  // `method` is "package.Service/Method"; `transport` "grpc" or "http".
  void Started(std::string_view method, std::string_view transport);
  void Finished(std::string_view method, std::string_view transport,
                int grpc_code, absl::Duration latency);

  // Adds `amount` to counter `name` (created on first use, no labels).
  void Count(std::string_view name, std::string_view help, double amount);

  // A metric read at scrape time: `type` "gauge" or "counter".
  void AddCallback(std::string name, std::string type, std::string help,
                   std::function<double()> read);

  // Everything in the Prometheus text exposition format 0.0.4.
  std::string Render() const;

 private:
  struct Key {
    std::string method, transport;
    bool operator==(const Key& o) const {
      return method == o.method && transport == o.transport;
    }
    template <typename H>
    friend H AbslHashValue(H h, const Key& k) {
      return H::combine(std::move(h), k.method, k.transport);
    }
  };
  struct Series {
    int64_t in_flight = 0;
    std::array<int64_t, 17> by_code{};                   // gRPC codes 0..16
    std::array<int64_t, kBuckets.size() + 1> buckets{};  // + "+Inf"
    double seconds = 0;
    int64_t count = 0;
  };
  struct Callback {
    std::string name, type, help;
    std::function<double()> read;
  };
  mutable absl::Mutex mu_;
  absl::flat_hash_map<Key, Series> series_ ABSL_GUARDED_BY(mu_);
  std::vector<std::pair<std::string, std::pair<std::string, double>>> counters_
      ABSL_GUARDED_BY(mu_);
  std::vector<Callback> callbacks_ ABSL_GUARDED_BY(mu_);
};

struct RpcObserverOptions {
  RpcMetrics* metrics = nullptr;  // not owned; null: no metrics
  // One JSON line per rpc to `log` (e.g. stderr); null: no log.
  FILE* log = nullptr;
  // Counts ingested articles and quotes from the responses of these methods
  // (IngestArticle, BatchIngestArticles), when metrics is set.
  bool count_ingests = true;
};

class RpcObserverFactory
    : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  explicit RpcObserverFactory(RpcObserverOptions options) : options_(options) {}
  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override;

 private:
  const RpcObserverOptions options_;
};

// The JSON log line of one rpc (without the newline); exposed for tests.
std::string RpcLogLine(absl::Time time, std::string_view method, int grpc_code,
                       absl::Duration duration, std::string_view peer,
                       std::string_view transport);

}  // namespace quotewire

#endif  // QUOTEWIRE_SERVER_HTTP_RPC_OBSERVER_H_

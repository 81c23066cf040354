// HttpGateway: serves a gRPC service as HTTP/1.1 + JSON on its own port,
// following the service's google.api.http annotations (http_rules.h).
// Every HTTP request becomes one call of the rpc on an in-process channel of
// the running grpc::Server, so it goes through exactly what a gRPC client
// goes through: the server's interceptors, the service's token check (the
// `Authorization: Bearer` header is passed on as `authorization` metadata),
// request validation, limits, caches and the store. The gateway itself only
// converts: JSON in (protobuf's canonical mapping), JSON out, and the gRPC
// status as an HTTP status with a google.rpc.Status body (HttpStatusOf).
//
// Besides the routes:
//   GET /v1/openapi.json   the OpenAPI 3 document of the routes (openapi.h)
//   GET /metrics           options.metrics(), Prometheus text format
//   GET /...               files under options.static_dir, when set
// Server-streaming rpcs answer `text/event-stream`: one `data: {json}` event
// per message, a `: keep-alive` comment when idle, and an `event: error` with
// the google.rpc.Status when the stream ends with an error after it opened.
// Errors found before the stream opens (a bad filter, a missing token) are
// ordinary HTTP errors. Client-streaming rpcs take a body of JSON objects,
// one request message each (newline-delimited JSON).
//
// CORS is off unless options.cors_origins lists the page's origin ("*" for
// any): then responses carry Access-Control-Allow-Origin and preflight
// requests are answered.
//
// Thread safety: Start() and Stop() from one thread; requests are served on
// the gateway's own threads.
#ifndef QUOTEWIRE_SERVER_HTTP_HTTP_GATEWAY_H_
#define QUOTEWIRE_SERVER_HTTP_HTTP_GATEWAY_H_

#include <google/protobuf/descriptor.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "server/http/http_rules.h"

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib

namespace quotewire {

struct HttpGatewayOptions {
  // host:port; port 0 picks a free port (see port()).
  std::string listen_address = "127.0.0.1:8080";
  // Threads serving connections. A connection holds its thread while it is
  // kept alive, and an event stream for as long as it is open.
  int threads = 16;
  // Accepted connections waiting for a thread; beyond that the gateway stops
  // accepting until one is free (the kernel's backlog holds the rest).
  int max_queued_connections = 256;
  // Event streams (server-streaming rpcs) open at once; more are refused with
  // 429. Keep it below `threads` so that plain requests are still served.
  int max_event_streams = 8;
  // Requests served on one kept-alive connection, and its idle time.
  int keep_alive_max_requests = 1000;
  absl::Duration keep_alive_timeout = absl::Seconds(5);
  // Time to read a request and to write a response.
  absl::Duration read_timeout = absl::Seconds(30);
  absl::Duration write_timeout = absl::Seconds(30);
  // Largest request body; larger is 413. Set it to the gRPC receive limit.
  size_t max_body_bytes = 8 * 1024 * 1024;
  // Origins allowed to call from a browser page ("*": any); empty: no CORS.
  std::vector<std::string> cors_origins;
  // Directory served under "/" (a web page), when not empty.
  std::string static_dir;
  // How often an idle event stream sends a keep-alive comment (which is also
  // how a closed connection is noticed).
  absl::Duration event_stream_keepalive = absl::Seconds(15);
  // Memory for memoised conversions, bytes: the request message of a
  // request line and body seen before, and the JSON of a response message
  // whose exact bytes were converted before (a page served again from the
  // service's response cache). Both are pure functions of their key, so
  // nothing is ever stale; each memo is emptied when full. 0: none.
  size_t memo_bytes = 32 * 1024 * 1024;
  // The Prometheus text for GET /metrics; unset: no /metrics.
  std::function<std::string()> metrics;
};

// A map from strings to shared strings, bounded by the bytes it holds;
// emptied when an insertion would pass the bound. Thread-safe.
class BoundedMemo {
 public:
  explicit BoundedMemo(size_t max_bytes) : max_bytes_(max_bytes) {}
  std::shared_ptr<const std::string> Find(const std::string& key) const;
  void Insert(std::string key, std::shared_ptr<const std::string> value);

 private:
  const size_t max_bytes_;
  mutable absl::Mutex mu_;
  absl::flat_hash_map<std::string, std::shared_ptr<const std::string>> map_
      ABSL_GUARDED_BY(mu_);
  size_t bytes_ ABSL_GUARDED_BY(mu_) = 0;
};

class HttpGateway {
 public:
  // Serves `service` (its descriptor, with google.api.http rules) by calling
  // it on `channel` (normally grpc::Server::InProcessChannel). InvalidArgument
  // for a bad option or rule; Unavailable when the address cannot be bound.
  static absl::StatusOr<std::unique_ptr<HttpGateway>> Start(
      const HttpGatewayOptions& options, std::shared_ptr<grpc::Channel> channel,
      const google::protobuf::ServiceDescriptor* service);

  // Stops accepting, lets requests in progress finish (end event streams
  // first, e.g. by ending the rpcs behind them), and joins the threads.
  // Event streams still open get up to `drain` to write their last event
  // (the error event of an ended watch) before the connections close.
  ~HttpGateway();
  void Stop(absl::Duration drain = absl::Seconds(2));

  int port() const { return port_; }
  // Event streams open now.
  int event_streams() const ABSL_LOCKS_EXCLUDED(streams_mu_);
  // The OpenAPI document served at /v1/openapi.json.
  const std::string& openapi() const { return openapi_; }

  HttpGateway(const HttpGateway&) = delete;
  HttpGateway& operator=(const HttpGateway&) = delete;

 private:
  HttpGateway(const HttpGatewayOptions& options,
              std::shared_ptr<grpc::Channel> channel);
  void Handle(const httplib::Request& request, httplib::Response& response);
  // Sets the CORS headers; false when the request is a preflight (answered).
  bool Cors(const httplib::Request& request, httplib::Response& response) const;
  void Call(const HttpRoute& route, const std::vector<PathBinding>& bindings,
            const httplib::Request& request, httplib::Response& response);
  void OpenEventStream(const HttpRoute& route, grpc::ByteBuffer message,
                       const httplib::Request& request,
                       httplib::Response& response);
  // Counts an event stream in; false when max_event_streams are open.
  bool AddEventStream() ABSL_LOCKS_EXCLUDED(streams_mu_);
  void RemoveEventStream() ABSL_LOCKS_EXCLUDED(streams_mu_);

  const HttpGatewayOptions options_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<grpc::GenericStub> stub_;
  std::vector<HttpRoute> routes_;
  std::string openapi_;
  BoundedMemo requests_;   // method + target + body -> request bytes
  BoundedMemo responses_;  // type + response bytes -> JSON
  std::unique_ptr<httplib::Server> server_;
  std::thread listener_;
  int port_ = 0;
  mutable absl::Mutex streams_mu_;
  int event_streams_ ABSL_GUARDED_BY(streams_mu_) = 0;
};

// The metadata key a gateway call carries the HTTP client's address in;
// trusted only on in-process calls (the peer of a gRPC call is its own).
inline constexpr char kHttpPeerMetadata[] = "x-quotewire-http-peer";

}  // namespace quotewire

#endif  // QUOTEWIRE_SERVER_HTTP_HTTP_GATEWAY_H_

// Builds and starts the gRPC server around QuoteServiceImpl, with everything a
// production server and its tests share: the receive-size limit, the standard
// health service (grpc.health.v1.Health), server reflection, optional TLS, and
// the interceptor that answers undecodable requests with INVALID_ARGUMENT.
//
//   QuoteServiceImpl service(...);
//   absl::StatusOr<StartedServer> started =
//       StartGrpcServer({.listen_address = "127.0.0.1:0"}, &service);
//   ... started->port ...
//   started->server->Shutdown(deadline);
//
// Thread safety: StartGrpcServer may be called from any thread; it enables
// the process-wide default health service.
#ifndef QUOTEWIRE_SERVER_SERVICE_GRPC_SERVER_H_
#define QUOTEWIRE_SERVER_SERVICE_GRPC_SERVER_H_

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <grpcpp/grpcpp.h>
#include <grpcpp/support/server_interceptor.h>

#include "absl/status/statusor.h"

namespace quotewire {

struct GrpcServerOptions {
  // host:port to listen on; port 0 picks a free port.
  std::string listen_address = "127.0.0.1:50051";
  // gRPC's limit on one received message. Must exceed the service's article
  // limit so that an oversized article gets the service's RESOURCE_EXHAUSTED
  // with a clear message; anything larger still gets gRPC's own
  // RESOURCE_EXHAUSTED and the connection stays usable.
  int max_receive_message_bytes = 8 * 1024 * 1024;
  // Memory gRPC may use for all connections and calls together (its
  // ResourceQuota: transport buffers, messages in flight); 0 leaves it
  // unbounded. Past it gRPC stops reading from connections and reclaims
  // buffers until memory is given back.
  int64_t max_grpc_memory_bytes = 512 << 20;
  // Calls open at once on one connection (HTTP/2 MAX_CONCURRENT_STREAMS);
  // further calls wait for one to end. 0 leaves gRPC's default.
  int max_streams_per_connection = 64;
  // PEM files for TLS; both empty means plaintext.
  std::string tls_cert_file;
  std::string tls_key_file;
  // PEM file of the certificate authorities that sign client certificates.
  // When set (requires TLS), every client must present a certificate signed
  // by one of them (mutual TLS); empty means client certificates are not
  // requested.
  std::string tls_client_ca_file;
  // When set, makes an interceptor factory run for every call after the
  // built-in one, so that it sees the final status (metrics, the rpc log).
  std::function<
      std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>()>
      observer;
};

struct StartedServer {
  std::unique_ptr<grpc::Server> server;
  // The port actually bound (the chosen one for port 0).
  int port = 0;
};

// The status message of INVALID_ARGUMENT for a request that does not decode
// and has no descriptor to name its field (the server's interceptor; every
// quotewire.v1 request names the field, quotewire/v1/request_traits.h).
inline constexpr std::string_view kMalformedRequestMessage =
    "request: malformed message (a string field holds invalid UTF-8, or the "
    "bytes are not this rpc's request message)";

// Starts a server for `service` (not owned; must outlive the server). The
// health service reports SERVING for "" and "quotewire.v1.QuoteService".
// InvalidArgument for unreadable TLS files; Unavailable when the address
// cannot be bound.
absl::StatusOr<StartedServer> StartGrpcServer(const GrpcServerOptions& options,
                                              grpc::Service* service);

// Resolves a host name ("localhost", "127.0.0.1", "::1") to numeric
// addresses ("127.0.0.1", "::1"). NotFound when the name does not resolve.
using HostResolver =
    std::function<absl::StatusOr<std::vector<std::string>>(const std::string&)>;

// The system resolver (getaddrinfo).
absl::StatusOr<std::vector<std::string>> ResolveHost(const std::string& host);

// OK when every address the host of `listen_address` ("127.0.0.1:50051",
// "localhost:0", "[::1]:50051", "ipv4:127.0.0.1:80") resolves to is a
// loopback address (127.0.0.0/8, ::1, ::ffff:127.0.0.0/104). The decision is
// on the resolved addresses, never on the text: "127.evil.example" is
// whatever it resolves to. FailedPrecondition, one line naming the host and
// the first address beyond loopback, otherwise; NotFound when the host does
// not resolve.
absl::Status RequireLoopback(std::string_view listen_address,
                             const HostResolver& resolve = ResolveHost);

// RequireLoopback(listen_address).ok().
bool IsLoopbackAddress(std::string_view listen_address);

}  // namespace quotewire

#endif  // QUOTEWIRE_SERVER_SERVICE_GRPC_SERVER_H_

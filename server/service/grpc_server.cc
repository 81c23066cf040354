#include "server/service/grpc_server.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <fstream>
#include <sstream>
#include <utility>
#include <vector>

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>
#include <grpcpp/resource_quota.h>
#include <grpcpp/support/server_interceptor.h>

#include "absl/strings/match.h"
#include "grpc/health/v1/health.pb.h"
#include "quotewire/v1/request_traits.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "server/core/absl_compat.h"

namespace quotewire {
namespace {

// gRPC answers a request it cannot decode (for example a proto3 string field
// holding invalid UTF-8) with INTERNAL and an empty message before any
// handler runs. That is the client's fault, not the server's: report it as
// INVALID_ARGUMENT with a message saying what to check. Handlers never send
// INTERNAL with an empty message (ToGrpcStatus fills one in); those that read
// the wire form themselves (ListQuotes) answer the same.
class MalformedRequestInterceptor : public grpc::experimental::Interceptor {
 public:
  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(
            grpc::experimental::InterceptionHookPoints::PRE_SEND_STATUS)) {
      const grpc::Status status = methods->GetSendStatus();
      if (status.error_message().empty() &&
          status.error_code() == grpc::StatusCode::INTERNAL) {
        methods->ModifySendStatus(
            grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                         std::string(kMalformedRequestMessage)));
      }
    }
    methods->Proceed();
  }
};

class MalformedRequestInterceptorFactory
    : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* /*info*/) override {
    return new MalformedRequestInterceptor;
  }
};

absl::StatusOr<std::string> ReadPemFile(const std::string& path,
                                        std::string_view flag) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return absl::InvalidArgumentError(
        absl::StrCat(Sv(flag), ": cannot read ", path));
  }
  std::ostringstream contents;
  contents << in.rdbuf();
  return contents.str();
}

// 127.0.0.0/8, ::1, and IPv4-mapped 127.0.0.0/8; false for anything that
// is not a numeric address.
bool IsLoopbackIp(const std::string& ip) {
  in_addr v4;
  if (inet_pton(AF_INET, ip.c_str(), &v4) == 1) {
    return (ntohl(v4.s_addr) >> 24) == 127;
  }
  in6_addr v6;
  if (inet_pton(AF_INET6, ip.c_str(), &v6) != 1) return false;
  if (IN6_IS_ADDR_LOOPBACK(&v6)) return true;
  return IN6_IS_ADDR_V4MAPPED(&v6) && v6.s6_addr[12] == 127;
}

}  // namespace

absl::StatusOr<std::vector<std::string>> ResolveHost(const std::string& host) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE;
  addrinfo* found = nullptr;
  const int rc = getaddrinfo(host.empty() ? nullptr : host.c_str(), "0",
                             &hints, &found);
  if (rc != 0) {
    return absl::NotFoundError(absl::StrCat("cannot resolve \"", host,
                                            "\": ", gai_strerror(rc)));
  }
  std::vector<std::string> addresses;
  for (const addrinfo* a = found; a != nullptr; a = a->ai_next) {
    char text[INET6_ADDRSTRLEN] = {};
    const void* raw = nullptr;
    if (a->ai_family == AF_INET) {
      raw = &reinterpret_cast<const sockaddr_in*>(a->ai_addr)->sin_addr;
    } else if (a->ai_family == AF_INET6) {
      raw = &reinterpret_cast<const sockaddr_in6*>(a->ai_addr)->sin6_addr;
    } else {
      continue;
    }
    if (inet_ntop(a->ai_family, raw, text, sizeof(text)) != nullptr) {
      addresses.push_back(text);
    }
  }
  freeaddrinfo(found);
  if (addresses.empty()) {
    return absl::NotFoundError(
        absl::StrCat("\"", host, "\" resolves to no IP address"));
  }
  return addresses;
}

absl::Status RequireLoopback(std::string_view listen_address,
                             const HostResolver& resolve) {
  absl::string_view address = Sv(listen_address);
  if (!absl::ConsumePrefix(&address, "ipv4:")) {
    absl::ConsumePrefix(&address, "ipv6:");
  }
  std::string host;
  if (absl::StartsWith(address, "[")) {
    const size_t end = address.find(']');
    if (end == absl::string_view::npos) {
      return absl::InvalidArgumentError(
          absl::StrCat("listen address ", address, ": missing ']'"));
    }
    host = std::string(address.substr(1, end - 1));
  } else {
    const size_t colon = address.rfind(':');
    host = std::string(address.substr(0, colon));
  }
  absl::StatusOr<std::vector<std::string>> addresses = resolve(host);
  if (!addresses.ok()) return addresses.status();
  for (const std::string& ip : *addresses) {
    if (!IsLoopbackIp(ip)) {
      return absl::FailedPreconditionError(
          absl::StrCat("\"", host, "\" resolves to ", ip,
                       ", which is not a loopback address"));
    }
  }
  return absl::OkStatus();
}

bool IsLoopbackAddress(std::string_view listen_address) {
  return RequireLoopback(listen_address).ok();
}

absl::StatusOr<StartedServer> StartGrpcServer(const GrpcServerOptions& options,
                                              grpc::Service* service) {
  // Undecodable requests are answered with the field at fault
  // (quotewire/v1/request_traits.h), not logged.
  v1::QuietParseErrorLog();
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  // gRPC's health service does not use protobuf, so nothing would pull the
  // generated grpc.health.v1 code out of the static quotewire_proto library
  // and reflection clients (grpcurl) could not resolve Health. Referencing the
  // descriptor links it and registers it in the generated pool.
  (void)grpc::health::v1::HealthCheckRequest::descriptor();

  std::shared_ptr<grpc::ServerCredentials> credentials;
  if (options.tls_cert_file.empty() != options.tls_key_file.empty()) {
    return absl::InvalidArgumentError(
        "tls_cert and tls_key must be given together");
  }
  if (!options.tls_cert_file.empty()) {
    absl::StatusOr<std::string> cert =
        ReadPemFile(options.tls_cert_file, "tls_cert");
    if (!cert.ok()) return cert.status();
    absl::StatusOr<std::string> key = ReadPemFile(options.tls_key_file, "tls_key");
    if (!key.ok()) return key.status();
    grpc::SslServerCredentialsOptions ssl;
    ssl.pem_key_cert_pairs.push_back({*key, *cert});
    if (!options.tls_client_ca_file.empty()) {
      absl::StatusOr<std::string> client_ca =
          ReadPemFile(options.tls_client_ca_file, "tls_client_ca");
      if (!client_ca.ok()) return client_ca.status();
      ssl.pem_root_certs = *client_ca;
      ssl.client_certificate_request =
          GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY;
    }
    credentials = grpc::SslServerCredentials(ssl);
  } else if (!options.tls_client_ca_file.empty()) {
    return absl::InvalidArgumentError("tls_client_ca needs tls_cert and tls_key");
  } else {
    credentials = grpc::InsecureServerCredentials();
  }

  StartedServer started;
  grpc::ServerBuilder builder;
  builder.AddListeningPort(options.listen_address, credentials, &started.port);
  builder.SetMaxReceiveMessageSize(options.max_receive_message_bytes);
  if (options.max_grpc_memory_bytes > 0) {
    grpc::ResourceQuota quota("quotewire-server");
    quota.Resize(static_cast<size_t>(options.max_grpc_memory_bytes));
    builder.SetResourceQuota(quota);
  }
  if (options.max_streams_per_connection > 0) {
    builder.AddChannelArgument(GRPC_ARG_MAX_CONCURRENT_STREAMS,
                               options.max_streams_per_connection);
  }
  builder.RegisterService(service);
  std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>>
      interceptors;
  interceptors.push_back(std::make_unique<MalformedRequestInterceptorFactory>());
  if (options.observer) interceptors.push_back(options.observer());
  builder.experimental().SetInterceptorCreators(std::move(interceptors));
  started.server = builder.BuildAndStart();
  if (started.server == nullptr || started.port == 0) {
    return absl::UnavailableError(
        absl::StrCat("cannot listen on ", options.listen_address));
  }
  grpc::HealthCheckServiceInterface* health =
      started.server->GetHealthCheckService();
  if (health != nullptr) {
    health->SetServingStatus(true);
    health->SetServingStatus("quotewire.v1.QuoteService", true);
  }
  return started;
}

}  // namespace quotewire

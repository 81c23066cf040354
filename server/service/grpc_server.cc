#include "server/service/grpc_server.h"

#include <fstream>
#include <sstream>
#include <utility>
#include <vector>

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>
#include <grpcpp/support/server_interceptor.h>

#include "absl/strings/match.h"
#include "grpc/health/v1/health.pb.h"
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

}  // namespace

bool IsLoopbackAddress(std::string_view listen_address) {
  absl::string_view address = Sv(listen_address);
  if (!absl::ConsumePrefix(&address, "ipv4:")) {
    absl::ConsumePrefix(&address, "ipv6:");
  }
  std::string host;
  if (absl::StartsWith(address, "[")) {
    const size_t end = address.find(']');
    if (end == absl::string_view::npos) return false;
    host = std::string(address.substr(1, end - 1));
  } else {
    const size_t colon = address.rfind(':');
    host = std::string(address.substr(0, colon));
  }
  return host == "localhost" || host == "::1" ||
         absl::StartsWith(host, "127.");
}

absl::StatusOr<StartedServer> StartGrpcServer(const GrpcServerOptions& options,
                                              grpc::Service* service) {
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

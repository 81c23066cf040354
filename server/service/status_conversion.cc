#include "server/service/status_conversion.h"

#include <string>

namespace quotewire {

grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  std::string message(status.message());
  if (message.empty()) message = absl::StatusCodeToString(status.code());
  // absl::StatusCode and grpc::StatusCode share the canonical numbering
  // (google.rpc.Code); anything outside it is reported as UNKNOWN.
  const int code = static_cast<int>(status.code());
  const grpc::StatusCode grpc_code =
      code >= 0 && code <= static_cast<int>(grpc::StatusCode::UNAUTHENTICATED)
          ? static_cast<grpc::StatusCode>(code)
          : grpc::StatusCode::UNKNOWN;
  return grpc::Status(grpc_code, message);
}

}  // namespace quotewire

#include "server/service/status_conversion.h"

#include <string>

#include "absl/strings/cord.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "server/core/absl_compat.h"
#include "server/core/error_details.h"

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
  google::rpc::Status details;
  status.ForEachPayload(
      [&details](absl::string_view type_url, const absl::Cord& payload) {
        google::protobuf::Any* any = details.add_details();
        any->set_type_url(std::string(type_url));
        any->set_value(std::string(payload));
      });
  if (details.details_size() == 0) return grpc::Status(grpc_code, message);
  details.set_code(static_cast<int>(grpc_code));
  details.set_message(message);
  return grpc::Status(grpc_code, message, details.SerializeAsString());
}

absl::Status RequestTooLargeError(std::string_view field,
                                  std::string_view message) {
  absl::Status status = absl::ResourceExhaustedError(Sv(message));
  google::rpc::BadRequest detail;
  google::rpc::BadRequest::FieldViolation* violation =
      detail.add_field_violations();
  violation->set_field(std::string(field));
  violation->set_description(std::string(message));
  status.SetPayload(kBadRequestTypeUrl, absl::Cord(detail.SerializeAsString()));
  return status;
}

}  // namespace quotewire

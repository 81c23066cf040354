// The single place where an absl::Status becomes a grpc::Status. Every rpc of
// the service returns through ToGrpcStatus(), so codes and messages are mapped
// the same way everywhere.
//
// Thread safety: pure functions.
#ifndef QUOTEWIRE_SERVER_SERVICE_STATUS_CONVERSION_H_
#define QUOTEWIRE_SERVER_SERVICE_STATUS_CONVERSION_H_

#include <grpcpp/support/status.h>

#include <string_view>

#include "absl/status/status.h"

namespace quotewire {

// Maps the code one to one (the numeric values agree) and keeps the message.
// An error with an empty message gets the code's name as its message, so that
// a client never sees an error without text. The status's payloads become
// the details of a google.rpc.Status in error_details() (the gRPC rich error
// model: type URL and bytes kept as they are).
grpc::Status ToGrpcStatus(const absl::Status& status);

// ResourceExhausted with `message` and a google.rpc.BadRequest detail naming
// `field` (server/core/error_details.h): the request itself is too large, as
// opposed to a busy server.
absl::Status RequestTooLargeError(std::string_view field,
                                  std::string_view message);

}  // namespace quotewire

#endif  // QUOTEWIRE_SERVER_SERVICE_STATUS_CONVERSION_H_

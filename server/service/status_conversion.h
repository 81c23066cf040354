// The single place where an absl::Status becomes a grpc::Status. Every rpc of
// the service returns through ToGrpcStatus(), so codes and messages are mapped
// the same way everywhere.
//
// Thread safety: pure functions.
#ifndef QUOTEWIRE_SERVER_SERVICE_STATUS_CONVERSION_H_
#define QUOTEWIRE_SERVER_SERVICE_STATUS_CONVERSION_H_

#include <grpcpp/support/status.h>

#include "absl/status/status.h"

namespace quotewire {

// Maps the code one to one (the numeric values agree) and keeps the message.
// An error with an empty message gets the code's name as its message, so that
// a client never sees an error without text.
grpc::Status ToGrpcStatus(const absl::Status& status);

}  // namespace quotewire

#endif  // QUOTEWIRE_SERVER_SERVICE_STATUS_CONVERSION_H_

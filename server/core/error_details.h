// The standard error details (google/rpc/error_details.proto, the gRPC rich
// error model) Quotewire attaches to some errors, so that code can tell two
// causes of one status code apart without reading the message (which is for
// people and may change).
//
// An absl::Status carries a detail as a payload under the detail's type URL,
// the value its serialized bytes; ToGrpcStatus puts every payload in the
// grpc::Status's error_details (a google.rpc.Status), where gRPC clients and
// the HTTP gateway read them.
#ifndef QUOTEWIRE_SERVER_CORE_ERROR_DETAILS_H_
#define QUOTEWIRE_SERVER_CORE_ERROR_DETAILS_H_

namespace quotewire {

// google.rpc.BadRequest (field violations): on RESOURCE_EXHAUSTED, the
// request itself is too large (an article over --max_article_bytes, a batch
// over --max_batch_articles or --max_batch_mib) and sending it again
// unchanged fails again: HTTP 413. RESOURCE_EXHAUSTED without it is a busy
// server (retry later): HTTP 429.
inline constexpr char kBadRequestTypeUrl[] =
    "type.googleapis.com/google.rpc.BadRequest";

}  // namespace quotewire

#endif  // QUOTEWIRE_SERVER_CORE_ERROR_DETAILS_H_

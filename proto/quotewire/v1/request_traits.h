// How quotewire.v1 request messages are decoded from the wire. Included by
// the generated quotewire.grpc.pb.h (protoc's additional_header_includes, see
// proto/CMakeLists.txt), so that every handler gRPC instantiates for these
// request types (and, through MessageLite, the synchronous unary handlers of
// every service) uses it.
//
// Protobuf refuses a proto3 string field that holds invalid UTF-8, and gRPC
// then answers INTERNAL with no message. Here a request that does not decode
// is INVALID_ARGUMENT with the path of the offending field
// ("article.text: invalid UTF-8 at byte offset 3", "people[1]: ..."), found
// by walking the wire form with the message's descriptor.
//
// A message of a client stream (BatchIngestArticlesRequest) that does not
// decode must not end the stream silently (gRPC would report it as the end of
// the stream): it decodes as an empty message carrying the error, which the
// handler reads with DecodeError() and answers in that message's result.
//
// Thread safety: pure functions.
#ifndef QUOTEWIRE_PROTO_QUOTEWIRE_V1_REQUEST_TRAITS_H_
#define QUOTEWIRE_PROTO_QUOTEWIRE_V1_REQUEST_TRAITS_H_

#include <optional>
#include <string>
#include <string_view>

#include <google/protobuf/message.h>
#include <grpcpp/impl/codegen/proto_utils.h>
#include <grpcpp/support/byte_buffer.h>
#include <grpcpp/support/status.h>

#include "quotewire/v1/quotewire.pb.h"

namespace quotewire::v1 {

// Why `bytes` does not decode as a `descriptor` message: "FIELD.PATH: invalid
// UTF-8 at byte offset N", "FIELD.PATH: truncated", or "request: malformed
// message (...)" when no field can be blamed.
std::string DescribeMalformed(std::string_view bytes,
                              const google::protobuf::Descriptor& descriptor);

// Decodes `buffer` into `message`; INVALID_ARGUMENT naming the field
// (DescribeMalformed) when it does not decode.
grpc::Status DecodeRequest(grpc::ByteBuffer* buffer,
                           google::protobuf::Message* message);

// DecodeRequest for a message with a descriptor; gRPC's own decoding
// (INTERNAL with no message on failure) for a lite one.
grpc::Status DecodeAnyRequest(grpc::ByteBuffer* buffer,
                              google::protobuf::MessageLite* message);

// For the messages of a client stream: always OK; a message that does not
// decode is left empty with the error for DecodeError().
grpc::Status DecodeStreamedRequest(grpc::ByteBuffer* buffer,
                                   google::protobuf::Message* message);

// The error DecodeStreamedRequest() left in `message`, if any.
std::optional<std::string> DecodeError(const google::protobuf::Message& message);

// Drops protobuf's per-message "invalid UTF-8 when parsing" error log line
// (the client gets the error; it is not the server's), passing every other
// log line on to stderr as protobuf does. Idempotent.
void QuietParseErrorLog();

}  // namespace quotewire::v1

#define QUOTEWIRE_REQUEST_TRAITS(Type, Decode)                              \
  template <>                                                               \
  class grpc::SerializationTraits<quotewire::v1::Type, void> {              \
   public:                                                                  \
    static grpc::Status Serialize(const quotewire::v1::Type& msg,           \
                                  grpc::ByteBuffer* bb, bool* own_buffer) { \
      return grpc::GenericSerialize<grpc::ProtoBufferWriter,                \
                                    quotewire::v1::Type>(msg, bb,           \
                                                         own_buffer);       \
    }                                                                       \
    static grpc::Status Deserialize(grpc::ByteBuffer* buffer,               \
                                    quotewire::v1::Type* msg) {             \
      return quotewire::v1::Decode(buffer, msg);                            \
    }                                                                       \
  };

QUOTEWIRE_REQUEST_TRAITS(ExtractQuotesRequest, DecodeRequest)
QUOTEWIRE_REQUEST_TRAITS(IngestArticleRequest, DecodeRequest)
QUOTEWIRE_REQUEST_TRAITS(BatchIngestArticlesRequest, DecodeStreamedRequest)
QUOTEWIRE_REQUEST_TRAITS(GetArticleRequest, DecodeRequest)
QUOTEWIRE_REQUEST_TRAITS(DeleteArticleRequest, DecodeRequest)
QUOTEWIRE_REQUEST_TRAITS(GetQuoteRequest, DecodeRequest)
QUOTEWIRE_REQUEST_TRAITS(ListQuotesRequest, DecodeRequest)
QUOTEWIRE_REQUEST_TRAITS(ListPeopleRequest, DecodeRequest)
QUOTEWIRE_REQUEST_TRAITS(GetPersonRequest, DecodeRequest)
QUOTEWIRE_REQUEST_TRAITS(ListSourcesRequest, DecodeRequest)
QUOTEWIRE_REQUEST_TRAITS(ListTopicsRequest, DecodeRequest)
QUOTEWIRE_REQUEST_TRAITS(WatchQuotesRequest, DecodeRequest)
QUOTEWIRE_REQUEST_TRAITS(MergePeopleRequest, DecodeRequest)
QUOTEWIRE_REQUEST_TRAITS(SplitPersonRequest, DecodeRequest)
QUOTEWIRE_REQUEST_TRAITS(RenamePersonRequest, DecodeRequest)
QUOTEWIRE_REQUEST_TRAITS(ReattributeQuoteRequest, DecodeRequest)
QUOTEWIRE_REQUEST_TRAITS(ListCorrectionsRequest, DecodeRequest)
QUOTEWIRE_REQUEST_TRAITS(ListMergeSuggestionsRequest, DecodeRequest)

#undef QUOTEWIRE_REQUEST_TRAITS

// The synchronous unary handlers gRPC generates decode through MessageLite
// (grpcpp's "reduced templating"): the same answer for every message type
// with a descriptor, and gRPC's own for the others.
template <>
class grpc::SerializationTraits<google::protobuf::MessageLite, void> {
 public:
  static grpc::Status Serialize(const google::protobuf::MessageLite& msg,
                                grpc::ByteBuffer* bb, bool* own_buffer) {
    return grpc::GenericSerialize<grpc::ProtoBufferWriter,
                                  google::protobuf::MessageLite>(msg, bb,
                                                                 own_buffer);
  }
  static grpc::Status Deserialize(grpc::ByteBuffer* buffer,
                                  google::protobuf::MessageLite* msg) {
    return quotewire::v1::DecodeAnyRequest(buffer, msg);
  }
};

#endif  // QUOTEWIRE_PROTO_QUOTEWIRE_V1_REQUEST_TRAITS_H_

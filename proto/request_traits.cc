#include "quotewire/v1/request_traits.h"

#include <cstdio>
#include <mutex>
#include <vector>

#include <google/protobuf/descriptor.h>
#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/stubs/common.h>
#include <google/protobuf/stubs/logging.h>
#include <google/protobuf/unknown_field_set.h>
#include <google/protobuf/wire_format_lite.h>
#include <grpcpp/support/proto_buffer_reader.h>

namespace quotewire::v1 {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::internal::WireFormatLite;
using google::protobuf::io::CodedInputStream;

// The unknown field that carries a decode error (the largest field number;
// no quotewire message uses it).
constexpr int kDecodeErrorField = 536870911;
constexpr int kMaxDepth = 64;

std::string Join(const std::string& path, const std::string& name) {
  return path.empty() ? name : path + "." + name;
}

// Walks one message's fields; false with `*error` at the first field that
// cannot be read or holds invalid UTF-8.
// `size` is the size of the whole input.
bool Walk(CodedInputStream* in, int size, const Descriptor& descriptor,
          const std::string& path, int depth, std::string* error) {
  if (depth > kMaxDepth) {
    *error = Join(path, "") + ": nested too deeply";
    return false;
  }
  std::vector<std::pair<int, int>> repeated_seen;  // field number, count
  for (;;) {
    const uint32_t tag = in->ReadTag();
    if (tag == 0) {
      if (in->ConsumedEntireMessage()) return true;
      *error = path.empty()
                   ? "request: malformed message (not a " +
                         descriptor.full_name() + ")"
                   : path + ": malformed message";
      return false;
    }
    const int number = WireFormatLite::GetTagFieldNumber(tag);
    const FieldDescriptor* field = descriptor.FindFieldByNumber(number);
    std::string name =
        Join(path, field != nullptr ? field->name()
                                    : "field " + std::to_string(number));
    if (field != nullptr && field->is_repeated()) {
      int index = 0;
      for (auto& [n, count] : repeated_seen) {
        if (n == number) index = count++;
      }
      if (index == 0) repeated_seen.push_back({number, 1});
      name += "[" + std::to_string(index) + "]";
    }
    const bool delimited = WireFormatLite::GetTagWireType(tag) ==
                           WireFormatLite::WIRETYPE_LENGTH_DELIMITED;
    if (field != nullptr && delimited &&
        field->type() == FieldDescriptor::TYPE_STRING) {
      uint32_t length = 0;
      std::string value;
      if (!in->ReadVarint32(&length) || !in->ReadString(&value, length)) {
        *error = name + ": truncated";
        return false;
      }
      const int valid = google::protobuf::internal::UTF8SpnStructurallyValid(value);
      if (valid != static_cast<int>(value.size())) {
        *error = name + ": invalid UTF-8 at byte offset " + std::to_string(valid);
        return false;
      }
      continue;
    }
    if (field != nullptr && delimited &&
        field->type() == FieldDescriptor::TYPE_MESSAGE) {
      uint32_t length = 0;
      if (!in->ReadVarint32(&length)) {
        *error = name + ": truncated";
        return false;
      }
      if (length > static_cast<uint32_t>(size - in->CurrentPosition())) {
        *error = name + ": truncated";
        return false;
      }
      const CodedInputStream::Limit limit = in->PushLimit(length);
      if (!Walk(in, size, *field->message_type(), name, depth + 1, error)) {
        return false;
      }
      in->PopLimit(limit);
      continue;
    }
    if (!WireFormatLite::SkipField(in, tag)) {
      *error = name + ": truncated or malformed";
      return false;
    }
  }
}

std::string Dump(const grpc::ByteBuffer& buffer) {
  std::vector<grpc::Slice> slices;
  std::string bytes;
  if (!buffer.Dump(&slices).ok()) return bytes;
  for (const grpc::Slice& slice : slices) {
    bytes.append(reinterpret_cast<const char*>(slice.begin()), slice.size());
  }
  return bytes;
}

// Decodes; on failure the description of what is wrong.
std::optional<std::string> Decode(grpc::ByteBuffer* buffer,
                                  google::protobuf::Message* message) {
  grpc::ByteBuffer copy(*buffer);  // shares the slices; kept for the error
  const grpc::Status status =
      grpc::GenericDeserialize<grpc::ProtoBufferReader,
                               google::protobuf::Message>(buffer, message);
  if (status.ok()) return std::nullopt;
  return DescribeMalformed(Dump(copy), *message->GetDescriptor());
}

void LogToStderr(google::protobuf::LogLevel level, const char* filename,
                 int line, const std::string& message) {
  static constexpr const char* kLevels[] = {"INFO", "WARNING", "ERROR",
                                            "FATAL"};
  // Reported to the client that sent the message.
  if (message.find("invalid UTF-8 data when parsing a protocol buffer") !=
      std::string::npos) {
    return;
  }
  std::fprintf(stderr, "[libprotobuf %s %s:%d] %s\n",
               kLevels[static_cast<int>(level) & 3], filename, line,
               message.c_str());
  std::fflush(stderr);
}

}  // namespace

std::string DescribeMalformed(std::string_view bytes,
                              const Descriptor& descriptor) {
  CodedInputStream in(reinterpret_cast<const uint8_t*>(bytes.data()),
                      static_cast<int>(bytes.size()));
  std::string error;
  if (!Walk(&in, static_cast<int>(bytes.size()), descriptor, "", 0, &error)) {
    return error;
  }
  return "request: malformed message (not a " + descriptor.full_name() + ")";
}

grpc::Status DecodeRequest(grpc::ByteBuffer* buffer,
                           google::protobuf::Message* message) {
  std::optional<std::string> error = Decode(buffer, message);
  if (!error) return grpc::Status::OK;
  return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, *error);
}

grpc::Status DecodeAnyRequest(grpc::ByteBuffer* buffer,
                              google::protobuf::MessageLite* message) {
  if (auto* full = dynamic_cast<google::protobuf::Message*>(message)) {
    return DecodeRequest(buffer, full);
  }
  return grpc::GenericDeserialize<grpc::ProtoBufferReader,
                                  google::protobuf::MessageLite>(buffer, message);
}

grpc::Status DecodeStreamedRequest(grpc::ByteBuffer* buffer,
                                   google::protobuf::Message* message) {
  std::optional<std::string> error = Decode(buffer, message);
  if (error) {
    message->Clear();
    message->GetReflection()
        ->MutableUnknownFields(message)
        ->AddLengthDelimited(kDecodeErrorField, *error);
  }
  return grpc::Status::OK;
}

std::optional<std::string> DecodeError(const google::protobuf::Message& message) {
  const google::protobuf::UnknownFieldSet& unknown =
      message.GetReflection()->GetUnknownFields(message);
  for (int i = 0; i < unknown.field_count(); ++i) {
    const google::protobuf::UnknownField& field = unknown.field(i);
    if (field.number() == kDecodeErrorField &&
        field.type() == google::protobuf::UnknownField::TYPE_LENGTH_DELIMITED) {
      return field.length_delimited();
    }
  }
  return std::nullopt;
}

void QuietParseErrorLog() {
  static std::once_flag once;
  std::call_once(once, [] { google::protobuf::SetLogHandler(&LogToStderr); });
}

}  // namespace quotewire::v1

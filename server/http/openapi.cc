#include "server/http/openapi.h"

#include <google/protobuf/struct.pb.h>

#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "server/core/absl_compat.h"

namespace quotewire {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Struct;
using google::protobuf::Value;

Value Str(std::string_view text) {
  Value value;
  value.set_string_value(std::string(text));
  return value;
}

Value Obj(std::initializer_list<std::pair<const char*, Value>> members) {
  Value value;
  auto& fields = *value.mutable_struct_value()->mutable_fields();
  for (const auto& [name, member] : members) fields[name] = member;
  return value;
}

Struct& Fields(Value& value) { return *value.mutable_struct_value(); }
Value& At(Value& value, const std::string& key) {
  return (*Fields(value).mutable_fields())[key];
}

Value Ref(const Descriptor* type) {
  return Obj({{"$ref",
               Str(absl::StrCat("#/components/schemas/", type->full_name()))}});
}

// The JSON schema of one value of `field` (ignoring `repeated`).
Value ScalarSchema(const FieldDescriptor* field,
                   std::set<const Descriptor*>* needed) {
  switch (field->type()) {
    case FieldDescriptor::TYPE_STRING:
      return Obj({{"type", Str("string")}});
    case FieldDescriptor::TYPE_BYTES:
      return Obj({{"type", Str("string")}, {"format", Str("byte")}});
    case FieldDescriptor::TYPE_BOOL:
      return Obj({{"type", Str("boolean")}});
    case FieldDescriptor::TYPE_DOUBLE:
    case FieldDescriptor::TYPE_FLOAT:
      return Obj({{"type", Str("number")}});
    case FieldDescriptor::TYPE_INT32:
    case FieldDescriptor::TYPE_SINT32:
    case FieldDescriptor::TYPE_SFIXED32:
      return Obj({{"type", Str("integer")}, {"format", Str("int32")}});
    case FieldDescriptor::TYPE_UINT32:
    case FieldDescriptor::TYPE_FIXED32:
      return Obj({{"type", Str("integer")}, {"format", Str("uint32")}});
    case FieldDescriptor::TYPE_INT64:
    case FieldDescriptor::TYPE_SINT64:
    case FieldDescriptor::TYPE_SFIXED64:
      return Obj({{"type", Str("string")}, {"format", Str("int64")}});
    case FieldDescriptor::TYPE_UINT64:
    case FieldDescriptor::TYPE_FIXED64:
      return Obj({{"type", Str("string")}, {"format", Str("uint64")}});
    case FieldDescriptor::TYPE_ENUM: {
      Value schema = Obj({{"type", Str("string")}});
      Value& names = At(schema, "enum");
      for (int i = 0; i < field->enum_type()->value_count(); ++i) {
        *names.mutable_list_value()->add_values() =
            Str(field->enum_type()->value(i)->name());
      }
      return schema;
    }
    default: {
      const Descriptor* type = field->message_type();
      const std::string& name = type->full_name();
      if (name == "google.protobuf.Timestamp") {
        return Obj({{"type", Str("string")}, {"format", Str("date-time")}});
      }
      if (name == "google.protobuf.Duration")
        return Obj({{"type", Str("string")}});
      if (name == "google.protobuf.Any" || name == "google.protobuf.Struct") {
        return Obj({{"type", Str("object")}});
      }
      needed->insert(type);
      return Ref(type);
    }
  }
}

Value FieldSchema(const FieldDescriptor* field,
                  std::set<const Descriptor*>* needed) {
  if (field->is_map()) {
    return Obj({{"type", Str("object")},
                {"additionalProperties",
                 ScalarSchema(field->message_type()->map_value(), needed)}});
  }
  Value item = ScalarSchema(field, needed);
  if (!field->is_repeated()) return item;
  return Obj({{"type", Str("array")}, {"items", item}});
}

Value MessageSchema(const Descriptor* type,
                    std::set<const Descriptor*>* needed) {
  Value schema = Obj({{"type", Str("object")}});
  Value& properties = At(schema, "properties");
  properties.mutable_struct_value();
  for (int i = 0; i < type->field_count(); ++i) {
    const FieldDescriptor* field = type->field(i);
    At(properties, field->json_name()) = FieldSchema(field, needed);
  }
  return schema;
}

// Query parameters: the scalar (and timestamp) fields not bound by the path.
bool IsQueryable(const FieldDescriptor* field) {
  if (field->is_map()) return false;
  if (field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) return true;
  return field->message_type()->full_name() == "google.protobuf.Timestamp";
}

std::string Summary(const google::protobuf::MethodDescriptor* method) {
  std::string summary =
      absl::StrCat(method->service()->name(), ".", method->name());
  if (method->server_streaming())
    absl::StrAppend(&summary, " (server-sent events)");
  if (method->client_streaming()) {
    absl::StrAppend(&summary, " (one request message per line)");
  }
  return summary;
}

}  // namespace

std::string OpenApiPath(const HttpRoute& route) {
  std::string path;
  const auto& segments = route.path.segments;
  for (size_t s = 0; s < segments.size(); ++s) {
    const PathTemplate::Variable* variable = nullptr;
    for (const auto& v : route.path.variables) {
      if (static_cast<int>(s) >= v.begin && static_cast<int>(s) < v.end)
        variable = &v;
    }
    path += '/';
    if (segments[s].kind == PathTemplate::Kind::kLiteral) {
      path += segments[s].literal;
      continue;
    }
    std::string name =
        variable == nullptr
            ? absl::StrCat("segment", s)
            : std::string(std::vector<std::string>(
                              absl::StrSplit(variable->field_path, '.'))
                              .back());
    int wildcards = 0, index = 0;
    if (variable != nullptr) {
      for (int i = variable->begin; i < variable->end; ++i) {
        if (segments[i].kind != PathTemplate::Kind::kLiteral) {
          ++wildcards;
          if (i < static_cast<int>(s)) ++index;
        }
      }
    }
    if (wildcards > 1) absl::StrAppend(&name, "_", index + 1);
    absl::StrAppend(&path, "{", name, "}");
  }
  if (!route.path.verb.empty()) absl::StrAppend(&path, ":", route.path.verb);
  return path;
}

std::string OpenApiDocument(const google::protobuf::ServiceDescriptor* service,
                            const std::vector<HttpRoute>& routes,
                            std::string_view title, std::string_view version) {
  std::set<const Descriptor*> needed;
  Value doc =
      Obj({{"openapi", Str("3.0.3")},
           {"info",
            Obj({{"title", Str(title)},
                 {"version", Str(version)},
                 {"description", Str(absl::StrCat("HTTP/JSON mapping of ",
                                                  service->full_name(),
                                                  " (google.api.http)"))}})}});
  Value& paths = At(doc, "paths");
  paths.mutable_struct_value();
  const Value error_response = Obj(
      {{"description", Str("An error: the gRPC status as google.rpc.Status")},
       {"content",
        Obj({{"application/json",
              Obj({{"schema",
                    Obj({{"$ref", Str("#/components/schemas/"
                                      "google.rpc.Status")}})}})}})}});
  for (const HttpRoute& route : routes) {
    const auto* method = route.method;
    Value operation = Obj({{"operationId", Str(method->name())},
                           {"summary", Str(Summary(method))},
                           {"tags", Value()}});
    *At(operation, "tags").mutable_list_value()->add_values() =
        Str(service->name());
    Value& parameters = At(operation, "parameters");
    parameters.mutable_list_value();
    std::set<std::string> bound;
    const std::string path = OpenApiPath(route);
    for (const auto& variable : route.path.variables) {
      bound.insert(
          std::vector<std::string>(absl::StrSplit(variable.field_path, '.'))
              .front());
    }
    // Path parameters, in the order they appear.
    for (size_t open = path.find('{'); open != std::string::npos;
         open = path.find('{', open + 1)) {
      const std::string name =
          path.substr(open + 1, path.find('}', open) - open - 1);
      *parameters.mutable_list_value()->add_values() =
          Obj({{"name", Str(name)},
               {"in", Str("path")},
               {"required", Value()},
               {"schema", Obj({{"type", Str("string")}})}});
      auto& last = *parameters.mutable_list_value()->mutable_values(
          parameters.list_value().values_size() - 1);
      At(last, "required").set_bool_value(true);
    }
    const Descriptor* input = method->input_type();
    if (route.body.empty()) {
      for (int i = 0; i < input->field_count(); ++i) {
        const FieldDescriptor* field = input->field(i);
        if (bound.count(field->name()) || !IsQueryable(field)) continue;
        *parameters.mutable_list_value()->add_values() =
            Obj({{"name", Str(field->name())},
                 {"in", Str("query")},
                 {"schema", FieldSchema(field, &needed)}});
      }
    } else {
      Value schema =
          route.body == "*"
              ? Ref(input)
              : FieldSchema(input->FindFieldByName(route.body), &needed);
      needed.insert(input);
      At(operation, "requestBody") = Obj(
          {{"required", Value()},
           {"content", Obj({{method->client_streaming() ? "application/x-ndjson"
                                                        : "application/json",
                             Obj({{"schema", schema}})}})}});
      At(At(operation, "requestBody"), "required").set_bool_value(true);
    }
    needed.insert(method->output_type());
    Value ok = Obj(
        {{"description",
          Str(method->server_streaming() ? "A stream of server-sent events, "
                                           "one response message per event"
                                         : "OK")},
         {"content", Obj({{method->server_streaming() ? "text/event-stream"
                                                      : "application/json",
                           Obj({{"schema", Ref(method->output_type())}})}})}});
    At(operation, "responses") =
        Obj({{"200", ok}, {"default", error_response}});
    At(At(paths, path), absl::AsciiStrToLower(route.http_method)) = operation;
  }
  // Schemas: every message reachable from the operations.
  Value& schemas = At(At(doc, "components"), "schemas");
  schemas.mutable_struct_value();
  std::set<const Descriptor*> done;
  needed.insert(
      google::protobuf::DescriptorPool::generated_pool()->FindMessageTypeByName(
          "google.rpc.Status"));
  needed.erase(nullptr);
  while (!needed.empty()) {
    const Descriptor* type = *needed.begin();
    needed.erase(needed.begin());
    if (!done.insert(type).second) continue;
    At(schemas, type->full_name()) = MessageSchema(type, &needed);
  }
  At(At(doc, "components"), "securitySchemes") =
      Obj({{"bearerAuth",
            Obj({{"type", Str("http")}, {"scheme", Str("bearer")}})}});
  // Reads may be open; writes need a token when the server has a token file.
  Value& security = At(doc, "security");
  Value anonymous;
  anonymous.mutable_struct_value();
  *security.mutable_list_value()->add_values() = anonymous;
  Value bearer = Obj({{"bearerAuth", Value()}});
  At(bearer, "bearerAuth").mutable_list_value();
  *security.mutable_list_value()->add_values() = bearer;
  return ToJson(Fields(doc));
}

}  // namespace quotewire

#include "server/http/http_rules.h"

#include <google/protobuf/util/json_util.h>

#include <cctype>
#include <map>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "google/api/annotations.pb.h"
#include "google/rpc/status.pb.h"
#include "server/core/error_details.h"
#include "server/core/absl_compat.h"

namespace quotewire {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;

absl::Status Invalid(std::string_view what) {
  return absl::InvalidArgumentError(Sv(what));
}

// Parses "a/*/b" or "**" into segments.
absl::Status AddSegments(std::string_view text, PathTemplate* out) {
  for (absl::string_view part : absl::StrSplit(Sv(text), '/')) {
    PathTemplate::Segment segment;
    if (part == "*") {
      segment.kind = PathTemplate::Kind::kStar;
    } else if (part == "**") {
      segment.kind = PathTemplate::Kind::kDoubleStar;
    } else if (part.empty() || part.find_first_of("{}*=:") != part.npos) {
      return Invalid(absl::StrCat("bad path segment \"", part, "\""));
    } else {
      segment.literal = std::string(part);
    }
    out->segments.push_back(std::move(segment));
  }
  return absl::OkStatus();
}

// The field of `type` called `name` or whose JSON name is `name`.
const FieldDescriptor* FindField(const Descriptor* type,
                                 std::string_view name) {
  const FieldDescriptor* field = type->FindFieldByName(std::string(name));
  for (int i = 0; field == nullptr && i < type->field_count(); ++i) {
    if (type->field(i)->json_name() == name) field = type->field(i);
  }
  return field;
}

// Query parameters and path bindings as a JSON object, so that protobuf's
// JSON parser does every type conversion.
struct JsonObject {
  std::map<std::string, JsonObject> objects;
  std::map<std::string, std::vector<std::string>> values;  // rendered

  std::string Render() const {
    std::vector<std::string> members;
    for (const auto& [name, object] : objects) {
      members.push_back(absl::StrCat(JsonQuote(name), ":", object.Render()));
    }
    for (const auto& [name, list] : values) {
      members.push_back(absl::StrCat(JsonQuote(name), ":", list.front()));
    }
    return absl::StrCat("{", absl::StrJoin(members, ","), "}");
  }
};

// `value` as the JSON of `field`'s (singular) type.
absl::StatusOr<std::string> RenderScalar(const FieldDescriptor* field,
                                         std::string_view param,
                                         std::string_view value) {
  switch (field->cpp_type()) {
    case FieldDescriptor::CPPTYPE_BOOL: {
      const std::string lower = absl::AsciiStrToLower(Sv(value));
      if (lower == "true" || lower == "1" || lower.empty())
        return std::string("true");
      if (lower == "false" || lower == "0") return std::string("false");
      return Invalid(
          absl::StrCat(Sv(param), ": not a boolean (true or false)"));
    }
    case FieldDescriptor::CPPTYPE_ENUM: {
      const bool digits =
          !value.empty() && std::all_of(value.begin(), value.end(), [](char c) {
            return std::isdigit(static_cast<unsigned char>(c));
          });
      if (digits) return std::string(value);
      return JsonQuote(value);
    }
    case FieldDescriptor::CPPTYPE_MESSAGE: {
      const std::string& type = field->message_type()->full_name();
      if (type == "google.protobuf.Timestamp" ||
          type == "google.protobuf.Duration" ||
          type == "google.protobuf.FieldMask" ||
          (absl::StartsWith(type, "google.protobuf.") &&
           absl::EndsWith(type, "Value"))) {
        return JsonQuote(value);
      }
      return Invalid(absl::StrCat(Sv(param), ": a message; set its fields as ",
                                  Sv(param), ".FIELD"));
    }
    default:
      // Numbers are accepted as JSON strings too; strings are strings.
      return JsonQuote(value);
  }
}

// Adds `value` at the dotted `path` of `object` (of message `type`).
absl::Status AddParam(const Descriptor* type, std::string_view path,
                      std::string_view value, bool replace,
                      JsonObject* object) {
  std::vector<std::string> names = absl::StrSplit(Sv(path), '.');
  for (size_t i = 0; i < names.size(); ++i) {
    const FieldDescriptor* field = FindField(type, names[i]);
    if (field == nullptr) {
      return Invalid(
          absl::StrCat(Sv(path), ": no such field in ", type->full_name()));
    }
    const bool last = i + 1 == names.size();
    if (!last) {
      if (field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE ||
          field->is_repeated()) {
        return Invalid(
            absl::StrCat(Sv(path), ": ", field->name(), " is not a message"));
      }
      object = &object->objects[field->name()];
      type = field->message_type();
      continue;
    }
    if (field->is_map()) {
      return Invalid(absl::StrCat(Sv(path), ": map fields go in the body"));
    }
    absl::StatusOr<std::string> rendered = RenderScalar(field, path, value);
    if (!rendered.ok()) return rendered.status();
    std::vector<std::string>& list = object->values[field->name()];
    if (field->is_repeated()) {
      if (replace) list.clear();
      // Rendered as one JSON array in list[0].
      if (list.empty()) {
        list.push_back(absl::StrCat("[", *rendered, "]"));
      } else {
        list[0].insert(list[0].size() - 1, absl::StrCat(",", *rendered));
      }
    } else {
      list.assign(1, *rendered);
    }
  }
  return absl::OkStatus();
}

absl::Status ParseJsonInto(std::string_view json, std::string_view what,
                           google::protobuf::Message* message) {
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;
  const auto status = google::protobuf::util::JsonStringToMessage(
      google::protobuf::StringPiece(json.data(), json.size()), message,
      options);
  if (!status.ok()) {
    return Invalid(absl::StrCat(Sv(what), ": ", std::string(status.message())));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<PathTemplate> ParsePathTemplate(std::string_view text) {
  PathTemplate out;
  if (text.empty() || text[0] != '/') {
    return Invalid(absl::StrCat("path template \"", Sv(text),
                                "\" does not start with '/'"));
  }
  std::string_view rest = text.substr(1);
  // The verb: a ':' after the last '/' and outside braces.
  const size_t last_slash = rest.rfind('/');
  const size_t last_brace = rest.rfind('}');
  const size_t colon = rest.rfind(':');
  if (colon != rest.npos && (last_slash == rest.npos || colon > last_slash) &&
      (last_brace == rest.npos || colon > last_brace)) {
    out.verb = std::string(rest.substr(colon + 1));
    rest = rest.substr(0, colon);
  }
  while (!rest.empty()) {
    size_t end;
    if (rest[0] == '{') {
      end = rest.find('}');
      if (end == rest.npos) return Invalid("unclosed '{' in path template");
      std::string_view inner = rest.substr(1, end - 1);
      const size_t eq = inner.find('=');
      PathTemplate::Variable variable;
      variable.field_path = std::string(inner.substr(0, eq));
      variable.begin = static_cast<int>(out.segments.size());
      absl::Status status = AddSegments(
          eq == inner.npos ? std::string_view("*") : inner.substr(eq + 1),
          &out);
      if (!status.ok()) return status;
      variable.end = static_cast<int>(out.segments.size());
      out.variables.push_back(std::move(variable));
      ++end;
    } else {
      end = rest.find('/');
      if (end == rest.npos) end = rest.size();
      absl::Status status = AddSegments(rest.substr(0, end), &out);
      if (!status.ok()) return status;
    }
    rest = rest.substr(end);
    if (!rest.empty()) {
      if (rest[0] != '/') return Invalid("expected '/' after '}'");
      rest.remove_prefix(1);
      if (rest.empty()) return Invalid("path template ends with '/'");
    }
  }
  for (size_t i = 0; i + 1 < out.segments.size(); ++i) {
    if (out.segments[i].kind == PathTemplate::Kind::kDoubleStar) {
      return Invalid("'**' must be the last segment");
    }
  }
  return out;
}

bool MatchPath(const PathTemplate& path_template, std::string_view path,
               std::vector<PathBinding>* bindings) {
  bindings->clear();
  if (path.empty() || path[0] != '/') return false;
  path.remove_prefix(1);
  if (!path_template.verb.empty()) {
    const std::string suffix = absl::StrCat(":", path_template.verb);
    if (!absl::EndsWith(Sv(path), suffix)) return false;
    path.remove_suffix(suffix.size());
  }
  std::vector<std::string_view> parts;
  for (absl::string_view part : absl::StrSplit(Sv(path), '/')) {
    parts.push_back(std::string_view(part.data(), part.size()));
  }
  const auto& segments = path_template.segments;
  // Where each template segment starts in `parts` (for the bindings).
  std::vector<size_t> starts(segments.size() + 1, 0);
  size_t p = 0;
  for (size_t s = 0; s < segments.size(); ++s) {
    starts[s] = p;
    const PathTemplate::Segment& segment = segments[s];
    if (segment.kind == PathTemplate::Kind::kDoubleStar) {
      if (p >= parts.size()) return false;
      p = parts.size();
      continue;
    }
    if (p >= parts.size() || parts[p].empty()) return false;
    if (segment.kind == PathTemplate::Kind::kLiteral &&
        parts[p] != segment.literal) {
      return false;
    }
    // Without a verb in the template, no segment may carry one.
    if (path_template.verb.empty() && p + 1 == parts.size() &&
        parts[p].find(':') != std::string_view::npos &&
        segment.kind != PathTemplate::Kind::kLiteral) {
      return false;
    }
    ++p;
  }
  starts[segments.size()] = p;
  if (p != parts.size()) return false;
  for (const PathTemplate::Variable& variable : path_template.variables) {
    std::string bound;
    for (size_t i = starts[variable.begin]; i < starts[variable.end]; ++i) {
      if (!bound.empty()) bound += '/';
      bound.append(parts[i].data(), parts[i].size());
    }
    bindings->emplace_back(variable.field_path, std::move(bound));
  }
  return true;
}

std::unique_ptr<google::protobuf::Message> NewMessage(const Descriptor* type) {
  const google::protobuf::Message* prototype =
      google::protobuf::MessageFactory::generated_factory()->GetPrototype(type);
  return std::unique_ptr<google::protobuf::Message>(prototype->New());
}

absl::StatusOr<std::vector<HttpRoute>> RoutesOf(
    const google::protobuf::ServiceDescriptor* service) {
  std::vector<HttpRoute> routes;
  for (int m = 0; m < service->method_count(); ++m) {
    const google::protobuf::MethodDescriptor* method = service->method(m);
    if (!method->options().HasExtension(google::api::http)) continue;
    const google::api::HttpRule& main_rule =
        method->options().GetExtension(google::api::http);
    std::vector<const google::api::HttpRule*> rules = {&main_rule};
    for (const google::api::HttpRule& extra : main_rule.additional_bindings()) {
      rules.push_back(&extra);
    }
    for (const google::api::HttpRule* rule : rules) {
      HttpRoute route;
      route.method = method;
      switch (rule->pattern_case()) {
        case google::api::HttpRule::kGet:
          route.http_method = "GET", route.path_text = rule->get();
          break;
        case google::api::HttpRule::kPost:
          route.http_method = "POST", route.path_text = rule->post();
          break;
        case google::api::HttpRule::kPut:
          route.http_method = "PUT", route.path_text = rule->put();
          break;
        case google::api::HttpRule::kPatch:
          route.http_method = "PATCH", route.path_text = rule->patch();
          break;
        case google::api::HttpRule::kDelete:
          route.http_method = "DELETE", route.path_text = rule->delete_();
          break;
        default:
          return Invalid(absl::StrCat(method->full_name(),
                                      ": unsupported google.api.http pattern"));
      }
      absl::StatusOr<PathTemplate> path = ParsePathTemplate(route.path_text);
      if (!path.ok()) {
        return Invalid(
            absl::StrCat(method->full_name(), ": ", path.status().message()));
      }
      route.path = *std::move(path);
      for (const PathTemplate::Variable& variable : route.path.variables) {
        const Descriptor* type = method->input_type();
        for (absl::string_view name :
             absl::StrSplit(variable.field_path, '.')) {
          const FieldDescriptor* field =
              type == nullptr ? nullptr : FindField(type, Sv(name));
          if (field == nullptr) {
            return Invalid(absl::StrCat(method->full_name(), ": path field ",
                                        variable.field_path, " not in ",
                                        method->input_type()->full_name()));
          }
          type = field->message_type();
        }
      }
      route.body = rule->body();
      if (!route.body.empty() && route.body != "*" &&
          method->input_type()->FindFieldByName(route.body) == nullptr) {
        return Invalid(absl::StrCat(method->full_name(), ": body field ",
                                    route.body, " not in the request"));
      }
      routes.push_back(std::move(route));
    }
  }
  return routes;
}

absl::Status BuildRequest(
    const HttpRoute& route, const std::vector<PathBinding>& bindings,
    const std::vector<std::pair<std::string, std::string>>& query,
    std::string_view body, google::protobuf::Message* request) {
  const Descriptor* type = request->GetDescriptor();
  const bool blank_body = std::all_of(body.begin(), body.end(), [](char c) {
    return std::isspace(static_cast<unsigned char>(c));
  });
  if (route.body == "*") {
    if (!blank_body) {
      absl::Status status = ParseJsonInto(body, "body", request);
      if (!status.ok()) return status;
    }
  } else if (!route.body.empty()) {
    if (!blank_body) {
      absl::Status status = ParseJsonInto(
          absl::StrCat("{", JsonQuote(route.body), ":", Sv(body), "}"), "body",
          request);
      if (!status.ok()) return status;
    }
  } else if (!blank_body) {
    return Invalid(absl::StrCat(route.http_method, " ", route.path_text,
                                " takes no body; use query parameters"));
  }
  JsonObject params;
  bool any = false;
  for (const auto& [name, value] : query) {
    absl::Status status = AddParam(type, name, value, false, &params);
    if (!status.ok()) return status;
    any = true;
  }
  for (const auto& [field_path, value] : bindings) {
    absl::Status status = AddParam(type, field_path, value, true, &params);
    if (!status.ok()) return status;
    any = true;
  }
  if (!any) return absl::OkStatus();
  std::unique_ptr<google::protobuf::Message> overlay = NewMessage(type);
  absl::Status status =
      ParseJsonInto(params.Render(), "query parameters", overlay.get());
  if (!status.ok()) return status;
  request->MergeFrom(*overlay);
  return absl::OkStatus();
}

absl::StatusOr<std::vector<std::string_view>> SplitJsonObjects(
    std::string_view body) {
  std::vector<std::string_view> objects;
  size_t i = 0;
  while (i < body.size()) {
    const char c = body[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
      continue;
    }
    if (c != '{') {
      return Invalid(absl::StrCat("body: expected a JSON object at byte ", i,
                                  " (one object per request message)"));
    }
    const size_t start = i;
    int depth = 0;
    bool in_string = false;
    for (; i < body.size(); ++i) {
      const char d = body[i];
      if (in_string) {
        if (d == '\\') {
          ++i;
        } else if (d == '"') {
          in_string = false;
        }
      } else if (d == '"') {
        in_string = true;
      } else if (d == '{' || d == '[') {
        ++depth;
      } else if (d == '}' || d == ']') {
        if (--depth == 0) break;
      }
    }
    if (i >= body.size()) {
      return Invalid(absl::StrCat("body: the JSON object at byte ", start,
                                  " is not closed"));
    }
    ++i;
    objects.push_back(body.substr(start, i - start));
  }
  return objects;
}

std::string ToJson(const google::protobuf::Message& message) {
  std::string json;
  google::protobuf::util::JsonPrintOptions options;
  // Never fails for generated messages with valid UTF-8 strings, which is
  // what the service sends.
  (void)google::protobuf::util::MessageToJsonString(message, &json, options);
  return json;
}

bool HasErrorDetail(std::string_view error_details, std::string_view type_url) {
  if (error_details.empty()) return false;
  google::rpc::Status status;
  if (!status.ParseFromArray(error_details.data(),
                             static_cast<int>(error_details.size()))) {
    return false;
  }
  for (const google::protobuf::Any& detail : status.details()) {
    if (detail.type_url() == type_url) return true;
  }
  return false;
}

int HttpStatusOf(int grpc_code, std::string_view error_details) {
  switch (grpc_code) {
    case 0:
      return 200;  // OK
    case 1:
      return 499;  // CANCELLED
    case 2:
      return 500;  // UNKNOWN
    case 3:
      return 400;  // INVALID_ARGUMENT
    case 4:
      return 504;  // DEADLINE_EXCEEDED
    case 5:
      return 404;  // NOT_FOUND
    case 6:
      return 409;  // ALREADY_EXISTS
    case 7:
      return 403;  // PERMISSION_DENIED
    case 8:        // RESOURCE_EXHAUSTED
      return HasErrorDetail(error_details, kBadRequestTypeUrl) ? 413 : 429;
    case 9:
      return 400;  // FAILED_PRECONDITION
    case 10:
      return 409;  // ABORTED
    case 11:
      return 400;  // OUT_OF_RANGE
    case 12:
      return 501;  // UNIMPLEMENTED
    case 13:
      return 500;  // INTERNAL
    case 14:
      return 503;  // UNAVAILABLE
    case 15:
      return 500;  // DATA_LOSS
    case 16:
      return 401;  // UNAUTHENTICATED
    default:
      return 500;
  }
}

std::string StatusJson(int grpc_code, std::string_view message) {
  google::rpc::Status status;
  status.set_code(grpc_code);
  status.set_message(std::string(message));
  return ToJson(status);
}

std::string JsonQuote(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          static const char kHex[] = "0123456789abcdef";
          out += "\\u00";
          out += kHex[(c >> 4) & 0xf];
          out += kHex[c & 0xf];
        } else {
          out += c;
        }
    }
  }
  out += '"';
  return out;
}

}  // namespace quotewire

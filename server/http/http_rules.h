// The HTTP/JSON mapping of a gRPC service, read from the google.api.http
// annotations of its methods (AIP-127, the mapping grpc-gateway and Envoy's
// transcoder use): which HTTP method and path template reach which rpc, and
// how a request's path variables, query parameters and JSON body become the
// rpc's request message. Nothing here is written per route.
//
//   absl::StatusOr<std::vector<HttpRoute>> routes =
//       RoutesOf(v1::QuoteService::descriptor());
//   const HttpRoute* route = nullptr;
//   std::vector<PathBinding> bindings;
//   for (const HttpRoute& r : *routes)
//     if (r.http_method == "GET" && MatchPath(r.path, "/v1/people/x",
//     &bindings))
//       route = &r;
//   std::unique_ptr<Message> request = NewMessage(route->method->input_type());
//   absl::Status s = BuildRequest(*route, bindings, query, body,
//   request.get());
//
// Supported templates: literal segments, `*`, a final `**`, variables
// `{field}` and `{field=pattern}` (pattern of literals, `*`, `**`), and a
// final `:verb`. Variables bind the matched segments joined by '/'
// ("people/Lukashenko").
//
// Thread safety: everything here is a pure function or immutable after
// construction; routes may be shared across threads.
#ifndef QUOTEWIRE_SERVER_HTTP_HTTP_RULES_H_
#define QUOTEWIRE_SERVER_HTTP_HTTP_RULES_H_

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace quotewire {

// A parsed path template such as "/v1/{name=people/*}:split".
struct PathTemplate {
  enum class Kind { kLiteral, kStar, kDoubleStar };
  struct Segment {
    Kind kind = Kind::kLiteral;
    std::string literal;
  };
  struct Variable {
    std::string field_path;  // "name", or "article.id"
    int begin = 0;           // segments [begin, end) bound to it
    int end = 0;
  };
  std::vector<Segment> segments;
  std::vector<Variable> variables;
  std::string verb;  // without the ':'; empty when none
};

// InvalidArgument naming the problem when `text` is not a supported template.
absl::StatusOr<PathTemplate> ParsePathTemplate(std::string_view text);

// A variable's field path and the text it bound.
using PathBinding = std::pair<std::string, std::string>;

// True iff `path` (decoded, without the query) matches `path_template`; then
// `bindings` holds one entry per variable.
bool MatchPath(const PathTemplate& path_template, std::string_view path,
               std::vector<PathBinding>* bindings);

struct HttpRoute {
  const google::protobuf::MethodDescriptor* method = nullptr;
  std::string http_method;  // "GET", "POST", "DELETE", "PUT", "PATCH"
  std::string path_text;    // the template as written in the proto
  PathTemplate path;
  // "*" (the whole request is the body), a top-level field name, or empty
  // (no body: every field not bound by the path comes from the query).
  std::string body;
};

// One route per google.api.http rule of each method of `service` (the main
// rule and its additional_bindings). Methods without a rule get none.
// InvalidArgument for a malformed rule (unknown body or path field, bad
// template), naming the method.
absl::StatusOr<std::vector<HttpRoute>> RoutesOf(
    const google::protobuf::ServiceDescriptor* service);

// A new, empty message of `type` from the generated pool.
std::unique_ptr<google::protobuf::Message> NewMessage(
    const google::protobuf::Descriptor* type);

// Fills `request` (of route.method->input_type()) from the body (JSON, per
// route.body; an empty body is "{}"), then the query parameters (`name` or
// `jsonName`, dotted for nested fields, repeated by repetition; enums by name
// or number, timestamps in RFC 3339), then the path bindings, each later
// source overriding a singular field an earlier one set. InvalidArgument
// naming the parameter or the JSON problem.
absl::Status BuildRequest(
    const HttpRoute& route, const std::vector<PathBinding>& bindings,
    const std::vector<std::pair<std::string, std::string>>& query,
    std::string_view body, google::protobuf::Message* request);

// Splits a body of concatenated JSON objects (newline-delimited JSON, or
// objects only separated by white space) into one string per object, for
// client-streaming rpcs. InvalidArgument when something other than objects
// and white space is found, or an object is not closed.
absl::StatusOr<std::vector<std::string_view>> SplitJsonObjects(
    std::string_view body);

// `message` in protobuf's canonical JSON mapping (lowerCamelCase names,
// default values omitted: what grpcurl prints).
std::string ToJson(const google::protobuf::Message& message);

// The HTTP status of a gRPC status code (the mapping grpc-gateway uses), with
// one refinement: RESOURCE_EXHAUSTED is 413 Payload Too Large when
// `error_details` (grpc::Status::error_details(), a serialized
// google.rpc.Status) holds a google.rpc.BadRequest (server/core/
// error_details.h: the request itself is too large), else 429 Too Many
// Requests (a busy server: retry later). The message is never read.
int HttpStatusOf(int grpc_code, std::string_view error_details = {});

// Whether `error_details` (a serialized google.rpc.Status) holds a detail
// of `type_url`.
bool HasErrorDetail(std::string_view error_details, std::string_view type_url);

// A google.rpc.Status JSON body: {"code": 3, "message": "..."}.
std::string StatusJson(int grpc_code, std::string_view message);

// `text` as a JSON string literal, quotes included.
std::string JsonQuote(std::string_view text);

}  // namespace quotewire

#endif  // QUOTEWIRE_SERVER_HTTP_HTTP_RULES_H_

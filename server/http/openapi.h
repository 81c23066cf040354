// An OpenAPI 3.0 document of the HTTP/JSON API, generated from the service's
// descriptors and its google.api.http routes (http_rules.h): one operation
// per route, a schema per message in the canonical JSON mapping
// (lowerCamelCase properties, 64-bit integers as strings, enums by name,
// Timestamp as RFC 3339), path variables as path parameters, the remaining
// scalar fields of bodiless routes as query parameters, errors as
// google.rpc.Status. Server-streaming rpcs answer text/event-stream (one
// `data:` line per response message); client-streaming ones take
// application/x-ndjson (one request message per line).
//
// A path variable bound to "people/*" appears as "/v1/people/{name}": the
// client sends the id (or, for people, any name form) and the resource name
// is "people/" + the id.
#ifndef QUOTEWIRE_SERVER_HTTP_OPENAPI_H_
#define QUOTEWIRE_SERVER_HTTP_OPENAPI_H_

#include <google/protobuf/descriptor.h>

#include <string>
#include <string_view>
#include <vector>

#include "server/http/http_rules.h"

namespace quotewire {

// The path of `route` in OpenAPI form ("/v1/people/{name}:split").
std::string OpenApiPath(const HttpRoute& route);

// The document as JSON.
std::string OpenApiDocument(const google::protobuf::ServiceDescriptor* service,
                            const std::vector<HttpRoute>& routes,
                            std::string_view title, std::string_view version);

}  // namespace quotewire

#endif  // QUOTEWIRE_SERVER_HTTP_OPENAPI_H_

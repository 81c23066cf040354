#include "server/http/http_rules.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/cord.h"
#include "quotewire/v1/quotewire.pb.h"
#include "server/http/openapi.h"
#include "server/http/rpc_observer.h"
#include "server/core/error_details.h"
#include "server/service/status_conversion.h"

namespace quotewire {
namespace {

const google::protobuf::ServiceDescriptor* Service() {
  return v1::ListQuotesRequest::descriptor()->file()->FindServiceByName(
      "QuoteService");
}

TEST(PathTemplate, MatchesAndBinds) {
  struct Case {
    const char* path_template;
    const char* path;
    bool matches;
    std::vector<PathBinding> bindings;
  };
  const Case cases[] = {
      {"/v1/quotes", "/v1/quotes", true, {}},
      {"/v1/quotes", "/v1/quotes/x", false, {}},
      {"/v1/quotes", "/v1/quotes:watch", false, {}},
      {"/v1/quotes:watch", "/v1/quotes:watch", true, {}},
      {"/v1/quotes:watch", "/v1/quotes", false, {}},
      {"/v1/{name=people/*}",
       "/v1/people/Ana Lima",
       true,
       {{"name", "people/Ana Lima"}}},
      {"/v1/{name=people/*}", "/v1/people/", false, {}},
      {"/v1/{name=people/*}", "/v1/people/a/b", false, {}},
      {"/v1/{name=people/*}", "/v1/people/a:split", false, {}},
      {"/v1/{name=people/*}", "/v1/articles/a", false, {}},
      {"/v1/{person=people/*}:split",
       "/v1/people/a:split",
       true,
       {{"person", "people/a"}}},
      {"/v1/{person=people/*}:split", "/v1/people/a:merge", false, {}},
      {"/v1/{id}", "/v1/x", true, {{"id", "x"}}},
      {"/v1/{path=files/**}",
       "/v1/files/a/b/c",
       true,
       {{"path", "files/a/b/c"}}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.path_template) + " " + c.path);
    absl::StatusOr<PathTemplate> parsed = ParsePathTemplate(c.path_template);
    ASSERT_TRUE(parsed.ok()) << parsed.status();
    std::vector<PathBinding> bindings;
    EXPECT_EQ(MatchPath(*parsed, c.path, &bindings), c.matches);
    if (c.matches) {
      EXPECT_EQ(bindings, c.bindings);
    }
  }
}

TEST(PathTemplate, RejectsMalformed) {
  for (const char* bad : {"v1/quotes", "/v1/{name=people/*", "/v1/**/x",
                          "/v1//x", "/v1/quotes/"}) {
    EXPECT_FALSE(ParsePathTemplate(bad).ok()) << bad;
  }
}

TEST(Routes, EveryRpcHasOneFromTheAnnotations) {
  absl::StatusOr<std::vector<HttpRoute>> routes = RoutesOf(Service());
  ASSERT_TRUE(routes.ok()) << routes.status();
  ASSERT_EQ(static_cast<int>(routes->size()), Service()->method_count());
  for (const HttpRoute& route : *routes) {
    // POST routes take the whole request as the body; the others none.
    EXPECT_EQ(route.body, route.http_method == "POST" ? "*" : "")
        << route.path_text;
  }
}

const HttpRoute& RouteOf(const std::vector<HttpRoute>& routes,
                         const char* rpc) {
  for (const HttpRoute& route : routes) {
    if (route.method->name() == rpc) return route;
  }
  ADD_FAILURE() << rpc;
  return routes.front();
}

TEST(BuildRequest, QueryPathAndBodyFillTheMessage) {
  const std::vector<HttpRoute> routes = *RoutesOf(Service());
  v1::ListQuotesRequest list;
  ASSERT_TRUE(BuildRequest(RouteOf(routes, "ListQuotes"), {},
                           {{"person", "Ana Lima"},
                            {"pageSize", "5"},
                            {"include_non_speech", "true"},
                            {"offset_unit", "OFFSET_UNIT_UTF16"},
                            {"source_relation", "2"},
                            {"start_time", "2020-01-01T00:00:00Z"}},
                           "", &list)
                  .ok());
  EXPECT_EQ(list.person(), "Ana Lima");
  EXPECT_EQ(list.page_size(), 5);
  EXPECT_TRUE(list.include_non_speech());
  EXPECT_EQ(list.offset_unit(), v1::OFFSET_UNIT_UTF16);
  EXPECT_EQ(static_cast<int>(list.source_relation()), 2);
  EXPECT_EQ(list.start_time().seconds(), 1577836800);

  v1::SplitPersonRequest split;
  ASSERT_TRUE(
      BuildRequest(RouteOf(routes, "SplitPerson"), {{"person", "people/p1"}},
                   {}, R"({"person": "people/other", "aliases": ["A", "B"]})",
                   &split)
          .ok());
  EXPECT_EQ(split.person(), "people/p1");  // the path wins
  EXPECT_EQ(split.aliases_size(), 2);

  v1::MergePeopleRequest merge;
  ASSERT_TRUE(BuildRequest(RouteOf(routes, "MergePeople"), {},
                           {{"people", "a"}, {"people", "b"}}, "", &merge)
                  .ok());
  EXPECT_EQ(merge.people_size(), 2);
}

TEST(BuildRequest, BadInputNamesTheProblem) {
  const std::vector<HttpRoute> routes = *RoutesOf(Service());
  struct Case {
    const char* rpc;
    std::vector<std::pair<std::string, std::string>> query;
    const char* body;
    const char* expected;  // in the message
  };
  const Case cases[] = {
      {"ListQuotes", {{"nope", "1"}}, "", "nope"},
      {"ListQuotes",
       {{"include_non_speech", "maybe"}},
       "",
       "include_non_speech"},
      {"ListQuotes", {{"page_size", "many"}}, "", "query parameters"},
      {"ListQuotes", {}, "{}", "takes no body"},
      {"ExtractQuotes", {}, "{", "body"},
      {"ExtractQuotes", {}, R"({"article": 5})", "body"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.rpc);
    const HttpRoute& route = RouteOf(routes, c.rpc);
    std::unique_ptr<google::protobuf::Message> message =
        NewMessage(route.method->input_type());
    const absl::Status status =
        BuildRequest(route, {}, c.query, c.body, message.get());
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
    EXPECT_NE(std::string(status.message()).find(c.expected), std::string::npos)
        << status;
  }
}

TEST(SplitJsonObjects, OneObjectPerMessage) {
  auto objects =
      SplitJsonObjects("{\"a\": \"}{\"}\n\n {\"b\": [1, {\"c\": 2}]}\n");
  ASSERT_TRUE(objects.ok());
  ASSERT_EQ(objects->size(), 2u);
  EXPECT_EQ((*objects)[0], "{\"a\": \"}{\"}");
  EXPECT_FALSE(SplitJsonObjects("{\"a\": 1").ok());
  EXPECT_FALSE(SplitJsonObjects("[1]").ok());
  EXPECT_TRUE(SplitJsonObjects("  \n").ok());
}

TEST(HttpStatusOf, GrpcGatewayMappingWith413And429) {
  EXPECT_EQ(HttpStatusOf(0), 200);
  EXPECT_EQ(HttpStatusOf(3), 400);
  EXPECT_EQ(HttpStatusOf(5), 404);
  EXPECT_EQ(HttpStatusOf(7), 403);
  EXPECT_EQ(HttpStatusOf(9), 400);
  EXPECT_EQ(HttpStatusOf(14), 503);
  EXPECT_EQ(HttpStatusOf(16), 401);
  EXPECT_EQ(HttpStatusOf(8), 429);
  EXPECT_EQ(StatusJson(3, "x: \"bad\""),
            R"({"code":3,"message":"x: \"bad\""})");
}

// 413 or 429 comes from the status's details, whatever the message says.
TEST(HttpStatusOf, RequestTooLargeIsAnErrorDetailNotAWording) {
  const auto http_status = [](const absl::Status& status) {
    const grpc::Status converted = ToGrpcStatus(status);
    return HttpStatusOf(converted.error_code(), converted.error_details());
  };
  EXPECT_EQ(http_status(RequestTooLargeError("article.text", "too big")), 413);
  EXPECT_EQ(http_status(RequestTooLargeError("batch", "1001 articles")), 413);
  EXPECT_EQ(http_status(absl::ResourceExhaustedError(
                "watch: the client fell more than 1024 bytes behind")),
            429);
  EXPECT_EQ(http_status(absl::ResourceExhaustedError(
                "store: larger than anything it holds")),
            429);
  // The detail is read only on RESOURCE_EXHAUSTED.
  absl::Status invalid = absl::InvalidArgumentError("x");
  invalid.SetPayload(kBadRequestTypeUrl, absl::Cord());
  EXPECT_EQ(http_status(invalid), 400);
  EXPECT_FALSE(HasErrorDetail("not a google.rpc.Status", kBadRequestTypeUrl));
}

TEST(OpenApi, OneOperationPerRoute) {
  const std::vector<HttpRoute> routes = *RoutesOf(Service());
  EXPECT_EQ(OpenApiPath(RouteOf(routes, "SplitPerson")),
            "/v1/people/{person}:split");
  EXPECT_EQ(OpenApiPath(RouteOf(routes, "ListQuotes")), "/v1/quotes");
  const std::string doc = OpenApiDocument(Service(), routes, "t", "v1");
  for (const HttpRoute& route : routes) {
    EXPECT_NE(doc.find("\"operationId\":\"" + route.method->name() + "\""),
              std::string::npos)
        << route.method->name();
  }
  EXPECT_NE(doc.find("text/event-stream"), std::string::npos);
  EXPECT_NE(doc.find("\"google.rpc.Status\""), std::string::npos);
}

TEST(RpcMetrics, CountsByMethodTransportAndCode) {
  RpcMetrics metrics;
  metrics.Started("quotewire.v1.QuoteService/GetQuote", "http");
  metrics.Finished("quotewire.v1.QuoteService/GetQuote", "http", 5,
                   absl::Microseconds(300));
  metrics.AddCallback("quotewire_watch_subscribers", "gauge", "watchers",
                      [] { return 2.0; });
  const std::string text = metrics.Render();
  EXPECT_NE(
      text.find("grpc_server_handled_total{grpc_service=\"quotewire.v1."
                "QuoteService\",grpc_method=\"GetQuote\",transport=\"http\","
                "grpc_code=\"NOT_FOUND\"} 1\n"),
      std::string::npos)
      << text;
  EXPECT_NE(text.find("le=\"0.00025\"} 0\n"), std::string::npos) << text;
  EXPECT_NE(text.find("le=\"0.0005\"} 1\n"), std::string::npos) << text;
  EXPECT_NE(
      text.find(
          "quotewire_rpcs_in_flight{grpc_service=\"quotewire.v1."
          "QuoteService\",grpc_method=\"GetQuote\",transport=\"http\"} 0\n"),
      std::string::npos);
  EXPECT_NE(text.find("quotewire_watch_subscribers 2\n"), std::string::npos);
  EXPECT_EQ(
      RpcLogLine(absl::FromUnixSeconds(0), "s/M", 0, absl::Milliseconds(1.5),
                 "ipv4:1.2.3.4:5", "grpc"),
      R"({"time":"1970-01-01T00:00:00.000Z","method":"s/M","code":"OK",)"
      R"("duration_ms":1.500,"peer":"ipv4:1.2.3.4:5","transport":"grpc"})");
}

}  // namespace
}  // namespace quotewire

// Test harness for the in-process QuoteService tests: a real Analyzer (loaded
// once per process), a fresh store per test (in-memory SQLite, or a schema of
// its own in the test PostgreSQL cluster), the service on a loopback port
// chosen by the OS, and a stub connected to it.
//
// Test suites run on both stores with the same bodies:
//
//   class WatchQuotes : public BackendTest {};
//   QW_INSTANTIATE_BACKENDS(WatchQuotes);
//   TEST_P(WatchQuotes, ...) { TestServer server; ... }  // GetParam()'s store
#ifndef QUOTEWIRE_TESTS_SERVICE_SERVICE_TEST_UTIL_H_
#define QUOTEWIRE_TESTS_SERVICE_SERVICE_TEST_UTIL_H_

#include <memory>
#include <string>
#include <string_view>

#include <grpcpp/grpcpp.h>

#include "gtest/gtest.h"
#include "quotewire/v1/quotewire.grpc.pb.h"
#include "server/analysis/analyzer.h"
#include "server/service/grpc_server.h"
#include "server/service/quote_service.h"
#include "server/service/token_auth.h"
#include "server/store/sqlite_store.h"
#include "tests/store/store_test_util.h"

namespace quotewire::testing {

using ::quotewire::testing_util::Backend;

// The store a TestServer opens when not told: the running BackendTest's.
Backend& CurrentBackend();

// A test suite run on each backend (QW_INSTANTIATE_BACKENDS).
class BackendTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override { CurrentBackend() = GetParam(); }
  void TearDown() override { CurrentBackend() = Backend::kSqlite; }
};

#define QW_INSTANTIATE_BACKENDS(suite)                                  \
  INSTANTIATE_TEST_SUITE_P(                                             \
      Stores, suite,                                                    \
      ::testing::Values(::quotewire::testing_util::Backend::kSqlite,    \
                        ::quotewire::testing_util::Backend::kPostgres), \
      ::quotewire::testing_util::BackendName)

// A running service. Destruction shuts it down in the server's order: watches,
// gRPC server, service, store.
class TestServer {
 public:
  // Starts on 127.0.0.1:0. Fails the test (and returns null members) when the
  // analyzer, store or server cannot start.
  TestServer(const QuoteServiceOptions& options = {},
             const TokenAuthOptions& auth_options = {},
             const GrpcServerOptions& server_options = {},
             Backend backend = CurrentBackend());
  ~TestServer();

  v1::QuoteService::Stub& stub() { return *stub_; }
  std::shared_ptr<grpc::Channel> channel() { return channel_; }
  QuoteServiceImpl& service() { return *service_; }
  Store& store() { return *store_; }
  int port() const { return port_; }

  // The process-wide Analyzer over the project's data/.
  static const Analyzer& analyzer();

 private:
  std::unique_ptr<testing_util::TestDb> db_;  // PostgreSQL: its schema
  std::unique_ptr<Store> store_;
  std::unique_ptr<TokenAuthenticator> auth_;
  std::unique_ptr<QuoteServiceImpl> service_;
  std::unique_ptr<grpc::Server> server_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::QuoteService::Stub> stub_;
  int port_ = 0;
};

// A context with an optional bearer token and a 30 s deadline.
std::unique_ptr<grpc::ClientContext> Context(std::string_view token = "");

// The substring of `text` that `span` covers in `unit`, as UTF-8.
std::string Slice(const std::string& text, const v1::Span& span,
                  v1::OffsetUnit unit);

// Ingests `text` (with `id` unless empty); fails the test on error.
v1::IngestArticleResponse IngestOrDie(v1::QuoteService::Stub& stub,
                                      const std::string& id,
                                      const std::string& text,
                                      const std::string& publisher = "",
                                      const std::string& token = "");

}  // namespace quotewire::testing

#endif  // QUOTEWIRE_TESTS_SERVICE_SERVICE_TEST_UTIL_H_

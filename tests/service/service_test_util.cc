#include "tests/service/service_test_util.h"

#include <chrono>
#include <cstdlib>

#include "absl/strings/str_cat.h"

#include "server/core/utf8.h"
#include "server/service/proto_conversion.h"

namespace quotewire::testing {

const Analyzer& TestServer::analyzer() {
  static const Analyzer* analyzer = [] {
    auto created = Analyzer::Create(AnalyzerOptions{});
    if (!created.ok()) {
      ADD_FAILURE() << "Analyzer::Create: " << created.status();
      std::abort();
    }
    return created->release();
  }();
  return *analyzer;
}

Backend& CurrentBackend() {
  static Backend backend = Backend::kSqlite;
  return backend;
}

TestServer::TestServer(const QuoteServiceOptions& options,
                       const TokenAuthOptions& auth_options,
                       const GrpcServerOptions& server_options,
                       Backend backend) {
  SqliteStoreOptions store_options;
  store_options.path = ":memory:";
  if (backend == Backend::kPostgres) {
    db_ = std::make_unique<testing_util::TestDb>(backend);
    store_options.path = db_->path();
    if (store_options.path.empty()) return;  // failed already
  }
  store_options.names = &analyzer().names();
  store_options.sources = &analyzer().sources();
  store_options.topics = &analyzer().topics();
  static const ListingEncoder* encoder = new ListingEncoder;
  store_options.encoder = encoder;
  auto store = OpenStore(store_options);
  if (!store.ok()) {
    ADD_FAILURE() << "OpenStore: " << store.status();
    return;
  }
  store_ = *std::move(store);
  auto auth = TokenAuthenticator::Create(auth_options);
  if (!auth.ok()) {
    ADD_FAILURE() << "TokenAuthenticator: " << auth.status();
    return;
  }
  auth_ = *std::move(auth);
  service_ = std::make_unique<QuoteServiceImpl>(&analyzer(), store_.get(),
                                                auth_.get(), options);
  GrpcServerOptions server = server_options;
  server.listen_address = "127.0.0.1:0";
  auto started = StartGrpcServer(server, service_.get());
  if (!started.ok()) {
    ADD_FAILURE() << "StartGrpcServer: " << started.status();
    return;
  }
  server_ = std::move(started->server);
  port_ = started->port;
  grpc::ChannelArguments args;
  args.SetMaxReceiveMessageSize(64 * 1024 * 1024);
  channel_ = grpc::CreateCustomChannel(absl::StrCat("127.0.0.1:", port_),
                                       grpc::InsecureChannelCredentials(), args);
  stub_ = v1::QuoteService::NewStub(channel_);
}

TestServer::~TestServer() {
  if (service_) service_->EndWatches();
  if (server_) {
    server_->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(5));
    server_->Wait();
  }
  service_.reset();
  store_.reset();
  db_.reset();
}

std::unique_ptr<grpc::ClientContext> Context(std::string_view token) {
  auto context = std::make_unique<grpc::ClientContext>();
  if (!token.empty()) {
    context->AddMetadata("authorization", absl::StrCat("Bearer ", std::string(token)));
  }
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  return context;
}

std::string Slice(const std::string& text, const v1::Span& span,
                  v1::OffsetUnit unit) {
  if (unit == v1::OFFSET_UNIT_UTF8 || unit == v1::OFFSET_UNIT_UNSPECIFIED) {
    if (span.start() < 0 || span.end() > static_cast<int>(text.size()) ||
        span.start() > span.end()) {
      return "<bad span>";
    }
    return text.substr(span.start(), span.end() - span.start());
  }
  // Walk the text counting units; copy the characters inside the span.
  std::string out;
  size_t pos = 0;
  int32_t units = 0;
  while (pos < text.size()) {
    const char32_t cp = DecodeUtf8(text, &pos);
    if (units >= span.start() && units < span.end()) AppendUtf8(cp, &out);
    units += (unit == v1::OFFSET_UNIT_UTF16 && cp >= 0x10000) ? 2 : 1;
  }
  return out;
}

v1::IngestArticleResponse IngestOrDie(v1::QuoteService::Stub& stub,
                                      const std::string& id,
                                      const std::string& text,
                                      const std::string& publisher,
                                      const std::string& token) {
  v1::IngestArticleRequest request;
  request.mutable_article()->set_id(id);
  request.mutable_article()->set_text(text);
  request.mutable_article()->set_publisher(publisher);
  v1::IngestArticleResponse response;
  const grpc::Status status =
      stub.IngestArticle(Context(token).get(), request, &response);
  EXPECT_TRUE(status.ok()) << status.error_code() << ": "
                           << status.error_message();
  return response;
}

}  // namespace quotewire::testing

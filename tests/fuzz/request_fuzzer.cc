// libFuzzer target for request handling: the first byte picks an rpc, the
// rest is parsed as its request message and handed to the service in
// process (real Analyzer, SQLite in memory). Every input must get an answer
// (any status code but INTERNAL or UNKNOWN) without crashing.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>

#include "grpcpp/grpcpp.h"
#include "quotewire/v1/quotewire.pb.h"
#include "server/analysis/analyzer.h"
#include "server/service/proto_conversion.h"
#include "server/service/quote_service.h"
#include "server/service/token_auth.h"
#include "server/store/sqlite_store.h"

namespace {

namespace pb = quotewire::v1;

struct Fixture {
  std::unique_ptr<quotewire::Analyzer> analyzer;
  quotewire::ListingEncoder encoder;
  std::unique_ptr<quotewire::Store> store;
  std::unique_ptr<quotewire::TokenAuthenticator> auth;
  std::unique_ptr<quotewire::QuoteServiceImpl> service;
};

template <typename T>
T Check(absl::StatusOr<T> value) {
  if (!value.ok()) {
    fprintf(stderr, "%s\n", value.status().ToString().c_str());
    abort();
  }
  return std::move(value).value();
}

quotewire::QuoteServiceImpl& Service() {
  static Fixture* fixture = [] {
    auto* f = new Fixture;
    f->analyzer = Check(quotewire::Analyzer::Create({}));
    quotewire::SqliteStoreOptions options;
    options.path = ":memory:";
    options.names = &f->analyzer->names();
    options.sources = &f->analyzer->sources();
    options.topics = &f->analyzer->topics();
    options.encoder = &f->encoder;
    f->store = Check(quotewire::OpenSqliteStore(options));
    f->auth = Check(quotewire::TokenAuthenticator::Create({}));
    quotewire::QuoteServiceOptions service_options;
    service_options.max_article_bytes = 64 * 1024;
    f->service = std::make_unique<quotewire::QuoteServiceImpl>(
        f->analyzer.get(), f->store.get(), f->auth.get(), service_options);
    return f;
  }();
  return *fixture->service;
}

template <typename Request, typename Response, typename Method>
void Call(const uint8_t* data, size_t size, Method method) {
  Request request;
  if (!request.ParseFromArray(data, static_cast<int>(size))) return;
  Response response;
  grpc::ServerContext context;
  const grpc::Status status = (Service().*method)(&context, &request, &response);
  if (status.error_code() == grpc::StatusCode::INTERNAL ||
      status.error_code() == grpc::StatusCode::UNKNOWN) {
    fprintf(stderr, "internal error for %s: %s\n", request.ShortDebugString().c_str(),
            status.error_message().c_str());
    abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const uint8_t which = data[0] % 8;
  ++data;
  --size;
  using S = quotewire::QuoteServiceImpl;
  switch (which) {
    case 0: Call<pb::ExtractQuotesRequest, pb::ExtractQuotesResponse>(data, size, &S::ExtractQuotes); break;
    case 1: Call<pb::IngestArticleRequest, pb::IngestArticleResponse>(data, size, &S::IngestArticle); break;
    case 2: {
      // ListQuotes also has a callback-API overload (served by the server).
      grpc::Status (S::*list)(grpc::ServerContext*, const pb::ListQuotesRequest*,
                              pb::ListQuotesResponse*) = &S::ListQuotes;
      Call<pb::ListQuotesRequest, pb::ListQuotesResponse>(data, size, list);
      break;
    }
    case 3: Call<pb::GetPersonRequest, pb::GetPersonResponse>(data, size, &S::GetPerson); break;
    case 4: Call<pb::ListPeopleRequest, pb::ListPeopleResponse>(data, size, &S::ListPeople); break;
    case 5: Call<pb::GetArticleRequest, pb::GetArticleResponse>(data, size, &S::GetArticle); break;
    case 6: Call<pb::GetQuoteRequest, pb::GetQuoteResponse>(data, size, &S::GetQuote); break;
    default: Call<pb::ListSourcesRequest, pb::ListSourcesResponse>(data, size, &S::ListSources); break;
  }
  return 0;
}

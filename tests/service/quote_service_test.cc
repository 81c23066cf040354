// In-process tests of every QuoteService rpc over the real Analyzer, through a
// real gRPC channel on a loopback port, each on both stores: an in-memory
// SQLite store and a PostgreSQL schema of its own (with its change feed).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include <unistd.h>

#include <grpcpp/generic/generic_stub.h>

#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "google/rpc/status.pb.h"
#include "server/core/error_details.h"
#include "server/topics/topic_tagger.h"
#include "tests/service/service_test_util.h"

namespace quotewire {
namespace {

using ::quotewire::testing::Context;
using ::quotewire::testing::IngestOrDie;
using ::quotewire::testing::Slice;
using ::quotewire::testing::TestServer;
using ::testing::HasSubstr;
using ::testing::StartsWith;

// Whether `status` carries the google.rpc.BadRequest detail of a request
// that is too large in itself (server/core/error_details.h: HTTP 413, not
// the 429 of a busy server).
bool SaysRequestTooLarge(const grpc::Status& status) {
  google::rpc::Status details;
  if (!details.ParseFromString(status.error_details())) return false;
  for (const google::protobuf::Any& detail : details.details()) {
    if (detail.type_url() == kBadRequestTypeUrl) return true;
  }
  return false;
}

// Every test runs on both stores (SQLite, PostgreSQL): same bodies.
class ExtractQuotes : public ::quotewire::testing::BackendTest {};
class Offsets : public ::quotewire::testing::BackendTest {};
class IngestArticle : public ::quotewire::testing::BackendTest {};
class ListQuotes : public ::quotewire::testing::BackendTest {};
class QuoteService : public ::quotewire::testing::BackendTest {};
class GetArticle : public ::quotewire::testing::BackendTest {};
class DeleteArticle : public ::quotewire::testing::BackendTest {};
class BatchIngestArticles : public ::quotewire::testing::BackendTest {};
class GetQuote : public ::quotewire::testing::BackendTest {};
class People : public ::quotewire::testing::BackendTest {};
class Sources : public ::quotewire::testing::BackendTest {};
class Topics : public ::quotewire::testing::BackendTest {};
class WatchQuotes : public ::quotewire::testing::BackendTest {};
class Corrections : public ::quotewire::testing::BackendTest {};
class ErrorCodes : public ::quotewire::testing::BackendTest {};
QW_INSTANTIATE_BACKENDS(ExtractQuotes);
QW_INSTANTIATE_BACKENDS(Offsets);
QW_INSTANTIATE_BACKENDS(IngestArticle);
QW_INSTANTIATE_BACKENDS(ListQuotes);
QW_INSTANTIATE_BACKENDS(QuoteService);
QW_INSTANTIATE_BACKENDS(GetArticle);
QW_INSTANTIATE_BACKENDS(DeleteArticle);
QW_INSTANTIATE_BACKENDS(BatchIngestArticles);
QW_INSTANTIATE_BACKENDS(GetQuote);
QW_INSTANTIATE_BACKENDS(People);
QW_INSTANTIATE_BACKENDS(Sources);
QW_INSTANTIATE_BACKENDS(Topics);
QW_INSTANTIATE_BACKENDS(WatchQuotes);
QW_INSTANTIATE_BACKENDS(Corrections);
QW_INSTANTIATE_BACKENDS(ErrorCodes);

// Articles written for these tests.
const char kBudgetArticle[] =
    "Eastville council approves budget\n"
    "\n"
    "\"The budget is balanced and the schools will get more money,\" said "
    "Renée Lefèvre, the finance minister of Eastville.\n"
    "\n"
    "Opposition leader Thomas Baker disagreed. \"This plan will raise taxes "
    "for every family in the city,\" Baker told Radio Eastville.\n";

const char kHarbourArticle[] =
    "Harbour strike enters second week\n"
    "\n"
    "\"We will not go back to work until the contracts are signed,\" said "
    "Marta Olsen, a spokeswoman for the dockworkers' union.\n";

// Non-ASCII before and inside the quote: accented letters (2 bytes), an emoji
// (4 bytes, a UTF-16 surrogate pair) and curly quotes (3 bytes each).
const char kUnicodeArticle[] =
    "Zoë 😀 Dupont opened the séance at nine.\n"
    "\n"
    "“The climate plan for Überstadt needs more money,” said Zoë Dupont, "
    "the mayor of Überstadt.\n";

const v1::Quote* FindQuote(const google::protobuf::RepeatedPtrField<v1::Quote>& quotes,
                           const std::string& fragment) {
  for (const v1::Quote& q : quotes) {
    if (q.text().find(fragment) != std::string::npos) return &q;
  }
  return nullptr;
}

std::string Describe(const grpc::Status& status) {
  return absl::StrCat(status.error_code(), ": ", status.error_message());
}

// --- ExtractQuotes ---------------------------------------------------------

TEST_P(ExtractQuotes, ReturnsAttributedQuotesWithoutStoring) {
  TestServer server;
  v1::ExtractQuotesRequest request;
  request.mutable_article()->set_text(kBudgetArticle);
  v1::ExtractQuotesResponse response;
  ASSERT_TRUE(server.stub().ExtractQuotes(Context().get(), request, &response).ok());
  EXPECT_EQ(response.language(), "en");
  const v1::Quote* q = FindQuote(response.quotes(), "budget is balanced");
  ASSERT_NE(q, nullptr);
  EXPECT_THAT(q->speaker().name(), HasSubstr("Lefèvre"));
  EXPECT_TRUE(q->name().empty());
  EXPECT_TRUE(q->speaker().person().empty());
  ASSERT_EQ(q->spans_size(), 1);
  EXPECT_EQ(Slice(kBudgetArticle, q->spans(0), v1::OFFSET_UNIT_UTF8), q->text());

  v1::ListQuotesRequest list;
  v1::ListQuotesResponse listed;
  ASSERT_TRUE(server.stub().ListQuotes(Context().get(), list, &listed).ok());
  EXPECT_EQ(listed.quotes_size(), 0);
}

TEST_P(ExtractQuotes, InvalidRequests) {
  TestServer server;
  struct Case {
    const char* name;
    std::string text;
    std::string language;
    int offset_unit;
    grpc::StatusCode code;
    const char* message_prefix;
  } cases[] = {
      {"empty", "", "", 0, grpc::StatusCode::INVALID_ARGUMENT,
       "article.text: required"},
      {"nul", std::string("a\0b", 3), "", 0, grpc::StatusCode::INVALID_ARGUMENT,
       "article.text: U+0000"},
      {"language", "Text.", "not a tag", 0, grpc::StatusCode::INVALID_ARGUMENT,
       "article.language:"},
      {"offset unit", "Text.", "", 17, grpc::StatusCode::INVALID_ARGUMENT,
       "offset_unit: unknown value 17"},
      {"too large", std::string(2 * 1024 * 1024 + 1, 'a'), "", 0,
       grpc::StatusCode::RESOURCE_EXHAUSTED, "article.text:"},
  };
  for (const Case& c : cases) {
    v1::ExtractQuotesRequest request;
    request.mutable_article()->set_text(c.text);
    request.mutable_article()->set_language(c.language);
    request.set_offset_unit(static_cast<v1::OffsetUnit>(c.offset_unit));
    v1::ExtractQuotesResponse response;
    const grpc::Status status =
        server.stub().ExtractQuotes(Context().get(), request, &response);
    EXPECT_EQ(status.error_code(), c.code) << c.name << ": " << Describe(status);
    EXPECT_THAT(status.error_message(), StartsWith(c.message_prefix)) << c.name;
  }
  v1::ExtractQuotesRequest no_article;
  v1::ExtractQuotesResponse response;
  const grpc::Status status =
      server.stub().ExtractQuotes(Context().get(), no_article, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(), "article: required");
}

// --- Offsets ---------------------------------------------------------------

TEST_P(Offsets, EveryUnitSlicesTheQuoteAndMention) {
  TestServer server;
  const std::string text = kUnicodeArticle;
  for (v1::OffsetUnit unit : {v1::OFFSET_UNIT_UTF8, v1::OFFSET_UNIT_UTF16,
                              v1::OFFSET_UNIT_CODE_POINT}) {
    v1::IngestArticleRequest request;
    request.mutable_article()->set_id("unicode");
    request.mutable_article()->set_text(text);
    request.set_offset_unit(unit);
    v1::IngestArticleResponse response;
    ASSERT_TRUE(server.stub().IngestArticle(Context().get(), request, &response).ok());
    const v1::Quote* q = FindQuote(response.quotes(), "climate plan");
    ASSERT_NE(q, nullptr) << "unit " << unit;
    ASSERT_EQ(q->spans_size(), 1);
    EXPECT_EQ(Slice(text, q->spans(0), unit), q->text()) << "unit " << unit;
    if (q->speaker().has_mention_span() && !q->speaker().mention().empty()) {
      EXPECT_EQ(Slice(text, q->speaker().mention_span(), unit),
                q->speaker().mention())
          << "unit " << unit;
    }

    // The same offsets come back from GetArticle and ListQuotes.
    v1::GetArticleRequest get;
    get.set_name("articles/unicode");
    get.set_offset_unit(unit);
    v1::GetArticleResponse got;
    ASSERT_TRUE(server.stub().GetArticle(Context().get(), get, &got).ok());
    const v1::Quote* g = FindQuote(got.quotes(), "climate plan");
    ASSERT_NE(g, nullptr);
    EXPECT_EQ(g->spans(0).start(), q->spans(0).start());
    EXPECT_EQ(g->spans(0).end(), q->spans(0).end());

    v1::ListQuotesRequest list;
    list.set_article("unicode");
    list.set_offset_unit(unit);
    v1::ListQuotesResponse listed;
    ASSERT_TRUE(server.stub().ListQuotes(Context().get(), list, &listed).ok());
    const v1::Quote* l = FindQuote(listed.quotes(), "climate plan");
    ASSERT_NE(l, nullptr);
    EXPECT_EQ(Slice(text, l->spans(0), unit), l->text());
  }
  // The units differ on this text: the emoji and the accents come first.
  v1::ExtractQuotesRequest request;
  request.mutable_article()->set_text(text);
  std::vector<int32_t> starts;
  for (v1::OffsetUnit unit : {v1::OFFSET_UNIT_UTF8, v1::OFFSET_UNIT_UTF16,
                              v1::OFFSET_UNIT_CODE_POINT}) {
    request.set_offset_unit(unit);
    v1::ExtractQuotesResponse response;
    ASSERT_TRUE(server.stub().ExtractQuotes(Context().get(), request, &response).ok());
    const v1::Quote* q = FindQuote(response.quotes(), "climate plan");
    ASSERT_NE(q, nullptr);
    starts.push_back(q->spans(0).start());
  }
  EXPECT_GT(starts[0], starts[1]);  // UTF-8 bytes > UTF-16 units
  EXPECT_EQ(starts[1], starts[2] + 1);  // one surrogate pair before the quote
}

// --- IngestArticle / GetArticle / DeleteArticle ------------------------------

TEST_P(IngestArticle, StoresAndReingestReplacesWithoutDuplicates) {
  TestServer server;
  const v1::IngestArticleResponse first =
      IngestOrDie(server.stub(), "budget-1", kBudgetArticle, "Eastville Post");
  EXPECT_EQ(first.article().name(), "articles/budget-1");
  EXPECT_EQ(first.article().id(), "budget-1");
  EXPECT_FALSE(first.replaced());
  ASSERT_GE(first.quotes_size(), 2);
  EXPECT_EQ(first.article().quote_count(), first.quotes_size());
  for (const v1::Quote& q : first.quotes()) {
    EXPECT_THAT(q.name(), StartsWith("quotes/"));
    EXPECT_EQ(q.article(), "articles/budget-1");
  }
  const v1::Quote* baker = FindQuote(first.quotes(), "raise taxes");
  ASSERT_NE(baker, nullptr);
  EXPECT_THAT(baker->speaker().person(), StartsWith("people/"));
  EXPECT_EQ(baker->outlet(), "Radio Eastville");

  const v1::IngestArticleResponse second =
      IngestOrDie(server.stub(), "budget-1", kBudgetArticle, "Eastville Post");
  EXPECT_TRUE(second.replaced());
  ASSERT_EQ(second.quotes_size(), first.quotes_size());
  for (int i = 0; i < first.quotes_size(); ++i) {
    EXPECT_EQ(second.quotes(i).name(), first.quotes(i).name());
  }
  v1::ListQuotesRequest list;
  list.set_page_size(1000);
  v1::ListQuotesResponse listed;
  ASSERT_TRUE(server.stub().ListQuotes(Context().get(), list, &listed).ok());
  EXPECT_EQ(listed.quotes_size(), first.quotes_size());
}

TEST_P(IngestArticle, WithoutIdTheTextHashIsTheId) {
  TestServer server;
  const auto first = IngestOrDie(server.stub(), "", kHarbourArticle);
  EXPECT_THAT(first.article().name(), StartsWith("articles/"));
  EXPECT_GT(first.article().name().size(), std::string("articles/").size());
  const auto second = IngestOrDie(server.stub(), "", kHarbourArticle);
  EXPECT_EQ(second.article().name(), first.article().name());
  EXPECT_TRUE(second.replaced());
}

TEST_P(IngestArticle, InvalidArticles) {
  TestServer server;
  struct Case {
    const char* name;
    std::string id;
    std::string text;
    grpc::StatusCode code;
    const char* prefix;
  } cases[] = {
      {"bad id", "a b", "Text.", grpc::StatusCode::INVALID_ARGUMENT, "article.id:"},
      {"empty text", "x", "", grpc::StatusCode::INVALID_ARGUMENT,
       "article.text: required"},
      {"nul", "x", std::string("a\0b", 3), grpc::StatusCode::INVALID_ARGUMENT,
       "article.text:"},
  };
  for (const Case& c : cases) {
    v1::IngestArticleRequest request;
    request.mutable_article()->set_id(c.id);
    request.mutable_article()->set_text(c.text);
    v1::IngestArticleResponse response;
    const grpc::Status status =
        server.stub().IngestArticle(Context().get(), request, &response);
    EXPECT_EQ(status.error_code(), c.code) << c.name;
    EXPECT_THAT(status.error_message(), StartsWith(c.prefix)) << c.name;
  }
}

// The answer to a request the server cannot decode: the field at fault.
void ExpectUndecodable(const grpc::Status& status, const std::string& message) {
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
      << Describe(status);
  EXPECT_EQ(status.error_message(), message);
}

TEST_P(IngestArticle, ControlCharactersAreKeptAsSentWithOffsetsIntoTheText) {
  // Double-encoded UTF-8 as real feeds carry it: "Ã\u0083Â§" holds the C1
  // control character U+0083 before the quote.
  TestServer server;
  const std::string text =
      "Fran\xC3\x83\xC2\x83\xC3\x82\xC2\xA7ois Martin said: "
      "\xE2\x80\x9CYes, we will rebuild the bridge next year.\xE2\x80\x9D\n";
  for (v1::OffsetUnit unit : {v1::OFFSET_UNIT_UTF8, v1::OFFSET_UNIT_UTF16,
                              v1::OFFSET_UNIT_CODE_POINT}) {
    v1::IngestArticleRequest request;
    request.mutable_article()->set_id("mojibake");
    request.mutable_article()->set_text(text);
    request.set_offset_unit(unit);
    v1::IngestArticleResponse response;
    const grpc::Status status =
        server.stub().IngestArticle(Context().get(), request, &response);
    ASSERT_TRUE(status.ok()) << Describe(status);
    const v1::Quote* q = FindQuote(response.quotes(), "rebuild the bridge");
    ASSERT_NE(q, nullptr) << "unit " << unit;
    ASSERT_EQ(q->spans_size(), 1);
    EXPECT_EQ(Slice(text, q->spans(0), unit), q->text()) << "unit " << unit;

    v1::GetArticleRequest get;
    get.set_name("mojibake");
    get.set_offset_unit(unit);
    v1::GetArticleResponse got;
    ASSERT_TRUE(server.stub().GetArticle(Context().get(), get, &got).ok());
    EXPECT_EQ(got.article().text(), text);
    const v1::Quote* g = FindQuote(got.quotes(), "rebuild the bridge");
    ASSERT_NE(g, nullptr);
    EXPECT_EQ(Slice(text, g->spans(0), unit), g->text()) << "unit " << unit;
  }
}

TEST_P(IngestArticle, InvalidUtf8OnTheWireIsInvalidArgumentAndServerKeepsServing) {
  TestServer server;
  v1::IngestArticleRequest request;
  // The C++ client serialises a proto3 string with invalid UTF-8 (it only
  // logs); the server cannot decode it.
  request.mutable_article()->set_text("caf\xC3\x28 \"bad\", he said.");
  v1::IngestArticleResponse response;
  ExpectUndecodable(
      server.stub().IngestArticle(Context().get(), request, &response),
      "article.text: invalid UTF-8 at byte offset 3");
  IngestOrDie(server.stub(), "after", kHarbourArticle);
}

TEST_P(ListQuotes, InvalidUtf8OnTheWireIsInvalidArgumentAndServerKeepsServing) {
  // ListQuotes is served by the callback API: the same answer as the
  // synchronous rpcs.
  TestServer server;
  v1::ListQuotesRequest request;
  request.set_person("caf\xC3\x28");
  v1::ListQuotesResponse response;
  ExpectUndecodable(
      server.stub().ListQuotes(Context().get(), request, &response),
      "person: invalid UTF-8 at byte offset 3");
  request.set_person("Anyone");
  EXPECT_TRUE(
      server.stub().ListQuotes(Context().get(), request, &response).ok());
}

TEST_P(ListQuotes, BusyServerRefusesWithResourceExhaustedAndKeepsServing) {
  // No listing may wait for a handler thread: every one is refused at once,
  // the other rpcs go on.
  QuoteServiceOptions options;
  options.max_queued_lists = 0;
  TestServer server(options);
  v1::ListQuotesRequest request;
  v1::ListQuotesResponse response;
  const grpc::Status status =
      server.stub().ListQuotes(Context().get(), request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_THAT(status.error_message(), HasSubstr("server busy"));
  EXPECT_FALSE(SaysRequestTooLarge(status));  // HTTP 429
  v1::ListTopicsResponse topics;
  EXPECT_TRUE(server.stub()
                  .ListTopics(Context().get(), v1::ListTopicsRequest(), &topics)
                  .ok());
}

TEST_P(QuoteService, UnknownMethodIsUnimplemented) {
  TestServer server;
  grpc::GenericStub stub(server.channel());
  grpc::ClientContext context;
  grpc::Slice empty("");
  grpc::ByteBuffer request(&empty, 1), response;
  grpc::Status status;
  bool done = false;
  std::mutex mu;
  std::condition_variable cv;
  stub.UnaryCall(&context, "/quotewire.v1.QuoteService/NoSuchMethod",
                 grpc::StubOptions(), &request, &response,
                 [&](grpc::Status s) {
                   std::lock_guard<std::mutex> lock(mu);
                   status = std::move(s);
                   done = true;
                   cv.notify_all();
                 });
  std::unique_lock<std::mutex> lock(mu);
  cv.wait(lock, [&] { return done; });
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNIMPLEMENTED)
      << Describe(status);
}

TEST_P(IngestArticle, TenMebibyteArticleIsResourceExhaustedAndServerKeepsServing) {
  TestServer server;
  v1::IngestArticleRequest request;
  request.mutable_article()->set_text(std::string(10 * 1024 * 1024, 'a'));
  v1::IngestArticleResponse response;
  const grpc::Status status =
      server.stub().IngestArticle(Context().get(), request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED)
      << Describe(status);
  // Just over the service's limit but under gRPC's: the service's message.
  request.mutable_article()->set_text(std::string(2 * 1024 * 1024 + 10, 'a'));
  const grpc::Status ours =
      server.stub().IngestArticle(Context().get(), request, &response);
  EXPECT_EQ(ours.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_THAT(ours.error_message(), StartsWith("article.text: 2097162 bytes"));
  EXPECT_TRUE(SaysRequestTooLarge(ours));  // HTTP 413
  IngestOrDie(server.stub(), "after", kHarbourArticle);
}

TEST_P(GetArticle, FoundByNameOrIdAndNotFound) {
  TestServer server;
  const auto ingested = IngestOrDie(server.stub(), "harbour", kHarbourArticle, "Port News");
  for (const char* name : {"articles/harbour", "harbour"}) {
    v1::GetArticleRequest request;
    request.set_name(name);
    v1::GetArticleResponse response;
    ASSERT_TRUE(server.stub().GetArticle(Context().get(), request, &response).ok());
    EXPECT_EQ(response.article().text(), kHarbourArticle);
    EXPECT_EQ(response.article().publisher(), "Port News");
    EXPECT_EQ(response.quotes_size(), ingested.quotes_size());
    EXPECT_TRUE(response.article().has_ingest_time());
  }
  v1::GetArticleRequest missing;
  missing.set_name("articles/nope");
  v1::GetArticleResponse response;
  EXPECT_EQ(server.stub().GetArticle(Context().get(), missing, &response).error_code(),
            grpc::StatusCode::NOT_FOUND);
  v1::GetArticleRequest empty;
  const grpc::Status status = server.stub().GetArticle(Context().get(), empty, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(), "name: required");
}

TEST_P(DeleteArticle, DeletesQuotesAndThenNotFound) {
  TestServer server;
  const auto ingested = IngestOrDie(server.stub(), "harbour", kHarbourArticle);
  ASSERT_GT(ingested.quotes_size(), 0);
  v1::DeleteArticleRequest request;
  request.set_name("articles/harbour");
  v1::DeleteArticleResponse response;
  ASSERT_TRUE(server.stub().DeleteArticle(Context().get(), request, &response).ok());
  EXPECT_EQ(response.deleted_quote_count(), ingested.quotes_size());
  EXPECT_EQ(server.stub().DeleteArticle(Context().get(), request, &response).error_code(),
            grpc::StatusCode::NOT_FOUND);
  v1::GetQuoteRequest get;
  get.set_name(ingested.quotes(0).name());
  v1::GetQuoteResponse quote;
  EXPECT_EQ(server.stub().GetQuote(Context().get(), get, &quote).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

// --- BatchIngestArticles -------------------------------------------------------

// Streams (id, text) articles into a BatchIngestArticles call and finishes it.
grpc::Status WriteBatch(
    grpc::ClientWriter<v1::BatchIngestArticlesRequest>* writer,
    const std::vector<std::pair<std::string, std::string>>& articles) {
  for (const auto& [id, text] : articles) {
    v1::BatchIngestArticlesRequest request;
    request.mutable_article()->set_id(id);
    request.mutable_article()->set_text(text);
    if (!writer->Write(request)) break;
  }
  writer->WritesDone();
  return writer->Finish();
}

TEST_P(BatchIngestArticles, BadArticleGetsItsOwnResult) {
  TestServer server;
  grpc::ClientContext context;
  v1::BatchIngestArticlesResponse response;
  auto writer = server.stub().BatchIngestArticles(&context, &response);
  const std::vector<std::pair<std::string, std::string>> articles = {
      {"budget", kBudgetArticle}, {"broken", ""}, {"harbour", kHarbourArticle}};
  ASSERT_TRUE(WriteBatch(writer.get(), articles).ok());
  ASSERT_EQ(response.results_size(), 3);
  EXPECT_EQ(response.ingested_count(), 2);
  EXPECT_EQ(response.failed_count(), 1);
  EXPECT_EQ(response.results(0).code(), 0);
  EXPECT_EQ(response.results(0).article(), "articles/budget");
  EXPECT_GT(response.results(0).quote_count(), 0);
  EXPECT_EQ(response.results(1).index(), 1);
  EXPECT_EQ(response.results(1).code(), static_cast<int>(grpc::StatusCode::INVALID_ARGUMENT));
  EXPECT_EQ(response.results(1).message(), "article.text: required");
  EXPECT_TRUE(response.results(1).article().empty());
  EXPECT_EQ(response.results(2).article(), "articles/harbour");

  v1::GetArticleRequest get;
  get.set_name("harbour");
  v1::GetArticleResponse got;
  EXPECT_TRUE(server.stub().GetArticle(Context().get(), get, &got).ok());
}

TEST_P(BatchIngestArticles, PerArticleResultsAndTheLaterOfTwoEqualIdsWins) {
  // A bad article in the middle, and one id twice (the later text wins).
  TestServer server;
  grpc::ClientContext context;
  v1::BatchIngestArticlesResponse response;
  auto writer = server.stub().BatchIngestArticles(&context, &response);
  const std::vector<std::pair<std::string, std::string>> articles = {
      {"budget", kBudgetArticle}, {"broken", ""},       {"harbour", kHarbourArticle},
      {"again", kBudgetArticle},  {"again", kHarbourArticle}};
  ASSERT_TRUE(WriteBatch(writer.get(), articles).ok());
  ASSERT_EQ(response.results_size(), 5);
  EXPECT_EQ(response.ingested_count(), 4);
  EXPECT_EQ(response.failed_count(), 1);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(response.results(i).index(), i);
  EXPECT_EQ(response.results(1).code(), static_cast<int>(grpc::StatusCode::INVALID_ARGUMENT));
  EXPECT_EQ(response.results(2).article(), "articles/harbour");
  EXPECT_FALSE(response.results(3).replaced());
  EXPECT_TRUE(response.results(4).replaced());

  v1::GetArticleRequest get;
  get.set_name("again");
  v1::GetArticleResponse got;
  ASSERT_TRUE(server.stub().GetArticle(Context().get(), get, &got).ok());
  EXPECT_EQ(got.article().text(), kHarbourArticle);
  EXPECT_EQ(got.quotes_size(), response.results(4).quote_count());
  v1::ListQuotesRequest list;
  list.set_article("again");
  v1::ListQuotesResponse listed;
  ASSERT_TRUE(server.stub().ListQuotes(Context().get(), list, &listed).ok());
  EXPECT_EQ(listed.quotes_size(), got.quotes_size());
}

bool Stored(TestServer& server, const std::string& id) {
  v1::GetArticleRequest get;
  get.set_name(id);
  v1::GetArticleResponse got;
  const grpc::Status status = server.stub().GetArticle(Context().get(), get, &got);
  EXPECT_TRUE(status.ok() || status.error_code() == grpc::StatusCode::NOT_FOUND)
      << Describe(status);
  return status.ok();
}

std::string BatchMessage(const std::string& id, const std::string& text) {
  v1::BatchIngestArticlesRequest request;
  request.mutable_article()->set_id(id);
  request.mutable_article()->set_text(text);
  return request.SerializeAsString();
}

// A BatchIngestArticles call that sends messages as raw bytes, as a client
// in any language may.
class RawBatch {
 public:
  explicit RawBatch(TestServer& server)
      : writer_(grpc::internal::ClientWriterFactory<grpc::ByteBuffer>::Create(
            server.channel().get(),
            grpc::internal::RpcMethod(
                "/quotewire.v1.QuoteService/BatchIngestArticles",
                grpc::internal::RpcMethod::CLIENT_STREAMING),
            &context_, &response_bytes_)) {}

  grpc::ClientContext& context() { return context_; }

  bool Write(const std::string& bytes) {
    grpc::Slice slice(bytes);
    return writer_->Write(grpc::ByteBuffer(&slice, 1));
  }

  grpc::Status Finish(v1::BatchIngestArticlesResponse* response) {
    writer_->WritesDone();
    const grpc::Status status = writer_->Finish();
    std::vector<grpc::Slice> slices;
    std::string bytes;
    if (status.ok() && response_bytes_.Dump(&slices).ok()) {
      for (const grpc::Slice& s : slices) {
        bytes.append(reinterpret_cast<const char*>(s.begin()), s.size());
      }
      EXPECT_TRUE(response->ParseFromString(bytes));
    }
    return status;
  }

 private:
  grpc::ClientContext context_;
  grpc::ByteBuffer response_bytes_;
  std::unique_ptr<grpc::ClientWriter<grpc::ByteBuffer>> writer_;
};

TEST_P(BatchIngestArticles, EveryMessageGetsAResultEvenWhenItDoesNotDecode) {
  // Five messages; the third holds invalid UTF-8 in article.text, the fourth
  // is not a message at all. Both get a failed result naming what is wrong,
  // and the others are stored.
  TestServer server;
  RawBatch batch(server);
  ASSERT_TRUE(batch.Write(BatchMessage("b0", kBudgetArticle)));
  ASSERT_TRUE(batch.Write(BatchMessage("b1", kHarbourArticle)));
  ASSERT_TRUE(batch.Write(BatchMessage("b2", "caf\xC3\x28 \"bad\", he said.")));
  ASSERT_TRUE(batch.Write("\xFF\xFF\xFF\xFF"));
  ASSERT_TRUE(batch.Write(BatchMessage("b4", kUnicodeArticle)));
  v1::BatchIngestArticlesResponse response;
  const grpc::Status status = batch.Finish(&response);
  ASSERT_TRUE(status.ok()) << Describe(status);
  ASSERT_EQ(response.results_size(), 5);
  EXPECT_EQ(response.ingested_count(), 3);
  EXPECT_EQ(response.failed_count(), 2);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(response.results(i).index(), i);
  EXPECT_EQ(response.results(2).code(),
            static_cast<int>(grpc::StatusCode::INVALID_ARGUMENT));
  EXPECT_EQ(response.results(2).message(),
            "article.text: invalid UTF-8 at byte offset 3");
  EXPECT_EQ(response.results(3).code(),
            static_cast<int>(grpc::StatusCode::INVALID_ARGUMENT));
  EXPECT_THAT(response.results(3).message(), StartsWith("request: malformed"));
  EXPECT_EQ(response.results(4).article(), "articles/b4");
  EXPECT_TRUE(Stored(server, "b0"));
  EXPECT_TRUE(Stored(server, "b1"));
  EXPECT_FALSE(Stored(server, "b2"));
  EXPECT_TRUE(Stored(server, "b4"));
}

TEST_P(BatchIngestArticles, CancelledBatchStoresNothing) {
  TestServer server;
  RawBatch batch(server);
  ASSERT_TRUE(batch.Write(BatchMessage("c0", kBudgetArticle)));
  ASSERT_TRUE(batch.Write(BatchMessage("c1", kHarbourArticle)));
  // Time for the server to read and analyse both.
  absl::SleepFor(absl::Milliseconds(500));
  batch.context().TryCancel();
  v1::BatchIngestArticlesResponse response;
  EXPECT_EQ(batch.Finish(&response).error_code(), grpc::StatusCode::CANCELLED);
  absl::SleepFor(absl::Milliseconds(200));
  EXPECT_FALSE(Stored(server, "c0"));
  EXPECT_FALSE(Stored(server, "c1"));
}

TEST_P(BatchIngestArticles, MessageOverTheReceiveLimitFailsTheCallAndStoresNothing) {
  QuoteServiceOptions options;
  options.max_article_bytes = 16 * 1024;
  GrpcServerOptions server_options;
  server_options.max_receive_message_bytes = 64 * 1024;
  TestServer server(options, {}, server_options);
  RawBatch batch(server);
  ASSERT_TRUE(batch.Write(BatchMessage("o0", kBudgetArticle)));
  // Over the article limit but under the receive limit: its own result.
  ASSERT_TRUE(batch.Write(BatchMessage("o1", std::string(20 * 1024, 'a'))));
  absl::SleepFor(absl::Milliseconds(300));
  batch.Write(BatchMessage("o2", std::string(100 * 1024, 'a')));
  v1::BatchIngestArticlesResponse response;
  const grpc::Status status = batch.Finish(&response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED)
      << Describe(status);
  EXPECT_FALSE(Stored(server, "o0"));
}

TEST_P(BatchIngestArticles, ArticleOverTheArticleLimitGetsItsOwnResult) {
  QuoteServiceOptions options;
  options.max_article_bytes = 16 * 1024;
  TestServer server(options);
  RawBatch batch(server);
  ASSERT_TRUE(batch.Write(BatchMessage("o0", kBudgetArticle)));
  ASSERT_TRUE(batch.Write(BatchMessage("o1", std::string(20 * 1024, 'a'))));
  v1::BatchIngestArticlesResponse response;
  ASSERT_TRUE(batch.Finish(&response).ok());
  ASSERT_EQ(response.results_size(), 2);
  EXPECT_EQ(response.results(1).code(),
            static_cast<int>(grpc::StatusCode::RESOURCE_EXHAUSTED));
  EXPECT_THAT(response.results(1).message(), StartsWith("article.text: "));
  EXPECT_TRUE(Stored(server, "o0"));
}

TEST_P(BatchIngestArticles, MoreThanTheLimitIsResourceExhaustedAndStoresNothing) {
  QuoteServiceOptions options;
  options.max_batch_articles = 2;
  TestServer server(options);
  RawBatch batch(server);
  for (int i = 0; i < 3; ++i) {
    if (!batch.Write(BatchMessage(absl::StrCat("a", i), kHarbourArticle))) break;
  }
  v1::BatchIngestArticlesResponse response;
  const grpc::Status status = batch.Finish(&response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_THAT(status.error_message(), HasSubstr("more than 2 articles"));
  EXPECT_TRUE(SaysRequestTooLarge(status));
  EXPECT_THAT(status.error_message(), HasSubstr("nothing was stored"));
  EXPECT_FALSE(Stored(server, "a0"));
}

TEST_P(BatchIngestArticles, BytesBeyondTheBatchOrTheServerWindowStoreNothing) {
  const std::string one = BatchMessage("w0", kBudgetArticle);
  for (const bool per_call : {true, false}) {
    QuoteServiceOptions options;
    (per_call ? options.max_batch_bytes : options.max_ingest_window_bytes) =
        static_cast<int64_t>(one.size()) * 3 / 2;
    TestServer server(options);
    RawBatch batch(server);
    batch.Write(one);
    batch.Write(BatchMessage("w1", kBudgetArticle));
    v1::BatchIngestArticlesResponse response;
    const grpc::Status status = batch.Finish(&response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED)
        << Describe(status);
    EXPECT_THAT(status.error_message(), HasSubstr("nothing was stored"));
    // Too large for any call, or a busy server to retry later.
    EXPECT_EQ(SaysRequestTooLarge(status), per_call);
    EXPECT_FALSE(Stored(server, "w0"));
    // The window is given back: a batch that fits goes through.
    RawBatch small(server);
    small.Write(one);
    EXPECT_TRUE(small.Finish(&response).ok());
    EXPECT_TRUE(Stored(server, "w0"));
  }
}

// --- GetQuote / ListQuotes -------------------------------------------------

TEST_P(GetQuote, ByNameNotFoundAndMalformed) {
  TestServer server;
  const auto ingested = IngestOrDie(server.stub(), "harbour", kHarbourArticle);
  ASSERT_GT(ingested.quotes_size(), 0);
  v1::GetQuoteRequest request;
  request.set_name(ingested.quotes(0).name());
  v1::GetQuoteResponse response;
  ASSERT_TRUE(server.stub().GetQuote(Context().get(), request, &response).ok());
  EXPECT_EQ(response.quote().text(), ingested.quotes(0).text());
  EXPECT_EQ(response.quote().article(), "articles/harbour");

  request.set_name("quotes/does-not-exist");
  EXPECT_EQ(server.stub().GetQuote(Context().get(), request, &response).error_code(),
            grpc::StatusCode::NOT_FOUND);
  request.set_name("quotes/a/b");
  const grpc::Status status = server.stub().GetQuote(Context().get(), request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), StartsWith("name:"));
}

TEST_P(ListQuotes, PagesThroughEveryQuoteOnce) {
  TestServer server;
  IngestOrDie(server.stub(), "budget", kBudgetArticle);
  IngestOrDie(server.stub(), "harbour", kHarbourArticle);
  IngestOrDie(server.stub(), "unicode", kUnicodeArticle);
  v1::ListQuotesRequest all;
  all.set_page_size(1000);
  v1::ListQuotesResponse everything;
  ASSERT_TRUE(server.stub().ListQuotes(Context().get(), all, &everything).ok());
  ASSERT_GE(everything.quotes_size(), 4);
  EXPECT_TRUE(everything.next_page_token().empty());

  std::vector<std::string> paged;
  v1::ListQuotesRequest request;
  request.set_page_size(1);
  int pages = 0;
  do {
    v1::ListQuotesResponse response;
    ASSERT_TRUE(server.stub().ListQuotes(Context().get(), request, &response).ok());
    ASSERT_LE(response.quotes_size(), 1);
    for (const auto& q : response.quotes()) paged.push_back(q.name());
    request.set_page_token(response.next_page_token());
    ASSERT_LT(++pages, 100);
  } while (!request.page_token().empty());
  std::vector<std::string> expected;
  for (const auto& q : everything.quotes()) expected.push_back(q.name());
  EXPECT_EQ(paged, expected);
}

TEST_P(ListQuotes, InvalidRequests) {
  TestServer server;
  IngestOrDie(server.stub(), "budget", kBudgetArticle);
  v1::ListQuotesRequest first;
  first.set_page_size(1);
  v1::ListQuotesResponse page;
  ASSERT_TRUE(server.stub().ListQuotes(Context().get(), first, &page).ok());
  ASSERT_FALSE(page.next_page_token().empty());
  std::string forged = page.next_page_token();
  forged[forged.size() / 2] = forged[forged.size() / 2] == 'A' ? 'B' : 'A';

  struct Case {
    const char* name;
    std::function<void(v1::ListQuotesRequest*)> set;
    const char* prefix;
  } cases[] = {
      {"negative page size", [](auto* r) { r->set_page_size(-1); },
       "page_size: must be between 0 and 1000"},
      {"oversized page size", [](auto* r) { r->set_page_size(1001); },
       "page_size: must be between 0 and 1000"},
      {"garbage token", [](auto* r) { r->set_page_token("not-a-token"); },
       "page_token"},
      {"forged token", [&](auto* r) { r->set_page_token(forged); }, "page_token"},
      {"token for other filters",
       [&](auto* r) {
         r->set_page_token(page.next_page_token());
         r->set_person("Baker");
       },
       "page_token"},
      {"start after end",
       [](auto* r) {
         r->mutable_start_time()->set_seconds(2000);
         r->mutable_end_time()->set_seconds(1000);
       },
       "start_time:"},
      {"bad relation",
       [](auto* r) { r->set_source_relation(static_cast<v1::SourceRelation>(9)); },
       "source_relation: unknown value 9"},
      {"bad language", [](auto* r) { r->set_language("dutch!"); }, "language:"},
      {"relevance without query", [](auto* r) { r->set_order_by("relevance"); },
       "order_by:"},
      {"unknown order", [](auto* r) { r->set_order_by("speaker"); }, "order_by:"},
  };
  for (const Case& c : cases) {
    v1::ListQuotesRequest request;
    c.set(&request);
    v1::ListQuotesResponse response;
    const grpc::Status status =
        server.stub().ListQuotes(Context().get(), request, &response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
        << c.name << ": " << Describe(status);
    EXPECT_THAT(status.error_message(), StartsWith(c.prefix)) << c.name;
  }
}

TEST_P(ListQuotes, Filters) {
  TestServer server;
  IngestOrDie(server.stub(), "budget", kBudgetArticle, "Eastville Post");
  IngestOrDie(server.stub(), "harbour", kHarbourArticle, "Port News");

  v1::ListQuotesRequest by_person;
  by_person.set_person("Baker");
  v1::ListQuotesResponse baker;
  ASSERT_TRUE(server.stub().ListQuotes(Context().get(), by_person, &baker).ok());
  ASSERT_GE(baker.quotes_size(), 1);
  for (const auto& q : baker.quotes()) {
    EXPECT_THAT(q.speaker().name(), HasSubstr("Baker"));
  }

  v1::ListQuotesRequest by_publisher;
  by_publisher.set_source("Port News");
  v1::ListQuotesResponse port;
  ASSERT_TRUE(server.stub().ListQuotes(Context().get(), by_publisher, &port).ok());
  ASSERT_GE(port.quotes_size(), 1);
  for (const auto& q : port.quotes()) EXPECT_EQ(q.article(), "articles/harbour");

  v1::ListQuotesRequest by_outlet;
  by_outlet.set_source("Radio Eastville");
  by_outlet.set_source_relation(v1::SOURCE_RELATION_OUTLET);
  v1::ListQuotesResponse radio;
  ASSERT_TRUE(server.stub().ListQuotes(Context().get(), by_outlet, &radio).ok());
  ASSERT_EQ(radio.quotes_size(), 1);
  EXPECT_THAT(radio.quotes(0).text(), HasSubstr("raise taxes"));

  v1::ListQuotesRequest by_query;
  by_query.set_query("contracts SIGNED");
  v1::ListQuotesResponse query;
  ASSERT_TRUE(server.stub().ListQuotes(Context().get(), by_query, &query).ok());
  ASSERT_EQ(query.quotes_size(), 1);
  EXPECT_EQ(query.quotes(0).article(), "articles/harbour");

  v1::ListQuotesRequest by_article;
  by_article.set_article("articles/budget");
  v1::ListQuotesResponse budget;
  ASSERT_TRUE(server.stub().ListQuotes(Context().get(), by_article, &budget).ok());
  for (const auto& q : budget.quotes()) EXPECT_EQ(q.article(), "articles/budget");

  v1::ListQuotesRequest unknown_person;
  unknown_person.set_person("Nobody Atall");
  v1::ListQuotesResponse none;
  ASSERT_TRUE(server.stub().ListQuotes(Context().get(), unknown_person, &none).ok());
  EXPECT_EQ(none.quotes_size(), 0);
}

TEST_P(ListQuotes, TimeWindow) {
  TestServer server;
  v1::IngestArticleRequest old_article;
  old_article.mutable_article()->set_id("old");
  old_article.mutable_article()->set_text(kHarbourArticle);
  old_article.mutable_article()->mutable_publish_time()->set_seconds(1000000000);
  v1::IngestArticleResponse ignored;
  ASSERT_TRUE(server.stub().IngestArticle(Context().get(), old_article, &ignored).ok());
  IngestOrDie(server.stub(), "new", kBudgetArticle);

  v1::ListQuotesRequest request;
  request.mutable_end_time()->set_seconds(1500000000);
  v1::ListQuotesResponse response;
  ASSERT_TRUE(server.stub().ListQuotes(Context().get(), request, &response).ok());
  ASSERT_GE(response.quotes_size(), 1);
  for (const auto& q : response.quotes()) {
    EXPECT_EQ(q.article(), "articles/old");
    EXPECT_EQ(q.publish_time().seconds(), 1000000000);
  }
}

// --- People, sources, topics -------------------------------------------------

// The speakers' names on a page by `person`, in page order.
std::vector<std::string> SpeakersOf(TestServer& server, const std::string& person) {
  v1::ListQuotesRequest request;
  request.set_person(person);
  v1::ListQuotesResponse response;
  const grpc::Status status =
      server.stub().ListQuotes(Context().get(), request, &response);
  EXPECT_TRUE(status.ok()) << status.error_message();
  std::vector<std::string> names;
  for (const v1::Quote& q : response.quotes()) {
    names.push_back(q.speaker().name() + ": " + q.text().substr(0, 12));
  }
  return names;
}

TEST_P(ListQuotes, RepeatedPagesAreAnsweredFromMemoryUntilAWrite) {
  TestServer server;
  IngestOrDie(server.stub(), "budget", kBudgetArticle);
  const std::vector<std::string> first = SpeakersOf(server, "Baker");
  EXPECT_EQ(first, (std::vector<std::string>{"Thomas Baker: This plan wi"}));
  const uint64_t hits = server.service().response_cache_stats().hits;
  EXPECT_EQ(SpeakersOf(server, "Baker"), first);
  EXPECT_EQ(server.service().response_cache_stats().hits, hits + 1);

  // Every kind of write retires the page: a correction, an ingest, a delete.
  v1::RenamePersonRequest rename;
  rename.set_person("Baker");
  rename.set_display_name("Thomas J. Baker");
  v1::RenamePersonResponse renamed;
  ASSERT_TRUE(server.stub().RenamePerson(Context().get(), rename, &renamed).ok());
  EXPECT_EQ(SpeakersOf(server, "Baker"),
            (std::vector<std::string>{"Thomas J. Baker: This plan wi"}));

  IngestOrDie(server.stub(), "baker-again",
              "\"The harbour deal is a mistake,\" said Thomas Baker, the "
              "opposition leader.\n");
  EXPECT_THAT(SpeakersOf(server, "Baker"),
              ::testing::UnorderedElementsAre("Thomas J. Baker: This plan wi",
                                              "Thomas J. Baker: The harbour "));

  v1::DeleteArticleRequest remove;
  remove.set_name("articles/budget");
  v1::DeleteArticleResponse removed;
  ASSERT_TRUE(server.stub().DeleteArticle(Context().get(), remove, &removed).ok());
  EXPECT_EQ(SpeakersOf(server, "Baker"),
            (std::vector<std::string>{"Thomas J. Baker: The harbour "}));
  // Each of those pages was computed, not answered from memory.
  EXPECT_EQ(server.service().response_cache_stats().hits, hits + 1);
}

TEST_P(ListQuotes, ResponseCacheOffComputesEveryPage) {
  QuoteServiceOptions options;
  options.response_cache_mib = 0;
  TestServer server(options);
  IngestOrDie(server.stub(), "budget", kBudgetArticle);
  const std::vector<std::string> first = SpeakersOf(server, "Baker");
  EXPECT_EQ(first, (std::vector<std::string>{"Thomas Baker: This plan wi"}));
  EXPECT_EQ(SpeakersOf(server, "Baker"), first);
  EXPECT_EQ(server.service().response_cache_stats().hits, 0u);
  EXPECT_EQ(server.service().response_cache_stats().entries, 0u);
}

TEST_P(People, ListAndGetByAnyNameForm) {
  TestServer server;
  IngestOrDie(server.stub(), "budget", kBudgetArticle);
  v1::ListPeopleRequest list;
  v1::ListPeopleResponse people;
  ASSERT_TRUE(server.stub().ListPeople(Context().get(), list, &people).ok());
  ASSERT_GE(people.people_size(), 2);
  const v1::Person* baker = nullptr;
  for (const auto& p : people.people()) {
    if (p.display_name().find("Baker") != std::string::npos) baker = &p;
    EXPECT_THAT(p.name(), StartsWith("people/"));
  }
  ASSERT_NE(baker, nullptr);
  EXPECT_GE(baker->quote_count(), 1);

  for (const std::string& name : {baker->name(), std::string("Baker"),
                                  std::string("thomas baker")}) {
    v1::GetPersonRequest get;
    get.set_name(name);
    v1::GetPersonResponse got;
    ASSERT_TRUE(server.stub().GetPerson(Context().get(), get, &got).ok()) << name;
    EXPECT_EQ(got.person().name(), baker->name());
  }
  v1::GetPersonRequest missing;
  missing.set_name("Nobody Atall");
  v1::GetPersonResponse got;
  EXPECT_EQ(server.stub().GetPerson(Context().get(), missing, &got).error_code(),
            grpc::StatusCode::NOT_FOUND);
  missing.set_name("");
  EXPECT_EQ(server.stub().GetPerson(Context().get(), missing, &got).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);

  v1::ListPeopleRequest query;
  query.set_query("lefevre");
  v1::ListPeopleResponse found;
  ASSERT_TRUE(server.stub().ListPeople(Context().get(), query, &found).ok());
  ASSERT_EQ(found.people_size(), 1);
  EXPECT_THAT(found.people(0).display_name(), HasSubstr("Lefèvre"));

  v1::ListPeopleRequest bad;
  bad.set_page_size(-5);
  EXPECT_EQ(server.stub().ListPeople(Context().get(), bad, &found).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  bad.set_page_size(0);
  bad.set_kind(static_cast<v1::SpeakerKind>(99));
  EXPECT_EQ(server.stub().ListPeople(Context().get(), bad, &found).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_P(Sources, PublisherAndOutletCounted) {
  TestServer server;
  IngestOrDie(server.stub(), "budget", kBudgetArticle, "Eastville Post");
  v1::ListSourcesRequest request;
  v1::ListSourcesResponse response;
  ASSERT_TRUE(server.stub().ListSources(Context().get(), request, &response).ok());
  const v1::Source* post = nullptr;
  const v1::Source* radio = nullptr;
  for (const auto& s : response.sources()) {
    EXPECT_THAT(s.name(), StartsWith("sources/"));
    if (s.display_name() == "Eastville Post") post = &s;
    if (s.display_name() == "Radio Eastville") radio = &s;
  }
  ASSERT_NE(post, nullptr);
  EXPECT_GE(post->publisher_quote_count(), 2);
  ASSERT_NE(radio, nullptr);
  EXPECT_EQ(radio->outlet_quote_count(), 1);

  request.set_page_token("garbage");
  const grpc::Status status =
      server.stub().ListSources(Context().get(), request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("page_token"));
}

TEST_P(Topics, EveryTopicOfTheTaxonomy) {
  TestServer server;
  v1::ListTopicsRequest request;
  request.set_page_size(1000);
  v1::ListTopicsResponse response;
  ASSERT_TRUE(server.stub().ListTopics(Context().get(), request, &response).ok());
  EXPECT_EQ(static_cast<size_t>(response.topics_size()),
            TestServer::analyzer().topics().taxonomy().size());
  for (const auto& t : response.topics()) {
    EXPECT_THAT(t.name(), StartsWith("topics/"));
    EXPECT_FALSE(t.display_name().empty());
  }
  request.set_page_size(1001);
  EXPECT_EQ(server.stub().ListTopics(Context().get(), request, &response).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

// --- WatchQuotes ---------------------------------------------------------------

TEST_P(WatchQuotes, ReceivesQuotesIngestedAfterItStarts) {
  TestServer server;
  IngestOrDie(server.stub(), "before", kHarbourArticle);  // not delivered

  grpc::ClientContext context;
  v1::WatchQuotesRequest request;
  request.set_offset_unit(v1::OFFSET_UNIT_CODE_POINT);
  auto reader = server.stub().WatchQuotes(&context, request);
  reader->WaitForInitialMetadata();  // the watch is in place
  EXPECT_EQ(server.service().watcher_count(), 1u);

  const auto ingested = IngestOrDie(server.stub(), "unicode", kUnicodeArticle);
  ASSERT_GT(ingested.quotes_size(), 0);
  v1::WatchQuotesResponse response;
  ASSERT_TRUE(reader->Read(&response));
  EXPECT_EQ(response.quote().article(), "articles/unicode");
  EXPECT_EQ(response.quote().name(), ingested.quotes(0).name());
  ASSERT_GT(response.quote().spans_size(), 0);
  EXPECT_EQ(Slice(kUnicodeArticle, response.quote().spans(0),
                  v1::OFFSET_UNIT_CODE_POINT),
            response.quote().text());

  context.TryCancel();
  while (reader->Read(&response)) {
  }
  EXPECT_EQ(reader->Finish().error_code(), grpc::StatusCode::CANCELLED);
}

// Threads of this process (Linux).
int ThreadCount() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("Threads:", 0) == 0) return std::stoi(line.substr(8));
  }
  return -1;
}

TEST_P(WatchQuotes, WatchersHoldNoThreadAndAreCappedByMaxWatchers) {
  QuoteServiceOptions options;
  options.max_watchers = 40;
  TestServer server(options);
  const int threads_before = ThreadCount();
  struct Watch {
    grpc::ClientContext context;
    std::unique_ptr<grpc::ClientReader<v1::WatchQuotesResponse>> reader;
  };
  std::vector<std::unique_ptr<Watch>> watches;
  for (int i = 0; i < 40; ++i) {
    auto watch = std::make_unique<Watch>();
    watch->reader = server.stub().WatchQuotes(&watch->context, {});
    watch->reader->WaitForInitialMetadata();
    watches.push_back(std::move(watch));
  }
  EXPECT_EQ(server.service().watcher_count(), 40u);
  // Client and server share the process: 40 watches add no thread each.
  EXPECT_LT(ThreadCount() - threads_before, 20);

  grpc::ClientContext context;
  auto refused = server.stub().WatchQuotes(&context, {});
  v1::WatchQuotesResponse response;
  EXPECT_FALSE(refused->Read(&response));
  const grpc::Status status = refused->Finish();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_THAT(status.error_message(), HasSubstr("40 watches"));

  // The watches still deliver.
  IngestOrDie(server.stub(), "harbour", kHarbourArticle);
  ASSERT_TRUE(watches[39]->reader->Read(&response));
  EXPECT_EQ(response.quote().article(), "articles/harbour");
  for (auto& watch : watches) watch->context.TryCancel();
  for (auto& watch : watches) {
    while (watch->reader->Read(&response)) {
    }
    watch->reader->Finish();
  }
}

// An article of one quote of ~24 KB, the `i`th of distinct texts.
std::string LongQuoteArticle(int i) {
  std::string sentence;
  for (int n = 0; n < 800; ++n) {
    absl::StrAppend(&sentence, "We will keep harbour ", n, " open. ");
  }
  return absl::StrCat("\"", sentence, i, ",\" said Marta Olsen.\n");
}

TEST_P(WatchQuotes, AWatcherThatStopsReadingIsEndedByItsByteBudget) {
  QuoteServiceOptions options;
  options.watch_buffer_bytes = 64 * 1024;
  TestServer server(options);
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() +
                       std::chrono::seconds(60));
  auto reader = server.stub().WatchQuotes(&context, {});
  reader->WaitForInitialMetadata();
  // 300 articles of one long quote are far more than gRPC's flow-control
  // windows and the 64 KiB budget hold.
  for (int i = 0; i < 300 && server.service().watcher_count() > 0; ++i) {
    IngestOrDie(server.stub(), absl::StrCat("long-", i), LongQuoteArticle(i));
  }
  // The server ended the watch without waiting for the client to read.
  EXPECT_EQ(server.service().watcher_count(), 0u);
  v1::WatchQuotesResponse response;
  int read = 0;
  while (reader->Read(&response)) ++read;
  const grpc::Status status = reader->Finish();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED)
      << Describe(status);
  EXPECT_THAT(status.error_message(), HasSubstr("65536 bytes behind"));
  EXPECT_LT(read, 300);
}

TEST_P(WatchQuotes, AStalledWatcherGivesItsPlaceBackWithAClearStatus) {
  QuoteServiceOptions options;
  options.max_watchers = 1;
  options.watch_stall_timeout = absl::Milliseconds(300);
  options.watch_buffer_bytes = 64 << 20;  // never the byte budget here
  TestServer server(options);
  // A client with a small receive window and no window growth: its stream
  // stops accepting writes after a few quotes it does not read.
  grpc::ChannelArguments args;
  args.SetInt(GRPC_ARG_HTTP2_STREAM_LOOKAHEAD_BYTES, 16 * 1024);
  args.SetInt(GRPC_ARG_HTTP2_BDP_PROBE, 0);
  auto stub = v1::QuoteService::NewStub(grpc::CreateCustomChannel(
      absl::StrCat("127.0.0.1:", server.port()),
      grpc::InsecureChannelCredentials(), args));
  grpc::ClientContext stalled_context;
  stalled_context.set_deadline(std::chrono::system_clock::now() +
                               std::chrono::seconds(60));
  auto stalled = stub->WatchQuotes(&stalled_context, {});
  stalled->WaitForInitialMetadata();
  for (int i = 0; i < 8; ++i) {
    IngestOrDie(server.stub(), absl::StrCat("long-", i), LongQuoteArticle(i));
  }
  absl::SleepFor(absl::Milliseconds(600));
  // The only place is taken by a stalled watch: it is ended, not the
  // newcomer refused.
  grpc::ClientContext context;
  auto reader = server.stub().WatchQuotes(&context, {});
  reader->WaitForInitialMetadata();
  IngestOrDie(server.stub(), "harbour", kHarbourArticle);
  v1::WatchQuotesResponse response;
  ASSERT_TRUE(reader->Read(&response));
  EXPECT_EQ(response.quote().article(), "articles/harbour");
  // The stalled client, reading at last, gets what was sent, then why.
  int read = 0;
  while (stalled->Read(&response)) ++read;
  const grpc::Status status = stalled->Finish();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED)
      << Describe(status);
  EXPECT_THAT(status.error_message(), HasSubstr("accepted no quote for 300ms"));
  EXPECT_LT(read, 8);
  context.TryCancel();
  while (reader->Read(&response)) {
  }
  reader->Finish();
}

// An idle watch (no quote to send) is never stalled, and a full server
// still refuses a newcomer.
TEST_P(WatchQuotes, AnIdleWatcherKeepsItsPlace) {
  QuoteServiceOptions options;
  options.max_watchers = 1;
  options.watch_stall_timeout = absl::Milliseconds(100);
  TestServer server(options);
  grpc::ClientContext idle_context;
  auto idle = server.stub().WatchQuotes(&idle_context, {});
  idle->WaitForInitialMetadata();
  absl::SleepFor(absl::Milliseconds(300));
  grpc::ClientContext context;
  auto refused = server.stub().WatchQuotes(&context, {});
  v1::WatchQuotesResponse response;
  EXPECT_FALSE(refused->Read(&response));
  EXPECT_EQ(refused->Finish().error_code(),
            grpc::StatusCode::RESOURCE_EXHAUSTED);
  IngestOrDie(server.stub(), "harbour", kHarbourArticle);
  ASSERT_TRUE(idle->Read(&response));
  idle_context.TryCancel();
  while (idle->Read(&response)) {
  }
  idle->Finish();
}

// The boundary is exact on both stores: a watch gets every quote committed
// after it is in place and none committed before, even while the server is
// still publishing those earlier writes to another watcher (on a shared
// database the feed delivers them a moment after their commit).
TEST_P(WatchQuotes, GetsNoWriteAcknowledgedBeforeItStarted) {
  TestServer server;
  // A first watcher keeps the server busy publishing the batch below.
  grpc::ClientContext first_context;
  auto first = server.stub().WatchQuotes(&first_context, v1::WatchQuotesRequest());
  first->WaitForInitialMetadata();
  {
    grpc::ClientContext context;
    v1::BatchIngestArticlesResponse batch;
    auto writer = server.stub().BatchIngestArticles(&context, &batch);
    std::vector<std::pair<std::string, std::string>> articles;
    for (int i = 0; i < 40; ++i) {
      articles.emplace_back(absl::StrCat("before-", i), kHarbourArticle);
    }
    ASSERT_TRUE(WriteBatch(writer.get(), articles).ok());
    ASSERT_EQ(batch.ingested_count(), 40);
  }
  grpc::ClientContext context;
  auto reader = server.stub().WatchQuotes(&context, v1::WatchQuotesRequest());
  reader->WaitForInitialMetadata();
  IngestOrDie(server.stub(), "after", kBudgetArticle);
  v1::WatchQuotesResponse response;
  ASSERT_TRUE(reader->Read(&response));
  EXPECT_EQ(response.quote().article(), "articles/after");
  context.TryCancel();
  while (reader->Read(&response)) {
  }
  reader->Finish();
  first_context.TryCancel();
  while (first->Read(&response)) {
  }
  first->Finish();
}

TEST_P(WatchQuotes, FiltersByPerson) {
  TestServer server;
  IngestOrDie(server.stub(), "budget", kBudgetArticle);  // Baker is known

  grpc::ClientContext context;
  v1::WatchQuotesRequest request;
  request.set_person("Baker");
  auto reader = server.stub().WatchQuotes(&context, request);
  reader->WaitForInitialMetadata();
  IngestOrDie(server.stub(), "harbour", kHarbourArticle);  // Olsen: filtered
  IngestOrDie(server.stub(), "budget-2", kBudgetArticle);  // Baker again
  v1::WatchQuotesResponse response;
  ASSERT_TRUE(reader->Read(&response));
  EXPECT_THAT(response.quote().speaker().name(), HasSubstr("Baker"));
  EXPECT_EQ(response.quote().article(), "articles/budget-2");
  context.TryCancel();
  while (reader->Read(&response)) {
  }
  reader->Finish();
}

TEST_P(WatchQuotes, InvalidFilterAndShutdown) {
  TestServer server;
  {
    grpc::ClientContext context;
    v1::WatchQuotesRequest request;
    request.set_topic("no-such-topic");
    auto reader = server.stub().WatchQuotes(&context, request);
    v1::WatchQuotesResponse response;
    EXPECT_FALSE(reader->Read(&response));
    const grpc::Status status = reader->Finish();
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_THAT(status.error_message(), StartsWith("topic:"));
  }
  grpc::ClientContext context;
  auto reader = server.stub().WatchQuotes(&context, v1::WatchQuotesRequest());
  reader->WaitForInitialMetadata();
  server.service().EndWatches();
  v1::WatchQuotesResponse response;
  EXPECT_FALSE(reader->Read(&response));
  EXPECT_EQ(reader->Finish().error_code(), grpc::StatusCode::UNAVAILABLE);
}

// --- Editorial corrections ---------------------------------------------------

TEST_P(Corrections, RenameMergeSplitReattributeAreRecorded) {
  TestServer server;
  const auto budget = IngestOrDie(server.stub(), "budget", kBudgetArticle);
  IngestOrDie(server.stub(), "harbour", kHarbourArticle);

  v1::RenamePersonRequest rename;
  rename.set_person("Baker");
  rename.set_display_name("Thomas J. Baker");
  rename.set_editor("desk");
  v1::RenamePersonResponse renamed;
  ASSERT_TRUE(server.stub().RenamePerson(Context().get(), rename, &renamed).ok());
  EXPECT_EQ(renamed.person().display_name(), "Thomas J. Baker");

  v1::MergePeopleRequest merge;
  merge.set_person("Baker");
  merge.add_people("Marta Olsen");
  v1::MergePeopleResponse merged;
  ASSERT_TRUE(server.stub().MergePeople(Context().get(), merge, &merged).ok());
  EXPECT_EQ(merged.person().name(), renamed.person().name());
  EXPECT_GE(merged.person().quote_count(), 2);

  v1::SplitPersonRequest split;
  split.set_person(merged.person().name());
  split.add_aliases("Marta Olsen");
  v1::SplitPersonResponse splitted;
  const grpc::Status split_status =
      server.stub().SplitPerson(Context().get(), split, &splitted);
  ASSERT_TRUE(split_status.ok()) << Describe(split_status);
  EXPECT_EQ(splitted.split_person().display_name(), "Marta Olsen");

  split.clear_aliases();
  split.add_aliases("Somebody Else");
  EXPECT_EQ(server.stub().SplitPerson(Context().get(), split, &splitted).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);

  const v1::Quote* lefevre = FindQuote(budget.quotes(), "budget is balanced");
  ASSERT_NE(lefevre, nullptr);
  v1::ReattributeQuoteRequest reattribute;
  reattribute.set_quote(lefevre->name());
  reattribute.set_person("Marta Olsen");
  v1::ReattributeQuoteResponse reattributed;
  ASSERT_TRUE(
      server.stub().ReattributeQuote(Context().get(), reattribute, &reattributed).ok());
  EXPECT_EQ(reattributed.quote().speaker().name(), "Marta Olsen");
  EXPECT_EQ(reattributed.quote().attribution(), v1::ATTRIBUTION_METHOD_EDITORIAL);

  // The reattribution survives re-ingestion.
  const auto again = IngestOrDie(server.stub(), "budget", kBudgetArticle);
  const v1::Quote* after = FindQuote(again.quotes(), "budget is balanced");
  ASSERT_NE(after, nullptr);
  EXPECT_EQ(after->speaker().name(), "Marta Olsen");

  v1::ListCorrectionsRequest list;
  v1::ListCorrectionsResponse corrections;
  ASSERT_TRUE(server.stub().ListCorrections(Context().get(), list, &corrections).ok());
  std::vector<std::string> actions;
  for (const auto& c : corrections.corrections()) actions.push_back(c.action());
  EXPECT_EQ(actions, (std::vector<std::string>{"reattribute", "split", "merge", "rename"}));
  EXPECT_EQ(corrections.corrections(3).editor(), "desk");
}

// An uncertain join (two people with one surname, the same role, different
// first names) is kept apart and listed as a suggestion; merging the two
// removes it.
TEST_P(Corrections, MergeSuggestionsAreListedAndAMergeAcceptsOne) {
  TestServer server;
  const auto irina = IngestOrDie(
      server.stub(), "s1",
      "\"The school needs a new roof,\" said Irina Gorbacheva, a teacher in "
      "Tver.");
  const auto maria = IngestOrDie(
      server.stub(), "s2",
      "\"The school needs more teachers,\" said Maria Gorbacheva, a teacher "
      "in Tver.");
  ASSERT_EQ(irina.quotes_size(), 1);
  ASSERT_EQ(maria.quotes_size(), 1);
  const std::string a = irina.quotes(0).speaker().person();
  const std::string b = maria.quotes(0).speaker().person();
  ASSERT_NE(a, b);
  v1::ListMergeSuggestionsRequest list;
  v1::ListMergeSuggestionsResponse suggestions;
  ASSERT_TRUE(server.stub()
                  .ListMergeSuggestions(Context().get(), list, &suggestions)
                  .ok());
  ASSERT_EQ(suggestions.suggestions_size(), 1);
  const v1::MergeSuggestion& s = suggestions.suggestions(0);
  EXPECT_EQ(std::set<std::string>({s.person(), s.other_person()}),
            std::set<std::string>({a, b}));
  EXPECT_THAT(s.evidence(), HasSubstr("teacher"));
  EXPECT_FALSE(s.shared_key().empty());
  EXPECT_GT(s.score(), 0);

  v1::MergePeopleRequest merge;
  merge.set_person(a);
  merge.add_people(b);
  v1::MergePeopleResponse merged;
  ASSERT_TRUE(server.stub().MergePeople(Context().get(), merge, &merged).ok());
  suggestions.Clear();
  ASSERT_TRUE(server.stub()
                  .ListMergeSuggestions(Context().get(), list, &suggestions)
                  .ok());
  EXPECT_EQ(suggestions.suggestions_size(), 0);
}

TEST_P(Corrections, ReattributeNeedsANameOrAnExistingPerson) {
  TestServer server;
  const auto budget = IngestOrDie(server.stub(), "budget", kBudgetArticle);
  const v1::Quote* quote = FindQuote(budget.quotes(), "budget is balanced");
  ASSERT_NE(quote, nullptr);
  const auto people_count = [&] {
    v1::ListPeopleRequest list;
    list.set_page_size(1000);
    v1::ListPeopleResponse people;
    EXPECT_TRUE(server.stub().ListPeople(Context().get(), list, &people).ok());
    return people.people_size();
  };
  const int before = people_count();
  v1::ReattributeQuoteRequest reattribute;
  reattribute.set_quote(quote->name());
  v1::ReattributeQuoteResponse reattributed;
  const auto expect_refused = [&](const char* person, grpc::StatusCode code) {
    reattribute.set_person(person);
    const grpc::Status status =
        server.stub().ReattributeQuote(Context().get(), reattribute, &reattributed);
    EXPECT_EQ(status.error_code(), code) << person << ": " << Describe(status);
    EXPECT_THAT(status.error_message(), StartsWith("person: "));
  };
  for (const char* not_a_name : {"..", "!!!", "--"}) {
    expect_refused(not_a_name, grpc::StatusCode::INVALID_ARGUMENT);
  }
  for (const char* missing : {"people/..", "people/nobody", "people/!!!"}) {
    expect_refused(missing, grpc::StatusCode::NOT_FOUND);
  }
  EXPECT_EQ(people_count(), before);

  // An existing person by resource name, and a new name, both work.
  v1::GetPersonRequest get;
  get.set_name("Baker");
  v1::GetPersonResponse baker;
  ASSERT_TRUE(server.stub().GetPerson(Context().get(), get, &baker).ok());
  reattribute.set_person(baker.person().name());
  ASSERT_TRUE(server.stub()
                  .ReattributeQuote(Context().get(), reattribute, &reattributed)
                  .ok());
  EXPECT_EQ(reattributed.quote().speaker().person(), baker.person().name());
  reattribute.set_person("Anna Verhoeven");
  ASSERT_TRUE(server.stub()
                  .ReattributeQuote(Context().get(), reattribute, &reattributed)
                  .ok());
  get.set_name("Anna Verhoeven");
  EXPECT_TRUE(server.stub().GetPerson(Context().get(), get, &baker).ok());
  get.set_name("..");
  EXPECT_EQ(server.stub().GetPerson(Context().get(), get, &baker).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_P(Corrections, Errors) {
  TestServer server;
  IngestOrDie(server.stub(), "budget", kBudgetArticle);
  v1::RenamePersonRequest rename;
  rename.set_person("Nobody Atall");
  rename.set_display_name("X");
  v1::RenamePersonResponse renamed;
  EXPECT_EQ(server.stub().RenamePerson(Context().get(), rename, &renamed).error_code(),
            grpc::StatusCode::NOT_FOUND);
  rename.set_person("Baker");
  rename.set_display_name("");
  const grpc::Status empty =
      server.stub().RenamePerson(Context().get(), rename, &renamed);
  EXPECT_EQ(empty.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(empty.error_message(), "display_name: required");

  v1::MergePeopleRequest merge;
  merge.set_person("Baker");
  v1::MergePeopleResponse merged;
  const grpc::Status no_people = server.stub().MergePeople(Context().get(), merge, &merged);
  EXPECT_EQ(no_people.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(no_people.error_message(), "people: required");
  merge.add_people("Nobody Atall");
  EXPECT_EQ(server.stub().MergePeople(Context().get(), merge, &merged).error_code(),
            grpc::StatusCode::NOT_FOUND);

  v1::ReattributeQuoteRequest reattribute;
  reattribute.set_quote("quotes/missing");
  reattribute.set_person("Baker");
  v1::ReattributeQuoteResponse reattributed;
  EXPECT_EQ(server.stub()
                .ReattributeQuote(Context().get(), reattribute, &reattributed)
                .error_code(),
            grpc::StatusCode::NOT_FOUND);

  v1::ListCorrectionsRequest list;
  list.set_page_size(-1);
  v1::ListCorrectionsResponse corrections;
  EXPECT_EQ(server.stub().ListCorrections(Context().get(), list, &corrections).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

// --- The remaining documented error codes, one table --------------------------

TEST_P(ErrorCodes, DocumentedCodesOfEveryRpc) {
  TestServer server;
  const auto budget = IngestOrDie(server.stub(), "budget", kBudgetArticle);
  ASSERT_GT(budget.quotes_size(), 0);
  using Call = std::function<grpc::Status(v1::QuoteService::Stub&)>;
  struct Case {
    const char* name;
    Call call;
    grpc::StatusCode code;
    const char* prefix;
  } cases[] = {
      {"DeleteArticle empty",
       [](auto& stub) {
         v1::DeleteArticleResponse r;
         return stub.DeleteArticle(Context().get(), v1::DeleteArticleRequest(), &r);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "name: required"},
      {"GetQuote empty",
       [](auto& stub) {
         v1::GetQuoteResponse r;
         return stub.GetQuote(Context().get(), v1::GetQuoteRequest(), &r);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "name: required"},
      {"ListQuotes unusable query",
       [](auto& stub) {
         v1::ListQuotesRequest q;
         q.set_query("!!! ???");
         v1::ListQuotesResponse r;
         return stub.ListQuotes(Context().get(), q, &r);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "query:"},
      {"ListQuotes multi-line query",
       [](auto& stub) {
         v1::ListQuotesRequest q;
         q.set_query("a\nb");
         v1::ListQuotesResponse r;
         return stub.ListQuotes(Context().get(), q, &r);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "query:"},
      {"ListPeople forged token",
       [](auto& stub) {
         v1::ListPeopleRequest q;
         q.set_page_token("bm90IGEgdG9rZW4");
         v1::ListPeopleResponse r;
         return stub.ListPeople(Context().get(), q, &r);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "page_token"},
      {"ListCorrections forged token",
       [](auto& stub) {
         v1::ListCorrectionsRequest q;
         q.set_page_token("xyz");
         v1::ListCorrectionsResponse r;
         return stub.ListCorrections(Context().get(), q, &r);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "page_token"},
      {"ListMergeSuggestions forged token",
       [](auto& stub) {
         v1::ListMergeSuggestionsRequest q;
         q.set_page_token("xyz");
         v1::ListMergeSuggestionsResponse r;
         return stub.ListMergeSuggestions(Context().get(), q, &r);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "page_token"},
      {"ListMergeSuggestions oversized page",
       [](auto& stub) {
         v1::ListMergeSuggestionsRequest q;
         q.set_page_size(1001);
         v1::ListMergeSuggestionsResponse r;
         return stub.ListMergeSuggestions(Context().get(), q, &r);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "page_size"},
      {"ListTopics negative page size",
       [](auto& stub) {
         v1::ListTopicsRequest q;
         q.set_page_size(-1);
         v1::ListTopicsResponse r;
         return stub.ListTopics(Context().get(), q, &r);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "page_size: must be between 0 and 1000"},
      {"ListSources oversized page",
       [](auto& stub) {
         v1::ListSourcesRequest q;
         q.set_page_size(5000);
         v1::ListSourcesResponse r;
         return stub.ListSources(Context().get(), q, &r);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "page_size: must be between 0 and 1000"},
      {"SplitPerson unknown person",
       [](auto& stub) {
         v1::SplitPersonRequest q;
         q.set_person("Nobody Atall");
         q.add_aliases("Nobody");
         v1::SplitPersonResponse r;
         return stub.SplitPerson(Context().get(), q, &r);
       },
       grpc::StatusCode::NOT_FOUND, ""},
      {"SplitPerson no aliases",
       [](auto& stub) {
         v1::SplitPersonRequest q;
         q.set_person("Baker");
         v1::SplitPersonResponse r;
         return stub.SplitPerson(Context().get(), q, &r);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "aliases: required"},
      {"ReattributeQuote no person",
       [&](auto& stub) {
         v1::ReattributeQuoteRequest q;
         q.set_quote(budget.quotes(0).name());
         v1::ReattributeQuoteResponse r;
         return stub.ReattributeQuote(Context().get(), q, &r);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "person: required"},
      {"ReattributeQuote bad unit",
       [&](auto& stub) {
         v1::ReattributeQuoteRequest q;
         q.set_quote(budget.quotes(0).name());
         q.set_person("Baker");
         q.set_offset_unit(static_cast<v1::OffsetUnit>(-1));
         v1::ReattributeQuoteResponse r;
         return stub.ReattributeQuote(Context().get(), q, &r);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "offset_unit: unknown value -1"},
      {"MergePeople into itself",
       [](auto& stub) {
         v1::MergePeopleRequest q;
         q.set_person("Baker");
         q.add_people("Thomas Baker");
         v1::MergePeopleResponse r;
         return stub.MergePeople(Context().get(), q, &r);
       },
       grpc::StatusCode::INVALID_ARGUMENT, ""},
      {"GetArticle bad unit",
       [](auto& stub) {
         v1::GetArticleRequest q;
         q.set_name("budget");
         q.set_offset_unit(static_cast<v1::OffsetUnit>(4));
         v1::GetArticleResponse r;
         return stub.GetArticle(Context().get(), q, &r);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "offset_unit: unknown value 4"},
  };
  for (const Case& c : cases) {
    const grpc::Status status = c.call(server.stub());
    EXPECT_EQ(status.error_code(), c.code) << c.name << ": " << Describe(status);
    EXPECT_THAT(status.error_message(), StartsWith(c.prefix)) << c.name;
  }
}

// --- Authentication --------------------------------------------------------------

class AuthTest : public ::testing::Test {
 protected:
  static constexpr char kWrite[] = "test-write-token-0123456789";
  static constexpr char kRead[] = "test-read-token-0123456789";

  void SetUp() override {
    char path[] = "/tmp/quotewire_service_tokens_XXXXXX";
    const int fd = mkstemp(path);
    ASSERT_GE(fd, 0);
    close(fd);
    token_file_ = path;
    std::ofstream(token_file_) << "# test tokens\n"
                               << kWrite << " write news-desk\n"
                               << kRead << " read dashboard\n";
  }
  void TearDown() override { std::remove(token_file_.c_str()); }

  std::string token_file_;
};

TEST_F(AuthTest, WritesNeedAWriteToken) {
  TestServer server({}, {token_file_, false});
  v1::IngestArticleRequest request;
  request.mutable_article()->set_text(kHarbourArticle);
  v1::IngestArticleResponse response;
  struct Case {
    const char* token;
    grpc::StatusCode code;
  } cases[] = {
      {"", grpc::StatusCode::UNAUTHENTICATED},
      {"unknown-token-0123456789", grpc::StatusCode::UNAUTHENTICATED},
      {kRead, grpc::StatusCode::PERMISSION_DENIED},
      {kWrite, grpc::StatusCode::OK},
  };
  for (const Case& c : cases) {
    const grpc::Status status =
        server.stub().IngestArticle(Context(c.token).get(), request, &response);
    EXPECT_EQ(status.error_code(), c.code) << c.token << ": " << Describe(status);
    EXPECT_THAT(status.error_message(), ::testing::Not(HasSubstr("0123456789")));
  }
  // Every other write rpc is guarded too, before its request is looked at.
  using Call = std::function<grpc::Status(grpc::ClientContext*)>;
  auto& stub = server.stub();
  const std::vector<std::pair<const char*, Call>> writes = {
      {"DeleteArticle",
       [&](grpc::ClientContext* c) {
         v1::DeleteArticleResponse r;
         return stub.DeleteArticle(c, v1::DeleteArticleRequest(), &r);
       }},
      {"MergePeople",
       [&](grpc::ClientContext* c) {
         v1::MergePeopleResponse r;
         return stub.MergePeople(c, v1::MergePeopleRequest(), &r);
       }},
      {"SplitPerson",
       [&](grpc::ClientContext* c) {
         v1::SplitPersonResponse r;
         return stub.SplitPerson(c, v1::SplitPersonRequest(), &r);
       }},
      {"RenamePerson",
       [&](grpc::ClientContext* c) {
         v1::RenamePersonResponse r;
         return stub.RenamePerson(c, v1::RenamePersonRequest(), &r);
       }},
      {"ReattributeQuote",
       [&](grpc::ClientContext* c) {
         v1::ReattributeQuoteResponse r;
         return stub.ReattributeQuote(c, v1::ReattributeQuoteRequest(), &r);
       }},
      {"BatchIngestArticles",
       [&](grpc::ClientContext* c) {
         v1::BatchIngestArticlesResponse r;
         auto writer = stub.BatchIngestArticles(c, &r);
         writer->WritesDone();
         return writer->Finish();
       }},
  };
  for (const auto& [name, call] : writes) {
    EXPECT_EQ(call(Context().get()).error_code(), grpc::StatusCode::UNAUTHENTICATED)
        << name;
    EXPECT_EQ(call(Context(kRead).get()).error_code(),
              grpc::StatusCode::PERMISSION_DENIED)
        << name;
    const grpc::StatusCode with_write = call(Context(kWrite).get()).error_code();
    EXPECT_NE(with_write, grpc::StatusCode::UNAUTHENTICATED) << name;
    EXPECT_NE(with_write, grpc::StatusCode::PERMISSION_DENIED) << name;
  }
  v1::RenamePersonRequest rename;
  rename.set_person("Olsen");
  rename.set_display_name("M. Olsen");
  v1::RenamePersonResponse renamed;
  EXPECT_EQ(server.stub().RenamePerson(Context().get(), rename, &renamed).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  ASSERT_TRUE(server.stub().RenamePerson(Context(kWrite).get(), rename, &renamed).ok());
  // The token's label is the editor of record.
  v1::ListCorrectionsResponse corrections;
  ASSERT_TRUE(server.stub()
                  .ListCorrections(Context().get(), v1::ListCorrectionsRequest(),
                                   &corrections)
                  .ok());
  ASSERT_EQ(corrections.corrections_size(), 1);
  EXPECT_EQ(corrections.corrections(0).editor(), "news-desk");

  // Reads need no token unless configured.
  v1::ListQuotesResponse quotes;
  EXPECT_TRUE(server.stub()
                  .ListQuotes(Context().get(), v1::ListQuotesRequest(), &quotes)
                  .ok());
}

TEST_F(AuthTest, RequireReadToken) {
  TestServer server({}, {token_file_, true});
  v1::ListQuotesResponse quotes;
  EXPECT_EQ(server.stub()
                .ListQuotes(Context().get(), v1::ListQuotesRequest(), &quotes)
                .error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_TRUE(server.stub()
                  .ListQuotes(Context(kRead).get(), v1::ListQuotesRequest(), &quotes)
                  .ok());
  EXPECT_TRUE(server.stub()
                  .ListQuotes(Context(kWrite).get(), v1::ListQuotesRequest(), &quotes)
                  .ok());
  grpc::ClientContext context;
  auto reader = server.stub().WatchQuotes(&context, v1::WatchQuotesRequest());
  v1::WatchQuotesResponse response;
  EXPECT_FALSE(reader->Read(&response));
  EXPECT_EQ(reader->Finish().error_code(), grpc::StatusCode::UNAUTHENTICATED);
}

}  // namespace
}  // namespace quotewire

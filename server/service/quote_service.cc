#include "server/service/quote_service.h"

#include <malloc.h>

#include <grpc/grpc.h>

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "google/protobuf/arena.h"
#include "grpcpp/support/byte_buffer.h"
#include "grpcpp/support/proto_buffer_reader.h"
#include "grpcpp/support/slice.h"
#include "absl/strings/ascii.h"
#include "absl/time/clock.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "server/core/absl_compat.h"
#include "server/core/status_macros.h"
#include "server/core/utf8.h"
#include "server/people/name_analyzer.h"
#include "server/service/grpc_server.h"
#include "server/service/handler_pool.h"
#include "server/service/proto_conversion.h"
#include "server/service/request_validation.h"
#include "server/service/status_conversion.h"
#include "server/sources/source_catalog.h"
#include "server/topics/topic_tagger.h"

namespace quotewire {
namespace {

// Strips a collection prefix when present ("people/x" -> "x"); other values
// (name forms) pass unchanged.
std::string StripPrefix(std::string_view value, std::string_view prefix) {
  if (value.substr(0, prefix.size()) == prefix) value.remove_prefix(prefix.size());
  return std::string(value);
}

absl::Status Invalid(std::string_view field, std::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat(Sv(field), ": ", Sv(what)));
}

// Renders stored quotes with offsets in the requested unit, fetching each
// article's text once per request (only for units other than UTF-8 bytes).
class QuoteRenderer {
 public:
  QuoteRenderer(Store& store, OffsetUnit unit) : store_(store), unit_(unit) {}

  // Seeds the cache with a text the caller already has.
  void AddText(const std::string& article_id, std::string_view text) {
    if (unit_ == OffsetUnit::kUtf8) return;
    converters_.try_emplace(article_id,
                            std::make_unique<OffsetConverter>(text, unit_));
  }

  // `quote` is a StoredQuote, const or an rvalue (whose strings are moved).
  template <typename StoredQuoteRef>
  absl::Status Render(StoredQuoteRef&& quote, v1::Quote* out) {
    const OffsetConverter* offsets = nullptr;
    if (unit_ != OffsetUnit::kUtf8) {
      auto it = converters_.find(quote.article_id);
      if (it == converters_.end()) {
        QW_ASSIGN_OR_RETURN(StoredArticle article,
                            store_.GetArticle(quote.article_id));
        it = converters_
                 .try_emplace(quote.article_id,
                              std::make_unique<OffsetConverter>(
                                  article.article.text, unit_))
                 .first;
      }
      offsets = it->second.get();
    }
    StoredQuoteToProto(std::forward<StoredQuoteRef>(quote), offsets, out);
    return absl::OkStatus();
  }

 private:
  Store& store_;
  const OffsetUnit unit_;
  absl::flat_hash_map<std::string, std::unique_ptr<OffsetConverter>>
      converters_;
};

// Lower-case equality, or `filter` a prefix subtag of `language` ("en"
// matches "en-GB").
bool LanguageMatches(std::string_view filter, std::string_view language) {
  if (filter.empty()) return true;
  const std::string f = absl::AsciiStrToLower(Sv(filter));
  const std::string l = absl::AsciiStrToLower(Sv(language));
  return l == f || absl::StartsWith(l, absl::StrCat(f, "-"));
}

std::string EditorOf(const std::string& requested, const Caller& caller) {
  return requested.empty() ? caller.label : requested;
}

// A call's share of the bytes all BatchIngestArticles calls hold until their
// commit; returned when the call ends.
class BatchBudget {
 public:
  BatchBudget(std::atomic<int64_t>* in_use, int64_t limit)
      : in_use_(*in_use), limit_(limit) {}
  BatchBudget(const BatchBudget&) = delete;
  BatchBudget& operator=(const BatchBudget&) = delete;
  ~BatchBudget() { in_use_.fetch_sub(taken_); }

  // False when taking `bytes` goes beyond the limit (they are taken anyway,
  // and returned with the rest).
  bool Take(int64_t bytes) {
    taken_ += bytes;
    return in_use_.fetch_add(bytes) + bytes <= limit_;
  }

 private:
  std::atomic<int64_t>& in_use_;
  const int64_t limit_;
  int64_t taken_ = 0;
};

// Whether a client-streaming call whose Read() just returned false failed
// (rather than the client closing its side). The core knows at once when the
// read itself failed; when gRPC ended the stream for a message over the
// receive limit, the context learns of it a fraction of a millisecond after
// the read, so it is asked again for a short while.
bool CallFailed(grpc::ServerContext* context) {
  constexpr absl::Duration kGrace = absl::Milliseconds(10);
  constexpr absl::Duration kStep = absl::Microseconds(200);
  if (grpc_call_failed_before_recv_message(context->c_call()) != 0) return true;
  const absl::Time until = absl::Now() + kGrace;
  while (!context->IsCancelled()) {
    if (absl::Now() >= until) return false;
    absl::SleepFor(kStep);
  }
  return true;
}

// After a call that held this much, free heap pages go back to the system.
constexpr int64_t kTrimAfterBytes = 16 << 20;

// Returns the allocator's free pages to the system (glibc keeps them
// otherwise: a burst of large batches or listings would stay in the RSS).
void ReleaseFreeMemory() {
#ifdef __GLIBC__
  malloc_trim(0);
#endif
}

// `request` in one string; false when its slices cannot be read.
bool RequestBytes(const grpc::ByteBuffer& request, std::string* out) {
  std::vector<grpc::Slice> slices;
  if (!request.Dump(&slices).ok()) return false;
  out->clear();
  for (const grpc::Slice& slice : slices) {
    out->append(reinterpret_cast<const char*>(slice.begin()), slice.size());
  }
  return true;
}

// A one-slice buffer over `bytes` that keeps them alive until gRPC has sent
// them (or the call ended): no copy. `*pending` counts their size until then.
grpc::ByteBuffer SharedByteBuffer(ResponseCache::Bytes bytes,
                                  std::atomic<int64_t>* pending) {
  struct Owner {
    ResponseCache::Bytes bytes;
    std::atomic<int64_t>* pending;
  };
  auto* owner = new Owner{std::move(bytes), pending};
  pending->fetch_add(static_cast<int64_t>(owner->bytes->size()));
  grpc::Slice slice(
      const_cast<char*>(owner->bytes->data()), owner->bytes->size(),
      [](void* p) {
        auto* owner = static_cast<Owner*>(p);
        owner->pending->fetch_sub(static_cast<int64_t>(owner->bytes->size()));
        delete owner;
      },
      owner);
  return grpc::ByteBuffer(&slice, 1);
}

// Stops an analysis when its rpc is cancelled, runs past its deadline, or
// is cancelled by a server shutdown.
AnalyzeOptions AnalysisControl(const grpc::ServerContextBase& context) {
  AnalyzeOptions control;
  control.cancelled = [&context] { return context.IsCancelled(); };
  control.deadline = absl::FromChrono(context.deadline());
  return control;
}

}  // namespace

QuoteServiceImpl::QuoteServiceImpl(const Analyzer* analyzer, Store* store,
                                   const TokenAuthenticator* auth,
                                   const QuoteServiceOptions& options)
    : analyzer_(*analyzer),
      store_(*store),
      auth_(*auth),
      options_(options),
      hub_(QuoteHub::Options{options.watch_queue_capacity,
                             options.watch_buffer_bytes}),
      response_cache_(static_cast<size_t>(std::max(0, options.response_cache_mib))
                      << 20),
      list_threads_(std::make_unique<HandlerPool>(options.list_threads,
                                                  options.max_queued_lists)) {
  absl::StatusOr<std::unique_ptr<StoreChangeFeed>> feed = store_.WatchChanges(
      [this](const std::vector<StoreChange>& changes) {
        OnStoreChanges(changes);
      });
  if (feed.ok()) {
    feed_ = std::move(*feed);
  } else {
    feed_status_ = feed.status();
  }
}

absl::Status QuoteServiceImpl::ChangeFeedHealth() const {
  if (!feed_status_.ok()) return feed_status_;
  return feed_ != nullptr ? feed_->Health() : absl::OkStatus();
}

void QuoteServiceImpl::PublishLocal(const IngestResult& result) {
  if (feed_ == nullptr) Publish(result);
}

void QuoteServiceImpl::OnStoreChanges(const std::vector<StoreChange>& changes) {
  absl::flat_hash_set<std::string_view> published;
  for (const StoreChange& change : changes) {
    if (change.kind == StoreChange::Kind::kMark ||
        change.kind == StoreChange::Kind::kResync) {
      // A resync: marks sent while the feed was away are lost; the watches
      // waiting for them begin now.
      absl::MutexLock lock(&marks_mu_);
      for (auto it = pending_marks_.begin(); it != pending_marks_.end();) {
        if (change.kind == StoreChange::Kind::kResync ||
            it->first == change.article_id) {
          if (WatchGate gate = it->second.lock()) gate->store(true);
          pending_marks_.erase(it++);
        } else {
          ++it;
        }
      }
      // Watches opened here get what follows, even an article published
      // before the mark to the others.
      published.clear();
      continue;
    }
    if (change.kind != StoreChange::Kind::kArticleStored) continue;
    // Loading an article costs two store reads: only for watchers.
    if (hub_.subscriber_count() == 0) continue;
    if (!published.insert(change.article_id).second) continue;
    // Not found: deleted again since (or replaced by a later change).
    absl::StatusOr<StoredArticle> article = store_.GetArticle(change.article_id);
    if (!article.ok()) continue;
    absl::StatusOr<std::vector<StoredQuote>> quotes =
        store_.GetArticleQuotes(change.article_id);
    if (!quotes.ok()) continue;
    IngestResult result;
    result.article = *std::move(article);
    result.quotes = *std::move(quotes);
    Publish(result);
  }
}

QuoteServiceImpl::WatchStart QuoteServiceImpl::NewWatchStart() {
  if (feed_ == nullptr) return {};
  WatchStart start{std::make_shared<std::atomic<bool>>(false),
                   absl::StrCat(next_mark_.fetch_add(1))};
  absl::MutexLock lock(&marks_mu_);
  pending_marks_[start.token] = start.gate;
  return start;
}

absl::Status QuoteServiceImpl::MarkWatchStart(const WatchStart& start) {
  if (start.gate == nullptr) return absl::OkStatus();
  absl::Status marked = feed_->Mark(start.token);
  if (!marked.ok()) {
    absl::MutexLock lock(&marks_mu_);
    pending_marks_.erase(start.token);
  }
  return marked;
}

QuoteServiceImpl::~QuoteServiceImpl() { hub_.Shutdown(); }

void QuoteServiceImpl::EndWatches() { hub_.Shutdown(); }

absl::StatusOr<Caller> QuoteServiceImpl::Authorize(
    const grpc::ServerContextBase& context, Access needed) const {
  std::optional<std::string_view> authorization;
  const auto& metadata = context.client_metadata();
  const auto it = metadata.find("authorization");
  if (it != metadata.end()) {
    authorization = std::string_view(it->second.data(), it->second.size());
  }
  return auth_.Authorize(authorization, needed);
}

// ---------------------------------------------------------------------------
// Extraction and ingestion.

absl::Status QuoteServiceImpl::DoExtractQuotes(
    const v1::ExtractQuotesRequest& request, const AnalyzeOptions& control,
    v1::ExtractQuotesResponse* response) {
  QW_ASSIGN_OR_RETURN(OffsetUnit unit,
                      OffsetUnitFromProto(request.offset_unit(), "offset_unit"));
  if (!request.has_article()) return Invalid("article", "required");
  QW_RETURN_IF_ERROR(ValidateArticle(request.article(), "article",
                                     options_.max_article_bytes));
  QW_ASSIGN_OR_RETURN(
      const AnalyzedArticle analyzed,
      analyzer_.Analyze(ArticleFromProto(request.article()), control));
  std::unique_ptr<OffsetConverter> offsets;
  if (unit != OffsetUnit::kUtf8) {
    offsets = std::make_unique<OffsetConverter>(request.article().text(), unit);
  }
  for (const Quote& quote : analyzed.quotes) {
    QuoteToProto(quote, offsets.get(), response->add_quotes());
  }
  response->set_language(analyzed.article.language);
  for (const std::string& credit : analyzed.wire_credits) {
    response->add_wire_credits(credit);
  }
  return absl::OkStatus();
}

absl::StatusOr<AnalyzedArticle> QuoteServiceImpl::Prepare(
    const v1::Article& article, std::string_view field,
    const AnalyzeOptions& control) const {
  QW_RETURN_IF_ERROR(
      ValidateArticle(article, field, options_.max_article_bytes));
  return analyzer_.Analyze(ArticleFromProto(article), control);
}

void QuoteServiceImpl::Publish(const IngestResult& result) {
  if (result.quotes.empty()) return;
  auto text = std::make_shared<const std::string>(result.article.article.text);
  std::vector<PublishedQuote> published;
  published.reserve(result.quotes.size());
  for (const StoredQuote& quote : result.quotes) {
    published.push_back(PublishedQuote{quote, text});
  }
  hub_.Publish(published);
}

absl::StatusOr<IngestResult> QuoteServiceImpl::Ingest(
    const v1::Article& article, std::string_view field,
    const AnalyzeOptions& control) {
  QW_ASSIGN_OR_RETURN(AnalyzedArticle analyzed,
                      Prepare(article, field, control));
  QW_ASSIGN_OR_RETURN(IngestResult result, store_.PutArticle(analyzed));
  PublishLocal(result);
  return result;
}

absl::Status QuoteServiceImpl::DoIngestArticle(
    const v1::IngestArticleRequest& request, const AnalyzeOptions& control,
    v1::IngestArticleResponse* response) {
  QW_ASSIGN_OR_RETURN(OffsetUnit unit,
                      OffsetUnitFromProto(request.offset_unit(), "offset_unit"));
  if (!request.has_article()) return Invalid("article", "required");
  QW_ASSIGN_OR_RETURN(IngestResult result,
                      Ingest(request.article(), "article", control));
  QuoteRenderer renderer(store_, unit);
  renderer.AddText(result.article.id, result.article.article.text);
  ArticleToProto(result.article, response->mutable_article());
  for (const StoredQuote& quote : result.quotes) {
    QW_RETURN_IF_ERROR(renderer.Render(quote, response->add_quotes()));
  }
  response->set_replaced(result.replaced);
  return absl::OkStatus();
}

grpc::Status QuoteServiceImpl::BatchIngestArticles(
    grpc::ServerContext* context,
    grpc::ServerReader<v1::BatchIngestArticlesRequest>* reader,
    v1::BatchIngestArticlesResponse* response) {
  const absl::StatusOr<Caller> caller = Authorize(*context, Access::kWrite);
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  // The contract (quotewire.proto): all or nothing. Every message gets a
  // result, articles are analysed as they arrive and held until the client
  // half-closes, then stored in one commit. A call that ends with an error
  // (cancelled, past its deadline, a message over the receive limit, over
  // the batch limits) stores nothing.
  BatchBudget budget(&batch_bytes_in_use_, options_.max_ingest_window_bytes);
  int64_t call_bytes = 0;
  const AnalyzeOptions control = AnalysisControl(*context);
  std::vector<AnalyzedArticle> pending;
  std::vector<int32_t> pending_results;  // indexes into response->results
  auto fail = [&](const absl::Status& status) {
    response->Clear();
    return ToGrpcStatus(status);
  };
  auto record_failure = [response](v1::BatchIngestResult* result,
                                   const absl::Status& status) {
    const grpc::Status converted = ToGrpcStatus(status);
    result->set_code(converted.error_code());
    result->set_message(converted.error_message());
    response->set_failed_count(response->failed_count() + 1);
  };
  v1::BatchIngestArticlesRequest request;
  int32_t index = 0;
  while (reader->Read(&request)) {
    if (index >= options_.max_batch_articles) {
      return fail(RequestTooLargeError("batch", absl::StrCat(
          "batch: more than ", options_.max_batch_articles,
          " articles in one call; nothing was stored, send at most ",
          options_.max_batch_articles, " per call")));
    }
    v1::BatchIngestResult* result = response->add_results();
    result->set_index(index++);
    if (std::optional<std::string> error = v1::DecodeError(request)) {
      record_failure(result, absl::InvalidArgumentError(*error));
      continue;
    }
    if (!request.has_article()) {
      record_failure(result, Invalid("article", "required"));
      continue;
    }
    // Counted before analysis: what this call holds until its commit.
    const int64_t bytes = static_cast<int64_t>(request.ByteSizeLong());
    call_bytes += bytes;
    if (call_bytes > options_.max_batch_bytes) {
      return fail(RequestTooLargeError("batch", absl::StrCat(
          "batch: more than ", options_.max_batch_bytes,
          " bytes of articles in one call; nothing was stored, send smaller "
          "batches")));
    }
    if (!budget.Take(bytes)) {
      return fail(absl::ResourceExhaustedError(absl::StrCat(
          "batch: the server holds ", options_.max_ingest_window_bytes,
          " bytes of batches waiting for their commit; nothing was stored, "
          "retry with backoff")));
    }
    absl::StatusOr<AnalyzedArticle> prepared =
        Prepare(request.article(), "article", control);
    if (prepared.ok()) {
      pending.push_back(*std::move(prepared));
      pending_results.push_back(result->index());
    } else {
      record_failure(result, prepared.status());
    }
  }
  // Read() is false at the end of the stream, and also when the call failed
  // (cancelled, deadline, a message over the receive limit): then the
  // client has no answer to read and nothing is stored.
  if (CallFailed(context)) {
    return grpc::Status(grpc::StatusCode::CANCELLED,
                        "batch: cancelled; nothing was stored");
  }
  if (!pending.empty()) {
    absl::StatusOr<std::vector<absl::StatusOr<IngestResult>>> stored =
        store_.PutArticles(pending);
    if (!stored.ok()) return fail(stored.status());
    for (size_t i = 0; i < pending.size(); ++i) {
      v1::BatchIngestResult* result =
          response->mutable_results(pending_results[i]);
      const absl::StatusOr<IngestResult>& ingested = (*stored)[i];
      if (!ingested.ok()) {
        record_failure(result, ingested.status());
        continue;
      }
      result->set_article(ResourceName(kArticlesPrefix, ingested->article.id));
      result->set_quote_count(static_cast<int32_t>(ingested->quotes.size()));
      result->set_replaced(ingested->replaced);
      response->set_ingested_count(response->ingested_count() + 1);
      PublishLocal(*ingested);
    }
  }
  pending.clear();
  if (call_bytes >= kTrimAfterBytes) ReleaseFreeMemory();
  return grpc::Status::OK;
}

// ---------------------------------------------------------------------------
// Articles and quotes.

absl::Status QuoteServiceImpl::DoGetArticle(const v1::GetArticleRequest& request,
                                            v1::GetArticleResponse* response) {
  QW_ASSIGN_OR_RETURN(OffsetUnit unit,
                      OffsetUnitFromProto(request.offset_unit(), "offset_unit"));
  QW_ASSIGN_OR_RETURN(std::string id,
                      ResourceId(request.name(), kArticlesPrefix, "name"));
  QW_ASSIGN_OR_RETURN(StoredArticle article, store_.GetArticle(id));
  QW_ASSIGN_OR_RETURN(std::vector<StoredQuote> quotes,
                      store_.GetArticleQuotes(id));
  QuoteRenderer renderer(store_, unit);
  renderer.AddText(article.id, article.article.text);
  ArticleToProto(article, response->mutable_article());
  for (const StoredQuote& quote : quotes) {
    QW_RETURN_IF_ERROR(renderer.Render(quote, response->add_quotes()));
  }
  return absl::OkStatus();
}

absl::Status QuoteServiceImpl::DoDeleteArticle(
    const v1::DeleteArticleRequest& request,
    v1::DeleteArticleResponse* response) {
  QW_ASSIGN_OR_RETURN(std::string id,
                      ResourceId(request.name(), kArticlesPrefix, "name"));
  QW_ASSIGN_OR_RETURN(int32_t deleted, store_.DeleteArticle(id));
  response->set_deleted_quote_count(deleted);
  return absl::OkStatus();
}

absl::Status QuoteServiceImpl::DoGetQuote(const v1::GetQuoteRequest& request,
                                          v1::GetQuoteResponse* response) {
  QW_ASSIGN_OR_RETURN(OffsetUnit unit,
                      OffsetUnitFromProto(request.offset_unit(), "offset_unit"));
  QW_ASSIGN_OR_RETURN(std::string id,
                      ResourceId(request.name(), kQuotesPrefix, "name"));
  QW_ASSIGN_OR_RETURN(StoredQuote quote, store_.GetQuote(id));
  QuoteRenderer renderer(store_, unit);
  return renderer.Render(quote, response->mutable_quote());
}

absl::StatusOr<QuoteServiceImpl::ListQuotesQuery>
QuoteServiceImpl::ParseListQuotes(const v1::ListQuotesRequest& request) {
  ListQuotesQuery out;
  QW_ASSIGN_OR_RETURN(out.unit,
                      OffsetUnitFromProto(request.offset_unit(), "offset_unit"));
  PageOptions& page = out.page;
  QW_ASSIGN_OR_RETURN(page.page_size, EffectivePageSize(request.page_size()));
  QW_RETURN_IF_ERROR(ValidateShortText(request.page_token(), "page_token", false));
  page.page_token = request.page_token();

  QuoteFilter& filter = out.filter;
  QW_RETURN_IF_ERROR(ValidateShortText(request.person(), "person", false));
  filter.person = StripPrefix(request.person(), kPeoplePrefix);
  QW_RETURN_IF_ERROR(ValidateShortText(request.topic(), "topic", false));
  filter.topic = StripPrefix(request.topic(), kTopicsPrefix);
  QW_RETURN_IF_ERROR(ValidateShortText(request.source(), "source", false));
  filter.source = StripPrefix(request.source(), kSourcesPrefix);
  QW_ASSIGN_OR_RETURN(filter.source_relation,
                      SourceRelationFromProto(request.source_relation(),
                                              "source_relation"));
  if (!request.article().empty()) {
    QW_ASSIGN_OR_RETURN(filter.article,
                        ResourceId(request.article(), kArticlesPrefix, "article"));
  }
  QW_RETURN_IF_ERROR(ValidateLanguageTag(request.language(), "language"));
  filter.language = request.language();
  if (request.has_start_time()) {
    QW_ASSIGN_OR_RETURN(filter.start_time,
                        TimeFromProto(request.start_time(), "start_time"));
  }
  if (request.has_end_time()) {
    QW_ASSIGN_OR_RETURN(filter.end_time,
                        TimeFromProto(request.end_time(), "end_time"));
  }
  if (filter.start_time && filter.end_time &&
      *filter.start_time > *filter.end_time) {
    return Invalid("start_time", "must not be after end_time");
  }
  QW_RETURN_IF_ERROR(ValidateShortText(request.query(), "query", false));
  filter.query = request.query();
  filter.include_non_speech = request.include_non_speech();
  const std::string order_by =
      absl::AsciiStrToLower(absl::StripAsciiWhitespace(request.order_by()));
  if (order_by == "relevance") {
    if (filter.query.empty()) {
      return Invalid("order_by", "\"relevance\" needs a query");
    }
    filter.order_by_relevance = true;
  } else if (!order_by.empty() && order_by != "publish_time desc") {
    return Invalid("order_by",
                   "must be \"publish_time desc\" (default) or \"relevance\"");
  }

  return out;
}

absl::Status QuoteServiceImpl::DoListQuotes(const v1::ListQuotesRequest& request,
                                            std::string* response) {
  QW_ASSIGN_OR_RETURN(ListQuotesQuery query, ParseListQuotes(request));
  if (query.unit == OffsetUnit::kUtf8) {
    // Pre-encoded listings: copy each quote's wire form (see ListingEncoder).
    QW_ASSIGN_OR_RETURN(std::optional<EncodedQuotePage> encoded,
                        store_.ListEncodedQuotes(query.filter, query.page));
    if (encoded) {
      size_t size = encoded->next_page_token.size() + 8;
      for (const auto& e : encoded->entries) {
        size += e.body.size() + e.person_id.size() + e.speaker_name.size() + 24;
      }
      response->reserve(size);
      for (const EncodedQuotePage::Entry& entry : encoded->entries) {
        AppendListedQuote(entry, response);
      }
      AppendNextPageToken(encoded->next_page_token, response);
      return absl::OkStatus();
    }
  }
  QW_ASSIGN_OR_RETURN(Page<StoredQuote> quotes,
                      store_.ListQuotes(query.filter, query.page));
  google::protobuf::Arena arena;
  auto* message =
      google::protobuf::Arena::CreateMessage<v1::ListQuotesResponse>(&arena);
  QuoteRenderer renderer(store_, query.unit);
  message->mutable_quotes()->Reserve(static_cast<int>(quotes.items.size()));
  for (StoredQuote& quote : quotes.items) {
    QW_RETURN_IF_ERROR(renderer.Render(std::move(quote), message->add_quotes()));
  }
  message->set_next_page_token(std::move(quotes.next_page_token));
  if (!message->SerializeToString(response)) {
    return absl::InternalError("ListQuotes: cannot serialize the response");
  }
  return absl::OkStatus();
}

absl::Status QuoteServiceImpl::DoListQuotes(const v1::ListQuotesRequest& request,
                                            v1::ListQuotesResponse* response) {
  std::string wire;
  QW_RETURN_IF_ERROR(DoListQuotes(request, &wire));
  if (!response->ParseFromString(wire)) {
    return absl::InternalError("ListQuotes: response does not parse");
  }
  return absl::OkStatus();
}


// ---------------------------------------------------------------------------
// People, sources, topics.

absl::Status QuoteServiceImpl::DoListPeople(const v1::ListPeopleRequest& request,
                                            v1::ListPeopleResponse* response) {
  PageOptions page;
  QW_ASSIGN_OR_RETURN(page.page_size, EffectivePageSize(request.page_size()));
  QW_RETURN_IF_ERROR(ValidateShortText(request.page_token(), "page_token", false));
  page.page_token = request.page_token();
  QW_RETURN_IF_ERROR(ValidateShortText(request.query(), "query", false));
  QW_ASSIGN_OR_RETURN(std::optional<SpeakerKind> kind,
                      SpeakerKindFromProto(request.kind(), "kind"));
  QW_ASSIGN_OR_RETURN(Page<PersonRecord> people,
                      store_.ListPeople(request.query(), kind, page));
  for (const PersonRecord& person : people.items) {
    PersonToProto(person, response->add_people());
  }
  response->set_next_page_token(people.next_page_token);
  return absl::OkStatus();
}

absl::Status QuoteServiceImpl::DoGetPerson(const v1::GetPersonRequest& request,
                                           v1::GetPersonResponse* response) {
  QW_RETURN_IF_ERROR(ValidateShortText(request.name(), "name", true));
  QW_ASSIGN_OR_RETURN(PersonRecord person,
                      store_.GetPerson(StripPrefix(request.name(), kPeoplePrefix)));
  PersonToProto(person, response->mutable_person());
  return absl::OkStatus();
}

absl::Status QuoteServiceImpl::DoListSources(
    const v1::ListSourcesRequest& request, v1::ListSourcesResponse* response) {
  PageOptions page;
  QW_ASSIGN_OR_RETURN(page.page_size, EffectivePageSize(request.page_size()));
  QW_RETURN_IF_ERROR(ValidateShortText(request.page_token(), "page_token", false));
  page.page_token = request.page_token();
  QW_RETURN_IF_ERROR(ValidateShortText(request.query(), "query", false));
  QW_ASSIGN_OR_RETURN(Page<SourceRecord> sources,
                      store_.ListSources(request.query(), page));
  for (const SourceRecord& source : sources.items) {
    SourceToProto(source, response->add_sources());
  }
  response->set_next_page_token(sources.next_page_token);
  return absl::OkStatus();
}

absl::Status QuoteServiceImpl::DoListTopics(const v1::ListTopicsRequest& request,
                                            v1::ListTopicsResponse* response) {
  PageOptions page;
  QW_ASSIGN_OR_RETURN(page.page_size, EffectivePageSize(request.page_size()));
  QW_RETURN_IF_ERROR(ValidateShortText(request.page_token(), "page_token", false));
  page.page_token = request.page_token();
  QW_ASSIGN_OR_RETURN(Page<TopicRecord> topics, store_.ListTopics(page));
  for (const TopicRecord& topic : topics.items) {
    TopicToProto(topic, response->add_topics());
  }
  response->set_next_page_token(topics.next_page_token);
  return absl::OkStatus();
}

// ---------------------------------------------------------------------------
// WatchQuotes.

absl::StatusOr<QuoteHub::Filter> QuoteServiceImpl::WatchFilter(
    const v1::WatchQuotesRequest& request) {
  QW_RETURN_IF_ERROR(ValidateShortText(request.person(), "person", false));
  QW_RETURN_IF_ERROR(ValidateShortText(request.topic(), "topic", false));
  QW_RETURN_IF_ERROR(ValidateShortText(request.source(), "source", false));
  QW_RETURN_IF_ERROR(ValidateLanguageTag(request.language(), "language"));

  // Person: resolved to a person id now; a name nobody has yet is matched
  // by name against each new quote's speaker.
  std::string person_id;
  std::optional<NameKey> person_key;
  if (!request.person().empty()) {
    const std::string person = StripPrefix(request.person(), kPeoplePrefix);
    absl::StatusOr<PersonRecord> record = store_.GetPerson(person);
    if (record.ok()) {
      person_id = record->id;
    } else if (absl::IsNotFound(record.status())) {
      person_key = analyzer_.names().Analyze(person);
      if (person_key->surname_key.empty()) {
        return Invalid("person", "not a name");
      }
    } else {
      return record.status();
    }
  }
  std::string topic_id;
  if (!request.topic().empty()) {
    const TopicInfo* topic =
        analyzer_.topics().Find(StripPrefix(request.topic(), kTopicsPrefix));
    if (topic == nullptr) {
      return Invalid("topic", absl::StrCat("unknown topic \"", request.topic(),
                                           "\" (see ListTopics)"));
    }
    topic_id = topic->id;
  }
  std::string source_id;
  if (!request.source().empty()) {
    if (absl::StartsWith(request.source(), Sv(kSourcesPrefix))) {
      source_id = StripPrefix(request.source(), kSourcesPrefix);
    } else {
      source_id = analyzer_.sources().Canonicalize(request.source()).id;
    }
  }
  const NameAnalyzer* names = &analyzer_.names();
  const SourceCatalog* catalog = &analyzer_.sources();
  return QuoteHub::Filter(
      [person_id, person_key, topic_id, source_id, names, catalog,
       language = request.language(),
       include_non_speech = request.include_non_speech()](
          const PublishedQuote& published) {
        const Quote& quote = published.quote.quote;
        if (!include_non_speech && !IsSpeech(quote.kind)) return false;
        if (!LanguageMatches(language, quote.language)) return false;
        if (!person_id.empty() && quote.speaker.person_id != person_id) {
          return false;
        }
        if (person_key.has_value() &&
            (quote.speaker.name.empty() ||
             names->Compare(*person_key, names->Analyze(quote.speaker.name)) ==
                 NameAnalyzer::Match::kDifferent)) {
          return false;
        }
        if (!topic_id.empty()) {
          bool found = false;
          for (const std::string& t : quote.topics) found |= t == topic_id;
          if (!found) return false;
        }
        if (!source_id.empty()) {
          bool found = false;
          for (const QuoteSource& s : published.quote.sources) {
            found |= s.source_id == source_id ||
                     catalog->Canonicalize(s.display_name).id == source_id;
          }
          if (!found) return false;
        }
        return true;
      });
}

// One WatchQuotes stream: writes the quotes its subscription receives, one
// write in flight at a time, on gRPC's callback threads. The hub's notify
// starts a write when none is in flight; OnWriteDone takes the next quote.
// A client that stops reading stops the writes (HTTP/2 flow control), so its
// quotes queue in the subscription until the byte budget ends the stream, or
// its write has waited watch_stall_timeout (EndIfStalled()). Either gives
// the watch's place among max_watchers back at once: gRPC may hold the call
// until the client reads or goes away.
class QuoteServiceImpl::WatchReactor
    : public grpc::ServerWriteReactor<v1::WatchQuotesResponse> {
 public:
  WatchReactor(QuoteServiceImpl* service, OffsetUnit unit)
      : service_(*service), unit_(unit) {}

  // Subscribes with `filter` and starts the stream.
  void Start(QuoteHub::Filter filter) {
    {
      absl::MutexLock lock(&service_.watches_mu_);
      service_.watches_.insert(this);
    }
    // On a shared store the watch passes nothing until its mark comes back
    // through the feed: subscribed before the mark is committed, it misses
    // nothing committed after it.
    const WatchStart start = service_.NewWatchStart();
    if (start.gate != nullptr) {
      filter = [gate = start.gate, filter = std::move(filter)](const PublishedQuote& q) {
        return gate->load() && filter(q);
      };
    }
    // Not under mu_: the hub calls Next() with its own lock held.
    std::unique_ptr<QuoteHub::Subscription> subscription =
        service_.hub_.Subscribe(std::move(filter), [this] { Next(); },
                                /*keep_text=*/unit_ != OffsetUnit::kUtf8);
    if (const absl::Status marked = service_.MarkWatchStart(start); !marked.ok()) {
      {
        absl::MutexLock lock(&mu_);
        subscription_ = std::move(subscription);
      }
      End(ToGrpcStatus(marked));
      return;
    }
    // Initial metadata tells the client that the watch is in place: every
    // quote stored from now on is delivered.
    StartSendInitialMetadata();
    {
      absl::MutexLock lock(&mu_);
      subscription_ = std::move(subscription);
    }
    Next();
  }

  void OnWriteDone(bool ok) override {
    {
      absl::MutexLock lock(&mu_);
      writing_ = false;
    }
    if (!ok) {
      End(grpc::Status(grpc::StatusCode::CANCELLED,
                       "stream closed by the client"));
      return;
    }
    Next();
  }

  void OnCancel() override {
    End(grpc::Status(grpc::StatusCode::CANCELLED, "cancelled by the client"));
  }

  void OnDone() override {
    std::unique_ptr<QuoteHub::Subscription> subscription;
    {
      absl::MutexLock lock(&mu_);
      subscription = std::move(subscription_);
    }
    // Unsubscribes: no notification of the hub runs after this.
    subscription.reset();
    {
      absl::MutexLock lock(&service_.watches_mu_);
      service_.watches_.erase(this);
    }
    ReleasePlace();
    delete this;
  }

  // When its write has been in flight since before `stalled_since`: marks
  // the stream finished, gives its place back and returns true; the caller
  // then calls FinishStalled() (the reactor stays until then). Called with
  // watches_mu_ held, so the reactor is not deleted meanwhile.
  bool ClaimIfStalled(absl::Time stalled_since) {
    {
      absl::MutexLock lock(&mu_);
      if (finished_ || !writing_ || write_started_ >= stalled_since) {
        return false;
      }
      finished_ = true;
    }
    ReleasePlace();
    return true;
  }
  void FinishStalled() { Finish(StalledStatus()); }

 private:
  // Starts the next write, or ends the stream, unless a write is in flight.
  void Next() {
    PublishedQuote published;
    QuoteHub::Next next;
    bool stalled = false;
    {
      absl::MutexLock lock(&mu_);
      if (finished_ || subscription_ == nullptr) return;
      if (writing_) {
        // A slow client's write is still in flight: end the stream now all
        // the same (the status follows what gRPC already holds for it).
        next = subscription_->Ended();
        stalled = next == QuoteHub::Next::kTimeout &&
                  absl::Now() - write_started_ >
                      service_.options_.watch_stall_timeout;
        if (next == QuoteHub::Next::kTimeout && !stalled) return;
      } else {
        next = subscription_->TryNext(&published);
        if (next == QuoteHub::Next::kQuote) {
          writing_ = true;
          write_started_ = absl::Now();
        }
      }
    }
    if (stalled) {
      End(StalledStatus());
      return;
    }
    switch (next) {
      case QuoteHub::Next::kTimeout:
        return;
      case QuoteHub::Next::kQuote: {
        std::unique_ptr<OffsetConverter> offsets;
        if (unit_ != OffsetUnit::kUtf8 && published.article_text != nullptr) {
          offsets = std::make_unique<OffsetConverter>(*published.article_text,
                                                      unit_);
        }
        response_.Clear();
        StoredQuoteToProto(published.quote, offsets.get(),
                           response_.mutable_quote());
        StartWrite(&response_);
        return;
      }
      case QuoteHub::Next::kOverflow:
        End(ToGrpcStatus(absl::ResourceExhaustedError(absl::StrCat(
            "watch: the client read more slowly than quotes arrived and fell "
            "more than ", service_.options_.watch_buffer_bytes,
            " bytes behind; start a new watch"))));
        return;
      case QuoteHub::Next::kClosed:
        End(ToGrpcStatus(
            absl::UnavailableError("watch: the server is shutting down")));
        return;
    }
  }

  grpc::Status StalledStatus() const {
    return ToGrpcStatus(absl::ResourceExhaustedError(absl::StrCat(
        "watch: the client accepted no quote for ",
        absl::FormatDuration(service_.options_.watch_stall_timeout),
        " (it stopped reading); start a new watch")));
  }

  // Finishes the stream once, and gives its place back.
  void End(const grpc::Status& status) {
    {
      absl::MutexLock lock(&mu_);
      if (finished_) return;
      finished_ = true;
    }
    ReleasePlace();
    Finish(status);
  }

  void ReleasePlace() {
    if (!place_released_.exchange(true)) service_.watchers_.fetch_sub(1);
  }

  QuoteServiceImpl& service_;
  const OffsetUnit unit_;
  absl::Mutex mu_;
  // Set once the stream has started; reset when it is done.
  std::unique_ptr<QuoteHub::Subscription> subscription_ ABSL_GUARDED_BY(mu_);
  bool writing_ ABSL_GUARDED_BY(mu_) = false;
  absl::Time write_started_ ABSL_GUARDED_BY(mu_);
  bool finished_ ABSL_GUARDED_BY(mu_) = false;
  std::atomic<bool> place_released_{false};
  v1::WatchQuotesResponse response_;
};

void QuoteServiceImpl::EndStalledWatches() {
  const absl::Time stalled_since = absl::Now() - options_.watch_stall_timeout;
  std::vector<WatchReactor*> stalled;
  {
    absl::MutexLock lock(&watches_mu_);
    for (WatchReactor* watch : watches_) {
      if (watch->ClaimIfStalled(stalled_since)) stalled.push_back(watch);
    }
  }
  // Outside the lock: OnDone (which takes it) may follow Finish at once.
  for (WatchReactor* watch : stalled) watch->FinishStalled();
}

grpc::ServerWriteReactor<v1::WatchQuotesResponse>* QuoteServiceImpl::WatchQuotes(
    grpc::CallbackServerContext* context, const v1::WatchQuotesRequest* request) {
  auto* reactor = new WatchReactor(this, OffsetUnit::kUtf8);
  int watchers = watchers_.fetch_add(1) + 1;
  if (watchers > options_.max_watchers) {
    // Stalled watches give their places back before this one is refused.
    EndStalledWatches();
    watchers = watchers_.load();
  }
  auto refuse = [reactor](const absl::Status& status) {
    reactor->Finish(ToGrpcStatus(status));
    return reactor;
  };
  const absl::StatusOr<Caller> caller = Authorize(*context, Access::kRead);
  if (!caller.ok()) return refuse(caller.status());
  if (watchers > options_.max_watchers) {
    return refuse(absl::ResourceExhaustedError(absl::StrCat(
        "watch: ", options_.max_watchers,
        " watches are open, the server's limit; retry later")));
  }
  const absl::StatusOr<OffsetUnit> unit =
      OffsetUnitFromProto(request->offset_unit(), "offset_unit");
  if (!unit.ok()) return refuse(unit.status());
  absl::StatusOr<QuoteHub::Filter> filter = WatchFilter(*request);
  if (!filter.ok()) return refuse(filter.status());
  if (*unit != OffsetUnit::kUtf8) {
    // The unit is known only now; nothing has started yet.
    delete reactor;
    reactor = new WatchReactor(this, *unit);
  }
  reactor->Start(*std::move(filter));
  return reactor;
}

// ---------------------------------------------------------------------------
// Editorial corrections.

absl::Status QuoteServiceImpl::DoMergePeople(const v1::MergePeopleRequest& request,
                                             const Caller& caller,
                                             v1::MergePeopleResponse* response) {
  QW_RETURN_IF_ERROR(ValidateShortText(request.person(), "person", true));
  if (request.people().empty()) return Invalid("people", "required");
  std::vector<std::string> people;
  for (int i = 0; i < request.people_size(); ++i) {
    QW_RETURN_IF_ERROR(ValidateShortText(request.people(i),
                                         absl::StrCat("people[", i, "]"), true));
    people.push_back(StripPrefix(request.people(i), kPeoplePrefix));
  }
  QW_RETURN_IF_ERROR(ValidateShortText(request.editor(), "editor", false));
  QW_ASSIGN_OR_RETURN(
      PersonRecord merged,
      store_.MergePeople(StripPrefix(request.person(), kPeoplePrefix), people,
                         EditorOf(request.editor(), caller)));
  PersonToProto(merged, response->mutable_person());
  return absl::OkStatus();
}

absl::Status QuoteServiceImpl::DoSplitPerson(const v1::SplitPersonRequest& request,
                                             const Caller& caller,
                                             v1::SplitPersonResponse* response) {
  QW_RETURN_IF_ERROR(ValidateShortText(request.person(), "person", true));
  if (request.aliases().empty()) return Invalid("aliases", "required");
  std::vector<std::string> aliases;
  for (int i = 0; i < request.aliases_size(); ++i) {
    QW_RETURN_IF_ERROR(ValidateShortText(
        request.aliases(i), absl::StrCat("aliases[", i, "]"), true));
    aliases.push_back(request.aliases(i));
  }
  QW_RETURN_IF_ERROR(
      ValidateShortText(request.display_name(), "display_name", false));
  QW_RETURN_IF_ERROR(ValidateShortText(request.editor(), "editor", false));
  QW_ASSIGN_OR_RETURN(
      auto people,
      store_.SplitPerson(StripPrefix(request.person(), kPeoplePrefix), aliases,
                         request.display_name(),
                         EditorOf(request.editor(), caller)));
  PersonToProto(people.first, response->mutable_person());
  PersonToProto(people.second, response->mutable_split_person());
  return absl::OkStatus();
}

absl::Status QuoteServiceImpl::DoRenamePerson(
    const v1::RenamePersonRequest& request, const Caller& caller,
    v1::RenamePersonResponse* response) {
  QW_RETURN_IF_ERROR(ValidateShortText(request.person(), "person", true));
  QW_RETURN_IF_ERROR(
      ValidateShortText(request.display_name(), "display_name", true));
  QW_RETURN_IF_ERROR(ValidateShortText(request.editor(), "editor", false));
  QW_ASSIGN_OR_RETURN(
      PersonRecord renamed,
      store_.RenamePerson(StripPrefix(request.person(), kPeoplePrefix),
                          request.display_name(),
                          EditorOf(request.editor(), caller)));
  PersonToProto(renamed, response->mutable_person());
  return absl::OkStatus();
}

absl::Status QuoteServiceImpl::DoReattributeQuote(
    const v1::ReattributeQuoteRequest& request, const Caller& caller,
    v1::ReattributeQuoteResponse* response) {
  QW_ASSIGN_OR_RETURN(OffsetUnit unit,
                      OffsetUnitFromProto(request.offset_unit(), "offset_unit"));
  QW_ASSIGN_OR_RETURN(std::string quote_id,
                      ResourceId(request.quote(), kQuotesPrefix, "quote"));
  QW_RETURN_IF_ERROR(ValidateSpeakerName(request.person(), "person"));
  QW_RETURN_IF_ERROR(ValidateShortText(request.editor(), "editor", false));
  // A resource name must name a person that exists (by id, not by a name
  // form that happens to look like one); a plain name nobody has creates a
  // person.
  std::string person = request.person();
  if (absl::StartsWith(person, Sv(kPeoplePrefix))) {
    const std::string id = StripPrefix(person, kPeoplePrefix);
    absl::StatusOr<PersonRecord> record = store_.GetPerson(id);
    if (absl::IsNotFound(record.status()) || (record.ok() && record->id != id)) {
      return absl::NotFoundError(
          absl::StrCat("person: no person \"", request.person(), "\""));
    }
    QW_RETURN_IF_ERROR(record.status());
    person = record->id;
  }
  QW_ASSIGN_OR_RETURN(
      StoredQuote quote,
      store_.ReattributeQuote(quote_id, person,
                              EditorOf(request.editor(), caller)));
  QuoteRenderer renderer(store_, unit);
  return renderer.Render(quote, response->mutable_quote());
}

absl::Status QuoteServiceImpl::DoListCorrections(
    const v1::ListCorrectionsRequest& request,
    v1::ListCorrectionsResponse* response) {
  PageOptions page;
  QW_ASSIGN_OR_RETURN(page.page_size, EffectivePageSize(request.page_size()));
  QW_RETURN_IF_ERROR(ValidateShortText(request.page_token(), "page_token", false));
  page.page_token = request.page_token();
  QW_ASSIGN_OR_RETURN(Page<CorrectionRecord> corrections,
                      store_.ListCorrections(page));
  for (const CorrectionRecord& correction : corrections.items) {
    CorrectionToProto(correction, response->add_corrections());
  }
  response->set_next_page_token(corrections.next_page_token);
  return absl::OkStatus();
}

absl::Status QuoteServiceImpl::DoListMergeSuggestions(
    const v1::ListMergeSuggestionsRequest& request,
    v1::ListMergeSuggestionsResponse* response) {
  PageOptions page;
  QW_ASSIGN_OR_RETURN(page.page_size, EffectivePageSize(request.page_size()));
  QW_RETURN_IF_ERROR(ValidateShortText(request.page_token(), "page_token", false));
  page.page_token = request.page_token();
  QW_ASSIGN_OR_RETURN(Page<MergeSuggestionRecord> suggestions,
                      store_.ListMergeSuggestions(page));
  for (const MergeSuggestionRecord& suggestion : suggestions.items) {
    MergeSuggestionToProto(suggestion, response->add_suggestions());
  }
  response->set_next_page_token(suggestions.next_page_token);
  return absl::OkStatus();
}

// ---------------------------------------------------------------------------
// The rpc entry points: authorise, run, convert the status.

#define QW_READ_RPC(Method, Request, Response)                              \
  grpc::Status QuoteServiceImpl::Method(grpc::ServerContext* context,       \
                                        const v1::Request* request,         \
                                        v1::Response* response) {           \
    const absl::StatusOr<Caller> caller = Authorize(*context, Access::kRead); \
    if (!caller.ok()) return ToGrpcStatus(caller.status());                 \
    return ToGrpcStatus(Do##Method(*request, response));                    \
  }

#define QW_WRITE_RPC(Method, Request, Response)                              \
  grpc::Status QuoteServiceImpl::Method(grpc::ServerContext* context,        \
                                        const v1::Request* request,          \
                                        v1::Response* response) {            \
    const absl::StatusOr<Caller> caller = Authorize(*context, Access::kWrite); \
    if (!caller.ok()) return ToGrpcStatus(caller.status());                  \
    return ToGrpcStatus(Do##Method(*request, *caller, response));            \
  }

QW_READ_RPC(GetArticle, GetArticleRequest, GetArticleResponse)
QW_READ_RPC(GetQuote, GetQuoteRequest, GetQuoteResponse)
QW_READ_RPC(ListQuotes, ListQuotesRequest, ListQuotesResponse)
QW_READ_RPC(ListPeople, ListPeopleRequest, ListPeopleResponse)
QW_READ_RPC(GetPerson, GetPersonRequest, GetPersonResponse)
QW_READ_RPC(ListSources, ListSourcesRequest, ListSourcesResponse)
QW_READ_RPC(ListTopics, ListTopicsRequest, ListTopicsResponse)
QW_READ_RPC(ListCorrections, ListCorrectionsRequest, ListCorrectionsResponse)
QW_READ_RPC(ListMergeSuggestions, ListMergeSuggestionsRequest,
            ListMergeSuggestionsResponse)
QW_WRITE_RPC(MergePeople, MergePeopleRequest, MergePeopleResponse)
QW_WRITE_RPC(SplitPerson, SplitPersonRequest, SplitPersonResponse)
QW_WRITE_RPC(RenamePerson, RenamePersonRequest, RenamePersonResponse)
QW_WRITE_RPC(ReattributeQuote, ReattributeQuoteRequest, ReattributeQuoteResponse)

#undef QW_READ_RPC
#undef QW_WRITE_RPC

grpc::ServerUnaryReactor* QuoteServiceImpl::ListQuotes(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* request,
    grpc::ByteBuffer* response) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  const absl::StatusOr<Caller> caller = Authorize(*context, Access::kRead);
  if (!caller.ok()) {
    reactor->Finish(ToGrpcStatus(caller.status()));
    return reactor;
  }
  // Responses that clients have not read yet stay in memory: past the
  // budget, new listings are refused until they drain (the client retries).
  // Asked again before a listing is computed.
  const auto over_budget = [this, reactor] {
    if (pending_response_bytes_.load() <= options_.max_pending_response_bytes) {
      return false;
    }
    reactor->Finish(grpc::Status(
        grpc::StatusCode::RESOURCE_EXHAUSTED,
        absl::StrCat("ListQuotes: server busy (",
                     options_.max_pending_response_bytes >> 20,
                     " MiB of responses not yet read by their clients); retry "
                     "with backoff")));
    return true;
  };
  if (over_budget()) return reactor;
  // A page asked for before, with no write since, is answered here on gRPC's
  // thread. The generation is taken before the store read (response_cache.h).
  std::optional<uint64_t> generation;
  std::string key;  // the request's bytes
  if (response_cache_.enabled()) {
    generation = store_.WriteGeneration();
    if (generation && RequestBytes(*request, &key)) {
      if (ResponseCache::Bytes hit = response_cache_.Find(key, *generation)) {
        *response = SharedByteBuffer(std::move(hit), &pending_response_bytes_);
        reactor->Finish(grpc::Status::OK);
        return reactor;
      }
    } else {
      generation.reset();
    }
  }
  // The context, request and response live until Finish().
  const bool queued = list_threads_->TryRun([this, context, reactor, request,
                                             response, generation, key,
                                             over_budget] {
    // A call that waited past its deadline, or whose client went away, is
    // not worth a store call.
    if (context->IsCancelled()) {
      reactor->Finish(grpc::Status::CANCELLED);
      return;
    }
    if (over_budget()) return;
    google::protobuf::Arena arena;
    auto* parsed =
        google::protobuf::Arena::CreateMessage<v1::ListQuotesRequest>(&arena);
    grpc::ByteBuffer bytes(*request);  // shares the slices
    const grpc::Status decoded = v1::DecodeRequest(&bytes, parsed);
    if (!decoded.ok()) {
      reactor->Finish(decoded);
      return;
    }
    auto wire = std::make_shared<std::string>();
    // A long store read stops when the client goes away or the deadline
    // passes.
    ScopedCancellation cancel([context] { return context->IsCancelled(); });
    const absl::Status status = DoListQuotes(*parsed, wire.get());
    if (!status.ok()) {
      reactor->Finish(ToGrpcStatus(status));
      return;
    }
    ResponseCache::Bytes answer = std::move(wire);
    if (generation) response_cache_.Insert(key, *generation, answer);
    *response = SharedByteBuffer(std::move(answer), &pending_response_bytes_);
    reactor->Finish(grpc::Status::OK);
  });
  if (!queued) {
    reactor->Finish(grpc::Status(
        grpc::StatusCode::RESOURCE_EXHAUSTED,
        absl::StrCat("ListQuotes: server busy (", options_.max_queued_lists,
                     " listings waiting); retry with backoff")));
  }
  return reactor;
}

grpc::Status QuoteServiceImpl::ExtractQuotes(
    grpc::ServerContext* context, const v1::ExtractQuotesRequest* request,
    v1::ExtractQuotesResponse* response) {
  const absl::StatusOr<Caller> caller = Authorize(*context, Access::kRead);
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  return ToGrpcStatus(
      DoExtractQuotes(*request, AnalysisControl(*context), response));
}

grpc::Status QuoteServiceImpl::IngestArticle(
    grpc::ServerContext* context, const v1::IngestArticleRequest* request,
    v1::IngestArticleResponse* response) {
  const absl::StatusOr<Caller> caller = Authorize(*context, Access::kWrite);
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  return ToGrpcStatus(
      DoIngestArticle(*request, AnalysisControl(*context), response));
}

grpc::Status QuoteServiceImpl::DeleteArticle(
    grpc::ServerContext* context, const v1::DeleteArticleRequest* request,
    v1::DeleteArticleResponse* response) {
  const absl::StatusOr<Caller> caller = Authorize(*context, Access::kWrite);
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  return ToGrpcStatus(DoDeleteArticle(*request, response));
}

}  // namespace quotewire

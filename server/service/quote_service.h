// QuoteServiceImpl: the gRPC adapter of quotewire.v1.QuoteService. Each rpc
// checks the caller's token, validates the request (request_validation.h),
// calls the Analyzer or the Store, and converts the result
// (proto_conversion.h); absl::Status becomes grpc::Status in ToGrpcStatus().
// No business logic lives here.
//
// Ingest paths publish every stored quote to an in-process QuoteHub, which
// feeds WatchQuotes streams. On a store that several servers share
// (Store::WatchChanges()) the hub is fed by the store's change feed instead,
// with the quotes of every article stored by any server.
//
// Thread safety: rpcs run concurrently on gRPC's threads; the Analyzer, the
// Store and the TokenAuthenticator are thread-safe.
#ifndef QUOTEWIRE_SERVER_SERVICE_QUOTE_SERVICE_H_
#define QUOTEWIRE_SERVER_SERVICE_QUOTE_SERVICE_H_

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <grpcpp/grpcpp.h>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "quotewire/v1/quotewire.grpc.pb.h"
#include "server/analysis/analyzer.h"
#include "server/core/utf8.h"
#include "server/service/quote_hub.h"
#include "server/service/response_cache.h"
#include "server/service/token_auth.h"
#include "server/store/store.h"

namespace quotewire {

class HandlerPool;

struct QuoteServiceOptions {
  // Largest accepted article text, in bytes; larger is RESOURCE_EXHAUSTED.
  // The server's gRPC receive limit must be set above this.
  int64_t max_article_bytes = 2 * 1024 * 1024;
  // Most articles in one BatchIngestArticles call.
  int32_t max_batch_articles = 1000;
  // Bytes of messages one BatchIngestArticles call may send; the call holds
  // its analysed articles until it ends (all or nothing, one commit), so
  // this bounds its memory. More is RESOURCE_EXHAUSTED, nothing stored.
  int64_t max_batch_bytes = 64 << 20;
  // Bytes of messages all BatchIngestArticles calls together hold before
  // their commits; a call that would go beyond is RESOURCE_EXHAUSTED,
  // nothing stored (retry with backoff).
  int64_t max_ingest_window_bytes = 256 << 20;
  // Quotes, and bytes of quotes, buffered per WatchQuotes stream before it
  // is ended with RESOURCE_EXHAUSTED (the client reads too slowly). The
  // bytes count the article's text too for offsets in other units than
  // UTF-8 bytes (QuoteHub::QueuedBytes).
  size_t watch_queue_capacity = 1024;
  size_t watch_buffer_bytes = 1 << 20;
  // WatchQuotes streams open at once; more are RESOURCE_EXHAUSTED. Watchers
  // are served by gRPC's callback API: no thread each.
  int max_watchers = 1000;
  // A watch whose client has not accepted a quote (a write in flight, held
  // by HTTP/2 flow control) for this long is stalled: it is ended with
  // RESOURCE_EXHAUSTED and its place among max_watchers freed at once,
  // checked when the next quote arrives for it and whenever a new watch
  // would be refused. An idle watch (nothing to send) is never stalled.
  absl::Duration watch_stall_timeout = absl::Seconds(30);
  // Threads that run ListQuotes (served with gRPC's callback API: cheaper
  // per call than the synchronous server's thread manager). About the
  // store's read connections.
  int list_threads = 4;
  // ListQuotes calls waiting for one of those threads; more are refused with
  // RESOURCE_EXHAUSTED instead of queueing without bound.
  size_t max_queued_lists = 4096;
  // Bytes of ListQuotes responses handed to gRPC and not yet sent (clients
  // that read slowly, or not at all); beyond, new listings are
  // RESOURCE_EXHAUSTED until they drain.
  int64_t max_pending_response_bytes = 128 << 20;
  // Memory for ListQuotes responses kept until the next write
  // (response_cache.h), MiB; 0 keeps none.
  int response_cache_mib = 64;
};

class QuoteServiceImpl final
    : public v1::QuoteService::WithCallbackMethod_WatchQuotes<
          v1::QuoteService::WithRawCallbackMethod_ListQuotes<
              v1::QuoteService::Service>> {
 public:
  // `analyzer`, `store` and `auth` are not owned and must outlive the service.
  QuoteServiceImpl(const Analyzer* analyzer, Store* store,
                   const TokenAuthenticator* auth,
                   const QuoteServiceOptions& options);
  ~QuoteServiceImpl() override;

  // How the ListQuotes response cache has done so far.
  ResponseCache::Stats response_cache_stats() const {
    return response_cache_.stats();
  }

  // Ends every WatchQuotes stream (UNAVAILABLE) and refuses new ones; call
  // before grpc::Server::Shutdown() so that watchers do not hold it up.
  void EndWatches();

  // Number of active WatchQuotes streams.
  size_t watcher_count() const { return hub_.subscriber_count(); }

  // OK, or why the store's change feed could not start (the service then
  // streams only its own ingests) or is reconnecting now. OK for stores
  // without a feed.
  absl::Status ChangeFeedHealth() const;

  class WatchReactor;

  grpc::Status ExtractQuotes(grpc::ServerContext* context,
                             const v1::ExtractQuotesRequest* request,
                             v1::ExtractQuotesResponse* response) override;
  grpc::Status IngestArticle(grpc::ServerContext* context,
                             const v1::IngestArticleRequest* request,
                             v1::IngestArticleResponse* response) override;
  grpc::Status BatchIngestArticles(
      grpc::ServerContext* context,
      grpc::ServerReader<v1::BatchIngestArticlesRequest>* reader,
      v1::BatchIngestArticlesResponse* response) override;
  grpc::Status GetArticle(grpc::ServerContext* context,
                          const v1::GetArticleRequest* request,
                          v1::GetArticleResponse* response) override;
  grpc::Status DeleteArticle(grpc::ServerContext* context,
                             const v1::DeleteArticleRequest* request,
                             v1::DeleteArticleResponse* response) override;
  grpc::Status GetQuote(grpc::ServerContext* context,
                        const v1::GetQuoteRequest* request,
                        v1::GetQuoteResponse* response) override;
  // The server calls the callback-API ListQuotes (see list_threads), which
  // reads the request and writes the response in wire form: pre-encoded
  // listings (Store::ListEncodedQuotes) are copied, not rebuilt as messages.
  // The synchronous one answers the same for direct callers (the fuzzer).
  grpc::Status ListQuotes(grpc::ServerContext* context,
                          const v1::ListQuotesRequest* request,
                          v1::ListQuotesResponse* response) override;
  grpc::ServerUnaryReactor* ListQuotes(grpc::CallbackServerContext* context,
                                       const grpc::ByteBuffer* request,
                                       grpc::ByteBuffer* response) override;
  grpc::Status ListPeople(grpc::ServerContext* context,
                          const v1::ListPeopleRequest* request,
                          v1::ListPeopleResponse* response) override;
  grpc::Status GetPerson(grpc::ServerContext* context,
                         const v1::GetPersonRequest* request,
                         v1::GetPersonResponse* response) override;
  grpc::Status ListSources(grpc::ServerContext* context,
                           const v1::ListSourcesRequest* request,
                           v1::ListSourcesResponse* response) override;
  grpc::Status ListTopics(grpc::ServerContext* context,
                          const v1::ListTopicsRequest* request,
                          v1::ListTopicsResponse* response) override;
  // Served by the callback API: a stream holds no thread, only its queue
  // (at most watch_buffer_bytes) and what gRPC buffers for the client.
  grpc::ServerWriteReactor<v1::WatchQuotesResponse>* WatchQuotes(
      grpc::CallbackServerContext* context,
      const v1::WatchQuotesRequest* request) override;
  grpc::Status MergePeople(grpc::ServerContext* context,
                           const v1::MergePeopleRequest* request,
                           v1::MergePeopleResponse* response) override;
  grpc::Status SplitPerson(grpc::ServerContext* context,
                           const v1::SplitPersonRequest* request,
                           v1::SplitPersonResponse* response) override;
  grpc::Status RenamePerson(grpc::ServerContext* context,
                            const v1::RenamePersonRequest* request,
                            v1::RenamePersonResponse* response) override;
  grpc::Status ReattributeQuote(grpc::ServerContext* context,
                                const v1::ReattributeQuoteRequest* request,
                                v1::ReattributeQuoteResponse* response) override;
  grpc::Status ListCorrections(grpc::ServerContext* context,
                               const v1::ListCorrectionsRequest* request,
                               v1::ListCorrectionsResponse* response) override;
  grpc::Status ListMergeSuggestions(
      grpc::ServerContext* context,
      const v1::ListMergeSuggestionsRequest* request,
      v1::ListMergeSuggestionsResponse* response) override;

 private:
  absl::StatusOr<Caller> Authorize(const grpc::ServerContextBase& context,
                                   Access needed) const;
  // Validates, analyses and stores one article; publishes its quotes.
  // Validates and analyses one article for storing.
  absl::StatusOr<AnalyzedArticle> Prepare(const v1::Article& article,
                                          std::string_view field,
                                          const AnalyzeOptions& control) const;
  // Publishes the quotes of a stored article to WatchQuotes streams.
  void Publish(const IngestResult& result);
  // Publishes a quote stored through this server, unless the change feed
  // will (it publishes every server's).
  void PublishLocal(const IngestResult& result);
  // Feed callback: loads and publishes the articles other servers (and this
  // one) stored; opens the watches whose mark came back.
  void OnStoreChanges(const std::vector<StoreChange>& changes);
  // On a shared store, where a watch begins: returns a gate, closed, that
  // OnStoreChanges() opens when the feed delivers a mark committed by
  // MarkWatchStart(); the watch's filter passes nothing while it is closed.
  // So a watch gets exactly the writes committed after its mark, not the
  // ones still on their way through the feed. Null without a feed.
  using WatchGate = std::shared_ptr<std::atomic<bool>>;
  struct WatchStart {
    WatchGate gate;
    std::string token;
  };
  WatchStart NewWatchStart();
  // Commits the watch's mark; call after it subscribed. Unavailable when
  // the database does not answer (the gate is then forgotten).
  absl::Status MarkWatchStart(const WatchStart& start);
  absl::StatusOr<IngestResult> Ingest(const v1::Article& article,
                                      std::string_view field,
                                      const AnalyzeOptions& control);
  absl::StatusOr<QuoteHub::Filter> WatchFilter(
      const v1::WatchQuotesRequest& request);

  // `control` stops the analysis when the rpc ends (AnalysisControl()).
  absl::Status DoExtractQuotes(const v1::ExtractQuotesRequest& request,
                               const AnalyzeOptions& control,
                               v1::ExtractQuotesResponse* response);
  absl::Status DoIngestArticle(const v1::IngestArticleRequest& request,
                               const AnalyzeOptions& control,
                               v1::IngestArticleResponse* response);
  absl::Status DoGetArticle(const v1::GetArticleRequest& request,
                            v1::GetArticleResponse* response);
  absl::Status DoDeleteArticle(const v1::DeleteArticleRequest& request,
                               v1::DeleteArticleResponse* response);
  absl::Status DoGetQuote(const v1::GetQuoteRequest& request,
                          v1::GetQuoteResponse* response);
  // A validated ListQuotes request.
  struct ListQuotesQuery {
    QuoteFilter filter;
    PageOptions page;
    OffsetUnit unit = OffsetUnit::kUtf8;
  };
  absl::StatusOr<ListQuotesQuery> ParseListQuotes(
      const v1::ListQuotesRequest& request);
  // The response in wire form, or as a message.
  absl::Status DoListQuotes(const v1::ListQuotesRequest& request,
                            std::string* response);
  absl::Status DoListQuotes(const v1::ListQuotesRequest& request,
                            v1::ListQuotesResponse* response);
  absl::Status DoListPeople(const v1::ListPeopleRequest& request,
                            v1::ListPeopleResponse* response);
  absl::Status DoGetPerson(const v1::GetPersonRequest& request,
                           v1::GetPersonResponse* response);
  absl::Status DoListSources(const v1::ListSourcesRequest& request,
                             v1::ListSourcesResponse* response);
  absl::Status DoListTopics(const v1::ListTopicsRequest& request,
                            v1::ListTopicsResponse* response);
  absl::Status DoMergePeople(const v1::MergePeopleRequest& request,
                             const Caller& caller,
                             v1::MergePeopleResponse* response);
  absl::Status DoSplitPerson(const v1::SplitPersonRequest& request,
                             const Caller& caller,
                             v1::SplitPersonResponse* response);
  absl::Status DoRenamePerson(const v1::RenamePersonRequest& request,
                              const Caller& caller,
                              v1::RenamePersonResponse* response);
  absl::Status DoReattributeQuote(const v1::ReattributeQuoteRequest& request,
                                  const Caller& caller,
                                  v1::ReattributeQuoteResponse* response);
  absl::Status DoListCorrections(const v1::ListCorrectionsRequest& request,
                                 v1::ListCorrectionsResponse* response);
  absl::Status DoListMergeSuggestions(
      const v1::ListMergeSuggestionsRequest& request,
      v1::ListMergeSuggestionsResponse* response);

  const Analyzer& analyzer_;
  Store& store_;
  const TokenAuthenticator& auth_;
  const QuoteServiceOptions options_;
  // Bytes of ListQuotes responses not yet sent.
  std::atomic<int64_t> pending_response_bytes_{0};
  // WatchQuotes streams open now (admitted against max_watchers; a stalled
  // or ended watch gives its place back before gRPC is done with it).
  std::atomic<int> watchers_{0};
  // The watches started and not yet done, for EndStalledWatches().
  absl::Mutex watches_mu_;
  absl::flat_hash_set<WatchReactor*> watches_ ABSL_GUARDED_BY(watches_mu_);
  // Ends every watch stalled longer than options_.watch_stall_timeout.
  void EndStalledWatches() ABSL_LOCKS_EXCLUDED(watches_mu_);
  // Bytes held by BatchIngestArticles calls until their commit.
  std::atomic<int64_t> batch_bytes_in_use_{0};
  QuoteHub hub_;
  // ListQuotes responses by request bytes, until the next write.
  ResponseCache response_cache_;
  // Watch gates waiting for their mark, by token (NewWatchStart()).
  absl::Mutex marks_mu_;
  absl::flat_hash_map<std::string, std::weak_ptr<std::atomic<bool>>> pending_marks_
      ABSL_GUARDED_BY(marks_mu_);
  std::atomic<uint64_t> next_mark_{0};
  // The store's feed of every server's writes; null for a store only this
  // process writes (SQLite). Destroyed before the hub it feeds.
  absl::Status feed_status_;
  std::unique_ptr<StoreChangeFeed> feed_;
  // Runs the callback-API handlers (handler_pool.h). Last: joined before the
  // other members go away.
  std::unique_ptr<HandlerPool> list_threads_;
};

}  // namespace quotewire

#endif  // QUOTEWIRE_SERVER_SERVICE_QUOTE_SERVICE_H_

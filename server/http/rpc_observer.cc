#include "server/http/rpc_observer.h"

#include <grpcpp/grpcpp.h>
#include <grpcpp/support/proto_buffer_reader.h>

#include <algorithm>
#include <cmath>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "quotewire/v1/quotewire.pb.h"
#include "server/core/absl_compat.h"
#include "server/http/http_gateway.h"
#include "server/http/http_rules.h"

namespace quotewire {
namespace {

using grpc::experimental::InterceptionHookPoints;

constexpr const char* kCodeNames[] = {"OK",
                                      "CANCELLED",
                                      "UNKNOWN",
                                      "INVALID_ARGUMENT",
                                      "DEADLINE_EXCEEDED",
                                      "NOT_FOUND",
                                      "ALREADY_EXISTS",
                                      "PERMISSION_DENIED",
                                      "RESOURCE_EXHAUSTED",
                                      "FAILED_PRECONDITION",
                                      "ABORTED",
                                      "OUT_OF_RANGE",
                                      "UNIMPLEMENTED",
                                      "INTERNAL",
                                      "UNAVAILABLE",
                                      "DATA_LOSS",
                                      "UNAUTHENTICATED"};

const char* CodeName(int code) {
  return code >= 0 && code <= 16 ? kCodeNames[code] : "UNKNOWN";
}

std::string Number(double value) {
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  if (value == std::floor(value) && std::fabs(value) < 1e15) {
    return absl::StrCat(static_cast<int64_t>(value));
  }
  return absl::StrFormat("%.9g", value);
}

// "quotewire.v1.QuoteService/ListQuotes" -> service and method labels.
std::string Labels(std::string_view method, std::string_view transport) {
  const size_t slash = method.rfind('/');
  const std::string_view service = slash == std::string_view::npos
                                       ? std::string_view()
                                       : method.substr(0, slash);
  const std::string_view name =
      slash == std::string_view::npos ? method : method.substr(slash + 1);
  return absl::StrCat("grpc_service=\"", Sv(service), "\",grpc_method=\"",
                      Sv(name), "\",transport=\"", Sv(transport), "\"");
}

class RpcObserver : public grpc::experimental::Interceptor {
 public:
  RpcObserver(const RpcObserverOptions& options,
              grpc::experimental::ServerRpcInfo* info)
      : options_(options), info_(info), start_(absl::Now()) {
    std::string_view method = info->method() == nullptr ? "" : info->method();
    if (!method.empty() && method[0] == '/') method.remove_prefix(1);
    method_ = std::string(method);
    ingest_ = method_ == "quotewire.v1.QuoteService/IngestArticle"         ? 1
              : method_ == "quotewire.v1.QuoteService/BatchIngestArticles" ? 2
                                                                           : 0;
  }

  ~RpcObserver() override {
    // A call that ended without a status sent (the client went away).
    if (started_ && !finished_) Finish(grpc::StatusCode::CANCELLED);
  }

  void Intercept(
      grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(
            InterceptionHookPoints::POST_RECV_INITIAL_METADATA)) {
      grpc::ServerContextBase* context = info_->server_context();
      peer_ = context == nullptr ? "" : context->peer();
      // The gateway's calls come in-process; only those may name an HTTP peer.
      // (gRPC names their peer "unknown"; a network peer is "ipv4:...",
      // "ipv6:..." or "unix:...").
      if (peer_ == "unknown" || absl::StartsWith(peer_, "inproc") ||
          peer_.empty()) {
        auto* metadata = methods->GetRecvInitialMetadata();
        if (metadata != nullptr) {
          auto it = metadata->find(kHttpPeerMetadata);
          if (it != metadata->end()) {
            peer_ = std::string(it->second.data(), it->second.size());
            transport_ = "http";
          }
        }
      }
      if (options_.metrics != nullptr)
        options_.metrics->Started(method_, transport_);
      started_ = true;
    }
    if (ingest_ != 0 && options_.metrics != nullptr &&
        methods->QueryInterceptionHookPoint(
            InterceptionHookPoints::PRE_SEND_MESSAGE)) {
      CountIngest(methods);
    }
    if (methods->QueryInterceptionHookPoint(
            InterceptionHookPoints::PRE_SEND_STATUS)) {
      if (!started_) {
        if (options_.metrics != nullptr)
          options_.metrics->Started(method_, transport_);
        started_ = true;
      }
      Finish(methods->GetSendStatus().error_code());
    }
    methods->Proceed();
  }

 private:
  void CountIngest(grpc::experimental::InterceptorBatchMethods* methods) {
    grpc::ByteBuffer* serialized = methods->GetSerializedSendMessage();
    if (serialized == nullptr) return;
    grpc::ByteBuffer copy(*serialized);  // shares the slices
    grpc::ProtoBufferReader reader(&copy);
    double articles = 0, quotes = 0;
    if (ingest_ == 1) {
      v1::IngestArticleResponse response;
      if (!response.ParseFromZeroCopyStream(&reader)) return;
      articles = 1;
      quotes = response.quotes_size();
    } else {
      v1::BatchIngestArticlesResponse response;
      if (!response.ParseFromZeroCopyStream(&reader)) return;
      articles = response.ingested_count();
      for (const auto& result : response.results())
        quotes += result.quote_count();
    }
    options_.metrics->Count("quotewire_ingested_articles_total",
                            "Articles stored by ingest rpcs", articles);
    options_.metrics->Count("quotewire_ingested_quotes_total",
                            "Quotes stored by ingest rpcs", quotes);
  }

  void Finish(int code) {
    finished_ = true;
    const absl::Time now = absl::Now();
    if (options_.metrics != nullptr) {
      options_.metrics->Finished(method_, transport_, code, now - start_);
    }
    if (options_.log != nullptr) {
      const std::string line = absl::StrCat(
          RpcLogLine(now, method_, code, now - start_, peer_, transport_),
          "\n");
      std::fwrite(line.data(), 1, line.size(), options_.log);
      std::fflush(options_.log);
    }
  }

  const RpcObserverOptions& options_;
  grpc::experimental::ServerRpcInfo* info_;
  const absl::Time start_;
  std::string method_;
  std::string peer_;
  std::string transport_ = "grpc";
  int ingest_ = 0;
  bool started_ = false;
  bool finished_ = false;
};

}  // namespace

void RpcMetrics::Started(std::string_view method, std::string_view transport) {
  absl::MutexLock lock(&mu_);
  ++series_[Key{std::string(method), std::string(transport)}].in_flight;
}

void RpcMetrics::Finished(std::string_view method, std::string_view transport,
                          int grpc_code, absl::Duration latency) {
  const double seconds = absl::ToDoubleSeconds(latency);
  const size_t bucket =
      std::lower_bound(kBuckets.begin(), kBuckets.end(), seconds) -
      kBuckets.begin();
  absl::MutexLock lock(&mu_);
  Series& series = series_[Key{std::string(method), std::string(transport)}];
  --series.in_flight;
  ++series.by_code[grpc_code >= 0 && grpc_code <= 16 ? grpc_code : 2];
  ++series.buckets[bucket];
  series.seconds += seconds;
  ++series.count;
}

void RpcMetrics::Count(std::string_view name, std::string_view help,
                       double amount) {
  absl::MutexLock lock(&mu_);
  for (auto& [counter, value] : counters_) {
    if (counter == name) {
      value.second += amount;
      return;
    }
  }
  counters_.push_back({std::string(name), {std::string(help), amount}});
}

void RpcMetrics::AddCallback(std::string name, std::string type,
                             std::string help, std::function<double()> read) {
  absl::MutexLock lock(&mu_);
  callbacks_.push_back(
      {std::move(name), std::move(type), std::move(help), std::move(read)});
}

std::string RpcMetrics::Render() const {
  std::string handled, in_flight, histogram;
  std::vector<Callback> callbacks;
  std::string out;
  {
    absl::MutexLock lock(&mu_);
    for (const auto& [key, series] : series_) {
      const std::string labels = Labels(key.method, key.transport);
      for (int code = 0; code <= 16; ++code) {
        if (series.by_code[code] == 0) continue;
        absl::StrAppend(&handled, "grpc_server_handled_total{", labels,
                        ",grpc_code=\"", CodeName(code), "\"} ",
                        series.by_code[code], "\n");
      }
      absl::StrAppend(&in_flight, "quotewire_rpcs_in_flight{", labels, "} ",
                      series.in_flight, "\n");
      int64_t cumulative = 0;
      for (size_t b = 0; b <= kBuckets.size(); ++b) {
        cumulative += series.buckets[b];
        absl::StrAppend(&histogram, "grpc_server_handling_seconds_bucket{",
                        labels, ",le=\"",
                        b < kBuckets.size() ? Number(kBuckets[b]) : "+Inf",
                        "\"} ", cumulative, "\n");
      }
      absl::StrAppend(&histogram, "grpc_server_handling_seconds_sum{", labels,
                      "} ", Number(series.seconds), "\n",
                      "grpc_server_handling_seconds_count{", labels, "} ",
                      series.count, "\n");
    }
    for (const auto& [name, value] : counters_) {
      absl::StrAppend(&out, "# HELP ", name, " ", value.first, "\n# TYPE ",
                      name, " counter\n", name, " ", Number(value.second),
                      "\n");
    }
    callbacks = callbacks_;
  }
  std::string head = absl::StrCat(
      "# HELP grpc_server_handled_total RPCs completed, by method, transport "
      "and status code\n# TYPE grpc_server_handled_total counter\n",
      handled,
      "# HELP grpc_server_handling_seconds Time from the request to the "
      "status\n"
      "# TYPE grpc_server_handling_seconds histogram\n",
      histogram,
      "# HELP quotewire_rpcs_in_flight RPCs being handled now\n"
      "# TYPE quotewire_rpcs_in_flight gauge\n",
      in_flight);
  for (const Callback& callback : callbacks) {
    absl::StrAppend(&out, "# HELP ", callback.name, " ", callback.help,
                    "\n# TYPE ", callback.name, " ", callback.type, "\n",
                    callback.name, " ", Number(callback.read()), "\n");
  }
  return head + out;
}

grpc::experimental::Interceptor* RpcObserverFactory::CreateServerInterceptor(
    grpc::experimental::ServerRpcInfo* info) {
  return new RpcObserver(options_, info);
}

std::string RpcLogLine(absl::Time time, std::string_view method, int grpc_code,
                       absl::Duration duration, std::string_view peer,
                       std::string_view transport) {
  return absl::StrCat(
      "{\"time\":",
      JsonQuote(absl::FormatTime("%Y-%m-%d%ET%H:%M:%E3SZ", time,
                                 absl::UTCTimeZone())),
      ",\"method\":", JsonQuote(method),
      ",\"code\":", JsonQuote(CodeName(grpc_code)), ",\"duration_ms\":",
      absl::StrFormat("%.3f", absl::ToDoubleMilliseconds(duration)),
      ",\"peer\":", JsonQuote(peer), ",\"transport\":", JsonQuote(transport),
      "}");
}

}  // namespace quotewire

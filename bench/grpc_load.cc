// A gRPC load generator for loopback benchmarks.
//
// Keeps --concurrency unary calls in flight on one channel for --duration
// seconds (callback API, no thread per call) and prints one Markdown row:
// rpc, concurrency, calls, calls/s, p50 and p99 latency, errors. The
// `health` rpc (grpc.health.v1.Health/Check) is the framework's own ceiling
// on the machine: run it in the same session as the others to compare.
// Unary calls go through the generic stub: the generator sends serialized
// requests and counts the response bytes without decoding them (as h2load
// would), so that its own CPU, on the same cores as the server, does not
// stand in for the server's; --decode parses every response into its message
// as a typed client would. --versus=health alternates the rpc with health
// checks in short windows and notes the ratio of their rates. `batch_ingest`
// streams synthetic articles through BatchIngestArticles from --concurrency
// client streams and reports articles/s and MB/s; with several --target
// addresses (comma-separated: servers on one database) stream s goes to
// server s mod n, each stream sending articles no other sends, and the
// notes give each server's share; they also give the client's own CPU
// seconds (it shares the cores with the servers).
//
// Memory under clients that do not read (--server_pid names the server, whose
// peak RSS is sampled every 50 ms; loopback only, bounded in count and time):
//   slow_readers      --connections raw HTTP/2 connections each start
//                     --calls ListQuotes calls of --page_size quotes and never
//                     read a byte of the answers, for --duration seconds;
//   stalled_watchers  --connections raw connections each open one WatchQuotes
//                     stream and never read, while IngestArticle stores
//                     articles with long quotes for --duration seconds.
// Both print the server's RSS before, its peak, and its RSS --settle seconds
// after the connections closed.
//
//   build/bench/grpc_load --target=127.0.0.1:50051 --rpc=list_quotes
#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <arpa/inet.h>
#include <netdb.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "bench/synthetic_corpus.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/generic/generic_stub.h"
#include "grpcpp/grpcpp.h"
#include "grpcpp/support/byte_buffer.h"
#include "quotewire/v1/quotewire.grpc.pb.h"

ABSL_FLAG(std::string, target, "127.0.0.1:50051",
          "Server address; batch_ingest takes several, comma-separated");
ABSL_FLAG(std::string, rpc, "health",
          "health | list_quotes (by person) | list_topic | list_source | "
          "extract | batch_ingest | slow_readers | stalled_watchers");
ABSL_FLAG(int, concurrency, 16, "Calls (or streams) in flight");
ABSL_FLAG(double, duration, 5, "Seconds to run");
ABSL_FLAG(std::string, token, "", "Bearer token for write rpcs");
ABSL_FLAG(bool, decode, false,
          "Parse every unary response into its message (the cost a typed "
          "client pays); off, responses are counted as bytes");
ABSL_FLAG(bool, header, false, "Print the table header first");
ABSL_FLAG(std::string, note, "",
          "Text put first in the notes column (e.g. what ran beside this load)");
ABSL_FLAG(std::string, versus, "",
          "Another unary rpc (e.g. health) to alternate with --rpc in windows of "
          "--window seconds, both for --duration seconds in all; the row notes "
          "its rate and the ratio. Both see the same machine: a ratio measured "
          "this way survives a noisy machine better than two separate runs");
ABSL_FLAG(double, window, 0.5, "Seconds per window with --versus");
ABSL_FLAG(int, server_pid, 0, "slow_readers, stalled_watchers: the server's pid");
ABSL_FLAG(int, connections, 40, "slow_readers, stalled_watchers: raw connections");
ABSL_FLAG(int, calls, 200, "slow_readers: ListQuotes calls per connection");
ABSL_FLAG(int, page_size, 1000, "slow_readers: quotes per ListQuotes page");
ABSL_FLAG(double, settle, 12,
          "slow_readers, stalled_watchers: seconds to wait after closing the "
          "connections before the last RSS reading");
ABSL_FLAG(int64_t, first_article, 10000000,
          "batch_ingest: index of the first synthetic article sent; the default "
          "lies beyond what store_bench fills, so that the load test adds new "
          "articles instead of replacing stored ones");

namespace quotewire::bench {
namespace {

namespace pb = ::quotewire::v1;
using ::grpc::health::v1::HealthCheckRequest;
using ::grpc::health::v1::HealthCheckResponse;

struct Stats {
  std::mutex mu;
  std::vector<double> latencies_ms;
  int64_t errors = 0;
  std::string first_error;
  int64_t response_bytes = 0;  // serialized size of the responses received
};

// Serializes `message` into a byte buffer for the generic stub.
template <typename Message>
grpc::ByteBuffer Serialize(const Message& message) {
  grpc::ByteBuffer buffer;
  bool own = false;
  grpc::GenericSerialize<grpc::ProtoBufferWriter, Message>(message, &buffer, &own);
  return buffer;
}

// Parses `buffer` into `Message`, as a typed stub does; false when it does
// not parse.
template <typename Message>
bool Decode(grpc::ByteBuffer* buffer) {
  Message message;
  return grpc::GenericDeserialize<grpc::ProtoBufferReader, Message>(buffer, &message)
      .ok();
}

// Runs one call kind with `concurrency` calls in flight until `deadline`.
class UnaryLoad {
 public:
  UnaryLoad(std::shared_ptr<grpc::Channel> channel, std::string rpc, bool decode)
      : stub_(std::move(channel)), rpc_(std::move(rpc)), decode_(decode) {
    if (rpc_ == "health") {
      method_ = "/grpc.health.v1.Health/Check";
    } else if (rpc_ == "extract") {
      method_ = "/quotewire.v1.QuoteService/ExtractQuotes";
    } else {
      method_ = "/quotewire.v1.QuoteService/ListQuotes";
    }
  }

  void Run(int concurrency, absl::Time deadline, Stats* stats) {
    deadline_ = deadline;
    stats_ = stats;
    in_flight_ = concurrency;
    for (int i = 0; i < concurrency; ++i) Issue(i);
    std::unique_lock<std::mutex> lock(done_mu_);
    done_cv_.wait(lock, [&] { return in_flight_ == 0; });
  }

 private:
  struct Call {
    grpc::ClientContext context;
    grpc::ByteBuffer request;
    grpc::ByteBuffer response;
    absl::Time start;
  };

  // The next request of this kind, serialized.
  grpc::ByteBuffer NextRequest(int64_t n) {
    if (rpc_ == "health") return Serialize(HealthCheckRequest());
    if (rpc_ == "extract") {
      const Article a = corpus_.MakeArticle(counter_++ % 1000);
      pb::ExtractQuotesRequest request;
      request.mutable_article()->set_text(a.text);
      request.mutable_article()->set_language(a.language);
      return Serialize(request);
    }
    pb::ListQuotesRequest request;
    if (rpc_ == "list_quotes") {
      request.set_person(corpus_.PersonName(n * 13 + counter_++));
    } else if (rpc_ == "list_topic") {
      request.set_topic(corpus_.TopicId(counter_++));
    } else {
      request.set_source(corpus_.OutletName(counter_++ * 7));
    }
    request.set_page_size(20);
    return Serialize(request);
  }

  // Decodes a response as a typed stub would.
  bool DecodeResponse(grpc::ByteBuffer* response) const {
    if (rpc_ == "health") return Decode<HealthCheckResponse>(response);
    if (rpc_ == "extract") return Decode<pb::ExtractQuotesResponse>(response);
    return Decode<pb::ListQuotesResponse>(response);
  }

  void Issue(int64_t n) {
    if (absl::Now() >= deadline_) {
      std::lock_guard<std::mutex> lock(done_mu_);
      if (--in_flight_ == 0) done_cv_.notify_all();
      return;
    }
    auto* call = new Call;
    call->request = NextRequest(n);
    call->start = absl::Now();
    auto done = [this, call, n](grpc::Status status) {
      const int64_t bytes = static_cast<int64_t>(call->response.Length());
      if (status.ok() && decode_ && !DecodeResponse(&call->response)) {
        status = grpc::Status(grpc::StatusCode::INTERNAL, "response does not parse");
      }
      const double ms = absl::ToDoubleMilliseconds(absl::Now() - call->start);
      {
        std::lock_guard<std::mutex> lock(stats_->mu);
        if (status.ok()) {
          stats_->latencies_ms.push_back(ms);
          stats_->response_bytes += bytes;
        } else {
          if (stats_->errors++ == 0) stats_->first_error = status.error_message();
        }
      }
      delete call;
      Issue(n + 1);
    };
    stub_.UnaryCall(&call->context, method_, grpc::StubOptions(), &call->request,
                    &call->response, std::move(done));
  }

  grpc::GenericStub stub_;
  std::string rpc_;
  std::string method_;
  const bool decode_;
  SyntheticCorpus corpus_;
  std::atomic<int64_t> counter_{0};
  absl::Time deadline_;
  Stats* stats_ = nullptr;
  std::mutex done_mu_;
  std::condition_variable done_cv_;
  int in_flight_ = 0;
};

// Articles stored through each server.
void BatchIngest(const std::vector<std::shared_ptr<grpc::Channel>>& channels, int streams,
                 absl::Time deadline, Stats* stats, int64_t* articles, int64_t* bytes,
                 std::vector<int64_t>* per_server) {
  std::atomic<int64_t> next{absl::GetFlag(FLAGS_first_article)}, total_articles{0},
      total_bytes{0};
  per_server->assign(channels.size(), 0);
  SyntheticCorpus corpus;
  std::vector<std::thread> threads;
  for (int s = 0; s < streams; ++s) {
    threads.emplace_back([&, s] {
      const size_t server = static_cast<size_t>(s) % channels.size();
      auto stub = pb::QuoteService::NewStub(channels[server]);
      while (absl::Now() < deadline) {
        grpc::ClientContext context;
        if (!absl::GetFlag(FLAGS_token).empty()) {
          context.AddMetadata("authorization", "Bearer " + absl::GetFlag(FLAGS_token));
        }
        pb::BatchIngestArticlesResponse response;
        const absl::Time start = absl::Now();
        auto writer = stub->BatchIngestArticles(&context, &response);
        int64_t sent = 0, sent_bytes = 0;
        for (int i = 0; i < 50; ++i) {
          const Article a = corpus.MakeArticle(next++);
          pb::BatchIngestArticlesRequest request;
          request.mutable_article()->set_id(a.id);
          request.mutable_article()->set_text(a.text);
          request.mutable_article()->set_language(a.language);
          request.mutable_article()->set_publisher(a.publisher);
          if (!writer->Write(request)) break;
          ++sent;
          sent_bytes += static_cast<int64_t>(a.text.size());
        }
        writer->WritesDone();
        grpc::Status status = writer->Finish();
        std::lock_guard<std::mutex> lock(stats->mu);
        if (status.ok()) {
          stats->latencies_ms.push_back(absl::ToDoubleMilliseconds(absl::Now() - start));
          total_articles += response.ingested_count();
          (*per_server)[server] += response.ingested_count();
          total_bytes += sent_bytes;
        } else if (stats->errors++ == 0) {
          stats->first_error = status.error_message();
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  *articles = total_articles;
  *bytes = total_bytes;
}

// --- Clients that never read -------------------------------------------------

// The server's resident set, MiB (0 when it cannot be read).
double ServerRssMib(int pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stod(line.substr(6)) / 1024;
  }
  return 0;
}

// Samples the server's RSS every 50 ms until stopped; keeps the peak.
class RssSampler {
 public:
  explicit RssSampler(int pid) : pid_(pid), thread_([this] { Loop(); }) {}
  ~RssSampler() { Stop(); }
  void Stop() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
  }
  double peak() const { return peak_; }

 private:
  void Loop() {
    while (!stop_) {
      peak_ = std::max(peak_.load(), ServerRssMib(pid_));
      absl::SleepFor(absl::Milliseconds(50));
    }
  }
  const int pid_;
  std::atomic<bool> stop_{false};
  std::atomic<double> peak_{0};
  std::thread thread_;
};

// A plaintext HTTP/2 connection written by hand, so that it can start calls
// and then never read the socket (a gRPC client library always reads).
class RawConnection {
 public:
  explicit RawConnection(const std::string& target) {
    const size_t colon = target.rfind(':');
    addrinfo hints{};
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* found = nullptr;
    if (getaddrinfo(target.substr(0, colon).c_str(),
                    target.substr(colon + 1).c_str(), &hints, &found) != 0) {
      return;
    }
    fd_ = socket(found->ai_family, SOCK_STREAM, 0);
    if (fd_ >= 0 && connect(fd_, found->ai_addr, found->ai_addrlen) != 0) {
      close(fd_);
      fd_ = -1;
    }
    freeaddrinfo(found);
    if (fd_ < 0) return;
    std::string out = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";
    Frame(0x4, 0, 0, "", &out);  // SETTINGS, defaults
    Send(out);
  }
  ~RawConnection() {
    if (fd_ >= 0) close(fd_);
  }
  bool ok() const { return fd_ >= 0; }

  // Starts a call of `path` with one request message and half-closes it.
  void Call(const std::string& path, const std::string& message) {
    std::string headers;
    for (const auto& [name, value] :
         {std::pair<std::string, std::string>{":method", "POST"},
          {":scheme", "http"},
          {":path", path},
          {":authority", "localhost"},
          {"content-type", "application/grpc"},
          {"te", "trailers"}}) {
      headers += '\0';  // literal header field without indexing, new name
      headers += static_cast<char>(name.size());
      headers += name;
      headers += static_cast<char>(value.size());
      headers += value;
    }
    std::string data(5, '\0');  // gRPC framing: uncompressed, length
    const uint32_t n = static_cast<uint32_t>(message.size());
    for (int i = 0; i < 4; ++i) data[1 + i] = static_cast<char>(n >> (24 - 8 * i));
    data += message;
    std::string out;
    Frame(0x1, 0x4, stream_, headers, &out);  // HEADERS, END_HEADERS
    Frame(0x0, 0x1, stream_, data, &out);     // DATA, END_STREAM
    stream_ += 2;
    Send(out);
  }

 private:
  static void Frame(uint8_t type, uint8_t flags, uint32_t stream,
                    const std::string& payload, std::string* out) {
    const uint32_t n = static_cast<uint32_t>(payload.size());
    const char header[9] = {static_cast<char>(n >> 16), static_cast<char>(n >> 8),
                            static_cast<char>(n), static_cast<char>(type),
                            static_cast<char>(flags), static_cast<char>(stream >> 24),
                            static_cast<char>(stream >> 16), static_cast<char>(stream >> 8),
                            static_cast<char>(stream)};
    out->append(header, 9);
    *out += payload;
  }
  void Send(const std::string& bytes) {
    size_t sent = 0;
    while (fd_ >= 0 && sent < bytes.size()) {
      const ssize_t n = send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return;
      sent += static_cast<size_t>(n);
    }
  }
  int fd_ = -1;
  uint32_t stream_ = 1;
};

// An article of `quotes` long quotes (~2 KB each), unique by `n`.
std::string LongQuoteArticle(int64_t n, int quotes) {
  std::string text;
  for (int q = 0; q < quotes; ++q) {
    text += "\"";
    for (int i = 0; i < 60; ++i) {
      text += "The harbour " + std::to_string(n) + " stays open, " + std::to_string(i) + ". ";
    }
    text += "\" said Marta Olsen.\n\n";
  }
  return text;
}

int RunStalled(const std::string& rpc, std::shared_ptr<grpc::Channel> channel) {
  const int pid = absl::GetFlag(FLAGS_server_pid);
  if (pid <= 0) {
    fprintf(stderr, "%s needs --server_pid\n", rpc.c_str());
    return 2;
  }
  const std::string target = absl::GetFlag(FLAGS_target);
  const int connections = absl::GetFlag(FLAGS_connections);
  const double before = ServerRssMib(pid);
  RssSampler sampler(pid);
  std::vector<std::unique_ptr<RawConnection>> raw;
  int64_t ingested = 0;
  int64_t errors = 0;
  const absl::Time deadline = absl::Now() + absl::Seconds(absl::GetFlag(FLAGS_duration));
  std::string shape;
  if (rpc == "slow_readers") {
    pb::ListQuotesRequest request;
    request.set_page_size(absl::GetFlag(FLAGS_page_size));
    const int calls = absl::GetFlag(FLAGS_calls);
    for (int c = 0; c < connections; ++c) {
      raw.push_back(std::make_unique<RawConnection>(target));
      for (int i = 0; i < calls; ++i) {
        // Every request differs (so no two share a cached answer) and
        // answers the same newest quotes.
        request.mutable_start_time()->set_seconds(c * calls + i);
        request.set_offset_unit(i % 2 ? pb::OFFSET_UNIT_UTF16 : pb::OFFSET_UNIT_UTF8);
        raw.back()->Call("/quotewire.v1.QuoteService/ListQuotes",
                         request.SerializeAsString());
      }
    }
    absl::SleepFor(deadline - absl::Now());
    shape = std::to_string(connections) + " connections x " + std::to_string(calls) +
            " ListQuotes of " + std::to_string(request.page_size()) + " quotes";
  } else {
    for (int c = 0; c < connections; ++c) {
      raw.push_back(std::make_unique<RawConnection>(target));
      raw.back()->Call("/quotewire.v1.QuoteService/WatchQuotes",
                       pb::WatchQuotesRequest().SerializeAsString());
    }
    auto stub = pb::QuoteService::NewStub(channel);
    for (int64_t n = absl::GetFlag(FLAGS_first_article); absl::Now() < deadline; ++n) {
      pb::IngestArticleRequest request;
      request.mutable_article()->set_id("stalled-" + std::to_string(n));
      request.mutable_article()->set_text(LongQuoteArticle(n, 20));
      pb::IngestArticleResponse response;
      grpc::ClientContext context;
      if (!absl::GetFlag(FLAGS_token).empty()) {
        context.AddMetadata("authorization", "Bearer " + absl::GetFlag(FLAGS_token));
      }
      if (stub->IngestArticle(&context, request, &response).ok()) {
        ++ingested;
      } else {
        ++errors;
      }
    }
    shape = std::to_string(connections) + " watchers; " + std::to_string(ingested) +
            " articles of 20 quotes of ~2 KB ingested";
  }
  int open = 0;
  for (const auto& r : raw) open += r->ok() ? 1 : 0;
  raw.clear();
  absl::SleepFor(absl::Seconds(absl::GetFlag(FLAGS_settle)));
  sampler.Stop();
  const double after = ServerRssMib(pid);
  if (absl::GetFlag(FLAGS_header)) {
    printf("| load | server RSS before MiB | peak MiB | %.0f s after closing MiB | notes |\n"
           "|---|---|---|---|---|\n", absl::GetFlag(FLAGS_settle));
  }
  printf("| %s | %.0f | %.0f | %.0f | %s (%d connected)%s%s |\n", rpc.c_str(), before,
         std::max(sampler.peak(), after), after, shape.c_str(), open,
         absl::GetFlag(FLAGS_note).empty() ? "" : "; ", absl::GetFlag(FLAGS_note).c_str());
  return errors > 0 && ingested == 0 && rpc != "slow_readers" ? 1 : 0;
}

// CPU seconds (user + system) this process has used.
double OwnCpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

int Run() {
  grpc::ChannelArguments args;
  args.SetMaxReceiveMessageSize(64 << 20);
  const std::string rpc = absl::GetFlag(FLAGS_rpc);
  std::vector<std::shared_ptr<grpc::Channel>> channels;
  for (absl::string_view target : absl::StrSplit(absl::GetFlag(FLAGS_target), ',')) {
    channels.push_back(grpc::CreateCustomChannel(std::string(target),
                                                 grpc::InsecureChannelCredentials(), args));
    if (!channels.back()->WaitForConnected(
            absl::ToChronoTime(absl::Now() + absl::Seconds(10)))) {
      fprintf(stderr, "cannot connect to %s\n", std::string(target).c_str());
      return 1;
    }
  }
  if (channels.size() > 1 && rpc != "batch_ingest") {
    fprintf(stderr, "several --target addresses: batch_ingest only\n");
    return 2;
  }
  const std::shared_ptr<grpc::Channel> channel = channels.front();
  if (rpc == "slow_readers" || rpc == "stalled_watchers") {
    return RunStalled(rpc, channel);
  }
  const int concurrency = absl::GetFlag(FLAGS_concurrency);
  const double seconds = absl::GetFlag(FLAGS_duration);
  Stats stats;
  const absl::Time start = absl::Now();
  const absl::Time deadline = start + absl::Seconds(seconds);
  int64_t articles = 0, bytes = 0;
  std::vector<int64_t> per_server;
  const double cpu_before = OwnCpuSeconds();
  if (rpc == "batch_ingest") {
    BatchIngest(channels, concurrency, deadline, &stats, &articles, &bytes, &per_server);
  } else if (absl::GetFlag(FLAGS_versus).empty()) {
    UnaryLoad load(channel, rpc, absl::GetFlag(FLAGS_decode));
    load.Run(concurrency, deadline, &stats);
  }
  double elapsed = absl::ToDoubleSeconds(absl::Now() - start);
  std::string versus_note;
  if (rpc != "batch_ingest" && !absl::GetFlag(FLAGS_versus).empty()) {
    // Alternating windows: `rpc` and `versus` each get half of --duration.
    const std::string versus = absl::GetFlag(FLAGS_versus);
    const absl::Duration window = absl::Seconds(absl::GetFlag(FLAGS_window));
    UnaryLoad load(channel, rpc, absl::GetFlag(FLAGS_decode));
    UnaryLoad other(channel, versus, absl::GetFlag(FLAGS_decode));
    Stats other_stats;
    double own_seconds = 0, other_seconds = 0;
    while (absl::Now() < deadline) {
      absl::Time t = absl::Now();
      other.Run(concurrency, t + window, &other_stats);
      other_seconds += absl::ToDoubleSeconds(absl::Now() - t);
      t = absl::Now();
      load.Run(concurrency, t + window, &stats);
      own_seconds += absl::ToDoubleSeconds(absl::Now() - t);
    }
    elapsed = own_seconds;
    const double other_rate = other_stats.latencies_ms.size() / other_seconds;
    const double own_rate = stats.latencies_ms.size() / own_seconds;
    char buf[160];
    snprintf(buf, sizeof buf, "%s %.0f/s in alternating %.1f s windows: %.1f %%",
             versus.c_str(), other_rate, absl::ToDoubleSeconds(window),
             100 * own_rate / other_rate);
    versus_note = buf;
  }
  std::sort(stats.latencies_ms.begin(), stats.latencies_ms.end());
  const size_t n = stats.latencies_ms.size();
  const double p50 = n ? stats.latencies_ms[n / 2] : 0;
  const double p99 = n ? stats.latencies_ms[std::min(n - 1, n * 99 / 100)] : 0;
  if (absl::GetFlag(FLAGS_header)) {
    printf("| rpc | in flight | calls | calls/s | p50 ms | p99 ms | errors | notes |\n"
           "|---|---|---|---|---|---|---|---|\n");
  }
  std::string notes = absl::GetFlag(FLAGS_note);
  auto add_note = [&notes](const std::string& text) {
    notes += notes.empty() ? text : "; " + text;
  };
  if (rpc == "batch_ingest") {
    char buf[96];
    snprintf(buf, sizeof buf, "%.0f articles/s, %.2f MB/s", articles / elapsed,
             bytes / elapsed / 1e6);
    add_note(buf);
    if (per_server.size() > 1) {
      add_note(absl::StrCat(per_server.size(), " servers: ",
                            absl::StrJoin(per_server, " + "), " articles"));
    }
    snprintf(buf, sizeof buf, "client CPU %.1f s", OwnCpuSeconds() - cpu_before);
    add_note(buf);
  }
  if (rpc != "batch_ingest" && n > 0) {
    add_note(std::to_string(stats.response_bytes / static_cast<int64_t>(n)) +
             " B/response");
  }
  if (rpc != "batch_ingest" && absl::GetFlag(FLAGS_decode)) add_note("decoded");
  if (!versus_note.empty()) add_note(versus_note);
  if (stats.errors) notes += " first error: " + stats.first_error;
  printf("| %s | %d | %zu | %.0f | %.2f | %.2f | %lld | %s |\n", rpc.c_str(), concurrency, n,
         n / elapsed, p50, p99, static_cast<long long>(stats.errors), notes.c_str());
  return stats.errors && n == 0 ? 1 : 0;
}

}  // namespace
}  // namespace quotewire::bench

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  return quotewire::bench::Run();
}

#include "server/http/http_gateway.h"

#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/support/proto_buffer_reader.h>
#include <httplib.h>

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "server/core/absl_compat.h"
#include "server/http/openapi.h"

namespace quotewire {
namespace {

constexpr char kJson[] = "application/json";

// httplib's task queue with a bound: `threads` workers, at most `max_queued`
// connections waiting; enqueue() (the accept loop) waits when it is full.
class BoundedPool : public httplib::TaskQueue {
 public:
  BoundedPool(int threads, size_t max_queued) : max_queued_(max_queued) {
    for (int i = 0; i < threads; ++i) {
      workers_.emplace_back([this] { Work(); });
    }
  }
  ~BoundedPool() override { shutdown(); }

  void enqueue(std::function<void()> fn) override {
    std::unique_lock<std::mutex> lock(mu_);
    not_full_.wait(lock,
                   [this] { return queue_.size() < max_queued_ || stop_; });
    queue_.push_back(std::move(fn));
    not_empty_.notify_one();
  }

  void shutdown() override {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (stop_ && workers_.empty()) return;
      stop_ = true;
    }
    not_empty_.notify_all();
    not_full_.notify_all();
    for (std::thread& worker : workers_) worker.join();
    workers_.clear();
  }

 private:
  void Work() {
    for (;;) {
      std::function<void()> fn;
      {
        std::unique_lock<std::mutex> lock(mu_);
        not_empty_.wait(lock, [this] { return !queue_.empty() || stop_; });
        if (queue_.empty()) return;  // stopped and drained
        fn = std::move(queue_.front());
        queue_.pop_front();
        not_full_.notify_one();
      }
      fn();
    }
  }

  const size_t max_queued_;
  std::mutex mu_;
  std::condition_variable not_empty_, not_full_;
  std::deque<std::function<void()>> queue_;
  bool stop_ = false;
  std::vector<std::thread> workers_;
};

// An error of the gateway's own (no details: RESOURCE_EXHAUSTED is 429).
void SendError(httplib::Response& response, int grpc_code,
               std::string_view message) {
  response.status = HttpStatusOf(grpc_code);
  response.set_content(StatusJson(grpc_code, message), kJson);
}

// The status of an rpc, its error details deciding between 413 and 429.
void SendError(httplib::Response& response, const grpc::Status& status) {
  response.status = HttpStatusOf(status.error_code(), status.error_details());
  response.set_content(
      StatusJson(status.error_code(), status.error_message()), kJson);
}

// Parses `buffer` as a message of `type` and renders it as JSON.
std::optional<std::string> BufferToJson(
    const google::protobuf::Descriptor* type, grpc::ByteBuffer* buffer) {
  std::unique_ptr<google::protobuf::Message> message = NewMessage(type);
  grpc::ProtoBufferReader reader(buffer);
  if (!message->ParseFromZeroCopyStream(&reader)) return std::nullopt;
  return ToJson(*message);
}

std::string MethodPath(const google::protobuf::MethodDescriptor* method) {
  return absl::StrCat("/", method->service()->full_name(), "/", method->name());
}

// Splits "host:port" / "[v6]:port".
bool SplitHostPort(const std::string& address, std::string* host, int* port) {
  const size_t colon = address.rfind(':');
  if (colon == std::string::npos) return false;
  *host = address.substr(0, colon);
  if (host->size() >= 2 && host->front() == '[' && host->back() == ']') {
    *host = host->substr(1, host->size() - 2);
  }
  return absl::SimpleAtoi(address.substr(colon + 1), port) && *port >= 0 &&
         *port <= 65535;
}

// One server-streaming call on a completion queue of its own, read by the
// thread writing the event stream. Not thread-safe.
class StreamCall {
 public:
  StreamCall(grpc::GenericStub* stub, const std::string& method)
      : stub_(stub), method_(method) {}
  ~StreamCall() {
    if (call_ != nullptr && !finished_) {
      context_.TryCancel();
      if (read_pending_) Await();
      Finish();
    }
    cq_.Shutdown();
    void* tag;
    bool ok;
    while (cq_.Next(&tag, &ok)) {
    }
  }

  grpc::ClientContext* context() { return &context_; }

  // Sends the request and waits until the server accepted the call (its
  // initial metadata arrived) and, for up to `settle`, for the first message
  // or an immediate error. A non-OK status: the call failed before streaming.
  grpc::Status Open(grpc::ByteBuffer request, absl::Duration settle) {
    call_ = stub_->PrepareCall(&context_, method_, &cq_);
    call_->StartCall(this);
    if (!Await()) return Finish();
    call_->WriteLast(request, grpc::WriteOptions(), this);
    if (!Await()) return Finish();
    call_->ReadInitialMetadata(this);
    if (!Await()) return Finish();
    switch (Next(settle, &first_)) {
      case Event::kMessage:
        has_first_ = true;
        break;
      case Event::kEnd:
        return status_;
      case Event::kIdle:
        break;
    }
    return grpc::Status::OK;
  }

  enum class Event { kMessage, kIdle, kEnd };
  // The next message, or kIdle after `timeout`, or kEnd (then status()).
  Event Next(absl::Duration timeout, grpc::ByteBuffer* message) {
    if (has_first_) {
      has_first_ = false;
      *message = std::move(first_);
      return Event::kMessage;
    }
    if (finished_) return Event::kEnd;
    if (!read_pending_) {
      call_->Read(&buffer_, this);
      read_pending_ = true;
    }
    void* tag;
    bool ok;
    switch (
        cq_.AsyncNext(&tag, &ok, absl::ToChronoTime(absl::Now() + timeout))) {
      case grpc::CompletionQueue::TIMEOUT:
        return Event::kIdle;
      case grpc::CompletionQueue::GOT_EVENT:
        read_pending_ = false;
        if (ok) {
          *message = std::move(buffer_);
          return Event::kMessage;
        }
        Finish();
        return Event::kEnd;
      default:
        Finish();
        return Event::kEnd;
    }
  }

  const grpc::Status& status() const { return status_; }

 private:
  bool Await() {
    void* tag;
    bool ok = false;
    cq_.Next(&tag, &ok);
    return ok;
  }
  grpc::Status Finish() {
    if (!finished_) {
      finished_ = true;
      call_->Finish(&status_, this);
      Await();
    }
    return status_;
  }

  grpc::GenericStub* stub_;
  const std::string method_;
  grpc::ClientContext context_;
  grpc::CompletionQueue cq_;
  std::unique_ptr<grpc::GenericClientAsyncReaderWriter> call_;
  grpc::ByteBuffer buffer_, first_;
  grpc::Status status_;
  bool read_pending_ = false;
  bool has_first_ = false;
  bool finished_ = false;
};

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// "%41+b" -> "A b".
std::string DecodeQueryPart(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+') {
      out += ' ';
    } else if (text[i] == '%' && i + 2 < text.size() &&
               HexValue(text[i + 1]) >= 0 && HexValue(text[i + 2]) >= 0) {
      out +=
          static_cast<char>(HexValue(text[i + 1]) * 16 + HexValue(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

// The query parameters of the request target, in order. (httplib also puts
// the fields of a form-encoded body in Request::params; a JSON body sent as
// a form by `curl -d` must not become parameters.)
std::vector<std::pair<std::string, std::string>> QueryOf(
    const httplib::Request& request) {
  std::vector<std::pair<std::string, std::string>> query;
  const size_t mark = request.target.find('?');
  if (mark == std::string::npos) return query;
  for (absl::string_view part :
       absl::StrSplit(Sv(std::string_view(request.target).substr(mark + 1)),
                      '&', absl::SkipEmpty())) {
    const size_t eq = part.find('=');
    query.emplace_back(DecodeQueryPart(Sv(part.substr(0, eq))),
                       eq == absl::string_view::npos
                           ? std::string()
                           : DecodeQueryPart(Sv(part.substr(eq + 1))));
  }
  return query;
}

// Copies the caller's credentials and address onto a gateway call.
// False (with the response set) for a header gRPC metadata cannot carry.
bool SetMetadata(const httplib::Request& request, grpc::ClientContext* context,
                 httplib::Response& response) {
  const std::string authorization = request.get_header_value("Authorization");
  if (!authorization.empty()) {
    const bool printable =
        std::all_of(authorization.begin(), authorization.end(),
                    [](char c) { return c >= 0x20 && c < 0x7f; });
    if (!printable) {
      SendError(response, grpc::StatusCode::UNAUTHENTICATED,
                "authorization: not printable ASCII");
      return false;
    }
    context->AddMetadata("authorization", authorization);
  }
  context->AddMetadata(kHttpPeerMetadata, absl::StrCat(request.remote_addr, ":",
                                                       request.remote_port));
  return true;
}

// The bytes of `buffer` in one string.
std::string Flatten(const grpc::ByteBuffer& buffer) {
  std::vector<grpc::Slice> slices;
  std::string out;
  if (!buffer.Dump(&slices).ok()) return out;
  for (const grpc::Slice& slice : slices) {
    out.append(reinterpret_cast<const char*>(slice.begin()), slice.size());
  }
  return out;
}

// Requests larger than this are not memoised.
constexpr size_t kMaxMemoRequest = 4096;

}  // namespace

std::shared_ptr<const std::string> BoundedMemo::Find(
    const std::string& key) const {
  if (max_bytes_ == 0) return nullptr;
  absl::MutexLock lock(&mu_);
  auto it = map_.find(key);
  return it == map_.end() ? nullptr : it->second;
}

void BoundedMemo::Insert(std::string key,
                         std::shared_ptr<const std::string> value) {
  const size_t size = key.size() + value->size();
  if (size > max_bytes_ / 4) return;
  absl::MutexLock lock(&mu_);
  if (bytes_ + size > max_bytes_) {
    map_.clear();
    bytes_ = 0;
  }
  if (map_.emplace(std::move(key), std::move(value)).second) bytes_ += size;
}

HttpGateway::HttpGateway(const HttpGatewayOptions& options,
                         std::shared_ptr<grpc::Channel> channel)
    : options_(options),
      channel_(std::move(channel)),
      stub_(std::make_unique<grpc::GenericStub>(channel_)),
      requests_(options.memo_bytes / 4),
      responses_(options.memo_bytes - options.memo_bytes / 4) {}

absl::StatusOr<std::unique_ptr<HttpGateway>> HttpGateway::Start(
    const HttpGatewayOptions& options, std::shared_ptr<grpc::Channel> channel,
    const google::protobuf::ServiceDescriptor* service) {
  if (options.threads < 1 || options.max_event_streams < 0 ||
      options.max_queued_connections < 1 ||
      options.keep_alive_max_requests < 1) {
    return absl::InvalidArgumentError(
        "http: threads, queued connections and keep-alive requests must be "
        "positive");
  }
  std::string host;
  int port = 0;
  if (!SplitHostPort(options.listen_address, &host, &port)) {
    return absl::InvalidArgumentError(
        absl::StrCat("http_listen: expected HOST:PORT, got \"",
                     options.listen_address, "\""));
  }
  std::unique_ptr<HttpGateway> gateway(
      new HttpGateway(options, std::move(channel)));
  absl::StatusOr<std::vector<HttpRoute>> routes = RoutesOf(service);
  if (!routes.ok()) return routes.status();
  gateway->routes_ = *std::move(routes);
  gateway->openapi_ =
      OpenApiDocument(service, gateway->routes_, service->full_name(), "v1");

  auto server = std::make_unique<httplib::Server>();
  const int threads = options.threads;
  const size_t queued = static_cast<size_t>(options.max_queued_connections);
  server->new_task_queue = [threads, queued] {
    return new BoundedPool(threads, queued);
  };
  server->set_keep_alive_max_count(
      static_cast<size_t>(options.keep_alive_max_requests));
  server->set_keep_alive_timeout(
      std::max<time_t>(1, absl::ToInt64Seconds(options.keep_alive_timeout)));
  server->set_read_timeout(std::chrono::microseconds(
      absl::ToInt64Microseconds(options.read_timeout)));
  server->set_write_timeout(std::chrono::microseconds(
      absl::ToInt64Microseconds(options.write_timeout)));
  server->set_payload_max_length(options.max_body_bytes);
  server->set_tcp_nodelay(true);
  if (!options.static_dir.empty() &&
      !server->set_mount_point("/", options.static_dir)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "http_static_dir: ", options.static_dir, " is not a directory"));
  }
  HttpGateway* self = gateway.get();
  auto handler = [self](const httplib::Request& request,
                        httplib::Response& response) {
    self->Handle(request, response);
  };
  // GETs of the API are routed before httplib's own (regex) routing; the
  // rest goes on to it (static files; and bodies, which httplib reads only
  // after this handler).
  server->set_pre_routing_handler(
      [self](const httplib::Request& request, httplib::Response& response) {
        const std::string& path = request.path;
        if (request.method != "GET" ||
            (path.compare(0, 4, "/v1/") != 0 && path != "/metrics")) {
          return httplib::Server::HandlerResponse::Unhandled;
        }
        self->Handle(request, response);
        return httplib::Server::HandlerResponse::Handled;
      });
  // Bodies are read whole through a content reader: httplib then never
  // parses them as forms. (A body labelled application/x-www-form-urlencoded,
  // as `curl -d` labels JSON, is otherwise parsed into fields and refused
  // over 8 KiB with 413, whatever max_body_bytes says.) The body's size is
  // still bounded by set_payload_max_length above.
  auto body_handler = [self](const httplib::Request& request,
                             httplib::Response& response,
                             const httplib::ContentReader& read) {
    if (request.is_multipart_form_data()) {
      self->Cors(request, response);
      SendError(response, grpc::StatusCode::INVALID_ARGUMENT,
                "body: send JSON (Content-Type: application/json), not "
                "multipart/form-data");
      return;
    }
    httplib::Request with_body = request;
    if (!read([&with_body](const char* data, size_t length) {
          with_body.body.append(data, length);
          return true;
        })) {
      // Over the limit (413) or unreadable (400): httplib set the status,
      // the error handler writes the body.
      return;
    }
    self->Handle(with_body, response);
  };
  server->Get(".*", handler);
  server->Post(".*", body_handler);
  server->Put(".*", body_handler);
  server->Patch(".*", body_handler);
  server->Delete(".*", body_handler);
  server->Options(".*", handler);
  // httplib's own errors (413 for a body over the limit, 400 for a request
  // it cannot parse, 404 for a missing file) get a google.rpc.Status body.
  server->set_error_handler(
      [self](const httplib::Request& request, httplib::Response& response) {
        if (!response.body.empty()) return;
        self->Cors(request, response);
        const int code =
            response.status == 413   ? grpc::StatusCode::RESOURCE_EXHAUSTED
            : response.status == 404 ? grpc::StatusCode::NOT_FOUND
                                     : grpc::StatusCode::INVALID_ARGUMENT;
        const std::string message =
            response.status == 413
                ? absl::StrCat("body: larger than the limit of ",
                               self->options_.max_body_bytes, " bytes")
                : absl::StrCat("http: status ", response.status);
        const int status = response.status;
        response.set_content(StatusJson(code, message), kJson);
        response.status = status;
      });
  if (port == 0) {
    port = server->bind_to_any_port(host);
    if (port < 0) port = 0;
  } else if (!server->bind_to_port(host, port)) {
    port = 0;
  }
  if (port == 0) {
    return absl::UnavailableError(
        absl::StrCat("http: cannot listen on ", options.listen_address));
  }
  gateway->port_ = port;
  gateway->server_ = std::move(server);
  gateway->listener_ =
      std::thread([self] { self->server_->listen_after_bind(); });
  return gateway;
}

HttpGateway::~HttpGateway() { Stop(absl::ZeroDuration()); }

void HttpGateway::Stop(absl::Duration drain) {
  // The server stops calling content providers once it is stopped: an event
  // stream whose rpc has just ended would close without its error event.
  {
    absl::MutexLock lock(&streams_mu_);
    streams_mu_.AwaitWithTimeout(
        absl::Condition(
            +[](int* open) { return *open == 0; }, &event_streams_),
        drain);
  }
  if (server_ != nullptr) server_->stop();
  if (listener_.joinable()) listener_.join();
}

bool HttpGateway::Cors(const httplib::Request& request,
                       httplib::Response& response) const {
  const std::string origin = request.get_header_value("Origin");
  bool allowed = false;
  if (!origin.empty()) {
    for (const std::string& candidate : options_.cors_origins) {
      allowed |= candidate == "*" || candidate == origin;
    }
  }
  if (allowed) {
    response.set_header("Access-Control-Allow-Origin", origin);
    response.set_header("Vary", "Origin");
  }
  if (request.method != "OPTIONS") return true;
  if (allowed) {
    response.status = 204;
    response.set_header("Access-Control-Allow-Methods",
                        "GET, POST, PUT, PATCH, DELETE, OPTIONS");
    response.set_header("Access-Control-Allow-Headers",
                        "Authorization, Content-Type");
    response.set_header("Access-Control-Max-Age", "600");
  } else {
    SendError(response, grpc::StatusCode::PERMISSION_DENIED,
              absl::StrCat("origin: \"", origin,
                           "\" is not allowed (see --cors_origins)"));
  }
  return false;
}

void HttpGateway::Handle(const httplib::Request& request,
                         httplib::Response& response) {
  if (!Cors(request, response)) return;
  if (request.method == "GET" && request.path == "/v1/openapi.json") {
    response.set_content(openapi_, kJson);
    return;
  }
  if (request.method == "GET" && request.path == "/metrics" &&
      options_.metrics) {
    response.set_content(options_.metrics(), "text/plain; version=0.0.4");
    return;
  }
  std::vector<PathBinding> bindings;
  std::vector<std::string> allowed;
  for (const HttpRoute& route : routes_) {
    if (!MatchPath(route.path, request.path, &bindings)) continue;
    if (route.http_method == request.method) {
      Call(route, bindings, request, response);
      return;
    }
    allowed.push_back(route.http_method);
  }
  if (!allowed.empty()) {
    response.set_header("Allow", absl::StrJoin(allowed, ", "));
    SendError(response, grpc::StatusCode::UNIMPLEMENTED,
              absl::StrCat("http: ", request.method, " is not allowed on ",
                           request.path));
    response.status = 405;
    return;
  }
  SendError(response, grpc::StatusCode::NOT_FOUND,
            absl::StrCat("http: no route for ", request.method, " ",
                         request.path, " (see /v1/openapi.json)"));
}

void HttpGateway::Call(const HttpRoute& route,
                       const std::vector<PathBinding>& bindings,
                       const httplib::Request& request,
                       httplib::Response& response) {
  const google::protobuf::MethodDescriptor* method = route.method;
  // The request messages: one, or one per JSON object of a client stream.
  std::vector<grpc::ByteBuffer> messages;
  std::string memo_key;
  if (!method->client_streaming() && request.body.size() <= kMaxMemoRequest) {
    memo_key =
        absl::StrCat(request.method, " ", request.target, "\n", request.body);
    if (std::shared_ptr<const std::string> bytes = requests_.Find(memo_key)) {
      grpc::Slice slice(bytes->data(), bytes->size());
      messages.emplace_back(&slice, 1);
    }
  }
  if (messages.empty()) {
    const std::vector<std::pair<std::string, std::string>> query =
        QueryOf(request);
    std::vector<std::string_view> bodies = {request.body};
    if (method->client_streaming()) {
      absl::StatusOr<std::vector<std::string_view>> objects =
          SplitJsonObjects(request.body);
      if (!objects.ok()) {
        SendError(response, grpc::StatusCode::INVALID_ARGUMENT,
                  Sv(objects.status().message()));
        return;
      }
      bodies = *std::move(objects);
    }
    for (size_t i = 0; i < bodies.size(); ++i) {
      std::unique_ptr<google::protobuf::Message> message =
          NewMessage(method->input_type());
      const absl::Status built =
          BuildRequest(route, bindings, query, bodies[i], message.get());
      if (!built.ok()) {
        std::string text(Sv(built.message()));
        if (method->client_streaming())
          text = absl::StrCat("message ", i, ": ", text);
        SendError(response, grpc::StatusCode::INVALID_ARGUMENT, text);
        return;
      }
      auto bytes =
          std::make_shared<const std::string>(message->SerializeAsString());
      grpc::Slice slice(bytes->data(), bytes->size());
      messages.emplace_back(&slice, 1);
      if (!memo_key.empty())
        requests_.Insert(std::move(memo_key), std::move(bytes));
    }
  }
  if (method->server_streaming()) {
    OpenEventStream(route, std::move(messages.front()), request, response);
    return;
  }
  grpc::ClientContext context;
  if (!SetMetadata(request, &context, response)) return;
  grpc::Status status;
  grpc::ByteBuffer reply;
  if (!method->client_streaming()) {
    absl::Notification done;
    stub_->UnaryCall(&context, MethodPath(method), grpc::StubOptions(),
                     &messages.front(), &reply, [&](grpc::Status s) {
                       status = std::move(s);
                       done.Notify();
                     });
    done.WaitForNotification();
  } else {
    grpc::CompletionQueue cq;
    auto await = [&cq] {
      void* tag;
      bool ok = false;
      cq.Next(&tag, &ok);
      return ok;
    };
    std::unique_ptr<grpc::GenericClientAsyncReaderWriter> call =
        stub_->PrepareCall(&context, MethodPath(method), &cq);
    call->StartCall(nullptr);
    bool ok = await();
    for (size_t i = 0; ok && i < messages.size(); ++i) {
      call->Write(messages[i], nullptr);
      ok = await();
    }
    if (ok) {
      call->WritesDone(nullptr);
      await();
      call->Read(&reply, nullptr);
      await();
    }
    call->Finish(&status, nullptr);
    await();
    cq.Shutdown();
    void* tag;
    bool drained;
    while (cq.Next(&tag, &drained)) {
    }
  }
  if (!status.ok()) {
    SendError(response, status);
    return;
  }
  std::string key =
      absl::StrCat(method->output_type()->full_name(), "\n", Flatten(reply));
  if (std::shared_ptr<const std::string> json = responses_.Find(key)) {
    response.set_content(*json, kJson);
    return;
  }
  std::optional<std::string> json = BufferToJson(method->output_type(), &reply);
  if (!json) {
    SendError(response, grpc::StatusCode::INTERNAL,
              "http: the response does not decode");
    return;
  }
  response.set_content(*json, kJson);
  responses_.Insert(std::move(key),
                    std::make_shared<const std::string>(*std::move(json)));
}

int HttpGateway::event_streams() const {
  absl::MutexLock lock(&streams_mu_);
  return event_streams_;
}

bool HttpGateway::AddEventStream() {
  absl::MutexLock lock(&streams_mu_);
  if (event_streams_ >= options_.max_event_streams) return false;
  ++event_streams_;
  return true;
}

void HttpGateway::RemoveEventStream() {
  absl::MutexLock lock(&streams_mu_);
  --event_streams_;
}

void HttpGateway::OpenEventStream(const HttpRoute& route,
                                  grpc::ByteBuffer message,
                                  const httplib::Request& request,
                                  httplib::Response& response) {
  if (!AddEventStream()) {
    SendError(response, grpc::StatusCode::RESOURCE_EXHAUSTED,
              absl::StrCat("http: ", options_.max_event_streams,
                           " event streams open; retry later"));
    return;
  }
  auto call =
      std::make_shared<StreamCall>(stub_.get(), MethodPath(route.method));
  if (!SetMetadata(request, call->context(), response)) {
    RemoveEventStream();
    return;
  }
  // An error the server answers at once (a bad filter, no token) comes within
  // this time of its initial metadata: in-process, in the same batch.
  const grpc::Status opened =
      call->Open(std::move(message), absl::Milliseconds(50));
  if (!opened.ok()) {
    RemoveEventStream();
    SendError(response, opened);
    return;
  }
  response.set_header("Cache-Control", "no-cache");
  response.set_header("X-Accel-Buffering", "no");
  const google::protobuf::Descriptor* type = route.method->output_type();
  const absl::Duration keepalive = options_.event_stream_keepalive;
  response.set_chunked_content_provider(
      "text/event-stream",
      [call, type, keepalive, opened_sent = false](
          size_t, httplib::DataSink& sink) mutable {
        if (!opened_sent) {
          // Tells the client (and EventSource) that the stream is in place.
          opened_sent = true;
          static constexpr char kOpen[] = ": open\n\n";
          return sink.write(kOpen, sizeof(kOpen) - 1);
        }
        grpc::ByteBuffer buffer;
        switch (call->Next(keepalive, &buffer)) {
          case StreamCall::Event::kIdle: {
            static constexpr char kKeepAlive[] = ": keep-alive\n\n";
            return sink.write(kKeepAlive, sizeof(kKeepAlive) - 1);
          }
          case StreamCall::Event::kMessage: {
            std::optional<std::string> json = BufferToJson(type, &buffer);
            if (!json) return false;
            const std::string event = absl::StrCat("data: ", *json, "\n\n");
            return sink.write(event.data(), event.size());
          }
          case StreamCall::Event::kEnd: {
            const grpc::Status& status = call->status();
            if (!status.ok()) {
              const std::string event = absl::StrCat(
                  "event: error\ndata: ",
                  StatusJson(status.error_code(), status.error_message()),
                  "\n\n");
              sink.write(event.data(), event.size());
            }
            sink.done();
            return true;
          }
        }
        return false;
      },
      [this, call](bool) mutable {
        call.reset();  // cancels the rpc if it is still running
        RemoveEventStream();
      });
}

}  // namespace quotewire

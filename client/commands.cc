#include "client/commands.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <vector>

#include <google/protobuf/util/json_util.h>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "client/article_file.h"
#include "client/table.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "server/core/utf8.h"

namespace quotewire::cli {
namespace {

namespace fs = std::filesystem;

constexpr size_t kQuoteColumns = 72;

std::string CodeName(grpc::StatusCode code) {
  return absl::StatusCodeToString(static_cast<absl::StatusCode>(code));
}

std::string FormatDate(const google::protobuf::Timestamp& ts) {
  if (ts.seconds() == 0 && ts.nanos() == 0) return "";
  return absl::FormatTime("%Y-%m-%d", absl::FromUnixSeconds(ts.seconds()),
                          absl::UTCTimeZone());
}

std::string FormatTime(const google::protobuf::Timestamp& ts) {
  if (ts.seconds() == 0 && ts.nanos() == 0) return "";
  return absl::FormatTime("%Y-%m-%d %H:%M:%S UTC",
                          absl::FromUnixSeconds(ts.seconds()),
                          absl::UTCTimeZone());
}

void SetTimestamp(absl::Time time, google::protobuf::Timestamp* ts) {
  ts->set_seconds(absl::ToUnixSeconds(time));
}

std::string KindName(v1::QuoteKind kind) {
  switch (kind) {
    case v1::QUOTE_KIND_FULL: return "full";
    case v1::QUOTE_KIND_PARTIAL: return "partial";
    case v1::QUOTE_KIND_SCARE: return "scare";
    case v1::QUOTE_KIND_TITLE: return "title";
    case v1::QUOTE_KIND_SLOGAN: return "slogan";
    case v1::QUOTE_KIND_HEADING: return "heading";
    default: return "";
  }
}

// The people list shows each entry's kind: a crowd ("supporters") or an
// organisation is listed beside the persons, never as one.
std::string SpeakerKindName(v1::SpeakerKind kind) {
  switch (kind) {
    case v1::SPEAKER_KIND_PERSON: return "person";
    case v1::SPEAKER_KIND_ORGANIZATION: return "organization";
    case v1::SPEAKER_KIND_GROUP: return "group";
    default: return "-";
  }
}

std::string SpeakerName(const v1::Quote& quote) {
  if (!quote.has_speaker()) return "-";
  if (!quote.speaker().name().empty()) return quote.speaker().name();
  return quote.speaker().mention().empty() ? "-" : quote.speaker().mention();
}

std::string SourcesOf(const v1::Quote& quote) {
  std::vector<std::string> names;
  for (const v1::QuoteSource& s : quote.sources()) {
    std::string relation;
    switch (s.relation()) {
      case v1::SOURCE_RELATION_OUTLET: relation = "told "; break;
      case v1::SOURCE_RELATION_WIRE: relation = "via "; break;
      default: break;
    }
    names.push_back(relation + s.display_name());
  }
  return absl::StrJoin(names, ", ");
}

std::string SpansOf(const v1::Quote& quote) {
  std::vector<std::string> spans;
  for (const v1::Span& s : quote.spans()) {
    spans.push_back(absl::StrCat(s.start(), "-", s.end()));
  }
  return absl::StrJoin(spans, ",");
}

std::string Quoted(const std::string& text) {
  return absl::StrCat("\u201C", OneLine(text), "\u201D");
}

absl::StatusOr<int> LimitArg(const ParsedArgs& args, int fallback) {
  if (!args.Has("limit")) return fallback;
  int limit = 0;
  if (!absl::SimpleAtoi(args.Get("limit"), &limit) || limit < 0) {
    return absl::InvalidArgumentError("--limit must be a number >= 0 (0: all)");
  }
  return limit;
}

// Page size for the next call given how many are still wanted (0: all).
int32_t NextPageSize(int limit, int have) {
  if (limit == 0) return 1000;
  return std::min(1000, limit - have);
}

std::string ReadTokenFile(const std::string& path, absl::Status* status) {
  std::ifstream in(path);
  if (!in) {
    *status = absl::InvalidArgumentError(absl::StrCat("--token_file: cannot read ", path));
    return "";
  }
  std::string line;
  while (std::getline(in, line)) {
    absl::string_view l = absl::StripAsciiWhitespace(line);
    if (l.empty() || l.front() == '#') continue;
    // The first field, so that a server token file line works too.
    return std::string(l.substr(0, l.find_first_of(" \t")));
  }
  *status = absl::InvalidArgumentError(absl::StrCat("--token_file: no token in ", path));
  return "";
}

}  // namespace

const std::set<std::string>& BooleanFlags() {
  static const auto* flags = new std::set<std::string>{
      "json", "all_kinds", "help", "tls"};
  return *flags;
}

const std::set<std::string>& ValueFlags() {
  static const auto* flags = new std::set<std::string>{
      "server", "token", "token_file", "offset_unit", "timeout", "tls_ca",
      "tls_cert", "tls_key",
      "publisher", "language", "id", "title", "url", "publish_time",
      "person", "topic", "source", "article", "query", "since", "until",
      "limit", "relation", "order_by", "kind", "editor", "display_name"};
  return *flags;
}

std::string Usage() {
  return R"(usage: quotewire [global flags] COMMAND [args] [flags]

Global flags:
  --server HOST:PORT     server address (default 127.0.0.1:50051, env QUOTEWIRE_SERVER)
  --token TOKEN          bearer token (env QUOTEWIRE_TOKEN)
  --token_file FILE      read the token from FILE (first field of the first line)
  --json                 print proto JSON, one object per line
  --offset_unit UNIT     utf8 (default), utf16 or code_point
  --timeout SECONDS      deadline of each call (default 60)
  --tls [--tls_ca FILE]  connect with TLS (system roots, or FILE)
  --tls_cert FILE --tls_key FILE
                         client certificate for servers that require one

Commands:
  extract FILE...                 extract quotes without storing them
  ingest FILE|DIR...              store articles (a DIR: every *.txt, in one batch)
        [--publisher P] [--language L] [--id ID] [--title T] [--url U]
        [--publish_time 2024-03-01T09:30:00Z]
  get-article NAME                an article and its quotes (articles/ID or ID)
  delete-article NAME             delete an article and its quotes
  quotes [--person P] [--topic T] [--source S] [--relation publisher|outlet|wire]
         [--article A] [--language L] [--query WORDS] [--order_by relevance]
         [--since TIME] [--until TIME] [--limit N (default 20, 0: all)] [--all-kinds]
  people [--query Q] [--kind person|organization|group] [--limit N]
  person NAME [--limit N]         one person (any name form) and recent quotes
  sources [--query Q] [--limit N]
  topics
  watch [--person P] [--topic T] [--source S] [--language L] [--all-kinds]
                                  stream new quotes until interrupted
  merge PERSON OTHER...           merge OTHER people into PERSON [--editor E]
  split PERSON ALIAS...           split aliases off into a new person
        [--display_name NAME] [--editor E]
  rename PERSON NEW_NAME          set a person's display name [--editor E]
  reattribute QUOTE PERSON        attribute a quote to another speaker [--editor E]
  corrections [--limit N]         editorial corrections, newest first
  suggestions [--limit N]         suggested merges of people, most likely
                                  first (accept one with merge)
  health                          the server's health status

Article files may start with "Key: value" headers (Title, Publisher, Language,
Published, Id, URL) and a blank line; the text follows.

Exit codes: 0 ok, 1 rpc error, 2 usage error.
)";
}

absl::StatusOr<ClientOptions> ClientOptionsFromArgs(const ParsedArgs& args) {
  ClientOptions options;
  if (const char* env = std::getenv("QUOTEWIRE_SERVER"); env && *env) {
    options.server = env;
  }
  if (const char* env = std::getenv("QUOTEWIRE_TOKEN"); env && *env) {
    options.token = env;
  }
  options.server = args.Get("server", options.server);
  if (args.Has("token") && args.Has("token_file")) {
    return absl::InvalidArgumentError("give --token or --token_file, not both");
  }
  options.token = args.Get("token", options.token);
  if (args.Has("token_file")) {
    absl::Status status;
    options.token = ReadTokenFile(args.Get("token_file"), &status);
    if (!status.ok()) return status;
  }
  options.json = args.GetBool("json");
  const std::string unit = absl::AsciiStrToLower(args.Get("offset_unit", "utf8"));
  if (unit == "utf8" || unit == "utf-8" || unit == "bytes") {
    options.offset_unit = v1::OFFSET_UNIT_UTF8;
  } else if (unit == "utf16" || unit == "utf-16") {
    options.offset_unit = v1::OFFSET_UNIT_UTF16;
  } else if (unit == "code_point" || unit == "codepoint" || unit == "code-point") {
    options.offset_unit = v1::OFFSET_UNIT_CODE_POINT;
  } else {
    return absl::InvalidArgumentError(
        "--offset_unit must be utf8, utf16 or code_point");
  }
  if (args.Has("timeout")) {
    double seconds = 0;
    if (!absl::SimpleAtod(args.Get("timeout"), &seconds) || seconds <= 0) {
      return absl::InvalidArgumentError("--timeout must be a positive number of seconds");
    }
    options.timeout = absl::Seconds(seconds);
  }
  options.tls = args.GetBool("tls") || args.Has("tls_ca") || args.Has("tls_cert");
  options.tls_ca_file = args.Get("tls_ca");
  options.tls_cert_file = args.Get("tls_cert");
  options.tls_key_file = args.Get("tls_key");
  if (options.tls_cert_file.empty() != options.tls_key_file.empty()) {
    return absl::InvalidArgumentError("--tls_cert and --tls_key go together");
  }
  return options;
}

absl::StatusOr<std::shared_ptr<grpc::Channel>> MakeChannel(
    const ClientOptions& options) {
  std::shared_ptr<grpc::ChannelCredentials> credentials;
  if (options.tls) {
    auto read_pem = [](const std::string& path,
                       const char* flag) -> absl::StatusOr<std::string> {
      std::ifstream in(path);
      if (!in) return absl::InvalidArgumentError(absl::StrCat(flag, ": cannot read ", path));
      std::ostringstream pem;
      pem << in.rdbuf();
      return pem.str();
    };
    grpc::SslCredentialsOptions ssl;
    if (!options.tls_ca_file.empty()) {
      absl::StatusOr<std::string> roots = read_pem(options.tls_ca_file, "--tls_ca");
      if (!roots.ok()) return roots.status();
      ssl.pem_root_certs = *roots;
    }
    if (!options.tls_cert_file.empty()) {
      absl::StatusOr<std::string> cert = read_pem(options.tls_cert_file, "--tls_cert");
      if (!cert.ok()) return cert.status();
      absl::StatusOr<std::string> key = read_pem(options.tls_key_file, "--tls_key");
      if (!key.ok()) return key.status();
      ssl.pem_cert_chain = *cert;
      ssl.pem_private_key = *key;
    }
    credentials = grpc::SslCredentials(ssl);
  } else {
    credentials = grpc::InsecureChannelCredentials();
  }
  grpc::ChannelArguments arguments;
  arguments.SetMaxReceiveMessageSize(256 * 1024 * 1024);
  return grpc::CreateCustomChannel(options.server, credentials, arguments);
}

Cli::Cli(const ClientOptions& options, std::shared_ptr<grpc::Channel> channel,
         std::ostream& out, std::ostream& err)
    : options_(options),
      channel_(std::move(channel)),
      stub_(v1::QuoteService::NewStub(channel_)),
      out_(out),
      err_(err) {}

std::unique_ptr<grpc::ClientContext> Cli::Context(bool deadline) const {
  auto context = std::make_unique<grpc::ClientContext>();
  if (!options_.token.empty()) {
    context->AddMetadata("authorization", "Bearer " + options_.token);
  }
  if (deadline) {
    context->set_deadline(absl::ToChronoTime(absl::Now() + options_.timeout));
  }
  return context;
}

int Cli::RpcError(const grpc::Status& status) const {
  err_ << "error: " << CodeName(status.error_code()) << ": "
       << status.error_message() << "\n";
  return kExitRpcError;
}

int Cli::UsageError(const std::string& message) const {
  err_ << "quotewire: " << message << "\n(see quotewire --help)\n";
  return kExitUsage;
}

void Cli::PrintJson(const google::protobuf::Message& message) const {
  std::string json;
  google::protobuf::util::JsonPrintOptions print;
  print.preserve_proto_field_names = false;
  const auto status =
      google::protobuf::util::MessageToJsonString(message, &json, print);
  if (!status.ok()) {
    err_ << "error: cannot print JSON: " << status.ToString() << "\n";
    return;
  }
  out_ << json << "\n";
}

void Cli::PrintQuotes(const google::protobuf::RepeatedPtrField<v1::Quote>& quotes,
                      bool with_article) const {
  if (with_article) {
    Table table({"DATE", "SPEAKER", "QUOTE", "SOURCES", "NAME"});
    table.SetMaxWidth(1, 28);
    table.SetMaxWidth(2, kQuoteColumns);
    table.SetMaxWidth(3, 36);
    for (const v1::Quote& q : quotes) {
      table.AddRow({FormatDate(q.publish_time()), SpeakerName(q), Quoted(q.text()),
                    SourcesOf(q), q.name()});
    }
    table.Print(out_);
  } else {
    Table table({"#", "SPEAKER", "KIND", "QUOTE", "SPANS"});
    table.SetMaxWidth(1, 28);
    table.SetMaxWidth(3, kQuoteColumns);
    int index = 0;
    for (const v1::Quote& q : quotes) {
      table.AddRow({absl::StrCat(++index), SpeakerName(q), KindName(q.kind()),
                    Quoted(q.text()), SpansOf(q)});
    }
    table.Print(out_);
  }
}

int Cli::Run(const ParsedArgs& args) {
  if (args.positional.empty()) return UsageError("missing command");
  const std::string& command = args.positional[0];
  if (command == "extract") return Extract(args);
  if (command == "ingest") return Ingest(args);
  if (command == "get-article") return GetArticle(args);
  if (command == "delete-article") return DeleteArticle(args);
  if (command == "quotes") return Quotes(args);
  if (command == "people") return People(args);
  if (command == "person") return Person(args);
  if (command == "sources") return Sources(args);
  if (command == "topics") return Topics(args);
  if (command == "watch") return Watch(args);
  if (command == "merge") return Merge(args);
  if (command == "split") return Split(args);
  if (command == "rename") return Rename(args);
  if (command == "reattribute") return Reattribute(args);
  if (command == "corrections") return Corrections(args);
  if (command == "suggestions") return Suggestions(args);
  if (command == "health") return Health(args);
  return UsageError(absl::StrCat("unknown command \"", command, "\""));
}

int Cli::Extract(const ParsedArgs& args) {
  if (args.positional.size() < 2) return UsageError("extract: FILE required");
  for (size_t i = 1; i < args.positional.size(); ++i) {
    const std::string& path = args.positional[i];
    absl::StatusOr<v1::Article> article = ReadArticleFile(path);
    if (!article.ok()) return UsageError(std::string(article.status().message()));
    if (args.Has("language")) article->set_language(args.Get("language"));
    if (const absl::Status utf8 = ValidateUtf8(article->text(), "article.text");
        !utf8.ok()) {
      err_ << "error: INVALID_ARGUMENT: " << path << ": " << utf8.message() << "\n";
      return kExitRpcError;
    }
    v1::ExtractQuotesRequest request;
    *request.mutable_article() = *article;
    request.set_offset_unit(options_.offset_unit);
    v1::ExtractQuotesResponse response;
    const grpc::Status status =
        stub_->ExtractQuotes(Context().get(), request, &response);
    if (!status.ok()) return RpcError(status);
    if (options_.json) {
      PrintJson(response);
      continue;
    }
    out_ << path << ": " << response.quotes_size() << " quotes, language "
         << response.language();
    if (!response.wire_credits().empty()) {
      out_ << ", wire " << absl::StrJoin(response.wire_credits(), ", ");
    }
    out_ << "\n";
    PrintQuotes(response.quotes(), /*with_article=*/false);
    if (i + 1 < args.positional.size()) out_ << "\n";
  }
  return kExitOk;
}

int Cli::Ingest(const ParsedArgs& args) {
  if (args.positional.size() < 2) return UsageError("ingest: FILE or DIR required");
  // Expand directories into their *.txt files, sorted.
  struct Item {
    std::string path;
    bool batch;  // came from a directory
  };
  std::vector<Item> items;
  for (size_t i = 1; i < args.positional.size(); ++i) {
    const std::string& path = args.positional[i];
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      std::vector<std::string> files;
      for (const auto& entry : fs::directory_iterator(path, ec)) {
        if (entry.is_regular_file() && entry.path().extension() == ".txt") {
          files.push_back(entry.path().string());
        }
      }
      if (ec) return UsageError(absl::StrCat(path, ": ", ec.message()));
      std::sort(files.begin(), files.end());
      if (files.empty()) return UsageError(absl::StrCat(path, ": no *.txt files"));
      for (auto& f : files) items.push_back({f, true});
    } else if (fs::is_regular_file(path, ec)) {
      items.push_back({path, false});
    } else {
      return UsageError(absl::StrCat(path, ": no such file or directory"));
    }
  }
  if (items.size() > 1 && (args.Has("id") || args.Has("title") || args.Has("url"))) {
    return UsageError("--id, --title and --url need exactly one article");
  }
  absl::StatusOr<absl::Time> publish_time;
  if (args.Has("publish_time")) {
    publish_time = ParseTimeArg(args.Get("publish_time"), "--publish_time");
    if (!publish_time.ok()) return UsageError(std::string(publish_time.status().message()));
  }
  std::vector<v1::Article> articles;
  for (const Item& item : items) {
    absl::StatusOr<v1::Article> article = ReadArticleFile(item.path);
    if (!article.ok()) return UsageError(std::string(article.status().message()));
    if (args.Has("publisher")) article->set_publisher(args.Get("publisher"));
    if (args.Has("language")) article->set_language(args.Get("language"));
    if (args.Has("id")) article->set_id(args.Get("id"));
    if (args.Has("title")) article->set_title(args.Get("title"));
    if (args.Has("url")) article->set_url(args.Get("url"));
    if (publish_time.ok() && args.Has("publish_time")) {
      SetTimestamp(*publish_time, article->mutable_publish_time());
    }
    articles.push_back(*std::move(article));
  }

  Table table({"FILE", "ARTICLE", "QUOTES", "RESULT"});
  table.SetMaxWidth(3, 80);
  int failed = 0;
  // Files given one by one: IngestArticle each. Files from directories: one
  // BatchIngestArticles call. A file that is not UTF-8 is reported here: a
  // proto3 string cannot carry it, so the server could only say that the
  // request was malformed.
  std::vector<size_t> batch;
  for (size_t i = 0; i < items.size(); ++i) {
    if (const absl::Status utf8 = ValidateUtf8(articles[i].text(), "article.text");
        !utf8.ok()) {
      ++failed;
      if (items.size() == 1 || options_.json) {
        err_ << "error: INVALID_ARGUMENT: " << items[i].path << ": "
             << utf8.message() << "\n";
        return kExitRpcError;
      }
      table.AddRow({items[i].path, "", "",
                    absl::StrCat("INVALID_ARGUMENT: ", utf8.message())});
      continue;
    }
    if (items[i].batch) {
      batch.push_back(i);
      continue;
    }
    v1::IngestArticleRequest request;
    *request.mutable_article() = articles[i];
    request.set_offset_unit(options_.offset_unit);
    v1::IngestArticleResponse response;
    const grpc::Status status =
        stub_->IngestArticle(Context().get(), request, &response);
    if (options_.json && status.ok()) PrintJson(response);
    if (!status.ok()) {
      ++failed;
      if (options_.json || items.size() == 1) return RpcError(status);
      table.AddRow({items[i].path, "", "",
                    absl::StrCat(CodeName(status.error_code()), ": ",
                                 status.error_message())});
    } else {
      table.AddRow({items[i].path, response.article().name(),
                    absl::StrCat(response.quotes_size()),
                    response.replaced() ? "replaced" : "stored"});
    }
  }
  if (!batch.empty()) {
    auto context = Context();
    v1::BatchIngestArticlesResponse response;
    auto writer = stub_->BatchIngestArticles(context.get(), &response);
    for (size_t i : batch) {
      v1::BatchIngestArticlesRequest request;
      *request.mutable_article() = articles[i];
      if (!writer->Write(request)) break;
    }
    writer->WritesDone();
    const grpc::Status status = writer->Finish();
    if (!status.ok()) return RpcError(status);
    if (options_.json) PrintJson(response);
    for (const v1::BatchIngestResult& result : response.results()) {
      const std::string& path =
          result.index() >= 0 && static_cast<size_t>(result.index()) < batch.size()
              ? items[batch[result.index()]].path
              : std::string("?");
      if (result.code() != 0) {
        ++failed;
        table.AddRow({path, "", "",
                      absl::StrCat(CodeName(static_cast<grpc::StatusCode>(result.code())),
                                   ": ", result.message())});
      } else {
        table.AddRow({path, result.article(), absl::StrCat(result.quote_count()),
                      result.replaced() ? "replaced" : "stored"});
      }
    }
  }
  if (!options_.json) table.Print(out_);
  if (failed > 0) {
    err_ << "error: " << failed << " of " << items.size()
         << " articles were not stored\n";
    return kExitRpcError;
  }
  return kExitOk;
}

int Cli::GetArticle(const ParsedArgs& args) {
  if (args.positional.size() != 2) return UsageError("get-article: NAME required");
  v1::GetArticleRequest request;
  request.set_name(args.positional[1]);
  request.set_offset_unit(options_.offset_unit);
  v1::GetArticleResponse response;
  const grpc::Status status = stub_->GetArticle(Context().get(), request, &response);
  if (!status.ok()) return RpcError(status);
  if (options_.json) {
    PrintJson(response);
    return kExitOk;
  }
  const v1::Article& a = response.article();
  out_ << a.name() << "\n";
  if (!a.title().empty()) out_ << "  title:      " << a.title() << "\n";
  if (!a.publisher().empty()) out_ << "  publisher:  " << a.publisher() << "\n";
  if (!a.url().empty()) out_ << "  url:        " << a.url() << "\n";
  if (a.has_publish_time()) out_ << "  published:  " << FormatTime(a.publish_time()) << "\n";
  out_ << "  ingested:   " << FormatTime(a.ingest_time()) << "\n";
  out_ << "  language:   " << a.language() << "\n";
  if (!a.wire_credits().empty()) {
    out_ << "  wire:       " << absl::StrJoin(a.wire_credits(), ", ") << "\n";
  }
  out_ << "  text:       " << a.text().size() << " bytes\n";
  out_ << "  quotes:     " << response.quotes_size() << "\n\n";
  PrintQuotes(response.quotes(), /*with_article=*/false);
  return kExitOk;
}

int Cli::DeleteArticle(const ParsedArgs& args) {
  if (args.positional.size() != 2) return UsageError("delete-article: NAME required");
  v1::DeleteArticleRequest request;
  request.set_name(args.positional[1]);
  v1::DeleteArticleResponse response;
  const grpc::Status status =
      stub_->DeleteArticle(Context().get(), request, &response);
  if (!status.ok()) return RpcError(status);
  if (options_.json) {
    PrintJson(response);
  } else {
    out_ << "deleted " << args.positional[1] << " ("
         << response.deleted_quote_count() << " quotes)\n";
  }
  return kExitOk;
}

int Cli::Quotes(const ParsedArgs& args) {
  if (args.positional.size() != 1) return UsageError("quotes: takes only flags");
  const absl::StatusOr<int> limit = LimitArg(args, 20);
  if (!limit.ok()) return UsageError(std::string(limit.status().message()));
  v1::ListQuotesRequest request;
  request.set_person(args.Get("person"));
  request.set_topic(args.Get("topic"));
  request.set_source(args.Get("source"));
  request.set_article(args.Get("article"));
  request.set_language(args.Get("language"));
  request.set_query(args.Get("query"));
  request.set_order_by(args.Get("order_by"));
  request.set_include_non_speech(args.GetBool("all_kinds"));
  request.set_offset_unit(options_.offset_unit);
  if (args.Has("relation")) {
    const std::string relation = absl::AsciiStrToLower(args.Get("relation"));
    if (relation == "publisher") {
      request.set_source_relation(v1::SOURCE_RELATION_PUBLISHER);
    } else if (relation == "outlet") {
      request.set_source_relation(v1::SOURCE_RELATION_OUTLET);
    } else if (relation == "wire") {
      request.set_source_relation(v1::SOURCE_RELATION_WIRE);
    } else {
      return UsageError("--relation must be publisher, outlet or wire");
    }
  }
  for (const char* flag : {"since", "until"}) {
    if (!args.Has(flag)) continue;
    const absl::StatusOr<absl::Time> time =
        ParseTimeArg(args.Get(flag), absl::StrCat("--", flag));
    if (!time.ok()) return UsageError(std::string(time.status().message()));
    SetTimestamp(*time, std::string(flag) == "since" ? request.mutable_start_time()
                                                     : request.mutable_end_time());
  }
  google::protobuf::RepeatedPtrField<v1::Quote> quotes;
  do {
    request.set_page_size(NextPageSize(*limit, quotes.size()));
    v1::ListQuotesResponse response;
    const grpc::Status status = stub_->ListQuotes(Context().get(), request, &response);
    if (!status.ok()) return RpcError(status);
    for (auto& q : *response.mutable_quotes()) {
      if (options_.json) PrintJson(q);
      *quotes.Add() = std::move(q);
    }
    request.set_page_token(response.next_page_token());
  } while (!request.page_token().empty() && (*limit == 0 || quotes.size() < *limit));
  if (!options_.json) {
    if (quotes.empty()) {
      out_ << "no quotes\n";
    } else {
      PrintQuotes(quotes, /*with_article=*/true);
    }
  }
  return kExitOk;
}

int Cli::People(const ParsedArgs& args) {
  const absl::StatusOr<int> limit = LimitArg(args, 50);
  if (!limit.ok()) return UsageError(std::string(limit.status().message()));
  v1::ListPeopleRequest request;
  request.set_query(args.Get("query"));
  if (args.Has("kind")) {
    const std::string kind = absl::AsciiStrToLower(args.Get("kind"));
    if (kind == "person") request.set_kind(v1::SPEAKER_KIND_PERSON);
    else if (kind == "organization" || kind == "organisation")
      request.set_kind(v1::SPEAKER_KIND_ORGANIZATION);
    else if (kind == "group") request.set_kind(v1::SPEAKER_KIND_GROUP);
    else return UsageError("--kind must be person, organization or group");
  }
  Table table({"PERSON", "KIND", "QUOTES", "ARTICLES", "ALIASES", "NAME"});
  table.SetMaxWidth(0, 32);
  table.SetMaxWidth(4, 48);
  int count = 0;
  do {
    request.set_page_size(NextPageSize(*limit, count));
    v1::ListPeopleResponse response;
    const grpc::Status status = stub_->ListPeople(Context().get(), request, &response);
    if (!status.ok()) return RpcError(status);
    for (const v1::Person& p : response.people()) {
      ++count;
      if (options_.json) {
        PrintJson(p);
        continue;
      }
      table.AddRow({p.display_name(), SpeakerKindName(p.kind()),
                    absl::StrCat(p.quote_count()),
                    absl::StrCat(p.article_count()), absl::StrJoin(p.aliases(), "; "),
                    p.name()});
    }
    request.set_page_token(response.next_page_token());
  } while (!request.page_token().empty() && (*limit == 0 || count < *limit));
  if (!options_.json) table.Print(out_);
  return kExitOk;
}

int Cli::Person(const ParsedArgs& args) {
  if (args.positional.size() < 2) return UsageError("person: NAME required");
  std::vector<std::string> words(args.positional.begin() + 1, args.positional.end());
  v1::GetPersonRequest request;
  request.set_name(absl::StrJoin(words, " "));
  v1::GetPersonResponse response;
  const grpc::Status status = stub_->GetPerson(Context().get(), request, &response);
  if (!status.ok()) return RpcError(status);
  const v1::Person& p = response.person();
  v1::ListQuotesRequest quotes_request;
  quotes_request.set_person(p.name());
  const absl::StatusOr<int> limit = LimitArg(args, 10);
  if (!limit.ok()) return UsageError(std::string(limit.status().message()));
  quotes_request.set_page_size(*limit == 0 ? 1000 : std::min(*limit, 1000));
  quotes_request.set_offset_unit(options_.offset_unit);
  v1::ListQuotesResponse quotes;
  const grpc::Status quotes_status =
      stub_->ListQuotes(Context().get(), quotes_request, &quotes);
  if (!quotes_status.ok()) return RpcError(quotes_status);
  if (options_.json) {
    PrintJson(p);
    return kExitOk;
  }
  out_ << p.display_name() << "  (" << p.name() << ")\n";
  out_ << "  quotes:       " << p.quote_count() << " in " << p.article_count()
       << " articles\n";
  if (!p.aliases().empty()) out_ << "  aliases:      " << absl::StrJoin(p.aliases(), "; ") << "\n";
  if (!p.descriptions().empty()) {
    out_ << "  descriptions: " << absl::StrJoin(p.descriptions(), "; ") << "\n";
  }
  if (!p.languages().empty()) out_ << "  languages:    " << absl::StrJoin(p.languages(), ", ") << "\n";
  if (!quotes.quotes().empty()) {
    out_ << "\nRecent quotes:\n";
    PrintQuotes(quotes.quotes(), /*with_article=*/true);
  }
  return kExitOk;
}

int Cli::Sources(const ParsedArgs& args) {
  const absl::StatusOr<int> limit = LimitArg(args, 50);
  if (!limit.ok()) return UsageError(std::string(limit.status().message()));
  v1::ListSourcesRequest request;
  request.set_query(args.Get("query"));
  Table table({"SOURCE", "QUOTES", "PUBLISHER", "OUTLET", "WIRE", "NAME"});
  table.SetMaxWidth(0, 36);
  int count = 0;
  do {
    request.set_page_size(NextPageSize(*limit, count));
    v1::ListSourcesResponse response;
    const grpc::Status status = stub_->ListSources(Context().get(), request, &response);
    if (!status.ok()) return RpcError(status);
    for (const v1::Source& s : response.sources()) {
      ++count;
      if (options_.json) {
        PrintJson(s);
        continue;
      }
      table.AddRow({s.display_name(), absl::StrCat(s.quote_count()),
                    absl::StrCat(s.publisher_quote_count()),
                    absl::StrCat(s.outlet_quote_count()),
                    absl::StrCat(s.wire_quote_count()), s.name()});
    }
    request.set_page_token(response.next_page_token());
  } while (!request.page_token().empty() && (*limit == 0 || count < *limit));
  if (!options_.json) table.Print(out_);
  return kExitOk;
}

int Cli::Topics(const ParsedArgs& args) {
  v1::ListTopicsRequest request;
  Table table({"TOPIC", "QUOTES", "NAME"});
  do {
    request.set_page_size(1000);
    v1::ListTopicsResponse response;
    const grpc::Status status = stub_->ListTopics(Context().get(), request, &response);
    if (!status.ok()) return RpcError(status);
    for (const v1::Topic& t : response.topics()) {
      if (options_.json) {
        PrintJson(t);
        continue;
      }
      table.AddRow({t.display_name(), absl::StrCat(t.quote_count()), t.name()});
    }
    request.set_page_token(response.next_page_token());
  } while (!request.page_token().empty());
  if (!options_.json) table.Print(out_);
  return kExitOk;
}

int Cli::Watch(const ParsedArgs& args) {
  v1::WatchQuotesRequest request;
  request.set_person(args.Get("person"));
  request.set_topic(args.Get("topic"));
  request.set_source(args.Get("source"));
  request.set_language(args.Get("language"));
  request.set_include_non_speech(args.GetBool("all_kinds"));
  request.set_offset_unit(options_.offset_unit);
  auto context = Context(/*deadline=*/false);
  auto reader = stub_->WatchQuotes(context.get(), request);
  reader->WaitForInitialMetadata();
  err_ << "watching for new quotes (Ctrl-C to stop)" << std::endl;
  v1::WatchQuotesResponse response;
  while (reader->Read(&response)) {
    const v1::Quote& q = response.quote();
    if (options_.json) {
      PrintJson(q);
    } else {
      out_ << FormatDate(q.publish_time()) << "  " << SpeakerName(q) << ": "
           << Truncate(Quoted(q.text()), 2 * kQuoteColumns) << "  (" << q.article()
           << ")\n";
    }
    out_.flush();
  }
  const grpc::Status status = reader->Finish();
  if (!status.ok()) return RpcError(status);
  return kExitOk;
}

int Cli::Merge(const ParsedArgs& args) {
  if (args.positional.size() < 3) return UsageError("merge: PERSON OTHER... required");
  v1::MergePeopleRequest request;
  request.set_person(args.positional[1]);
  for (size_t i = 2; i < args.positional.size(); ++i) request.add_people(args.positional[i]);
  request.set_editor(args.Get("editor"));
  v1::MergePeopleResponse response;
  const grpc::Status status = stub_->MergePeople(Context().get(), request, &response);
  if (!status.ok()) return RpcError(status);
  if (options_.json) {
    PrintJson(response);
  } else {
    out_ << "merged into " << response.person().display_name() << " ("
         << response.person().name() << "), " << response.person().quote_count()
         << " quotes\n";
  }
  return kExitOk;
}

int Cli::Split(const ParsedArgs& args) {
  if (args.positional.size() < 3) return UsageError("split: PERSON ALIAS... required");
  v1::SplitPersonRequest request;
  request.set_person(args.positional[1]);
  for (size_t i = 2; i < args.positional.size(); ++i) request.add_aliases(args.positional[i]);
  request.set_display_name(args.Get("display_name"));
  request.set_editor(args.Get("editor"));
  v1::SplitPersonResponse response;
  const grpc::Status status = stub_->SplitPerson(Context().get(), request, &response);
  if (!status.ok()) return RpcError(status);
  if (options_.json) {
    PrintJson(response);
  } else {
    out_ << "split " << response.split_person().display_name() << " ("
         << response.split_person().name() << ", "
         << response.split_person().quote_count() << " quotes) off "
         << response.person().display_name() << " (" << response.person().name()
         << ", " << response.person().quote_count() << " quotes)\n";
  }
  return kExitOk;
}

int Cli::Rename(const ParsedArgs& args) {
  if (args.positional.size() != 3) return UsageError("rename: PERSON NEW_NAME required");
  v1::RenamePersonRequest request;
  request.set_person(args.positional[1]);
  request.set_display_name(args.positional[2]);
  request.set_editor(args.Get("editor"));
  v1::RenamePersonResponse response;
  const grpc::Status status = stub_->RenamePerson(Context().get(), request, &response);
  if (!status.ok()) return RpcError(status);
  if (options_.json) {
    PrintJson(response);
  } else {
    out_ << "renamed " << response.person().name() << " to "
         << response.person().display_name() << "\n";
  }
  return kExitOk;
}

int Cli::Reattribute(const ParsedArgs& args) {
  if (args.positional.size() != 3) return UsageError("reattribute: QUOTE PERSON required");
  v1::ReattributeQuoteRequest request;
  request.set_quote(args.positional[1]);
  request.set_person(args.positional[2]);
  request.set_editor(args.Get("editor"));
  request.set_offset_unit(options_.offset_unit);
  v1::ReattributeQuoteResponse response;
  const grpc::Status status =
      stub_->ReattributeQuote(Context().get(), request, &response);
  if (!status.ok()) return RpcError(status);
  if (options_.json) {
    PrintJson(response);
  } else {
    out_ << response.quote().name() << " now attributed to "
         << SpeakerName(response.quote()) << "\n";
  }
  return kExitOk;
}

int Cli::Corrections(const ParsedArgs& args) {
  const absl::StatusOr<int> limit = LimitArg(args, 50);
  if (!limit.ok()) return UsageError(std::string(limit.status().message()));
  v1::ListCorrectionsRequest request;
  Table table({"TIME", "ACTION", "EDITOR", "SUMMARY"});
  table.SetMaxWidth(3, 90);
  int count = 0;
  do {
    request.set_page_size(NextPageSize(*limit, count));
    v1::ListCorrectionsResponse response;
    const grpc::Status status =
        stub_->ListCorrections(Context().get(), request, &response);
    if (!status.ok()) return RpcError(status);
    for (const v1::Correction& c : response.corrections()) {
      ++count;
      if (options_.json) {
        PrintJson(c);
        continue;
      }
      table.AddRow({FormatTime(c.create_time()), c.action(), c.editor(), c.summary()});
    }
    request.set_page_token(response.next_page_token());
  } while (!request.page_token().empty() && (*limit == 0 || count < *limit));
  if (!options_.json) table.Print(out_);
  return kExitOk;
}

int Cli::Suggestions(const ParsedArgs& args) {
  const absl::StatusOr<int> limit = LimitArg(args, 50);
  if (!limit.ok()) return UsageError(std::string(limit.status().message()));
  v1::ListMergeSuggestionsRequest request;
  Table table({"SCORE", "PERSON", "OTHER", "EVIDENCE"});
  table.SetMaxWidth(3, 80);
  int count = 0;
  do {
    request.set_page_size(NextPageSize(*limit, count));
    v1::ListMergeSuggestionsResponse response;
    const grpc::Status status =
        stub_->ListMergeSuggestions(Context().get(), request, &response);
    if (!status.ok()) return RpcError(status);
    for (const v1::MergeSuggestion& m : response.suggestions()) {
      ++count;
      if (options_.json) {
        PrintJson(m);
        continue;
      }
      char score[16];
      std::snprintf(score, sizeof score, "%.2f", m.score());
      table.AddRow({score,
                    absl::StrCat(m.person_display_name(), " (",
                                 absl::StripPrefix(m.person(), "people/"), ")"),
                    absl::StrCat(m.other_display_name(), " (",
                                 absl::StripPrefix(m.other_person(), "people/"),
                                 ")"),
                    m.evidence()});
    }
    request.set_page_token(response.next_page_token());
  } while (!request.page_token().empty() && (*limit == 0 || count < *limit));
  if (!options_.json) table.Print(out_);
  return kExitOk;
}

int Cli::Health(const ParsedArgs& args) {
  auto stub = grpc::health::v1::Health::NewStub(channel_);
  grpc::health::v1::HealthCheckRequest request;
  if (args.positional.size() > 1) request.set_service(args.positional[1]);
  grpc::health::v1::HealthCheckResponse response;
  const grpc::Status status = stub->Check(Context().get(), request, &response);
  if (!status.ok()) return RpcError(status);
  if (options_.json) {
    PrintJson(response);
  } else {
    out_ << grpc::health::v1::HealthCheckResponse::ServingStatus_Name(
                response.status())
         << "\n";
  }
  return response.status() == grpc::health::v1::HealthCheckResponse::SERVING
             ? kExitOk
             : kExitRpcError;
}

}  // namespace quotewire::cli

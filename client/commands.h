// The quotewire CLI's commands over quotewire.v1.QuoteService: one function
// per command, each printing aligned tables (or proto JSON, one object per
// line, with --json) and returning the process exit code.
//
// Exit codes: 0 success; 1 an rpc failed (the status code name and message
// are printed to `err`); 2 usage error.
//
// Thread safety: a Cli runs one command at a time.
#ifndef QUOTEWIRE_CLIENT_COMMANDS_H_
#define QUOTEWIRE_CLIENT_COMMANDS_H_

#include <memory>
#include <ostream>
#include <string>

#include <grpcpp/grpcpp.h>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "client/cli_args.h"
#include "quotewire/v1/quotewire.grpc.pb.h"

namespace quotewire::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitRpcError = 1;
inline constexpr int kExitUsage = 2;

struct ClientOptions {
  // host:port of the server.
  std::string server = "127.0.0.1:50051";
  // Bearer token sent as `authorization` metadata; empty sends none.
  std::string token;
  // Print proto JSON instead of tables.
  bool json = false;
  v1::OffsetUnit offset_unit = v1::OFFSET_UNIT_UTF8;
  // Deadline of each unary call.
  absl::Duration timeout = absl::Seconds(60);
  // TLS: use it, optionally with a CA certificate file (else system roots).
  bool tls = false;
  std::string tls_ca_file;
  // PEM certificate and key presented to a server that requires client
  // certificates (mutual TLS).
  std::string tls_cert_file;
  std::string tls_key_file;
};

// Builds the options from the global flags (--server, --token, --token_file,
// --json, --offset_unit, --timeout, --tls, --tls_ca). Environment variables
// QUOTEWIRE_SERVER and QUOTEWIRE_TOKEN are the defaults of --server and
// --token. InvalidArgument for a bad value.
absl::StatusOr<ClientOptions> ClientOptionsFromArgs(const ParsedArgs& args);

// A channel to `options.server` accepting large responses.
absl::StatusOr<std::shared_ptr<grpc::Channel>> MakeChannel(
    const ClientOptions& options);

// The usage text.
std::string Usage();

// Every flag the CLI knows, for ParseArgs.
const std::set<std::string>& BooleanFlags();
const std::set<std::string>& ValueFlags();

class Cli {
 public:
  Cli(const ClientOptions& options, std::shared_ptr<grpc::Channel> channel,
      std::ostream& out, std::ostream& err);

  // Runs `args.positional[0]` with the rest as its arguments.
  int Run(const ParsedArgs& args);

 private:
  int Extract(const ParsedArgs& args);
  int Ingest(const ParsedArgs& args);
  int GetArticle(const ParsedArgs& args);
  int DeleteArticle(const ParsedArgs& args);
  int Quotes(const ParsedArgs& args);
  int People(const ParsedArgs& args);
  int Person(const ParsedArgs& args);
  int Sources(const ParsedArgs& args);
  int Topics(const ParsedArgs& args);
  int Watch(const ParsedArgs& args);
  int Merge(const ParsedArgs& args);
  int Split(const ParsedArgs& args);
  int Rename(const ParsedArgs& args);
  int Reattribute(const ParsedArgs& args);
  int Corrections(const ParsedArgs& args);
  int Suggestions(const ParsedArgs& args);
  int Health(const ParsedArgs& args);

  // A context with the token and the unary deadline.
  std::unique_ptr<grpc::ClientContext> Context(bool deadline = true) const;
  int RpcError(const grpc::Status& status) const;
  int UsageError(const std::string& message) const;
  void PrintJson(const google::protobuf::Message& message) const;
  void PrintQuotes(const google::protobuf::RepeatedPtrField<v1::Quote>& quotes,
                   bool with_article) const;

  const ClientOptions options_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::QuoteService::Stub> stub_;
  std::ostream& out_;
  std::ostream& err_;
};

}  // namespace quotewire::cli

#endif  // QUOTEWIRE_CLIENT_COMMANDS_H_

// TokenAuthenticator: bearer-token access control for the service.
//
// Token file format (--auth_token_file), one token per line:
//
//   # comment lines and blank lines are ignored
//   TOKEN [write|read] [label...]
//
//   s3cr3t-ingest-token-0123   write   ingest-bot
//   r3ad-only-token-abcdef      read    dashboard
//
// TOKEN is 16 to 512 printable ASCII characters without spaces. The access
// level defaults to `write` (which includes read). The label (the rest of the
// line) names the caller in corrections and logs; it defaults to "token-N"
// (N = line number). Tokens themselves are never logged or echoed in errors.
//
// Clients send `authorization: Bearer TOKEN` metadata. Without a token file
// every call is allowed. With one, write rpcs need a write token
// (UNAUTHENTICATED for a missing or unknown token, PERMISSION_DENIED for a
// read token), and read rpcs need a read or write token only when
// `require_read_token` is set.
//
// Thread safety: every method may be called concurrently; Reload() swaps the
// token set atomically.
#ifndef QUOTEWIRE_SERVER_SERVICE_TOKEN_AUTH_H_
#define QUOTEWIRE_SERVER_SERVICE_TOKEN_AUTH_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"

namespace quotewire {

enum class Access { kRead, kWrite };

struct TokenEntry {
  std::string token;
  Access access = Access::kWrite;
  std::string label;
};

// Who made a call.
struct Caller {
  // The token's label; empty when no token was needed or given.
  std::string label;
  // The access level of the token presented; nullopt without a valid token.
  std::optional<Access> access;
};

struct TokenAuthOptions {
  // Token file; empty disables authentication (everything is allowed).
  std::string token_file;
  // Reads need a token too.
  bool require_read_token = false;
};

class TokenAuthenticator {
 public:
  // Loads the token file when one is given. Errors name the file and line
  // (never the token): NotFound for a missing file, InvalidArgument for a
  // malformed line, a duplicate token or a file without tokens.
  static absl::StatusOr<std::unique_ptr<TokenAuthenticator>> Create(
      const TokenAuthOptions& options);

  // Parses token file contents; `file_name` only labels errors.
  static absl::StatusOr<std::vector<TokenEntry>> Parse(
      std::string_view contents, std::string_view file_name);

  TokenAuthenticator(const TokenAuthenticator&) = delete;
  TokenAuthenticator& operator=(const TokenAuthenticator&) = delete;

  // True when a token file is in use.
  bool enabled() const { return !options_.token_file.empty(); }

  // Re-reads the token file. On error the previous tokens stay in force and
  // the error is returned. A no-op without a token file.
  absl::Status Reload();

  // Number of tokens in force.
  size_t token_count() const;

  // Decides a call needing `needed`, given the value of its `authorization`
  // metadata (nullopt when absent). Returns the caller on success;
  // UNAUTHENTICATED for a needed but missing, malformed or unknown token;
  // PERMISSION_DENIED for a read token on a write. A token that is presented
  // is checked even when none is needed, so a wrong token never passes.
  absl::StatusOr<Caller> Authorize(std::optional<std::string_view> authorization,
                                   Access needed) const;

 private:
  explicit TokenAuthenticator(const TokenAuthOptions& options);

  const TokenAuthOptions options_;
  mutable absl::Mutex mu_;
  std::shared_ptr<const std::vector<TokenEntry>> tokens_ ABSL_GUARDED_BY(mu_);
};

// Compares two strings in time independent of where they differ.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace quotewire

#endif  // QUOTEWIRE_SERVER_SERVICE_TOKEN_AUTH_H_

#include "server/service/token_auth.h"

#include <fstream>
#include <sstream>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "server/core/absl_compat.h"
#include "server/core/status_macros.h"

namespace quotewire {
namespace {

constexpr size_t kMinTokenLength = 16;
constexpr size_t kMaxTokenLength = 512;

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat(path, ": cannot open"));
  std::ostringstream contents;
  contents << in.rdbuf();
  if (in.bad()) return absl::DataLossError(absl::StrCat(path, ": read error"));
  return contents.str();
}

bool IsTokenChar(char c) { return c > 0x20 && c < 0x7F; }

}  // namespace

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  // Every byte of `a` is visited whatever the content; only the length of the
  // candidate (not of the secret) affects the time.
  unsigned char diff = a.size() == b.size() ? 0 : 1;
  for (size_t i = 0; i < a.size(); ++i) {
    const unsigned char bc =
        b.empty() ? 0 : static_cast<unsigned char>(b[i % b.size()]);
    diff |= static_cast<unsigned char>(a[i]) ^ bc;
  }
  return diff == 0;
}

absl::StatusOr<std::vector<TokenEntry>> TokenAuthenticator::Parse(
    std::string_view contents, std::string_view file_name) {
  std::vector<TokenEntry> entries;
  absl::flat_hash_set<std::string> seen;
  int line_number = 0;
  for (absl::string_view line : absl::StrSplit(Sv(contents), '\n')) {
    ++line_number;
    line = absl::StripAsciiWhitespace(line);
    if (line.empty() || line.front() == '#') continue;
    const auto error = [&](std::string_view what) {
      return absl::InvalidArgumentError(
          absl::StrCat(Sv(file_name), ":", line_number, ": ", Sv(what)));
    };
    std::vector<absl::string_view> fields =
        absl::StrSplit(line, absl::ByAnyChar(" \t"), absl::SkipEmpty());
    TokenEntry entry;
    entry.token = std::string(fields[0]);
    if (entry.token.size() < kMinTokenLength ||
        entry.token.size() > kMaxTokenLength) {
      return error(absl::StrCat("token must be ", kMinTokenLength, " to ",
                                kMaxTokenLength, " characters"));
    }
    for (char c : entry.token) {
      if (!IsTokenChar(c)) return error("token must be printable ASCII");
    }
    size_t next = 1;
    if (fields.size() > 1) {
      const std::string access = absl::AsciiStrToLower(fields[1]);
      if (access == "write") {
        entry.access = Access::kWrite;
        next = 2;
      } else if (access == "read") {
        entry.access = Access::kRead;
        next = 2;
      }
    }
    std::vector<absl::string_view> label(fields.begin() + next, fields.end());
    entry.label = label.empty() ? absl::StrCat("token-", line_number)
                                : absl::StrJoin(label, " ");
    if (!seen.insert(entry.token).second) {
      return error("duplicate token");
    }
    entries.push_back(std::move(entry));
  }
  if (entries.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(Sv(file_name), ": no tokens"));
  }
  return entries;
}

absl::StatusOr<std::unique_ptr<TokenAuthenticator>> TokenAuthenticator::Create(
    const TokenAuthOptions& options) {
  std::unique_ptr<TokenAuthenticator> auth(new TokenAuthenticator(options));
  QW_RETURN_IF_ERROR(auth->Reload());
  return auth;
}

TokenAuthenticator::TokenAuthenticator(const TokenAuthOptions& options)
    : options_(options),
      tokens_(std::make_shared<const std::vector<TokenEntry>>()) {}

absl::Status TokenAuthenticator::Reload() {
  if (!enabled()) return absl::OkStatus();
  QW_ASSIGN_OR_RETURN(std::string contents, ReadFile(options_.token_file));
  QW_ASSIGN_OR_RETURN(std::vector<TokenEntry> entries,
                      Parse(contents, options_.token_file));
  auto fresh = std::make_shared<const std::vector<TokenEntry>>(std::move(entries));
  absl::MutexLock lock(&mu_);
  tokens_ = std::move(fresh);
  return absl::OkStatus();
}

size_t TokenAuthenticator::token_count() const {
  absl::MutexLock lock(&mu_);
  return tokens_->size();
}

absl::StatusOr<Caller> TokenAuthenticator::Authorize(
    std::optional<std::string_view> authorization, Access needed) const {
  if (!enabled()) return Caller{};
  const bool token_needed =
      needed == Access::kWrite || options_.require_read_token;
  if (!authorization.has_value()) {
    if (!token_needed) return Caller{};
    return absl::UnauthenticatedError(
        "missing authorization metadata: send \"authorization: Bearer "
        "<token>\"");
  }
  absl::string_view value = absl::StripAsciiWhitespace(Sv(*authorization));
  if (value.size() < 7 || !absl::EqualsIgnoreCase(value.substr(0, 7), "bearer ")) {
    return absl::UnauthenticatedError(
        "malformed authorization metadata: expected \"Bearer <token>\"");
  }
  const std::string_view token = Sv(absl::StripLeadingAsciiWhitespace(value.substr(7)));
  std::shared_ptr<const std::vector<TokenEntry>> tokens;
  {
    absl::MutexLock lock(&mu_);
    tokens = tokens_;
  }
  // Compare against every token without stopping at a match.
  const TokenEntry* match = nullptr;
  for (const TokenEntry& entry : *tokens) {
    if (ConstantTimeEquals(token, entry.token)) match = &entry;
  }
  if (match == nullptr) return absl::UnauthenticatedError("unknown token");
  if (needed == Access::kWrite && match->access != Access::kWrite) {
    return absl::PermissionDeniedError(absl::StrCat(
        "token \"", match->label, "\" is read-only; this call needs a write token"));
  }
  return Caller{match->label, match->access};
}

}  // namespace quotewire

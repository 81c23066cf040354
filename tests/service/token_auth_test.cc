#include "server/service/token_auth.h"

#include <cstdio>
#include <fstream>
#include <string>

#include <unistd.h>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace quotewire {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kWriteToken[] = "write-token-0123456789";
constexpr char kReadToken[] = "read-token-0123456789ab";

std::string WriteTempFile(const std::string& contents) {
  char path[] = "/tmp/quotewire_tokens_XXXXXX";
  const int fd = mkstemp(path);
  EXPECT_GE(fd, 0);
  close(fd);
  std::ofstream(path) << contents;
  return path;
}

TEST(TokenAuthParse, FormatAndDefaults) {
  const auto entries = TokenAuthenticator::Parse(
      "# comment\n\n"
      "write-token-0123456789 write ingest bot\n"
      "  read-token-0123456789ab   read\n"
      "default-token-0123456789\n",
      "tokens.txt");
  ASSERT_TRUE(entries.ok()) << entries.status();
  ASSERT_EQ(entries->size(), 3u);
  EXPECT_EQ((*entries)[0].access, Access::kWrite);
  EXPECT_EQ((*entries)[0].label, "ingest bot");
  EXPECT_EQ((*entries)[1].access, Access::kRead);
  EXPECT_EQ((*entries)[1].label, "token-4");
  EXPECT_EQ((*entries)[2].access, Access::kWrite);
}

TEST(TokenAuthParse, ErrorsNameLineButNeverTheToken) {
  struct Case {
    const char* contents;
    const char* expected;
  } cases[] = {
      {"short\n", "tokens.txt:1: token must be 16 to 512 characters"},
      {"# only a comment\n", "tokens.txt: no tokens"},
      {"dup-token-0123456789\n\ndup-token-0123456789 read\n",
       "tokens.txt:3: duplicate token"},
  };
  for (const Case& c : cases) {
    const auto entries = TokenAuthenticator::Parse(c.contents, "tokens.txt");
    ASSERT_FALSE(entries.ok()) << c.contents;
    EXPECT_EQ(entries.status().message(), c.expected);
    EXPECT_THAT(std::string(entries.status().message()),
                Not(HasSubstr("dup-token")));
  }
}

TEST(TokenAuth, DisabledAllowsEverything) {
  auto auth = TokenAuthenticator::Create({});
  ASSERT_TRUE(auth.ok());
  EXPECT_FALSE((*auth)->enabled());
  EXPECT_TRUE((*auth)->Authorize(std::nullopt, Access::kWrite).ok());
}

TEST(TokenAuth, WriteNeedsWriteToken) {
  const std::string path = WriteTempFile(absl::StrCat(
      kWriteToken, " write editor-1\n", kReadToken, " read dashboard\n"));
  auto auth = TokenAuthenticator::Create({path, false});
  ASSERT_TRUE(auth.ok()) << auth.status();
  const TokenAuthenticator& a = **auth;

  EXPECT_EQ(a.Authorize(std::nullopt, Access::kWrite).status().code(),
            absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(a.Authorize("Bearer not-a-token-at-all", Access::kWrite)
                .status()
                .code(),
            absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(a.Authorize(kWriteToken, Access::kWrite).status().code(),
            absl::StatusCode::kUnauthenticated)
      << "missing Bearer scheme";
  EXPECT_EQ(a.Authorize(absl::StrCat("Bearer ", kReadToken), Access::kWrite)
                .status()
                .code(),
            absl::StatusCode::kPermissionDenied);
  const auto caller = a.Authorize(absl::StrCat("bearer ", kWriteToken),
                                  Access::kWrite);
  ASSERT_TRUE(caller.ok()) << caller.status();
  EXPECT_EQ(caller->label, "editor-1");

  // Reads need no token, but a wrong token is still refused.
  EXPECT_TRUE(a.Authorize(std::nullopt, Access::kRead).ok());
  EXPECT_TRUE(a.Authorize(absl::StrCat("Bearer ", kReadToken), Access::kRead).ok());
  EXPECT_EQ(a.Authorize("Bearer wrong-token-0123456789", Access::kRead)
                .status()
                .code(),
            absl::StatusCode::kUnauthenticated);
  std::remove(path.c_str());
}

TEST(TokenAuth, RequireReadToken) {
  const std::string path = WriteTempFile(absl::StrCat(kReadToken, " read\n"));
  auto auth = TokenAuthenticator::Create({path, true});
  ASSERT_TRUE(auth.ok());
  EXPECT_EQ((*auth)->Authorize(std::nullopt, Access::kRead).status().code(),
            absl::StatusCode::kUnauthenticated);
  EXPECT_TRUE(
      (*auth)->Authorize(absl::StrCat("Bearer ", kReadToken), Access::kRead).ok());
  std::remove(path.c_str());
}

TEST(TokenAuth, ReloadSwapsTokensAndKeepsOldOnError) {
  const std::string path = WriteTempFile(absl::StrCat(kWriteToken, "\n"));
  auto auth = TokenAuthenticator::Create({path, false});
  ASSERT_TRUE(auth.ok());
  const std::string old_header = absl::StrCat("Bearer ", kWriteToken);
  const std::string new_token = "fresh-token-0123456789";
  EXPECT_TRUE((*auth)->Authorize(old_header, Access::kWrite).ok());

  std::ofstream(path) << "bad\n";
  EXPECT_FALSE((*auth)->Reload().ok());
  EXPECT_TRUE((*auth)->Authorize(old_header, Access::kWrite).ok());

  std::ofstream(path) << new_token << " write\n";
  ASSERT_TRUE((*auth)->Reload().ok());
  EXPECT_FALSE((*auth)->Authorize(old_header, Access::kWrite).ok());
  EXPECT_TRUE(
      (*auth)->Authorize(absl::StrCat("Bearer ", new_token), Access::kWrite).ok());
  std::remove(path.c_str());
}

TEST(TokenAuth, MissingFileIsNotFound) {
  auto auth = TokenAuthenticator::Create({"/nonexistent/tokens.txt", false});
  EXPECT_EQ(auth.status().code(), absl::StatusCode::kNotFound);
}

TEST(ConstantTimeEquals, Basics) {
  EXPECT_TRUE(ConstantTimeEquals("abc", "abc"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abd"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abcd"));
  EXPECT_FALSE(ConstantTimeEquals("abcd", "abc"));
  EXPECT_FALSE(ConstantTimeEquals("", "abc"));
  EXPECT_FALSE(ConstantTimeEquals("abc", ""));
  EXPECT_TRUE(ConstantTimeEquals("", ""));
}

}  // namespace
}  // namespace quotewire

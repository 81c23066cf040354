#include "server/store/page_token.h"

#include <string>

#include "gtest/gtest.h"

namespace quotewire {
namespace store_internal {
namespace {

TEST(SipHash, MatchesReferenceVectors) {
  // Reference vectors of SipHash-2-4 (key 00..0f, message 00..len-1).
  uint8_t key[16];
  for (int i = 0; i < 16; ++i) key[i] = static_cast<uint8_t>(i);
  std::string message;
  EXPECT_EQ(SipHash24(key, message), 0x726fdb47dd0e0e31ULL);
  for (int i = 0; i < 8; ++i) message.push_back(static_cast<char>(i));
  EXPECT_EQ(SipHash24(key, message), 0x93f5f5799a932462ULL);
  for (int i = 8; i < 15; ++i) message.push_back(static_cast<char>(i));
  EXPECT_EQ(SipHash24(key, message), 0xa129ca6149be45e5ULL);
}

TEST(StableHashHex, IsStableAndHex) {
  EXPECT_EQ(StableHashHex("abc"), StableHashHex("abc"));
  EXPECT_NE(StableHashHex("abc"), StableHashHex("abd"));
  EXPECT_EQ(StableHashHex("").size(), 16u);
}

TEST(PageTokenCodec, RoundTripsAndRejects) {
  PageTokenCodec codec("0123456789abcdef0123456789abcdef");
  PageTokenCodec other("fedcba9876543210fedcba9876543210");
  const uint64_t fp = codec.Fingerprint("filters");
  PagePosition pos{-5, 42, std::string("id-\0-x", 6)};
  std::string token = codec.Encode('Q', fp, pos);
  for (char c : token) {
    EXPECT_TRUE(isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_')
        << token;
  }
  auto back = codec.Decode(token, 'Q', fp);
  ASSERT_TRUE(back.ok()) << back.status() << " " << token;
  EXPECT_EQ(back->a, -5);
  EXPECT_EQ(back->b, 42);
  EXPECT_EQ(back->s, pos.s);

  struct Case {
    std::string token;
    char kind;
    uint64_t fp;
    const char* why;
  } cases[] = {
      {token, 'P', fp, "kind"},
      {token, 'Q', codec.Fingerprint("other"), "filters"},
      {other.Encode('Q', fp, pos), 'Q', fp, "other secret"},
      {"", 'Q', fp, "empty"},
      {"!!!!", 'Q', fp, "charset"},
      {token.substr(1), 'Q', fp, "truncated"},
      {token + "AA", 'Q', fp, "extended"},
  };
  for (const Case& c : cases) {
    auto r = codec.Decode(c.token, c.kind, c.fp);
    EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument) << c.why;
    EXPECT_EQ(std::string(r.status().message()).rfind("page_token: ", 0), 0u)
        << r.status();
  }
  for (size_t i = 0; i < token.size(); ++i) {
    std::string t = token;
    t[i] = t[i] == 'x' ? 'y' : 'x';
    EXPECT_FALSE(codec.Decode(t, 'Q', fp).ok()) << i;
  }
}

}  // namespace
}  // namespace store_internal
}  // namespace quotewire

#include "server/store/page_token.h"

#include <algorithm>
#include <cstring>

#include "absl/status/status.h"
#include "absl/strings/escaping.h"
#include "server/core/absl_compat.h"

namespace quotewire {
namespace store_internal {
namespace {

constexpr char kVersion = 1;
constexpr size_t kMacSize = 16;

inline uint64_t Rotl(uint64_t x, int b) { return (x << b) | (x >> (64 - b)); }

inline uint64_t Load64(const uint8_t* p) {
  uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}

void Put64(std::string& out, uint64_t v) {
  for (int i = 0; i < 8; ++i)
    out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

uint64_t Get64(std::string_view in, size_t pos) {
  return Load64(reinterpret_cast<const uint8_t*>(in.data() + pos));
}

void DeriveKey(std::string_view secret, uint8_t label, uint8_t out[16]) {
  // key_i = SipHash(secret[0..16], label || secret) twice, different labels.
  uint8_t base[16] = {0};
  std::memcpy(base, secret.data(), std::min<size_t>(16, secret.size()));
  std::string input(1, static_cast<char>(label));
  input.append(secret.data(), secret.size());
  uint64_t lo = SipHash24(base, input);
  input[0] = static_cast<char>(label + 0x80);
  uint64_t hi = SipHash24(base, input);
  for (int i = 0; i < 8; ++i) {
    out[i] = static_cast<uint8_t>(lo >> (8 * i));
    out[8 + i] = static_cast<uint8_t>(hi >> (8 * i));
  }
}

absl::Status Bad(std::string_view why) {
  return absl::InvalidArgumentError(std::string("page_token: ") +
                                    std::string(why));
}

}  // namespace

uint64_t SipHash24(const uint8_t key[16], std::string_view data) {
  uint64_t k0 = Load64(key), k1 = Load64(key + 8);
  uint64_t v0 = 0x736f6d6570736575ULL ^ k0;
  uint64_t v1 = 0x646f72616e646f6dULL ^ k1;
  uint64_t v2 = 0x6c7967656e657261ULL ^ k0;
  uint64_t v3 = 0x7465646279746573ULL ^ k1;
  auto round = [&] {
    v0 += v1;
    v1 = Rotl(v1, 13);
    v1 ^= v0;
    v0 = Rotl(v0, 32);
    v2 += v3;
    v3 = Rotl(v3, 16);
    v3 ^= v2;
    v0 += v3;
    v3 = Rotl(v3, 21);
    v3 ^= v0;
    v2 += v1;
    v1 = Rotl(v1, 17);
    v1 ^= v2;
    v2 = Rotl(v2, 32);
  };
  const uint8_t* p = reinterpret_cast<const uint8_t*>(data.data());
  size_t n = data.size();
  size_t full = n - n % 8;
  for (size_t i = 0; i < full; i += 8) {
    uint64_t m = Load64(p + i);
    v3 ^= m;
    round();
    round();
    v0 ^= m;
  }
  uint64_t b = static_cast<uint64_t>(n) << 56;
  for (size_t i = 0; i < n % 8; ++i)
    b |= static_cast<uint64_t>(p[full + i]) << (8 * i);
  v3 ^= b;
  round();
  round();
  v0 ^= b;
  v2 ^= 0xff;
  round();
  round();
  round();
  round();
  return v0 ^ v1 ^ v2 ^ v3;
}

std::string StableHashHex(std::string_view data) {
  static const uint8_t kKey[16] = {'q', 'u', 'o', 't', 'e', 'w', 'i', 'r',
                                   'e', '-', 'i', 'd', '-', 'v', '1', 0};
  uint64_t h = SipHash24(kKey, data);
  static const char kHex[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i) {
    out[i] = kHex[h & 0xf];
    h >>= 4;
  }
  return out;
}

PageTokenCodec::PageTokenCodec(std::string_view secret) {
  std::string padded(secret);
  if (padded.size() < 32) padded.resize(32, '\0');
  DeriveKey(padded, 1, mac_key1_);
  DeriveKey(padded, 2, mac_key2_);
  DeriveKey(padded, 3, fingerprint_key_);
}

uint64_t PageTokenCodec::Fingerprint(std::string_view canonical_filters) const {
  return SipHash24(fingerprint_key_, canonical_filters);
}

std::string PageTokenCodec::Encode(char kind, uint64_t fingerprint,
                                   const PagePosition& position) const {
  std::string raw;
  raw.push_back(kVersion);
  raw.push_back(kind);
  Put64(raw, fingerprint);
  Put64(raw, static_cast<uint64_t>(position.a));
  Put64(raw, static_cast<uint64_t>(position.b));
  size_t len = std::min<size_t>(position.s.size(), 0xffff);
  raw.push_back(static_cast<char>(len & 0xff));
  raw.push_back(static_cast<char>(len >> 8));
  raw.append(position.s.data(), len);
  const uint64_t mac1 = SipHash24(mac_key1_, raw);
  const uint64_t mac2 = SipHash24(mac_key2_, raw);
  Put64(raw, mac1);
  Put64(raw, mac2);
  return absl::WebSafeBase64Escape(Sv(std::string_view(raw)));
}

absl::StatusOr<PagePosition> PageTokenCodec::Decode(
    std::string_view token, char kind, uint64_t fingerprint) const {
  if (token.size() > 4096) return Bad("too long");
  for (char c : token) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
              (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '=';
    if (!ok) return Bad("malformed (not base64url)");
  }
  std::string raw;
  if (!absl::WebSafeBase64Unescape(Sv(token), &raw)) {
    return Bad("malformed (not base64url)");
  }
  constexpr size_t kHeader = 1 + 1 + 8 + 8 + 8 + 2;
  if (raw.size() < kHeader + kMacSize) return Bad("malformed (too short)");
  std::string_view body(raw.data(), raw.size() - kMacSize);
  uint64_t mac1 = Get64(raw, body.size());
  uint64_t mac2 = Get64(raw, body.size() + 8);
  // Constant-time comparison of both halves.
  uint64_t diff =
      (mac1 ^ SipHash24(mac_key1_, body)) | (mac2 ^ SipHash24(mac_key2_, body));
  if (diff != 0) return Bad("not issued by this server, or altered");
  if (raw[0] != kVersion) return Bad("unsupported version");
  if (raw[1] != kind) return Bad("issued for another list method");
  if (Get64(raw, 2) != fingerprint) return Bad("issued for other filters");
  PagePosition position;
  position.a = static_cast<int64_t>(Get64(raw, 10));
  position.b = static_cast<int64_t>(Get64(raw, 18));
  size_t len = static_cast<uint8_t>(raw[26]) |
               (static_cast<size_t>(static_cast<uint8_t>(raw[27])) << 8);
  if (kHeader + len != body.size()) return Bad("malformed (length)");
  position.s.assign(raw.data() + kHeader, len);
  return position;
}

}  // namespace store_internal
}  // namespace quotewire

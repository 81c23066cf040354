// Page tokens of the store's List methods, and the keyed hash behind them.
//
// A token is base64url (no padding) of
//   version(1) kind(1) filter_fingerprint(8) a(8) b(8) len(2) s(len) mac(16)
// where (a, b, s) is the position after the last item returned (a keyset
// such as (publish_time, quote id), or an offset), the fingerprint is a keyed
// hash of the request's filters, and mac is SipHash-2-4 under two keys derived
// from a per-database secret. Decode() rejects, with InvalidArgument naming
// "page_token", a token that is malformed, forged or tampered with, issued by
// another database, for another List method, or for other filters.
//
// Thread safety: immutable after construction; const methods may be called
// concurrently.
#ifndef QUOTEWIRE_SERVER_STORE_PAGE_TOKEN_H_
#define QUOTEWIRE_SERVER_STORE_PAGE_TOKEN_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace quotewire {
namespace store_internal {

// SipHash-2-4 of `data` under a 16-byte key.
uint64_t SipHash24(const uint8_t key[16], std::string_view data);

// 16 lower-case hex digits of a keyless 64-bit hash (SipHash under a fixed
// key): stable across runs and platforms, for derived ids.
std::string StableHashHex(std::string_view data);

struct PagePosition {
  int64_t a = 0;
  int64_t b = 0;
  std::string s;
};

class PageTokenCodec {
 public:
  // `secret` is at least 32 bytes (shorter secrets are zero-padded).
  explicit PageTokenCodec(std::string_view secret);

  // Keyed hash of a canonical serialisation of a request's filters.
  uint64_t Fingerprint(std::string_view canonical_filters) const;

  std::string Encode(char kind, uint64_t fingerprint,
                     const PagePosition& position) const;
  absl::StatusOr<PagePosition> Decode(std::string_view token, char kind,
                                      uint64_t fingerprint) const;

 private:
  uint8_t mac_key1_[16];
  uint8_t mac_key2_[16];
  uint8_t fingerprint_key_[16];
};

}  // namespace store_internal
}  // namespace quotewire

#endif  // QUOTEWIRE_SERVER_STORE_PAGE_TOKEN_H_

// Serialized responses of a read rpc, keyed by the request's bytes and valid
// for one write generation of the store (Store::WriteGeneration()): a
// response is returned only while no write has committed since the one it was
// computed after. The archive is read far more often than it is written, and
// editorial tools ask for the same pages again and again (a person's latest
// quotes, a topic's page); a page answered before costs a lookup and no store
// work, and any write (ingest, delete, correction) retires every answer.
//
//   const uint64_t generation = *store.WriteGeneration();  // before the read
//   if (ResponseCache::Bytes hit = cache.Find(request_bytes, generation)) ...
//   ... compute `bytes` from the store ...
//   cache.Insert(request_bytes, generation, bytes);
//
// The generation must be taken before the store read that computes the
// response: an answer read from a newer snapshot may then be filed under an
// older generation (harmless: it is newer), never the reverse. Bounded in
// bytes; within a generation, entries not asked for longest go first (second
// chance). Safe to use from any thread.
#ifndef QUOTEWIRE_SERVER_SERVICE_RESPONSE_CACHE_H_
#define QUOTEWIRE_SERVER_SERVICE_RESPONSE_CACHE_H_

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "absl/container/flat_hash_map.h"

namespace quotewire {

class ResponseCache {
 public:
  // Shared with the responses being sent: an entry that is evicted or retired
  // stays alive until they are done.
  using Bytes = std::shared_ptr<const std::string>;

  struct Stats {
    uint64_t hits = 0;
    uint64_t misses = 0;
    size_t entries = 0;
    size_t bytes = 0;  // responses and keys
  };

  // `capacity_bytes` 0 keeps nothing. A response larger than an eighth of a
  // shard (capacity / 64) is not kept.
  explicit ResponseCache(size_t capacity_bytes);
  ResponseCache(const ResponseCache&) = delete;
  ResponseCache& operator=(const ResponseCache&) = delete;

  bool enabled() const { return capacity_ > 0; }

  // The response kept for `key` in `generation`; null when none.
  Bytes Find(std::string_view key, uint64_t generation);

  // Keeps `response` for `key` in `generation`. An insert for a generation
  // older than one already inserted is ignored; entries of older generations
  // are dropped as inserts of newer ones reach their shard.
  void Insert(std::string_view key, uint64_t generation, Bytes response);

  Stats stats() const;

 private:
  static constexpr size_t kShards = 8;
  struct Entry {
    Bytes response;
    size_t cost = 0;
    bool used = false;  // asked for since it last came round in `order`
  };
  struct Shard {
    mutable std::mutex mu;
    uint64_t generation = 0;
    absl::flat_hash_map<std::string, Entry> index;
    std::deque<std::string> order;  // the keys of `index`, oldest first
    size_t bytes = 0;
  };

  Shard& ShardOf(std::string_view key);

  const size_t capacity_;
  Shard shards_[kShards];
  std::atomic<uint64_t> newest_{0};  // the newest generation inserted
  std::atomic<uint64_t> hits_{0};
  std::atomic<uint64_t> misses_{0};
};

}  // namespace quotewire

#endif  // QUOTEWIRE_SERVER_SERVICE_RESPONSE_CACHE_H_

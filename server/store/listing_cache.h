// In-memory copies of what listings by person, topic or source read on every
// call, so that a page costs a walk of its listing index and no B-tree search
// per quote:
//
// - EncodedQuoteCache: encoded quote rows by rid, bounded in bytes, rows not
//   read for longest first out. The writer invalidates the rids a transaction
//   wrote once it ends; a reader fills only what it read while no such
//   invalidation happened (see Ticket()).
// - GenerationMap: answers keyed by a string (a name's people or sources, a
//   person's display name) valid for one store generation.
//
// Both are safe to use from any thread.
#ifndef QUOTEWIRE_SERVER_STORE_LISTING_CACHE_H_
#define QUOTEWIRE_SERVER_STORE_LISTING_CACHE_H_

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "server/core/absl_compat.h"

namespace quotewire {
namespace store_internal {

// An encoded quote row: its speaker as extracted and its encoding.
struct EncodedRowView {
  std::string_view person_id;
  std::string_view speaker_name;
  std::string_view body;
};

class EncodedQuoteCache {
 public:
  // `capacity_bytes` 0 keeps nothing.
  explicit EncodedQuoteCache(size_t capacity_bytes);

  bool enabled() const { return capacity_ > 0; }

  // Taken by a reader before it starts its read transaction and passed to
  // Insert(): rows read under a ticket that an invalidation has passed since
  // are not kept (they may predate the write).
  uint64_t Ticket() const { return epoch_.load(std::memory_order_acquire); }

  enum class Lookup {
    kMiss,   // not cached
    kNoRow,  // the rid is known to have no encoded row (not speech)
    kFound,  // appended
  };
  // Appends the cached row of `rid` to `out` (person id, speaker name, body,
  // one after the other) and sets `lengths` to their sizes. Copied under the
  // shard's lock: nothing is shared with the caller.
  Lookup AppendTo(int64_t rid, std::vector<char>* out, size_t lengths[3]);
  // Keeps a copy of `row` (nullopt: the rid has no encoded row).
  void Insert(uint64_t ticket, int64_t rid,
              const std::optional<EncodedRowView>& row);

  // After a write transaction (committed or not): forgets these rids.
  void Invalidate(const std::vector<int64_t>& rids);
  // Forgets everything (the rows were rebuilt).
  void Clear();

  // For tests and benchmarks.
  size_t bytes() const;
  size_t size() const;

 private:
  struct Entry {
    std::string data;  // person id, speaker name, body
    uint32_t person_size;
    uint32_t name_size;
    uint32_t cost;
    bool present;  // false: no encoded row
    bool used;     // found since the eviction last passed it
  };
  // Second chance instead of strict LRU: a hit only marks its entry (no list
  // to relink, which cost as much as the lookup). Eviction takes rids in
  // insertion order and gives used ones another round.
  struct Shard {
    mutable std::mutex mu;
    absl::flat_hash_map<int64_t, Entry> index;
    std::deque<int64_t> order;  // insertion order; may hold forgotten rids
    size_t bytes = 0;
  };
  static constexpr int kShards = 16;

  Shard& ShardOf(int64_t rid);
  static void Erase(Shard& shard, int64_t rid);

  const size_t capacity_;
  std::atomic<uint64_t> epoch_{0};
  Shard shards_[kShards];
};

// Answers for string keys, each valid only in the store generation it was
// computed in (the store starts a new one with every write transaction). A
// reader takes the generation before its read transaction and stores its
// answer under it, so that an answer computed from an older snapshot is never
// returned. At `max_entries` the map starts over.
template <typename Value>
class GenerationMap {
 public:
  explicit GenerationMap(size_t max_entries) : max_entries_(max_entries) {}

  std::optional<Value> Find(std::string_view key, uint64_t generation) const {
    if (max_entries_ == 0) return std::nullopt;
    std::lock_guard<std::mutex> lock(mu_);
    auto it = map_.find(Sv(key));
    if (it == map_.end() || it->second.first != generation) return std::nullopt;
    return it->second.second;
  }

  // The answer for `key` in `generation`, else `compute()` (an
  // absl::StatusOr<Value>), kept when it succeeds.
  template <typename Compute>
  absl::StatusOr<Value> FindOrCompute(std::string_view key, uint64_t generation,
                                      Compute compute) {
    if (std::optional<Value> found = Find(key, generation)) {
      return std::move(*found);
    }
    absl::StatusOr<Value> computed = compute();
    if (computed.ok()) Insert(key, generation, *computed);
    return computed;
  }

  void Insert(std::string_view key, uint64_t generation, Value value) {
    if (max_entries_ == 0) return;
    std::lock_guard<std::mutex> lock(mu_);
    if (map_.size() >= max_entries_) map_.clear();
    map_.insert_or_assign(std::string(key),
                          std::make_pair(generation, std::move(value)));
  }

 private:
  const size_t max_entries_;
  mutable std::mutex mu_;
  absl::flat_hash_map<std::string, std::pair<uint64_t, Value>> map_;
};

}  // namespace store_internal
}  // namespace quotewire

#endif  // QUOTEWIRE_SERVER_STORE_LISTING_CACHE_H_

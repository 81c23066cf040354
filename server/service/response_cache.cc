#include "server/service/response_cache.h"

#include <functional>
#include <utility>

#include "server/core/absl_compat.h"

namespace quotewire {

ResponseCache::ResponseCache(size_t capacity_bytes) : capacity_(capacity_bytes) {}

ResponseCache::Shard& ResponseCache::ShardOf(std::string_view key) {
  const size_t h = std::hash<std::string_view>()(key);
  return shards_[(h >> 7) % kShards];
}

ResponseCache::Bytes ResponseCache::Find(std::string_view key,
                                         uint64_t generation) {
  if (!enabled()) return nullptr;
  Shard& shard = ShardOf(key);
  {
    std::lock_guard<std::mutex> lock(shard.mu);
    if (shard.generation == generation) {
      auto it = shard.index.find(Sv(key));
      if (it != shard.index.end()) {
        it->second.used = true;
        Bytes found = it->second.response;
        hits_.fetch_add(1, std::memory_order_relaxed);
        return found;
      }
    }
  }
  misses_.fetch_add(1, std::memory_order_relaxed);
  return nullptr;
}

void ResponseCache::Insert(std::string_view key, uint64_t generation,
                           Bytes response) {
  if (!enabled() || response == nullptr) return;
  // The key twice (index and order), the response, and the slots.
  const size_t cost = 2 * key.size() + response->size() + 128;
  const size_t shard_capacity = capacity_ / kShards;
  if (cost > shard_capacity / 8) return;
  // The newest generation any insert has brought: older answers may predate
  // a write that has committed since.
  uint64_t newest = newest_.load(std::memory_order_relaxed);
  while (generation > newest &&
         !newest_.compare_exchange_weak(newest, generation,
                                        std::memory_order_relaxed)) {
  }
  if (generation < newest) return;
  Shard& shard = ShardOf(key);
  // Retired entries are destroyed after the lock is released.
  absl::flat_hash_map<std::string, Entry> retired_index;
  std::deque<std::string> retired_order;
  {
    std::lock_guard<std::mutex> lock(shard.mu);
    if (generation < shard.generation) return;
    if (generation > shard.generation) {
      retired_index.swap(shard.index);
      retired_order.swap(shard.order);
      shard.bytes = 0;
      shard.generation = generation;
    }
    auto [it, inserted] = shard.index.try_emplace(std::string(key));
    if (!inserted) return;  // another call answered it first: same bytes
    it->second.response = std::move(response);
    it->second.cost = cost;
    shard.order.emplace_back(key);
    shard.bytes += cost;
    while (shard.bytes > shard_capacity && !shard.order.empty()) {
      std::string oldest = std::move(shard.order.front());
      shard.order.pop_front();
      auto old = shard.index.find(oldest);
      if (old == shard.index.end()) continue;
      if (old->second.used) {  // a second chance
        old->second.used = false;
        shard.order.push_back(std::move(oldest));
        continue;
      }
      shard.bytes -= old->second.cost;
      shard.index.erase(old);
    }
  }
}

ResponseCache::Stats ResponseCache::stats() const {
  Stats out;
  out.hits = hits_.load(std::memory_order_relaxed);
  out.misses = misses_.load(std::memory_order_relaxed);
  for (const Shard& shard : shards_) {
    std::lock_guard<std::mutex> lock(shard.mu);
    out.entries += shard.index.size();
    out.bytes += shard.bytes;
  }
  return out;
}

}  // namespace quotewire

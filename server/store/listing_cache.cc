#include "server/store/listing_cache.h"

namespace quotewire {
namespace store_internal {

EncodedQuoteCache::EncodedQuoteCache(size_t capacity_bytes)
    : capacity_(capacity_bytes) {}

EncodedQuoteCache::Shard& EncodedQuoteCache::ShardOf(int64_t rid) {
  // Rids of one millisecond differ in their low bits: mix them all.
  const uint64_t h = static_cast<uint64_t>(rid) * 0x9E3779B97F4A7C15ull;
  return shards_[h >> 60];
}

void EncodedQuoteCache::Erase(Shard& shard, int64_t rid) {
  auto it = shard.index.find(rid);
  if (it == shard.index.end()) return;
  shard.bytes -= it->second.cost;
  shard.index.erase(it);
}

EncodedQuoteCache::Lookup EncodedQuoteCache::AppendTo(int64_t rid,
                                                      std::vector<char>* out,
                                                      size_t lengths[3]) {
  if (!enabled()) return Lookup::kMiss;
  Shard& shard = ShardOf(rid);
  std::lock_guard<std::mutex> lock(shard.mu);
  auto it = shard.index.find(rid);
  if (it == shard.index.end()) return Lookup::kMiss;
  Entry& e = it->second;
  e.used = true;
  if (!e.present) return Lookup::kNoRow;
  out->insert(out->end(), e.data.begin(), e.data.end());
  lengths[0] = e.person_size;
  lengths[1] = e.name_size;
  lengths[2] = e.data.size() - e.person_size - e.name_size;
  return Lookup::kFound;
}

void EncodedQuoteCache::Insert(uint64_t ticket, int64_t rid,
                               const std::optional<EncodedRowView>& row) {
  if (!enabled()) return;
  // The index slot and the order slot besides the bytes.
  constexpr size_t kOverhead = 80;
  const size_t size = row ? row->person_id.size() + row->speaker_name.size() +
                                row->body.size()
                          : 0;
  const size_t cost = kOverhead + size;
  const size_t shard_capacity = capacity_ / kShards;
  if (cost > shard_capacity) return;
  Entry entry{std::string(), 0, 0, static_cast<uint32_t>(cost), row.has_value(),
              false};
  if (row) {
    entry.data.reserve(size);
    entry.data.append(row->person_id);
    entry.data.append(row->speaker_name);
    entry.data.append(row->body);
    entry.person_size = static_cast<uint32_t>(row->person_id.size());
    entry.name_size = static_cast<uint32_t>(row->speaker_name.size());
  }
  Shard& shard = ShardOf(rid);
  std::lock_guard<std::mutex> lock(shard.mu);
  // Checked under the shard's lock: Invalidate() advances the epoch before it
  // takes the locks, so either it sees this row and removes it, or this sees
  // the new epoch and keeps nothing.
  if (epoch_.load(std::memory_order_acquire) != ticket) return;
  Erase(shard, rid);
  shard.index.emplace(rid, std::move(entry));
  shard.order.push_back(rid);
  shard.bytes += cost;
  while (shard.bytes > shard_capacity && !shard.order.empty()) {
    const int64_t oldest = shard.order.front();
    shard.order.pop_front();
    auto it = shard.index.find(oldest);
    if (it == shard.index.end()) continue;  // forgotten since
    if (it->second.used) {
      it->second.used = false;
      shard.order.push_back(oldest);
      continue;
    }
    shard.bytes -= it->second.cost;
    shard.index.erase(it);
  }
  // Forgotten rids left in the order: start it over from the index when they
  // outnumber the rows.
  if (shard.order.size() > 2 * shard.index.size() + 64) {
    shard.order.clear();
    for (const auto& [key, unused] : shard.index) shard.order.push_back(key);
  }
}

void EncodedQuoteCache::Invalidate(const std::vector<int64_t>& rids) {
  if (!enabled() || rids.empty()) return;
  epoch_.fetch_add(1, std::memory_order_acq_rel);
  for (int64_t rid : rids) {
    Shard& shard = ShardOf(rid);
    std::lock_guard<std::mutex> lock(shard.mu);
    Erase(shard, rid);
  }
}

void EncodedQuoteCache::Clear() {
  epoch_.fetch_add(1, std::memory_order_acq_rel);
  for (Shard& shard : shards_) {
    std::lock_guard<std::mutex> lock(shard.mu);
    shard.index.clear();
    shard.order.clear();
    shard.bytes = 0;
  }
}

size_t EncodedQuoteCache::bytes() const {
  size_t total = 0;
  for (const Shard& shard : shards_) {
    std::lock_guard<std::mutex> lock(shard.mu);
    total += shard.bytes;
  }
  return total;
}

size_t EncodedQuoteCache::size() const {
  size_t total = 0;
  for (const Shard& shard : shards_) {
    std::lock_guard<std::mutex> lock(shard.mu);
    total += shard.index.size();
  }
  return total;
}

}  // namespace store_internal
}  // namespace quotewire

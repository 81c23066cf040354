#include "server/extract/document.h"

#include <algorithm>
#include <cstring>

namespace quotewire {
namespace extract {
namespace {

uint64_t Load64(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}

uint64_t Load32(const char* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}

uint64_t Mix(uint64_t h) {
  h *= 0xBF58476D1CE4E5B9ull;
  return h ^ (h >> 31);
}

// A quick hash of a short word: whole words are compared on a match, so
// it only has to spread the words of one article over the table.
uint32_t WordHash(std::string_view w) {
  const char* p = w.data();
  const size_t n = w.size();
  uint64_t h = 0x9E3779B97F4A7C15ull ^ n;
  if (n >= 8) {
    for (size_t i = 0; i + 8 < n; i += 8) h = Mix(h ^ Load64(p + i));
    h = Mix(h ^ Load64(p + n - 8));  // the last eight bytes, overlapping
  } else if (n >= 4) {
    h = Mix(h ^ (Load32(p) | (Load32(p + n - 4) << 32)));
  } else if (n > 0) {
    h = Mix(h ^ (static_cast<unsigned char>(p[0]) |
                 (static_cast<unsigned char>(p[n / 2]) << 8) |
                 (static_cast<uint64_t>(static_cast<unsigned char>(p[n - 1]))
                  << 16)));
  }
  h *= 0x94D049BB133111EBull;
  return static_cast<uint32_t>(h >> 32);
}

}  // namespace

void WordTable::Clear() {
  // Empties only the used slots: the table keeps the size of the largest
  // document seen. Each word is found from its home slot on.
  const size_t mask = slots_.size() - 1;
  for (size_t id = 0; id < texts_.size(); ++id) {
    size_t i = hashes_[id] & mask;
    while (slots_[i].id != static_cast<int32_t>(id)) i = (i + 1) & mask;
    slots_[i] = Slot();
  }
  texts_.clear();
  hashes_.clear();
}

int32_t WordTable::Intern(std::string_view lower, bool* added) {
  // At most half full, so probes stay short.
  if (2 * (texts_.size() + 1) > slots_.size()) Grow();
  const uint32_t hash = WordHash(lower);
  const size_t mask = slots_.size() - 1;
  for (size_t i = hash & mask;; i = (i + 1) & mask) {
    Slot& slot = slots_[i];
    if (slot.id < 0) {
      slot.hash = hash;
      slot.id = static_cast<int32_t>(texts_.size());
      texts_.push_back(lower);
      hashes_.push_back(hash);
      *added = true;
      return slot.id;
    }
    if (slot.hash == hash && texts_[slot.id] == lower) {
      *added = false;
      return slot.id;
    }
  }
}

void WordTable::Grow() {
  slots_.assign(slots_.empty() ? 1024 : 2 * slots_.size(), Slot());
  const size_t mask = slots_.size() - 1;
  for (size_t id = 0; id < texts_.size(); ++id) {
    size_t i = hashes_[id] & mask;
    while (slots_[i].id >= 0) i = (i + 1) & mask;
    slots_[i] = {hashes_[id], static_cast<int32_t>(id)};
  }
}

}  // namespace extract
}  // namespace quotewire

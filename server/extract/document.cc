#include "server/extract/document.h"

namespace quotewire {
namespace extract {

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
  keys_.clear();
}

int32_t WordTable::Insert(size_t slot, uint32_t hash, uint64_t key,
                          std::string_view lower) {
  const int32_t id = static_cast<int32_t>(texts_.size());
  slots_[slot] = {hash, id, key};
  texts_.push_back(lower);
  hashes_.push_back(hash);
  keys_.push_back(key);
  return id;
}

void WordTable::Fit(size_t expected_words) {
  size_t want = 1024;
  while (want < 2 * expected_words) want *= 2;
  if (slots_.size() > want) slots_.assign(want, Slot());
}

void WordTable::Grow() {
  slots_.assign(slots_.empty() ? 1024 : 2 * slots_.size(), Slot());
  const size_t mask = slots_.size() - 1;
  for (size_t id = 0; id < texts_.size(); ++id) {
    size_t i = hashes_[id] & mask;
    while (slots_[i].id >= 0) i = (i + 1) & mask;
    slots_[i] = {hashes_[id], static_cast<int32_t>(id), keys_[id]};
  }
}

}  // namespace extract
}  // namespace quotewire

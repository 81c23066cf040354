#include "server/extract/document.h"

namespace quotewire {
namespace extract {

void WordTable::Clear() {
  // Empties only the used slots: the table keeps its size (Fit() adjusts
  // it to the next article). Each word knows its slot.
  for (const Word& w : words_) slots_[w.slot] = Slot();
  words_.clear();
}

void WordTable::Fit(size_t expected_words) {
  size_t want = kMinSlots;
  while (want < 2 * expected_words) want *= 2;
  if (slots_.size() > want) Resize(want);
}

void WordTable::Resize(size_t size) {
  slots_.assign(size, Slot());
  mask_ = size - 1;
  max_words_ = size / 2;
}

void WordTable::Grow() {
  Resize(2 * slots_.size());
  const size_t mask = mask_;
  for (size_t id = 0; id < words_.size(); ++id) {
    Word& w = words_[id];
    size_t i = w.hash & mask;
    while (slots_[i].id >= 0) i = (i + 1) & mask;
    slots_[i] = {w.hash, static_cast<int32_t>(id), w.key};
    w.slot = static_cast<uint32_t>(i);
  }
}

}  // namespace extract
}  // namespace quotewire

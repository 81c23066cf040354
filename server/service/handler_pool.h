// A fixed pool of threads running queued work, with a bounded queue: the
// service runs callback-API handlers on it so that a slow store call never
// holds up gRPC's own callback threads (which also answer health checks),
// and refuses work rather than queue without limit when calls arrive faster
// than the store answers them.
//
//   HandlerPool pool(/*threads=*/4, /*max_queued=*/4096);
//   if (!pool.TryRun([] { ... })) { /* answer RESOURCE_EXHAUSTED */ }
//
// Thread safety: TryRun() may be called from any thread. The destructor
// finishes the queued work, then joins.
#ifndef QUOTEWIRE_SERVER_SERVICE_HANDLER_POOL_H_
#define QUOTEWIRE_SERVER_SERVICE_HANDLER_POOL_H_

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace quotewire {

class HandlerPool {
 public:
  // At least one thread; `max_queued` is the most work waiting for a thread.
  HandlerPool(int threads, size_t max_queued);
  ~HandlerPool();
  HandlerPool(const HandlerPool&) = delete;
  HandlerPool& operator=(const HandlerPool&) = delete;

  // Queues `work`; false (and `work` dropped) when max_queued are waiting.
  bool TryRun(std::function<void()> work);

 private:
  void Work();

  const size_t max_queued_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> queue_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace quotewire

#endif  // QUOTEWIRE_SERVER_SERVICE_HANDLER_POOL_H_

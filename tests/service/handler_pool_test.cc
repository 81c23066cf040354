#include "server/service/handler_pool.h"

#include <atomic>
#include <future>
#include <memory>

#include "gtest/gtest.h"

namespace quotewire {
namespace {

TEST(HandlerPool, RunsEveryQueuedWorkBeforeItIsDestroyed) {
  std::atomic<int> done{0};
  {
    HandlerPool pool(/*threads=*/2, /*max_queued=*/1000);
    for (int i = 0; i < 100; ++i) {
      EXPECT_TRUE(pool.TryRun([&done] { ++done; }));
    }
  }
  EXPECT_EQ(done.load(), 100);
}

TEST(HandlerPool, RefusesWorkBeyondTheQueueBoundWhileThreadsAreBusy) {
  std::promise<void> started, release;
  std::shared_future<void> released = release.get_future().share();
  std::atomic<int> done{0};
  {
    HandlerPool pool(/*threads=*/1, /*max_queued=*/2);
    ASSERT_TRUE(pool.TryRun([&] {
      started.set_value();
      released.wait();
      ++done;
    }));
    started.get_future().wait();  // the only thread is busy, the queue empty
    EXPECT_TRUE(pool.TryRun([&done] { ++done; }));
    EXPECT_TRUE(pool.TryRun([&done] { ++done; }));
    EXPECT_FALSE(pool.TryRun([&done] { done += 100; }));  // dropped
    release.set_value();
  }
  EXPECT_EQ(done.load(), 3);
}

}  // namespace
}  // namespace quotewire

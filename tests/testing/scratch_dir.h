// Folders for the files a test writes, unique per process: a fixed name in
// the shared temporary directory would be written by two runs of the suite
// at once (two build trees on one machine). Removed when the process exits.
#ifndef QUOTEWIRE_TESTS_TESTING_SCRATCH_DIR_H_
#define QUOTEWIRE_TESTS_TESTING_SCRATCH_DIR_H_

#include <unistd.h>

#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

#include "gtest/gtest.h"

namespace quotewire {
namespace testing_util {

// TempDir()/`name`_<pid>, which the caller creates (or copies into); it and
// all it holds are removed at exit.
inline std::filesystem::path ScratchDir(const std::string& name) {
  static struct Made {
    ~Made() {
      std::error_code ignored;
      for (const std::filesystem::path& dir : dirs) {
        std::filesystem::remove_all(dir, ignored);
      }
    }
    std::vector<std::filesystem::path> dirs;
  } made;
  made.dirs.push_back(std::filesystem::path(::testing::TempDir()) /
                      (name + "_" + std::to_string(::getpid())));
  return made.dirs.back();
}

}  // namespace testing_util
}  // namespace quotewire

#endif  // QUOTEWIRE_TESTS_TESTING_SCRATCH_DIR_H_

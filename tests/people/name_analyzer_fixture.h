// Test fixture sharing one NameAnalyzer over the repository's data files
// among the tests of a suite.
#ifndef QUOTEWIRE_TESTS_PEOPLE_NAME_ANALYZER_FIXTURE_H_
#define QUOTEWIRE_TESTS_PEOPLE_NAME_ANALYZER_FIXTURE_H_

#include "server/core/data_dir.h"
#include "gtest/gtest.h"
#include "server/people/name_analyzer.h"

namespace quotewire {

class NameAnalyzerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto analyzer = NameAnalyzer::Create(quotewire::DefaultDataDir());
    ASSERT_TRUE(analyzer.ok()) << analyzer.status();
    analyzer_ = analyzer->release();
  }
  static void TearDownTestSuite() {
    delete analyzer_;
    analyzer_ = nullptr;
  }
  static const NameAnalyzer& names() { return *analyzer_; }

  static inline NameAnalyzer* analyzer_ = nullptr;
};

}  // namespace quotewire

#endif  // QUOTEWIRE_TESTS_PEOPLE_NAME_ANALYZER_FIXTURE_H_

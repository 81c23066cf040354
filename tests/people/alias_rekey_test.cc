// A store written under older name rules is re-keyed when opened with newer
// ones: a person stored as "Serhiy Kovalenko" before first-name equivalences
// existed is found as "Sergej Kowalenko" afterwards, and a new article naming
// him so joins him instead of creating another person.
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "server/core/data_dir.h"
#include "gtest/gtest.h"
#include "server/people/name_analyzer.h"
#include "server/store/sqlite_store.h"
#include "tests/store/store_test_util.h"

namespace quotewire {
namespace {

using testing_util::MakeArticle;
using testing_util::RealComponents;
using testing_util::TempDb;

std::unique_ptr<Store> Open(const std::string& path,
                            const NameAnalyzer& names) {
  SqliteStoreOptions options;
  options.path = path;
  options.names = &names;
  options.sources = RealComponents().sources.get();
  options.topics = RealComponents().topics.get();
  auto store = OpenSqliteStore(options);
  EXPECT_TRUE(store.ok()) << store.status();
  return store.ok() ? std::move(*store) : nullptr;
}

TEST(AliasRekeyTest, StoreWrittenUnderOldRulesIsRekeyedOnOpen) {
  // The old rules: the repository's name files without first-name groups.
  const std::string old_data =
      ::testing::TempDir() + "/alias_rekey_old_data";
  std::filesystem::remove_all(old_data);
  std::filesystem::create_directories(old_data);
  std::filesystem::copy(quotewire::DefaultDataDir() + "/names",
                        old_data + "/names");
  std::ofstream(old_data + "/names/given_names.tsv") << "# none\n";
  auto old_names = NameAnalyzer::Create(old_data);
  ASSERT_TRUE(old_names.ok()) << old_names.status();
  const NameAnalyzer& new_names = *RealComponents().names;
  ASSERT_NE((*old_names)->RulesFingerprint(), new_names.RulesFingerprint());

  TempDb db;
  std::string id;
  {
    std::unique_ptr<Store> store = Open(db.path(), **old_names);
    ASSERT_NE(store, nullptr);
    auto put = store->PutArticle(
        MakeArticle("a1", {{"The bridge will reopen.", "Serhiy Kovalenko"}}));
    ASSERT_TRUE(put.ok()) << put.status();
    id = put->quotes[0].quote.speaker.person_id;
    EXPECT_FALSE(store->GetPerson("Sergej Kowalenko").ok());
  }
  std::unique_ptr<Store> store = Open(db.path(), new_names);
  ASSERT_NE(store, nullptr);
  auto found = store->GetPerson("Sergej Kowalenko");
  ASSERT_TRUE(found.ok()) << found.status();
  EXPECT_EQ(found->id, id);
  auto put = store->PutArticle(
      MakeArticle("a2", {{"Die Brücke wird geöffnet.", "Sergej Kowalenko"}}));
  ASSERT_TRUE(put.ok()) << put.status();
  EXPECT_EQ(put->quotes[0].quote.speaker.person_id, id);
}

}  // namespace
}  // namespace quotewire

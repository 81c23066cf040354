// A store written under older name rules is re-keyed when opened with newer
// ones: a person stored as "Serhiy Kovalenko" before first-name equivalences
// existed is found as "Sergej Kowalenko" afterwards, and a new article naming
// him so joins him instead of creating another person; people the new rules
// join are merged, or suggested when the join is uncertain.

#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <string>

#include "server/core/data_dir.h"
#include "gtest/gtest.h"
#include "server/people/name_analyzer.h"
#include "server/store/sqlite_store.h"
#include "tests/store/store_test_util.h"
#include "tests/testing/scratch_dir.h"

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

// The old rules: the repository's name files without first-name groups.
const NameAnalyzer& OldNames() {
  static const NameAnalyzer* names = [] {
    // One folder per process: ctest runs the cases of this file at once.
    const std::string old_data =
        testing_util::ScratchDir("alias_rekey_old_data").string();
    std::filesystem::create_directories(old_data);
    std::filesystem::copy(quotewire::DefaultDataDir() + "/names",
                          old_data + "/names");
    std::ofstream(old_data + "/names/given_names.tsv") << "# none\n";
    auto created = NameAnalyzer::Create(old_data);
    EXPECT_TRUE(created.ok()) << created.status();
    return created.ok() ? created->release() : nullptr;
  }();
  return *names;
}

TEST(AliasRekeyTest, StoreWrittenUnderOldRulesIsRekeyedOnOpen) {
  const NameAnalyzer* old_names = &OldNames();
  const NameAnalyzer& new_names = *RealComponents().names;
  ASSERT_NE(old_names->RulesFingerprint(), new_names.RulesFingerprint());

  TempDb db;
  std::string id;
  {
    std::unique_ptr<Store> store = Open(db.path(), *old_names);
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

// People the old rules kept apart and the new rules give one name are merged
// on open (a correction by the name rules); a third, unrelated person stays.
TEST(AliasRekeyTest, PeopleTheNewRulesJoinAreMergedOnOpen) {
  TempDb db;
  std::string serhiy, sergej, oleksandr;
  {
    std::unique_ptr<Store> store = Open(db.path(), OldNames());
    ASSERT_NE(store, nullptr);
    auto put = store->PutArticle(MakeArticle(
        "a1", {{"The bridge will reopen.", "Serhiy Kovalenko"},
               {"Prices will fall.", "Oleksandr Kovalenko"}}));
    ASSERT_TRUE(put.ok()) << put.status();
    serhiy = put->quotes[0].quote.speaker.person_id;
    oleksandr = put->quotes[1].quote.speaker.person_id;
    put = store->PutArticle(
        MakeArticle("a2", {{"Die Brücke wird geöffnet.", "Sergej Kowalenko"}}));
    ASSERT_TRUE(put.ok()) << put.status();
    sergej = put->quotes[0].quote.speaker.person_id;
    ASSERT_NE(serhiy, sergej);  // two people under the old rules
  }
  std::unique_ptr<Store> store = Open(db.path(), *RealComponents().names);
  ASSERT_NE(store, nullptr);
  auto a = store->GetPerson(serhiy);
  auto b = store->GetPerson(sergej);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->id, b->id);
  EXPECT_EQ(a->quote_count, 2);
  auto c = store->GetPerson(oleksandr);
  ASSERT_TRUE(c.ok());
  EXPECT_NE(c->id, a->id);
  auto corrections = store->ListCorrections(PageOptions());
  ASSERT_TRUE(corrections.ok());
  ASSERT_EQ(corrections->items.size(), 1u);
  EXPECT_EQ(corrections->items[0].action, "merge");
  EXPECT_EQ(corrections->items[0].editor, "name rules");
}

// Three people the new rules give one name: which two (if any) are one is
// uncertain, so nobody is merged and each pair is suggested.
TEST(AliasRekeyTest, SeveralPeopleTheNewRulesJoinAreSuggested) {
  TempDb db;
  std::set<std::string> ids;
  {
    std::unique_ptr<Store> store = Open(db.path(), OldNames());
    ASSERT_NE(store, nullptr);
    int n = 0;
    for (const char* name :
         {"Serhiy Kovalenko", "Sergej Kowalenko", "Siarhei Kovalenko"}) {
      auto put = store->PutArticle(MakeArticle(
          "a" + std::to_string(n++), {{"Words.", name}}));
      ASSERT_TRUE(put.ok()) << put.status();
      ids.insert(put->quotes[0].quote.speaker.person_id);
    }
    ASSERT_EQ(ids.size(), 3u);
  }
  std::unique_ptr<Store> store = Open(db.path(), *RealComponents().names);
  ASSERT_NE(store, nullptr);
  for (const std::string& id : ids) EXPECT_TRUE(store->GetPerson(id).ok());
  auto corrections = store->ListCorrections(PageOptions());
  ASSERT_TRUE(corrections.ok());
  EXPECT_TRUE(corrections->items.empty());
  auto suggestions = store->ListMergeSuggestions(PageOptions());
  ASSERT_TRUE(suggestions.ok()) << suggestions.status();
  EXPECT_EQ(suggestions->items.size(), 3u);
  // New mentions of the name, with nothing to tell the three apart, go to
  // one of them (suggested with the others already): no fourth person.
  std::string again;
  for (const char* id : {"b1", "b2"}) {
    auto put = store->PutArticle(
        MakeArticle(id, {{"More words.", "Serhii Kovalenko"}}));
    ASSERT_TRUE(put.ok()) << put.status();
    const std::string person = put->quotes[0].quote.speaker.person_id;
    EXPECT_EQ(ids.count(person), 1u) << person;
    if (again.empty()) again = person;
    EXPECT_EQ(person, again);
  }
  suggestions = store->ListMergeSuggestions(PageOptions());
  ASSERT_TRUE(suggestions.ok());
  EXPECT_EQ(suggestions->items.size(), 3u);
}

}  // namespace
}  // namespace quotewire

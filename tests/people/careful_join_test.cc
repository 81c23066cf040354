// Careful joining in the store: when the name keys leave a join uncertain
// (several people hold the name, an initial fits several, first names that
// differ), what the articles say beside the name decides (descriptions,
// people quoted in the same articles); without such evidence the mention
// becomes its own person and the store records a merge suggestion, which a
// merge of the two removes.
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "server/store/sqlite_store.h"
#include "tests/store/store_test_util.h"

namespace quotewire {
namespace {

using testing_util::MakeArticle;
using testing_util::Options;
using testing_util::QuoteSpec;

class CarefulJoinTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = OpenSqliteStore(Options(":memory:", nullptr));
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = std::move(*store);
  }

  // The person of the first quote of the article.
  std::string Put(const std::string& id, const std::vector<QuoteSpec>& quotes) {
    auto result = store_->PutArticle(MakeArticle(id, quotes));
    EXPECT_TRUE(result.ok()) << result.status();
    if (!result.ok() || result->quotes.empty()) return "";
    return result->quotes[0].quote.speaker.person_id;
  }

  std::vector<MergeSuggestionRecord> Suggestions() {
    auto page = store_->ListMergeSuggestions(PageOptions());
    EXPECT_TRUE(page.ok()) << page.status();
    return page.ok() ? page->items : std::vector<MergeSuggestionRecord>{};
  }

  static QuoteSpec Said(std::string speaker, std::string description = "") {
    QuoteSpec q;
    q.text = "Words " + speaker + ".";
    q.speaker = std::move(speaker);
    q.description = std::move(description);
    return q;
  }

  std::unique_ptr<Store> store_;
};

TEST_F(CarefulJoinTest, AnInitialFittingSeveralPeopleFollowsTheDescription) {
  const std::string oleksandr =
      Put("a1", {Said("Oleksandr Kovalenko", "economist")});
  const std::string andriy =
      Put("a2", {Said("Andriy Kovalenko", "mayor of Lviv")});
  ASSERT_NE(oleksandr, andriy);
  EXPECT_EQ(Put("a3", {Said("A. Kovalenko", "an economist")}), oleksandr);
  EXPECT_EQ(Put("a4", {Said("A. Kovalenko", "the Lviv mayor")}), andriy);
  EXPECT_TRUE(Suggestions().empty());
}

TEST_F(CarefulJoinTest, AnInitialFittingSeveralPeopleFollowsCoSpeakers) {
  const std::string oleksandr = Put(
      "a1", {Said("Oleksandr Kovalenko"), Said("Vitali Klitschko")});
  const std::string andriy =
      Put("a2", {Said("Andriy Kovalenko"), Said("Olaf Scholz")});
  // Кличко: the co-speaker in another script.
  EXPECT_EQ(Put("a3", {Said("A. Kovalenko"), Said("Виталий Кличко")}),
            oleksandr);
  EXPECT_EQ(Put("a4", {Said("A. Kovalenko"), Said("Шольц")}), andriy);
}

TEST_F(CarefulJoinTest, WithoutEvidenceAnUncertainJoinIsASuggestion) {
  const std::string oleksandr = Put("a1", {Said("Oleksandr Kovalenko")});
  const std::string andriy = Put("a2", {Said("Andriy Kovalenko")});
  const std::string initial = Put("a3", {Said("A. Kovalenko")});
  EXPECT_NE(initial, oleksandr);
  EXPECT_NE(initial, andriy);
  std::vector<MergeSuggestionRecord> suggestions = Suggestions();
  ASSERT_EQ(suggestions.size(), 2u);
  for (const MergeSuggestionRecord& s : suggestions) {
    EXPECT_TRUE(s.person_a == initial || s.person_b == initial);
    EXPECT_EQ(s.shared_key, "kovalenko");
    EXPECT_NE(s.evidence.find("initial"), std::string::npos) << s.evidence;
    EXPECT_GT(s.score, 0.0);
    EXPECT_LT(s.score, 1.0);
  }
  // The same mention again is that person, with no new suggestion.
  EXPECT_EQ(Put("a4", {Said("A. Kovalenko")}), initial);
  EXPECT_EQ(Suggestions().size(), 2u);
  // An editor accepts one: it disappears, the other (now about the merged
  // person, who is Oleksandr) stays.
  auto merged = store_->MergePeople(oleksandr, {initial}, "editor");
  ASSERT_TRUE(merged.ok()) << merged.status();
  suggestions = Suggestions();
  ASSERT_EQ(suggestions.size(), 1u);
  EXPECT_EQ(std::set<std::string>({suggestions[0].person_a,
                                   suggestions[0].person_b}),
            std::set<std::string>({oleksandr, andriy}));
}

TEST_F(CarefulJoinTest, DifferentFirstNamesAreSuggestedOnlyWithEvidence) {
  const std::string irina =
      Put("a1", {Said("Irina Gorbacheva", "a teacher in Tver")});
  // Same role and town: kept apart, suggested.
  const std::string maria =
      Put("a2", {Said("Maria Gorbacheva", "teacher in Tver")});
  EXPECT_NE(maria, irina);
  std::vector<MergeSuggestionRecord> suggestions = Suggestions();
  ASSERT_EQ(suggestions.size(), 1u);
  EXPECT_NE(suggestions[0].evidence.find("first names differ"),
            std::string::npos);
  EXPECT_NE(suggestions[0].evidence.find("teacher"), std::string::npos);
  // Nothing in common: no suggestion.
  const std::string anna = Put("a3", {Said("Anna Gorbacheva", "a farmer")});
  EXPECT_NE(anna, irina);
  EXPECT_EQ(Suggestions().size(), 1u);
}

TEST_F(CarefulJoinTest, SuggestionsPage) {
  Put("a1", {Said("Oleksandr Kovalenko")});
  Put("a2", {Said("Andriy Kovalenko")});
  Put("a3", {Said("A. Kovalenko")});
  PageOptions page;
  page.page_size = 1;
  auto first = store_->ListMergeSuggestions(page);
  ASSERT_TRUE(first.ok()) << first.status();
  ASSERT_EQ(first->items.size(), 1u);
  ASSERT_FALSE(first->next_page_token.empty());
  page.page_token = first->next_page_token;
  auto second = store_->ListMergeSuggestions(page);
  ASSERT_TRUE(second.ok()) << second.status();
  ASSERT_EQ(second->items.size(), 1u);
  EXPECT_TRUE(second->next_page_token.empty());
  EXPECT_NE(first->items[0].person_b, second->items[0].person_b);
  page.page_token = "garbage";
  EXPECT_EQ(store_->ListMergeSuggestions(page).status().code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace quotewire

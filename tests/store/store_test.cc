// The store tests, run on both backends (SQLite and PostgreSQL) unless
// they test what only one has.
#include "server/store/sqlite_store.h"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/store/schema.h"
#include "server/store/sqlite_db.h"
#include "tests/store/store_test_util.h"

namespace quotewire {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::SizeIs;
using ::testing::UnorderedElementsAre;
using testing_util::FakeClock;
using testing_util::MakeArticle;
using testing_util::Options;
using testing_util::QuoteSpec;

absl::Time Day(int d) { return absl::FromUnixSeconds(1600000000 + d * 86400); }

using testing_util::Backend;
using testing_util::TempDb;
using testing_util::TestDb;

class StoreTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override { store_ = OpenFresh(); }

  // A store on a new empty database (in memory for SQLite).
  std::unique_ptr<Store> OpenFresh() {
    if (GetParam() == Backend::kSqlite) return Open(":memory:");
    dbs_.push_back(std::make_unique<TestDb>(GetParam()));
    return Open(dbs_.back()->path());
  }

  std::unique_ptr<Store> Open(const std::string& path) {
    auto store = OpenStore(Options(path, &clock_));
    EXPECT_TRUE(store.ok()) << store.status();
    return store.ok() ? std::move(*store) : nullptr;
  }

  IngestResult Put(const AnalyzedArticle& a, Store* store = nullptr) {
    auto result = (store ? store : store_.get())->PutArticle(a);
    EXPECT_TRUE(result.ok()) << result.status();
    return result.ok() ? *result : IngestResult();
  }

  // Every page of a listing, following tokens.
  std::vector<StoredQuote> All(const QuoteFilter& filter, int page_size = 1000,
                               Store* store = nullptr) {
    std::vector<StoredQuote> out;
    PageOptions page;
    page.page_size = page_size;
    for (int guard = 0; guard < 10000; ++guard) {
      auto result = (store ? store : store_.get())->ListQuotes(filter, page);
      EXPECT_TRUE(result.ok()) << result.status();
      if (!result.ok()) break;
      EXPECT_LE(static_cast<int>(result->items.size()), page_size);
      for (auto& q : result->items) out.push_back(std::move(q));
      if (result->next_page_token.empty()) break;
      page.page_token = result->next_page_token;
    }
    return out;
  }

  std::vector<std::string> Texts(const QuoteFilter& filter) {
    std::vector<std::string> out;
    for (const auto& q : All(filter)) out.push_back(q.quote.text);
    return out;
  }

  // The texts of `texts` that `of` holds too, in the order of `texts`.
  static std::vector<std::string> Among(const std::vector<std::string>& texts,
                                        const std::vector<std::string>& of) {
    std::vector<std::string> out;
    for (const std::string& text : texts) {
      if (std::find(of.begin(), of.end(), text) != of.end()) {
        out.push_back(text);
      }
    }
    return out;
  }

  std::string PersonOf(const std::string& name) {
    auto p = store_->GetPerson(name);
    EXPECT_TRUE(p.ok()) << name << ": " << p.status();
    return p.ok() ? p->id : "";
  }

  FakeClock clock_;
  std::vector<std::unique_ptr<TestDb>> dbs_;  // OpenFresh()'s databases
  std::unique_ptr<Store> store_;
};

// ---------------------------------------------------------------------------
// Articles and quotes.

TEST_P(StoreTest, PutGetDelete) {
  AnalyzedArticle a = MakeArticle("a1",
                                  {{"We will win.",
                                    "Alexander Lukashenko",
                                    SpeakerKind::kPerson,
                                    {"elections"},
                                    "",
                                    QuoteKind::kFull,
                                    "President of Belarus"},
                                   {"march of freedom",
                                    "",
                                    SpeakerKind::kUnknown,
                                    {},
                                    "",
                                    QuoteKind::kTitle}},
                                  Day(1), "Reuters", {"Agence France-Presse"});
  IngestResult r = Put(a);
  EXPECT_FALSE(r.replaced);
  EXPECT_EQ(r.article.id, "a1");
  EXPECT_EQ(r.article.quote_count, 2);
  ASSERT_THAT(r.quotes, SizeIs(2));
  EXPECT_FALSE(r.quotes[0].quote.id.empty());
  EXPECT_EQ(r.quotes[0].quote.speaker.person_id, "alexander-lukashenko");
  EXPECT_EQ(r.quotes[0].publish_time, Day(1));
  EXPECT_EQ(r.quotes[1].quote.speaker.person_id, "");

  auto article = store_->GetArticle("a1");
  ASSERT_TRUE(article.ok()) << article.status();
  EXPECT_EQ(article->article.text, a.article.text);
  EXPECT_EQ(article->article.publisher, "Reuters");
  EXPECT_EQ(article->article.publish_time, Day(1));
  EXPECT_EQ(article->article.language, "en");
  EXPECT_THAT(article->wire_credits, ElementsAre("Agence France-Presse"));

  auto quotes = store_->GetArticleQuotes("a1");
  ASSERT_TRUE(quotes.ok());
  ASSERT_THAT(*quotes, SizeIs(2));
  const Quote& q = (*quotes)[0].quote;
  EXPECT_EQ(q.text, "We will win.");
  EXPECT_EQ(q.spans, a.quotes[0].spans);
  EXPECT_EQ(q.speaker.name, "Alexander Lukashenko");
  EXPECT_EQ(q.speaker.description, "President of Belarus");
  EXPECT_EQ(q.attribution, Attribution::kExplicit);
  EXPECT_THAT(q.topics, ElementsAre("elections"));
  EXPECT_FLOAT_EQ(q.confidence, 0.9f);
  EXPECT_EQ((*quotes)[1].quote.kind, QuoteKind::kTitle);
  std::set<std::pair<std::string, SourceRelation>> sources;
  for (const QuoteSource& s : (*quotes)[0].sources) {
    sources.insert({s.source_id, s.relation});
  }
  EXPECT_THAT(sources, UnorderedElementsAre(
                           std::make_pair(std::string("reuters"),
                                          SourceRelation::kPublisher),
                           std::make_pair(std::string("agence-france-presse"),
                                          SourceRelation::kWire)));

  auto got = store_->GetQuote(q.id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->quote.text, "We will win.");
  EXPECT_EQ(got->article_id, "a1");

  auto person = store_->GetPerson("alexander-lukashenko");
  ASSERT_TRUE(person.ok());
  EXPECT_EQ(person->quote_count, 1);
  EXPECT_EQ(person->article_count, 1);
  EXPECT_THAT(person->descriptions, ElementsAre("President of Belarus"));
  EXPECT_THAT(person->languages, ElementsAre("en"));

  auto deleted = store_->DeleteArticle("a1");
  ASSERT_TRUE(deleted.ok());
  EXPECT_EQ(*deleted, 2);
  EXPECT_EQ(store_->GetArticle("a1").status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(store_->GetArticleQuotes("a1").status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(store_->GetQuote(q.id).status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(store_->DeleteArticle("a1").status().code(),
            absl::StatusCode::kNotFound);
  // Nobody is left quoted.
  EXPECT_EQ(store_->GetPerson("Lukashenko").status().code(),
            absl::StatusCode::kNotFound);
  auto people = store_->ListPeople("", std::nullopt, PageOptions());
  ASSERT_TRUE(people.ok());
  EXPECT_THAT(people->items, IsEmpty());
}

// PutArticle builds its result from what it wrote instead of reading it
// back: it must equal GetArticle/GetArticleQuotes field by field.
void ExpectSameQuote(const StoredQuote& a, const StoredQuote& b) {
  SCOPED_TRACE(a.quote.text);
  EXPECT_EQ(a.quote.id, b.quote.id);
  EXPECT_EQ(a.quote.text, b.quote.text);
  EXPECT_EQ(a.quote.spans, b.quote.spans);
  EXPECT_EQ(a.quote.kind, b.quote.kind);
  EXPECT_EQ(a.quote.speaker.name, b.quote.speaker.name);
  EXPECT_EQ(a.quote.speaker.mention, b.quote.speaker.mention);
  EXPECT_EQ(a.quote.speaker.mention_span, b.quote.speaker.mention_span);
  EXPECT_EQ(a.quote.speaker.kind, b.quote.speaker.kind);
  EXPECT_EQ(a.quote.speaker.description, b.quote.speaker.description);
  EXPECT_EQ(a.quote.speaker.age, b.quote.speaker.age);
  EXPECT_EQ(a.quote.speaker.person_id, b.quote.speaker.person_id);
  EXPECT_EQ(a.quote.cue, b.quote.cue);
  EXPECT_EQ(a.quote.outlet, b.quote.outlet);
  EXPECT_EQ(a.quote.attribution, b.quote.attribution);
  EXPECT_EQ(a.quote.confidence, b.quote.confidence);
  EXPECT_EQ(a.quote.topics, b.quote.topics);
  EXPECT_EQ(a.quote.language, b.quote.language);
  EXPECT_EQ(a.article_id, b.article_id);
  EXPECT_EQ(a.publish_time, b.publish_time);
  ASSERT_EQ(a.sources.size(), b.sources.size());
  for (size_t i = 0; i < a.sources.size(); ++i) {
    EXPECT_EQ(a.sources[i].source_id, b.sources[i].source_id);
    EXPECT_EQ(a.sources[i].display_name, b.sources[i].display_name);
    EXPECT_EQ(a.sources[i].relation, b.sources[i].relation);
  }
}

TEST_P(StoreTest, IngestResultEqualsWhatIsReadBack) {
  TestDb db(GetParam());
  auto store = Open(db.path());
  ASSERT_NE(store, nullptr);
  auto check = [&](const IngestResult& r) {
    auto article = store->GetArticle(r.article.id);
    ASSERT_TRUE(article.ok()) << article.status();
    EXPECT_EQ(r.article.id, article->id);
    EXPECT_EQ(r.article.article.id, article->article.id);
    EXPECT_EQ(r.article.article.text, article->article.text);
    EXPECT_EQ(r.article.article.title, article->article.title);
    EXPECT_EQ(r.article.article.publisher, article->article.publisher);
    EXPECT_EQ(r.article.article.url, article->article.url);
    EXPECT_EQ(r.article.article.publish_time, article->article.publish_time);
    EXPECT_EQ(r.article.article.language, article->article.language);
    EXPECT_EQ(r.article.ingest_time, article->ingest_time);
    EXPECT_EQ(r.article.quote_count, article->quote_count);
    EXPECT_EQ(r.article.wire_credits, article->wire_credits);
    auto quotes = store->GetArticleQuotes(r.article.id);
    ASSERT_TRUE(quotes.ok()) << quotes.status();
    ASSERT_EQ(r.quotes.size(), quotes->size());
    for (size_t i = 0; i < quotes->size(); ++i) {
      ExpectSameQuote(r.quotes[i], (*quotes)[i]);
    }
  };
  AnalyzedArticle a = MakeArticle(
      "a1",
      {{"We will win.", "Alexander Lukashenko", SpeakerKind::kPerson,
        {"elections", "protests", "elections"}, "BBC News", QuoteKind::kFull,
        "President"},
       {"march of freedom", "", SpeakerKind::kUnknown, {}, "",
        QuoteKind::kTitle},
       {"Again.", "Lukashenko", SpeakerKind::kPerson, {"economy"}, "Reuters"},
       {"We will win.", "Svetlana Tikhanovskaya", SpeakerKind::kPerson, {},
        "Meduza", QuoteKind::kPartial},
       {"No comment.", "the ministry", SpeakerKind::kOrganization}},
      Day(2), "Reuters", {"Agence France-Presse", "", "AP"});
  a.quotes[0].speaker.age = 67;
  a.quotes[0].spans.push_back(Span{1, 3});
  IngestResult r = Put(a, store.get());
  check(r);
  // An editorial reattribution, then the same article again (replaced), and
  // an article without publish time or publisher.
  ASSERT_TRUE(store->ReattributeQuote(r.quotes[2].quote.id, "Natalia Eismont",
                                      "desk")
                  .ok());
  r = Put(a, store.get());
  EXPECT_TRUE(r.replaced);
  EXPECT_EQ(r.quotes[2].quote.attribution, Attribution::kEditorial);
  check(r);
  check(Put(MakeArticle("", {{"Fine.", "Maria Kolesnikova"}}), store.get()));
}

TEST_P(StoreTest, ReadsStopWhenTheCallerCancelsAndTheConnectionRecovers) {
  TestDb db(GetParam());
  auto store = Open(db.path());
  ASSERT_NE(store, nullptr);
  for (int i = 0; i < 40; ++i) {
    ASSERT_TRUE(store
                    ->PutArticle(MakeArticle(
                        absl::StrCat("c", i),
                        {{absl::StrCat("The budget plan number ", i, "."),
                          "Maria Kolesnikova"},
                         {absl::StrCat("Another budget remark ", i, "."),
                          "Anna Smith"}},
                        Day(i), "Reuters"))
                    .ok());
  }
  QuoteFilter filter;
  filter.query = "budget";
  PageOptions page;
  page.page_size = 1000;
  int asked = 0;
  {
    ScopedCancellation cancel([&asked] {
      ++asked;
      return true;
    });
    auto cancelled = store->ListQuotes(filter, page);
    EXPECT_EQ(cancelled.status().code(), absl::StatusCode::kCancelled)
        << cancelled.status();
  }
  EXPECT_GT(asked, 0);
  // Every read connection is usable again, without a scope or with one that
  // does not cancel.
  ScopedCancellation patient([] { return false; });
  for (int i = 0; i < 8; ++i) {
    auto listed = store->ListQuotes(filter, page);
    ASSERT_TRUE(listed.ok()) << listed.status();
    EXPECT_EQ(listed->items.size(), 80u);
  }
}

TEST_P(StoreTest, PutArticlesStoresABatchLikeOneByOne) {
  TestDb db(GetParam());
  auto store = Open(db.path());
  ASSERT_NE(store, nullptr);
  std::vector<AnalyzedArticle> batch = {
      MakeArticle("b1", {{"One.", "Maria Kolesnikova", SpeakerKind::kPerson,
                          {"elections"}, "BBC News"}},
                  Day(1), "Reuters"),
      MakeArticle("b2", {{"Two.", "Kolesnikova"}, {"Three.", "Anna Smith"}},
                  Day(2), "Meduza", {"Agence France-Presse"}),
      // The first article again, within the same batch: replaces it.
      MakeArticle("b1", {{"One, again.", "Maria Kolesnikova"}}, Day(1),
                  "Reuters"),
  };
  auto results = store->PutArticles(batch);
  ASSERT_TRUE(results.ok()) << results.status();
  ASSERT_EQ(results->size(), 3u);
  for (const auto& r : *results) ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_FALSE((*results)[0]->replaced);
  EXPECT_TRUE((*results)[2]->replaced);
  auto b1 = store->GetArticleQuotes("b1");
  ASSERT_TRUE(b1.ok());
  ASSERT_EQ(b1->size(), 1u);
  EXPECT_EQ((*b1)[0].quote.text, "One, again.");
  EXPECT_EQ((*b1)[0].quote.id, (*results)[2]->quotes[0].quote.id);
  auto maria = store->GetPerson("Maria Kolesnikova");
  ASSERT_TRUE(maria.ok()) << maria.status();
  EXPECT_EQ(maria->quote_count, 2);
  EXPECT_EQ(maria->article_count, 2);
  EXPECT_EQ((*results)[1]->quotes[0].quote.speaker.person_id, maria->id);
  // The same articles one by one give the same people and counts.
  TestDb db2(GetParam());
  auto one_by_one = Open(db2.path());
  ASSERT_NE(one_by_one, nullptr);
  for (const AnalyzedArticle& a : batch) Put(a, one_by_one.get());
  auto people = store->ListPeople("", std::nullopt, PageOptions());
  auto people2 = one_by_one->ListPeople("", std::nullopt, PageOptions());
  ASSERT_TRUE(people.ok() && people2.ok());
  ASSERT_EQ(people->items.size(), people2->items.size());
  for (size_t i = 0; i < people->items.size(); ++i) {
    EXPECT_EQ(people->items[i].id, people2->items[i].id);
    EXPECT_EQ(people->items[i].quote_count, people2->items[i].quote_count);
  }
  auto sources = store->ListSources("", PageOptions());
  auto sources2 = one_by_one->ListSources("", PageOptions());
  ASSERT_TRUE(sources.ok() && sources2.ok());
  ASSERT_EQ(sources->items.size(), sources2->items.size());
  for (size_t i = 0; i < sources->items.size(); ++i) {
    EXPECT_EQ(sources->items[i].id, sources2->items[i].id);
    EXPECT_EQ(sources->items[i].quote_count, sources2->items[i].quote_count);
  }
  // An empty batch is fine.
  auto none = store->PutArticles({});
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
}

TEST_P(StoreTest, ReingestSameIdReplacesAndKeepsIds) {
  AnalyzedArticle a = MakeArticle(
      "a1", {{"One.", "Maria Kolesnikova"}, {"Two.", "Maria Kolesnikova"}},
      Day(1));
  IngestResult first = Put(a);
  IngestResult second = Put(a);
  EXPECT_TRUE(second.replaced);
  ASSERT_THAT(second.quotes, SizeIs(2));
  EXPECT_EQ(first.quotes[0].quote.id, second.quotes[0].quote.id);
  EXPECT_EQ(first.quotes[1].quote.id, second.quotes[1].quote.id);
  EXPECT_NE(first.quotes[0].quote.id, first.quotes[1].quote.id);
  EXPECT_THAT(All(QuoteFilter()), SizeIs(2));
  auto person = store_->GetPerson("Maria Kolesnikova");
  ASSERT_TRUE(person.ok());
  EXPECT_EQ(person->quote_count, 2);
  EXPECT_EQ(person->article_count, 1);

  // An edited version: one quote gone, one added; the kept quote keeps its id.
  AnalyzedArticle b = MakeArticle(
      "a1", {{"Zero.", "Maria Kolesnikova"}, {"Two.", "Maria Kolesnikova"}},
      Day(1));
  IngestResult third = Put(b);
  EXPECT_EQ(third.quotes[1].quote.id, first.quotes[1].quote.id);
  EXPECT_EQ(store_->GetQuote(first.quotes[0].quote.id).status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(store_->GetPerson("Maria Kolesnikova")->quote_count, 2);
}

TEST_P(StoreTest, SameTextWithoutIdIsIdempotent) {
  AnalyzedArticle a = MakeArticle("", {{"Hello.", "Svetlana Tikhanovskaya"}});
  IngestResult first = Put(a);
  IngestResult second = Put(a);
  EXPECT_FALSE(first.article.id.empty());
  EXPECT_EQ(first.article.id, second.article.id);
  EXPECT_FALSE(first.replaced);
  EXPECT_TRUE(second.replaced);
  EXPECT_THAT(All(QuoteFilter()), SizeIs(1));
  AnalyzedArticle other =
      MakeArticle("", {{"Other.", "Svetlana Tikhanovskaya"}});
  EXPECT_NE(Put(other).article.id, first.article.id);
}

TEST_P(StoreTest, PublishTimeDefaultsToIngestTime) {
  clock_.Set(Day(10));
  IngestResult r = Put(MakeArticle("a", {{"Hi.", "Ann Smith"}}));
  ASSERT_THAT(r.quotes, SizeIs(1));
  EXPECT_EQ(r.quotes[0].publish_time, r.article.ingest_time);
  EXPECT_FALSE(r.article.article.publish_time.has_value());
}

// ---------------------------------------------------------------------------
// Paging.

class PagingTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    // 23 quotes over 9 articles; several share a publish time.
    for (int a = 0; a < 9; ++a) {
      std::vector<QuoteSpec> quotes;
      for (int q = 0; q < (a % 3) + 2 && total_ < 23; ++q, ++total_) {
        quotes.push_back({absl::StrCat("Quote ", a, "-", q, "."),
                          a % 2 ? "Alexander Lukashenko" : "Maria Kolesnikova",
                          SpeakerKind::kPerson,
                          {q % 2 ? "protests" : "elections"}});
      }
      Put(MakeArticle(absl::StrCat("art", a), quotes, Day(a / 2)));
    }
  }
  int total_ = 0;
};

TEST_P(PagingTest, EveryPageSizeGivesTheSameStableOrder) {
  std::vector<StoredQuote> all = All(QuoteFilter(), 1000);
  ASSERT_THAT(all, SizeIs(total_));
  for (size_t i = 1; i < all.size(); ++i) {
    auto key = [](const StoredQuote& q) {
      return std::make_pair(q.publish_time, q.quote.id);
    };
    EXPECT_GT(key(all[i - 1]), key(all[i])) << i;
  }
  for (int size = 1; size <= total_ + 2; ++size) {
    std::vector<StoredQuote> paged = All(QuoteFilter(), size);
    ASSERT_EQ(paged.size(), all.size()) << "page size " << size;
    for (size_t i = 0; i < all.size(); ++i) {
      EXPECT_EQ(paged[i].quote.id, all[i].quote.id) << size << " " << i;
    }
  }
  for (int size : {1, 2, 5, 7}) {
    QuoteFilter f;
    f.topic = "elections";
    std::vector<StoredQuote> expected;
    for (const auto& q : all) {
      if (q.quote.topics == std::vector<std::string>{"elections"}) {
        expected.push_back(q);
      }
    }
    std::vector<StoredQuote> paged = All(f, size);
    ASSERT_EQ(paged.size(), expected.size());
    for (size_t i = 0; i < paged.size(); ++i) {
      EXPECT_EQ(paged[i].quote.id, expected[i].quote.id);
    }
  }
}

TEST_P(PagingTest, LastPageHasEmptyToken) {
  PageOptions page;
  page.page_size = total_;
  auto result = store_->ListQuotes(QuoteFilter(), page);
  ASSERT_TRUE(result.ok());
  EXPECT_THAT(result->items, SizeIs(total_));
  EXPECT_EQ(result->next_page_token, "");
  page.page_size = total_ - 1;
  result = store_->ListQuotes(QuoteFilter(), page);
  ASSERT_TRUE(result.ok());
  EXPECT_NE(result->next_page_token, "");
  page.page_token = result->next_page_token;
  result = store_->ListQuotes(QuoteFilter(), page);
  ASSERT_TRUE(result.ok());
  EXPECT_THAT(result->items, SizeIs(1));
  EXPECT_EQ(result->next_page_token, "");
}

TEST_P(PagingTest, BadTokensAreInvalidArgument) {
  PageOptions page;
  page.page_size = 3;
  auto first = store_->ListQuotes(QuoteFilter(), page);
  ASSERT_TRUE(first.ok());
  const std::string token = first->next_page_token;
  ASSERT_FALSE(token.empty());

  auto expect_invalid = [&](const QuoteFilter& f, const std::string& t) {
    PageOptions p;
    p.page_size = 3;
    p.page_token = t;
    auto r = store_->ListQuotes(f, p);
    EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument) << t;
    EXPECT_THAT(std::string(r.status().message()),
                ::testing::HasSubstr("page_token"));
  };
  QuoteFilter other;
  other.person = "Lukashenko";
  expect_invalid(other, token);  // issued for other filters
  QuoteFilter other_query;
  other_query.query = "quote";
  expect_invalid(other_query, token);
  expect_invalid(QuoteFilter(), "garbage!!");
  expect_invalid(QuoteFilter(), "AAAA");
  for (size_t i = 0; i < token.size(); i += 3) {  // tampered
    std::string t = token;
    t[i] = t[i] == 'A' ? 'B' : 'A';
    expect_invalid(QuoteFilter(), t);
  }
  expect_invalid(QuoteFilter(), token.substr(0, token.size() - 2));
  // A token of another list method.
  PageOptions people_page;
  people_page.page_size = 1;
  auto people = store_->ListPeople("", std::nullopt, people_page);
  ASSERT_TRUE(people.ok());
  ASSERT_FALSE(people->next_page_token.empty());
  expect_invalid(QuoteFilter(), people->next_page_token);
  // A token of another database.
  auto other_store = OpenFresh();
  Put(MakeArticle("x", {{"A.", "Ann Smith"}, {"B.", "Ann Smith"}}),
      other_store.get());
  PageOptions p1;
  p1.page_size = 1;
  auto foreign = other_store->ListQuotes(QuoteFilter(), p1);
  ASSERT_TRUE(foreign.ok());
  expect_invalid(QuoteFilter(), foreign->next_page_token);
  // The genuine token still works, with another page size too.
  page.page_token = token;
  page.page_size = 100;
  auto second = store_->ListQuotes(QuoteFilter(), page);
  ASSERT_TRUE(second.ok());
  EXPECT_THAT(second->items, SizeIs(total_ - 3));
}

TEST_P(PagingTest, PeopleSourcesTopicsCorrectionsPage) {
  for (int size = 1; size <= 3; ++size) {
    PageOptions page;
    page.page_size = size;
    std::vector<std::string> ids;
    for (int guard = 0; guard < 100; ++guard) {
      auto r = store_->ListPeople("", std::nullopt, page);
      ASSERT_TRUE(r.ok()) << r.status();
      for (const auto& p : r->items) ids.push_back(p.id);
      if (r->next_page_token.empty()) break;
      page.page_token = r->next_page_token;
    }
    // 12 quotes by Lukashenko, 11 by Kolesnikova.
    EXPECT_THAT(ids, ElementsAre("alexander-lukashenko", "maria-kolesnikova"));
  }
  const testing_util::Components& c = testing_util::RealComponents();
  const size_t taxonomy = c.topics->taxonomy().size();
  PageOptions page;
  page.page_size = 4;
  std::vector<TopicRecord> topics;
  for (int guard = 0; guard < 100; ++guard) {
    auto r = store_->ListTopics(page);
    ASSERT_TRUE(r.ok());
    for (const auto& t : r->items) topics.push_back(t);
    if (r->next_page_token.empty()) break;
    page.page_token = r->next_page_token;
  }
  ASSERT_EQ(topics.size(), taxonomy);
  std::map<std::string, int64_t> counts;
  for (const auto& t : topics) counts[t.id] = t.quote_count;
  EXPECT_EQ(counts["elections"] + counts["protests"], total_);
  QuoteFilter elections;
  elections.topic = "elections";
  EXPECT_EQ(counts["elections"], static_cast<int64_t>(Texts(elections).size()));
  EXPECT_EQ(topics[0].quote_count,
            std::max(counts["elections"], counts["protests"]));
  EXPECT_EQ(counts["health"], 0);
}

// ---------------------------------------------------------------------------
// Filters.

class FilterTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    Put(MakeArticle(
        "en1",
        {{"The election was stolen.",
          "Svetlana Tikhanovskaya",
          SpeakerKind::kPerson,
          {"elections"},
          "Al Jazeera"},
         {"We will keep marching.",
          "Maria Kolesnikova",
          SpeakerKind::kPerson,
          {"protests"}},
         {"traitors", "", SpeakerKind::kUnknown, {}, "", QuoteKind::kScare}},
        Day(1), "Reuters", {"AFP"}, "en"));
    Put(MakeArticle("nl1",
                    {{"De verkiezingen waren een farce.",
                      "Loekasjenko",
                      SpeakerKind::kPerson,
                      {"elections"}},
                     {"Wij blijven.",
                      "Viasna",
                      SpeakerKind::kOrganization,
                      {"human-rights"}}},
                    Day(2), "NOS", {}, "nl"));
    Put(MakeArticle("en2",
                    {{"Sanctions will bite, the régime knows it.",
                      "Alexander Lukashenko",
                      SpeakerKind::kPerson,
                      {"sanctions", "economy"}}},
                    Day(3), "BBC News", {"Reuters"}, "en-GB"));
  }
};

TEST_P(FilterTest, EachFilter) {
  QuoteFilter f;
  std::vector<std::string> all = Texts(f);
  ASSERT_THAT(all, SizeIs(5));
  EXPECT_EQ(all[0], "Sanctions will bite, the régime knows it.");
  // Same publish time: ordered by id, which is a hash.
  EXPECT_THAT(
      std::vector<std::string>(all.begin() + 1, all.begin() + 3),
      UnorderedElementsAre("De verkiezingen waren een farce.", "Wij blijven."));
  EXPECT_THAT(std::vector<std::string>(all.begin() + 3, all.end()),
              UnorderedElementsAre("The election was stolen.",
                                   "We will keep marching."));
  f.include_non_speech = true;
  EXPECT_THAT(Texts(f), SizeIs(6));

  // Person: by id, full name, surname, Dutch spelling, title. The person was
  // first seen as "Loekasjenko", which gave the id.
  const std::string id = PersonOf("Alexander Lukashenko");
  EXPECT_EQ(id, "loekasjenko");
  EXPECT_EQ(store_->GetPerson(id)->display_name, "Alexander Lukashenko");
  for (const std::string& who : std::vector<std::string>{
           id, "people/" + id, std::string("Alexander Lukashenko"),
           "Lukashenko", "Loekasjenko", "President Lukashenko", "lukashenko"}) {
    QuoteFilter p;
    p.person = who;
    EXPECT_THAT(Texts(p),
                ElementsAre("Sanctions will bite, the régime knows it.",
                            "De verkiezingen waren een farce."))
        << who;
  }
  // Topic: by id and display name, case-insensitive.
  for (const char* topic : {"elections", "Elections"}) {
    QuoteFilter t;
    t.topic = topic;
    EXPECT_THAT(Texts(t), ElementsAre("De verkiezingen waren een farce.",
                                      "The election was stolen."));
  }
  QuoteFilter hr;
  hr.topic = "Human rights";
  EXPECT_THAT(Texts(hr), ElementsAre("Wij blijven."));
  // Source: publisher, alias of a wire, outlet; with relations.
  QuoteFilter s;
  s.source = "AFP";
  EXPECT_THAT(Texts(s), ElementsAre("The election was stolen.",
                                    "We will keep marching."));
  s.source = "agence-france-presse";
  EXPECT_THAT(Texts(s), SizeIs(2));
  s.source = "reuters";
  EXPECT_THAT(Texts(s), ElementsAre("Sanctions will bite, the régime knows it.",
                                    "The election was stolen.",
                                    "We will keep marching."));
  s.source_relation = SourceRelation::kWire;
  EXPECT_THAT(Texts(s),
              ElementsAre("Sanctions will bite, the régime knows it."));
  s.source_relation = SourceRelation::kPublisher;
  EXPECT_THAT(Texts(s), ElementsAre("The election was stolen.",
                                    "We will keep marching."));
  s.source = "al jazeera";
  s.source_relation = std::nullopt;
  EXPECT_THAT(Texts(s), ElementsAre("The election was stolen."));
  s.source_relation = SourceRelation::kOutlet;
  EXPECT_THAT(Texts(s), ElementsAre("The election was stolen."));
  s.source_relation = SourceRelation::kPublisher;
  EXPECT_THAT(Texts(s), IsEmpty());
  // Article, language (primary tag matches regional tags).
  QuoteFilter a;
  a.article = "nl1";
  EXPECT_THAT(Texts(a), SizeIs(2));
  QuoteFilter l;
  l.language = "en";
  EXPECT_THAT(Texts(l), SizeIs(3));
  l.language = "NL";
  EXPECT_THAT(Texts(l), SizeIs(2));
  l.language = "en-GB";
  EXPECT_THAT(Texts(l), SizeIs(1));
  l.language = "e%";
  EXPECT_THAT(Texts(l), IsEmpty());
  // Time range: [start, end).
  QuoteFilter t;
  t.start_time = Day(2);
  t.end_time = Day(3);
  EXPECT_THAT(Texts(t), UnorderedElementsAre("De verkiezingen waren een farce.",
                                             "Wij blijven."));
  // Free text, case and diacritics ignored, all words required.
  QuoteFilter q;
  q.query = "REGIME";
  EXPECT_THAT(Texts(q),
              ElementsAre("Sanctions will bite, the régime knows it."));
  q.query = "election stolen";
  EXPECT_THAT(Texts(q), ElementsAre("The election was stolen."));
  q.query = "election marching";
  EXPECT_THAT(Texts(q), IsEmpty());
  q.query = "Kolesnikova";  // speaker names are searched too
  EXPECT_THAT(Texts(q), ElementsAre("We will keep marching."));
  q.query = "Лукашенко";  // Cyrillic query, Latin speaker names
  EXPECT_THAT(Texts(q), ElementsAre("Sanctions will bite, the régime knows it.",
                                    "De verkiezingen waren een farce."));
}

// A query word finds its inflections in the quote's language (Snowball
// stems, search_terms.h), accents ignored, and not a word that only shares
// its first letters; the exact word ranks first. Every backend gives these
// answers.
TEST_P(FilterTest, WordsFindTheirInflections) {
  Put(MakeArticle("en4",
                  {{"The electricity bill doubled.", "Ann Smith"},
                   {"These elections were rigged.", "Bob Jones"}},
                  Day(0)));
  Put(MakeArticle("de1", {{"Die Wahl war manipuliert.", "Olaf Scholz"}},
                  Day(4), "", {}, "de"));
  Put(MakeArticle("de2", {{"Die Wahlen kommen bald.", "Olaf Scholz"}},
                  Day(3), "", {}, "de"));
  Put(MakeArticle("fr1", {{"L'élection a été volée.", "Jean Dupont"}},
                  Day(5), "", {}, "fr"));
  QuoteFilter q;
  q.query = "elections";  // English "election"; French "élection"
  EXPECT_THAT(Texts(q), ElementsAre("L'élection a été volée.",
                                    "The election was stolen.",
                                    "These elections were rigged."));
  q.query = "élections";
  EXPECT_THAT(Texts(q), ElementsAre("L'élection a été volée.",
                                    "The election was stolen.",
                                    "These elections were rigged."));
  q.query = "Wahlen";
  EXPECT_THAT(Texts(q), ElementsAre("Die Wahl war manipuliert.",
                                    "Die Wahlen kommen bald."));
  q.query = "electric";  // "electr": not "elect"
  EXPECT_THAT(Texts(q), ElementsAre("The electricity bill doubled."));
  q.query = "elections stolen";  // every word, each with its inflections
  EXPECT_THAT(Texts(q), ElementsAre("The election was stolen."));
  q.query = "Jean";  // speaker names as before
  EXPECT_THAT(Texts(q), ElementsAre("L'élection a été volée."));
  q.query = "rigged elections";
  q.order_by_relevance = true;
  EXPECT_THAT(Texts(q), ElementsAre("These elections were rigged."));
  q.query = "elections";
  std::vector<std::string> ranked = Texts(q);
  ASSERT_THAT(ranked, SizeIs(3));
  EXPECT_EQ(ranked[0], "These elections were rigged.");
  // "wahl" is the stem of both and a word of the older quote only.
  q.query = "Wahl";
  EXPECT_THAT(Texts(q), ElementsAre("Die Wahl war manipuliert.",
                                    "Die Wahlen kommen bald."));
  q.query = "Wahlen";
  EXPECT_THAT(Texts(q), ElementsAre("Die Wahlen kommen bald.",
                                    "Die Wahl war manipuliert."));
}

TEST_P(FilterTest, FiltersCombine) {
  QuoteFilter f;
  f.person = "Lukashenko";
  f.topic = "elections";
  EXPECT_THAT(Texts(f), ElementsAre("De verkiezingen waren een farce."));
  f.language = "en";
  EXPECT_THAT(Texts(f), IsEmpty());
  QuoteFilter g;
  g.topic = "elections";
  g.source = "Reuters";
  EXPECT_THAT(Texts(g), ElementsAre("The election was stolen."));
  g.query = "stolen";
  g.start_time = Day(1);
  g.end_time = Day(2);
  EXPECT_THAT(Texts(g), ElementsAre("The election was stolen."));
  g.end_time = Day(1);
  EXPECT_THAT(Texts(g), IsEmpty());
  QuoteFilter h;
  h.person = "Tikhanovskaya";
  h.source = "Al Jazeera";
  h.source_relation = SourceRelation::kOutlet;
  h.query = "election";
  h.article = "en1";
  EXPECT_THAT(Texts(h), ElementsAre("The election was stolen."));
}

// A topic and a source together list the quotes both list, in their order,
// one page at a time too, whichever of the two drives the scan (the one with
// fewer quotes: "elections" has 2, "Reuters" 3 and "Al Jazeera" 1).
TEST_P(FilterTest, TopicAndSourceListWhatBothListWhicheverDrives) {
  int pairs_with_quotes = 0;
  for (const char* topic :
       {"elections", "protests", "human-rights", "sanctions", "economy"}) {
    for (const char* source : {"Reuters", "AFP", "Al Jazeera", "NOS", "BBC News"}) {
      for (const std::optional<SourceRelation> relation :
           {std::optional<SourceRelation>(), std::optional(SourceRelation::kWire),
            std::optional(SourceRelation::kPublisher)}) {
        QuoteFilter by_topic;
        by_topic.topic = topic;
        QuoteFilter by_source;
        by_source.source = source;
        by_source.source_relation = relation;
        const std::vector<std::string> expected =
            Among(Texts(by_topic), Texts(by_source));
        QuoteFilter both = by_source;
        both.topic = topic;
        std::vector<std::string> one_by_one;
        for (const StoredQuote& q : All(both, /*page_size=*/1)) {
          one_by_one.push_back(q.quote.text);
        }
        EXPECT_EQ(Texts(both), expected) << topic << " + " << source;
        EXPECT_EQ(one_by_one, expected) << topic << " + " << source;
        if (!expected.empty()) ++pairs_with_quotes;
      }
    }
  }
  EXPECT_GE(pairs_with_quotes, 8);
}

// Free text and a source list what both list, in the order of the free
// text listing (its rids), one page at a time too. Quotes published within
// one millisecond take rids in the order they were stored, so there the
// rids and the publish times disagree (PostgreSQL walks the source's
// listing, in time order, and must still page by rid).
TEST_P(StoreTest, FreeTextAndSourceListWhatBothListInSearchOrder) {
  const absl::Time t = Day(1);
  int n = 0;
  for (int ms = 0; ms < 3; ++ms) {
    // Later microseconds stored first: their rids are the smaller ones.
    for (int us : {900, 500, 100}) {
      for (const char* source : {"Reuters", "AFP"}) {
        const std::string id = absl::StrCat("a", n++);
        Put(MakeArticle(id,
                        {{absl::StrCat("Election ", id, " was held."),
                          "Svetlana Tikhanovskaya"},
                         {absl::StrCat("Nothing ", id, " to add."),
                          "Maria Kolesnikova"}},
                        t + absl::Milliseconds(ms) + absl::Microseconds(us),
                        source));
      }
    }
  }
  for (const char* source : {"Reuters", "AFP", "BBC News"}) {
    QuoteFilter by_text;
    by_text.query = "election";
    QuoteFilter by_source;
    by_source.source = source;
    const std::vector<std::string> expected =
        Among(Texts(by_text), Texts(by_source));
    QuoteFilter both = by_text;
    both.source = source;
    EXPECT_EQ(Texts(both), expected) << source;
    for (int page_size : {1, 2, 4}) {
      std::vector<std::string> paged;
      for (const StoredQuote& q : All(both, page_size)) {
        paged.push_back(q.quote.text);
      }
      EXPECT_EQ(paged, expected) << source << ", pages of " << page_size;
    }
    if (std::string(source) != "BBC News") {
      EXPECT_THAT(expected, SizeIs(9)) << source;
    }
  }
  // Within each millisecond the search order is the storing order, not the
  // publish time.
  QuoteFilter f;
  f.query = "election";
  f.source = "Reuters";
  std::vector<std::string> texts = Texts(f);
  ASSERT_THAT(texts, SizeIs(9));
  EXPECT_EQ(texts[0], "Election a16 was held.");
  EXPECT_EQ(texts[2], "Election a12 was held.");
}

// A person filter names the same person whichever way it is written, and
// the page carries the person's display name: the id, "people/<id>", an
// alias, a merged-away id; an ambiguous alias lists every person it names.
TEST_P(StoreTest, PersonFilterResolvesAsGetPerson) {
  Put(MakeArticle("a1", {{"One.", "Alexander Lukashenko"}}, Day(1)));
  Put(MakeArticle("a2", {{"Two.", "Sasha Lukashenko"}}, Day(2)));
  Put(MakeArticle("a3", {{"Three.", "Viktor Lukashenko"}}, Day(3)));
  auto texts = [&](const std::string& person) {
    QuoteFilter f;
    f.person = person;
    std::vector<std::string> out;
    for (const StoredQuote& q : All(f, 1)) {
      out.push_back(absl::StrCat(q.quote.text, " ", q.quote.speaker.name));
    }
    return out;
  };
  EXPECT_THAT(texts("Sasha Lukashenko"), ElementsAre("Two. Sasha Lukashenko"));
  EXPECT_THAT(texts("sasha-lukashenko"), ElementsAre("Two. Sasha Lukashenko"));
  EXPECT_THAT(texts("people/sasha-lukashenko"),
              ElementsAre("Two. Sasha Lukashenko"));
  EXPECT_THAT(texts("people/Sasha Lukashenko"), IsEmpty());
  ASSERT_TRUE(store_->MergePeople("alexander-lukashenko", {"Sasha Lukashenko"},
                                  "e")
                  .ok());
  ASSERT_TRUE(store_->RenamePerson("alexander-lukashenko",
                                   "Aliaksandr Lukashenka", "e")
                  .ok());
  const std::vector<std::string> merged = {"Two. Aliaksandr Lukashenka",
                                           "One. Aliaksandr Lukashenka"};
  EXPECT_EQ(texts("sasha-lukashenko"), merged);
  EXPECT_EQ(texts("people/sasha-lukashenko"), merged);
  EXPECT_EQ(texts("Sasha Lukashenko"), merged);
  EXPECT_EQ(texts("alexander-lukashenko"), merged);
  EXPECT_THAT(texts("Viktor Lukashenko"),
              ElementsAre("Three. Viktor Lukashenko"));
}

TEST_P(FilterTest, UnknownPersonTopicSourceGiveEmptyPage) {
  for (int i = 0; i < 4; ++i) {
    QuoteFilter f;
    if (i == 0) f.person = "Nobody Atall";
    if (i == 1) f.person = "people/nobody";
    if (i == 2) f.topic = "no-such-topic";
    if (i == 3) f.source = "Daily Nothing";
    auto r = store_->ListQuotes(f, PageOptions());
    ASSERT_TRUE(r.ok()) << r.status();
    EXPECT_THAT(r->items, IsEmpty());
    EXPECT_EQ(r->next_page_token, "");
  }
}

TEST_P(FilterTest, HostileQueriesNeverFailInternally) {
  const char* inputs[] = {"\"",
                          "NEAR(",
                          "*",
                          ")",
                          "' OR 1=1 --",
                          "AND",
                          "^",
                          ":",
                          "\"\"\"",
                          "a\" OR \"b",
                          "body:election",
                          "election*",
                          "NEAR(election stolen, 2)",
                          "-election",
                          "(",
                          "{body}: x",
                          "OR OR",
                          "NOT",
                          "\\",
                          "%",
                          "_",
                          ";",
                          "DROP TABLE quotes; --",
                          "\xff\xfe",
                          "élection\"",
                          "   ",
                          "🙂",
                          "x AND",
                          "AND election",
                          "election NOT stolen",
                          "''",
                          "election +"};
  for (const char* input : inputs) {
    QuoteFilter f;
    f.query = input;
    for (bool relevance : {false, true}) {
      f.order_by_relevance = relevance;
      auto r = store_->ListQuotes(f, PageOptions());
      if (!r.ok()) {
        EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument)
            << input << ": " << r.status();
        EXPECT_THAT(std::string(r.status().message()),
                    ::testing::HasSubstr("query"));
      }
    }
    auto people = store_->ListPeople(input, std::nullopt, PageOptions());
    EXPECT_TRUE(people.ok()) << input << ": " << people.status();
    auto sources = store_->ListSources(input, PageOptions());
    EXPECT_TRUE(sources.ok()) << input << ": " << sources.status();
    auto person = store_->GetPerson(input);
    EXPECT_TRUE(person.ok() ||
                person.status().code() == absl::StatusCode::kNotFound)
        << input << ": " << person.status();
  }
  // Operators are plain words: "AND" matches nothing here, "election*" is
  // the word "election".
  QuoteFilter f;
  f.query = "election*";
  EXPECT_THAT(Texts(f), ElementsAre("The election was stolen."));
  f.query = "NEAR(election stolen, 2)";
  EXPECT_THAT(Texts(f), IsEmpty());  // "near" and "2" are not in the text
  f.query = "\"";
  EXPECT_EQ(store_->ListQuotes(f, PageOptions()).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_P(StoreTest, HostileStoredValuesAreData) {
  const std::string evil_name = "Robert'); DROP TABLE quotes;--";
  const std::string evil_source = "x' OR '1'='1";
  IngestResult r = Put(MakeArticle(
      "id'\"; DELETE FROM articles;--",
      {{"It's \"fine\"; -- really", evil_name, SpeakerKind::kPerson,
        {"elections' OR 1=1"}, "%_\\"}},
      Day(1), evil_source));
  ASSERT_THAT(r.quotes, SizeIs(1));
  EXPECT_TRUE(store_->GetArticle("id'\"; DELETE FROM articles;--").ok());
  auto person = store_->GetPerson(evil_name);
  ASSERT_TRUE(person.ok()) << person.status();
  EXPECT_THAT(person->aliases, ::testing::Contains(evil_name));
  QuoteFilter f;
  f.source = evil_source;
  EXPECT_THAT(Texts(f), ElementsAre("It's \"fine\"; -- really"));
  f = QuoteFilter();
  f.source = "%_\\";
  EXPECT_THAT(Texts(f), SizeIs(1));
  f = QuoteFilter();
  f.person = "' OR 1=1 --";
  EXPECT_THAT(Texts(f), IsEmpty());
  f = QuoteFilter();
  f.query = "fine really";
  EXPECT_THAT(Texts(f), SizeIs(1));
  auto people = store_->ListPeople("%", std::nullopt, PageOptions());
  ASSERT_TRUE(people.ok());
  EXPECT_THAT(people->items, IsEmpty());  // "%" is not a wildcard
  EXPECT_THAT(All(QuoteFilter()), SizeIs(1));
}

TEST_P(FilterTest, RelevanceOrderAndPaging) {
  Put(MakeArticle(
      "en3",
      {{"Election, election, election: the election matters.", "Ann Smith"},
       {"The election is tomorrow and the vote is free.", "Bob Jones"}},
      Day(0)));
  QuoteFilter f;
  f.query = "election";
  f.order_by_relevance = true;
  std::vector<StoredQuote> all = All(f);
  ASSERT_THAT(all, SizeIs(3));
  EXPECT_EQ(all[0].quote.text,
            "Election, election, election: the election matters.");
  for (int size = 1; size <= 3; ++size) {
    std::vector<StoredQuote> paged = All(f, size);
    ASSERT_THAT(paged, SizeIs(3));
    for (int i = 0; i < 3; ++i) EXPECT_EQ(paged[i].quote.id, all[i].quote.id);
  }
  // A relevance token is not a time-order token.
  PageOptions page;
  page.page_size = 1;
  auto r = store_->ListQuotes(f, page);
  ASSERT_TRUE(r.ok());
  f.order_by_relevance = false;
  page.page_token = r->next_page_token;
  EXPECT_EQ(store_->ListQuotes(f, page).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_P(FilterTest, SourcesAndCounts) {
  auto r = store_->ListSources("", PageOptions());
  ASSERT_TRUE(r.ok());
  std::map<std::string, SourceRecord> by_id;
  for (const auto& s : r->items) by_id[s.id] = s;
  ASSERT_TRUE(by_id.count("reuters"));
  EXPECT_EQ(by_id["reuters"].quote_count, 3);
  EXPECT_EQ(by_id["reuters"].publisher_quote_count, 2);
  EXPECT_EQ(by_id["reuters"].wire_quote_count, 1);
  ASSERT_TRUE(by_id.count("agence-france-presse"));
  EXPECT_EQ(by_id["agence-france-presse"].display_name, "Agence France-Presse");
  EXPECT_THAT(by_id["agence-france-presse"].aliases,
              ::testing::Contains("AFP"));
  EXPECT_EQ(by_id["agence-france-presse"].wire_quote_count, 2);
  ASSERT_TRUE(by_id.count("al-jazeera"));
  EXPECT_EQ(by_id["al-jazeera"].outlet_quote_count, 1);
  EXPECT_EQ(r->items[0].id, "reuters");  // most quoted first
  auto q = store_->ListSources("afp", PageOptions());
  ASSERT_TRUE(q.ok());
  ASSERT_THAT(q->items, SizeIs(1));
  EXPECT_EQ(q->items[0].id, "agence-france-presse");
  // Counts agree with listings.
  for (const auto& [id, source] : by_id) {
    QuoteFilter f;
    f.source = id;
    EXPECT_EQ(static_cast<int64_t>(All(f).size()), source.quote_count) << id;
  }
  auto people = store_->ListPeople("", std::nullopt, PageOptions());
  ASSERT_TRUE(people.ok());
  for (const auto& p : people->items) {
    QuoteFilter f;
    f.person = p.id;
    EXPECT_EQ(static_cast<int64_t>(All(f).size()), p.quote_count) << p.id;
  }
  auto orgs = store_->ListPeople("", SpeakerKind::kOrganization, PageOptions());
  ASSERT_TRUE(orgs.ok());
  ASSERT_THAT(orgs->items, SizeIs(1));
  EXPECT_EQ(orgs->items[0].display_name, "Viasna");
  auto named = store_->ListPeople("loekasjenko", std::nullopt, PageOptions());
  ASSERT_TRUE(named.ok());
  ASSERT_THAT(named->items, SizeIs(1));
  EXPECT_EQ(named->items[0].display_name, "Alexander Lukashenko");
}

// ---------------------------------------------------------------------------
// Identity resolution.

TEST_P(StoreTest, SurnameAndVariantsJoinTheFullName) {
  Put(MakeArticle("a1", {{"One.", "Alexander Lukashenko"}}, Day(1)));
  Put(MakeArticle("a2", {{"Two.", "Lukashenko"}}, Day(2)));
  Put(MakeArticle("a3", {{"Drie.", "Loekasjenko"}}, Day(3), "", {}, "nl"));
  Put(MakeArticle("a4", {{"Four.", "Alexandre Loukachenko"}}, Day(4), "", {},
                  "fr"));
  auto p = store_->GetPerson("Alexander Lukashenko");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->id, "alexander-lukashenko");
  EXPECT_EQ(p->display_name, "Alexander Lukashenko");
  EXPECT_EQ(p->quote_count, 4);
  EXPECT_EQ(p->article_count, 4);
  EXPECT_THAT(p->aliases,
              ::testing::IsSupersetOf(
                  {"Alexander Lukashenko", "Lukashenko", "Loekasjenko"}));
  EXPECT_THAT(p->languages, ElementsAre("en", "fr", "nl"));
  for (const char* name : {"Loekasjenko", "lukashenko", "President Lukashenko",
                           "LUKASHENKO", "Лукашенко"}) {
    EXPECT_EQ(PersonOf(name), "alexander-lukashenko") << name;
  }
}

TEST_P(StoreTest, SurnameOnlyPersonIsUpgradedByFullName) {
  IngestResult r1 = Put(MakeArticle("a1", {{"One.", "Lukashenko"}}, Day(1)));
  const std::string id = r1.quotes[0].quote.speaker.person_id;
  EXPECT_EQ(id, "lukashenko");
  Put(MakeArticle("a2", {{"Two.", "Alexander Lukashenko"}}, Day(2)));
  auto p = store_->GetPerson(id);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->display_name, "Alexander Lukashenko");
  EXPECT_EQ(p->quote_count, 2);
  // The search index knows the new name for the old quote.
  QuoteFilter f;
  f.query = "alexander";
  EXPECT_THAT(Texts(f), ElementsAre("Two.", "One."));
}

TEST_P(StoreTest, DifferentFirstNamesStayApart) {
  Put(MakeArticle("a1", {{"One.", "Maria Kolesnikova"}}, Day(1)));
  Put(MakeArticle("a2", {{"Two.", "Anna Kolesnikova"}}, Day(2)));
  EXPECT_NE(PersonOf("Maria Kolesnikova"), PersonOf("Anna Kolesnikova"));
  // A surname alone, with two full names around: no guess.
  IngestResult r = Put(MakeArticle("a3", {{"Three.", "Kolesnikova"}}, Day(3)));
  const std::string alone = r.quotes[0].quote.speaker.person_id;
  EXPECT_NE(alone, PersonOf("Maria Kolesnikova"));
  EXPECT_NE(alone, PersonOf("Anna Kolesnikova"));
  // A third full name does not take over the unplaced surname.
  IngestResult olga =
      Put(MakeArticle("a3b", {{"Olga.", "Olga Kolesnikova"}}, Day(3)));
  EXPECT_NE(olga.quotes[0].quote.speaker.person_id, alone);
  EXPECT_EQ(store_->GetPerson(alone)->display_name, "Kolesnikova");
  // Another lone surname joins the unplaced one.
  IngestResult again =
      Put(MakeArticle("a3c", {{"Again.", "Kolesnikova"}}, Day(3)));
  EXPECT_EQ(again.quotes[0].quote.speaker.person_id, alone);
  // ... but in an article naming one of them in full, it is that one.
  IngestResult r4 = Put(MakeArticle(
      "a4", {{"Four.", "Kolesnikova"}, {"Five.", "Anna Kolesnikova"}}, Day(4)));
  EXPECT_EQ(r4.quotes[0].quote.speaker.person_id, PersonOf("Anna Kolesnikova"));
  // An initial matches its full given name only.
  IngestResult r5 =
      Put(MakeArticle("a5", {{"Six.", "A. Kolesnikova"}}, Day(5)));
  EXPECT_EQ(r5.quotes[0].quote.speaker.person_id, PersonOf("Anna Kolesnikova"));
  // Ambiguous surname lookups: GetPerson refuses to guess.
  Put(MakeArticle(
      "a6", {{"Seven.", "Viktor Babariko"}, {"Eight.", "Eduard Babariko"}}));
  auto amb = store_->GetPerson("Babariko");
  EXPECT_EQ(amb.status().code(), absl::StatusCode::kNotFound);
  QuoteFilter f;
  f.person = "Babariko";  // a listing takes every match
  EXPECT_THAT(Texts(f), SizeIs(2));
}

TEST_P(StoreTest, OrganisationsResolveByName) {
  IngestResult r1 = Put(MakeArticle(
      "a1", {{"One.", "Viasna", SpeakerKind::kOrganization},
             {"Two.", "The Interior Ministry", SpeakerKind::kOrganization}}));
  IngestResult r2 =
      Put(MakeArticle("a2", {{"Three.", "VIASNA", SpeakerKind::kOrganization},
                             {"Four.", "Viasna", SpeakerKind::kGroup},
                             {"Five.", "Viasna Smith", SpeakerKind::kPerson}}));
  EXPECT_EQ(r1.quotes[0].quote.speaker.person_id,
            r2.quotes[0].quote.speaker.person_id);
  EXPECT_NE(r1.quotes[0].quote.speaker.person_id,
            r1.quotes[1].quote.speaker.person_id);
  EXPECT_NE(r2.quotes[1].quote.speaker.person_id,
            r2.quotes[0].quote.speaker.person_id);  // a group is not the org
  EXPECT_NE(r2.quotes[2].quote.speaker.person_id,
            r2.quotes[0].quote.speaker.person_id);
  auto p = store_->GetPerson("viasna");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->kind, SpeakerKind::kOrganization);
  EXPECT_EQ(p->quote_count, 2);
}

TEST_P(StoreTest, PersonIdsAreSlugsAndUniqueOnCollision) {
  IngestResult r = Put(MakeArticle("a1", {{"One.", "Светлана Тихановская"},
                                          {"Two.", "José Martínez-López"}}));
  EXPECT_EQ(r.quotes[1].quote.speaker.person_id, "jose-martinez-lopez");
  const std::string cyr = r.quotes[0].quote.speaker.person_id;
  EXPECT_FALSE(cyr.empty());
  for (char ch : cyr) {
    EXPECT_TRUE((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
                ch == '-')
        << cyr;
  }
  // Organisation named like a person's slug gets a suffixed id.
  IngestResult r2 = Put(MakeArticle(
      "a2", {{"Three.", "Jose Martinez-Lopez", SpeakerKind::kOrganization}}));
  EXPECT_EQ(r2.quotes[0].quote.speaker.person_id, "jose-martinez-lopez-2");
}

TEST_P(StoreTest, DisplayNameUpgradesFromInitials) {
  Put(MakeArticle("a1", {{"One.", "A. Lukashenko"}}, Day(1)));
  Put(MakeArticle("a2", {{"Two.", "Alexander Lukashenko"}}, Day(2)));
  auto p = store_->GetPerson("Lukashenko");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->display_name, "Alexander Lukashenko");
  EXPECT_EQ(p->quote_count, 2);
}

// ---------------------------------------------------------------------------
// Editorial corrections.

TEST_P(StoreTest, MergeSurvivesReingestAndIsRecorded) {
  Put(MakeArticle("a1", {{"One.", "Alexander Lukashenko"}}, Day(1)));
  Put(MakeArticle("a2", {{"Two.", "Sasha Lukashenko"}}, Day(2)));
  ASSERT_NE(PersonOf("Sasha Lukashenko"), PersonOf("Alexander Lukashenko"));
  auto merged = store_->MergePeople("alexander-lukashenko",
                                    {"Sasha Lukashenko"}, "editor1");
  ASSERT_TRUE(merged.ok()) << merged.status();
  EXPECT_EQ(merged->id, "alexander-lukashenko");
  EXPECT_EQ(merged->quote_count, 2);
  EXPECT_THAT(merged->aliases, ::testing::Contains("Sasha Lukashenko"));
  // The merged id redirects.
  EXPECT_EQ(PersonOf("sasha-lukashenko"), "alexander-lukashenko");
  // Re-ingest keeps the merge.
  IngestResult r =
      Put(MakeArticle("a2", {{"Two.", "Sasha Lukashenko"}}, Day(2)));
  EXPECT_EQ(r.quotes[0].quote.speaker.person_id, "alexander-lukashenko");
  EXPECT_EQ(store_->GetPerson("alexander-lukashenko")->quote_count, 2);
  // Errors.
  EXPECT_EQ(store_->MergePeople("alexander-lukashenko", {"Lukashenko"}, "e")
                .status()
                .code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->MergePeople("alexander-lukashenko", {"Nobody Known"}, "e")
                .status()
                .code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(
      store_->MergePeople("people/nobody", {"Lukashenko"}, "e").status().code(),
      absl::StatusCode::kNotFound);
  auto corrections = store_->ListCorrections(PageOptions());
  ASSERT_TRUE(corrections.ok());
  ASSERT_THAT(corrections->items, SizeIs(1));
  EXPECT_EQ(corrections->items[0].action, "merge");
  EXPECT_EQ(corrections->items[0].editor, "editor1");
  EXPECT_THAT(corrections->items[0].summary, ::testing::HasSubstr("Sasha"));
}

TEST_P(StoreTest, SplitMovesAliasesAndQuotes) {
  Put(MakeArticle("a1", {{"One.", "Maria Kolesnikova"}}, Day(1)));
  Put(MakeArticle("a2", {{"Two.", "Anna Kolesnikova"}}, Day(2)));
  ASSERT_TRUE(
      store_->MergePeople("Maria Kolesnikova", {"Anna Kolesnikova"}, "e").ok());
  EXPECT_EQ(store_->GetPerson("maria-kolesnikova")->quote_count, 2);
  auto split = store_->SplitPerson("maria-kolesnikova", {"Anna Kolesnikova"},
                                   "", "editor2");
  ASSERT_TRUE(split.ok()) << split.status();
  EXPECT_EQ(split->first.id, "maria-kolesnikova");
  EXPECT_EQ(split->first.quote_count, 1);
  EXPECT_THAT(split->first.aliases, ElementsAre("Maria Kolesnikova"));
  EXPECT_EQ(split->second.display_name, "Anna Kolesnikova");
  EXPECT_EQ(split->second.quote_count, 1);
  EXPECT_THAT(split->second.aliases, ElementsAre("Anna Kolesnikova"));
  // Re-ingest follows the split.
  IngestResult r =
      Put(MakeArticle("a2", {{"Two.", "Anna Kolesnikova"}}, Day(2)));
  EXPECT_EQ(r.quotes[0].quote.speaker.person_id, split->second.id);
  // Errors.
  EXPECT_EQ(store_->SplitPerson("maria-kolesnikova", {"Nobody"}, "", "e")
                .status()
                .code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(
      store_->SplitPerson("maria-kolesnikova", {"Maria Kolesnikova"}, "", "e")
          .status()
          .code(),
      absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(
      store_->SplitPerson("people/nobody", {"X"}, "", "e").status().code(),
      absl::StatusCode::kNotFound);
}

// A listing by person and source (and topic) follows every correction that
// moves quotes between people: a merge, a split, a reattributed quote, and
// re-ingest after them (PostgreSQL keeps the person in the source rows).
TEST_P(StoreTest, PersonAndSourceFollowCorrectionsBetweenPeople) {
  const std::vector<std::string> topic = {"elections"};
  Put(MakeArticle("a1", {{"One.", "Alexander Lukashenko", SpeakerKind::kPerson, topic}},
                  Day(1), "Reuters"));
  Put(MakeArticle("a2", {{"Two.", "Sasha Lukashenko", SpeakerKind::kPerson, topic}},
                  Day(2), "Reuters"));
  IngestResult three = Put(MakeArticle(
      "a3", {{"Three.", "Sasha Lukashenko", SpeakerKind::kPerson, topic}}, Day(3),
      "AFP"));
  auto listed = [&](const std::string& person, const std::string& source) {
    QuoteFilter both;
    both.person = person;
    both.source = source;
    std::vector<std::string> texts = Texts(both);
    both.topic = "elections";
    EXPECT_EQ(Texts(both), texts) << person << " + " << source;
    // Every quote is about elections: a person and the topic list what the
    // person does (on PostgreSQL, from the topic rows that carry the
    // quote's person: they follow merges, splits and reattributions).
    QuoteFilter by_person;
    by_person.person = person;
    QuoteFilter person_topic = by_person;
    person_topic.topic = "elections";
    EXPECT_EQ(Texts(person_topic), Texts(by_person)) << person << " + elections";
    return texts;
  };
  EXPECT_THAT(listed("alexander-lukashenko", "Reuters"), ElementsAre("One."));
  EXPECT_THAT(listed("sasha-lukashenko", "Reuters"), ElementsAre("Two."));
  ASSERT_TRUE(store_->MergePeople("alexander-lukashenko", {"Sasha Lukashenko"},
                                  "e").ok());
  EXPECT_THAT(listed("alexander-lukashenko", "Reuters"),
              ElementsAre("Two.", "One."));
  EXPECT_THAT(listed("alexander-lukashenko", "AFP"), ElementsAre("Three."));
  // Re-ingest after the merge.
  Put(MakeArticle("a2", {{"Two.", "Sasha Lukashenko", SpeakerKind::kPerson, topic}},
                  Day(2), "Reuters"));
  EXPECT_THAT(listed("alexander-lukashenko", "Reuters"),
              ElementsAre("Two.", "One."));
  auto split = store_->SplitPerson("alexander-lukashenko", {"Sasha Lukashenko"},
                                   "", "e");
  ASSERT_TRUE(split.ok()) << split.status();
  EXPECT_THAT(listed("alexander-lukashenko", "Reuters"), ElementsAre("One."));
  EXPECT_THAT(listed("alexander-lukashenko", "AFP"), IsEmpty());
  EXPECT_THAT(listed(split->second.id, "Reuters"), ElementsAre("Two."));
  EXPECT_THAT(listed(split->second.id, "AFP"), ElementsAre("Three."));
  ASSERT_TRUE(store_->ReattributeQuote(three.quotes[0].quote.id,
                                       "Alexander Lukashenko", "e").ok());
  EXPECT_THAT(listed("alexander-lukashenko", "AFP"), ElementsAre("Three."));
  EXPECT_THAT(listed(split->second.id, "AFP"), IsEmpty());
}

// Listings by topic and source, and by free text and source, follow a
// re-ingest that changes a quote's source or topic (PostgreSQL keeps the
// quote's sources in its topic rows and its search row), with a relation
// and across pages.
TEST_P(StoreTest, TopicOrTextAndSourceFollowReingest) {
  const std::vector<std::string> elections = {"elections"};
  const std::vector<std::string> economy = {"economy"};
  auto article = [&](const std::string& id, const std::string& text,
                     const std::vector<std::string>& topics, int day,
                     const std::string& publisher) {
    return MakeArticle(id, {{text, "Maria Kolesnikova", SpeakerKind::kPerson, topics}},
                       Day(day), publisher);
  };
  Put(article("a1", "Ballots first.", elections, 1, "Reuters"));
  Put(article("a2", "Ballots second.", elections, 2, "AFP"));
  Put(article("a3", "Ballots third.", economy, 3, "Reuters"));
  auto listed = [&](const std::string& topic, const std::string& query,
                    const std::string& source) {
    QuoteFilter f;
    f.topic = topic;
    f.query = query;
    f.source = source;
    // One quote per page: the page tokens of both listings too.
    std::vector<std::string> texts;
    PageOptions page;
    page.page_size = 1;
    for (int i = 0; i < 5; ++i) {
      auto r = store_->ListQuotes(f, page);
      EXPECT_TRUE(r.ok()) << r.status();
      if (!r.ok()) break;
      for (const StoredQuote& q : r->items) texts.push_back(q.quote.text);
      if (r->next_page_token.empty()) break;
      page.page_token = r->next_page_token;
    }
    return texts;
  };
  EXPECT_THAT(listed("elections", "", "Reuters"), ElementsAre("Ballots first."));
  EXPECT_THAT(listed("", "ballots", "Reuters"),
              ElementsAre("Ballots third.", "Ballots first."));
  EXPECT_THAT(listed("", "ballots", "AFP"), ElementsAre("Ballots second."));
  // a1 moves to AFP, a3 to elections.
  Put(article("a1", "Ballots first.", elections, 1, "AFP"));
  Put(article("a3", "Ballots third.", elections, 3, "Reuters"));
  EXPECT_THAT(listed("elections", "", "Reuters"), ElementsAre("Ballots third."));
  EXPECT_THAT(listed("elections", "", "AFP"),
              ElementsAre("Ballots second.", "Ballots first."));
  EXPECT_THAT(listed("economy", "", "Reuters"), IsEmpty());
  EXPECT_THAT(listed("", "ballots", "Reuters"), ElementsAre("Ballots third."));
  EXPECT_THAT(listed("", "ballots", "AFP"),
              ElementsAre("Ballots second.", "Ballots first."));
  EXPECT_THAT(listed("", "first", "Reuters"), IsEmpty());
  // The publisher relation: the source is each article's publisher.
  QuoteFilter outlet;
  outlet.query = "ballots";
  outlet.source = "AFP";
  outlet.source_relation = SourceRelation::kOutlet;
  EXPECT_THAT(Texts(outlet), IsEmpty());
  outlet.source_relation = SourceRelation::kPublisher;
  EXPECT_THAT(Texts(outlet), ElementsAre("Ballots second.", "Ballots first."));
}

TEST_P(StoreTest, RenameLocksTheDisplayName) {
  Put(MakeArticle("a1", {{"One.", "Lukashenko"}}, Day(1)));
  auto renamed =
      store_->RenamePerson("Lukashenko", "Aliaksandr Lukashenka", "e");
  ASSERT_TRUE(renamed.ok()) << renamed.status();
  EXPECT_EQ(renamed->display_name, "Aliaksandr Lukashenka");
  EXPECT_EQ(renamed->id, "lukashenko");
  Put(MakeArticle("a2", {{"Two.", "Alexander Lukashenko"}}, Day(2)));
  auto p = store_->GetPerson("lukashenko");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->display_name, "Aliaksandr Lukashenka");
  EXPECT_EQ(p->quote_count, 2);
  // Every quote of the person carries the canonical name; the mention keeps
  // the form as written.
  QuoteFilter by_person;
  by_person.person = "lukashenko";
  auto quotes = store_->ListQuotes(by_person, PageOptions{});
  ASSERT_TRUE(quotes.ok()) << quotes.status();
  ASSERT_EQ(quotes->items.size(), 2u);
  for (const StoredQuote& q : quotes->items) {
    EXPECT_EQ(q.quote.speaker.name, "Aliaksandr Lukashenka");
  }
  EXPECT_EQ(store_->RenamePerson("lukashenko", " ", "e").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->RenamePerson("nobody-here", "X", "e").status().code(),
            absl::StatusCode::kNotFound);
}

TEST_P(StoreTest, ReattributionSurvivesReingestAndReopen) {
  TestDb db(GetParam());
  auto store = Open(db.path());
  ASSERT_NE(store, nullptr);
  AnalyzedArticle a = MakeArticle(
      "a1",
      {{"One.", "Alexander Lukashenko"}, {"Two.", "Alexander Lukashenko"}},
      Day(1));
  IngestResult r = Put(a, store.get());
  const std::string qid = r.quotes[1].quote.id;
  auto re = store->ReattributeQuote(qid, "Natalia Eismont", "desk");
  ASSERT_TRUE(re.ok()) << re.status();
  EXPECT_EQ(re->quote.speaker.name, "Natalia Eismont");
  EXPECT_EQ(re->quote.attribution, Attribution::kEditorial);
  const std::string new_id = re->quote.speaker.person_id;
  EXPECT_EQ(new_id, "natalia-eismont");
  EXPECT_EQ(store->GetPerson("alexander-lukashenko")->quote_count, 1);
  EXPECT_EQ(store->GetPerson(new_id)->quote_count, 1);
  ASSERT_TRUE(
      store->MergePeople("Alexander Lukashenko", {}, "x").status().code() ==
      absl::StatusCode::kInvalidArgument);
  store.reset();

  store = Open(db.path());
  ASSERT_NE(store, nullptr);
  auto q = store->GetQuote(qid);
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->quote.speaker.person_id, new_id);
  IngestResult again = Put(a, store.get());
  EXPECT_EQ(again.quotes[1].quote.id, qid);
  EXPECT_EQ(again.quotes[1].quote.speaker.person_id, new_id);
  EXPECT_EQ(again.quotes[1].quote.attribution, Attribution::kEditorial);
  EXPECT_EQ(again.quotes[0].quote.speaker.person_id, "alexander-lukashenko");
  auto corrections = store->ListCorrections(PageOptions());
  ASSERT_TRUE(corrections.ok());
  ASSERT_THAT(corrections->items, SizeIs(1));
  EXPECT_EQ(corrections->items[0].action, "reattribute");
  EXPECT_EQ(corrections->items[0].editor, "desk");
  // To an existing person, by name form.
  auto back = store->ReattributeQuote(qid, "Lukashenko", "desk");
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->quote.speaker.person_id, "alexander-lukashenko");
  EXPECT_EQ(store->ReattributeQuote("nope", "Lukashenko", "d").status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(store->ReattributeQuote(qid, "people/nobody", "d").status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(store->ReattributeQuote(qid, "no-such-person", "d").status().code(),
            absl::StatusCode::kNotFound);
}

TEST_P(StoreTest, CorrectionsSurviveReopenAndPage) {
  TestDb db(GetParam());
  auto store = Open(db.path());
  Put(MakeArticle("a1", {{"One.", "Maria Kolesnikova"}}, Day(1)), store.get());
  Put(MakeArticle("a2", {{"Two.", "Anna Kolesnikova"}}, Day(2)), store.get());
  ASSERT_TRUE(
      store->RenamePerson("Maria Kolesnikova", "Maryia Kalesnikava", "a").ok());
  ASSERT_TRUE(
      store->MergePeople("maria-kolesnikova", {"anna-kolesnikova"}, "b").ok());
  ASSERT_TRUE(store
                  ->SplitPerson("maria-kolesnikova", {"Anna Kolesnikova"},
                                "Hanna Kalesnikava", "c")
                  .ok());
  store.reset();
  store = Open(db.path());
  std::vector<std::string> actions;
  PageOptions page;
  page.page_size = 1;
  for (int guard = 0; guard < 10; ++guard) {
    auto r = store->ListCorrections(page);
    ASSERT_TRUE(r.ok()) << r.status();
    for (const auto& c : r->items) actions.push_back(c.action + "/" + c.editor);
    if (r->next_page_token.empty()) break;
    page.page_token = r->next_page_token;
  }
  EXPECT_THAT(actions, ElementsAre("split/c", "merge/b", "rename/a"));
  auto maria = store->GetPerson("maria-kolesnikova");
  ASSERT_TRUE(maria.ok());
  EXPECT_EQ(maria->display_name, "Maryia Kalesnikava");
  auto hanna = store->GetPerson("Hanna Kalesnikava");
  ASSERT_TRUE(hanna.ok());
  EXPECT_EQ(hanna->quote_count, 1);
  // Re-ingest both articles: the corrections hold.
  IngestResult r1 = Put(
      MakeArticle("a1", {{"One.", "Maria Kolesnikova"}}, Day(1)), store.get());
  IngestResult r2 = Put(
      MakeArticle("a2", {{"Two.", "Anna Kolesnikova"}}, Day(2)), store.get());
  EXPECT_EQ(r1.quotes[0].quote.speaker.person_id, "maria-kolesnikova");
  EXPECT_EQ(r2.quotes[0].quote.speaker.person_id, hanna->id);
}

// Every count the store reports equals what the listings return.
void ExpectCountsConsistent(
    Store& store,
    const std::function<std::vector<StoredQuote>(const QuoteFilter&)>& all) {
  PageOptions page;
  page.page_size = 1000;
  auto people = store.ListPeople("", std::nullopt, page);
  ASSERT_TRUE(people.ok());
  for (const PersonRecord& p : people->items) {
    QuoteFilter f;
    f.person = p.id;
    std::vector<StoredQuote> quotes = all(f);
    EXPECT_EQ(static_cast<int64_t>(quotes.size()), p.quote_count) << p.id;
    std::set<std::string> articles;
    for (const auto& q : quotes) {
      EXPECT_EQ(q.quote.speaker.person_id, p.id);
      articles.insert(q.article_id);
    }
    EXPECT_EQ(static_cast<int64_t>(articles.size()), p.article_count) << p.id;
  }
  auto sources = store.ListSources("", page);
  ASSERT_TRUE(sources.ok());
  for (const SourceRecord& s : sources->items) {
    QuoteFilter f;
    f.source = s.id;
    EXPECT_EQ(static_cast<int64_t>(all(f).size()), s.quote_count) << s.id;
    f.source_relation = SourceRelation::kPublisher;
    EXPECT_EQ(static_cast<int64_t>(all(f).size()), s.publisher_quote_count);
    f.source_relation = SourceRelation::kOutlet;
    EXPECT_EQ(static_cast<int64_t>(all(f).size()), s.outlet_quote_count);
    f.source_relation = SourceRelation::kWire;
    EXPECT_EQ(static_cast<int64_t>(all(f).size()), s.wire_quote_count);
  }
  auto topics = store.ListTopics(page);
  ASSERT_TRUE(topics.ok());
  for (const TopicRecord& t : topics->items) {
    QuoteFilter f;
    f.topic = t.id;
    EXPECT_EQ(static_cast<int64_t>(all(f).size()), t.quote_count) << t.id;
  }
}

TEST_P(StoreTest, CountsStayConsistentThroughEveryChange) {
  auto all = [&](const QuoteFilter& f) { return All(f); };
  Put(MakeArticle("a1",
                  {{"One.",
                    "Alexander Lukashenko",
                    SpeakerKind::kPerson,
                    {"elections"},
                    "Al Jazeera"},
                   {"slogan",
                    "Alexander Lukashenko",
                    SpeakerKind::kPerson,
                    {"elections"},
                    "",
                    QuoteKind::kSlogan},
                   {"Two.",
                    "Maria Kolesnikova",
                    SpeakerKind::kPerson,
                    {"protests", "elections"}}},
                  Day(1), "Reuters", {"AFP", "Reuters"}));
  Put(MakeArticle(
      "a2",
      {{"Three.", "Sasha Lukashenko", SpeakerKind::kPerson, {"sanctions"}},
       {"Four.", "Kolesnikova"}},
      Day(2), "AFP"));
  ExpectCountsConsistent(*store_, all);
  // Non-speech quotes are not counted.
  EXPECT_EQ(store_->GetPerson("Alexander Lukashenko")->quote_count, 1);
  ASSERT_TRUE(
      store_->MergePeople("Alexander Lukashenko", {"Sasha Lukashenko"}, "e")
          .ok());
  ExpectCountsConsistent(*store_, all);
  EXPECT_EQ(store_->GetPerson("Alexander Lukashenko")->article_count, 2);
  auto quotes = store_->GetArticleQuotes("a2");
  ASSERT_TRUE(quotes.ok());
  ASSERT_TRUE(
      store_->ReattributeQuote((*quotes)[1].quote.id, "Natalia Eismont", "e")
          .ok());
  ExpectCountsConsistent(*store_, all);
  EXPECT_EQ(store_->GetPerson("Maria Kolesnikova")->quote_count, 1);
  ASSERT_TRUE(store_
                  ->SplitPerson("Alexander Lukashenko", {"Sasha Lukashenko"},
                                "Sasha Lukashenko", "e")
                  .ok());
  ExpectCountsConsistent(*store_, all);
  Put(MakeArticle(
      "a2",
      {{"Three.", "Sasha Lukashenko", SpeakerKind::kPerson, {"sanctions"}}},
      Day(2), "AFP"));
  ExpectCountsConsistent(*store_, all);
  ASSERT_TRUE(store_->DeleteArticle("a1").ok());
  ExpectCountsConsistent(*store_, all);
  ASSERT_TRUE(store_->DeleteArticle("a2").ok());
  auto sources = store_->ListSources("", PageOptions());
  ASSERT_TRUE(sources.ok());
  EXPECT_THAT(sources->items, IsEmpty());
  auto topics = store_->ListTopics(PageOptions());
  ASSERT_TRUE(topics.ok());
  for (const auto& t : topics->items) EXPECT_EQ(t.quote_count, 0) << t.id;
  auto people = store_->ListPeople("", std::nullopt, PageOptions());
  ASSERT_TRUE(people.ok());
  EXPECT_THAT(people->items, IsEmpty());
}

TEST_P(StoreTest, SplitWithDisplayNameOfAMovedAlias) {
  Put(MakeArticle("a1", {{"One.", "Maria Kolesnikova"}}, Day(1)));
  Put(MakeArticle("a2", {{"Two.", "Anna Kolesnikova"}}, Day(2)));
  ASSERT_TRUE(
      store_->MergePeople("Anna Kolesnikova", {"Maria Kolesnikova"}, "e").ok());
  // The remaining person's display name moves: it takes a name it keeps.
  auto split = store_->SplitPerson("anna-kolesnikova", {"Anna Kolesnikova"},
                                   "Anna Kolesnikova", "e");
  ASSERT_TRUE(split.ok()) << split.status();
  EXPECT_EQ(split->first.id, "anna-kolesnikova");
  EXPECT_EQ(split->first.display_name, "Maria Kolesnikova");
  EXPECT_EQ(split->second.display_name, "Anna Kolesnikova");
  EXPECT_EQ(split->second.id, "anna-kolesnikova-2");
  EXPECT_EQ(split->second.quote_count, 1);
  EXPECT_EQ(PersonOf("Anna Kolesnikova"), "anna-kolesnikova-2");
}

// ---------------------------------------------------------------------------
// Schema and concurrency.

TEST(SqliteStoreSchemaTest, MigratesAnOldFileAndRefusesANewerOne) {
  TempDb db;
  FakeClock clock;
  {
    auto conn = store_internal::Connection::Open(
        db.path(), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, 1000);
    ASSERT_TRUE(conn.ok());
    auto v = store_internal::Migrate(**conn, 1);
    ASSERT_TRUE(v.ok()) << v.status();
    EXPECT_EQ(*v, 1);
    ASSERT_TRUE((*conn)
                    ->Exec("INSERT INTO articles(id, client_id, text_hash, "
                           "text, title, publisher, "
                           "url, publish_time, language, ingest_time, "
                           "wire_credits) VALUES "
                           "('old', 'old', 'h', 'Old text.', '', '', '', NULL, "
                           "'en', 0, '')")
                    .ok());
    ASSERT_TRUE(
        (*conn)
            ->Exec("INSERT INTO quotes(id, article_id, ordinal, text, spans, "
                   "kind, speech, "
                   "speaker_name, speaker_mention, mention_start, mention_end, "
                   "speaker_kind, speaker_description, speaker_age, person_id, "
                   "alias_key, "
                   "cue, outlet, attribution, confidence, topics, language, "
                   "publish_time) "
                   "VALUES ('q1', 'old', 0, 'Old quote.', '0-4', 'full', 1, "
                   "'', '', 0, 0, "
                   "'unknown', '', 0, NULL, '', '', '', 'none', 0, '', "
                   "'en-GB', 5)")
            .ok());
    ASSERT_TRUE((*conn)
                    ->Exec("INSERT INTO quote_fts(rowid, body, speaker) "
                           "SELECT rid, 'old quote', '' FROM quotes "
                           "WHERE id = 'q1'")
                    .ok());
    // Sources (migration 3 copies them into the quote row).
    ASSERT_TRUE((*conn)
                    ->Exec("INSERT INTO sources(id, display_name) VALUES "
                           "('oslo-post', 'Oslo Post, 1:2 \xc3\x98st'), "
                           "('afp', 'AFP'); "
                           "INSERT INTO quote_sources(quote_id, source_id, "
                           "relations, publish_time) VALUES "
                           "('q1', 'oslo-post', 5, 5), ('q1', 'afp', 4, 5)")
                    .ok());
  }
  {
    auto store = OpenSqliteStore(Options(db.path(), &clock));
    ASSERT_TRUE(store.ok()) << store.status();
    auto article = (*store)->GetArticle("old");
    ASSERT_TRUE(article.ok());
    EXPECT_EQ(article->article.text, "Old text.");
    // Migration 2 filled the primary language of the existing quote.
    QuoteFilter f;
    f.language = "en";
    auto quotes = (*store)->ListQuotes(f, PageOptions());
    ASSERT_TRUE(quotes.ok()) << quotes.status();
    ASSERT_THAT(quotes->items, SizeIs(1));
    EXPECT_EQ(quotes->items[0].quote.text, "Old quote.");
    const std::vector<QuoteSource>& sources = quotes->items[0].sources;
    ASSERT_THAT(sources, SizeIs(3));
    EXPECT_EQ(sources[0].source_id, "oslo-post");
    EXPECT_EQ(sources[0].display_name, "Oslo Post, 1:2 \xc3\x98st");
    EXPECT_EQ(sources[0].relation, SourceRelation::kPublisher);
    EXPECT_EQ(sources[1].source_id, "afp");
    EXPECT_EQ(sources[1].relation, SourceRelation::kWire);
    EXPECT_EQ(sources[2].source_id, "oslo-post");
    EXPECT_EQ(sources[2].relation, SourceRelation::kWire);
    auto quote = (*store)->GetQuote("q1");
    ASSERT_TRUE(quote.ok()) << quote.status();
    EXPECT_EQ(quote->sources.size(), 3u);
    // Migration 4 gave quote_sources the quote's rid: the source listing
    // joins on it.
    auto listed_ids = [&](const QuoteFilter& filter) {
      std::vector<std::string> ids;
      auto listed = (*store)->ListQuotes(filter, PageOptions());
      EXPECT_TRUE(listed.ok()) << listed.status();
      if (listed.ok()) {
        for (const StoredQuote& q : listed->items) ids.push_back(q.quote.id);
      }
      return ids;
    };
    QuoteFilter by_source;
    by_source.source = "oslo-post";
    by_source.source_relation = SourceRelation::kWire;
    EXPECT_THAT(listed_ids(by_source), ElementsAre("q1"));
    // Migration 9 and the re-index on open gave the search index the stems
    // of the existing quote.
    QuoteFilter by_stem;
    by_stem.query = "quotes";
    EXPECT_THAT(listed_ids(by_stem), ElementsAre("q1"));
    // A new ingest works on the migrated file.
    auto put =
        (*store)->PutArticle(MakeArticle("new", {{"New.", "Ann Smith"}}));
    ASSERT_TRUE(put.ok()) << put.status();
  }
  {
    auto conn = store_internal::Connection::Open(db.path(),
                                                 SQLITE_OPEN_READWRITE, 1000);
    ASSERT_TRUE(conn.ok());
    auto v = store_internal::SchemaVersion(**conn);
    ASSERT_TRUE(v.ok());
    EXPECT_EQ(*v, store_internal::LatestSchemaVersion());
    auto index = (*conn)->QueryText(
        "SELECT name FROM sqlite_master WHERE name = 'quotes_by_language'");
    ASSERT_TRUE(index.ok());
    EXPECT_EQ(*index, "quotes_by_language");
    ASSERT_TRUE(
        (*conn)->Exec("INSERT INTO schema_migrations VALUES (999, 0)").ok());
  }
  auto refused = OpenSqliteStore(Options(db.path(), &clock));
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kFailedPrecondition);
}

TEST(SqliteStoreSchemaTest, RequiresComponents) {
  SqliteStoreOptions options;
  options.path = ":memory:";
  EXPECT_EQ(OpenSqliteStore(options).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_P(StoreTest, ConcurrentReadersAndWriters) {
  TestDb db(GetParam());
  auto store = Open(db.path());
  ASSERT_NE(store, nullptr);
  constexpr int kWriters = 2;
  constexpr int kArticlesPerWriter = 15;
  constexpr int kReaders = 4;
  std::atomic<bool> done{false};
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int w = 0; w < kWriters; ++w) {
    threads.emplace_back([&, w] {
      for (int i = 0; i < kArticlesPerWriter; ++i) {
        auto r = store->PutArticle(MakeArticle(
            absl::StrCat("w", w, "-", i),
            {{absl::StrCat("Writer ", w, " says ", i, "."),
              "Alexander Lukashenko",
              SpeakerKind::kPerson,
              {"elections"}},
             {absl::StrCat("Reply ", w, " ", i, "."), "Maria Kolesnikova"}},
            Day(i), "Reuters"));
        if (!r.ok()) {
          ++failures;
          ADD_FAILURE() << r.status();
        }
      }
    });
  }
  for (int r = 0; r < kReaders; ++r) {
    threads.emplace_back([&, r] {
      int rounds = 0;
      while (!done.load() || rounds < 3) {
        ++rounds;
        QuoteFilter f;
        if (r % 2) f.person = "Lukashenko";
        if (r == 2) f.query = "writer";
        PageOptions page;
        page.page_size = 7;
        auto list = store->ListQuotes(f, page);
        if (!list.ok()) {
          ++failures;
          ADD_FAILURE() << list.status();
        }
        auto person = store->GetPerson("Lukashenko");
        if (!person.ok() &&
            person.status().code() != absl::StatusCode::kNotFound) {
          ++failures;
          ADD_FAILURE() << person.status();
        }
        auto topics = store->ListTopics(PageOptions());
        if (!topics.ok()) ++failures;
      }
    });
  }
  for (int w = 0; w < kWriters; ++w) threads[w].join();
  done = true;
  for (size_t i = kWriters; i < threads.size(); ++i) threads[i].join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_THAT(All(QuoteFilter(), 1000, store.get()),
              SizeIs(kWriters * kArticlesPerWriter * 2));
  auto p = store->GetPerson("Lukashenko");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->quote_count, kWriters * kArticlesPerWriter);
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreTest,
                         ::testing::Values(Backend::kSqlite,
                                           Backend::kPostgres),
                         testing_util::BackendName);
INSTANTIATE_TEST_SUITE_P(Backends, PagingTest,
                         ::testing::Values(Backend::kSqlite,
                                           Backend::kPostgres),
                         testing_util::BackendName);
INSTANTIATE_TEST_SUITE_P(Backends, FilterTest,
                         ::testing::Values(Backend::kSqlite,
                                           Backend::kPostgres),
                         testing_util::BackendName);

}  // namespace
}  // namespace quotewire

// Pre-encoded listings (Store::ListEncodedQuotes with the service's
// ListingEncoder) answer exactly what ListQuotes answers, rendered as the
// service renders it: same quotes, fields, order and page tokens, after
// ingest, re-ingest, deletion and every editorial correction, and after the
// listings are rebuilt when a store is reopened.
#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "quotewire/v1/quotewire.pb.h"
#include "server/service/proto_conversion.h"
#include "server/store/sqlite_store.h"
#include "tests/store/store_test_util.h"

namespace quotewire {
namespace {

using testing_util::FakeClock;
using testing_util::MakeArticle;
using testing_util::QuoteSpec;
using testing_util::TempDb;

absl::Time Day(int d) { return absl::FromUnixSeconds(1600000000 + d * 86400); }


// An encoder of another format, as after an upgrade.
class OtherFormatEncoder : public QuoteEncoder {
 public:
  std::string format() const override { return "other/1"; }
  std::string Encode(const StoredQuote&) const override { return "stale"; }
};

// Parameter: SqliteStoreOptions::listing_cache_mib (0: every row from SQLite).
class ListingTest : public ::testing::TestWithParam<int> {
 protected:
  std::unique_ptr<Store> Open(const QuoteEncoder* encoder) {
    SqliteStoreOptions options = testing_util::Options(db_.path(), &clock_);
    options.encoder = encoder;
    options.listing_cache_mib = GetParam();
    auto store = OpenSqliteStore(options);
    EXPECT_TRUE(store.ok()) << store.status();
    return store.ok() ? *std::move(store) : nullptr;
  }

  void SetUp() override {
    store_ = Open(&encoder_);
    ASSERT_NE(store_, nullptr);
    Ingest(1, "a1", "Reuters",
           {{"We will not give up.", "Maria Kolesnikova", SpeakerKind::kPerson,
             {"protests"}, "AFP"},
            {"The election was stolen.", "Kolesnikova", SpeakerKind::kPerson,
             {"elections", "protests"}},
            {"Nobody said this aloud.", ""},
            {"March of Freedom", "", SpeakerKind::kPerson, {"protests"}, "",
             QuoteKind::kTitle}});
    Ingest(2, "a2", "BBC",
           {{"Order will be restored.", "Alexander Lukashenko",
             SpeakerKind::kPerson, {"protests"}, "Al Jazeera"},
            {"The talks are over.", "the Kremlin", SpeakerKind::kOrganization,
             {"elections"}}},
           {"AFP"});
    Ingest(3, "a3", "Reuters",
           {{"I stay in Minsk.", "Maria Kolesnikova", SpeakerKind::kPerson,
             {"protests"}},
            {"It is a revolution.", "Anna Kolesnikova", SpeakerKind::kPerson,
             {"protests"}},
            {"Lukashenko must go.", "Maria Kolesnikova", SpeakerKind::kPerson,
             {"elections"}}});
    Ingest(3, "a4", "BBC",
           {{"Same day, another article.", "Alexander Lukashenko",
             SpeakerKind::kPerson, {"protests"}}});
  }

  void Ingest(int day, const std::string& id, const std::string& publisher,
              const std::vector<QuoteSpec>& quotes,
              std::vector<std::string> wires = {}) {
    auto result = store_->PutArticle(
        MakeArticle(id, quotes, Day(day), publisher, std::move(wires)));
    ASSERT_TRUE(result.ok()) << result.status();
  }

  // Pages through `filter` both ways, `page_size` at a time, following the
  // tokens of the other way, and expects the same responses.
  void ExpectSameListings(const QuoteFilter& filter, int page_size,
                          int expected_total) {
    SCOPED_TRACE(absl::StrCat("person=", filter.person, " topic=", filter.topic,
                              " source=", filter.source));
    PageOptions page;
    page.page_size = page_size;
    int total = 0;
    for (int round = 0; round < 100; ++round) {
      auto plain = store_->ListQuotes(filter, page);
      ASSERT_TRUE(plain.ok()) << plain.status();
      v1::ListQuotesResponse expected;
      for (const StoredQuote& q : plain->items) {
        StoredQuoteToProto(q, nullptr, expected.add_quotes());
      }
      expected.set_next_page_token(plain->next_page_token);

      auto encoded = store_->ListEncodedQuotes(filter, page);
      ASSERT_TRUE(encoded.ok()) << encoded.status();
      ASSERT_TRUE(encoded->has_value()) << "no listing for this filter";
      std::string wire;
      for (const auto& entry : (*encoded)->entries) {
        AppendListedQuote(entry, &wire);
      }
      AppendNextPageToken((*encoded)->next_page_token, &wire);
      v1::ListQuotesResponse actual;
      ASSERT_TRUE(actual.ParseFromString(wire));

      std::string diff;
      google::protobuf::util::MessageDifferencer differencer;
      differencer.ReportDifferencesToString(&diff);
      EXPECT_TRUE(differencer.Compare(expected, actual)) << diff;
      total += expected.quotes_size();
      if (expected.next_page_token().empty()) break;
      // Alternate whose token leads, to show that they are interchangeable.
      page.page_token = round % 2 == 0 ? (*encoded)->next_page_token
                                       : plain->next_page_token;
    }
    EXPECT_EQ(total, expected_total);
  }

  QuoteFilter Person(const std::string& p) {
    QuoteFilter f;
    f.person = p;
    return f;
  }
  QuoteFilter Topic(const std::string& t) {
    QuoteFilter f;
    f.topic = t;
    return f;
  }
  QuoteFilter Source(const std::string& s) {
    QuoteFilter f;
    f.source = s;
    return f;
  }

  void ExpectAllSame() {
    ExpectSameListings(Person("Maria Kolesnikova"), 2, 4);
    ExpectSameListings(Person("alexander-lukashenko"), 1, 2);
    ExpectSameListings(Person("the Kremlin"), 5, 1);
    ExpectSameListings(Topic("protests"), 2, 6);
    ExpectSameListings(Topic("elections"), 3, 3);
    ExpectSameListings(Source("Reuters"), 2, 6);
    ExpectSameListings(Source("AFP"), 2, 3);
    // Several filters: the person drives, else whichever of the topic and
    // the source has fewer quotes (AFP 3 < protests 6; elections 3 <
    // Reuters 6); the others are index probes.
    QuoteFilter person_topic = Person("Maria Kolesnikova");
    person_topic.topic = "protests";
    ExpectSameListings(person_topic, 2, 3);
    QuoteFilter all_three = Person("Maria Kolesnikova");
    all_three.topic = "elections";
    all_three.source = "Reuters";
    ExpectSameListings(all_three, 1, 2);
    QuoteFilter source_drives = Topic("protests");
    source_drives.source = "AFP";
    ExpectSameListings(source_drives, 1, 2);
    QuoteFilter topic_drives = Topic("elections");
    topic_drives.source = "Reuters";
    ExpectSameListings(topic_drives, 1, 2);
    QuoteFilter outlet = Person("Maria Kolesnikova");
    outlet.source = "AFP";
    outlet.source_relation = SourceRelation::kOutlet;
    ExpectSameListings(outlet, 5, 1);
  }

  TempDb db_;
  FakeClock clock_;
  ListingEncoder encoder_;
  std::unique_ptr<Store> store_;
};

TEST_P(ListingTest, PagesEqualListQuotesRenderedByTheService) {
  ExpectAllSame();
  // Filters with a time range or a source relation.
  QuoteFilter outlet = Source("AFP");
  outlet.source_relation = SourceRelation::kOutlet;
  ExpectSameListings(outlet, 5, 1);
  QuoteFilter wire = Source("AFP");
  wire.source_relation = SourceRelation::kWire;
  ExpectSameListings(wire, 1, 2);
  QuoteFilter range = Topic("protests");
  range.start_time = Day(2);
  range.end_time = Day(3);
  ExpectSameListings(range, 5, 1);
  // A name nobody has: an empty page from both.
  ExpectSameListings(Person("Nobody Known"), 5, 0);
}

TEST_P(ListingTest, FiltersListingsDoNotServeAreLeftToListQuotes) {
  QuoteFilter query = Person("Maria Kolesnikova");
  query.query = "Minsk";
  QuoteFilter non_speech = Topic("protests");
  non_speech.include_non_speech = true;
  QuoteFilter language = Topic("protests");
  language.language = "en";
  QuoteFilter none;
  for (const QuoteFilter& f : {query, non_speech, language, none}) {
    auto encoded = store_->ListEncodedQuotes(f, PageOptions());
    ASSERT_TRUE(encoded.ok()) << encoded.status();
    EXPECT_FALSE(encoded->has_value());
  }
  // A bad token is the same error as ListQuotes gives.
  PageOptions bad;
  bad.page_token = "not-a-token";
  EXPECT_EQ(store_->ListEncodedQuotes(Topic("protests"), bad).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_P(ListingTest, StayEqualThroughCorrectionsReingestAndDeletion) {
  // Read first, so that a cached row or name would show if a write did not
  // reach it.
  ExpectAllSame();
  ASSERT_TRUE(
      store_->MergePeople("Maria Kolesnikova", {"Anna Kolesnikova"}, "ed").ok());
  ExpectSameListings(Person("Maria Kolesnikova"), 2, 5);
  ExpectSameListings(Topic("protests"), 4, 6);

  ASSERT_TRUE(store_
                  ->SplitPerson("maria-kolesnikova", {"Anna Kolesnikova"},
                                "", "ed")
                  .ok());
  ExpectSameListings(Person("Maria Kolesnikova"), 2, 4);
  ExpectSameListings(Person("Anna Kolesnikova"), 2, 1);

  ASSERT_TRUE(store_->RenamePerson("alexander-lukashenko",
                                   "Aliaksandr Lukashenka", "ed")
                  .ok());
  ExpectSameListings(Person("alexander-lukashenko"), 1, 2);
  ExpectSameListings(Topic("protests"), 4, 6);

  auto listed = store_->ListQuotes(Person("the Kremlin"), PageOptions());
  ASSERT_TRUE(listed.ok() && listed->items.size() == 1);
  ASSERT_TRUE(store_
                  ->ReattributeQuote(listed->items[0].quote.id,
                                     "Alexander Lukashenko", "ed")
                  .ok());
  ExpectSameListings(Person("alexander-lukashenko"), 2, 3);
  ExpectSameListings(Topic("elections"), 2, 3);

  // Re-ingest with other quotes, then delete another article.
  Ingest(1, "a1", "Reuters",
         {{"We will never give up.", "Maria Kolesnikova", SpeakerKind::kPerson,
           {"elections"}}});
  ExpectSameListings(Person("Maria Kolesnikova"), 2, 3);
  ExpectSameListings(Topic("protests"), 2, 4);
  ExpectSameListings(Source("AFP"), 2, 2);
  ASSERT_TRUE(store_->DeleteArticle("a3").ok());
  ExpectSameListings(Person("Maria Kolesnikova"), 2, 1);
  ExpectSameListings(Source("Reuters"), 2, 1);
}

TEST_P(ListingTest, ReopeningRebuildsStaleOrOtherFormatListings) {
  // Writes through a store without an encoder leave the listings stale...
  store_.reset();
  store_ = Open(nullptr);
  ASSERT_NE(store_, nullptr);
  auto none = store_->ListEncodedQuotes(Topic("protests"), PageOptions());
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
  Ingest(4, "a5", "Reuters",
         {{"A new quote.", "Maria Kolesnikova", SpeakerKind::kPerson,
           {"protests"}}});
  // ... and the next open with an encoder rebuilds them.
  store_.reset();
  store_ = Open(&encoder_);
  ASSERT_NE(store_, nullptr);
  ExpectSameListings(Person("Maria Kolesnikova"), 2, 5);
  ExpectSameListings(Topic("protests"), 3, 7);

  // Rows of another format are re-encoded too.
  store_.reset();
  OtherFormatEncoder other;
  store_ = Open(&other);
  store_.reset();
  store_ = Open(&encoder_);
  ASSERT_NE(store_, nullptr);
  ExpectSameListings(Person("Maria Kolesnikova"), 2, 5);
  ExpectSameListings(Topic("protests"), 3, 7);
  ExpectSameListings(Source("Reuters"), 4, 7);
  ExpectSameListings(Source("AFP"), 2, 3);
}

// Listings while a writer moves a quote between two people: once the writes
// stop, every listing shows where the quote ended up (no row or name a
// reader cached from a snapshot older than the last write survives it).
TEST_P(ListingTest, ReadsDuringWritesLeaveNothingStale) {
  auto listed = store_->ListQuotes(Person("the Kremlin"), PageOptions());
  ASSERT_TRUE(listed.ok() && listed->items.size() == 1);
  const std::string quote_id = listed->items[0].quote.id;
  std::atomic<bool> stop{false};
  std::vector<std::thread> readers;
  for (int t = 0; t < 3; ++t) {
    readers.emplace_back([&] {
      while (!stop.load()) {
        for (const char* who : {"alexander-lukashenko", "the Kremlin"}) {
          EXPECT_TRUE(store_->ListEncodedQuotes(Person(who), PageOptions()).ok());
        }
        EXPECT_TRUE(
            store_->ListEncodedQuotes(Topic("elections"), PageOptions()).ok());
      }
    });
  }
  for (int i = 0; i < 40; ++i) {
    ASSERT_TRUE(store_
                    ->ReattributeQuote(quote_id,
                                       i % 2 == 0 ? "Alexander Lukashenko"
                                                  : "the Kremlin",
                                       "ed")
                    .ok());
    ASSERT_TRUE(store_
                    ->RenamePerson("alexander-lukashenko",
                                   absl::StrCat("Alexander Lukashenko ", i),
                                   "ed")
                    .ok());
  }
  stop = true;
  for (std::thread& t : readers) t.join();
  // The last reattribution gave the quote back to the Kremlin.
  ExpectSameListings(Person("alexander-lukashenko"), 1, 2);
  ExpectSameListings(Person("the Kremlin"), 1, 1);
  ExpectSameListings(Topic("elections"), 2, 3);
}

INSTANTIATE_TEST_SUITE_P(CacheSizes, ListingTest, ::testing::Values(0, 64),
                         [](const ::testing::TestParamInfo<int>& info) {
                           return absl::StrCat("cache_mib_", info.param);
                         });

}  // namespace
}  // namespace quotewire
